"""actorgraph: a quote-verified graph of armed groups and the relations between them.

    >>> import actorgraph
    >>> m = actorgraph.load("tests/fixtures/valid")  # a map's folder; actorgraph.DataError on bad data
    >>> m
    <actorgraph.Map: 3 actors, 3 relations>
    >>> type(m.graph).__name__                       # a NetworkX MultiDiGraph of Relation records
    'MultiDiGraph'
    >>> len(m.relations())                           # pandas DataFrames: actors(), relations(), evidence()
    3
    >>> m.path("AF", "Gamma Movement")[0].nodes[-1].name  # as `actorgraph path` answers
    'Gamma Movement'

`load` and `Map` are imported on first use, so the command line starts without
NetworkX for the commands that do not need it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import ActorgraphError, DataError, ReadError, UsageError, WriteError

if __name__ != "actorgraph":  # the folder is `graph/`, so a checkout's root can import it under that name
    raise ImportError(f"this is the actorgraph package; import it as `actorgraph`, not `{__name__}`")

if TYPE_CHECKING:
    from .api import Map, load

__all__ = ["ActorgraphError", "DataError", "Map", "ReadError", "UsageError", "WriteError", "load"]


def __getattr__(name: str) -> Any:
    if name in ("load", "Map"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'actorgraph' has no attribute {name!r}")
