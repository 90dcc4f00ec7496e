"""The edit commands: add an actor, a relation, a quote, an alias or a source text.

Each builds its record from the format's field specs (so a value a command writes
is one the loader accepts), lays it out as `fmt` would (`yamltext`), inserts it as
text so that nothing else in the file moves, and writes it through one checked,
locked transaction (`transaction`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..dataset.fields import Field, Invalid
from ..dataset.format import (
    ACTOR_FIELDS,
    ACTORS_FILE,
    EDGE_FIELDS,
    EDGES_FILE,
    EVIDENCE_FIELDS,
    FILES,
    PART_SUFFIX,
    PARTS,
    REVIEW_FIELDS,
    REVIEWED_FILE,
    SOURCE_FIELDS,
    SOURCES_FILE,
    part_files,
)
from ..dataset.load import display_path
from ..dataset.model import Dataset, Edge, name_key
from ..dataset.suggest import hint
from ..errors import ReadError, UsageError
from .transaction import apply, locked, read_data
from .yamltext import (
    append_entry,
    append_item,
    block_end,
    canonical,
    indented,
    normalised,
    parsed,
    plain,
    record_text,
    scalar_text,
    unquoted,
    yaml_dump,
)


def build_record(spec: Mapping[str, Field], given: Mapping[str, Any], subject: str) -> dict[str, Any]:
    """A new record from command-line values, in the spec's order, each converted by its kind
    (so `--since 2015` is written as the year 2015). Raises `UsageError` for a value its
    field cannot hold, in the words `check` would use."""
    record: dict[str, Any] = {}
    for key, field in spec.items():
        value = given.get(key)
        if value is None or value == () or value == []:
            continue
        try:
            if isinstance(value, (list, tuple)):  # a repeatable option: checked as the list it becomes
                field.kind.convert(_as_ylist(list(value)))
                record[key] = list(value)
            else:
                record[key] = field.kind.from_text(str(value))
        except Invalid as exc:
            raise UsageError(f"{subject}: '{key}' must be {field.kind.expected}, not {exc}") from None
        record[key] = plain(record[key])
    return record


def _as_ylist(items: list[Any]) -> Any:
    from ..dataset.yamlsafe import YList

    out = YList(0)
    out.extend(items)
    return out


@locked
def add_actor(data_dir: Path, seeds_dir: Path, *, into: str | None = None, **given: Any) -> Path:
    """Append an actor to actors.yaml, or with `into` to that file of the actors/ folder (made if
    need be); refused, with check's messages, if check would refuse it."""
    record = build_record(ACTOR_FIELDS, given, f"actor '{given.get('id')}'")
    return _append(data_dir, seeds_dir, ACTORS_FILE, "actors", record, into=into)


def part_path(data_dir: Path, file_name: str, into: str | None) -> Path:
    """Where an added record goes: the file itself (data/edges.yaml), or, named by `into`, a
    file of its folder (`--into east` is data/edges/east.yaml). `into` is a file name, never a
    path: a record is written nowhere but the map's own folder."""
    if into is None:
        return data_dir / file_name
    name = into if into.endswith(PART_SUFFIX) else into + PART_SUFFIX
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name) or ".." in name:
        raise UsageError(f"--into takes a file name (letters, digits, '.', '-', '_'), not '{into}'")
    return data_dir / PARTS[file_name][0] / name


def record_file(data_dir: Path, file_name: str, written: str) -> Path:
    """The file of the map a loaded record was read from (`written`: its location's file, as
    shown): the file itself or one of its folder's."""
    for path in [data_dir / file_name, *part_files(data_dir, file_name)]:
        if display_path(path) == written:
            return path
    return data_dir / file_name


def loaded_edge(data: Dataset, rtype: str, source: str, target: str) -> Edge | None:
    """The loaded relation of that type between those actors (either way round for a symmetric
    type), wherever it is written, or None."""
    rt = data.relation_types.get(rtype)
    ends = {(source, target), (target, source)} if rt is not None and not rt.directed else {(source, target)}
    return next((e for e in data.edges if e.type == rtype and (e.source, e.target) in ends), None)


