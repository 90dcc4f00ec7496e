"""STIX 2.1 and GEXF timeline exports: valid for the tools that read them, and reproducible."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import pytest

from tests.conftest import run

stix2 = pytest.importorskip("stix2")


def test_stix_bundle_parses_and_holds_every_actor_relation_and_quote(small: Path) -> None:
    result = run("export", "--format", "stix")
    assert result.exit_code == 0, result.output
    bundle = stix2.parse(result.stdout)
    by_type: dict[str, list] = {}
    for obj in bundle.objects:
        by_type.setdefault(obj.type, []).append(obj)
    assert sorted(a.name for a in by_type["threat-actor"]) == ["Alpha Front", "Beta Brigade", "Gamma Movement"]
    names = {a.id: a.name for a in by_type["threat-actor"]}
    rels = {(names[r.source_ref], r.relationship_type, names[r.target_ref]): r for r in by_type["relationship"]}
    assert set(rels) == {
        ("Alpha Front", "rival", "Beta Brigade"),
        ("Beta Brigade", "absorbed-fighters-from", "Gamma Movement"),
        ("Alpha Front", "allied", "Gamma Movement"),
    }
    allied = rels["Alpha Front", "allied", "Gamma Movement"]
    rival = rels["Alpha Front", "rival", "Beta Brigade"]
    assert allied.confidence < rival.confidence  # hedged claims are less sure
    assert allied.external_references[0].external_id == "memo"
    assert "may be allied" in allied.external_references[0].description
    assert "according to analysts" in allied.external_references[0].description
    assert rels["Beta Brigade", "absorbed-fighters-from", "Gamma Movement"].start_time.year == 2018
    (report,) = by_type["report"]
    assert report.name == "A made-up memo for tests"
    assert {r.id for r in by_type["relationship"]} <= set(report.object_refs)


def test_stix_bundle_is_the_same_for_the_same_data(small: Path) -> None:
    assert run("export", "--format", "stix").stdout == run("export", "--format", "stix").stdout


def test_states_become_identities(kabul: Path) -> None:
    bundle = stix2.parse(run("export", "--format", "stix").stdout)
    identities = sorted(o.name for o in bundle.objects if o.type == "identity")
    assert identities == ["Former Afghan government", "Pakistan", "United Kingdom", "United States"]
    rel_count = sum(1 for o in bundle.objects if o.type == "relationship")
    assert rel_count == json.loads(run("export").stdout)["edges"].__len__()


def test_gexf_carries_dates_as_spells_for_the_timeline(small: Path) -> None:
    text = run("export", "--format", "gexf").stdout
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text
    assert '<spell start="2018-01-01" />' in text
    g = nx.read_gexf(io.BytesIO(text.encode()))
    dated = [d for _, _, d in g.edges(data=True) if d["relation"] == "absorbed_fighters_from"]
    assert dated[0]["spells"][0][0] == "2018-01-01"  # open-ended: no end date


def test_stix_export_of_large_synthetic_data_is_valid(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import KABUL, ROOT

    subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "synth.py"),
            str(tmp_path / "d"),
            "--actors",
            "60",
            "--relations",
            "200",
            "--from",
            str(KABUL),  # a fixture, so that a curator's edit of the shipped map changes nothing here
        ],
        check=True,
        capture_output=True,
    )
    result = run(
        "export",
        "--format",
        "stix",
        "--data-dir",
        str(tmp_path / "d" / "data"),
        "--seeds-dir",
        str(tmp_path / "d" / "seeds"),
    )
    assert result.exit_code == 0, result.output
    bundle = stix2.parse(result.stdout)
    assert sum(1 for o in bundle.objects if o.type == "relationship") == 200


def _bundle(data):  # type: ignore[no-untyped-def]
    from actorgraph.network.build import build_graph
    from actorgraph.outputs.stix import export

    return {o.id: o for o in stix2.parse(export(build_graph(data))).objects}


def test_periods_become_the_first_and_last_instant_they_cover() -> None:
    from tests.factories import dataset, edge

    data = dataset(["a", "b", "c"], [edge("a", "rival", "b", since="2018-02", until="2018"),
                                     edge("a", "allied", "c", since="2015-03", until="2016")])  # fmt: skip
    rels = {o.relationship_type: o for o in _bundle(data).values() if o.type == "relationship"}
    within = rels["rival"]  # February 2018 until (some time in) 2018: stop still after start
    assert within.start_time.isoformat().startswith("2018-02-01")
    assert within.stop_time.isoformat().startswith("2018-12-31T23:59:59")
    span = rels["allied"]
    assert span.start_time.isoformat().startswith("2015-03-01")
    assert span.stop_time.isoformat().startswith("2016-12-31T23:59:59")


def test_confidence_follows_the_relations_hedge() -> None:
    from tests.factories import dataset, edge, evidence

    data = dataset(["a", "b", "c", "d"], [edge("a", "rival", "b"),
                                          edge("a", "allied", "c", evidence(confidence="likely")),
                                          edge("a", "attacked", "d", evidence(confidence="possible"))])  # fmt: skip
    rels = {o.relationship_type: o.confidence for o in _bundle(data).values() if o.type == "relationship"}
    assert rels == {"rival": 85, "allied": 50, "attacked": 15}


def test_the_bundle_is_what_stix2_itself_writes_for_those_objects(monkeypatch: pytest.MonkeyPatch) -> None:
    """The export writes its JSON without stix2's slow serializer: the same properties and the
    same timestamp format, key for key, as stix2's own output, with a source date and a period."""
    from tests.factories import dataset, edge

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    from actorgraph.network.build import build_graph
    from actorgraph.outputs.stix import export

    data = dataset(["a", "b"], [edge("a", "rival", "b", since="2018-02", until="2019")])
    ours = export(build_graph(data))
    theirs = stix2.parse(ours, allow_custom=False).serialize(pretty=True)
    assert json.loads(ours) == json.loads(theirs)
    assert '"modified": "2023-11-14T22:13:20.000Z"' in ours  # stix2's millisecond timestamps
    assert '"stop_time": "2019-12-31T23:59:59' in ours
