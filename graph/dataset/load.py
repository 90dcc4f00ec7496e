"""Turn the three YAML files and the seed texts into a `Dataset`.

This stage checks only what it must to build records: the shape of each file,
the type of each value and unknown keys. A record it cannot build is left out
and reported; everything it can build goes on to validation, so that one bad
edit does not hide the problems behind it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from ..files import Missing, Unreadable, map_roots, read_inside
from .fields import VOCAB_PATTERN, Field, Invalid, Text, describe
from .format import (
    ACTOR_FIELDS,
    ACTORS_FILE,
    CONFIDENCE_FIELDS,
    EDGE_FIELDS,
    EDGES_FILE,
    EVIDENCE_FIELDS,
    KIND_FIELDS,
    RELATION_TYPE_FIELDS,
    REQUIRED_TOP,
    RETIRED,
    REVIEW_FIELDS,
    REVIEWED_FILE,
    SETTINGS_FIELDS,
    SETTINGS_FILE,
    SOURCE_FIELDS,
    SOURCE_KIND_FIELDS,
    SOURCES_FILE,
    STIX_CONFIDENCE_FIELDS,
    TEXT_SUFFIXES,
    TOP_KEYS,
)
from .model import (
    Actor,
    ActorKind,
    ConfidenceLevel,
    Dataset,
    Edge,
    Evidence,
    Location,
    Problem,
    RelationType,
    Review,
    Settings,
    Source,
    SourceKind,
    StixConfidence,
)
from .suggest import hint
from .yamlsafe import CONTROLS, YList, YMap, odd_characters, read_yaml

_VOCAB_NAME = re.compile(VOCAB_PATTERN)
_R = TypeVar("_R")


def display_path(path: Path) -> str:
    """The path as a curator typed it: relative to the working folder when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


class _Reader:
    """Collects problems for one file while records are read out of it."""

    def __init__(self, display: str, problems: list[Problem], broken: set[str] | None = None) -> None:
        self.display = display
        self.problems = problems
        self.broken = broken if broken is not None else set()

    def at(self, line: int | None) -> Location:
        return Location(self.display, line)

    def report(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.at(line), message))

    def mark_broken(self, what: str, name: Any) -> None:
        """Remember a record that was reported and dropped, so references to it stay quiet."""
        if isinstance(name, str):
            self.broken.add(f"{what}:{name}")

    def _reported_at(self, line: int) -> bool:
        return any(p.location.file == self.display and p.location.line == line for p in self.problems)

    def top(self, value: Any, allowed: Sequence[str], required: tuple[str, ...]) -> YMap | None:
        """Check the top-level mapping: only `allowed` keys, every `required` one."""
        if value is None:
            return None
        if not isinstance(value, YMap):
            keys = ", ".join(f"'{k}'" for k in required)
            self.report(getattr(value, "line", 1), f"expected a mapping with {keys} at the top level")
            return None
        for key in value:
            if key not in allowed:
                self.report(value.key_lines[key], _unknown_key(key, allowed, "at the top level"))
        for key in required:
            if key not in value:
                self.report(value.line, f"missing top-level key '{key}'")
        return value

    def records(self, top: YMap, key: str, what: str) -> list[tuple[YMap, int]]:
        """The items of a top-level list, each with its line; non-mappings are reported."""
        value = top.get(key)
        if value is None:
            if key in top:
                self.report(top.key_lines[key], f"'{key}' is empty; expected a list of {what}s")
            return []
        if not isinstance(value, YList):
            self.report(top.key_lines[key], f"'{key}' must be a list of {what}s, not {describe(value)}")
            return []
        out = []
        for item, line in zip(value, value.item_lines, strict=True):
            if isinstance(item, YMap):
                out.append((item, line))
            else:
                self.report(line, f"each item of '{key}' must be a mapping ({what} fields), not {describe(item)}")
        return out

    def vocabulary(self, top: YMap, key: str, what: str) -> list[tuple[str, YMap, int]]:
        """Entries of a `name: {fields}` vocabulary mapping."""
        value = top.get(key)
        if value is None:
            if key in top:
                self.report(top.key_lines[key], f"'{key}' is empty; expected a mapping of {what}s")
            return []
        if not isinstance(value, YMap):
            self.report(top.key_lines[key], f"'{key}' must be a mapping of {what}s, not {describe(value)}")
            return []
        out = []
        for name, entry in value.items():
            line = value.key_lines[name]
            if not _VOCAB_NAME.match(name):
                self.report(line, f"{what} '{name}': names must be lowercase words joined by '_' or '-'")
                continue
            if not isinstance(entry, YMap):
                self.report(line, f"{what} '{name}' must be a mapping of its fields, not {describe(entry)}")
                continue
            out.append((name, entry, line))
        return out

    def fields(
        self, m: YMap, spec: dict[str, Field], subject: str, retired: Mapping[str, str] | None = None
    ) -> dict[str, Any] | None:
        """Values of a record by its spec; None when a required field is missing or wrong. A key
        the record no longer takes (`retired`) is reported with what to do instead."""
        ok = True
        out: dict[str, Any] = {}
        for key in m:
            if retired and key in retired:
                self.report(m.key_lines[key], f"{subject}: '{key}' is no longer read here: {retired[key]}")
            elif key not in spec:
                self.report(m.key_lines[key], f"{subject}: {_unknown_key(key, spec, '')}")
        for key, field in spec.items():
            if key not in m or m[key] is None:
                if field.required:
                    where = m.key_lines.get(key, m.line)
                    if key not in m or not self._reported_at(where):  # a refused tag or alias was said already
                        self.report(where, f"{subject}: missing required field '{key}'")
                    ok = False
                out[key] = None
                continue
            value = m[key]
            if isinstance(field.kind, Text) and key in m.raw:
                value = m.raw[key]  # a text field keeps the characters written: `name: 1:30` is "1:30"
            elif isinstance(value, YList) and any(r is not None for r in value.raw):
                value = _raw_items(value)
            try:
                out[key] = field.kind.convert(value)
            except Invalid as exc:
                self.report(m.key_lines[key], f"{subject}: '{key}' must be {field.kind.expected}, not {exc}")
                ok = ok and not field.required
                out[key] = None
        return out if ok else None


