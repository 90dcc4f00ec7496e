"""`actorgraph coverage`: sentences naming two or more actors, cited, reviewed or open."""

from __future__ import annotations

import json
from pathlib import Path

from actorgraph.curation.coverage import mentions, name_finder
from actorgraph.dataset.model import Actor, Location

from tests.conftest import run

AT = Location("t")


def _finder() -> list:
    return name_finder(
        [
            Actor("isis-k", "ISIS-K", "g", AT, aliases=("Islamic State Khorasan",)),
            Actor("islamic-state", "Islamic State", "g", AT, aliases=("ISIS", "IS")),
            Actor("united-states", "United States", "s", AT, aliases=("US", "U.S.")),
            Actor("hts", "Hayat Tahrir al-Sham", "g", AT, aliases=("Hay'at Tahrir al-Sham",)),
        ]
    )


def test_names_are_found_as_a_reader_would() -> None:
    text = "ISIS-K is not ISIS; it told us the U.S. and the Islamic State Khorasan and Hay’at Tahrir al-Sham differ."
    found = [(text[s:e], actor) for s, e, actor in mentions(text, _finder())]
    assert found == [
        ("ISIS-K", "isis-k"),  # not also "ISIS"
        ("ISIS", "islamic-state"),
        ("U.S.", "united-states"),  # "us" and "is" are words, not actors
        ("Islamic State Khorasan", "isis-k"),  # the longest name wins over "Islamic State"
        ("Hay’at Tahrir al-Sham", "hts"),  # curly apostrophe for straight
    ]


def test_small_dataset_is_fully_cited(small: Path) -> None:
    result = run("coverage")
    assert result.exit_code == 0, result.output
    assert result.stdout.rstrip().endswith(
        "3 sentences name two or more actors: 3 cited, 0 reviewed, 0 open (100% covered)"
    )


def test_uncited_sentence_is_open_until_encoded_or_reviewed(small: Path) -> None:
    edges = small / "data" / "edges.yaml"
    text = edges.read_text()
    start = text.index("  - source: alpha\n    target: beta")
    end = text.index("  - source: beta\n    target: gamma")
    edges.write_text(text[:start] + text[end:])
    result = run("coverage")
    assert "memo (memo.txt): 1 open of 3" in result.stdout
    assert "The Alpha Front and the Beta Brigade are bitter rivals" in result.stdout
    assert "names: Alpha Front, Beta Brigade" in result.stdout

    (small / "data" / "reviewed.yaml").write_text(
        "reviewed:\n  - doc: memo\n    sentence: are bitter rivals\n    reason: Testing the review path.\n"
    )
    data = json.loads(run("coverage", "--format", "json").stdout)
    assert data["summary"] == {"sentences": 3, "cited": 2, "reviewed": 1, "open": 0, "share_covered": 1.0}
    (reviewed,) = [s for s in data["sentences"] if s["status"] == "reviewed"]
    assert reviewed["reason"] == "Testing the review path."


def test_reviewed_sentences_are_checked_against_the_source(small: Path) -> None:
    (small / "data" / "reviewed.yaml").write_text(
        "reviewed:\n"
        "  - doc: memo\n    sentence: are sworn rivals\n    reason: x\n"
        "  - doc: mem\n    sentence: y\n    reason: z\n"
    )
    result = run("check")
    assert result.exit_code == 1
    assert "data/reviewed.yaml:3: reviewed sentence: quote not found in 'memo'" in result.stderr
    assert "data/reviewed.yaml:6: reviewed sentence: unknown source 'mem' (did you mean 'memo'?)" in result.stderr


def test_shipped_data_has_no_open_sentences(kabul: Path) -> None:
    data = json.loads(run("coverage", "--format", "json").stdout)
    open_ = [s["text"] for s in data["sentences"] if s["status"] == "open"]
    assert open_ == []
    assert data["summary"]["sentences"] >= 30
