"""Turn the three YAML files and the seed texts into a `Dataset`.

This stage checks only what it must to build records: the shape of each file,
the type of each value and unknown keys. A record it cannot build is left out
and reported; everything it can build goes on to validation, so that one bad
edit does not hide the problems behind it.
"""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .model import (
    ID_PATTERN,
    SOURCE_KINDS,
    STIX_ACTOR_TYPES,
    VOCAB_PATTERN,
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
    Source,
)
from .yamlsafe import YList, YMap, read_yaml

ACTORS_FILE = "actors.yaml"
EDGES_FILE = "edges.yaml"
SOURCES_FILE = "sources.yaml"
REVIEWED_FILE = "reviewed.yaml"  # optional

_VOCAB_NAME = re.compile(VOCAB_PATTERN)
_ID = re.compile(ID_PATTERN)
# Control characters, and invisible ones that hide in pasted text or reorder what a reader
# sees (zero-width spaces and joiners, bidirectional overrides, the byte-order mark).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


@dataclass(frozen=True)
class Field:
    """What one key of a record may hold."""

    kind: str  # "str", "bool", "int", "sign", "period", "strlist", "list", "map"
    required: bool = False


_TYPE_NAMES = {
    "str": "a string",
    "bool": "true or false",
    "int": "a whole number",
    "sign": "+1, 0 or -1",
    "period": 'a year (2015) or year-month ("2015-08")',
    "strlist": "a list of strings",
    "list": "a list",
    "map": "a mapping",
}

SOURCE_FIELDS = {
    "id": Field("str", True),
    "file": Field("str", True),
    "kind": Field("str", True),
    "title": Field("str"),
    "author": Field("str"),
    "outlet": Field("str"),
    "written": Field("str"),
    "written_quotes": Field("strlist"),
}
KIND_FIELDS = {"label": Field("str", True), "definition": Field("str", True), "stix": Field("str")}
ACTOR_FIELDS = {  # the order is the canonical order `actorgraph fmt` writes
    "id": Field("str", True),
    "name": Field("str", True),
    "aliases": Field("strlist"),
    "kind": Field("str", True),
    "description": Field("str"),
    "region": Field("str"),
    "founded": Field("period"),
}
RELATION_TYPE_FIELDS = {
    "label": Field("str", True),
    "directed": Field("bool", True),
    "sign": Field("sign", True),
    "definition": Field("str", True),
}
CONFIDENCE_FIELDS = {
    "label": Field("str", True),
    "definition": Field("str", True),
    "rank": Field("int", True),
    "stix_confidence": Field("int"),
}
EDGE_FIELDS = {
    "source": Field("str", True),
    "target": Field("str", True),
    "type": Field("str", True),
    "since": Field("period"),
    "until": Field("period"),
    "confidence": Field("str"),
    "attributed_to": Field("str"),
    "note": Field("str"),
    "evidence": Field("list", True),
}
REVIEW_FIELDS = {
    "doc": Field("str", True),
    "sentence": Field("str", True),
    "reason": Field("str", True),
}
EVIDENCE_FIELDS = {
    "doc": Field("str", True),
    "quote": Field("str", True),
    "attributed_to": Field("str"),
    "confidence": Field("str"),
}


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

    def top(self, value: Any, allowed: dict[str, str], required: tuple[str, ...]) -> YMap | None:
        """Check the top-level mapping; `allowed` maps each key to the kind of value it holds."""
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
            self.report(top.key_lines[key], f"'{key}' must be a list of {what}s, not {_describe(value)}")
            return []
        out = []
        for item, line in zip(value, value.item_lines, strict=True):
            if isinstance(item, YMap):
                out.append((item, line))
            else:
                self.report(line, f"each item of '{key}' must be a mapping ({what} fields), not {_describe(item)}")
        return out

    def vocabulary(self, top: YMap, key: str, what: str) -> list[tuple[str, YMap, int]]:
        """Entries of a `name: {fields}` vocabulary mapping."""
        value = top.get(key)
        if value is None:
            if key in top:
                self.report(top.key_lines[key], f"'{key}' is empty; expected a mapping of {what}s")
            return []
        if not isinstance(value, YMap):
            self.report(top.key_lines[key], f"'{key}' must be a mapping of {what}s, not {_describe(value)}")
            return []
        out = []
        for name, entry in value.items():
            line = value.key_lines[name]
            if not _VOCAB_NAME.match(name):
                self.report(line, f"{what} '{name}': names must be lowercase words joined by '_' or '-'")
                continue
            if not isinstance(entry, YMap):
                self.report(line, f"{what} '{name}' must be a mapping of its fields, not {_describe(entry)}")
                continue
            out.append((name, entry, line))
        return out

    def fields(self, m: YMap, spec: dict[str, Field], subject: str) -> dict[str, Any] | None:
        """Values of a record by its spec; None when a required field is missing or wrong."""
        ok = True
        out: dict[str, Any] = {}
        for key in m:
            if key not in spec:
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
            value, error = _coerce(m[key], field.kind)
            if error:
                self.report(m.key_lines[key], f"{subject}: '{key}' must be {_TYPE_NAMES[field.kind]}, not {error}")
                ok = ok and not field.required
                out[key] = None
            else:
                out[key] = value
        return out if ok else None


