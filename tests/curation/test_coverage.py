"""`actorgraph coverage`: sentences naming two or more actors, cited, reviewed or open."""

from __future__ import annotations

import json
from pathlib import Path

from actorgraph.curation.coverage import mentions, names
from actorgraph.dataset.model import Actor, Location

from tests.conftest import run

AT = Location("t")


def _finder() -> list:
    return names(
        [
            Actor(id="isis-k", name="ISIS-K", kind="g", location=AT, aliases=("Islamic State Khorasan",)),
            Actor(id="islamic-state", name="Islamic State", kind="g", location=AT, aliases=("ISIS", "IS")),
            Actor(id="united-states", name="United States", kind="s", location=AT, aliases=("US", "U.S.")),
            Actor(id="hts", name="Hayat Tahrir al-Sham", kind="g", location=AT, aliases=("Hay'at Tahrir al-Sham",)),
        ]
    )


def test_names_are_found_as_a_reader_would() -> None:
    text = (
        "ISIS-K is not ISIS; it told us the U.S. and the Islamic State Khorasan and Hay’at Tahrir al-Sham differ. "
        "Many joined Islamic State – Khorasan (not the Islamic State, Khorasan branch)."
    )
    found = [(text[s:e], actor) for s, e, actor in mentions(text, _finder())]
    assert found == [
        ("ISIS-K", "isis-k"),  # not also "ISIS"
        ("ISIS", "islamic-state"),
        ("U.S", "united-states"),  # "us" and "is" are words, not actors
        ("Islamic State Khorasan", "isis-k"),  # the longest name wins over "Islamic State"
        ("Hay’at Tahrir al-Sham", "hts"),  # curly apostrophe for straight
        ("Islamic State – Khorasan", "isis-k"),  # any dash, with or without spaces
        ("Islamic State", "islamic-state"),  # a comma parts two names
    ]


def test_small_dataset_is_fully_cited(small: Path) -> None:
    result = run("coverage")
    assert result.exit_code == 0, result.output
    assert " ".join(result.stdout.split()).endswith(
        "All sources: 3 sentences name two or more actors: 3 cited, 0 reviewed, 0 open (100% covered)"
    )


def test_uncited_sentence_is_open_until_encoded_or_reviewed(small: Path) -> None:
    edges = small / "data" / "edges.yaml"
    text = edges.read_text()
    start = text.index("  - source: alpha\n    target: beta")
    end = text.index("  - source: beta\n    target: gamma")
    edges.write_text(text[:start] + text[end:])
    result = run("coverage")
    assert "memo (memo.txt): 3 sentences name two or more actors: 2 cited, 0 reviewed, 1 open" in " ".join(
        result.stdout.split()
    )
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


def test_kabul_data_has_no_open_sentences(kabul: Path) -> None:
    data = json.loads(run("coverage", "--format", "json").stdout)
    open_ = [s["text"] for s in data["sentences"] if s["status"] == "open"]
    assert open_ == []
    assert data["summary"]["sentences"] >= 30


PASSAGE = (
    "The Pakistani Taliban (TTP) is an umbrella organization of various Islamist armed militant groups "
    "operating along the Afghan–Pakistani border.[25][26] Most Taliban groups in Pakistan coalesce under "
    "the TTP.[update] In 2015, many of its commanders joined Islamic State – Khorasan Province, a.k.a. ISKP. "
    "The TTP's leader, Gen. Mehsud, said the U.S. had killed its founder. It was founded in 2007."
)
PASSAGE_SOURCES = """source_kinds:
  encyclopedia:
    label: Encyclopedia entry
    definition: A reference work.
sources:
  - id: wiki-ttp
    file: ttp.txt
    kind: encyclopedia
    about: ttp
"""
PASSAGE_ACTORS = """actor_kinds:
  group:
    label: Group
    definition: A group.
  state:
    label: State
    definition: A state.
actors:
  - id: ttp
    name: Tehrik-e-Taliban Pakistan
    aliases: [TTP, Pakistani Taliban]
    kind: group
  - id: taliban
    name: Taliban
    aliases: [Afghan Taliban]
    kind: group
  - id: isis-k
    name: ISIS-K
    aliases: [ISKP, Islamic State Khorasan Province]
    kind: group
  - id: united-states
    name: United States
    aliases: [U.S., US]
    kind: state
"""


def test_a_real_passage_has_one_item_per_sentence_and_its_subject(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "ttp.txt").write_text(PASSAGE)
    (tmp_path / "seeds" / "sources.yaml").write_text(PASSAGE_SOURCES)
    (tmp_path / "data" / "actors.yaml").write_text(PASSAGE_ACTORS)
    (tmp_path / "data" / "edges.yaml").write_text(
        "relation_types:\n  absorbed_fighters_from:\n    label: absorbed fighters from\n    directed: true\n"
        "    sign: -1\n    definition: d\nedges: []\n"
    )
    monkeypatch.chdir(tmp_path)
    data = json.loads(run("coverage", "--format", "json").stdout)
    items = [(s["text"][:30], s["actors"]) for s in data["sentences"]]
    assert items == [
        ("Most Taliban groups in Pakista", ["taliban", "ttp"]),
        ("In 2015, many of its commander", ["ttp", "isis-k"]),  # "Islamic State – Khorasan Province" is ISIS-K
        ("The TTP's leader, Gen. Mehsud,", ["ttp", "united-states"]),  # "Gen." and "U.S." end nothing
    ]
    assert data["sources"]["wiki-ttp"]["open"] == 3

    edges = tmp_path / "data" / "edges.yaml"
    edges.write_text(
        edges.read_text().replace(
            "edges: []\n",
            "edges:\n  - source: isis-k\n    target: ttp\n    type: absorbed_fighters_from\n    evidence:\n"
            "      - doc: wiki-ttp\n        quote: many of its commanders joined Islamic State – Khorasan Province\n",
        )
    )
    data = json.loads(run("coverage", "--format", "json").stdout)
    assert [s["status"] for s in data["sentences"]] == ["open", "cited", "open"]


def test_unregistered_texts_are_named_by_check_and_coverage(small: Path) -> None:
    (small / "seeds" / "forgotten.txt").write_text("A text nobody registered.")
    result = run("check")
    assert result.exit_code == 0, result.output
    assert "warning: seeds/forgotten.txt: no source in sources.yaml registers this text" in result.stderr
    assert "Not covered: seeds/forgotten.txt" in " ".join(run("coverage").stdout.split())


def test_a_name_with_its_own_punctuation_is_found_as_written() -> None:
    finder = names(
        [
            Actor(id="smith", name='The "Smith & Sons" Front', kind="g", location=AT),
            Actor(id="jaish", name="Jaish, al-Adl", kind="g", location=AT),
            Actor(id="beta", name="Beta Brigade", kind="g", location=AT),
        ]
    )
    text = 'The "Smith & Sons" Front fought Jaish, al-Adl. The Smith, Sons Front did not exist; nor Beta, Brigade.'
    found = [(text[s:e], actor) for s, e, actor in mentions(text, finder)]
    assert found == [('The "Smith & Sons" Front', "smith"), ("Jaish, al-Adl", "jaish")]
