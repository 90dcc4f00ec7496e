"""Every export format in one table: the CLI's `--format` choices, the `-o` suffixes it
recognises and the help text all come from here, so a new exporter is one line and
one module (`outputs/<module>.py` with `export(g) -> str`, or, for a format that is a
folder of files, `files(g) -> {file name: content}`)."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI reads this table at start-up, before it knows networkx is needed
    import networkx as nx


@dataclass(frozen=True)
class Exporter:
    name: str
    suffixes: tuple[str, ...]
    summary: str
    module: str  # imported only when used: stix2 alone costs more than a path query
    guarded: bool = False  # cells a spreadsheet would run are neutralised unless `raw`
    folder: bool = False  # several files, written into the folder `-o` names

    def export(self, g: nx.MultiDiGraph, *, raw: bool = False) -> str:
        """The graph in this format; `raw` turns off a spreadsheet format's formula guard."""
        module = importlib.import_module(f"{__package__}.{self.module}")
        text: str = module.export(g, raw=raw) if self.guarded else module.export(g)
        return text

    def files(self, g: nx.MultiDiGraph) -> dict[str, str | bytes]:
        """A folder format's files, by name."""
        module = importlib.import_module(f"{__package__}.{self.module}")
        found: dict[str, str | bytes] = module.files(g)
        return found

    @property
    def target(self) -> str:
        """What `-o` names for this format, for the help."""
        return "a folder: -o DIR" if self.folder else ", ".join(self.suffixes)


EXPORTERS: dict[str, Exporter] = {
    e.name: e
    for e in (
        Exporter(
            "json",
            (".json",),
            "NetworkX node-link data with every field (nx.node_link_graph(data, edges='edges', key='type'))",
            "nodelink",
        ),
        Exporter("graphml", (".graphml",), "for Gephi, igraph and yEd; lists become text", "graphml"),
        Exporter("gexf", (".gexf",), "for Gephi, with dated relations as spells on its timeline", "gexf"),
        Exporter(
            "csv",
            (".csv",),
            "one row per relation, its quotes one per line in the 'quotes' cell",
            "table",
            guarded=True,
        ),
        Exporter("stix", (".stix", ".stix.json"), "a STIX 2.1 bundle that OpenCTI takes as it is", "stix"),
        Exporter(
            "svg", (".svg",), "a static image for reports: the page's layout, with title, legend and sources", "svg"
        ),
        Exporter(
            "parquet",
            (),
            "actors, relations, evidence and sources as typed Parquet tables with stable ids, for DuckDB, "
            "pandas, Spark",
            "parquet",
            folder=True,
        ),
        Exporter(
            "neo4j",
            (),
            "CSV files for `neo4j-admin database import full`: actors, claims, quotes and sources as nodes",
            "neo4j",
            folder=True,
        ),
    )
}


def by_suffix(file_name: str) -> Exporter | None:
    """The exporter a file name asks for by its extension (longest match: `.stix.json`)."""
    lowered = file_name.lower()
    matches = [(s, e) for e in EXPORTERS.values() for s in e.suffixes if lowered.endswith(s)]
    return max(matches, key=lambda m: len(m[0]))[1] if matches else None
