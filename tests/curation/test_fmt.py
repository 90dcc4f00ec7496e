"""fmt --migrate: data written for an earlier version brought up to date without changing what it says."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, run

OLD_STYLE = FIXTURES / "invalid" / "relation_level_qualifier" / "data" / "edges.yaml"


def _old_style(small: Path, *, comment: bool = False) -> Path:
    """The small map as an earlier version wrote it: the hedge and speaker on the relation, and
    a second quote of the analysts' that inherited them."""
    edges = small / "data" / "edges.yaml"
    text = OLD_STYLE.read_text()
    if comment:
        text = text.replace("    attributed_to: analysts\n", "    attributed_to: analysts  # as the memo puts it\n")
    edges.write_text(text)
    return edges


def test_fmt_refuses_to_lay_out_retired_keys_and_names_the_line(small: Path) -> None:
    edges = _old_style(small)
    before = edges.read_text()
    result = run("fmt", "--check")
    assert result.exit_code == 1
    assert "data/edges.yaml:40: 'confidence' on a relation is no longer read (and 1 more)" in result.stderr
    assert "actorgraph fmt --migrate" in result.stderr
    assert edges.read_text() == before


def test_fmt_migrate_moves_qualifiers_onto_each_quote_and_keeps_comments(small: Path) -> None:
    edges = _old_style(small, comment=True)
    assert run("check").exit_code == 1
    json_before = run("export", "--format", "json", "--data-dir", str(FIXTURES / "valid" / "data"))

    result = run("fmt", "--migrate")
    assert result.exit_code == 0, result.output
    text = edges.read_text()
    assert "    attributed_to:" not in text.replace("        attributed_to:", "")  # none left on a relation
    assert re.search(
        r"        quote: 'Analysts say the Alpha Front \"may be allied\" with the Gamma Movement'\n"
        r"        attributed_to: analysts +# as the memo puts it\n"
        r"        confidence: possible\n",
        text,
    ), text
    assert text.count("# Relations between the invented groups.") == 1
    checked = run("check")
    assert checked.exit_code == 0, checked.output
    assert run("fmt", "--check").exit_code == 0
    # What the data says did not change: the migrated map exports as the one written per quote.
    assert run("export", "--format", "json").stdout == json_before.stdout


def test_a_quote_keeps_its_own_qualifier_when_its_relation_had_another(small: Path) -> None:
    edges = _old_style(small)
    edges.write_text(
        edges.read_text().replace(
            "with the Gamma Movement'\n",
            "with the Gamma Movement'\n        attributed_to: the memo's sources\n",
        )
    )
    assert run("fmt", "--migrate").exit_code == 0
    assert run("check").exit_code == 0
    listed = json.loads(run("list", "evidence", "--format", "json").stdout)
    assert [(q["attributed_to"], q["confidence"]) for q in listed if q["type"] == "allied"] == [
        ("the memo's sources", "possible")
    ]


def test_diff_across_the_migration_shows_no_change(small: Path, tmp_path: Path) -> None:
    old = tmp_path / "old"
    shutil.copytree(small / "data", old / "data")
    shutil.copytree(small / "seeds", old / "seeds")
    (old / "data" / "edges.yaml").write_text(OLD_STYLE.read_text())
    result = run("diff", str(old))
    assert result.exit_code == 0, result.output
    assert "No actor or relation changed." in result.stdout, result.stdout


def test_migrate_names_each_quote_that_takes_a_qualifier_beside_others(small: Path) -> None:
    """A relation with two quotes and one speaker on the relation: an earlier version credited
    both to that speaker; the migration keeps that reading and asks for the quotes to be read again."""
    edges = _old_style(small)
    edges.write_text(
        edges.read_text().replace(
            "with the Gamma Movement'\n",
            'with the Gamma Movement\'\n      - doc: memo\n        quote: "The Beta Brigade absorbed fighters"\n',
        )
    )
    result = run("fmt", "--migrate")
    assert result.exit_code == 0, result.output
    review = [line for line in result.stderr.splitlines() if line.startswith("review: ")]
    assert len(review) == 4, result.stderr  # two quotes, each taking a hedge and a speaker
    lines = edges.read_text().splitlines()
    for entry in review:  # each names the line where the quote now carries it
        line = int(entry.split(":")[2])
        assert lines[line - 1].lstrip().startswith(("attributed_to:", "confidence:")), (entry, lines[line - 1])
    assert "the quote from 'memo' took its relation's speaker (attributed_to: analysts)" in review[0] + review[1]
    assert run("check").exit_code == 0


