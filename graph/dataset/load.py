"""Turn the three YAML files and the seed texts into a `Dataset`.

This stage checks only what it must to build records: the shape of each file,
the type of each value and unknown keys. A record it cannot build is left out
and reported; everything it can build goes on to validation, so that one bad
edit does not hide the problems behind it.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from ..files import LOCK_NAME, MB, Limits, Missing, TooLarge, Unreadable, map_folder, map_roots, read_inside
from ..inert import one_line
from .fields import VOCAB_PATTERN, Field, Invalid, Text, describe
from .format import (
    ACTOR_FIELDS,
    ACTORS_FILE,
    CONFIDENCE_FIELDS,
    EDGE_FIELDS,
    EDGES_FILE,
    EVIDENCE_FIELDS,
    KIND_FIELDS,
    PARTS,
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
    has_parts,
    part_files,
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
from .yamlsafe import CONTROLS, Items, YList, YMap, odd_characters, read_yaml

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
        self.lines: set[int | None] = set()  # lines of this file a problem was reported at

    def take(self, found: list[Problem]) -> None:
        """Problems found in this file by another stage (reading the YAML)."""
        self.problems.extend(found)
        self.lines.update(p.location.line for p in found)

    def at(self, line: int | None) -> Location:
        return Location(self.display, line)

    def report(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.at(line), message))
        self.lines.add(line)

    def mark_broken(self, what: str, name: Any) -> None:
        """Remember a record that was reported and dropped, so references to it stay quiet."""
        if isinstance(name, str):
            self.broken.add(f"{what}:{name}")

    def _reported_at(self, line: int) -> bool:
        return line in self.lines

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

    def records(self, top: YMap, key: str, what: str, built: type | None = None) -> list[tuple[Any, int]]:
        """The items of a top-level list, each with its line; non-mappings are reported. With
        `built`, the list's items were made into records as they were read (`read_yaml`'s
        `items`): those are returned, and an item that could not be built (`UNBUILT`, its
        problems reported) is left out."""
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
            if isinstance(item, built or YMap):
                out.append((item, line))
            elif item is not UNBUILT:
                self.report(line, f"each item of '{key}' must be a mapping ({what} fields), not {describe(item)}")
        return out

    def vocabulary(self, top: YMap, key: str, what: str, marked: str) -> list[tuple[str, YMap, int]]:
        """Entries of a `name: {fields}` vocabulary mapping. An entry reported here is marked
        broken as `marked` (`kind`, `type`...), so each use of its name is not reported again."""
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
            if not _VOCAB_NAME.fullmatch(name):  # not `match`: its `$` lets "allied\n" through
                shown = one_line(name)
                self.report(line, f"{what} '{shown}': names must be lowercase words joined by '_' or '-'")
                continue
            if not isinstance(entry, YMap):
                self.report(line, f"{what} '{name}' must be a mapping of its fields, not {describe(entry)}")
                self.mark_broken(marked, name)
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
                where = m.key_lines[key]
                if not (isinstance(m[key], (YList, YMap)) and self._reported_at(where)):  # a refused tag, said already
                    self.report(where, f"{subject}: '{key}' must be {field.kind.expected}, not {exc}")
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


class _Map:
    """What loading one map shares across its files: the problems met, what could not be read or
    built, where files may be read from, and how much may be read (the limits, and what is left
    of the whole map's budget)."""

    def __init__(self, roots: tuple[Path, ...], limits: Limits, settings: str) -> None:
        self.settings = settings  # where the limits are raised, as a curator finds it
        self.problems: list[Problem] = []
        self.unreadable: set[str] = set()
        self.broken: set[str] = set()
        self.roots = roots
        self.limits = limits
        self.left = limits.map_bytes
        self.over = False  # the map's budget was spent: nothing more is read

    def reader(self, path: Path) -> _Reader:
        return _Reader(display_path(path), self.problems, self.broken)

    def afford(self, path: Path, display: str) -> bool:
        """Whether the file fits in what is left of the map's budget (its size as the file system
        says; the read itself then stops at the per-file limit, counted as read)."""
        try:
            size = os.stat(path).st_size
        except OSError:
            return True  # the read says what is wrong with it
        if size > self.left:
            if not self.over:
                message = (
                    f"not read: the map's files hold more than {self.limits.map_bytes // MB} MB together, the limit "
                    f"(raise `max_map_mb` in {self.settings} if the map is really that large)"
                )
                self.problems.append(Problem(Location(display), message))
            self.over = True
            return False
        self.left -= size
        return True

    def yaml(self, path: Path, reader: _Reader, items: Items | None = None) -> Any:
        """A YAML file of the map, read within the limits; None when it cannot be. `items`: see
        `read_yaml`."""
        if not self.afford(path, reader.display):
            return None
        advice = f" (raise `max_file_mb` in {self.settings} if the map is really that large)"
        value, found = read_yaml(path, reader.display, self.roots, self.limits.file_bytes, advice, items)
        reader.take(found)
        return value


def load_dataset(data_dir: Path, seeds_dir: Path) -> tuple[Dataset, list[Problem]]:
    """Read every file; return what could be built and every problem met on the way."""
    roots = map_roots(data_dir, seeds_dir)
    problems: list[Problem] = []
    settings = _load_settings(data_dir / SETTINGS_FILE, problems, roots)
    m = _Map(roots, limits_of(settings), display_path(data_dir / SETTINGS_FILE))
    m.problems.extend(problems)
    source_kinds, sources = _load_sources(seeds_dir, m)
    actor_kinds, actors = _load_actors(data_dir, m)
    relation_types, confidence_levels, stix, edges = _load_edges(data_dir, m)
    reviews = _load_reviews(data_dir / REVIEWED_FILE, m)
    m.problems.extend(_lock_problems((map_folder(data_dir, seeds_dir) or data_dir) / LOCK_NAME))
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
        unreadable=frozenset(m.unreadable),
        broken=frozenset(m.broken),
    )
    return dataset, m.problems