@locked
def add_relation(
    data_dir: Path, seeds_dir: Path, source: str, rtype: str, target: str, *, into: str | None = None, **given: Any
) -> tuple[Path, str, str]:
    """Append a relation with one quote to edges.yaml, or with `into` to that file of the edges/
    folder (made if need be). `source` and `target` may be any name of an actor; refused, with
    check's messages, if check would refuse it. Returns the file and the two actors' ids."""
    from ..dataset.load import load_dataset

    data, _ = load_dataset(data_dir, seeds_dir)
    ends = {"source": actor_id(data.actors, source), "target": actor_id(data.actors, target), "type": rtype}
    found = loaded_edge(data, rtype, ends["source"], ends["target"])
    if found is not None:
        raise UsageError(
            f"{found.location}: {ends['source']} already has the relation '{rtype}' with {ends['target']}; "
            f"add this quote to it with `actorgraph add-evidence {ends['source']} {rtype} {ends['target']} "
            "--doc ... --quote ...`"
        )
    # The hedge and the speaker belong to the quote, not the relation: on the relation they would
    # become the default of every quote added to it later, from any source.
    per_quote = ("confidence", "attributed_to")
    edge_keys = {k: v for k, v in given.items() if k in EDGE_FIELDS and k != "evidence" and k not in per_quote}
    subject = f"edge {ends['source']} -> {ends['target']}"
    record = build_record(EDGE_FIELDS, {**ends, **edge_keys}, subject)
    quote_keys = {k: given.get(k) for k in ("doc", "quote", *per_quote)}
    record["evidence"] = [build_record(EVIDENCE_FIELDS, quote_keys, f"{subject}, evidence 1")]
    path = _append(data_dir, seeds_dir, EDGES_FILE, "edges", record, into=into)
    return path, ends["source"], ends["target"]


def actor_id(actors: Any, typed: str) -> str:
    """The id a person means, resolved like the query commands do; unknown names pass through
    unchanged so that the check reports them with its own suggestion."""
    key = name_key(typed)
    for actor in actors:
        if key in {name_key(n) for n in actor.names}:
            return str(actor.id)
    return typed


def _append(
    data_dir: Path,
    seeds_dir: Path,
    file_name: str,
    list_key: str,
    record: dict[str, Any],
    extra: Mapping[str, str] | None = None,
    into: str | None = None,
) -> Path:
    path = seeds_dir / file_name if file_name == SOURCES_FILE else part_path(data_dir, file_name, into)
    text = read_data(path)
    new_text = append_item(text, list_key, record_text(record, file_name, list_key), display_path(path))
    apply(data_dir, seeds_dir, path, new_text, text, extra)
    return path


@dataclass(frozen=True)
class LocatedEdge:
    """One relation of edges.yaml as the edits see it: the file's text and lines, its parsed
    form (for the line of each part), the relation's position and its ends as written."""

    path: Path
    text: str
    doc: Any
    index: int

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines(keepends=True)

    @property
    def edges(self) -> Any:
        return self.doc["edges"]

    @property
    def edge(self) -> Any:
        return self.edges[self.index]

    @property
    def source(self) -> str:
        return str(self.edge["source"])

    @property
    def target(self) -> str:
        return str(self.edge["target"])

    @property
    def name(self) -> str:
        return f"{self.source} {self.edge['type']} {self.target}"


def locate_edge(data_dir: Path, seeds_dir: Path, source: str, rtype: str, target: str, *, hint: str) -> LocatedEdge:
    """The relation of that type between the actors a person named (any name of each; either
    way round for a symmetric type). `UsageError` when there is none, ending with `hint`."""
    from ..dataset.load import load_dataset

    data, _ = load_dataset(data_dir, seeds_dir)
    s_id, t_id = actor_id(data.actors, source), actor_id(data.actors, target)
    loaded = loaded_edge(data, rtype, s_id, t_id)
    path = record_file(data_dir, EDGES_FILE, loaded.location.file) if loaded else data_dir / EDGES_FILE
    text = read_data(path)
    doc = parsed(text, path)
    edges: Any = doc.get("edges") if isinstance(doc, dict) else None
    index = find_edge(edges, data, rtype, s_id, t_id)
    if index is None:
        shown = hint.format(source=s_id, type=rtype, target=t_id)
        raise UsageError(f"no '{rtype}' relation from {s_id} to {t_id} in {display_path(path)}{shown}")
    return LocatedEdge(path, text, doc, index)