def _make(cls: type[_R], values: Mapping[str, Any], **read: Any) -> _R:
    """A record from the values its spec read (a field left out takes the dataclass's default)
    and what was read beside them (where it is written, a source's text)."""
    return cls(**{k: v for k, v in values.items() if v is not None}, **read)


def _item_lines(m: YMap) -> dict[str, tuple[int, ...]]:
    """The line of each item of each list field of a record."""
    return {key: tuple(value.item_lines) for key, value in m.items() if isinstance(value, YList)}


def _raw_items(items: YList) -> YList:
    """A list whose plain scalars are the characters written (aliases: [yes, 1:30] are words)."""
    out = YList(items.line)
    out.item_lines = items.item_lines
    out.extend(r if r is not None else v for v, r in zip(items, items.raw, strict=True))
    return out


def _unknown_key(key: str, allowed: Collection[str], where: str) -> str:
    return f"unknown key '{key}'" + (f" {where}" if where else "") + hint(key, allowed)


def load_dataset(data_dir: Path, seeds_dir: Path) -> tuple[Dataset, list[Problem]]:
    """Read every file; return what could be built and every problem met on the way."""
    problems: list[Problem] = []
    unreadable: set[str] = set()
    broken: set[str] = set()
    roots = map_roots(data_dir, seeds_dir)
    source_kinds, sources = _load_sources(seeds_dir, problems, unreadable, broken, roots)
    actor_kinds, actors = _load_actors(data_dir / ACTORS_FILE, problems, unreadable, broken, roots)
    relation_types, confidence_levels, stix, edges = _load_edges(
        data_dir / EDGES_FILE, problems, unreadable, broken, roots
    )
    reviews = _load_reviews(data_dir / REVIEWED_FILE, problems, roots)
    settings = _load_settings(data_dir / SETTINGS_FILE, problems, roots)
    dataset = Dataset(
        sources=sources,
        source_kinds=source_kinds,
        unregistered=_unregistered(seeds_dir, sources),
        actor_kinds=actor_kinds,
        actors=tuple(actors),
        relation_types=relation_types,
        confidence_levels=confidence_levels,
        edges=tuple(edges),
        reviews=tuple(reviews),
        stix_confidence=stix,
        settings=settings,
        unreadable=frozenset(unreadable),
        broken=frozenset(broken),
    )
    return dataset, problems


def _unregistered(seeds_dir: Path, sources: dict[str, Source]) -> tuple[str, ...]:
    """Text files in the seeds folder that no source registers (a text added and forgotten)."""
    registered = {s.file for s in sources.values()}
    try:
        names = sorted(p.name for p in seeds_dir.iterdir() if p.suffix.lower() in TEXT_SUFFIXES)
    except OSError:
        return ()
    return tuple(n for n in names if n not in registered and not n.startswith("."))


