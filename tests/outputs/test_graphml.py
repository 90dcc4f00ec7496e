"""GraphML export: opens in igraph with every actor, relation and the relation row's fields."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run


def test_export_graphml_opens_in_igraph_with_every_node_and_edge(small: Path, tmp_path: Path) -> None:
    igraph = pytest.importorskip("igraph", reason="python-igraph is part of the [test] extra")
    out = tmp_path / "g.graphml"
    result = run("export", "-o", str(out))  # format from the extension
    assert result.exit_code == 0, result.output
    g = igraph.Graph.Read_GraphML(str(out))
    assert sorted(g.vs["id"]) == ["alpha", "beta", "gamma"]
    assert sorted(g.vs["label"]) == ["Alpha Front", "Beta Brigade", "Gamma Movement"]
    assert g.ecount() == 3
    assert sorted(g.es["type"]) == ["absorbed_fighters_from", "allied", "rival"]
    assert g.vs.find(id="beta")["aliases"] == "BB; the Brigade"
    assert sorted(g.es["relation_id"]) == [
        "alpha/allied/gamma",
        "alpha/rival/beta",
        "beta/absorbed_fighters_from/gamma",
    ]
    rival = g.es.find(type="rival")
    assert rival["quotes"] == "“The Alpha Front and the Beta Brigade are bitter rivals” — memo"
    assert rival["directed"] is False or rival["directed"] == 0
    allied = g.es.find(type="allied")
    assert (allied["confidence"], allied["attributed_to"]) == ("possible", "analysts")
