"""Accepting a proposal that named an actor the map did not know yet: once the name is added
(as an alias), the accepted proposal is recorded against the actor's id, as the relation is."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run


def test_an_accepted_proposal_records_the_actor_ids_its_names_became(report: Path) -> None:
    line = {"extraction_class": "rival", "extraction_text": "The Alpha Front and the Beta Brigade are bitter rivals",
            "attributes": {"source": "the Front", "target": "the Brigade", "doc": "report"}}  # fmt: skip
    (report / "x.jsonl").write_text(json.dumps(line) + "\n")
    assert run("propose", "--from", "x.jsonl").exit_code == 0
    queue = json.loads(run("review", "--list", "--all", "--format", "json").stdout)
    (new,) = [p for p in queue if p["target"] == "the Brigade"]
    assert run("add-alias", "alpha", "the Front").exit_code == 0
    assert run("add-alias", "beta", "the Brigade").exit_code == 0
    accepted = run("review", "--accept", new["id"])
    assert accepted.exit_code == 0, accepted.output
    after = json.loads(run("review", "--list", "--all", "--format", "json").stdout)
    (record,) = [p for p in after if p["id"] == new["id"]]
    assert (record["source"], record["target"], record["status"]) == ("alpha", "beta", "accepted")
    assert "  - source: alpha\n    target: beta\n    type: rival\n" in (report / "data" / "edges.yaml").read_text()


def test_a_held_proposal_accepted_by_a_person_loses_the_reason_it_was_held(sahel: Path) -> None:
    """--accept-verified held a row back and said why; the person who accepts it has weighed
    that, and the record says accepted with no reason left over."""
    rows = (
        "source,type,target,doc,quote,hedge,attributed_to\n"
        'jnim,courted,isgs,sahel,"JNIM may have courted ISGS commanders",possible,\n'
        'russia,supported,wagner,sahel,"The Russian government denies that Wagner is acting on its behalf",,\n'
    )
    (sahel / "rows.csv").write_text(rows)
    assert run("propose", "--from", "rows.csv", "--accept-verified").exit_code == 0
    queue = json.loads(run("review", "--list", "--all", "--format", "json").stdout)
    (held,) = [p for p in queue if p["status"] == "open"]
    assert held["reason"].startswith("held back from --accept-verified: ")
    assert run("review", "--accept", held["id"]).exit_code == 0
    after = json.loads(run("review", "--list", "--all", "--format", "json").stdout)
    (record,) = [p for p in after if p["id"] == held["id"]]
    assert (record["status"], record.get("reason")) == ("accepted", None)


def test_accepting_into_a_relations_file_that_is_not_a_mapping_is_refused_with_a_message(report: Path) -> None:
    assert run("propose").exit_code == 0
    (first,) = json.loads(run("review", "--list", "--format", "json").stdout)[:1]
    edges = report / "data" / "edges.yaml"
    edges.write_text("- just a list\n")
    refused = run("review", "--accept", first["id"])
    assert refused.exit_code == 1, refused.output
    assert refused.stderr.startswith("data/edges.yaml: ") and "nothing was written" in refused.stderr
    assert edges.read_text() == "- just a list\n"


def test_a_mistyped_proposal_id_is_answered_with_the_one_meant(report: Path) -> None:
    assert run("propose").exit_code == 0
    (first,) = json.loads(run("review", "--list", "--format", "json").stdout)[:1]
    typo = run("review", "--accept", first["id"] + "x")
    assert typo.exit_code == 2
    assert f"no proposal '{first['id']}x' in the queue (did you mean '{first['id']}'?)" in typo.stderr