def limits_of(settings: Settings) -> Limits:
    """The limits a map's settings set (each one not set keeps its default)."""
    default = Limits()
    return Limits(
        file_bytes=settings.max_file_mb * MB if settings.max_file_mb else default.file_bytes,
        text_bytes=settings.max_text_mb * MB if settings.max_text_mb else default.text_bytes,
        map_bytes=settings.max_map_mb * MB if settings.max_map_mb else default.map_bytes,
    )


def map_limits(data_dir: Path, seeds_dir: Path) -> Limits:
    """The limits of the map in these folders, from its settings file (the defaults when it has
    none, or one that cannot be read: `check` says why)."""
    return limits_of(_load_settings(data_dir / SETTINGS_FILE, [], map_roots(data_dir, seeds_dir)))


SETTINGS_BYTES = MB  # the settings file is read before any limit is known: a few lines, always


def _load_settings(path: Path, problems: list[Problem], roots: tuple[Path, ...]) -> Settings:
    """The map's settings, one record of optional fields; the file itself is optional."""
    if not os.path.lexists(path):
        return Settings()
    reader = _Reader(display_path(path), problems)
    value, found = read_yaml(path, reader.display, roots, SETTINGS_BYTES)
    if value is None and [p.message for p in found] == ["file is empty"]:
        return Settings()  # every setting commented out, as `init` writes it
    reader.take(found)
    if value is None:
        return Settings()
    if not isinstance(value, YMap):
        reader.report(getattr(value, "line", 1), f"expected a mapping of settings, not {describe(value)}")
        return Settings()
    f = reader.fields(value, SETTINGS_FIELDS, "settings")
    if f is None:
        return Settings(location=reader.at(value.line))
    return _make(Settings, f, location=reader.at(value.line))


def _lock_problems(lock: Path) -> list[Problem]:
    """The edit commands' lock file is never part of a map: one committed as a link (to a file
    of the reviewer's, to be emptied by a lock library that follows it) or as anything but a
    plain file is a problem, whatever actorgraph itself would do with it."""
    try:
        info = os.lstat(lock)
    except OSError:
        return []
    if stat.S_ISREG(info.st_mode):
        return []
    what = f"a symbolic link to '{os.readlink(lock)}'" if stat.S_ISLNK(info.st_mode) else "not a regular file"
    message = (
        f"is {what}; the edit commands' lock is never part of a map: delete it (and keep `{LOCK_NAME}` in .gitignore)"
    )
    return [Problem(Location(display_path(lock)), message)]


def _unregistered(seeds_dir: Path, sources: dict[str, Source]) -> tuple[str, ...]:
    """Text files in the seeds folder that no source registers (a text added and forgotten)."""
    registered = {s.file for s in sources.values()}
    try:
        names = sorted(p.name for p in seeds_dir.iterdir() if p.suffix.lower() in TEXT_SUFFIXES)
    except OSError:
        return ()
    return tuple(n for n in names if n not in registered and not n.startswith("."))


