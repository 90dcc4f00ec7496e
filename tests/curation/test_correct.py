"""Corrections: remove, reverse, re-type, re-qualify, and vocabulary additions.

Each runs on a copy of the small fixture, then the map must still pass `check` and
`fmt --check`, and `diff` against the copy made before must show the change as
what it is.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import run

ANALYSTS = 'Analysts say the Alpha Front "may be allied" with the Gamma Movement'


@pytest.fixture
def before(small: Path, tmp_path: Path) -> Path:
    """The map as it was before the correction, for `diff BEFORE`."""
    old = tmp_path / "before"
    shutil.copytree(small / "data", old / "data")
    shutil.copytree(small / "seeds", old / "seeds")
    return old


def _still_sound(before: Path) -> dict[str, object]:
    """check and fmt --check pass; the diff against `before`, as JSON."""
    checked = run("check")
    assert checked.exit_code == 0, checked.output
    formatted = run("fmt", "--check")
    assert formatted.exit_code == 0, formatted.output
    diffed = run("diff", str(before), "--format", "json")
    assert diffed.exit_code == 0, diffed.output
    return json.loads(diffed.stdout)  # type: ignore[no-any-return]


def test_remove_relation_deletes_it_and_diff_shows_it_removed(small: Path, before: Path) -> None:
    edges = small / "data" / "edges.yaml"
    result = run("remove-relation", "Alpha Front", "rival", "beta")
    assert result.exit_code == 0, result.output
    assert result.stdout == "removed alpha rival beta from data/edges.yaml\n"
    assert "Alpha Front and the Beta Brigade are bitter rivals" not in edges.read_text()
    assert "# Relations between the invented groups." in edges.read_text()
    diff = _still_sound(before)
    removed = diff["relations"]["removed"]  # type: ignore[index]
    assert [r["id"] for r in removed] == ["alpha/rival/beta"]
    assert diff["relations"]["added"] == [] and diff["relations"]["changed"] == []  # type: ignore[index]


def test_removing_the_last_relation_leaves_an_empty_list(small: Path, before: Path) -> None:
    for args in (("alpha", "rival", "beta"), ("beta", "absorbed_fighters_from", "gamma"), ("alpha", "allied", "gamma")):
        assert run("remove-relation", *args).exit_code == 0
    assert "edges: []\n" in (small / "data" / "edges.yaml").read_text()
    diff = _still_sound(before)
    assert len(diff["relations"]["removed"]) == 3  # type: ignore[index]


def test_remove_relation_that_is_not_there_names_it(small: Path) -> None:
    result = run("remove-relation", "alpha", "allied", "beta")
    assert result.exit_code == 2
    assert "no 'allied' relation from alpha to beta in data/edges.yaml" in result.stderr


def test_remove_evidence_takes_one_quote_and_refuses_the_last(small: Path, before: Path) -> None:
    added = run(
        "add-evidence",
        "alpha",
        "rival",
        "beta",
        "--doc",
        "memo",
        "--quote",
        "they have fought over the northern valleys",
    )
    assert added.exit_code == 0, added.output
    # Typed with straight quotes and other spacing: the quote is found by its words.
    result = run(
        "remove-evidence",
        "beta",
        "rival",
        "alpha",
        "--doc",
        "memo",
        "--quote",
        "The Alpha Front and the  Beta Brigade are bitter rivals",
    )
    assert result.exit_code == 0, result.output
    text = (small / "data" / "edges.yaml").read_text()
    assert "bitter rivals" not in text and "northern valleys" in text
    diff = _still_sound(before)
    (change,) = diff["relations"]["changed"]  # type: ignore[index]
    assert [q["quote"] for q in change["quotes_added"]] == ["they have fought over the northern valleys"]
    assert [q["quote"] for q in change["quotes_removed"]] == ["The Alpha Front and the Beta Brigade are bitter rivals"]

    last = run(
        "remove-evidence",
        "alpha",
        "rival",
        "beta",
        "--doc",
        "memo",
        "--quote",
        "they have fought over the northern valleys",
    )
    assert last.exit_code == 2
    assert "only quote of alpha rival beta" in last.stderr and "remove-relation" in last.stderr


def test_reverse_swaps_the_ends_of_a_directed_relation(small: Path, before: Path) -> None:
    result = run("reverse", "beta", "absorbed_fighters_from", "gamma")
    assert result.exit_code == 0, result.output
    assert (
        "  - source: gamma\n    target: beta\n    type: absorbed_fighters_from\n"
        in (small / "data" / "edges.yaml").read_text()
    )
    diff = _still_sound(before)
    (change,) = diff["relations"]["changed"]  # type: ignore[index]
    assert change["kind"] == "reversed"
    assert (change["new"]["source"], change["new"]["target"]) == ("gamma", "beta")


def test_reverse_refuses_a_symmetric_relation(small: Path) -> None:
    edges = small / "data" / "edges.yaml"
    text = edges.read_text()
    result = run("reverse", "alpha", "rival", "beta")
    assert result.exit_code == 2
    assert "'rival' is symmetric" in result.stderr
    assert edges.read_text() == text


def test_retype_changes_the_type_and_keeps_the_quotes(small: Path, before: Path) -> None:
    result = run("retype", "alpha", "rival", "beta", "--to", "absorbed_fighters_from")
    assert result.exit_code == 0, result.output
    diff = _still_sound(before)
    (change,) = diff["relations"]["changed"]  # type: ignore[index]
    assert change["kind"] == "re-typed"
    assert change["changes"]["type"] == {"old": "rival", "new": "absorbed_fighters_from"}
    assert [q["quote"] for q in change["new"]["evidence"]] == ["The Alpha Front and the Beta Brigade are bitter rivals"]


def test_retype_into_a_duplicate_is_refused_with_checks_message(small: Path) -> None:
    assert (
        run(
            "add-relation", "alpha", "rival", "gamma", "--doc", "memo", "--quote", "Analysts say the Alpha Front"
        ).exit_code
        == 0
    )
    edges = small / "data" / "edges.yaml"
    text = edges.read_text()
    result = run("retype", "alpha", "allied", "gamma", "--to", "rival")
    assert result.exit_code == 1
    assert "duplicate 'rival' relation" in result.stderr and "nothing was written" in result.stderr
    assert edges.read_text() == text


def test_edit_evidence_takes_off_a_speaker_and_changes_a_hedge(small: Path, before: Path) -> None:
    result = run(
        "edit-evidence", "alpha", "allied", "gamma", "--doc", "memo", "--quote", ANALYSTS, "--attributed-to", ""
    )
    assert result.exit_code == 0, result.output
    text = (small / "data" / "edges.yaml").read_text()
    assert "attributed_to" not in text and "confidence: possible" in text
    diff = _still_sound(before)
    (change,) = diff["relations"]["changed"]  # type: ignore[index]
    (requalified,) = change["quotes_changed"]
    assert (requalified["old"]["attributed_to"], requalified["new"]["attributed_to"]) == ("analysts", None)
    assert requalified["new"]["confidence"] == "possible"


def test_edit_evidence_adds_a_note_where_fmt_puts_it(small: Path, before: Path) -> None:
    result = run(
        "edit-evidence", "alpha", "allied", "gamma", "--doc", "memo", "--quote", ANALYSTS, "--note", "read: maybe"
    )
    assert result.exit_code == 0, result.output
    _still_sound(before)
    listed = json.loads(run("list", "evidence", "--format", "json").stdout)
    assert [q["note"] for q in listed if q["type"] == "allied"] == ["read: maybe"]


def test_edit_evidence_with_an_unknown_hedge_is_refused(small: Path) -> None:
    edges = small / "data" / "edges.yaml"
    text = edges.read_text()
    result = run("edit-evidence", "alpha", "allied", "gamma", "--doc", "memo", "--quote", ANALYSTS, "--hedge", "maybe")
    assert result.exit_code == 1
    assert "unknown confidence 'maybe'" in result.stderr
    assert edges.read_text() == text


@pytest.mark.parametrize(
    ("command", "args", "shown"),
    [
        (
            "add-type",
            [
                "split_from",
                "--label",
                "split from",
                "--directed",
                "true",
                "--sign",
                "-1",
                "--definition",
                "Part of the target left it.",
            ],
            "relation type 'split_from'",
        ),
        (
            "add-kind",
            ["state", "--label", "State", "--definition", "A sovereign state.", "--stix", "identity"],
            "actor kind 'state'",
        ),
        (
            "add-hedge",
            ["likely", "--label", "likely", "--definition", "Likely, probably.", "--rank", "2"],
            "confidence level 'likely'",
        ),
        (
            "add-source-kind",
            ["speech", "--label", "Speech", "--definition", "A speech.", "--csl", "speech"],
            "source kind 'speech'",
        ),
    ],
)
def test_vocabulary_additions_are_checked_kept_and_shown_in_diff(
    small: Path, before: Path, command: str, args: list[str], shown: str
) -> None:
    result = run(command, *args)
    assert result.exit_code == 0, result.output
    diff = _still_sound(before)
    assert [(t["vocabulary"], t["name"], t["kind"]) for t in diff["vocabularies"]] == [  # type: ignore[union-attr]
        (shown.split(" '")[0], args[0], "added")
    ]
    text = run("diff", str(before))
    assert f"+ {shown}" in text.stdout, text.stdout
    again = run(command, *args)
    assert again.exit_code == 2 and "is already there" in again.stderr


def test_a_new_type_is_usable_at_once(small: Path) -> None:
    assert (
        run(
            "add-type",
            "split_from",
            "--label",
            "split from",
            "--directed",
            "true",
            "--sign",
            "-1",
            "--definition",
            "Left it.",
        ).exit_code
        == 0
    )
    result = run(
        "add-relation", "gamma", "split_from", "beta", "--doc", "memo", "--quote", "when Gamma’s commanders defected"
    )
    assert result.exit_code == 0, result.output
    assert run("check").exit_code == 0


# --- actors -------------------------------------------------------------------------------------


def test_remove_actor_refuses_one_with_relations_and_removes_one_without(small: Path, before: Path) -> None:
    refused = run("remove-actor", "gamma movement")
    assert refused.exit_code == 2
    assert "'gamma' has 2 relations (beta absorbed_fighters_from gamma, alpha allied gamma)" in refused.stderr
    assert run("add-actor", "--id", "delta", "--name", "Delta Cell", "--kind", "militant_group").exit_code == 0
    result = run("remove-actor", "Delta Cell")
    assert result.exit_code == 0, result.output
    assert "Delta Cell" not in (small / "data" / "actors.yaml").read_text()
    diff = _still_sound(before)
    assert diff["actors"]["added"] == [] and diff["actors"]["removed"] == []  # type: ignore[index]


def test_remove_alias_keeps_the_flow_list_and_drops_the_key_with_the_last(small: Path, before: Path) -> None:
    actors = small / "data" / "actors.yaml"
    assert run("remove-alias", "beta", "the brigade").exit_code == 0
    assert "    aliases: [BB]\n" in actors.read_text()
    assert run("remove-alias", "beta", "BB").exit_code == 0
    assert "aliases" not in actors.read_text().split("id: beta")[1].split("id: gamma")[0]
    diff = _still_sound(before)
    (change,) = diff["actors"]["changed"]  # type: ignore[index]
    assert change["changes"]["aliases"] == {"old": ["BB", "the Brigade"], "new": []}
    missing = run("remove-alias", "beta", "BB")
    assert missing.exit_code == 2 and "is not an alias of 'beta'" in missing.stderr


def test_edit_actor_sets_and_takes_off_fields_where_fmt_puts_them(small: Path, before: Path) -> None:
    result = run("edit-actor", "AF", "--region", "The south", "--description", "", "--founded", "1999")
    assert result.exit_code == 0, result.output
    text = (small / "data" / "actors.yaml").read_text()
    alpha = text.split("id: alpha")[1].split("- id:")[0]
    assert "description" not in alpha and "region: The south\n    founded: 1999\n" in alpha, alpha
    diff = _still_sound(before)
    (change,) = diff["actors"]["changed"]  # type: ignore[index]
    assert change["changes"]["region"] == {"old": None, "new": "The south"}


def test_edit_actor_refuses_a_name_another_actor_has(small: Path) -> None:
    actors = small / "data" / "actors.yaml"
    text = actors.read_text()
    result = run("edit-actor", "alpha", "--name", "Beta Brigade")
    assert result.exit_code == 1
    assert "its name 'Beta Brigade' is also a name of actor 'alpha'" in result.stderr
    assert actors.read_text() == text


def test_edit_relation_dates_and_annotates_a_relation_and_leaves_its_quotes(small: Path, before: Path) -> None:
    """A relation accepted from a proposal has no dates: edit-relation gives it its period and a
    note, where fmt puts them, and takes one off with ""; its quotes keep their qualifiers."""
    edges = small / "data" / "edges.yaml"
    result = run("edit-relation", "alpha", "allied", "Gamma Movement", "--since", "2015", "--note", "Read loosely.")
    assert result.exit_code == 0, result.output
    assert result.stdout == "changed alpha allied gamma in data/edges.yaml\n"
    record = edges.read_text().split("  - source: alpha\n    target: gamma\n")[1].split("  - source:")[0]
    assert record.startswith("    type: allied\n    since: 2015\n    note: Read loosely.\n    evidence:\n"), record
    assert "        attributed_to: analysts\n        confidence: possible\n" in record
    diff = _still_sound(before)
    (change,) = diff["relations"]["changed"]  # type: ignore[index]
    assert change["changes"]["since"] == {"old": None, "new": "2015"}
    assert change["quotes_changed"] == []
    assert run("edit-relation", "alpha", "allied", "gamma", "--note", "").exit_code == 0
    assert "note:" not in edges.read_text().split("target: gamma")[1].split("  - source:")[0]


def test_edit_relation_refuses_an_end_before_its_start_and_writes_nothing(small: Path) -> None:
    edges = small / "data" / "edges.yaml"
    text = edges.read_text()
    result = run("edit-relation", "beta", "absorbed_fighters_from", "gamma", "--until", "2001")
    assert result.exit_code == 1, result.output
    assert "'since' (2018) is after 'until' (2001)" in result.stderr
    assert edges.read_text() == text
    nothing = run("edit-relation", "beta", "absorbed_fighters_from", "gamma")
    assert nothing.exit_code == 2 and "say what to change: since, until, note" in nothing.stderr


def test_remove_review_opens_the_pair_again_and_lets_its_actor_go(small: Path, before: Path) -> None:
    """A review naming an actor kept `remove-actor` refused with nothing but check's message;
    remove-review withdraws it, and coverage counts the pair open again."""
    actors = small / "data" / "actors.yaml"
    actors.write_text(actors.read_text() + "  - id: delta\n    name: Delta Cell\n    kind: militant_group\n")
    memo = small / "seeds" / "memo.txt"
    memo.write_text(memo.read_text() + "\nThe Delta Cell met the Alpha Front once, long ago.\n")
    shutil.copytree(small / "data", before / "data", dirs_exist_ok=True)
    shutil.copytree(small / "seeds", before / "seeds", dirs_exist_ok=True)
    added = run(
        "add-review", "memo", "The Delta Cell met the Alpha Front", "--pair", "delta", "AF", "--reason", "A meeting."
    )
    assert added.exit_code == 0, added.output
    refused = run("remove-actor", "delta")
    assert refused.exit_code == 1 and "reviewed.yaml" in refused.stderr, refused.output
    missing = run("remove-review", "memo", "The Delta Cell met the Alpha Front", "--pair", "delta", "beta")
    assert missing.exit_code == 2 and "no review of the pair beta – delta" in missing.stderr, missing.output
    result = run("remove-review", "memo", "The Delta Cell met the Alpha Front", "--pair", "Alpha Front", "delta")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("removed the review on line ") and "data/reviewed.yaml" in result.stdout
    assert "reviewed: []\n" in (small / "data" / "reviewed.yaml").read_text()
    diff = _still_sound(before)
    assert diff["reviewed"]["added"] == [] and diff["reviewed"]["removed"] == []  # type: ignore[index]
    cov = json.loads(run("coverage", "--format", "json").stdout)["summary"]
    assert cov["open"] >= 1
    assert run("remove-actor", "delta").exit_code == 0