@locked
def add_evidence(
    data_dir: Path, seeds_dir: Path, source: str, rtype: str, target: str, **given: Any
) -> tuple[Path, str, str]:
    """Add a quote to an existing relation in edges.yaml, after its last quote. Refused, with
    check's messages, if check would refuse it (a quote not in the text, an unknown source)."""
    hint = "; add it with `actorgraph add-relation {source} {type} {target} --doc ... --quote ...`"
    at = locate_edge(data_dir, seeds_dir, source, rtype, target, hint=hint)
    edge, edges, doc, lines = at.edge, at.edges, at.doc, at.lines
    subject = f"edge {at.source} -> {at.target}, evidence {len(edge.get('evidence') or []) + 1}"
    item = build_record(EVIDENCE_FIELDS, {k: given.get(k) for k in EVIDENCE_FIELDS}, subject)
    keys = list(edge)
    if "evidence" not in keys or not edge["evidence"]:
        raise UsageError(f"{subject}: the relation has no evidence list to add to; run `actorgraph check`")
    # The evidence list ends where the relation's next key, the next relation or the next
    # top-level key begins.
    after = keys[keys.index("evidence") + 1 :]
    if after:
        end = edge.lc.key(after[0])[0]
    elif at.index + 1 < len(edges):
        end = edges.lc.item(at.index + 1)[0]
    else:
        tops = list(doc)
        later = tops[tops.index("edges") + 1 :]
        end = doc.lc.key(later[0])[0] if later else len(lines)
    end = block_end(lines, end)
    dash = edge["evidence"].lc.item(0)[1] - 2
    item_text = indented(yaml_dump({"evidence": [normalised(item, EVIDENCE_FIELDS)]}), dash)
    head = "".join(lines[:end])
    new_text = head + ("" if head.endswith("\n") or not head else "\n") + item_text + "".join(lines[end:])
    apply(data_dir, seeds_dir, at.path, new_text, at.text)
    return at.path, at.source, at.target


def find_edge(edges: Any, data: Dataset, rtype: str, source: str, target: str) -> int | None:
    """The position in the `edges` list of the relation of that type between those actors
    (either way round for a symmetric type), or None."""
    rt = data.relation_types.get(rtype)
    ends = {(source, target), (target, source)} if rt is not None and not rt.directed else {(source, target)}
    for i, e in enumerate(edges if isinstance(edges, list) else []):
        if isinstance(e, dict) and e.get("type") == rtype and (e.get("source"), e.get("target")) in ends:
            return i
    return None


@dataclass(frozen=True)
class LocatedActor:
    """One actor of its file as the edits see it: the file's text, its parse (for the line of
    each part), its `actors:` list, the actor's position in it and id, and the loaded map."""

    path: Path
    text: str
    doc: Any
    actors: Any
    index: int
    id: str
    data: Dataset

    @property
    def record(self) -> Any:
        return self.actors[self.index]


def locate_actor(data_dir: Path, seeds_dir: Path, typed: str) -> LocatedActor:
    """The actor a person named (any of its names), in the file it is written in (actors.yaml
    or a file of its folder). `UsageError` when it is not there; a file whose `actors:` is not a
    list holds none."""
    from ..dataset.load import load_dataset

    data, _ = load_dataset(data_dir, seeds_dir)
    wanted = actor_id(data.actors, typed)
    loaded = next((a for a in data.actors if a.id == wanted), None)
    path = record_file(data_dir, ACTORS_FILE, loaded.location.file) if loaded else data_dir / ACTORS_FILE
    text = read_data(path)
    doc = parsed(text, path)
    actors: Any = doc.get("actors") if isinstance(doc, dict) else None
    listed = actors if isinstance(actors, list) else []
    index = next((i for i, a in enumerate(listed) if isinstance(a, dict) and a.get("id") == wanted), None)
    if index is None:
        raise UsageError(f"unknown actor '{typed}' in {display_path(path)} (try `actorgraph list actors`)")
    return LocatedActor(path, text, doc, actors, index, wanted, data)