def _load_sources(seeds_dir: Path, m: _Map) -> tuple[dict[str, SourceKind], dict[str, Source]]:
    path = seeds_dir / SOURCES_FILE
    reader = m.reader(path)
    value = m.yaml(path, reader)
    top = reader.top(value, TOP_KEYS[SOURCES_FILE], REQUIRED_TOP[SOURCES_FILE])
    kinds: dict[str, SourceKind] = {}
    sources: dict[str, Source] = {}
    if top is None:
        m.unreadable.add(SOURCES_FILE)
        return kinds, sources
    for name, entry, line in reader.vocabulary(top, "source_kinds", "source kind", "source_kind"):
        f = reader.fields(entry, SOURCE_KIND_FIELDS, f"source kind '{name}'")
        if f is None:
            reader.mark_broken("source_kind", name)
        else:
            kinds[name] = _make(SourceKind, f, id=name, location=reader.at(line))
    first_line: dict[str, int] = {}  # every id written, even on a record that could not be read
    for record, line in reader.records(top, "sources", "source"):
        subject = f"source '{record['id']}'" if isinstance(record.get("id"), str) else "source"
        written_id = record.get("id")
        if isinstance(written_id, str) and written_id in first_line:
            reader.report(line, f"{subject}: duplicate source id (first on line {first_line[written_id]})")
            continue
        if isinstance(written_id, str):
            first_line[written_id] = line
        f = reader.fields(record, SOURCE_FIELDS, subject)
        if f is None:
            reader.mark_broken("source", record.get("id"))
            continue
        text_path = seeds_dir / f["file"]
        if Path(f["file"]).name != f["file"] or f["file"] in (".", ".."):
            reader.report(
                record.key_lines["file"], f"{subject}: 'file' must be a file name in {display_path(seeds_dir)}"
            )
            reader.mark_broken("source", f["id"])
            continue
        try:
            if not m.afford(text_path, display_path(text_path)):
                reader.mark_broken("source", f["id"])
                continue
            text = read_inside(text_path, m.roots, m.limits.text_bytes).decode("utf-8-sig")
        except TooLarge as exc:
            advice = f"(raise `max_text_mb` in {m.settings} if it really is that long)"
            reader.report(record.key_lines["file"], f"{subject}: text file '{display_path(text_path)}': {exc} {advice}")
            reader.mark_broken("source", f["id"])
            continue
        except Unreadable as exc:
            what = "not found" if isinstance(exc, Missing) else str(exc)
            reader.report(record.key_lines["file"], f"{subject}: text file '{display_path(text_path)}' {what}")
            reader.mark_broken("source", f["id"])
            continue
        except UnicodeDecodeError:
            reader.report(record.key_lines["file"], f"{subject}: text file '{display_path(text_path)}' is not UTF-8")
            reader.mark_broken("source", f["id"])
            continue
        if not text.strip():
            reader.report(record.key_lines["file"], f"{subject}: text file '{display_path(text_path)}' is empty")
            reader.mark_broken("source", f["id"])
            continue
        controls = odd_characters(text, display_path(text_path), CONTROLS, "control character")
        if controls:
            reader.problems.extend(controls)
            reader.mark_broken("source", f["id"])
            continue
        sources[f["id"]] = _make(
            Source, f, text=text, location=reader.at(line), lines=dict(record.key_lines), item_lines=_item_lines(record)
        )
    return kinds, sources


def _parts(
    data_dir: Path, file_name: str, m: _Map, items: Callable[[_Reader], Items] | None = None
) -> list[tuple[_Reader, YMap]]:
    """The file and the files of its folder (data/edges.yaml and data/edges/*.yaml), each read as
    its top-level mapping: the file holds the vocabularies and, unless the folder is there, the
    list; each file of the folder holds the list alone. A file that cannot be read marks the
    whole list unreadable, so references into it are not reported as unknown."""
    folder, key = PARTS[file_name]
    split = has_parts(data_dir, file_name)
    path = data_dir / file_name
    reader = m.reader(path)
    required = tuple(k for k in REQUIRED_TOP[file_name] if not (split and k == key))
    top = reader.top(m.yaml(path, reader, items(reader) if items else None), TOP_KEYS[file_name], required)
    out = []
    if top is None:
        m.unreadable.add(file_name)
    else:
        out.append((reader, top))
    for odd in _odd_entries(data_dir / folder):
        m.problems.append(Problem(Location(display_path(odd)), _ODD_ENTRY.format(folder=f"{data_dir.name}/{folder}")))
    for part in part_files(data_dir, file_name):
        reader = m.reader(part)
        top = reader.top(m.yaml(part, reader, items(reader) if items else None), (key,), (key,))
        if top is None:
            m.unreadable.add(file_name)
        else:
            out.append((reader, top))
    return out


_ODD_ENTRY = "not read: the files of {folder}/ are read when their names end in .yaml, and folders in it never"


def _odd_entries(folder: Path) -> list[Path]:
    """What a folder of parts holds that is not read and looks as if it was meant to be: a
    `.yml` file, a folder."""
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    return [e for e in entries if not e.name.startswith(".") and (e.suffix == ".yml" or e.is_dir())]


