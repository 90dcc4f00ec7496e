"""`actorgraph import --format stix`: a STIX 2.1 bundle back into a map's YAML.

It reads what the STIX export writes (and what OpenCTI exports of it: the same objects, with
OpenCTI's own properties beside them): actors from threat-actor, intrusion-set and identity
objects, relations from relationships, their type from the label that names a relation type of
the map (else from the relationship type), quotes from the external references that carry words,
disputing quotes from opinions, curators' notes from notes, and the vocabularies and sources from
the note the export writes for them. A bundle from elsewhere, without that note, gets vocabulary
entries made from what it has, each saying it was imported.

Nothing here decides that a quote is true: every quote goes into the map as written, and `check`
verifies it against its source's text. A source whose text is not in the seeds folder is
registered all the same, and `check` names it until the text is put there.
"""

from __future__ import annotations

import io
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..dataset.fields import CURATED, ID_PATTERN, VOCAB_PATTERN, record_spec
from ..dataset.format import ACTORS_FILE, EDGES_FILE, SOURCES_FILE
from ..dataset.load import display_path
from ..dataset.model import ActorKind, ConfidenceLevel, RelationType, SourceKind
from ..errors import ReadError, UsageError
from ..files import Unreadable, map_roots, read_inside, read_text, write_atomic
from ..outputs.stix import ACTOR_ID_SOURCE, CHAR, CURATORS_NOTE, VOCABULARY_NOTE, read_facts
from .edit import slug
from .transaction import locked
from .yamltext import canonical

MAX_BUNDLE_BYTES = 1024 * 1024 * 1024  # a bundle of 50,000 relations is about 80 MB
ACTOR_TYPES = ("threat-actor", "intrusion-set", "identity")
DISPUTING = ("disagree", "strongly-disagree")
IMPORTED = "Imported from a STIX bundle"

_HEADERS = {
    ACTORS_FILE: "# yaml-language-server: $schema=../schema/actors.schema.json\n",
    EDGES_FILE: "# yaml-language-server: $schema=../schema/edges.schema.json\n",
    SOURCES_FILE: "# yaml-language-server: $schema=../schema/sources.schema.json\n",
}


@dataclass
class Imported:
    """What an import wrote, and what it could not bring in."""

    actors: int = 0
    relations: int = 0
    quotes: int = 0
    sources: list[tuple[str, str]] = field(default_factory=list)  # (id, text file name)
    missing_texts: list[tuple[str, str]] = field(default_factory=list)  # sources whose text is not in seeds/
    skipped: list[str] = field(default_factory=list)  # what the bundle held that the map cannot take
    written: list[Path] = field(default_factory=list)


@locked
def import_stix(data_dir: Path, seeds_dir: Path, bundle_path: Path) -> Imported:
    """Read the bundle at `bundle_path` into the map, which must hold no actors, relations or
    sources yet (a folder started by `actorgraph init`). Writes the three YAML files whole."""
    objects = _objects(bundle_path)
    files = {name: (data_dir if name != SOURCES_FILE else seeds_dir) / name for name in _HEADERS}
    docs = {name: _load(path) for name, path in files.items()}
    for name, key in ((ACTORS_FILE, "actors"), (EDGES_FILE, "edges"), (SOURCES_FILE, "sources")):
        if docs[name].get(key):
            raise UsageError(
                f"{display_path(files[name])} already holds {key}; import into an empty map (start one with "
                "`actorgraph init`)"
            )
    reader = _Reader(objects)
    report = reader.read()
    _merge(docs[ACTORS_FILE], "actor_kinds", reader.actor_kinds)
    docs[ACTORS_FILE]["actors"] = reader.actors
    _merge(docs[EDGES_FILE], "relation_types", reader.relation_types)
    _merge(docs[EDGES_FILE], "confidence_levels", reader.confidence_levels)
    if reader.stix_confidence and "stix_confidence" not in docs[EDGES_FILE]:
        docs[EDGES_FILE]["stix_confidence"] = reader.stix_confidence
    docs[EDGES_FILE]["edges"] = reader.edges
    _merge(docs[SOURCES_FILE], "source_kinds", reader.source_kinds)
    docs[SOURCES_FILE]["sources"] = reader.sources
    texts = {(str(s["id"]), str(s["file"])) for s in reader.sources}
    report.sources = sorted(texts)
    # Only a plain file name is looked for (the loader refuses any other): a bundle's `file` must not
    # make the import look outside the map.
    report.missing_texts = sorted(
        (doc, name) for doc, name in texts if Path(name).name != name or not (seeds_dir / name).is_file()
    )
    for name, path in files.items():
        write_atomic(path, canonical(_dump(docs[name], name), name))
        report.written.append(path)
    return report


