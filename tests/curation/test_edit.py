"""fmt, add-actor and add-relation: edits that keep the curator's comments and layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from actorgraph.curation.edit import slug

from tests.conftest import run


def _comments(path: Path) -> list[str]:
    return [line for line in path.read_text().splitlines() if line.lstrip().startswith("#")]


def test_shipped_data_is_canonical(kabul: Path) -> None:
    result = run("fmt", "--check")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


def test_fmt_orders_keys_and_keeps_comments(small: Path) -> None:
    edges = small / "data" / "edges.yaml"
    messy = edges.read_text().replace(
        "  - source: alpha\n    target: beta\n    type: rival\n",
        "  - type: rival   # keep me\n    target: beta\n    source: alpha\n",
    )
    edges.write_text(messy)
    check = run("fmt", "--check")
    assert check.exit_code == 1
    assert "-  - type: rival   # keep me" in check.stdout
    assert "1 file(s) not in canonical form: data/edges.yaml" in check.stderr
    assert edges.read_text() == messy  # --check changes nothing

    assert run("fmt").exit_code == 0
    tidy = edges.read_text()
    assert "  - source: alpha\n    target: beta\n    type: rival   # keep me\n" in tidy
    assert _comments(edges) == ["# Relations between the invented groups."]
    assert run("fmt", "--check").exit_code == 0  # idempotent
    assert run("check").exit_code == 0


def test_add_relation_appends_and_keeps_comments(small: Path) -> None:
    edges = small / "data" / "edges.yaml"
    before = edges.read_text()
    result = run(
        "add-relation",
        "BB",
        "rival",
        "gamma movement",
        "--doc",
        "memo",
        "--quote",
        "they have fought over the northern valleys",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "added beta rival gamma to data/edges.yaml\n"
    after = edges.read_text()
    assert after.startswith(before)  # nothing that was there moved
    assert after[len(before) :] == (
        "  - source: beta\n"
        "    target: gamma\n"
        "    type: rival\n"
        "    evidence:\n"
        "      - doc: memo\n"
        '        quote: "they have fought over the northern valleys"\n'
    )
    assert run("check").stdout.startswith("3 actors, 4 relations")
    assert run("fmt", "--check").exit_code == 0


def test_add_relation_refuses_what_check_refuses_and_writes_nothing(small: Path) -> None:
    edges = small / "data" / "edges.yaml"
    before = edges.read_bytes()
    result = run("add-relation", "alpha", "rival", "gamma", "--doc", "memo", "--quote", "they have long fought")
    assert result.exit_code == 1
    assert (
        "data/edges.yaml: in the new record: edge alpha -> gamma, evidence 1: quote not found in 'memo'"
        in result.stderr
    )
    assert result.stderr.rstrip().endswith("nothing was written.")
    result = run("add-relation", "alpha", "rival", "delta", "--doc", "memo", "--quote", "bitter rivals")
    assert "unknown actor 'delta'" in result.stderr
    result = run("add-relation", "beta", "rival", "alpha", "--doc", "memo", "--quote", "bitter rivals")
    assert "data/edges.yaml:24: beta already has the relation 'rival' with alpha" in result.stderr
    assert edges.read_bytes() == before


def test_add_actor_appends_in_house_style_and_refuses_clashes(small: Path) -> None:
    actors = small / "data" / "actors.yaml"
    result = run(
        "add-actor",
        "--id",
        "delta",
        "--name",
        "Delta Cell",
        "--kind",
        "militant_group",
        "--alias",
        "DC",
        "--founded",
        "2019",
    )
    assert result.exit_code == 0, result.output
    assert actors.read_text().endswith(
        "  - id: delta\n    name: Delta Cell\n    aliases: [DC]\n    kind: militant_group\n    founded: 2019\n"
    )
    assert _comments(actors) == ["# Three invented groups: the smallest dataset that exercises every field."]
    before = actors.read_bytes()
    clash = run("add-actor", "--id", "echo", "--name", "Beta Brigade", "--kind", "militant_group")
    assert clash.exit_code == 1
    assert "actor 'echo': its name 'Beta Brigade' is also a name of actor 'beta'" in clash.stderr
    assert actors.read_bytes() == before


PASSAGE = (
    "The Beta Brigade\n\nThe Beta Brigade is an invented group.[1] In 2019 it fought the Alpha Front "
    "near the river.[2][update] Its leaders, a.k.a. the Council, met the Gamma Movement.\r\n"
)


def test_add_source_copies_the_text_and_registers_it(small: Path, tmp_path: Path) -> None:
    text = tmp_path / "beta article.txt"
    text.write_bytes(PASSAGE.encode("utf-8"))
    result = run(
        "add-source", str(text), "--title", "The Beta Brigade", "--kind", "report",
        "--url", "https://example.org/beta", "--published", "2020-01-15", "--accessed", "2026-11",
        "--licence", "CC BY-SA 4.0", "--language", "en", "--about", "beta",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    copied = small / "seeds" / "the-beta-brigade.txt"
    assert copied.read_text() == PASSAGE.replace("\r\n", "\n")
    sources = (small / "seeds" / "sources.yaml").read_text()
    assert "  - id: the-beta-brigade\n    file: the-beta-brigade.txt\n    kind: report\n" in sources
    assert "    published: '2020-01-15'\n" in sources and "    licence: CC BY-SA 4.0\n" in sources
    assert run("check").exit_code == 0
    again = run("add-source", str(text), "--id", "other", "--kind", "report")
    assert again.exit_code == 2 and "already registered as 'the-beta-brigade'" in again.stderr
    same_id = run("add-source", str(small / "seeds" / "memo.txt"), "--id", "the-beta-brigade", "--kind", "report")
    assert same_id.exit_code == 2 and "already registered" in same_id.stderr
    other = tmp_path / "other.txt"
    other.write_text("Another text about the Alpha Front.")
    bad = run("add-source", str(other), "--id", "x", "--kind", "blog")
    assert bad.exit_code == 2 and "unknown source kind 'blog'" in bad.stderr
    assert not (small / "seeds" / "x.txt").exists()


def test_the_bibliography_and_stix_carry_what_a_source_says_of_itself(small: Path, tmp_path: Path) -> None:
    import json

    text = tmp_path / "b.txt"
    text.write_text(PASSAGE)
    run("add-source", str(text), "--id", "beta-art", "--title", "The Beta Brigade", "--kind", "report",
        "--outlet", "Gazette", "--url", "https://example.org/beta", "--published", "2020-01-15")  # fmt: skip
    run("add-evidence", "alpha", "rival", "beta", "--doc", "beta-art", "--quote", "In 2019 it fought the Alpha Front")
    assert "beta-art: The Beta Brigade”. Gazette. 2020-01-15. https://example.org/beta" in " ".join(
        run("sources").stdout.split()
    ).replace("“", "")
    csl = json.loads(run("sources", "--format", "csl-json").stdout)
    item = next(i for i in csl if i["id"] == "beta-art")
    assert item["issued"] == {"date-parts": [[2020, 1, 15]]} and item["URL"] == "https://example.org/beta"
    bundle = json.loads(run("export", "--format", "stix").stdout)
    report = next(o for o in bundle["objects"] if o["type"] == "report" and o["name"] == "The Beta Brigade")
    assert report["published"].startswith("2020-01-15") and report["created"].startswith("2020-01-15")
    assert report["external_references"][0]["url"] == "https://example.org/beta"


def test_add_evidence_adds_a_quote_to_an_existing_relation(small: Path, tmp_path: Path) -> None:
    text = tmp_path / "b.txt"
    text.write_text(PASSAGE)
    run("add-source", str(text), "--id", "beta-art", "--kind", "report", "--about", "beta")
    edges = small / "data" / "edges.yaml"
    before = edges.read_text()
    result = run("add-evidence", "BB", "rival", "alpha front", "--doc", "beta-art",
                 "--quote", "In 2019 it fought the Alpha Front", "--note", "fighting as rivalry")  # fmt: skip
    assert result.exit_code == 0, result.output
    after = edges.read_text()
    added = (
        '        quote: "The Alpha Front and the Beta Brigade are bitter rivals"\n'
        "      - doc: beta-art\n"
        '        quote: "In 2019 it fought the Alpha Front"\n'
        "        note: fighting as rivalry\n"
    )
    assert added in after
    assert after.replace(added, '        quote: "The Alpha Front and the Beta Brigade are bitter rivals"\n') == before
    cov = " ".join(run("coverage", "--all").stdout.split())
    assert "[cited] “In 2019 it fought the Alpha Front near the river.[2][update]”" in cov
    refused = run("add-evidence", "alpha", "rival", "beta", "--doc", "beta-art", "--quote", "they never fought")
    assert refused.exit_code == 1 and "quote not found in 'beta-art'" in refused.stderr
    assert edges.read_text() == after
    missing = run("add-evidence", "alpha", "allied", "beta", "--doc", "memo", "--quote", "bitter rivals")
    assert missing.exit_code == 2 and "add-relation alpha allied beta" in missing.stderr


def test_add_relation_on_an_existing_relation_points_at_add_evidence(small: Path) -> None:
    result = run("add-relation", "beta", "rival", "alpha", "--doc", "memo", "--quote", "are bitter rivals")
    assert result.exit_code == 2
    assert "already has the relation 'rival' with alpha; add this quote to it with `actorgraph add-evidence" in (
        result.stderr
    )


def test_add_alias_keeps_the_layout(small: Path) -> None:
    actors = small / "data" / "actors.yaml"
    assert run("add-alias", "beta", "The B.B.").exit_code == 0
    assert "    aliases: [BB, the Brigade, The B.B.]\n" in actors.read_text()
    assert run("add-alias", "gamma", "yes").exit_code == 0  # a word YAML would read as true
    assert '    name: Gamma Movement\n    aliases: ["yes"]\n' in actors.read_text()
    assert run("check").exit_code == 0
    clash = run("add-alias", "alpha", "Gamma Movement")
    assert clash.exit_code == 1 and "is also a name of actor 'gamma'" in clash.stderr
    twice = run("add-alias", "beta", "bb")
    assert twice.exit_code == 2 and "already a name of 'beta'" in twice.stderr


def test_an_unknown_actor_is_named_when_actors_yaml_holds_no_mapping(small: Path) -> None:
    """Every actor in the folder beside it, actors.yaml left with a comment only: an unknown name
    is still refused as unknown (exit 2), not a crash reading a file with no `actors:` key."""
    data = small / "data"
    (data / "actors").mkdir()
    (data / "actors" / "all.yaml").write_text((data / "actors.yaml").read_text())
    (data / "actors.yaml").write_text("# the actors are in actors/\n")
    result = run("add-alias", "nosuch", "Nobody")
    assert result.exit_code == 2, result.output
    assert "unknown actor 'nosuch' in data/actors.yaml" in result.stderr


def test_a_hedge_given_with_add_relation_is_its_quotes_not_every_later_ones(small: Path) -> None:
    edges = small / "data" / "edges.yaml"
    result = run("add-relation", "beta", "allied", "gamma", "--doc", "memo", "--confidence", "possible",
                 "--attributed-to", "analysts", "--quote", "absorbed fighters from the Gamma Movement")  # fmt: skip
    assert result.exit_code == 0, result.output
    run("add-evidence", "beta", "allied", "gamma", "--doc", "memo", "--quote", "The Beta Brigade absorbed fighters")
    card = " ".join(run("show", "gamma").stdout.split())
    assert "“absorbed fighters from the Gamma Movement” — memo; according to analysts; possible" in card
    assert "“The Beta Brigade absorbed fighters” — memo Note" not in card
    assert "“The Beta Brigade absorbed fighters” — memo " in card + " "
    again = run(
        "add-evidence", "beta", "allied", "gamma", "--doc", "memo", "--quote", "The Beta Brigade absorbed fighters"
    )
    assert again.exit_code == 1 and "the same words from 'memo' as evidence 2" in again.stderr
    assert "  - source: beta\n    target: gamma\n    type: allied\n    evidence:\n" in edges.read_text()


# --- a qualifier belongs to its quote -----------------------------------------------------------

SECOND_TEXT = (
    "A field report, invented for actorgraph's tests.\n\n"
    "The Alpha Front works openly with the Gamma Movement in the south.\n"
    "Nothing suggests that the Alpha Front ever stood with the Gamma Movement in the north.\n"
)


def _every(value: object, key: str, wanted: str) -> list[dict[str, object]]:
    """Every mapping anywhere in `value` whose `key` is `wanted` (a page's data, whatever its shape)."""
    found = []
    if isinstance(value, dict):
        if value.get(key) == wanted:
            found.append(value)
        for v in value.values():
            found += _every(v, key, wanted)
    elif isinstance(value, list):
        for v in value:
            found += _every(v, key, wanted)
    return found


def test_a_quote_added_to_an_attributed_relation_is_no_one_elses_in_any_output(small: Path) -> None:
    import csv
    import io
    import json

    from actorgraph.outputs.page import read_payload

    (small / "report.txt").write_text(SECOND_TEXT)
    added = run("add-source", "report.txt", "--id", "field-report", "--kind", "report")
    assert added.exit_code == 0, added.output
    words = "The Alpha Front works openly with the Gamma Movement"
    result = run("add-evidence", "alpha", "allied", "gamma", "--doc", "field-report", "--quote", words)
    assert result.exit_code == 0, result.output
    edges = (small / "data" / "edges.yaml").read_text()
    assert edges.count("attributed_to: analysts") == 1  # written on the analysts' own quote only

    listed = json.loads(run("list", "evidence", "--format", "json").stdout)
    mine = [row for row in listed if row["quote"] == words]
    assert [(r["attributed_to"], r["confidence"]) for r in mine] == [(None, None)], mine
    theirs = [row for row in listed if row["doc"] == "memo" and row["type"] == "allied"]
    assert [(r["attributed_to"], r["confidence"]) for r in theirs] == [("analysts", "possible")]

    shown = json.loads(run("show", "alpha", "--format", "json").stdout)
    relation = next(h["relation"] for h in shown["relations"] if h["relation"]["type"] == "allied")
    # The relation now rests on a plain statement of its own author too: neither hedged nor only
    # the analysts' claim, and its sentence says so.
    assert (relation["confidence"], relation["attributed_to"]) == (None, None), relation
    assert relation["sentence"] == "Alpha Front —allied— Gamma Movement", relation["sentence"]

    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv").stdout)))
    allied = next(r for r in rows if r["type"] == "allied")
    line = next(q for q in allied["quotes"].splitlines() if words in q)
    assert "according to" not in line and "possible" not in line, line
    assert (allied["attributed_to"], allied["confidence"]) == ("", ""), allied

    page = small / "graph.html"
    assert run("build", "-o", str(page)).exit_code == 0
    on_page = _every(read_payload(page.read_text()), "quote", words)
    assert on_page and all(q.get("attributed_to") is None and q.get("confidence") is None for q in on_page)


def test_a_disputing_quote_is_not_credited_to_the_relations_other_speakers(small: Path) -> None:
    (small / "report.txt").write_text(SECOND_TEXT)
    assert run("add-source", "report.txt", "--id", "field-report", "--kind", "report").exit_code == 0
    words = "Nothing suggests that the Alpha Front ever stood with the Gamma Movement"
    result = run("add-evidence", "alpha", "allied", "gamma", "--doc", "field-report", "--quote", words, "--disputes")
    assert result.exit_code == 0, result.output
    checked = run("check")
    assert checked.exit_code == 0, checked.output
    # The dispute is the report's author's own; the supporting quote stays the analysts'.
    assert "* Alpha Front and Gamma Movement: field-report says that 'allied' does not hold\n" in checked.stdout
    assert "  - Alpha Front —allied— Gamma Movement  [possible, according to analysts]\n" in checked.stdout


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Café in Niamey: Ségou's “Report” (2019)", "cafe-in-niamey-segou-s-report-2019"),
        ("a" * 23 + " " + "b" * 24 + " c", "a" * 23 + "-" + "b" * 24),
        ("a" * 23 + " " + "b" * 25 + " c", "a" * 23),
        ("a" * 23 + " " + "b" * 26, "a" * 23),
    ],
    ids=["accents-and-punctuation", "exactly-48", "one-past-48-stops-there", "two-past-48"],
)
def test_a_slug_is_lowercase_ascii_words_joined_by_hyphens_up_to_48_characters(title: str, expected: str) -> None:
    """Accents are dropped, not the letters they sit on; punctuation separates words; whole words
    are kept while the slug stays within 48 characters, and the first word that would pass that
    ends it."""
    assert slug(title) == expected