def _load_actors(data_dir: Path, m: _Map) -> tuple[dict[str, ActorKind], list[Actor]]:
    kinds: dict[str, ActorKind] = {}
    actors: list[Actor] = []
    for reader, top in _parts(data_dir, ACTORS_FILE, m):
        for name, entry, line in reader.vocabulary(top, "actor_kinds", "actor kind", "kind"):
            f = reader.fields(entry, KIND_FIELDS, f"actor kind '{name}'")
            if f is None:
                reader.mark_broken("kind", name)
            else:
                kinds[name] = _make(ActorKind, f, id=name, location=reader.at(line))
        for record, line in reader.records(top, "actors", "actor"):
            subject = f"actor '{record['id']}'" if isinstance(record.get("id"), str) else "actor"
            f = reader.fields(record, ACTOR_FIELDS, subject)
            if f is None:
                reader.mark_broken("actor", record.get("id"))
                continue
            actors.append(_make(Actor, f, location=reader.at(line), lines=dict(record.key_lines)))
    return kinds, actors


def _load_edges(
    data_dir: Path, m: _Map
) -> tuple[dict[str, RelationType], dict[str, ConfidenceLevel], StixConfidence, list[Edge]]:
    types: dict[str, RelationType] = {}
    levels: dict[str, ConfidenceLevel] = {}
    edges: list[Edge] = []
    stix = StixConfidence()
    for reader, top in _parts(data_dir, EDGES_FILE, m, lambda reader: {"edges": _edge_builder(reader)}):
        for name, entry, line in reader.vocabulary(top, "relation_types", "relation type", "type"):
            f = reader.fields(entry, RELATION_TYPE_FIELDS, f"relation type '{name}'")
            if f is None:
                reader.mark_broken("type", name)
            else:
                types[name] = _make(RelationType, f, id=name, location=reader.at(line))
        for name, entry, line in reader.vocabulary(top, "confidence_levels", "confidence level", "confidence"):
            f = reader.fields(entry, CONFIDENCE_FIELDS, f"confidence level '{name}'")
            if f is None:
                reader.mark_broken("confidence", name)
            else:
                levels[name] = _make(ConfidenceLevel, f, id=name, location=reader.at(line))
        scores = top.get("stix_confidence")
        if scores is not None and not isinstance(scores, YMap):
            message = f"'stix_confidence' must be a mapping, not {describe(scores)}"
            reader.report(top.key_lines["stix_confidence"], message)
        elif scores is not None:
            f = reader.fields(scores, STIX_CONFIDENCE_FIELDS, "stix_confidence")
            if f is not None:
                stix = _make(StixConfidence, f)
        edges += [e for e, _ in reader.records(top, "edges", "edge", built=Edge)]
    return types, levels, stix, edges


UNBUILT = object()  # an item of a list that could not be made into its record (already reported)


def _edge_builder(reader: _Reader) -> Callable[[Any, int], Any]:
    """What each item of an `edges:` list becomes as soon as it is read: its Edge, or `UNBUILT`
    when it cannot be built (its problems reported). A map of 50,000 relations is then never held as
    YAML values and as records at once (its YAML values weigh eight times its file)."""

    def build(record: Any, line: int) -> Any:
        if not isinstance(record, YMap):
            return record  # reported with the rest of the list's shape (`records`)
        s, t = record.get("source"), record.get("target")
        subject = f"edge {s} -> {t}" if isinstance(s, str) and isinstance(t, str) else "edge"
        f = reader.fields(record, EDGE_FIELDS, subject, RETIRED["edge"])
        if f is None:
            return UNBUILT
        # A retired key is refused above, but still read as it was meant when it was written (the
        # default of the relation's quotes), so `diff` against an older version shows no change
        # that was never made.
        legacy = {k: record.raw.get(k, v) for k, v in record.items() if k in RETIRED["edge"] and isinstance(v, str)}
        evidence = tuple(_load_evidence(reader, f["evidence"], subject, legacy))
        if f["evidence"] and not evidence:
            return UNBUILT  # every quote was reported as unreadable: not once more as "no evidence"
        return _make(Edge, {**f, "evidence": evidence}, location=reader.at(line), lines=dict(record.key_lines))

    return build


def _load_reviews(path: Path, m: _Map) -> list[Review]:
    """Sentences judged to state no relation (see `actorgraph coverage`); the file is optional."""
    if not os.path.lexists(path):
        return []
    reader = m.reader(path)
    top = reader.top(m.yaml(path, reader), TOP_KEYS[REVIEWED_FILE], REQUIRED_TOP[REVIEWED_FILE])
    if top is None:
        return []
    out = []
    for record, line in reader.records(top, "reviewed", "review"):
        f = reader.fields(record, REVIEW_FIELDS, "reviewed sentence")
        if f is not None:
            out.append(_make(Review, f, location=reader.at(record.key_lines.get("sentence", line))))
    return out


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
