"""Commands that correct what is recorded, not only add to it: remove a relation or a quote,
reverse a relation, change its type, change a quote's hedge, speaker, stance or note; remove an
actor nothing refers to, take off an alias, change an actor's fields.

A map is grown by hand and by machine proposals; both make mistakes, and a curator who can
only add ends up hand-editing YAML to take one back. Each correction here edits the text of
the one record it is about, by the lines ruamel reports for it, so that comments and layout
elsewhere stay as they were; goes through the same checked, locked transaction as the add-*
commands (refused, with `check`'s message, when `check` would refuse the result); and shows
in `actorgraph diff` as what it is: a relation removed, reversed or re-typed, a quote removed
or re-qualified.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..dataset.format import ACTOR_FIELDS, EDGE_FIELDS, EVIDENCE_FIELDS, REVIEWED_FILE
from ..dataset.load import display_path, load_dataset
from ..dataset.model import name_key
from ..dataset.quotes import fold
from ..errors import UsageError
from .edit import LocatedEdge, build_record, locate_actor, locate_edge
from .transaction import apply, locked, read_data
from .yamltext import end_comment, parsed, scalar_text, unquoted

UNSET = ""  # a qualifier given as the empty string is taken off the quote


def _locate(data_dir: Path, seeds_dir: Path, source: str, rtype: str, target: str) -> LocatedEdge:
    return locate_edge(data_dir, seeds_dir, source, rtype, target, hint=" (try `actorgraph list relations`)")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _item_end(lines: list[str], start: int, dash: int) -> int:
    """The line index where the list item starting at `start` (its dash at column `dash`) ends:
    the first later line that is neither blank, nor a comment, nor indented past the dash.
    Blank and comment lines just before that belong to what follows, and stay with it."""
    end = start + 1
    while end < len(lines):
        line = lines[end]
        if line.strip() and not line.lstrip().startswith("#") and _indent(line) <= dash:
            break
        end += 1
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return end


def _key_end(lines: list[str], mapping: Any, key: str, limit: int) -> int:
    """The line index after the last line of `key`'s value in `mapping` (a folded paragraph runs
    over several lines), never past `limit` (where the mapping ends)."""
    row, col = mapping.lc.key(key)
    end = row + 1
    while end < limit and (not lines[end].strip() or _indent(lines[end]) > col):
        end += 1
    while end > row + 1 and not lines[end - 1].strip():
        end -= 1
    return end


def _without(lines: list[str], start: int, end: int) -> str:
    return "".join(lines[:start] + lines[end:])


def _emptied(text: str, doc: Any, key: str) -> str:
    """`text` with the top-level `key:` line (above the lines an edit took out) written as an
    empty list, `key: []`, a comment on it kept after the brackets."""
    row = doc.lc.key(key)[0]
    lines = text.splitlines(keepends=True)
    line = lines[row].rstrip("\n")
    comment = end_comment(line)
    lines[row] = line[: len(line) - len(comment)].rstrip() + " []" + comment + "\n"
    return "".join(lines)


@locked
def remove_relation(data_dir: Path, seeds_dir: Path, source: str, rtype: str, target: str) -> tuple[Path, str]:
    """Delete one relation with all its quotes; comments around it stay. Returns the file and
    the relation as `source type target`."""
    at = _locate(data_dir, seeds_dir, source, rtype, target)
    start, dash = at.edges.lc.item(at.index)
    dash -= 2  # lc.item gives the column of the item's first key, two past its dash
    end = _item_end(at.lines, start, dash)
    new = _without(at.lines, start, end)
    if len(at.edges) == 1:  # the list's only item: the list becomes empty, not null
        new = _emptied(new, at.doc, "edges")
    apply(data_dir, seeds_dir, at.path, new, at.text)
    return at.path, at.name


def _quote_index(at: LocatedEdge, doc: str, quote: str) -> int:
    wanted = fold(quote)
    evidence = at.edge.get("evidence") or []
    for i, ev in enumerate(evidence):
        if isinstance(ev, Mapping) and ev.get("doc") == doc and fold(str(ev.get("quote", ""))) == wanted:
            return i
    cited = ", ".join(sorted({str(ev.get("doc")) for ev in evidence if isinstance(ev, Mapping)}))
    raise UsageError(
        f"{at.name} has no quote from '{doc}' with those words (its quotes are from: {cited or 'nowhere'}); "
        "see `actorgraph list evidence --actor ...`"
    )


@locked
def remove_evidence(
    data_dir: Path, seeds_dir: Path, source: str, rtype: str, target: str, *, doc: str, quote: str
) -> tuple[Path, str]:
    """Delete one quote from a relation. A relation's last quote is not removed: a relation with
    no evidence is not a relation (remove the relation instead)."""
    at = _locate(data_dir, seeds_dir, source, rtype, target)
    i = _quote_index(at, doc, quote)
    evidence = at.edge["evidence"]
    if len(evidence) == 1:
        raise UsageError(
            f"this is the only quote of {at.name}; a relation needs one, so remove the relation instead "
            f"(`actorgraph remove-relation {at.name}`)"
        )
    start, col = evidence.lc.item(i)
    end = _item_end(at.lines, start, col - 2)
    new = _without(at.lines, start, end)
    apply(data_dir, seeds_dir, at.path, new, at.text)
    return at.path, at.name


def _replace_value(at: LocatedEdge, mapping: Any, key: str, value: str) -> str:
    """The file with one scalar value replaced in place (the rest of its line, a comment, kept)."""
    row, col = mapping.lc.value(key)
    line = at.lines[row]
    old = str(mapping[key])
    written = line[col:]
    if written.startswith(('"', "'")):
        close = written.index(written[0], 1)
        span = close + 1
    else:
        span = len(old)
        if written[:span] != old:
            raise UsageError(f"{display_path(at.path)}:{row + 1}: '{key}' is written in a way this command cannot edit")
    lines = list(at.lines)
    lines[row] = line[:col] + scalar_text(value) + line[col + span :]
    return "".join(lines)


@locked
def reverse_relation(data_dir: Path, seeds_dir: Path, source: str, rtype: str, target: str) -> tuple[Path, str]:
    """Swap a directed relation's ends: for a relation recorded the wrong way round."""
    data, _ = load_dataset(data_dir, seeds_dir)
    kind = data.relation_types.get(rtype)
    if kind is not None and not kind.directed:
        raise UsageError(f"'{rtype}' is symmetric ({kind.label}): reversing it changes nothing")
    at = _locate(data_dir, seeds_dir, source, rtype, target)
    swapped = _replace_value(at, at.edge, "source", at.target)
    new = _replace_value(LocatedEdge(at.path, swapped, at.doc, at.index), at.edge, "target", at.source)
    apply(data_dir, seeds_dir, at.path, new, at.text)
    return at.path, f"{at.target} {rtype} {at.source}"


