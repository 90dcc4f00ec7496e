"""The package's modules import one another in one direction only: no circle, and no layer
reaching back up the flow (YAML -> model -> validation -> NetworkX -> queries and outputs).

Read from the source with `ast`, imports inside functions included: a lazy import still
ties two modules together.
"""

from __future__ import annotations

import ast
from pathlib import Path

import actorgraph
import networkx as nx

PACKAGE = Path(actorgraph.__path__[0])  # the folder the package is imported from (graph/ in a checkout)


def _module(path: Path) -> str:
    parts = ["actorgraph", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> nx.DiGraph:
    modules = {_module(p): p for p in PACKAGE.rglob("*.py")}
    graph = nx.DiGraph()
    for name, path in modules.items():
        graph.add_node(name)
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)] if node.level else []
                target = ".".join([*base, node.module] if node.module else base) if node.level else node.module or ""
                candidates = [target, *(f"{target}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                candidates = [a.name for a in node.names]
            else:
                continue
            graph.add_edges_from((name, c) for c in candidates if c in modules and c != name)
    return graph


def test_no_import_circle() -> None:
    graph = _imports()
    assert graph.number_of_edges() > 50  # the reading found the imports at all
    cycles = sorted(nx.simple_cycles(graph), key=len)
    assert not cycles, "import circles: " + "; ".join(" -> ".join(c) for c in cycles[:5])


def test_lower_layers_never_import_higher_ones() -> None:
    """dataset knows nothing of the graph; network nothing of outputs, curation or the CLI."""
    graph = _imports()
    above = {
        "actorgraph.dataset": (
            "actorgraph.network",
            "actorgraph.outputs",
            "actorgraph.curation",
            "actorgraph.present",
            "actorgraph.intake",
        ),
        "actorgraph.network": (
            "actorgraph.outputs",
            "actorgraph.curation",
            "actorgraph.present",
            "actorgraph.cli",
            "actorgraph.intake",
        ),
        "actorgraph.curation": ("actorgraph.intake",),  # intake proposes; curation never asks it
    }
    wrong = [
        (a, b)
        for a, b in graph.edges
        for layer, higher in above.items()
        if a.startswith(layer + ".") and b.startswith(higher)
    ]
    assert not wrong, wrong
