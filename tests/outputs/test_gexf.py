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