@locked
def retype_relation(
    data_dir: Path, seeds_dir: Path, source: str, rtype: str, target: str, *, to: str
) -> tuple[Path, str]:
    """Change a relation's type, keeping its quotes, dates and note (refused, as `check` would,
    when the pair already has a relation of the new type: add the quotes to that one instead)."""
    at = _locate(data_dir, seeds_dir, source, rtype, target)
    new = _replace_value(at, at.edge, "type", to)
    apply(data_dir, seeds_dir, at.path, new, at.text)
    return at.path, f"{at.source} {to} {at.target}"


@locked
def requalify_evidence(
    data_dir: Path,
    seeds_dir: Path,
    source: str,
    rtype: str,
    target: str,
    *,
    doc: str,
    quote: str,
    changes: Mapping[str, str | None],
) -> tuple[Path, str]:
    """Set or take off one quote's qualifiers (`changes`: field -> new value; `UNSET` takes the
    field off), each checked as its kind as `check` would. Other fields, and the other quotes of
    the relation, are left exactly as they are."""
    at = _locate(data_dir, seeds_dir, source, rtype, target)
    i = _quote_index(at, doc, quote)
    item = at.edge["evidence"][i]
    wanted = {k: v for k, v in changes.items() if v is not None}
    unknown = [k for k in wanted if k not in EVIDENCE_FIELDS or k in ("doc", "quote")]
    if unknown or not wanted:
        raise UsageError("say what to change: a hedge, a speaker, a stance or a note")
    subject = f"edge {at.source} -> {at.target}, evidence {i + 1}"
    setting = build_record(EVIDENCE_FIELDS, {k: v for k, v in wanted.items() if v != UNSET}, subject)
    start, col = at.edge["evidence"].lc.item(i)
    new = _set_fields(at.lines, item, wanted, setting, list(EVIDENCE_FIELDS), (start, col))
    apply(data_dir, seeds_dir, at.path, new, at.text)
    return at.path, at.name