def _objects(path: Path) -> list[dict[str, Any]]:
    text = read_text(path, MAX_BUNDLE_BYTES)
    try:
        bundle = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReadError(f"cannot read '{path}': not JSON ({exc.msg}, line {exc.lineno})") from None
    objects = bundle.get("objects") if isinstance(bundle, dict) and bundle.get("type") == "bundle" else None
    if not isinstance(objects, list):
        raise ReadError(f"cannot read '{path}': not a STIX bundle (a JSON object of type 'bundle' with 'objects')")
    return [
        o for o in objects if isinstance(o, dict) and isinstance(o.get("id"), str) and isinstance(o.get("type"), str)
    ]


class _Reader:
    """The map's records, made from the bundle's objects."""

    def __init__(self, objects: list[dict[str, Any]]) -> None:
        self.objects = objects
        self.by_id = {o["id"]: o for o in objects}
        note = next((o for o in objects if o["type"] == "note" and o.get("abstract") == VOCABULARY_NOTE), None)
        vocabulary: dict[str, Any] = {}
        if note is not None:
            try:
                vocabulary = json.loads(note.get("content", ""))
            except json.JSONDecodeError:
                vocabulary = {}
        self.vocabulary = vocabulary if isinstance(vocabulary, dict) else {}
        self.actor_kinds = _entries(self.vocabulary.get("actor_kinds"), ActorKind)
        self.relation_types = _entries(self.vocabulary.get("relation_types"), RelationType)
        self.confidence_levels = _entries(self.vocabulary.get("confidence_levels"), ConfidenceLevel)
        self.source_kinds = _entries(self.vocabulary.get("source_kinds"), SourceKind)
        scale = self.vocabulary.get("stix_confidence")
        self.stix_confidence = scale if isinstance(scale, dict) else None
        self.actors: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []
        self.sources: list[dict[str, Any]] = []
        self.actor_ids: dict[str, str] = {}  # STIX id -> map id

    def read(self) -> Imported:
        report = Imported()
        ends = {o.get(k) for o in self.objects if o["type"] == "relationship" for k in ("source_ref", "target_ref")}
        for obj in self.objects:
            if obj["type"] in ACTOR_TYPES and (obj["id"] in ends or _actor_ref(obj) is not None):
                self._actor(obj)
        report.actors = len(self.actors)
        docs: dict[str, None] = {}
        disputes, notes = self._annotations()
        edges: dict[tuple[str, str, str], dict[str, Any]] = {}
        for obj in self.objects:
            if obj["type"] != "relationship":
                continue
            s, t = self.actor_ids.get(obj.get("source_ref", "")), self.actor_ids.get(obj.get("target_ref", ""))
            if s is None or t is None:
                report.skipped.append(f"{obj['id']}: a relationship between objects that are not actors")
                continue
            quotes = [q for ref in obj.get("external_references") or [] if (q := _quote(ref)) is not None]
            if not quotes:
                report.skipped.append(f"{obj['id']}: a relationship with no quote (no reference gives words)")
                continue
            own = self._type(obj)
            by_type: dict[str, list[dict[str, Any]]] = {}
            for q in quotes + disputes.get(obj["id"], []):  # each quote names the relation it backs
                named = q.pop("type", None)
                by_type.setdefault(self._named(named, obj) if named else own, []).append(q)
            for rtype, group in by_type.items():
                note = notes.get((obj["id"], rtype)) or (notes.get((obj["id"], None)) if rtype == own else None)
                edge = edges.get((s, rtype, t))
                if edge is None:
                    edge = edges[s, rtype, t] = self._edge(obj, s, t, rtype, note)
                for q in group:
                    q.update(_present(note=notes.get((obj["id"], q["doc"], q["quote"]))))
                    if all((e["doc"], e["quote"], e.get("stance")) != (q["doc"], q["quote"], q.get("stance"))
                           for e in edge["evidence"]):  # fmt: skip
                        edge["evidence"].append(q)
                        docs[q["doc"]] = None
                        report.quotes += 1
        self.edges = list(edges.values())
        report.relations = len(self.edges)
        self._levels()
        listed = list(self.vocabulary.get("sources") or {})  # the map's own order, where the bundle gives it
        for doc in sorted(docs, key=lambda d: listed.index(d) if d in listed else len(listed)):
            self._source(doc)
        return report

    # --- actors --------------------------------------------------------------------------------

    def _actor(self, obj: dict[str, Any]) -> None:
        taken = set(self.actor_ids.values())
        wanted = _actor_ref(obj) or slug(str(obj.get("name", ""))) or "actor"
        actor_id = _unique(wanted if re.match(ID_PATTERN, wanted) else slug(wanted) or "actor", taken)
        self.actor_ids[obj["id"]] = actor_id
        body, facts = read_facts(str(obj.get("description") or ""))
        record: dict[str, Any] = {"id": actor_id, "name": obj.get("name") or actor_id}
        given = obj.get("aliases")
        aliases = [a for a in given if isinstance(a, str)] if isinstance(given, list) else []
        aliases = aliases or [a for a in facts.get("Also known as", "").split("; ") if a]
        if aliases:
            from ruamel.yaml.comments import CommentedSeq

            record["aliases"] = CommentedSeq(aliases)
            record["aliases"].fa.set_flow_style()  # `aliases: [A, B]`, as the map's files write them
        record["kind"] = self._kind(obj)
        record.update(_present(description=body, region=facts.get("Region")))
        record.update(_present(founded=_year(facts.get("Founded")), dissolved=_year(facts.get("Dissolved"))))
        self.actors.append(record)

    def _kind(self, obj: dict[str, Any]) -> str:
        for label in obj.get("labels") or []:
            if label in self.actor_kinds:
                return str(label)
        stix_type = obj["type"]
        for name, kind in self.actor_kinds.items():
            if kind.get("stix") == stix_type:
                return name
        name = stix_type.replace("-", "_")
        self.actor_kinds[name] = {
            "label": stix_type.replace("-", " ").capitalize(),
            "definition": f"{IMPORTED}: actors that were STIX {stix_type} objects.",
            "stix": stix_type,
        }
        return name

    # --- relations ---------------------------------------------------------------------------

    def _edge(self, obj: dict[str, Any], s: str, t: str, rtype: str, note: str | None) -> dict[str, Any]:
        _, facts = read_facts(str(obj.get("description") or ""))
        since = _year(facts.get("Since") or _period(obj.get("start_time"), end=False))
        until = _year(facts.get("Until") or _period(obj.get("stop_time"), end=True))
        record: dict[str, Any] = {"source": s, "target": t, "type": rtype}
        record.update(_present(since=since, until=until, note=note))
        record["evidence"] = []
        return record

    def _type(self, obj: dict[str, Any]) -> str:
        """A relationship's type in the map: the label that names one, else its STIX type."""
        for label in obj.get("labels") or []:
            if label in self.relation_types:
                return str(label)
        stix_type = str(obj.get("relationship_type") or "related-to")
        return self._named(stix_type.replace("-", "_"), obj)

    def _named(self, name: str, obj: dict[str, Any]) -> str:
        """A relation type by name, made an entry of the vocabulary where it is not one yet."""
        if not re.match(VOCAB_PATTERN, name):
            name = "related_to"
        if name not in self.relation_types:
            stix_type = str(obj.get("relationship_type") or "related-to")
            self.relation_types[name] = {
                "label": name.replace("_", " "),
                "directed": True,
                "sign": 0,
                "definition": f"{IMPORTED}: relations it gave as STIX relationships of type {stix_type}.",
                "stix": stix_type,
            }
        return name

    def _levels(self) -> None:
        """The hedges the quotes give that the vocabulary lacks, as entries saying so."""
        for edge in self.edges:
            for q in edge["evidence"]:
                level = q.get("confidence")
                if level and level not in self.confidence_levels:
                    self.confidence_levels[level] = {"label": level, "definition": f"{IMPORTED}.", "rank": 1}

    def _annotations(self) -> tuple[dict[str, list[dict[str, Any]]], dict[tuple[str | None, ...], str]]:
        """Disputing quotes (from opinions) by relationship, and curators' notes by relationship
        and quote (its doc and words), or by relationship and relation type for a note on the
        relation itself (None when the note names no type)."""
        disputes: dict[str, list[dict[str, Any]]] = {}
        notes: dict[tuple[str | None, ...], str] = {}
        for obj in self.objects:
            refs = [r for r in obj.get("object_refs") or [] if isinstance(r, str)]
            if obj["type"] == "opinion" and obj.get("opinion") in DISPUTING:
                for ref in obj.get("external_references") or []:
                    q = _quote(ref)
                    if q is not None:
                        q["stance"] = "disputes"
                        for rel in refs:
                            disputes.setdefault(rel, []).append(dict(q))
            elif (
                obj["type"] == "note" and str(obj.get("abstract", "")).startswith(CURATORS_NOTE) and obj.get("content")
            ):
                quoted = [q for ref in obj.get("external_references") or [] if (q := _quote(ref)) is not None]
                named = next((str(x) for x in obj.get("labels") or [] if x in self.relation_types), None)
                for rel in refs:
                    key = (rel, quoted[0]["doc"], quoted[0]["quote"]) if quoted else (rel, named)
                    notes[key] = str(obj["content"])
        return disputes, notes

    # --- sources -----------------------------------------------------------------------------

    def _source(self, doc: str) -> None:
        known = (self.vocabulary.get("sources") or {}).get(doc)
        if isinstance(known, dict):
            record = {k: v for k, v in known.items() if v not in (None, [], "")}
            record["id"] = doc
        else:
            record = self._reported(doc)
        kind = record.get("kind")
        if kind not in self.source_kinds:
            record["kind"] = kind = kind or "imported"
            self.source_kinds[kind] = {"label": kind.capitalize(), "definition": f"{IMPORTED}.", "csl": "document"}
        record.setdefault("file", f"{doc}.txt")
        self.sources.append(record)

    def _reported(self, doc: str) -> dict[str, Any]:
        """A source as a report describes it, for a bundle without the vocabulary note."""
        record: dict[str, Any] = {"id": doc, "file": f"{doc}.txt", "kind": None}
        for obj in self.objects:
            refs = obj.get("external_references") or []
            if obj["type"] == "report" and any(r.get("external_id") == doc for r in refs):
                record.update(_present(title=obj.get("name")))
                record.update(_present(url=next((r.get("url") for r in refs if r.get("url")), None)))
                published = str(obj.get("published") or "")[:10]
                record.update(_present(published=published or None))
                break
        return record


