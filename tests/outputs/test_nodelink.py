"""JSON export: node-link data NetworkX reads back, nodes and edges as the commands' records."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from tests.conftest import run


def test_export_json_reads_back_into_networkx_with_every_field(small: Path) -> None:
    result = run("export", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    g = nx.node_link_graph(data, edges="edges", key="type")
    assert isinstance(g, nx.MultiDiGraph)
    assert set(g["alpha"]["gamma"]) == {"allied"}
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["beta"] == {
        "id": "beta",
        "name": "Beta Brigade",
        "aliases": ["BB", "the Brigade"],
        "kind": "militant_group",
        "description": None,
        "region": "The northern valleys",
        "founded": None,
        "dissolved": None,
    }
    allied = next(e for e in data["edges"] if e["type"] == "allied")
    assert allied == {
        "id": "alpha/allied/gamma",
        "source": "alpha",
        "target": "gamma",
        "type": "allied",
        "source_name": "Alpha Front",
        "target_name": "Gamma Movement",
        "label": "allied",
        "directed": False,
        "sign": 1,
        "sentence": "Alpha Front —allied— Gamma Movement  [possible, according to analysts]",
        "confidence": "possible",
        "attributed_to": "analysts",
        "stated_plainly": False,
        "since": None,
        "until": None,
        "note": None,
        "sources": ["memo"],
        "contested": False,
        "opposed_by": [],
        "evidence": [
            {
                "doc": "memo",
                "quote": 'Analysts say the Alpha Front "may be allied" with the Gamma Movement',
                "confidence": "possible",
                "attributed_to": "analysts",
                "stance": "supports",
                "note": None,
                "citation": "— memo; according to analysts; possible",
            }
        ],
    }
    assert data["graph"]["relation_types"]["allied"]["directed"] is False
    assert data["graph"]["sources"]["memo"]["file"] == "memo.txt"


def test_every_json_answer_carries_the_same_relation_record(small: Path) -> None:
    exported = json.loads(run("export", "--format", "json").stdout)["edges"]
    listed = json.loads(run("list", "relations", "--format", "json").stdout)
    walked = json.loads(run("path", "alpha", "gamma", "--format", "json").stdout)[0][0]["relation"]
    shown = json.loads(run("show", "gamma", "--format", "json").stdout)["relations"]
    assert exported == listed
    assert walked in exported
    assert all(hop["relation"] in exported for hop in shown)


def test_the_json_export_is_indented_says_it_is_a_multigraph_and_keeps_its_characters(small: Path) -> None:
    """Read by people in review as well as by NetworkX: two-space indents, one key a line, the
    text's own characters (a dash, not an escape), and `multigraph` so that
    `node_link_graph` keeps two relations between the same pair apart."""
    text = run("export", "--format", "json").stdout
    assert text.startswith('{\n  "directed": true,\n  "multigraph": true,\n  "graph": {\n')
    assert '"citation": "— memo' in text and "\\u2014" not in text
    assert text.endswith("}\n")
