"""`actorgraph review`: accepting through the edit path, rejecting into reviewed.yaml, in a terminal."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from actorgraph.cli import cli
from click.testing import CliRunner

from tests.conftest import run


def _ids() -> dict[tuple[str, str | None, str], str]:
    queue = json.loads(run("review", "--list", "--all", "--format", "json").stdout)
    return {(p["source"], p["type"], p["target"]): p["id"] for p in queue}


def test_accepting_writes_the_relation_as_add_relation_would(report: Path, tmp_path: Path) -> None:
    run("propose")
    before = tmp_path / "before"
    shutil.copytree(report, before)
    ids = _ids()
    result = run("review", "--accept", ids["alpha", "rival", "beta"], "--accept", ids["delta", "allied", "gamma"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"accepted {ids['alpha', 'rival', 'beta']}: alpha rival beta"
    edges = (report / "data" / "edges.yaml").read_text()
    assert edges.endswith(
        "edges:\n"
        "  - source: alpha\n    target: beta\n    type: rival\n    evidence:\n      - doc: report\n"
        '        quote: "Alpha Front and the Beta Brigade are bitter rivals, analysts say"\n'
        "        attributed_to: analysts\n"
        "  - source: delta\n    target: gamma\n    type: allied\n    evidence:\n      - doc: report\n"
        '        quote: "Delta Cell may be allied with the Gamma Movement"\n        confidence: possible\n'
    )
    assert edges.startswith("# The vocabulary, with cues; no relations yet.\n")  # comments kept
    assert run("check").exit_code == 0
    assert run("fmt", "--check").exit_code == 0
    diff = " ".join(run("diff", str(before)).stdout.split())
    assert "Relations: 2 added, 0 removed, 0 changed" in diff
    again = run("review", "--accept", ids["alpha", "rival", "beta"])
    assert again.exit_code == 2 and "is already accepted" in again.stderr
    cov = json.loads(run("coverage", "--format", "json").stdout)["summary"]
    assert cov["proposals_open"] == 3 and cov["cited"] == 2


def test_accepting_with_changes_and_a_second_quote_adds_evidence(report: Path) -> None:
    run("propose")
    ids = _ids()
    absorbed = ids["beta", "absorbed_fighters_from", "gamma"]
    flipped = run("review", "--accept", absorbed, "--type", "attacked", "--flip", "--hedge", "likely")
    assert flipped.exit_code == 0, flipped.output
    assert "accepted" in flipped.stdout and "gamma attacked beta" in flipped.stdout
    attack = ids["alpha", "attacked", "gamma"]
    assert run("review", "--accept", attack, "--speaker", "").exit_code == 0
    edges = (report / "data" / "edges.yaml").read_text()
    assert "    type: attacked\n    evidence:\n      - doc: report\n" in edges
    assert '"Gamma Movement, which lost fighters to the Beta Brigade"\n        confidence: likely\n' in edges
    assert "attributed_to: a UN report" not in edges  # the speaker was cleared before accepting
    assert run("check").exit_code == 0


def test_a_proposal_without_a_type_needs_one_and_a_refused_accept_writes_nothing(report: Path) -> None:
    run("propose")
    unknown = _ids()["delta", None, "beta"]
    before = (report / "data" / "edges.yaml").read_bytes()
    result = run("review", "--accept", unknown)
    assert result.exit_code == 2 and "names a pair but no relation: say which with --type" in result.stderr
    bad = run("review", "--accept", unknown, "--type", "allied", "--hedge", "surely")
    assert bad.exit_code == 1 and "unknown confidence 'surely'" in bad.stderr
    assert (report / "data" / "edges.yaml").read_bytes() == before
    missing = run("review", "--accept", "pnothere")
    assert missing.exit_code == 2 and "no proposal 'pnothere' in the queue" in missing.stderr


def test_rejecting_records_the_pair_with_the_reason(report: Path, tmp_path: Path) -> None:
    run("propose")
    before = tmp_path / "before"
    shutil.copytree(report, before)
    unknown = _ids()["delta", None, "beta"]
    result = run("review", "--reject", unknown, "--reason", "A meeting is no relation.")
    assert result.exit_code == 0, result.output
    assert result.stdout == "rejected 1; 1 pair(s) recorded in data/reviewed.yaml\n"
    assert (
        (report / "data" / "reviewed.yaml")
        .read_text()
        .endswith(
            '  - doc: report\n    sentence: "Delta Cell met the Beta Brigade"\n'
            "    reason: A meeting is no relation.\n    pair: [delta, beta]\n"
        )
    )
    assert run("check").exit_code == 0 and run("fmt", "--check").exit_code == 0
    assert "Reviewed sentences: 1 added" in " ".join(run("diff", str(before)).stdout.split())
    text = " ".join(run("coverage", "--all").stdout.split())
    assert "Delta Cell – Beta Brigade: reviewed (A meeting is no relation.)" in text
    assert run("review", "--reject", unknown).exit_code == 2  # --reason is required


def test_review_in_a_terminal_accepts_edits_and_rejects(report: Path) -> None:
    run("propose")
    queue = json.loads(run("review", "--list", "--format", "json").stdout)
    order = [(p["source"], p["type"], p["target"]) for p in queue]
    assert order[0] == ("alpha", "rival", "beta")
    # 1st: accept; 2nd: skip; 3rd: change the type to rival, then accept; 4th: reject; then quit.
    keys = "a\nn\nt\nrival\na\nr\nNot what the report says.\nq\n"
    result = CliRunner().invoke(cli, ["review"], input=keys, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (
        "[1/5]" in result.output and "[a]ccept [t]ype [f]lip [h]edge [s]peaker [r]eject [n]ext [q]uit" in result.output
    )
    assert "accepted: alpha rival beta" in result.output
    assert f"accepted: {order[2][0]} rival {order[2][2]}" in result.output
    assert "2 decided" not in result.output and "3 decided; the rest stay open." in result.output
    statuses = {(p["source"], p["type"], p["target"]): p["status"] for p in json.loads(
        run("review", "--list", "--all", "--format", "json").stdout
    )}  # fmt: skip
    assert statuses[order[1]] == "open" and statuses[order[3]] == "rejected" and statuses[order[4]] == "open"
    assert statuses[(order[2][0], "rival", order[2][2])] == "accepted"
    assert run("check").exit_code == 0


def test_a_name_the_map_did_not_know_is_never_taken_for_an_actor_id(report: Path) -> None:
    """The text's "Epsilon Group" is not the actor whose id is `epsilon-group` (named otherwise):
    an unknown name is looked up among names and aliases only, so accepting waits for the
    curator to add it and rejecting records no pair for it."""
    text = report / "seeds" / "report.txt"
    text.write_text(text.read_text() + "The Epsilon Group is allied with the Delta Cell in the hills.\n")
    added = run("add-actor", "--id", "epsilon-group", "--name", "Zeta Authority", "--kind", "group")
    assert added.exit_code == 0, added.output
    assert run("propose").exit_code == 0
    queue = json.loads(run("review", "--list", "--format", "json").stdout)
    (mine,) = [p for p in queue if "Epsilon Group" in (p["source"], p["target"])]
    assert mine["new_actors"] == ["Epsilon Group"]
    before = (report / "data" / "edges.yaml").read_bytes()
    accepted = run("review", "--accept", mine["id"])
    assert accepted.exit_code == 2 and "'Epsilon Group' is no actor of the map yet" in accepted.stderr, accepted.output
    assert (report / "data" / "edges.yaml").read_bytes() == before
    rejected = run("review", "--reject", mine["id"], "--reason", "Not the same group.")
    assert rejected.exit_code == 0, rejected.output
    assert "0 pair(s) recorded" in rejected.stdout
    assert (
        not (report / "data" / "reviewed.yaml").exists()
        or "epsilon" not in (report / "data" / "reviewed.yaml").read_text()
    )
    # Once the curator says the name is that actor's, the same proposal resolves to it.
    run("propose")
    listed = " ".join(run("review", "--list", "--all").stdout.split())
    assert "not in the map yet: Epsilon Group" in listed, listed
    assert run("add-alias", "epsilon-group", "Epsilon Group").exit_code == 0
    listed = " ".join(run("review", "--list", "--all").stdout.split())
    assert "in the map since: Epsilon Group (epsilon-group)" in listed and "not in the map yet" not in listed
    # the proposal itself still stands above that line: its claim and its quote
    assert f"{mine['id']} [rejected] Epsilon Group" in listed.split("in the map since")[0], listed
    again = [p for p in json.loads(run("review", "--list", "--format", "json").stdout) if p["id"] != mine["id"]]
    assert all("Epsilon Group" not in (p["source"], p["target"]) for p in again)


def test_a_batch_of_rejections_writes_all_its_reviews_or_none(report: Path) -> None:
    """When check refuses one review of a batch (here, its sentence left the text after it was
    proposed), no review is written and no proposal is marked rejected: never half a batch
    reported as nothing."""
    assert run("propose").exit_code == 0
    ids = _ids()
    met, hedged = ids["delta", None, "beta"], ids["delta", "allied", "gamma"]
    text = report / "seeds" / "report.txt"
    text.write_text(text.read_text().replace("The Delta Cell met the Beta Brigade last spring.\n", ""))
    result = run("review", "--reject", hedged, "--reject", met, "--reason", "Not a relation.")
    assert result.exit_code == 1, result.output
    assert "nothing was written" in result.stderr
    assert not (report / "data" / "reviewed.yaml").exists()
    statuses = {p["id"]: p["status"] for p in json.loads(run("review", "--list", "--all", "--format", "json").stdout)}
    assert statuses[met] == statuses[hedged] == "open"


def test_review_in_a_terminal_edits_what_it_shows_and_what_accepting_writes(report: Path) -> None:
    """Each key's edit shows at once and is what an accept writes: a speaker taken off ('-'), a
    hedge set, kept (Enter keeps what the proposal says) or taken off ('none'), the direction
    flipped, a type chosen for a bare pair. The prompts offer their choices and defaults; a key or
    type not offered is refused and asked again; Enter at the key prompt leaves the proposal open,
    dropping its edits."""
    import actorgraph

    run("propose")
    keys = (
        "x\ns\n-\nh\npossible\na\n"  # alpha rival beta: not "according to analysts" but possible
        "f\na\n"  # beta absorbed fighters from gamma, the other way round
        "s\n\nh\nlikely\nh\nnone\na\n"  # alpha attacked gamma: the speaker kept, a hedge set and taken off
        "s\n\nh\n\na\n"  # delta allied gamma: as it was (the author's own words, possible)
        "t\nfriends\n\n\n"  # the bare pair typed (rival, the first type), then left open
    )
    result = CliRunner().invoke(cli, ["review"], input=keys, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    out = result.output
    assert [int(n) for n in re.findall(r"^\[(\d)/5\]$", out, re.M)] == [1, 1, 1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5]
    assert "[a]ccept [t]ype [f]lip [h]edge [s]peaker [r]eject [n]ext [q]uit [n]: x\n" in out
    assert "Error: 'x' is not one of 'a', 't', 'f', 'h', 's', 'r', 'n', 'q'.\n" in out
    assert "speaker ('-' for the author's own) [analysts]: -\n" in out
    assert "speaker ('-' for the author's own) [a UN report]: \n" in out
    assert "speaker ('-' for the author's own) [-]: \n" in out
    assert "hedge (none, likely, possible) [none]: possible\n" in out
    assert "hedge (none, likely, possible) [likely]: none\n" in out
    assert "hedge (none, likely, possible) [possible]: \n" in out
    assert (
        "type (rival, allied, absorbed_fighters_from, attacked) [rival]: friends\nError: 'friends' is not one of" in out
    )
    for shown in (
        "pa39d4291  Alpha Front —rival of— Beta Brigade\n",
        "pa39d4291  Alpha Front —rival of— Beta Brigade  [possible]\n",
        "pd6f50d1d  Gamma Movement —absorbed fighters from→ Beta Brigade\n",
        "p554c28bc  Alpha Front —attacked→ Gamma Movement  [likely, according to a UN\n    report]\n",
        "p9577310c  Delta Cell —rival of— Beta Brigade\n",
    ):
        assert shown in out
    assert out.endswith("\n4 decided; no open proposal left in this pass.\n")
    written = {
        r.id: [(q.confidence and q.confidence.id, q.attributed_to) for q in r.quotes]
        for r in actorgraph.load().relation_records()
    }
    assert written == {
        "alpha/rival/beta": [("possible", None)],
        "gamma/absorbed_fighters_from/beta": [(None, None)],
        "alpha/attacked/gamma": [(None, "a UN report")],
        "delta/allied/gamma": [("possible", None)],
    }
    (left,) = json.loads(run("review", "--list", "--format", "json").stdout)
    assert (left["source"], left["type"], left["target"], left["status"]) == ("delta", None, "beta", "open")


def test_review_in_a_terminal_with_nothing_open_says_so(report: Path) -> None:
    result = CliRunner().invoke(cli, ["review"], input="a\n", catch_exceptions=False)
    assert (result.exit_code, result.output) == (0, "No open proposals; run `actorgraph propose` first.\n")


def test_review_in_a_terminal_reports_a_refusal_on_stderr_and_asks_again(report: Path) -> None:
    """An accept that check refuses (the relation already cites those words) prints check's
    problems and "refused" on stderr and shows the same proposal again; a reject asks the reason;
    an accept the command refuses (a pair with no type) prints the error on stderr; only what was
    written counts as decided."""
    run("propose")
    quote = "Alpha Front and the Beta Brigade are bitter rivals, analysts say"
    added = run(
        "add-relation", "alpha", "rival", "beta", "--doc", "report", "--quote", quote, "--attributed-to", "analysts"
    )
    assert added.exit_code == 0, added.output
    keys = "a\nr\nThe map has it already.\nn\nn\nn\na\nq\n"
    result = CliRunner().invoke(cli, ["review"], input=keys, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "data/edges.yaml: in the new record: edge alpha -> beta, evidence 2: the same words from 'report' as "
        "evidence 1; delete one\n"
        "refused; nothing was written. Change it, or skip it.\n"
        "error: proposal p9577310c names a pair but no relation: say which with --type (rival, allied, "
        "absorbed_fighters_from, attacked)\n"
    )
    assert [int(n) for n in re.findall(r"^\[(\d)/5\]$", result.stdout, re.M)] == [1, 1, 2, 3, 4, 5, 5]
    assert "reason (why no relation): The map has it already.\nrejected\n" in result.stdout
    assert result.stdout.endswith("\n1 decided; the rest stay open.\n")
    statuses = {p["id"]: (p["status"], p.get("reason")) for p in _queue_all()}
    assert statuses["pa39d4291"] == ("rejected", "The map has it already.")
    assert statuses["p9577310c"] == ("open", None)


def _queue_all() -> list[dict]:
    return json.loads(run("review", "--list", "--all", "--format", "json").stdout)


def test_a_decided_proposal_is_not_rejected_and_a_pair_that_became_one_actor_is_not_accepted(report: Path) -> None:
    """Rejecting an accepted proposal is refused (it is decided); a proposal whose new name has
    since been made an alias of its other end would relate an actor to itself, and is refused
    with what to do."""
    run("propose")
    ids = _ids()
    first = ids["alpha", "rival", "beta"]
    assert run("review", "--accept", first).exit_code == 0
    again = run("review", "--reject", first, "--reason", "Second thoughts.")
    assert (again.exit_code, again.stderr) == (2, f"error: proposal {first} is already accepted\n")

    line = {"extraction_class": "rival", "extraction_text": "The Alpha Front and the Beta Brigade are bitter rivals",
            "attributes": {"source": "Alpha Front", "target": "the Brigade", "doc": "report"}}  # fmt: skip
    (report / "x.jsonl").write_text(json.dumps(line) + "\n")
    assert run("propose", "--from", "x.jsonl").exit_code == 0
    (new,) = [p for p in _queue_all() if p["target"] == "the Brigade"]
    assert run("add-alias", "alpha", "the Brigade").exit_code == 0
    refused = run("review", "--accept", new["id"])
    assert refused.exit_code == 2
    assert refused.stderr == (
        f"error: proposal {new['id']}: both its names are 'alpha' in the map; reject it, or add the other actor\n"
    )


def test_a_reason_yaml_would_read_as_a_yes_or_no_is_kept_as_written(report: Path) -> None:
    run("propose")
    first = _ids()["alpha", "rival", "beta"]
    result = run("review", "--reject", first, "--reason", "No")
    assert result.exit_code == 0, result.output
    (mine,) = [p for p in _queue_all() if p["id"] == first]
    assert (mine["status"], mine["reason"]) == ("rejected", "No")