def _load_sources(
    seeds_dir: Path, problems: list[Problem], unreadable: set[str], broken: set[str], roots: tuple[Path, ...]
) -> tuple[dict[str, SourceKind], dict[str, Source]]:
    path = seeds_dir / SOURCES_FILE
    reader = _Reader(display_path(path), problems, broken)
    value, found = read_yaml(path, reader.display, roots)
    problems.extend(found)
    top = reader.top(value, TOP_KEYS[SOURCES_FILE], REQUIRED_TOP[SOURCES_FILE])
    kinds: dict[str, SourceKind] = {}
    sources: dict[str, Source] = {}
    if top is None:
        unreadable.add(SOURCES_FILE)
        return kinds, sources
    for name, m, line in reader.vocabulary(top, "source_kinds", "source kind"):
        f = reader.fields(m, SOURCE_KIND_FIELDS, f"source kind '{name}'")
        if f is None:
            reader.mark_broken("source_kind", name)
        else:
            kinds[name] = _make(SourceKind, f, id=name, location=reader.at(line))
    first_line: dict[str, int] = {}  # every id written, even on a record that could not be read
    for m, line in reader.records(top, "sources", "source"):
        subject = f"source '{m['id']}'" if isinstance(m.get("id"), str) else "source"
        written_id = m.get("id")
        if isinstance(written_id, str) and written_id in first_line:
            reader.report(line, f"{subject}: duplicate source id (first on line {first_line[written_id]})")
            continue
        if isinstance(written_id, str):
            first_line[written_id] = line
        f = reader.fields(m, SOURCE_FIELDS, subject)
        if f is None:
            reader.mark_broken("source", m.get("id"))
            continue
        text_path = seeds_dir / f["file"]
        if Path(f["file"]).name != f["file"] or f["file"] in (".", ".."):
            reader.report(m.key_lines["file"], f"{subject}: 'file' must be a file name in {display_path(seeds_dir)}")
            reader.mark_broken("source", f["id"])
            continue
        try:
            text = read_inside(text_path, roots).decode("utf-8-sig")
        except Unreadable as exc:
            what = "not found" if isinstance(exc, Missing) else str(exc)
            reader.report(m.key_lines["file"], f"{subject}: text file '{display_path(text_path)}' {what}")
            reader.mark_broken("source", f["id"])
            continue
        except UnicodeDecodeError:
            reader.report(m.key_lines["file"], f"{subject}: text file '{display_path(text_path)}' is not UTF-8")
            reader.mark_broken("source", f["id"])
            continue
        if not text.strip():
            reader.report(m.key_lines["file"], f"{subject}: text file '{display_path(text_path)}' is empty")
            reader.mark_broken("source", f["id"])
            continue
        controls = odd_characters(text, display_path(text_path), CONTROLS, "control character")
        if controls:
            reader.problems.extend(controls)
            reader.mark_broken("source", f["id"])
            continue
        sources[f["id"]] = _make(
            Source, f, text=text, location=reader.at(line), lines=dict(m.key_lines), item_lines=_item_lines(m)
        )
    return kinds, sources


def _load_actors(
    path: Path, problems: list[Problem], unreadable: set[str], broken: set[str], roots: tuple[Path, ...]
) -> tuple[dict[str, ActorKind], list[Actor]]:
    reader = _Reader(display_path(path), problems, broken)
    value, found = read_yaml(path, reader.display, roots)
    problems.extend(found)
    top = reader.top(value, TOP_KEYS[ACTORS_FILE], REQUIRED_TOP[ACTORS_FILE])
    kinds: dict[str, ActorKind] = {}
    actors: list[Actor] = []
    if top is None:
        unreadable.add(ACTORS_FILE)
        return kinds, actors
    for name, m, line in reader.vocabulary(top, "actor_kinds", "actor kind"):
        f = reader.fields(m, KIND_FIELDS, f"actor kind '{name}'")
        if f is None:
            reader.mark_broken("kind", name)
        else:
            kinds[name] = _make(ActorKind, f, id=name, location=reader.at(line))
    for m, line in reader.records(top, "actors", "actor"):
        subject = f"actor '{m['id']}'" if isinstance(m.get("id"), str) else "actor"
        f = reader.fields(m, ACTOR_FIELDS, subject)
        if f is None:
            reader.mark_broken("actor", m.get("id"))
            continue
        actors.append(_make(Actor, f, location=reader.at(line), lines=dict(m.key_lines)))
    return kinds, actors