def _set_fields(
    lines: list[str],
    item: Any,
    wanted: Mapping[str, str],
    setting: Mapping[str, Any],
    order: list[str],
    at: tuple[int, int],
) -> str:
    """The text with one list item's fields set (`setting`, as written) or taken off (`UNSET` in
    `wanted`): each existing line replaced in place, a new key where the canonical `order` puts
    it. `at`: the item's first line and the column of its keys."""
    start, col = at
    end = _item_end(lines, start, col - 2)
    lines = list(lines)

    def row_of(key: str) -> int:
        """The line of `key`, or, for a new key, the line it goes in front of."""
        if key in item:
            return int(item.lc.key(key)[0])
        after = [k for k in item if k in order and order.index(k) > order.index(key)]
        return int(item.lc.key(after[0])[0]) if after else end  # after the item's last line

    rows = {key: row_of(key) for key in wanted if key in item or wanted[key] != UNSET}
    # Work from the bottom of the item up, so that the lines still to edit keep their numbers. At
    # one line, the key written there is edited before new keys go in above it, and new keys that
    # go in at one line are inserted last in `order` first, so that each lands above the next.
    for key in sorted(rows, key=lambda k: (rows[k], k in item, order.index(k)), reverse=True):
        row = rows[key]
        if key in item:
            stop = _key_end(lines, item, key, end)
            lines[row:stop] = [] if wanted[key] == UNSET else [_key_line(col, key, setting[key], lines[row])]
        else:
            lines.insert(row, _key_line(col, key, setting[key], None))
    return "".join(lines)


# --- actors -------------------------------------------------------------------------------------


@locked
def remove_actor(data_dir: Path, seeds_dir: Path, typed: str) -> tuple[Path, str]:
    """Delete an actor that nothing refers to any more; comments around it stay. An actor with
    relations is refused, naming them: removing it would leave them pointing at no one."""
    at = locate_actor(data_dir, seeds_dir, typed)
    uses = [e for e in at.data.edges if at.id in (e.source, e.target)]
    if uses:
        shown = ", ".join(f"{e.source} {e.type} {e.target}" for e in uses[:5]) + (", ..." if len(uses) > 5 else "")
        raise UsageError(
            f"'{at.id}' has {len(uses)} relation{'s' if len(uses) != 1 else ''} ({shown}); remove "
            f"{'them' if len(uses) != 1 else 'it'} first (`actorgraph remove-relation ...`)"
        )
    lines = at.text.splitlines(keepends=True)
    start, col = at.actors.lc.item(at.index)
    new = _without(lines, start, _item_end(lines, start, col - 2))
    if len(at.actors) == 1:  # the list's only item: the list becomes empty, not null
        new = _emptied(new, at.doc, "actors")
    apply(data_dir, seeds_dir, at.path, new, at.text)
    return at.path, at.id


@locked
def remove_alias(data_dir: Path, seeds_dir: Path, typed: str, alias: str) -> tuple[Path, str]:
    """Take one spelling off an actor's aliases (compared as names are: case, spaces and
    punctuation aside), keeping the list's layout."""
    at = locate_actor(data_dir, seeds_dir, typed)
    aliases: Any = at.record.get("aliases") or []
    i = next((k for k, a in enumerate(aliases) if name_key(str(a)) == name_key(alias)), None)
    if i is None:
        have = ", ".join(str(a) for a in aliases) or "none"
        raise UsageError(f"'{alias}' is not an alias of '{at.id}' (its aliases: {have})")
    lines = at.text.splitlines(keepends=True)
    row, col = at.record.lc.key("aliases")
    if len(aliases) == 1:
        stop = _key_end(lines, at.record, "aliases", len(lines))
        lines[row:stop] = []
    elif getattr(aliases, "fa", None) is not None and aliases.fa.flow_style():
        kept = [str(a) for k, a in enumerate(aliases) if k != i]
        line = lines[row].rstrip("\n")
        comment = end_comment(line)
        if not unquoted(line[: len(line) - len(comment)]).rstrip().endswith("]"):  # a list over several lines
            raise UsageError(f"{display_path(at.path)}:{row + 1}: take '{alias}' off this list by hand")
        lines[row] = " " * col + "aliases: [" + ", ".join(scalar_text(a) for a in kept) + "]" + comment + "\n"
    else:
        item_row = aliases.lc.item(i)[0]
        del lines[item_row]
    apply(data_dir, seeds_dir, at.path, "".join(lines), at.text)
    return at.path, at.id


ACTOR_EDITABLE = tuple(
    k for k in ACTOR_FIELDS if k not in ("id", "aliases")
)  # ids are referred to; aliases have commands