def _coerce(value: Any, kind: str) -> tuple[Any, str | None]:
    """The value converted to what the field holds, or a description of what it wrongly is."""
    if kind == "str":
        if isinstance(value, str):
            control = _CONTROL.search(value)
            if control:  # a YAML escape ("\x01") or pasted: breaks exports, or spoofs what is shown
                char = control.group()
                label = unicodedata.name(char, "control character")
                return None, f"text holding the invisible character U+{ord(char):04X} ({label}); delete it"
            return (value.strip(), None) if value.strip() else (None, "an empty string")
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value), None  # `name: 1984` is still a name
        if isinstance(value, bool) or value is None:
            return None, f"{_describe(value)} (put it in quotes if you mean the word)"
        return None, _describe(value)
    if kind == "bool":
        return (value, None) if isinstance(value, bool) else (None, _describe(value))
    if kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
        return (value, None) if ok else (None, _describe(value))
    if kind == "sign":
        ok = isinstance(value, int) and not isinstance(value, bool) and value in (-1, 0, 1)
        return (value, None) if ok else (None, _describe(value))
    if kind == "period":
        text = str(value) if isinstance(value, (int, str)) and not isinstance(value, bool) else None
        match = _PERIOD.match(text or "")
        if match and (match.group(2) is None or 1 <= int(match.group(2)) <= 12):
            return text, None
        return None, _describe(value)
    if kind == "strlist":
        if isinstance(value, str):
            return None, f"{_describe(value)} (write [{value}] for a list of one)"
        if not isinstance(value, YList):
            return None, _describe(value)
        items = []
        for v in value:
            item, error = _coerce(v, "str") if isinstance(v, str) else (None, _describe(v))
            if error:
                return None, f"a list holding {error}"
            items.append(item)
        return tuple(items), None
    if kind == "list":
        return (value, None) if isinstance(value, YList) else (None, _describe(value))
    if kind == "map":
        return (value, None) if isinstance(value, YMap) else (None, _describe(value))
    raise AssertionError(kind)  # pragma: no cover


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the string {shown!r}" if value.strip() else "an empty string"
    if isinstance(value, YList):
        return "a list"
    if isinstance(value, YMap):
        return "a mapping"
    return f"a {type(value).__name__} ({value})"


def _unknown_key(key: str, allowed: dict[str, Any], where: str) -> str:
    message = f"unknown key '{key}'" + (f" {where}" if where else "")
    close = difflib.get_close_matches(key, list(allowed), n=1)
    if close:
        message += f" (did you mean '{close[0]}'?)"
    else:
        message += f" (expected one of: {', '.join(allowed)})"
    return message


def load_dataset(data_dir: Path, seeds_dir: Path) -> tuple[Dataset, list[Problem]]:
    """Read every file; return what could be built and every problem met on the way."""
    problems: list[Problem] = []
    unreadable: set[str] = set()
    broken: set[str] = set()
    sources = _load_sources(seeds_dir, problems, unreadable, broken)
    actor_kinds, actors = _load_actors(data_dir / ACTORS_FILE, problems, unreadable, broken)
    relation_types, confidence_levels, edges = _load_edges(data_dir / EDGES_FILE, problems, unreadable, broken)
    reviews = _load_reviews(data_dir / REVIEWED_FILE, problems)
    dataset = Dataset(
        sources=sources,
        actor_kinds=actor_kinds,
        actors=tuple(actors),
        relation_types=relation_types,
        confidence_levels=confidence_levels,
        edges=tuple(edges),
        reviews=tuple(reviews),
        unreadable=frozenset(unreadable),
        broken=frozenset(broken),
    )
    return dataset, problems