def _load_edges(
    path: Path, problems: list[Problem], unreadable: set[str], broken: set[str], roots: tuple[Path, ...]
) -> tuple[dict[str, RelationType], dict[str, ConfidenceLevel], StixConfidence, list[Edge]]:
    reader = _Reader(display_path(path), problems, broken)
    value, found = read_yaml(path, reader.display, roots)
    problems.extend(found)
    top = reader.top(value, TOP_KEYS[EDGES_FILE], REQUIRED_TOP[EDGES_FILE])
    types: dict[str, RelationType] = {}
    levels: dict[str, ConfidenceLevel] = {}
    edges: list[Edge] = []
    stix = StixConfidence()
    if top is None:
        unreadable.add(EDGES_FILE)
        return types, levels, stix, edges
    for name, m, line in reader.vocabulary(top, "relation_types", "relation type"):
        f = reader.fields(m, RELATION_TYPE_FIELDS, f"relation type '{name}'")
        if f is None:
            reader.mark_broken("type", name)
        else:
            types[name] = _make(RelationType, f, id=name, location=reader.at(line))
    for name, m, line in reader.vocabulary(top, "confidence_levels", "confidence level"):
        f = reader.fields(m, CONFIDENCE_FIELDS, f"confidence level '{name}'")
        if f is None:
            reader.mark_broken("confidence", name)
        else:
            levels[name] = _make(ConfidenceLevel, f, id=name, location=reader.at(line))
    scores = top.get("stix_confidence")
    if scores is not None and not isinstance(scores, YMap):
        reader.report(top.key_lines["stix_confidence"], f"'stix_confidence' must be a mapping, not {describe(scores)}")
    elif scores is not None:
        f = reader.fields(scores, STIX_CONFIDENCE_FIELDS, "stix_confidence")
        if f is not None:
            stix = _make(StixConfidence, f)
    for m, line in reader.records(top, "edges", "edge"):
        s, t = m.get("source"), m.get("target")
        subject = f"edge {s} -> {t}" if isinstance(s, str) and isinstance(t, str) else "edge"
        f = reader.fields(m, EDGE_FIELDS, subject, RETIRED["edge"])
        if f is None:
            continue
        # A retired key is refused above, but still read as it was meant when it was written (the
        # default of the relation's quotes), so `diff` against an older version shows no change
        # that was never made.
        legacy = {k: m.raw.get(k, v) for k, v in m.items() if k in RETIRED["edge"] and isinstance(v, str)}
        evidence = tuple(_load_evidence(reader, f["evidence"], subject, legacy))
        edges.append(_make(Edge, {**f, "evidence": evidence}, location=reader.at(line), lines=dict(m.key_lines)))
    return types, levels, stix, edges


def _load_reviews(path: Path, problems: list[Problem], roots: tuple[Path, ...]) -> list[Review]:
    """Sentences judged to state no relation (see `actorgraph coverage`); the file is optional."""
    if not os.path.lexists(path):
        return []
    reader = _Reader(display_path(path), problems)
    value, found = read_yaml(path, reader.display, roots)
    problems.extend(found)
    top = reader.top(value, TOP_KEYS[REVIEWED_FILE], REQUIRED_TOP[REVIEWED_FILE])
    if top is None:
        return []
    out = []
    for m, line in reader.records(top, "reviewed", "review"):
        f = reader.fields(m, REVIEW_FIELDS, "reviewed sentence")
        if f is not None:
            out.append(_make(Review, f, location=reader.at(m.key_lines.get("sentence", line))))
    return out


def _load_settings(path: Path, problems: list[Problem], roots: tuple[Path, ...]) -> Settings:
    """The map's settings, one record of optional fields; the file itself is optional."""
    if not os.path.lexists(path):
        return Settings()
    reader = _Reader(display_path(path), problems)
    value, found = read_yaml(path, reader.display, roots)
    if value is None and [p.message for p in found] == ["file is empty"]:
        return Settings()  # every setting commented out, as `init` writes it
    problems.extend(found)
    if value is None:
        return Settings()
    if not isinstance(value, YMap):
        reader.report(getattr(value, "line", 1), f"expected a mapping of settings, not {describe(value)}")
        return Settings()
    return _make(Settings, reader.fields(value, SETTINGS_FIELDS, "settings") or {}, location=reader.at(value.line))


def _load_evidence(
    reader: _Reader, items: YList, subject: str, legacy: Mapping[str, str] | None = None
) -> list[Evidence]:
    out = []
    for i, (item, line) in enumerate(zip(items, items.item_lines, strict=True), start=1):
        where = f"{subject}, evidence {i}"
        if not isinstance(item, YMap):
            reader.report(line, f"{where}: expected a mapping with 'doc' and 'quote', not {describe(item)}")
            continue
        f = reader.fields(item, EVIDENCE_FIELDS, where)
        if f is None:
            continue
        location = reader.at(item.key_lines.get("quote", line))
        inherited = {k: v for k, v in (legacy or {}).items() if f.get(k) is None}
        out.append(_make(Evidence, {**f, **inherited}, location=location, lines=dict(item.key_lines)))
    return out
