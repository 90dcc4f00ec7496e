"""`actorgraph propose`: relations drafted from the texts by the vocabulary's cues, into the queue."""

from __future__ import annotations

import json
from pathlib import Path

from actorgraph.dataset.check import load_checked
from actorgraph.dataset.quotes import Folded, find_quote
from actorgraph.intake.cues import cue_regex
from actorgraph.intake.propose import propose

from tests.conftest import run


def _queue() -> list[dict]:
    return json.loads(run("review", "--list", "--all", "--format", "json").stdout)


def test_each_sentence_gives_its_relation_with_direction_hedge_and_speaker(report: Path) -> None:
    result = run("propose")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("proposed 5 new relation(s) to data/proposals.yaml")
    got = {(p["source"], p["type"], p["target"]): p for p in _queue()}
    assert set(got) == {
        ("alpha", "rival", "beta"),
        ("beta", "absorbed_fighters_from", "gamma"),  # "Gamma ..., which lost fighters to the Beta Brigade"
        ("alpha", "attacked", "gamma"),
        ("delta", "allied", "gamma"),
        ("delta", None, "beta"),  # named together, no cue: still proposed
    }
    rival = got["alpha", "rival", "beta"]
    assert rival["quote"] == "Alpha Front and the Beta Brigade are bitter rivals, analysts say"  # who says it, quoted
    assert rival["attributed_to"] == "analysts" and "confidence" not in rival
    assert rival["cue"] == "“rival*”, “analysts say”"
    assert got["alpha", "attacked", "gamma"]["attributed_to"] == "a UN report"  # not a new actor "UN"
    assert got["delta", "allied", "gamma"]["confidence"] == "possible"
    assert "confidence" not in got["beta", "absorbed_fighters_from", "gamma"]  # no hedge before its quote
    unknown = got["delta", None, "beta"]
    assert unknown["score"] < min(p["score"] for p in got.values() if p["type"])
    assert all(p["status"] == "open" and p["origin"] == "cues" for p in got.values())


def test_every_proposed_quote_verifies_and_proposing_twice_adds_nothing(report: Path) -> None:
    data = load_checked(Path("data"), Path("seeds"))
    proposals, dropped = propose(data)
    assert dropped == 0 and proposals
    text = Folded.of(data.sources["report"].text)
    assert all(find_quote(p.quote, text) for p in proposals)
    assert run("propose").exit_code == 0
    before = (report / "data" / "proposals.yaml").read_text()
    again = run("propose", "report")
    assert again.stdout == "proposed 0 new relation(s); 5 already in the queue\n"
    assert (report / "data" / "proposals.yaml").read_text() == before
    assert run("check").exit_code == 0  # the queue is no part of what check reads


def test_coverage_counts_the_open_proposals(report: Path) -> None:
    run("propose")
    text = " ".join(run("coverage").stdout.split())
    assert "5 proposals to review (`actorgraph review`)" in text
    assert json.loads(run("coverage", "--format", "json").stdout)["summary"]["proposals_open"] == 5


def test_pairs_already_cited_or_reviewed_are_not_proposed(report: Path) -> None:
    run("add-relation", "alpha", "rival", "beta", "--doc", "report", "--quote", "are bitter rivals, analysts say")
    run(
        "add-review",
        "report",
        "The Delta Cell met the Beta Brigade",
        "--pair",
        "delta",
        "beta",
        "--reason",
        "A meeting.",
    )
    run("propose")
    assert {(p["source"], p["target"]) for p in _queue()} == {("beta", "gamma"), ("alpha", "gamma"), ("delta", "gamma")}


def test_cues_are_words_with_stars_and_gaps() -> None:
    assert cue_regex("rival*").search("their bitter rivalry").group() == "rivalry"  # type: ignore[union-attr]
    assert cue_regex("rival*").search("arrivals") is None
    assert cue_regex("lost cadres to").search("which lost  cadres to ISIS-K")
    assert cue_regex("didn't give up").search("ISIS-K didn’t give up")  # curly and straight apostrophes
    m = cue_regex("proclaimed ... as a model").search("have proclaimed the Taliban as a model to follow")
    assert m is not None and m.group("head") == "proclaimed" and m.group("tail") == "as a model"
    assert cue_regex("appeal* ... cadres").search("appealing to one, two, three, four, five, six, seven cadres") is None


