"""GEXF export: every node and edge, direction as an attribute, dated relations as spells."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx

from tests.conftest import run


def test_export_gexf_keeps_every_node_edge_and_direction(small: Path) -> None:
    result = run("export", "--format", "gexf")
    assert result.exit_code == 0, result.output
    g = nx.read_gexf(io.BytesIO(result.stdout.encode()))
    assert sorted(g.nodes) == ["alpha", "beta", "gamma"]
    edges = {(u, v, d["relation"]): d for u, v, d in g.edges(data=True)}
    assert set(edges) == {
        ("alpha", "beta", "rival"),
        ("beta", "gamma", "absorbed_fighters_from"),
        ("alpha", "gamma", "allied"),
    }
    assert edges["alpha", "beta", "rival"]["directed"] is False
    assert edges["alpha", "beta", "rival"]["label"] == "rival"
    assert edges["alpha", "gamma", "allied"]["attributed_to"] == "analysts"
    assert "lastmodifieddate" not in result.stdout


def test_dated_relations_become_spells_from_the_first_day_to_the_last_and_keep_their_keys() -> None:
    """Gephi's timeline shows a relation from the first day its `since` covers to the last day
    its `until` covers; an open end stays open, an undated relation has no spell; each edge
    keeps its key in the exported graph (e0, e1, ...); the file is laid out one element a line."""
    import xml.etree.ElementTree as ET

    from actorgraph.network.build import build_graph
    from actorgraph.outputs.gexf import export

    from tests.factories import dataset, edge

    g = build_graph(dataset(["a", "b", "c"], [
        edge("a", "rival", "b", since="2018"), edge("b", "allied", "c", until="2017-02"),
        edge("a", "allied", "c", since="2015-08", until="2016"), edge("c", "rival", "b"),
    ]))  # fmt: skip
    text = export(g)
    ns = {"g": "http://www.gexf.net/1.2draft"}
    found = {
        (e.get("source"), e.get("target"), e.get("id")): [
            (s.get("start"), s.get("end")) for s in e.iterfind(".//g:spell", ns)
        ]
        for e in ET.fromstring(text).iterfind(".//g:edge", ns)
    }
    assert found == {
        ("a", "b", "e0"): [("2018-01-01", None)],
        ("b", "c", "e1"): [(None, "2017-02-28")],
        ("a", "c", "e2"): [("2015-08-01", "2016-12-31")],
        ("c", "b", "e3"): [],
    }, found
    assert text.endswith("</gexf>\n") and "\n    <edges>\n" in text