def _actor_ref(obj: dict[str, Any]) -> str | None:
    for ref in obj.get("external_references") or []:
        if isinstance(ref, dict) and ref.get("source_name") == ACTOR_ID_SOURCE and ref.get("external_id"):
            return str(ref["external_id"])
    return None


def _quote(ref: Any) -> dict[str, Any] | None:
    """A quote from an external reference that gives words: its first line the words, then the
    hedge and speaker the export writes after them."""
    if not isinstance(ref, dict) or not str(ref.get("description") or "").strip():
        return None
    words, *rest = str(ref["description"]).split("\n")
    _, facts = read_facts("\n".join(["", *rest]))
    external = str(ref.get("external_id") or "")
    doc = external.split(CHAR)[0] if external else slug(str(ref.get("source_name") or "")) or "source"
    quote: dict[str, Any] = {"doc": doc if re.match(ID_PATTERN, doc) else slug(doc) or "source", "quote": words}
    quote.update(_present(attributed_to=facts.get("According to"), confidence=facts.get("Hedge")))
    quote.update(_present(type=facts.get("Type")))  # the relation it backs, taken off when it is placed
    return quote


def _period(stamp: Any, *, end: bool) -> str | None:
    """A STIX start or stop time as the year or year-month it opens or closes (the export writes a
    period's first and last instants; a time that is neither is given to the month)."""
    if not isinstance(stamp, str) or not re.match(r"^\d{4}-\d{2}-\d{2}", stamp):
        return None
    year, month_day = stamp[:4], stamp[5:10]
    return year if month_day == ("12-31" if end else "01-01") else stamp[:7]


