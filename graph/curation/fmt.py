"""`actorgraph fmt`: every data file in canonical layout, never at the cost of a comment."""

from __future__ import annotations

import difflib
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..dataset.format import ACTORS_FILE, EDGES_FILE, PARTS, REVIEWED_FILE, SOURCES_FILE, part_files
from ..dataset.load import display_path
from ..errors import ActorgraphError
from .transaction import encode_like, locked, read_raw
from .yamltext import canonical, inherited, retired_keys, round_trip, unquoted


@dataclass(frozen=True)
class Reformat:
    """One data file whose layout is not canonical: its text now and as `fmt` writes it."""

    path: Path
    old: str
    new: str
    # With --migrate: quotes that took a qualifier their relation had, beside other quotes. The
    # meaning is unchanged, but an earlier version credited every quote of a relation to one
    # speaker, so these are the ones to read again ("line: message").
    review: tuple[str, ...] = ()

    @property
    def diff(self) -> str:
        name = display_path(self.path)
        lines = difflib.unified_diff(
            self.old.splitlines(True), self.new.splitlines(True), f"{name} (now)", f"{name} (canonical)"
        )
        return "".join(lines)


@locked
def reformat(data_dir: Path, seeds_dir: Path, *, write: bool, migrate: bool = False) -> list[Reformat]:
    """The data files that are not in canonical layout; with `write`, rewrite them. A file whose
    canonical form would lose or move a comment is left alone and reported: a curator's note
    is worth more than a tidy layout. A file holding keys the format no longer takes is laid out
    only with `migrate`, which moves them where they belong (`yamltext.canonical`)."""
    from ruamel.yaml.error import YAMLError

    from ..files import write_atomic

    names = (ACTORS_FILE, EDGES_FILE, REVIEWED_FILE)
    paths = [(data_dir / name, name) for name in names] + [(seeds_dir / SOURCES_FILE, SOURCES_FILE)]
    paths += [(part, name) for name in PARTS for part in part_files(data_dir, name)]  # laid out as their file
    changed = []
    read: list[bytes] = []  # each changed file's bytes as read, to write it back in its conventions
    for path, layout in paths:
        if not os.path.lexists(path):
            continue
        raw = read_raw(path)
        text = raw.decode("utf-8-sig").replace("\r\n", "\n")
        try:
            retired = [] if migrate else retired_keys(round_trip().load(text))
            if retired:
                line, key = retired[0]
                more = f" (and {len(retired) - 1} more)" if len(retired) > 1 else ""
                raise ActorgraphError(
                    f"{display_path(path)}:{line}: '{key}' on a relation is no longer read{more}; "
                    "run `actorgraph fmt --migrate` to move such keys onto each of their relation's quotes"
                )
            new = canonical(text, layout, migrate=migrate)
        except (YAMLError, RecursionError) as exc:  # the file does not parse: `check` says where and why
            raise ActorgraphError(
                f"{display_path(path)}: cannot format a file that does not parse "
                f"({exc.__class__.__name__}); run `actorgraph check`"
            ) from None
        if new == text:
            continue
        lost = _lost_comment(text, new)
        if lost is not None:
            line, comment = lost
            raise ActorgraphError(
                f"{display_path(path)}:{line}: the canonical layout would lose or move the comment "
                f"'{comment}'; nothing was reformatted — lay this part out by hand (see `actorgraph fmt --check`)"
            )
        notes = inherited(text, new) if migrate else []
        review = tuple(f"{display_path(path)}:{line}: {message}" for line, message in notes)
        changed.append(Reformat(path, text, new, review))
        read.append(raw)
    # Written only once every file is known to lay out without losing a comment: a refusal of
    # the last file must not follow rewrites of the first ones ("nothing was reformatted").
    if write:
        for done, raw in zip(changed, read, strict=True):
            if read_raw(done.path) != raw:
                raise ActorgraphError(f"{display_path(done.path)} changed while it was being formatted; run fmt again")
            write_atomic(done.path, encode_like(done.new, raw))
    return changed


_COMMENT = re.compile(r"(?:^|\s)#(.*)$")


def _anchors(text: str) -> list[tuple[str, str, int]]:
    """Each comment with what it is written on or above, and its line: the comparison that tells
    whether a layout kept every comment where it was. Linear in the lines: what a comment line
    sits above is found in one pass from the bottom, not by a search from each comment."""

    def content(line: str) -> str:
        key, sep, value = line.strip().partition(": ")
        return key + sep + value.strip().strip("'\"")

    lines = text.splitlines()
    below = [""] * (len(lines) + 1)  # the next line that is neither blank nor a comment
    for i in range(len(lines) - 1, -1, -1):
        stripped = lines[i].strip()
        below[i] = below[i + 1] if not stripped or stripped.startswith("#") else lines[i]
    out = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("#"):
            out.append((stripped, "above " + content(below[i + 1]), i + 1))
            continue
        if "#" not in line:
            continue
        m = _COMMENT.search(unquoted(line))
        if m:  # on a key: the key may move within its record ("- type: x" -> "type: x")
            out.append(("#" + m.group(1), "on " + content(line[: m.start()]).removeprefix("- "), i + 1))
    return out


def _lost_comment(old: str, new: str) -> tuple[int, str] | None:
    """The first comment of `old` that `new` no longer has where it was, with its line."""
    kept = Counter((c, a) for c, a, _ in _anchors(new))
    for comment, anchor, line in _anchors(old):
        if kept[comment, anchor] > 0:
            kept[comment, anchor] -= 1
        else:
            return line, comment
    return None