def _load_sources(
    seeds_dir: Path, problems: list[Problem], unreadable: set[str], broken: set[str]
) -> dict[str, Source]:
    path = seeds_dir / SOURCES_FILE
    reader = _Reader(display_path(path), problems, broken)
    value, found = read_yaml(path, reader.display)
    problems.extend(found)
    top = reader.top(value, {"sources": "list"}, ("sources",))
    sources: dict[str, Source] = {}
    if top is None:
        unreadable.add(SOURCES_FILE)
        return sources
    for m, line in reader.records(top, "sources", "source"):
        subject = f"source '{m['id']}'" if isinstance(m.get("id"), str) else "source"
        f = reader.fields(m, SOURCE_FIELDS, subject)
        if f is None:
            reader.mark_broken("source", m.get("id"))
            continue
        if not _ID.match(f["id"]):
            reader.report(m.key_lines["id"], f"{subject}: ids must be lowercase letters, digits and single hyphens")
            continue
        if f["id"] in sources:
            first = sources[f["id"]].location.line
            reader.report(line, f"{subject}: duplicate source id (first on line {first})")
            continue
        if f["kind"] not in SOURCE_KINDS:
            reader.report(
                m.key_lines["kind"],
                f"{subject}: unknown kind '{f['kind']}' (expected one of: {', '.join(SOURCE_KINDS)})",
            )
        text_path = seeds_dir / f["file"]
        if Path(f["file"]).name != f["file"]:
            reader.report(m.key_lines["file"], f"{subject}: 'file' must be a file name in {display_path(seeds_dir)}")
            reader.mark_broken("source", f["id"])
            continue
        try:
            text = text_path.read_bytes().decode("utf-8-sig")
        except FileNotFoundError:
            reader.report(m.key_lines["file"], f"{subject}: text file '{display_path(text_path)}' not found")
            reader.mark_broken("source", f["id"])
            continue
        except UnicodeDecodeError:
            reader.report(m.key_lines["file"], f"{subject}: text file '{display_path(text_path)}' is not UTF-8")
            reader.mark_broken("source", f["id"])
            continue
        except OSError as exc:
            reader.report(m.key_lines["file"], f"{subject}: cannot read '{display_path(text_path)}': {exc.strerror}")
            reader.mark_broken("source", f["id"])
            continue
        if not text.strip():
            reader.report(m.key_lines["file"], f"{subject}: text file '{display_path(text_path)}' is empty")
            reader.mark_broken("source", f["id"])
            continue
        wq = m.get("written_quotes")
        quote_lines = wq.item_lines if isinstance(wq, YList) else []
        sources[f["id"]] = Source(
            id=f["id"],
            file=f["file"],
            kind=f["kind"],
            text=text,
            location=reader.at(line),
            title=f["title"],
            author=f["author"],
            outlet=f["outlet"],
            written=f["written"],
            written_quotes=tuple(
                (q, reader.at(ql)) for q, ql in zip(f["written_quotes"] or (), quote_lines, strict=False)
            ),
        )
    return sources


def _load_actors(
    path: Path, problems: list[Problem], unreadable: set[str], broken: set[str]
) -> tuple[dict[str, ActorKind], list[Actor]]:
    reader = _Reader(display_path(path), problems, broken)
    value, found = read_yaml(path, reader.display)
    problems.extend(found)
    top = reader.top(value, {"actor_kinds": "map", "actors": "list"}, ("actor_kinds", "actors"))
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
            stix = f["stix"] or "threat-actor"
            if stix not in STIX_ACTOR_TYPES:
                reader.report(
                    m.key_lines["stix"],
                    f"actor kind '{name}': 'stix' must be one of {', '.join(STIX_ACTOR_TYPES)}, not '{stix}'",
                )
            kinds[name] = ActorKind(name, f["label"], f["definition"], reader.at(line), stix)
    for m, line in reader.records(top, "actors", "actor"):
        subject = f"actor '{m['id']}'" if isinstance(m.get("id"), str) else "actor"
        f = reader.fields(m, ACTOR_FIELDS, subject)
        if f is None:
            reader.mark_broken("actor", m.get("id"))
            continue
        actors.append(
            Actor(
                id=f["id"],
                name=f["name"],
                kind=f["kind"],
                location=reader.at(line),
                aliases=f["aliases"] or (),
                description=f["description"],
                region=f["region"],
                founded=f["founded"],
            )
        )
    return kinds, actors