ALLIED = """\
    type: allied
    evidence:
      - doc: memo
        quote: 'Analysts say the Alpha Front "may be allied" with the Gamma Movement'
        attributed_to: analysts
        confidence: possible
"""
ANALYSTS = """quote: 'Analysts say the Alpha Front "may be allied" with the Gamma Movement'"""
SECOND = 'quote: "The Alpha Front and the Beta Brigade"'
LAST_CLAIM = """
  # the memo's last claim
  - source: gamma
    target: beta
    type: allied
    evidence:
      - doc: memo
        quote: "when Gamma’s commanders defected"
"""


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (  # before the quotes, into each quote before its own later keys; the comment to the first
            f"""    type: allied
    confidence: possible  # the memo hedges
    attributed_to: analysts
    evidence:
      - doc: memo
        {ANALYSTS}
        note: first
      - doc: memo
        {SECOND}
        stance: disputes
""",
            f"""    type: allied
    evidence:
      - doc: memo
        {ANALYSTS}
        attributed_to: analysts
        confidence: possible # the memo hedges
        note: first
      - doc: memo
        {SECOND}
        attributed_to: analysts
        confidence: possible
        stance: disputes
""",
        ),
        (  # after the quotes, each with its comment: the comments go with the first quote's copy
            f"""    type: allied
    evidence:
      - doc: memo
        {ANALYSTS}
      - doc: memo
        {SECOND}
    attributed_to: analysts  # they say so
    confidence: possible  # hedged
""",
            f"""    type: allied
    evidence:
      - doc: memo
        {ANALYSTS}
        attributed_to: analysts # they say so
        confidence: possible # hedged
      - doc: memo
        {SECOND}
        attributed_to: analysts
        confidence: possible
""",
        ),
        (  # the quote's last key has a comment and the next relation's comment below it: both stay
            f"""    type: allied
    confidence: possible  # hedged
    evidence:
      - doc: memo
        {ANALYSTS}
        attributed_to: analysts  # by name in the memo
{LAST_CLAIM}""",
            f"""    type: allied
    evidence:
      - doc: memo
        {ANALYSTS}
        attributed_to: analysts  # by name in the memo
        confidence: possible # hedged
{LAST_CLAIM}""",
        ),
        (  # neither key with a comment of its own: the next relation's comment still stays below
            f"""    type: allied
    confidence: possible
    evidence:
      - doc: memo
        {ANALYSTS}
        attributed_to: analysts
{LAST_CLAIM}""",
            f"""    type: allied
    evidence:
      - doc: memo
        {ANALYSTS}
        attributed_to: analysts
        confidence: possible
{LAST_CLAIM}""",
        ),
        (  # a key after the new one keeps the comment below it, as the quote's last key
            f"""    type: allied
    confidence: possible
    evidence:
      - doc: memo
        {ANALYSTS}
        note: the analysts' words
{LAST_CLAIM}""",
            f"""    type: allied
    evidence:
      - doc: memo
        {ANALYSTS}
        confidence: possible
        note: the analysts' words
{LAST_CLAIM}""",
        ),
    ]
    + [
        (  # a comment line below the last qualifier stays above what followed it
            f"""    type: allied
    attributed_to: analysts
    confidence: possible{comment}
    # the quotes, all the memo's
    evidence:
      - doc: memo
        {ANALYSTS}
""",
            f"""    type: allied
    # the quotes, all the memo's
    evidence:
      - doc: memo
        {ANALYSTS}
        attributed_to: analysts
        confidence: possible{comment.replace("  #", " #")}
""",
        )
        for comment in ("  # hedged", "")
    ],
    ids=[
        "before-the-quotes",
        "after-the-quotes",
        "comment-below-the-last-key",
        "comment-below-a-bare-last-key",
        "comment-below-a-later-key",
        "comment-line-below",
        "line-below-alone",
    ],
)
def test_migrate_moves_each_qualifier_in_order_and_its_comment_with_it(small: Path, old: str, new: str) -> None:
    """The whole file after `fmt --migrate`: the relation's hedge and speaker go onto each of
    its quotes that has none, in the canonical order, and nothing else in the file changes."""
    edges = small / "data" / "edges.yaml"
    original = edges.read_text()
    assert original.count(ALLIED) == 1
    edges.write_text(original.replace(ALLIED, old))
    result = run("fmt", "--migrate")
    assert result.exit_code == 0, result.output
    assert edges.read_text() == original.replace(ALLIED, new)
    assert run("check").exit_code == 0
    # Beside another quote, each quote that took a qualifier is named for review, at its line.
    lines = edges.read_text().splitlines()
    reviews = [line.split(":", 3) for line in result.stderr.splitlines() if line.startswith("review: ")]
    took = {"hedge": "confidence", "speaker": "attributed_to"}
    named = [
        (lines[int(row) - 1].split(":")[0].strip(), next(k for w, k in took.items() if f"relation's {w} (" in message))
        for _, _, row, message in reviews
    ]
    expected = ["attributed_to", "confidence"] * 2 if SECOND in new else []
    assert [key for key, _ in named] == expected and all(a == b for a, b in named), result.stderr