@locked
def add_alias(data_dir: Path, seeds_dir: Path, typed: str, alias: str) -> tuple[Path, str]:
    """Give an actor another name, keeping the file's layout: into its `aliases: [...]` list,
    or as a new `aliases:` line after its name. Refused, with check's message, when another
    actor already has that name."""
    at = locate_actor(data_dir, seeds_dir, typed)
    path, text, actors, index, wanted = at.path, at.text, at.actors, at.index, at.id
    build_record({"aliases": ACTOR_FIELDS["aliases"]}, {"aliases": [alias]}, f"actor '{wanted}'")
    actor = actors[index]
    # Not its id: an id is no name in a text, so "Epsilon Group" is worth adding to `epsilon-group`
    # for coverage and proposals to find the actor where a text names it.
    same = [n for n in (actor.get("name"), *(actor.get("aliases") or [])) if isinstance(n, str)]
    if name_key(alias) in {name_key(n) for n in same}:
        raise UsageError(
            f"'{alias}' is already a name of '{wanted}' (names are compared ignoring case and punctuation)"
        )
    lines = text.splitlines(keepends=True)
    shown = scalar_text(alias)
    aliases = actor.get("aliases")
    if aliases is not None and getattr(aliases, "fa", None) is not None and aliases.fa.flow_style():
        row, _ = actor.lc.key("aliases")
        line = lines[row]
        cut = unquoted(line).find(" #")  # a comment after the list may hold a `]` of its own
        close = unquoted(line[: cut if cut >= 0 else len(line)]).rfind("]")
        if close < 0:  # a flow list over several lines: too unusual to edit by hand here
            raise UsageError(f"{display_path(path)}:{row + 1}: add '{alias}' to this list by hand")
        sep = ", " if line[:close].rstrip().endswith("[") is False else ""
        lines[row] = line[:close].rstrip() + sep + shown + line[close:]
    elif aliases:
        row, col = aliases.lc.item(len(aliases) - 1)
        lines.insert(row + 1, " " * (col - 2) + f"- {shown}\n")
    else:
        row, col = actor.lc.key("name") if "name" in actor else actors.lc.item(index)
        lines.insert(row + 1, " " * col + f"aliases: [{shown}]\n")
    new_text = "".join(lines)

    def added(data: Dataset) -> str | None:
        actor = next((a for a in data.actors if a.id == wanted), None)
        if actor is not None and name_key(alias) in {name_key(n) for n in actor.aliases}:
            return None
        return f"{display_path(path)}: the alias did not land in '{wanted}''s aliases as written; add it by hand"

    apply(data_dir, seeds_dir, path, new_text, text, expect=added)
    return path, wanted


REVIEWED_HEADER = """\
# yaml-language-server: $schema=../schema/reviewed.schema.json
# Sentences that name two or more actors but state no relation between them (or, with `pair`,
# none between those two), each with the reason, so that `actorgraph coverage` can tell them
# from sentences still to be encoded. `sentence` is verbatim words from the sentence.
"""


@locked
def add_review(
    data_dir: Path, seeds_dir: Path, doc: str, sentence: str, reason: str, pair: tuple[str, str] | None = None
) -> tuple[Path, tuple[str, str] | None]:
    """Record in reviewed.yaml that a sentence (or one pair of actors in it) states no relation,
    with the reason; the file is started if the map has none. Refused, with check's messages,
    when check would refuse it (words not in the source, an unknown actor), and when the same
    review is already there. Returns the file and the pair's ids."""
    path, (ids,), _ = add_reviews.__wrapped__(  # type: ignore[attr-defined]
        data_dir, seeds_dir, [(doc, sentence, reason, pair)], repeat="refuse"
    )
    return path, ids


ReviewArgs = tuple[str, str, str, "tuple[str, str] | None"]  # doc, sentence, reason, pair


@locked
def add_reviews(
    data_dir: Path, seeds_dir: Path, reviews: Sequence[ReviewArgs], repeat: str = "skip"
) -> tuple[Path, list[tuple[str, str] | None], int]:
    """Record several reviews in one edit: all of them or, when check refuses one, none (a
    batch of rejections must never leave half its reviews written). A review already recorded
    (or given twice) is skipped, or with `repeat="refuse"` refused. Returns the file, each
    review's pair as ids, and how many were written."""
    from ..dataset.load import load_dataset
    from ..dataset.quotes import fold

    data, _ = load_dataset(data_dir, seeds_dir)
    seen: dict[tuple[str, str, frozenset[str]], tuple[str, str]] = {
        (r.doc, fold(r.sentence), frozenset(r.pair or ())): (f"{r.location}: ", r.reason) for r in data.reviews
    }
    path = data_dir / REVIEWED_FILE
    text = read_data(path)
    new_text = text if text.strip() else REVIEWED_HEADER
    out: list[tuple[str, str] | None] = []
    written = 0
    for doc, sentence, reason, pair in reviews:
        ids = (actor_id(data.actors, pair[0]), actor_id(data.actors, pair[1])) if pair else None
        out.append(ids)
        key = (doc, fold(sentence), frozenset(ids or ()))
        if key in seen:
            if repeat == "refuse":
                what = f"the pair {ids[0]} – {ids[1]} in this sentence" if ids else "this sentence"
                where, why = seen[key]
                raise UsageError(f"{where}{what} is already reviewed ({why})")
            continue
        seen[key] = ("", reason)
        given = {"doc": doc, "sentence": sentence, "reason": reason, "pair": list(ids) if ids else None}
        record = build_record(REVIEW_FIELDS, given, "reviewed sentence")
        if ids:
            from ruamel.yaml.comments import CommentedSeq

            record["pair"] = CommentedSeq(record["pair"])
            record["pair"].fa.set_flow_style()  # `pair: [pakistan, india]`
        new_text = append_item(new_text, "reviewed", record_text(record, REVIEWED_FILE, "reviewed"), display_path(path))
        written += 1
    if written:
        apply(data_dir, seeds_dir, path, new_text, text)
    return path, out, written


