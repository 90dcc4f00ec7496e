"""What `review --list` and the interactive review show the curator of each proposal: the claim
(its direction, hedge and speaker), the verbatim quote and where it is, the sentence around it,
why it was proposed and what it still needs. Nothing in the queue reaches the map until a curator
reads this and decides, so it must carry the same evidence the proposal does."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from actorgraph.dataset.check import load_checked
from actorgraph.dataset.model import Dataset
from actorgraph.intake.propose import Proposal
from actorgraph.present.intake import proposal_lines

from tests.conftest import run


def _listed() -> dict[tuple[str, str | None, str], list[str]]:
    """`review --list --all` as blocks of lines, by (source, type, target)."""
    result = run("review", "--list", "--all")
    assert result.exit_code == 0, result.output
    ids = {p["id"]: (p["source"], p.get("type"), p["target"]) for p in _queue("--all")}
    blocks = result.stdout.split("\n\n")
    return {ids[block.split()[0]]: block.splitlines() for block in blocks[:-1]}


def _queue(*options: str) -> list[dict]:
    return json.loads(run("review", "--list", *options, "--format", "json").stdout)


def _data() -> Dataset:
    return load_checked(Path("data"), Path("seeds"))


def _proposal(data: Dataset, words: str, **fields: object) -> Proposal:
    """A proposal on `words` of the fixture's report, its sentence the line that holds them."""
    text = data.sources["report"].text
    at = text.index(words)
    start, end = text.rindex("\n", 0, at) + 1, text.index("\n", at)
    base = Proposal("p0000000a", "report", start, end, "delta", "gamma", "allied", words)
    return replace(base, **fields)  # type: ignore[arg-type]


def test_each_proposal_reads_as_its_claim_its_quote_in_its_sentence_and_its_cue(report: Path) -> None:
    run("propose")
    listed = _listed()
    attacked = listed["alpha", "attacked", "gamma"]
    assert attacked[0].endswith("  Alpha Front —attacked→ Gamma Movement  [according to a UN report]")
    assert attacked[1:6] == [  # the quote, its sentence, and what proposed it, each wrapped under itself
        "    “According to a UN report, the Alpha Front attacked the Gamma Movement” —",
        "     report",
        "    in: According to a UN report, the Alpha Front attacked the Gamma Movement",
        "      near the river.",
        "    cue “attack*”, “According to a UN report”; score 0.86",
    ]
    # a relation with no direction has no arrowhead; a hedge is shown as the speaker is
    assert listed["alpha", "rival", "beta"][0].endswith(
        "  Alpha Front —rival of— Beta Brigade  [according to analysts]"
    )
    assert listed["delta", "allied", "gamma"][0].endswith("  Delta Cell —allied with— Gamma Movement  [possible]")
    absorbed = listed["beta", "absorbed_fighters_from", "gamma"][0]
    assert absorbed.endswith("  Beta Brigade —absorbed fighters from→ Gamma Movement")  # no hedge, no speaker
    unknown = listed["delta", None, "beta"]
    assert unknown[0].endswith("  Delta Cell and Beta Brigade: named together, relation unknown")
    assert unknown[-1] == "    no cue; score 0.10"


def test_the_list_shows_open_proposals_unless_all_and_counts_each_status(report: Path) -> None:
    run("propose")
    ids = {(p["source"], p["type"], p["target"]): p["id"] for p in _queue()}
    assert run("review", "--accept", ids["alpha", "attacked", "gamma"]).exit_code == 0
    rejected = ids["delta", None, "beta"]
    assert run("review", "--reject", rejected, "--reason", "A meeting is no relation.").exit_code == 0

    result = run("review", "--list")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        "3 open, 1 accepted, 1 rejected; decide with `actorgraph review` (or --accept ID / --reject ID --reason ...)"
    )
    assert rejected not in result.stdout and ids["alpha", "attacked", "gamma"] not in result.stdout
    assert {p["status"] for p in _queue()} == {"open"} and len(_queue()) == 3

    listed = _listed()
    assert listed["delta", None, "beta"][0].startswith(f"{rejected} [rejected]  Delta Cell and Beta Brigade")
    assert listed["delta", None, "beta"][-1] == "    reason: A meeting is no relation."
    assert listed["alpha", "attacked", "gamma"][0].startswith(f"{ids['alpha', 'attacked', 'gamma']} [accepted]  ")
    assert listed["alpha", "rival", "beta"][0].startswith(f"{ids['alpha', 'rival', 'beta']}  Alpha Front")  # open
    assert {p["status"] for p in _queue("--all")} == {"open", "accepted", "rejected"}


def test_a_hedge_and_a_speaker_both_qualify_the_claim(report: Path) -> None:
    data = _data()
    p = _proposal(data, "Delta Cell may be allied with the Gamma Movement", confidence="possible", attributed_to="X")
    assert (
        proposal_lines(p, data)[0] == "p0000000a  Delta Cell —allied with— Gamma Movement  [possible, according to X]"
    )