def _year(period: str | None) -> int | str | None:
    """A period as curators write it: `2015`, not "2015"."""
    return int(period) if period and period.isdigit() else period


def _entries(value: Any, kind: type) -> dict[str, dict[str, Any]]:
    """Vocabulary entries from the note's JSON, each with only the fields its kind declares."""
    if not isinstance(value, dict):
        return {}
    wanted = tuple(record_spec(kind, roles=(CURATED,)))
    return {
        str(name): {k: v for k, v in entry.items() if k in wanted and v is not None}
        for name, entry in value.items()
        if isinstance(entry, dict)
    }


def _present(**values: Any) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v not in (None, "", [])}


def _unique(wanted: str, taken: set[str]) -> str:
    n, candidate = 2, wanted
    while candidate in taken:
        candidate, n = f"{wanted}-{n}", n + 1
    return candidate


# --- the files ------------------------------------------------------------------------------


def _load(path: Path) -> Any:
    """A data file as ruamel's round-trip mapping (comments kept), or a new one; read only from
    inside the map, so a file that links out of it is refused, never written through."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.error import YAMLError

    if not os.path.lexists(path):
        return CommentedMap()
    try:
        raw = read_inside(path, map_roots(path.parent, path.parent))
        doc = YAML().load(raw.decode("utf-8-sig"))
    except (Unreadable, UnicodeDecodeError, YAMLError) as exc:
        raise ReadError(f"cannot read '{display_path(path)}': {exc}; run `actorgraph check`") from None
    if doc is None:
        return CommentedMap()
    if not isinstance(doc, dict):
        raise ReadError(f"cannot read '{display_path(path)}': not a mapping; run `actorgraph check`")
    return doc


def _merge(doc: Any, key: str, entries: dict[str, dict[str, Any]]) -> None:
    """The bundle's vocabulary entries, over the map's own of the same name: the map holds no
    data yet, so its entries are the ones `init` wrote, and the bundle's are what its data means.
    Field by field: what the bundle does not carry (a type's `cues`, which `propose` reads) stays
    as the map has it, comments and all."""
    if not entries:
        return
    if not isinstance(doc.get(key), dict):
        doc[key] = {}
    for name, entry in entries.items():
        mine = doc[key].get(name)
        if isinstance(mine, dict):
            for field_name, value in entry.items():
                mine[field_name] = value
        else:
            doc[key][name] = entry


def _dump(doc: Any, name: str) -> str:
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.width = 4096
    out = io.StringIO()
    yaml.dump(doc, out)
    text = out.getvalue()
    return text if text.startswith("# yaml-language-server") else _HEADERS[name] + text
