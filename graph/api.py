"""actorgraph from Python: a checked map, its NetworkX graph, and pandas frames of it.

    >>> import actorgraph
    >>> m = actorgraph.load("tests/fixtures/valid/data", "tests/fixtures/valid/seeds")
    >>> m.relations()[["source", "type", "target"]].head(2)
      source    type target
    0  alpha   rival   beta
    1  alpha  allied  gamma
    >>> print(m.path("Alpha Front", "gamma")[0])  # doctest: +ELLIPSIS
    Alpha Front → Gamma Movement  (1 hop)
      1. Alpha Front —allied— Gamma Movement  [possible, according to analysts]
    ...

Frames have the same columns as the CSV exports, one row per actor, relation
or quote; pandas is imported only when a frame is asked for.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from .dataset.model import Dataset
from .network import query
from .network.build import build_graph
from .network.records import (
    ACTOR_COLUMNS,
    EVIDENCE_COLUMNS,
    RELATION_COLUMNS,
    Relation,
    actor_row,
    evidence_rows,
    relation_row,
    relations,
)

if TYPE_CHECKING:
    import pandas as pd


class Map:
    """A map of actors and relations whose data passed every check.

    `graph` is a NetworkX MultiDiGraph: each node holds its `Actor` under "actor",
    each edge its `Relation` under "relation" (with the evidence, hedges and who
    claims it); edge keys are relation types.
    """

    def __init__(self, data: Dataset) -> None:
        self.dataset = data
        self.graph: nx.MultiDiGraph = build_graph(data)

    def __repr__(self) -> str:
        return f"<actorgraph.Map: {self.graph.number_of_nodes()} actors, {self.graph.number_of_edges()} relations>"

    def relation_records(self) -> list[Relation]:
        return list(relations(self.graph))

    def actors(self) -> pd.DataFrame:
        """One row per actor, the columns of `actorgraph list actors --format csv`."""
        return _frame([actor_row(self.graph, n) for n in self.graph.nodes], ACTOR_COLUMNS)

    def relations(self) -> pd.DataFrame:
        """One row per relation, the columns of `actorgraph export --format csv`."""
        return _frame([relation_row(r) for r in relations(self.graph)], RELATION_COLUMNS)

    def evidence(self) -> pd.DataFrame:
        """One row per quote, with the relation it backs (`actorgraph list evidence --format csv`)."""
        return _frame([row for r in relations(self.graph) for row in evidence_rows(r)], EVIDENCE_COLUMNS)

    def resolve(self, name: str) -> str:
        """The id of the actor `name` means (id, name or alias, any case); `UsageError` otherwise."""
        return query.resolve(self.graph, name)

    def path(
        self,
        a: str,
        b: str,
        *,
        every: bool = False,
        max_hops: int = 4,
        types: tuple[str, ...] = (),
        exclude: tuple[str, ...] = (),
        directed: bool = False,
        as_of: int | None = None,
    ) -> list[query.Route]:
        """The shortest routes from a to b as `actorgraph path` finds them (an empty list when
        there is none); print a route to read it with its evidence."""
        filters = query.Filters(types=tuple(types), exclude=tuple(exclude), directed=directed, as_of=as_of)
        return query.paths(self.graph, self.resolve(a), self.resolve(b), filters, every=every, max_hops=max_hops)


def _frame(rows: list[dict[str, object]], columns: tuple[str, ...]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(rows, columns=list(columns))


def load(data_dir: str | Path = "data", seeds_dir: str | Path = "seeds") -> Map:
    """Read, check and build a map. Raises `actorgraph.DataError`, whose `problems` lists every
    problem (`file:line: message`), when the data does not pass `actorgraph check`."""
    from .dataset.check import load_checked

    return Map(load_checked(Path(data_dir), Path(seeds_dir)))
