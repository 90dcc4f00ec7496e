"""`actorgraph coverage`: sentences naming two or more actors, cited, reviewed or open."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from actorgraph.curation.coverage import mentions, names, sentence_names
from actorgraph.dataset.model import Actor, Location

from tests.conftest import FIXTURES, run

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


def test_a_short_name_the_map_does_not_know_keeps_a_text_from_100_percent(small: Path) -> None:
    result = run("coverage")
    assert result.exit_code == 0, result.output
    summary = " ".join(result.stdout.split())
    assert summary.endswith(
        "All sources: 3 sentences name two or more actors: 3 cited, 0 reviewed, 0 open (0 of 3 pairs open); "
        "not covered: 1 name the map does not know, in 1 sentence, so what they relate is not seen"
    )
    assert "%" not in summary  # "Gamma’s commanders" may be the Gamma Movement or someone else
    assert "Names the map does not know: Gamma" in summary
    added = run("add-review", "memo", "when Gamma’s commanders defected", "--reason", "Gamma: the Gamma Movement.")
    assert added.exit_code == 0, added.output
    summary = " ".join(run("coverage").stdout.split())
    assert summary.endswith(
        "3 sentences name two or more actors: 3 cited, 0 reviewed, 0 open (0 of 3 pairs open) (100% covered)"
    )


def test_uncited_sentence_is_open_until_encoded_or_reviewed(small: Path) -> None:
    run("add-review", "memo", "when Gamma’s commanders defected", "--reason", "Gamma: the Gamma Movement.")
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

    assert run("add-review", "memo", "are bitter rivals", "--reason", "Testing the review path.").exit_code == 0
    data = json.loads(run("coverage", "--format", "json").stdout)
    summary = {k: data["summary"][k] for k in ("sentences", "cited", "reviewed", "open", "share_covered", "complete")}
    assert summary == {"sentences": 3, "cited": 2, "reviewed": 1, "open": 0, "share_covered": 1.0, "complete": True}
    (reviewed,) = [s for s in data["sentences"] if s["status"] == "reviewed" and s["text"].startswith("The Alpha")]
    assert reviewed["reason"] == "Testing the review path."
    assert reviewed["pairs"] == [
        {"actors": ["alpha", "beta"], "status": "reviewed", "reason": "Testing the review path."}
    ]


def test_reviewed_sentences_are_checked_against_the_source(small: Path) -> None:
    (small / "data" / "reviewed.yaml").write_text(
        "reviewed:\n"
        "  - doc: memo\n    sentence: are sworn rivals\n    reason: x\n"
        "  - doc: mem\n    sentence: y\n    reason: z\n"
        "  - doc: memo\n    sentence: are bitter rivals\n    reason: r\n    pair: [alpha, betta]\n"
        "  - doc: memo\n    sentence: are bitter rivals\n    reason: r\n    pair: [alpha]\n"
    )
    result = run("check")
    assert result.exit_code == 1
    assert "data/reviewed.yaml:3: reviewed sentence: quote not found in 'memo'" in result.stderr
    assert "data/reviewed.yaml:6: reviewed sentence: unknown source 'mem' (did you mean 'memo'?)" in result.stderr
    assert "data/reviewed.yaml:9: reviewed sentence: 'pair' names unknown actor 'betta' (did you mean 'beta'?)" in (
        result.stderr
    )
    assert "data/reviewed.yaml:13: reviewed sentence: 'pair' must name two different actors, not ['alpha']" in (
        result.stderr
    )


def test_kabul_sentences_stay_open_until_every_pair_is_accounted_for(kabul: Path) -> None:
    data = json.loads(run("coverage", "--format", "json").stdout)
    (most,) = [s for s in data["sentences"] if s["text"].startswith("Most are associated with the Taliban")]
    # Quotes of the foreign fighters' relations lie in it, but none between the three it names.
    assert most["actors"] == ["taliban", "al-qaeda", "isis-k"]
    assert most["status"] == "open"
    assert [p["status"] for p in most["pairs"]] == ["open", "open", "open"]
    (enemies,) = [s for s in data["sentences"] if s["text"].startswith("Indeed, ISIS-K and the Taliban")]
    assert enemies["status"] == "cited"
    assert data["summary"]["sentences"] >= 30
    for doc in ("biden-luck", "mir-nyt"):  # both texts name places and people the map does not know
        assert data["sources"][doc]["share_covered"] is None
        assert data["sources"][doc]["complete"] is False
    assert {"Kabul", "Afghanistan", "Siraj Haqqani"} <= set(data["summary"]["unknown_names"])
    assert "Colin P. Clarke" in data["summary"]["unknown_names"]


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
    items = [(s["text"][:30], s["actors"]) for s in data["sentences"] if s["pairs"]]
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
    assert [s["status"] for s in data["sentences"] if s["pairs"]] == ["open", "cited", "open"]


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


@pytest.fixture
def pairs(project: Callable[[Path], Path]) -> Path:
    """A map whose text names India beside a cited pair, and known names inside unknown ones."""
    return project(FIXTURES / "pairs")


def test_a_sentence_with_one_pair_cited_stays_open(pairs: Path) -> None:
    data = json.loads(run("coverage", "--format", "json").stdout)
    (first,) = [s for s in data["sentences"] if s["text"].startswith("Pakistan supported")]
    assert first["status"] == "open"
    assert [(p["actors"], p["status"]) for p in first["pairs"]] == [
        (["pakistan", "taliban"], "cited"),
        (["pakistan", "india"], "open"),
        (["taliban", "india"], "open"),
    ]
    text = " ".join(run("coverage").stdout.split())
    assert "· Pakistan – India: open · Taliban – India: open" in text
    assert "Pakistan – Taliban" not in text  # only the open pairs, without --all


def test_names_the_map_does_not_know_are_listed_and_hide_the_names_inside_them(pairs: Path) -> None:
    data = json.loads(run("coverage", "--format", "json").stdout)
    by_start = {s["text"][:12]: s for s in data["sentences"]}
    joined = by_start["Many TTP mil"]
    assert joined["actors"] == ["ttp"]  # not also the Islamic State, whose name is inside the longer one
    assert joined["unknown_names"] == ["Islamic State of Iraq and the Levant – Khorasan Province"]
    assert joined["status"] == "unknown"
    rivals = by_start["The Tehreek-"]
    assert rivals["actors"] == []  # "Taliban" and "Pakistan" are inside "Tehreek-e-Taliban Pakistan"
    assert rivals["unknown_names"] == ["Tehreek-e-Taliban Pakistan", "Islamic State of Khorasan", "IS-K"]
    assert by_start["Pakistan sup"]["unknown_names"] == ["Afghanistan"]
    summary = data["sources"]["brief"]
    assert summary["share_covered"] is None and summary["complete"] is False
    text = " ".join(run("coverage").stdout.split())
    assert "%" not in text
    assert "not covered: 5 names the map does not know, in 3 sentences, so what they relate is not seen" in text


def test_a_pair_review_closes_that_pair_only_and_a_sentence_review_closes_the_rest(pairs: Path) -> None:
    words = "Pakistan supported the Taliban to keep India out"
    result = run("add-review", "brief", words, "--pair", "India", "taliban", "--reason", "India is kept out.")
    assert result.exit_code == 0, result.output
    (first,) = [s for s in json.loads(run("coverage", "--format", "json").stdout)["sentences"] if s["start"] < 60]
    assert [p["status"] for p in first["pairs"]] == ["cited", "open", "reviewed"]
    assert first["pairs"][2]["reason"] == "India is kept out." and first["status"] == "open"
    run("add-review", "brief", words, "--pair", "pakistan", "india", "--reason", "Pakistan's aim, not a relation.")
    reviews = ("Many TTP militants joined", "The Tehreek-e-Taliban Pakistan and", "to keep India out of Afghanistan")
    for sentence in reviews:
        assert run("add-review", "brief", sentence, "--reason", "Read; encoded elsewhere.").exit_code == 0
    data = json.loads(run("coverage", "--format", "json").stdout)
    assert data["summary"]["unknown_names"] == []
    assert data["summary"]["complete"] is True and data["summary"]["share_covered"] == 1.0
    assert " ".join(run("coverage").stdout.split()).endswith("(100% covered)")


def test_a_text_with_no_pair_is_not_called_covered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(FIXTURES / "pairs", tmp_path / "m")
    (tmp_path / "m" / "seeds" / "brief.txt").write_text("The Taliban and Al Qaeda are allies, analysts say.\n")
    (tmp_path / "m" / "data" / "edges.yaml").write_text("relation_types: {}\nedges: []\n")
    (tmp_path / "m" / "seeds" / "other.txt").write_text("Nothing here names anyone at all.\n")
    monkeypatch.chdir(tmp_path / "m")
    assert run("add-source", "seeds/other.txt", "--id", "other", "--kind", "report").exit_code == 0
    text = " ".join(run("coverage").stdout.split())
    assert "other (other.txt): no sentence names two actors the map knows, and no name it does not know" in text
    assert "100%" not in text
    other = json.loads(run("coverage", "--format", "json").stdout)["sources"]["other"]
    assert other["complete"] is False and other["share_covered"] is None


GREEK = ["Kappa", "Lambda", "Omicron", "Sigma", "Tau", "Upsilon", "Phi", "Chi", "Psi", "Omega", "Zeta", "Theta"]


@pytest.mark.parametrize("new", [11, 12], ids=["twelve-unknown", "thirteen-unknown"])
def test_a_sources_unknown_names_are_listed_up_to_twelve_then_counted(small: Path, new: int) -> None:
    """The memo already names one group the map does not know (Gamma, in "Gamma’s commanders");
    a sentence adds more: twelve are listed in full, past twelve the rest are counted."""
    with (small / "seeds" / "memo.txt").open("a") as memo:
        memo.write(f"\nThe Alpha Front met {', '.join(GREEK[:new])} and the Beta Brigade.\n")
    result = run("coverage")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.replace("add-\n", "add-").split())
    listed = ", ".join(["Gamma", *GREEK[:11]])
    more = " and 1 more" if new == 12 else ""
    assert f"Names the map does not know: {listed}{more} (an actor?" in text


def test_coverage_reads_sentence_by_sentence_open_ones_by_default_all_with_all(pairs: Path) -> None:
    """Per source: its count line; each sentence still to do (with --all, every sentence, tagged
    cited, reviewed or unknown names) with the actors it names, the names the map does not know,
    its pairs when there are several (only the open ones unless --all; a pair's own review reason)
    and a whole sentence's review; the names the map does not know; then the sum over sources."""
    sentence = "Pakistan supported the Taliban to keep India out of Afghanistan."
    rivals = "The Tehreek-e-Taliban Pakistan and the Islamic State of Khorasan (IS-K) are rivals."
    for args in (
        (sentence, "--pair", "Pakistan", "India", "--reason", "India is kept out, not a party."),
        (rivals, "--reason", "Neither group is in the map yet."),
    ):
        assert run("add-review", "brief", *args).exit_code == 0
    every = run("coverage", "--all")
    assert every.exit_code == 0, every.output
    assert every.stdout == COVERAGE_ALL
    still = run("coverage")
    assert still.exit_code == 0, still.output
    assert still.stdout == COVERAGE_OPEN


_COUNTS = """brief (brief.txt): 2 sentences name two or more actors: 1 cited, 0 reviewed, 1
    open (1 of 4 pairs open); not covered: 2 names the map does not know, in 2
    sentences, so what they relate is not seen
  - “Pakistan supported the Taliban to keep India out of Afghanistan.”
    names: Pakistan, Taliban, India
    not known to the map: Afghanistan
"""
_TTP = """  - [unknown names] “Many TTP militants joined the Islamic State of Iraq and the
    Levant – Khorasan Province in 2015.”
    names: Tehrik-e-Taliban Pakistan
    not known to the map: Islamic State of Iraq and the Levant – Khorasan
      Province
"""
_UNKNOWN_AND_SUM = """  Names the map does not know: Afghanistan, Islamic State of Iraq and the Levant
    – Khorasan Province (an actor? `actorgraph add-actor` or `add-alias`; not
    one? `actorgraph add-review` the sentence)

All sources: 2 sentences name two or more actors: 1 cited, 0 reviewed, 1 open (1
    of 4 pairs open); not covered: 2 names the map does not know, in 2
    sentences, so what they relate is not seen
"""
COVERAGE_ALL = (
    _COUNTS
    + """    · Pakistan – Taliban: cited
    · Pakistan – India: reviewed (India is kept out, not a party.)
    · Taliban – India: open
"""
    + _TTP
    + """  - [reviewed] “The Tehreek-e-Taliban Pakistan and the Islamic State of Khorasan
    (IS-K) are rivals.”
    not known to the map: Tehreek-e-Taliban Pakistan, Islamic State of Khorasan,
      IS-K
    reviewed: Neither group is in the map yet.
  - [cited] “The Taliban and Al Qaeda are allies, analysts say.”
    names: Taliban, Al Qaeda
    · Taliban – Al Qaeda: cited
"""
    + _UNKNOWN_AND_SUM
)
COVERAGE_OPEN = _COUNTS + "    · Taliban – India: open\n" + _TTP + _UNKNOWN_AND_SUM


def test_each_source_is_reported_on_its_own_and_a_long_pair_line_wraps_under_itself(mixed: Path) -> None:
    """Two sources, one fully covered and one not: each says so of itself, and the text shows
    both, the first's sentences kept above the second's."""
    data = json.loads(run("coverage", "--format", "json").stdout)
    assert {doc: s["complete"] for doc, s in data["sources"].items()} == {"memo": False, "bulletin": True}
    assert data["summary"]["complete"] is False
    words = "The Beta Brigade absorbed fighters from the Gamma Movement in 2018"
    reason = "The memo's author counts the defectors, not the groups; the two never met as such in the valleys."
    added = run("add-review", "memo", words, "--pair", "beta", "gamma", "--reason", reason)
    assert added.exit_code == 0, added.output
    lines = run("coverage", "--all").stdout.splitlines()
    assert lines[0].startswith("memo (memo.txt): 3 sentences name two or more actors")
    assert any(line.startswith("bulletin (bulletin.txt): 4 sentences") for line in lines)
    at = lines.index("    · Beta Brigade – Gamma Movement: reviewed (The memo's author counts the")
    assert lines[at + 1] == "      defectors, not the groups; the two never met as such in the valleys.)"


def _myanmar() -> list:
    return names(
        [
            Actor(id="arakan-army", name="Arakan Army", kind="g", location=AT, aliases=("AA",)),
            Actor(id="tatmadaw", name="Tatmadaw", kind="s", location=AT),
            Actor(id="united-states", name="United States", kind="s", location=AT, aliases=("US",)),
            Actor(id="taliban", name="Taliban", kind="g", location=AT),
        ]
    )


def test_a_name_is_found_right_after_a_word_ending_in_its_first_letter() -> None:
    # Folded to letters, "Paletwa: AA" is "paletwaaa": the first "aa" starts inside "Paletwa"
    # and is no mention; the search goes on one letter later, where "AA" is.
    text = "Fighting near Paletwa: AA units advanced on the Tatmadaw."
    found = [(text[s:e], actor) for s, e, actor in mentions(text, _myanmar())]
    assert found == [("AA", "arakan-army"), ("Tatmadaw", "tatmadaw")]


def test_an_acronym_in_brackets_made_of_known_names_is_not_unknown() -> None:
    # "(US-Taliban)": every word is a known name, though no one mention covers the whole.
    text = "The Doha agreement (US-Taliban) was signed in 2020."
    known = mentions(text, _myanmar())
    assert [text[s:e] for s, e, _ in known] == ["US", "Taliban"]
    counted, unknown = sentence_names(text, 0, len(text), known)
    assert [text[s:e] for s, e in unknown] == ["Doha"]
    assert [actor for _, _, actor in counted] == ["united-states", "taliban"]