def slug(text: str) -> str:
    """An id from a title or file name: lowercase ASCII words joined by single hyphens."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > 48:
            break
        out = f"{out}-{word}" if out else word
    return out


@locked
def add_source(data_dir: Path, seeds_dir: Path, file: Path, **given: Any) -> tuple[Path, str]:
    """Copy a text into the seeds folder (UTF-8, line endings normalised, nothing else changed)
    and register it in sources.yaml. Refused when its id or its text is already there, or when
    `check` would refuse the record."""
    from ..dataset.load import load_dataset
    from ..files import read_text

    try:
        text = read_text(file).replace("\r\n", "\n").replace("\r", "\n")
    except ReadError as exc:  # the file named on the command line: the user's to mend
        raise UsageError(str(exc)) from None
    if not text.strip():
        raise UsageError(f"'{file}' is empty: there is nothing to quote")
    data, _ = load_dataset(data_dir, seeds_dir)
    kind = given.get("kind")
    if data.source_kinds and kind not in data.source_kinds:
        raise UsageError(f"unknown source kind '{kind}'{hint(str(kind), data.source_kinds)}")
    source_id = given.get("id") or slug(given.get("title") or "") or slug(file.stem)
    if not source_id:
        raise UsageError("cannot make an id from the title or the file name; give one with --id")
    if source_id in data.sources:
        raise UsageError(f"a source with the id '{source_id}' is already registered; pick another --id")
    for other in data.sources.values():
        if other.text.replace("\r\n", "\n") == text:
            raise UsageError(f"this text is already registered as '{other.id}' ({other.file})")
    name = f"{source_id}.txt"
    dest = seeds_dir / name
    if dest.exists():
        if read_data(dest) != text:
            raise UsageError(f"'{display_path(dest)}' already exists with other content; pick another --id")
        extra: dict[str, str] = {}  # the same text is already in place, unregistered: register it
    else:
        extra = {name: text}
    record = build_record(SOURCE_FIELDS, {**given, "id": source_id, "file": name}, f"source '{source_id}'")
    return _append(data_dir, seeds_dir, SOURCES_FILE, "sources", record, extra), source_id


# --- vocabularies -----------------------------------------------------------------------------

VOCABULARIES = {  # command-line name -> (file, top-level key, what one entry is)
    "type": (EDGES_FILE, "relation_types", "relation type"),
    "kind": (ACTORS_FILE, "actor_kinds", "actor kind"),
    "hedge": (EDGES_FILE, "confidence_levels", "confidence level"),
    "source-kind": (SOURCES_FILE, "source_kinds", "source kind"),
}


@locked
def add_term(data_dir: Path, seeds_dir: Path, vocabulary: str, name: str, **given: Any) -> Path:
    """Add an entry to one of the map's vocabularies (a relation type, an actor kind, a hedge, a
    source kind), after its last entry; refused, with check's messages, if check would refuse it
    (a name already there is refused here: change an entry by hand, where its uses are visible)."""
    file_name, key, what = VOCABULARIES[vocabulary]
    folder = seeds_dir if file_name == SOURCES_FILE else data_dir
    path = folder / file_name
    text = read_data(path)
    doc = parsed(text, path)
    entries: Any = doc.get(key) if isinstance(doc, dict) else None
    if isinstance(entries, dict) and name in entries:
        line = getattr(entries, "lc").key(name)[0] + 1  # noqa: B009 (ruamel's line info, untyped)
        raise UsageError(f"{display_path(path)}:{line}: the {what} '{name}' is already there")
    record = build_record(FILES[file_name][key], given, f"{what} '{name}'")
    entry = canonical(yaml_dump({key: {name: record}}), file_name).splitlines(keepends=True)[1:]
    new_text = append_entry(text, key, "".join(entry), display_path(path))
    apply(data_dir, seeds_dir, path, new_text, text)
    return path