def test_fmt_puts_keys_entries_and_quotation_marks_back_in_canonical_form(small: Path) -> None:
    """The small map is canonical: shuffled top-level keys, a vocabulary entry's keys out of
    order and verbatim words in the other quotation marks are laid out as it was."""
    actors, edges = small / "data" / "actors.yaml", small / "data" / "edges.yaml"
    tidy_actors, tidy_edges = actors.read_text(), edges.read_text()
    tidy_actors = tidy_actors[tidy_actors.index("actor_kinds:\n") :]  # without the comment above the keys
    kinds = tidy_actors[: tidy_actors.index("actors:\n")]
    actors.write_text(tidy_actors.replace(kinds, "") + kinds)
    edges.write_text(
        tidy_edges.replace(
            "    label: rival\n    directed: false\n    sign: -1\n",
            "    sign: -1\n    directed: false\n    label: rival\n",
        ).replace(ANALYSTS, 'quote: "Analysts say the Alpha Front \\"may be allied\\" with the Gamma Movement"')
    )
    result = run("fmt")
    assert result.exit_code == 0, result.output
    assert actors.read_text() == tidy_actors
    assert edges.read_text() == tidy_edges


def test_fmt_names_the_first_retired_key_and_counts_the_rest_across_relations(small: Path) -> None:
    edges = small / "data" / "edges.yaml"
    edges.write_text(
        edges.read_text()
        .replace("    type: rival\n", "    type: rival\n    confidence: possible\n")
        .replace("    type: allied\n", "    type: allied\n    attributed_to: analysts\n")
        .replace("        attributed_to: analysts\n        confidence: possible\n", "")
    )
    result = run("fmt", "--check")
    assert result.exit_code == 1
    assert "data/edges.yaml:27: 'confidence' on a relation is no longer read (and 1 more)" in result.stderr


def test_migrate_passes_over_a_relation_that_is_not_a_record(small: Path) -> None:
    """A line of text in the list of relations (check reports it) does not stop the migration of
    the relations after it."""
    edges = small / "data" / "edges.yaml"
    original = edges.read_text().replace("edges:\n", "edges:\n  - just a line of text\n")
    beta = '      - doc: memo\n        quote: "The Beta Brigade absorbed fighters"\n'
    qualifiers = "        attributed_to: analysts\n        confidence: possible\n"
    old_style = ALLIED.replace(qualifiers, beta).replace(
        "    type: allied\n", "    type: allied\n    confidence: possible\n    attributed_to: analysts\n"
    )
    edges.write_text(original.replace(ALLIED, old_style))
    result = run("fmt", "--migrate")
    assert result.exit_code == 0, result.output
    assert edges.read_text() == original.replace(ALLIED, ALLIED + beta + qualifiers)
    assert len([line for line in result.stderr.splitlines() if line.startswith("review: ")]) == 4


