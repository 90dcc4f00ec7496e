"""actorgraph from Python: a checked map that answers every question the command line answers.

    >>> import actorgraph
    >>> m = actorgraph.load("tests/fixtures/valid")      # a map's folder (or its data folder)
    >>> m.relations()[["source", "type", "target"]]
      source                    type target
    0  alpha                   rival   beta
    1   beta  absorbed_fighters_from  gamma
    2  alpha                  allied  gamma
    >>> print(m.path("Alpha Front", "gamma")[0])  # doctest: +ELLIPSIS
    Alpha Front → Gamma Movement  (1 hop)
      1. Alpha Front —allied— Gamma Movement  [possible, according to analysts]
    ...
    >>> m.show("AF").count                             # the card of `actorgraph show AF`
    2
    >>> m.filtered(no_hedged=True).relation_records()[-1].sentence
    'Beta Brigade —absorbed fighters from→ Gamma Movement  [since 2018]'

Frames have the same columns as the CSV exports, one row per actor, relation or
quote; pandas is imported only when a frame is asked for. The command line is a
thin layer over this class: each command opens a `Map`, calls one method and
prints the answer. Edits (`add_relation`, `remove_relation`, `edit_evidence`, ...)
write the map's files exactly as the commands do — checked, locked, comments kept
— and then read the map again, so the object always answers from what is on disk.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from .dataset.fields import Field
from .dataset.model import Dataset, Source
from .errors import UsageError
from .folder import MapFolder
from .network import query
from .network.build import build_graph
from .network.claims import EvidenceFilter
from .network.records import (
    ACTOR_COLUMNS,
    EVIDENCE_COLUMNS,
    RELATION_COLUMNS,
    Relation,
    actor_row,
    evidence_rows,
    relation_row,
)

EVERY_QUOTE = EvidenceFilter()  # the filter that lets every quote through

if TYPE_CHECKING:
    import pandas as pd

    from .curation.coverage import Coverage
    from .curation.diff import DataDiff
    from .intake.enqueue import Enqueued
    from .intake.propose import Proposal
    from .network.analyze import Analysis
    from .network.claims import Contest


class Map:
    """A map of actors and relations whose data passed every check.

    `graph` is a NetworkX MultiDiGraph: each node holds its `Actor` under "actor",
    each edge its `Relation` under "relation" (with the evidence, hedges and who
    claims it); edge keys are relation types. `filter` says which quotes the map's
    answers rest on (`filtered` makes a map that uses fewer); `folder` is where its
    files are, None for a map built from a dataset in memory.
    """

    def __init__(self, data: Dataset, folder: MapFolder | None = None, evidence: EvidenceFilter = EVERY_QUOTE) -> None:
        self.folder = folder
        self.filter = evidence
        self.whole = data  # every quote, whatever the filter: edits and coverage work on it
        self.dataset = evidence.apply(data)
        self.graph: nx.MultiDiGraph = build_graph(self.dataset, scope=evidence.describe())

    @classmethod
    def open(cls, folder: MapFolder, evidence: EvidenceFilter = EVERY_QUOTE, *, cached: bool = True) -> Map:
        """The map in `folder`, checked (from the cache of checked maps when every input byte is
        unchanged, unless `cached` is false). Raises `DataError` when the data fails `check`."""
        from .dataset.check import load_checked
        from .network.cache import checked_dataset

        data = checked_dataset(folder.data, folder.seeds) if cached else load_checked(folder.data, folder.seeds)
        return cls(data, folder, evidence)

    def __repr__(self) -> str:
        scope = f" ({self.filter.describe()})" if self.filter.active else ""
        n, e = self.graph.number_of_nodes(), self.graph.number_of_edges()
        return f"<actorgraph.Map: {n} actors, {e} relations{scope}>"

    def filtered(self, *, no_hedged: bool = False, no_attributed: bool = False, sources: Iterable[str] = ()) -> Map:
        """The same map answering only from some quotes: without hedged ones, without those put
        in someone else's mouth, or from some sources only (`--no-hedged`, `--no-attributed`,
        `--source`). A relation stays when any of its quotes passes, with only those quotes."""
        return Map(self.whole, self.folder, EvidenceFilter(no_hedged, no_attributed, tuple(sources)))

    # --- questions ----------------------------------------------------------------------------

    def resolve(self, name: str) -> str:
        """The id of the actor `name` means (id, name or alias, any case); `UsageError` otherwise."""
        return query.resolve(self.graph, name)

    def relation_records(
        self,
        *,
        type: str | None = None,
        kind: str | None = None,
        actor: str | None = None,
        contested: bool = False,
    ) -> list[Relation]:
        """Relations as records, filtered as `actorgraph list relations` filters them."""
        who = self.resolve(actor) if actor else None
        return query.select_relations(self.graph, rtype=type, kind=kind, node=who, contested=contested)

    def actor_ids(self, *, kind: str | None = None, type: str | None = None) -> list[str]:
        """Actor ids of a kind, or with a relation of a type, in the order they were curated."""
        return query.select_actors(self.graph, kind=kind, rtype=type)

    def actors(self, *, kind: str | None = None, type: str | None = None) -> pd.DataFrame:
        """One row per actor, the columns of `actorgraph list actors --format csv`."""
        return _frame([actor_row(self.graph, n) for n in self.actor_ids(kind=kind, type=type)], ACTOR_COLUMNS)

    def relations(self, **filters: Any) -> pd.DataFrame:
        """One row per relation, the columns of `actorgraph export --format csv`; filters as
        `relation_records` takes them."""
        return _frame([relation_row(r) for r in self.relation_records(**filters)], RELATION_COLUMNS)

    def evidence(self, **filters: Any) -> pd.DataFrame:
        """One row per quote, with the relation it backs (`actorgraph list evidence --format csv`)."""
        rows = [row for r in self.relation_records(**filters) for row in evidence_rows(r)]
        return _frame(rows, EVIDENCE_COLUMNS)

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

    def show(self, name: str) -> query.Card:
        """An actor's card, as `actorgraph show` prints it: the actor and its relations by type."""
        return query.card(self.graph, self.resolve(name))

    def contested(self) -> list[Contest]:
        """The pairs the sources disagree about (`actorgraph contested`), among the quotes used."""
        return list(self.graph.graph["contests"])

    def analyze(
        self, actor: str | None = None, *, as_of: int | str | None = None, time_limit: float | None = None
    ) -> Analysis:
        """Centrality, camps and shared enemies (`actorgraph analyze`): each placement says what
        it rests on (a cooperative tie, only a shared enemy, or undetermined) and whether the
        authors' own plainly stated claims alone support it; `as_of` keeps the relations in
        force that year; `time_limit` bounds the exact search (processor seconds), after which
        the answer says it is a bound."""
        from .network.analyze import TIME_LIMIT, analyze

        stated = build_graph(dataclasses.replace(self.filter, no_hedged=True, no_attributed=True).apply(self.dataset))
        focus = self.resolve(actor) if actor else None
        limit = TIME_LIMIT if time_limit is None else time_limit
        return analyze(self.graph, focus, stated, _year(as_of), time_limit=limit)

    def coverage(self) -> Coverage:
        """What the sources say that the map does not yet cite (`actorgraph coverage`)."""
        from .curation.coverage import coverage

        return coverage(self.whole)

    def sources(self) -> list[Source]:
        """The bibliography (`actorgraph sources`): every source text with what it says of itself."""
        return list(self.dataset.sources.values())

    def diff(self, old: str = "HEAD", new: str | None = None) -> DataDiff:
        """What changed between two versions (git revisions or folders; None: the files as they
        are now), as `actorgraph diff` reports it."""
        from .curation.diff import compare, version

        folder = self._on_disk()
        with version(old, folder.data, folder.seeds) as before, version(new, folder.data, folder.seeds) as after:
            return compare(before, after)

    # --- edits --------------------------------------------------------------------------------

    def add_actor(self, **fields: Any) -> None:
        """Append an actor (`id`, `name`, `kind`, `aliases`, ...) as `actorgraph add-actor` does."""
        from .curation.edit import add_actor
        from .dataset.format import ACTOR_FIELDS

        self._edit(add_actor, **_fields(fields, ACTOR_FIELDS))

    def add_relation(self, source: str, type: str, target: str, **fields: Any) -> None:
        """Append a relation with one quote (`doc`, `quote`, and the quote's own `confidence` and
        `attributed_to`; the relation's `since`, `until`, `note`)."""
        from .curation.edit import add_relation
        from .dataset.format import EDGE_FIELDS, EVIDENCE_FIELDS

        quote = {k: f for k, f in EVIDENCE_FIELDS.items() if k not in ("stance", "note")}
        edge = {k: f for k, f in EDGE_FIELDS.items() if k not in ("source", "target", "type", "evidence")}
        self._edit(add_relation, source, type, target, **_fields(fields, quote, edge))

    def add_evidence(self, source: str, type: str, target: str, **fields: Any) -> None:
        """Add a quote to a relation already recorded (`doc`, `quote`, its own qualifiers)."""
        from .curation.edit import add_evidence
        from .dataset.format import EVIDENCE_FIELDS

        self._edit(add_evidence, source, type, target, **_fields(fields, EVIDENCE_FIELDS))

    def add_alias(self, actor: str, alias: str) -> None:
        from .curation.edit import add_alias

        self._edit(add_alias, actor, alias)

    def add_source(self, file: str | Path, **fields: Any) -> None:
        """Copy a text into the seeds folder and register it (`kind`, `title`, `url`, ...)."""
        from .curation.edit import add_source
        from .dataset.format import SOURCE_FIELDS

        spec = {k: f for k, f in SOURCE_FIELDS.items() if k != "file"}
        self._edit(add_source, Path(file), **_fields(fields, spec))

    def add_term(self, vocabulary: str, name: str, **fields: Any) -> None:
        """Add to a vocabulary: `vocabulary` is "type", "kind", "hedge" or "source-kind"."""
        from .curation.edit import VOCABULARIES, add_term
        from .dataset.format import FILES

        if vocabulary not in VOCABULARIES:
            raise UsageError(f"unknown vocabulary '{vocabulary}' (one of: {', '.join(VOCABULARIES)})")
        file_name, key, _ = VOCABULARIES[vocabulary]
        self._edit(add_term, vocabulary, name, **_fields(fields, FILES[file_name][key]))

    def remove_relation(self, source: str, type: str, target: str) -> None:
        from .curation.correct import remove_relation

        self._edit(remove_relation, source, type, target)

    def remove_evidence(self, source: str, type: str, target: str, *, doc: str, quote: str) -> None:
        from .curation.correct import remove_evidence

        self._edit(remove_evidence, source, type, target, doc=doc, quote=quote)

    def reverse(self, source: str, type: str, target: str) -> None:
        from .curation.correct import reverse_relation

        self._edit(reverse_relation, source, type, target)

    def retype(self, source: str, type: str, target: str, *, to: str) -> None:
        from .curation.correct import retype_relation

        self._edit(retype_relation, source, type, target, to=to)

    def edit_evidence(
        self, source: str, type: str, target: str, *, doc: str, quote: str, **changes: str | None
    ) -> None:
        """Change one quote's `confidence`, `attributed_to`, `stance` or `note` ("" takes it off)."""
        from .curation.correct import requalify_evidence
        from .dataset.format import EVIDENCE_FIELDS

        spec = {k: f for k, f in EVIDENCE_FIELDS.items() if k not in ("doc", "quote")}
        changed = _fields(changes, spec)
        self._edit(requalify_evidence, source, type, target, doc=doc, quote=quote, changes=changed)

    def edit_relation(self, source: str, type: str, target: str, **changes: str | None) -> None:
        """Change a relation's `since`, `until` or `note` ("" takes one off); its quotes stay."""
        from .curation.correct import RELATION_EDITABLE, edit_relation
        from .dataset.format import EDGE_FIELDS

        spec = {k: f for k, f in EDGE_FIELDS.items() if k in RELATION_EDITABLE}
        self._edit(edit_relation, source, type, target, _fields(changes, spec))

    def remove_actor(self, actor: str) -> None:
        from .curation.correct import remove_actor

        self._edit(remove_actor, actor)

    def remove_alias(self, actor: str, alias: str) -> None:
        from .curation.correct import remove_alias

        self._edit(remove_alias, actor, alias)

    def edit_actor(self, actor: str, **changes: str | None) -> None:
        """Change an actor's `name`, `kind`, `description`, `region`, `founded`, `dissolved`
        ("" takes an optional one off)."""
        from .curation.correct import ACTOR_EDITABLE, edit_actor
        from .dataset.format import ACTOR_FIELDS

        spec = {k: f for k, f in ACTOR_FIELDS.items() if k in ACTOR_EDITABLE}
        self._edit(edit_actor, actor, _fields(changes, spec))

    def remove_review(self, doc: str, sentence: str, pair: tuple[str, str] | None = None) -> None:
        """Withdraw a review (`actorgraph remove-review`): the sentence, or the pair, is open again."""
        from .curation.correct import remove_review

        self._edit(remove_review, doc, sentence, pair)

    def add_review(self, doc: str, sentence: str, reason: str, pair: tuple[str, str] | None = None) -> None:
        """Record that a sentence (or one pair of actors in it) states no relation, and why
        (`actorgraph add-review`)."""
        from .curation.edit import add_review

        self._edit(add_review, doc, sentence, reason, pair)

    # --- intake: machines propose, a person decides ---------------------------------------------

    def propose(self, *docs: str, from_file: str | Path | None = None) -> Enqueued:
        """Draft relations from registered texts (or read another extractor's file) into the
        review queue, every quote verified (`actorgraph propose`); nothing reaches the relations."""
        from .intake.enqueue import import_into_queue, propose_into_queue

        folder = self._on_disk()
        if from_file is not None:
            return import_into_queue(folder.data, folder.seeds, Path(from_file), docs[0] if docs else None)
        return propose_into_queue(folder.data, folder.seeds, docs)

    def proposals(self) -> list[Proposal]:
        """The review queue: every proposal with its status (open, accepted, rejected)."""
        from .intake.queue import load_queue

        return load_queue(self._on_disk().data)

    def accept(self, *ids: str, **change: Any) -> None:
        """Accept proposals, optionally changed first (`type`, `flip`, `confidence`,
        `attributed_to`): written through add-relation/add-evidence (`review --accept`)."""
        from .intake.review import Change, accept

        self._edit(accept, list(ids), Change(**change))

    def reject(self, *ids: str, reason: str) -> None:
        """Reject proposals with a reason, recorded as reviewed pairs (`review --reject`)."""
        from .intake.review import reject

        self._edit(reject, list(ids), reason)

    def _on_disk(self) -> MapFolder:
        if self.folder is None:
            raise UsageError("this map was not read from a folder; open one with actorgraph.load(folder)")
        return self.folder

    def _edit(self, command: Any, *args: Any, **kwargs: Any) -> None:
        """Run an edit command on the map's folder, then read the map again from disk."""
        folder = self._on_disk()
        command(folder.data, folder.seeds, *args, **kwargs)
        fresh = Map.open(folder, self.filter)
        self.whole, self.dataset, self.graph = fresh.whole, fresh.dataset, fresh.graph


