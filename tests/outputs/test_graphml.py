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


def test_graphml_gives_each_field_once_and_leaves_empty_ones_out(full_map: Path) -> None:
    """Each actor's id is its node's id and each relation's ends are its edge's ends, not
    attributes again; a field with no value (an actor without aliases, a relation nothing
    opposes) has no attribute; the vocabularies travel as JSON with sorted keys and their own
    characters; the file is laid out one element a line."""
    import io
    import json

    import networkx as nx

    result = run("export", "--format", "graphml")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.endswith("\n</graphml>\n") and '\n    <node id="alpha">\n' in text, text[:300]
    g = nx.read_graphml(io.StringIO(text))
    assert all("id" not in attrs for _, attrs in g.nodes(data=True)), g.nodes(data=True)
    assert g.nodes["alpha"]["aliases"] == "AF; the Front"
    assert not {"aliases", "description", "dissolved"} & set(g.nodes["beta"]), g.nodes["beta"]
    edges = {attrs["relation_id"]: attrs for _, _, attrs in g.edges(data=True)}
    assert all(not {"source", "target"} & set(attrs) for attrs in edges.values()), edges
    assert edges["delta/supplied/alpha"]["opposed_by"] == "alpha/attacked/delta"
    assert not {"opposed_by", "confidence", "attributed_to"} & set(edges["alpha/allied/beta"])
    types = json.loads(g.graph["relation_types"])
    assert list(types) == ["allied", "attacked", "supplied"]  # written allied, supplied, attacked
    assert list(types["allied"]) == sorted(types["allied"])
    assert types["allied"]["definition"] == "They cooperate — in the field or in talks."
    assert "They cooperate — in the field" in g.graph["relation_types"]  # as Gephi shows it, not \u2014