@pytest.mark.parametrize(
    ("written", "laid_out"),
    [
        ("- a\n- b\n", "  - a\n  - b\n"),
        (
            "edges: 1\nrelation_types:\n  rival:\n    sign: -1\n    label: rival\n",
            "relation_types:\n  rival:\n    label: rival\n    sign: -1\nedges: 1\n",
        ),
    ],
    ids=["a-list", "edges-not-a-list"],
)
def test_migrate_lays_out_a_file_not_shaped_like_a_map_and_moves_nothing(
    small: Path, written: str, laid_out: str
) -> None:
    """A relations file whose top level is a list, or whose `edges:` is not one (check reports
    both): fmt --migrate has nothing to move and lays out the rest, without a traceback."""
    edges = small / "data" / "edges.yaml"
    edges.write_text(written)
    assert run("fmt", "--check").exit_code == 1
    result = run("fmt", "--migrate")
    assert result.exit_code == 0, result.output
    assert edges.read_text() == laid_out
    assert "review:" not in result.stderr


def test_a_file_fmt_refuses_leaves_every_file_as_it_was(small: Path) -> None:
    """fmt refuses a part whose layout would move a comment: then no file is rewritten, not even
    those before it that it could lay out ("nothing was reformatted" must be true)."""
    from tests.conftest import map_files

    actors = small / "data" / "actors.yaml"
    actors.write_text(
        actors.read_text().replace(
            "  - id: gamma\n    name: Gamma Movement\n", "  - name: Gamma Movement\n    id: gamma\n"
        )
    )
    (small / "data" / "actors").mkdir()
    shutil.copy(FIXTURES / "handmade" / "data" / "actors.yaml", small / "data" / "actors" / "more.yaml")
    before = map_files(small)
    result = run("fmt")
    assert result.exit_code == 1, result.output
    assert "data/actors/more.yaml" in result.stderr and "nothing was reformatted" in result.stderr, result.stderr
    assert map_files(small) == before


def _last_relation(small: Path, text: str) -> Path:
    """The small map with its last relation (alpha allied gamma) written as `text`."""
    edges = small / "data" / "edges.yaml"
    old = edges.read_text()
    edges.write_text(old[: old.index("  - source: alpha\n    target: gamma")] + text)
    return edges


BETA_QUOTE = 'quote: "The Beta Brigade absorbed fighters"'


def test_migrate_names_only_the_quotes_that_had_no_qualifier_of_their_own(small: Path) -> None:
    """The relation's hedge goes onto its first quote, which had none; the second had its own,
    keeps it and is not named for review. A comment line under the hedge, which stood second in
    the relation, stays where it was."""
    edges = _last_relation(
        small,
        f"""  - source: alpha
    confidence: possible
    # the hedge is the memo's
    target: gamma
    type: allied
    evidence:
      - doc: memo
        {ANALYSTS}
        attributed_to: analysts
      - doc: memo
        {BETA_QUOTE}
        confidence: possible
""",
    )
    result = run("fmt", "--migrate")
    assert result.exit_code == 0, result.output
    assert edges.read_text().endswith(
        f"""  - source: alpha
    # the hedge is the memo's
    target: gamma
    type: allied
    evidence:
      - doc: memo
        {ANALYSTS}
        attributed_to: analysts
        confidence: possible
      - doc: memo
        {BETA_QUOTE}
        confidence: possible
"""
    )
    review = [line for line in result.stderr.splitlines() if line.startswith("review: ")]
    assert review == [
        "review: data/edges.yaml:45: the quote from 'memo' took its relation's hedge (confidence: possible), as "
        "earlier versions read it; check that it is this quote's"
    ]


def test_migrate_refuses_to_drop_a_comment_line_it_has_no_place_for(small: Path) -> None:
    """A comment line under a retired key goes to the key above it, unless that key has a comment
    of its own: then there is no place for it, and the migration names it and writes nothing."""
    edges = _last_relation(
        small,
        f"""  - source: alpha
    target: gamma
    type: allied  # typed by hand
    attributed_to: analysts
    # both quotes the analysts'
    evidence:
      - doc: memo
        {ANALYSTS}
""",
    )
    before = edges.read_text()
    result = run("fmt", "--migrate")
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "error: data/edges.yaml:41: the canonical layout would lose or move the comment '# both quotes the "
        "analysts''; nothing was reformatted — lay this part out by hand (see `actorgraph fmt --check`)\n"
    )
    assert edges.read_text() == before