def _load_edges(
    path: Path, problems: list[Problem], unreadable: set[str], broken: set[str]
) -> tuple[dict[str, RelationType], dict[str, ConfidenceLevel], list[Edge]]:
    reader = _Reader(display_path(path), problems, broken)
    value, found = read_yaml(path, reader.display)
    problems.extend(found)
    allowed = {"relation_types": "map", "confidence_levels": "map", "edges": "list"}
    top = reader.top(value, allowed, ("relation_types", "edges"))
    types: dict[str, RelationType] = {}
    levels: dict[str, ConfidenceLevel] = {}
    edges: list[Edge] = []
    if top is None:
        unreadable.add(EDGES_FILE)
        return types, levels, edges
    for name, m, line in reader.vocabulary(top, "relation_types", "relation type"):
        f = reader.fields(m, RELATION_TYPE_FIELDS, f"relation type '{name}'")
        if f is None:
            reader.mark_broken("type", name)
        else:
            types[name] = RelationType(name, f["label"], f["directed"], f["sign"], f["definition"], reader.at(line))
    for name, m, line in reader.vocabulary(top, "confidence_levels", "confidence level"):
        f = reader.fields(m, CONFIDENCE_FIELDS, f"confidence level '{name}'")
        if f is None:
            reader.mark_broken("confidence", name)
        else:
            stix = f["stix_confidence"]
            if stix is not None and not 0 <= stix <= 100:
                reader.report(
                    m.key_lines["stix_confidence"], f"confidence level '{name}': 'stix_confidence' must be 0-100"
                )
            levels[name] = ConfidenceLevel(name, f["label"], f["definition"], f["rank"], reader.at(line), stix)
    for m, line in reader.records(top, "edges", "edge"):
        s, t = m.get("source"), m.get("target")
        subject = f"edge {s} -> {t}" if isinstance(s, str) and isinstance(t, str) else "edge"
        f = reader.fields(m, EDGE_FIELDS, subject)
        if f is None:
            continue
        evidence = _load_evidence(reader, f["evidence"], subject, f["attributed_to"], f["confidence"])
        edges.append(
            Edge(
                source=f["source"],
                target=f["target"],
                type=f["type"],
                evidence=tuple(evidence),
                location=reader.at(line),
                since=f["since"],
                until=f["until"],
                confidence=f["confidence"],
                attributed_to=f["attributed_to"],
                note=f["note"],
            )
        )
    return types, levels, edges


def _load_reviews(path: Path, problems: list[Problem]) -> list[Review]:
    """Sentences judged to state no relation (see `actorgraph coverage`); the file is optional."""
    if not path.exists():
        return []
    reader = _Reader(display_path(path), problems)
    value, found = read_yaml(path, reader.display)
    problems.extend(found)
    top = reader.top(value, {"reviewed": "list"}, ("reviewed",))
    if top is None:
        return []
    out = []
    for m, line in reader.records(top, "reviewed", "review"):
        f = reader.fields(m, REVIEW_FIELDS, "reviewed sentence")
        if f is not None:
            out.append(Review(f["doc"], f["sentence"], f["reason"], reader.at(m.key_lines.get("sentence", line))))
    return out


def _load_evidence(
    reader: _Reader, items: YList, subject: str, attributed_to: str | None, confidence: str | None
) -> list[Evidence]:
    out = []
    for i, (item, line) in enumerate(zip(items, items.item_lines, strict=True), start=1):
        where = f"{subject}, evidence {i}"
        if not isinstance(item, YMap):
            reader.report(line, f"{where}: expected a mapping with 'doc' and 'quote', not {_describe(item)}")
            continue
        f = reader.fields(item, EVIDENCE_FIELDS, where)
        if f is None:
            continue
        out.append(
            Evidence(
                doc=f["doc"],
                quote=f["quote"],
                location=reader.at(item.key_lines.get("quote", line)),
                attributed_to=f["attributed_to"] or attributed_to,
                confidence=f["confidence"] or confidence,
            )
        )
    return out