def _fields(given: Mapping[str, Any], *specs: Mapping[str, Field]) -> dict[str, Any]:
    """Keyword arguments as the fields they name: a field's own name or its command-line option's
    (`hedge` for a quote's `confidence`, `alias` for `aliases`), and `disputes=True` for a
    disputing quote. Anything else is a `TypeError`: a misspelt field silently dropped would
    write a record that says something other than what was meant."""
    names: dict[str, str] = {}
    for spec in specs:
        for key, f in spec.items():
            names[key] = key
            if f.option:
                names[f.option] = key
    out: dict[str, Any] = {}
    for name, value in given.items():
        if name == "disputes" and "stance" in names.values():
            out["stance"] = "disputes" if value else None
        elif name in names:
            out[names[name]] = list(value) if isinstance(value, (list, tuple)) else value
        else:
            known = ", ".join(sorted(set(names) | ({"disputes"} if "stance" in names.values() else set())))
            raise TypeError(f"unknown field {name!r} (known: {known})")
    return out


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
    """Read, check and build a map: `data_dir` is a map's folder (holding `data/` and `seeds/`)
    or its data folder (holding actors.yaml and edges.yaml; `seeds_dir` is then by default the
    `seeds` folder beside it). Raises `actorgraph.DataError`, whose `problems` lists every problem
    (`file:line: message`), when the data does not pass `actorgraph check`, and
    `actorgraph.UsageError` for a folder that is not there."""
    return Map.open(MapFolder.of(data_dir, seeds_dir), cached=False)