def test_the_sentence_is_shown_only_when_the_quote_is_not_all_of_it(report: Path) -> None:
    data = _data()
    whole = "The Delta Cell may be allied with the Gamma Movement."
    lines = proposal_lines(_proposal(data, whole), data)
    assert lines[1] == f"    “{whole}” — report"
    assert not any(line.lstrip().startswith("in:") for line in lines)
    part = proposal_lines(_proposal(data, "Delta Cell may be allied"), data)
    assert part[2] == f"    in: {whole}"


def test_a_proposal_whose_source_left_the_map_still_shows_its_quote(report: Path) -> None:
    data = _data()
    lines = proposal_lines(_proposal(data, "Delta Cell may be allied", doc="gone"), data)
    assert lines[1] == "    “Delta Cell may be allied” — gone"
    assert not any(line.lstrip().startswith("in:") for line in lines)


def test_an_imported_proposal_names_its_file_its_new_actors_and_keeps_ids_of_unknown_names(report: Path) -> None:
    data = _data()
    p = _proposal(
        data,
        "Delta Cell may be allied",
        source="Epsilon Group",
        score=0.5,
        origin="notes.csv row 2",
        new_actors=("Epsilon Group", "Zeta Unit"),
    )
    lines = proposal_lines(p, data)
    assert lines[0] == "p0000000a  Epsilon Group —allied with— Gamma Movement"
    assert lines[-2:] == ["    score 0.50; from notes.csv row 2", "    not in the map yet: Epsilon Group, Zeta Unit"]
    cued = proposal_lines(replace(p, cue="“allied”", new_actors=()), data)
    assert cued[-1] == "    cue “allied”; score 0.50; from notes.csv row 2"
    unknown = proposal_lines(replace(p, type=None, target="Zeta Unit"), data)
    assert unknown[0] == "p0000000a  Epsilon Group and Zeta Unit: named together, relation unknown"


def test_a_long_quote_and_its_sentence_wrap_between_words_never_inside_a_hyphenated_one(report: Path) -> None:
    """A quote is copied from the list into notes and searches: a line break inside
    "pro-government" would read back as "pro- government", words the source never used."""
    sentence = "a " * 32 + "pro-government forces met the Delta Cell."
    with (report / "seeds" / "report.txt").open("a") as text:
        text.write(sentence + "\n")
    data = _data()
    quote = sentence.removesuffix(".")
    lines = proposal_lines(_proposal(data, quote), data)
    assert [line.strip() for line in lines[1:5]] == [
        f"“{quote[:63]}",
        "pro-government forces met the Delta Cell” — report",
        f"in: {quote[:63]}",
        "pro-government forces met the Delta Cell.",
    ]


def test_every_part_of_a_long_proposal_wraps_under_its_own_indent(report: Path) -> None:
    """Claim, cue line, new names and reason each continue indented beneath their own start, so a
    curator can tell where one part ends and the next begins."""
    data = _data()
    long_name = "Epsilon Group of the Northern Provinces and the Allied Districts"
    p = _proposal(
        data,
        "Delta Cell may be allied with the Gamma Movement",
        source=long_name,
        confidence="possible",
        attributed_to="a committee of the regional assembly",
        cue="“allied”, “may”, “according to a committee of the regional assembly”",
        origin="extractions-from-the-regional-assembly-hearings.jsonl row 12",
        status="rejected",
        reason="The committee speaks of a hope, not of an alliance anyone has entered into yet.",
        new_actors=(long_name, "Zeta Unit of the Southern Hills", "Eta Battalion of the Lowland Plains"),
    )
    assert proposal_lines(p, data) == [
        "p0000000a [rejected]  Epsilon Group of the Northern Provinces and the Allied",
        "    Districts —allied with— Gamma Movement  [possible, according to a committee",
        "    of the regional assembly]",
        "    “Delta Cell may be allied with the Gamma Movement” — report",
        "    in: The Delta Cell may be allied with the Gamma Movement.",
        "    cue “allied”, “may”, “according to a committee of the regional assembly”;",
        "      score 0.10; from extractions-from-the-regional-assembly-hearings.jsonl row",
        "      12",
        "    not in the map yet: Epsilon Group of the Northern Provinces and the Allied",
        "      Districts, Zeta Unit of the Southern Hills, Eta Battalion of the Lowland",
        "      Plains",
        "    reason: The committee speaks of a hope, not of an alliance anyone has",
        "      entered into yet.",
    ]


def test_names_that_became_actors_wrap_under_their_own_line(report: Path) -> None:
    """Two names the proposal did not know are now aliases of actors: both are named with the
    actor's id, on a line that wraps under itself, not back at the margin."""
    north, south = "Northern Valleys Liberation Front", "Southern Plains Defence Brigade"
    assert run("add-alias", "alpha", north).exit_code == 0
    assert run("add-alias", "gamma", south).exit_code == 0
    data = _data()
    words = "the Alpha Front attacked the Gamma Movement"
    lines = proposal_lines(_proposal(data, words, source=north, target=south, new_actors=(north, south)), data)
    assert lines[-2:] == [
        f"    in the map since: {north} (alpha), Southern Plains",
        "      Defence Brigade (gamma)",
    ]