@locked
def edit_actor(data_dir: Path, seeds_dir: Path, typed: str, changes: Mapping[str, str | None]) -> tuple[Path, str]:
    """Set or take off (`UNSET`) an actor's fields — its name, kind, description, region, dates —
    each checked as `check` would (a name another actor has, an unknown kind)."""
    at = locate_actor(data_dir, seeds_dir, typed)
    wanted = {k: v for k, v in changes.items() if v is not None}
    if not wanted or any(k not in ACTOR_EDITABLE for k in wanted):
        raise UsageError("say what to change: " + ", ".join(ACTOR_EDITABLE))
    if wanted.get("name") == UNSET or wanted.get("kind") == UNSET:
        raise UsageError("an actor needs a name and a kind: give a new one rather than taking it off")
    setting = build_record(ACTOR_FIELDS, {k: v for k, v in wanted.items() if v != UNSET}, f"actor '{at.id}'")
    start, col = at.actors.lc.item(at.index)
    new = _set_fields(at.text.splitlines(keepends=True), at.record, wanted, setting, list(ACTOR_FIELDS), (start, col))
    apply(data_dir, seeds_dir, at.path, new, at.text)
    return at.path, at.id


def _key_line(col: int, key: str, value: Any, old: str | None) -> str:
    """`key: value` at the mapping's indentation, keeping an end-of-line comment the old line had."""
    comment = end_comment(old) if old is not None else ""
    shown = scalar_text(value) if isinstance(value, str) else str(value).lower()
    return " " * col + f"{key}: {shown}{comment}\n"


# --- a relation's own fields ----------------------------------------------------------------------

# What a relation says beside its quotes (since, until, its note, any field added later): its
# ends and type have commands of their own (reverse, retype), its quotes theirs.
RELATION_EDITABLE = tuple(k for k in EDGE_FIELDS if k not in ("source", "target", "type", "evidence"))


@locked
def edit_relation(
    data_dir: Path, seeds_dir: Path, source: str, rtype: str, target: str, changes: Mapping[str, str | None]
) -> tuple[Path, str]:
    """Set or take off (`UNSET`) a relation's own fields — when it held (`since`, `until`), the
    curator's note — each checked as `check` would (an `until` before its `since`). Its quotes
    and their qualifiers are left exactly as they are."""
    at = _locate(data_dir, seeds_dir, source, rtype, target)
    wanted = {k: v for k, v in changes.items() if v is not None}
    if not wanted or any(k not in RELATION_EDITABLE for k in wanted):
        raise UsageError("say what to change: " + ", ".join(RELATION_EDITABLE))
    subject = f"edge {at.source} -> {at.target}"
    setting = build_record(EDGE_FIELDS, {k: v for k, v in wanted.items() if v != UNSET}, subject)
    start, col = at.edges.lc.item(at.index)
    new = _set_fields(at.lines, at.edge, wanted, setting, list(EDGE_FIELDS), (start, col))
    apply(data_dir, seeds_dir, at.path, new, at.text)
    return at.path, at.name


# --- reviews --------------------------------------------------------------------------------------


@locked
def remove_review(
    data_dir: Path, seeds_dir: Path, doc: str, sentence: str, pair: tuple[str, str] | None = None
) -> tuple[Path, int]:
    """Withdraw a review from reviewed.yaml: the sentence (with `pair`, only that pair's review)
    is open again in `coverage`, and an actor no review names any more can be removed. Comments
    around it stay. Returns the file and the line the review was on."""
    from .edit import actor_id

    data, _ = load_dataset(data_dir, seeds_dir)
    ids = frozenset(actor_id(data.actors, a) for a in pair) if pair else frozenset()
    path = data_dir / REVIEWED_FILE
    text = read_data(path)
    doc_yaml = parsed(text, path)
    reviewed: Any = doc_yaml.get("reviewed") if isinstance(doc_yaml, dict) else None
    wanted = fold(sentence)
    index = next(
        (
            i
            for i, r in enumerate(reviewed if isinstance(reviewed, list) else [])
            if isinstance(r, Mapping)
            and r.get("doc") == doc
            and fold(str(r.get("sentence", ""))) == wanted
            and frozenset(actor_id(data.actors, str(a)) for a in (r.get("pair") or ())) == ids
        ),
        None,
    )
    if index is None:
        what = f"of the pair {' – '.join(sorted(ids))} " if ids else ""
        raise UsageError(
            f"no review {what}in {display_path(path)} for those words of '{doc}' (see `actorgraph coverage --all`)"
        )
    lines = text.splitlines(keepends=True)
    start, col = reviewed.lc.item(index)
    new = _without(lines, start, _item_end(lines, start, col - 2))
    if len(reviewed) == 1:  # the list's only item: the list becomes empty, not null
        new = _emptied(new, doc_yaml, "reviewed")
    apply(data_dir, seeds_dir, path, new, text)
    return path, start + 1