def test_a_5000_word_text_is_proposed_from(report: Path) -> None:
    text = (report / "seeds" / "report.txt").read_text()
    (report / "long.txt").write_text("\n\n".join([text] * (5000 // len(text.split()) + 1)))
    assert run("add-source", "long.txt", "--id", "long", "--kind", "report").exit_code == 0
    result = run("propose", "long")
    assert result.exit_code == 0, result.output
    assert "proposed 5 new relation(s)" in result.stdout  # the same sentences, the same ids: not repeated
    unknown = run("propose", "nosuch")
    assert unknown.exit_code == 2 and "unknown source 'nosuch'" in unknown.stderr


def test_a_map_adds_its_own_attribution_patterns(report: Path) -> None:
    text = report / "seeds" / "report.txt"
    text.write_text(text.read_text() + "The Beta Brigade is an enemy of the Delta Cell, in the view of local elders.\n")
    run("propose")
    (enemy,) = [p for p in _queue() if p["type"] == "rival" and "delta" in (p["source"], p["target"])]
    assert "attributed_to" not in enemy
    (report / "data" / "intake.yaml").write_text('attribution:\n  - "in the view of {speaker}"\n')
    (report / "data" / "proposals.yaml").unlink()
    run("propose")
    (enemy,) = [p for p in _queue() if p["type"] == "rival" and "delta" in (p["source"], p["target"])]
    assert enemy["attributed_to"] == "local elders"
    (report / "data" / "intake.yaml").write_text("attribution: yes\n")
    bad = run("propose")
    assert bad.exit_code == 1 and "expected `attribution:` with a list of patterns" in bad.stderr


def test_proposing_nothing_says_where_to_look(tmp_path: Path, monkeypatch) -> None:
    """A new map with a text but no actors proposes nothing: it says why, and what to run."""
    monkeypatch.chdir(tmp_path)
    assert run("init").exit_code == 0
    (tmp_path / "note.txt").write_text("The Alpha Front and the Beta Brigade are bitter rivals.\n")
    added = run("add-source", "note.txt", "--kind", "report", "--title", "A note")
    assert added.exit_code == 0, added.output
    result = run("propose")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "proposed 0 new relation(s)"
    assert "`actorgraph coverage` lists the names the texts use" in " ".join(lines[1:])


def test_a_maps_pattern_without_a_speaker_slot_names_its_own_words_as_the_speaker(report: Path) -> None:
    """ "Western intelligence officials" as a pattern: the words themselves are who says it. A
    map's intake.yaml that is no YAML is an error at its line."""
    text = report / "seeds" / "report.txt"
    text.write_text(
        text.read_text() + "Western intelligence officials call the Beta Brigade an enemy of the Delta Cell.\n"
    )
    (report / "data" / "intake.yaml").write_text('attribution:\n  - "Western intelligence officials"\n')
    assert run("propose").exit_code == 0
    (enemy,) = [p for p in _queue() if p["type"] == "rival" and "delta" in (p["source"], p["target"])]
    assert enemy["attributed_to"] == "Western intelligence officials"
    (report / "data" / "intake.yaml").write_text("attribution: [\n")
    bad = run("propose")
    assert (bad.exit_code, bad.stderr.splitlines()[0]) == (
        1,
        "error: data/intake.yaml:2:1: YAML syntax error: while parsing a flow node: did not find expected node content",
    )


def test_importing_with_a_default_source_the_map_lacks_is_refused(report: Path) -> None:
    (report / "rows.csv").write_text("source,type,target,doc,quote\n")
    result = run("propose", "--from", "rows.csv", "--doc", "reprot")
    assert (result.exit_code, result.stderr) == (2, "error: unknown source 'reprot' (did you mean 'report'?)\n")


def test_a_proposals_score_falls_with_the_words_between_the_names_and_a_cue_beside_them(report: Path) -> None:
    """The score ranks the queue: 1 for a cue standing between two known names with nothing else
    quoted, 0.6 for a cue beside them, each divided by 1 + (the other words quoted) / 12. A
    directed cue beside both names binds them through the possessive ("the Alpha Front’s
    attacker" is who attacked the Alpha Front)."""
    edges = report / "data" / "edges.yaml"
    edges.write_text(edges.read_text().replace("cues: [allied, ally*]", 'cues: [allied, ally*, "&"]'))
    text = report / "seeds" / "report.txt"
    text.write_text(
        text.read_text()
        + "Officials blamed the Gamma Movement, the Alpha Front’s attacker.\n"
        + "Delta Cell & Gamma Movement held the town.\n"
        + "Alpha Front officials blamed the Gamma Movement, the Alpha Front’s attackers.\n"
    )
    assert run("propose").exit_code == 0
    got = {(p["source"], p["type"], p["target"], p["quote"]): p["score"] for p in _queue()}
    possessive = "Gamma Movement, the Alpha Front’s attacker"
    assert got["gamma", "attacked", "alpha", possessive] == round(0.6 / (1 + 3 / 12), 2)
    # Named first in the sentence, the Alpha Front is still the one attacked: the cue binds the
    # names nearest it, in the order they stand there.
    assert got["gamma", "attacked", "alpha", "Gamma Movement, the Alpha Front’s attackers"]
    assert got["delta", "allied", "gamma", "Delta Cell & Gamma Movement"] == 1.0  # no word but the names
    assert got["alpha", "rival", "beta", "Alpha Front and the Beta Brigade are bitter rivals, analysts say"] == round(
        0.6 / (1 + 5 / 12), 2
    )  # the speaker widens the quote after it is scored


def test_a_text_that_starts_with_the_relation_and_ends_without_a_stop_is_quoted_from_its_first_word(
    report: Path,
) -> None:
    (report / "seeds" / "snippet.txt").write_text("Alpha Front attacked the Gamma Movement near the river")
    assert run("add-source", "seeds/snippet.txt", "--id", "snippet", "--kind", "report").exit_code == 0
    assert run("propose", "snippet").exit_code == 0
    (only,) = _queue()
    assert (only["source"], only["type"], only["target"]) == ("alpha", "attacked", "gamma")
    assert only["quote"] == "Alpha Front attacked the Gamma Movement"


def test_of_two_speakers_in_a_clause_the_nearer_one_is_whose_claim_it_is(report: Path) -> None:
    text = report / "seeds" / "report.txt"
    text.write_text(
        text.read_text()
        + "According to officials, the Alpha Front attacked the Delta Cell near the river last week, analysts say.\n"
    )
    assert run("propose").exit_code == 0
    (attack,) = [p for p in _queue() if (p["source"], p["target"]) == ("alpha", "delta")]
    assert attack["attributed_to"] == "officials"
    assert attack["quote"] == "According to officials, the Alpha Front attacked the Delta Cell"


def test_a_word_of_denial_in_the_clause_is_no_negation_of_the_relation(report: Path) -> None:
    """ "disputed" denies a claim when a bundle is imported; in a text it is no "not": the
    attack is proposed with its type."""
    text = report / "seeds" / "report.txt"
    said = "Officials who disputed the count say the Alpha Front attacked the Delta Cell.\n"
    text.write_text(text.read_text() + said)
    assert run("propose").exit_code == 0
    (attack,) = [p for p in _queue() if (p["source"], p["target"]) == ("alpha", "delta")]
    assert attack["type"] == "attacked"


def test_a_name_in_the_gap_of_a_cue_is_one_of_the_pair(report: Path) -> None:
    """A cue with a gap ("praised ... as a model") may hold a name in its gap: that name is one
    end of the relation, not part of the cue."""
    edges = report / "data" / "edges.yaml"
    gapped = 'cues: [allied, ally*, "praised ... as a model"]'
    edges.write_text(edges.read_text().replace("cues: [allied, ally*]", gapped))
    text = report / "seeds" / "report.txt"
    text.write_text(text.read_text() + "The Alpha Front praised the Delta Cell as a model.\n")
    assert run("propose").exit_code == 0
    (praise,) = [p for p in _queue() if (p["source"], p["target"]) == ("alpha", "delta")]
    assert (praise["type"], praise["quote"]) == ("allied", "Alpha Front praised the Delta Cell as a model")
