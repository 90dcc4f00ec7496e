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

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from .dataset.format import default_seeds
from .dataset.model import Dataset
from .errors import ReadError, UsageError
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
        types: str | Iterable[str] = (),
        exclude: str | Iterable[str] = (),
        directed: bool = False,
        as_of: int | str | None = None,
    ) -> list[query.Route]:
        """The shortest routes from a to b as `actorgraph path` finds them (an empty list when
        there is none); print a route to read it with its evidence."""
        filters = query.Filters(_names(types), _names(exclude), directed, _year(as_of))
        return query.paths(self.graph, self.resolve(a), self.resolve(b), filters, every=every, max_hops=max_hops)


def _names(value: str | Iterable[str]) -> tuple[str, ...]:
    """One relation type or several: `types="allied"` means the type, not its letters."""
    return (value,) if isinstance(value, str) else tuple(value)


def _year(value: int | str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise UsageError(f"as_of must be a year, not {value!r}") from None


def _frame(rows: list[dict[str, object]], columns: tuple[str, ...]) -> pd.DataFrame:
    import pandas as pd

    # convert_dtypes: text columns as strings and every empty value as pd.NA, not a mix of
    # None and NaN depending on what else the column holds.
    return pd.DataFrame(rows, columns=list(columns)).convert_dtypes()


def load(data_dir: str | Path = "data", seeds_dir: str | Path | None = None) -> Map:
    """Read, check and build a map: `data_dir` holds actors.yaml and edges.yaml, `seeds_dir`
    (by default the `seeds` folder beside `data_dir`) sources.yaml and the texts. Raises
    `actorgraph.DataError`, whose `problems` lists every problem (`file:line: message`), when
    the data does not pass `actorgraph check`, and `actorgraph.ReadError` for a missing folder."""
    from .dataset.check import load_checked

    data = Path(data_dir)
    seeds = Path(seeds_dir) if seeds_dir is not None else default_seeds(data)
    for folder, holds in ((data, "actors.yaml and edges.yaml"), (seeds, "sources.yaml and the texts")):
        if not folder.is_dir():
            raise ReadError(f"folder '{folder}' not found (it should hold {holds})")
    return Map(load_checked(data, seeds))
