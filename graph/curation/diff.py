"""What a change to the data changed: actors and relations added, removed and altered.

A line diff of YAML answers the wrong question for a reviewer: a relation moved
in the file looks removed and re-added, while a relation re-typed from `allied`
to `rival` is one changed word. So the two versions are loaded and compared as
records. A relation keeps its identity across versions by its ends and type;
one whose type changed between the same two actors is matched as *re-typed*,
and a directed one whose ends swapped as *reversed*, before anything is called
added or removed.

Versions are folders (holding data/ and seeds/) or git revisions, read blob by
blob into a temporary folder; nothing in the working tree is touched.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from ..dataset.fields import CURATED, record_spec
from ..dataset.model import (
    Actor,
    ActorKind,
    ConfidenceLevel,
    Dataset,
    Edge,
    Evidence,
    RelationType,
    Review,
    Settings,
    Source,
    SourceKind,
)
from ..dataset.quotes import fold
from ..errors import UsageError
from ..network.claims import Contest, contests

# What a reviewer is shown as changed: every curated field of each record kind, from the one list
# of its fields (a relation's quotes are compared one by one, by their own fields).
ACTOR_FIELDS = tuple(record_spec(Actor, roles=(CURATED,)))
EDGE_FIELDS = tuple(k for k in record_spec(Edge, roles=(CURATED,)) if k != "evidence")
QUOTE_FIELDS = tuple(record_spec(Evidence, roles=(CURATED,)))
SOURCE_FIELDS = tuple(record_spec(Source, roles=(CURATED,)))
SETTING_FIELDS = tuple(record_spec(Settings, roles=(CURATED,)))


@dataclass(frozen=True)
class Version:
    label: str  # as the user named it: "HEAD", "working tree", a folder
    data: Dataset
    problems: int  # how many problems `check` finds in it
    refused: tuple[str, ...] = ()  # entries of a revision that were not read (symbolic links)

    @cached_property
    def actors(self) -> dict[str, Actor]:
        return {a.id: a for a in self.data.actors}


@dataclass(frozen=True)
class ActorChange:
    id: str
    changes: dict[str, tuple[Any, Any]]  # field -> (old, new)


@dataclass(frozen=True)
class EdgeChange:
    old: Edge
    new: Edge
    kind: str  # "changed", "re-typed" or "reversed"
    changes: dict[str, tuple[Any, Any]]
    quotes_added: tuple[Evidence, ...]
    quotes_removed: tuple[Evidence, ...]
    quotes_changed: tuple[tuple[Evidence, Evidence], ...] = ()  # same words, other hedge, speaker, stance or note


@dataclass(frozen=True)
class TermChange:
    """An entry of a vocabulary (a relation type, an actor kind, a hedge, a source kind) added,
    removed or changed: what every relation or actor using it now means."""

    vocabulary: str  # "relation type", "actor kind", ...
    name: str
    kind: str  # "added", "removed" or "changed"
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class DataDiff:
    old: Version
    new: Version
    actors_added: tuple[Actor, ...] = ()
    actors_removed: tuple[Actor, ...] = ()
    actors_changed: tuple[ActorChange, ...] = ()
    edges_added: tuple[Edge, ...] = ()
    edges_removed: tuple[Edge, ...] = ()
    edges_changed: tuple[EdgeChange, ...] = field(default_factory=tuple)
    # Pairs the sources newly disagree about, and pairs they no longer do: a reviewer of a new
    # source wants to know first whether it contradicts what the map already says.
    contests_opened: tuple[Contest, ...] = ()
    contests_settled: tuple[Contest, ...] = ()
    terms: tuple[TermChange, ...] = ()
    # The map's settings (its limits): a pull request that raises them says so to its reviewer.
    settings: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    # Sentences (or pairs in them) newly recorded as stating no relation, and reviews withdrawn:
    # a judgement that closes a to-do item deserves a reviewer's eye as much as a relation does.
    reviews_added: tuple[Review, ...] = ()
    reviews_removed: tuple[Review, ...] = ()
    reviews_changed: tuple[tuple[Review, Review], ...] = ()  # same sentence and pair, another reason
    # Texts registered, withdrawn or changed (their record, or the words of the text itself):
    # every citation of a source changes with it, and a changed text can unsettle every quote.
    sources_added: tuple[Source, ...] = ()
    sources_removed: tuple[Source, ...] = ()
    sources_changed: tuple[ActorChange, ...] = ()  # by source id; "text" when the words changed

    @property
    def empty(self) -> bool:
        return not (
            self.settings
            or self.sources_added
            or self.sources_removed
            or self.sources_changed
            or self.reviews_added
            or self.reviews_removed
            or self.reviews_changed
            or self.actors_added
            or self.actors_removed
            or self.actors_changed
            or self.edges_added
            or self.edges_removed
            or self.edges_changed
            or self.terms
        )


# --- reading versions -------------------------------------------------------------------------


REV_PREFIX = "rev:"  # `rev:HEAD` is the revision even where a folder is called HEAD


@contextmanager
def version(spec: str | None, data_dir: Path, seeds_dir: Path) -> Iterator[Version]:
    """A version of the data: None is the working tree, a folder is read in place, anything
    else is a git revision of the repository around `data_dir`, read exactly as committed.

    A name that is both a folder and a revision (a folder called HEAD) is refused: the diff a
    reviewer reads must not depend on which the tool guessed. `rev:NAME` names the revision,
    `./NAME` the folder.
    """
    from ..dataset.check import check_dataset

    if spec is None:
        data, problems = check_dataset(data_dir, seeds_dir)
        yield Version("working tree", data, len(problems))
        return
    rev = spec.removeprefix(REV_PREFIX) if spec.startswith(REV_PREFIX) else None
    folder = Path(spec)
    if rev is None and folder.is_dir():
        if not spec.startswith((".", "/")) and _is_revision(spec, data_dir):
            raise UsageError(
                f"'{spec}' is both a folder here and a git revision; write {REV_PREFIX}{spec} for the revision "
                f"or ./{spec} for the folder"
            )
        d, s = (folder / "data", folder / "seeds") if (folder / "data").is_dir() else (folder, seeds_dir)
        data, problems = check_dataset(d, s)
        yield Version(spec, data, len(problems))
        return
    with tempfile.TemporaryDirectory(prefix="actorgraph-diff-") as tmp:
        d, s, refused = _checkout(rev or spec, data_dir, seeds_dir, Path(tmp))
        data, problems = check_dataset(d, s)
        yield Version(spec, data, len(problems) + len(refused), tuple(refused))


class _NoGit(UsageError):
    """git itself is missing: said as it is, never taken for "not a repository" or "no such
    revision"."""


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise _NoGit("git is not installed; compare two folders instead") from None
    if done.returncode != 0:
        raise UsageError(done.stderr.decode(errors="replace").strip().splitlines()[-1] if done.stderr else "git failed")
    return done.stdout


def _is_revision(name: str, data_dir: Path) -> bool:
    try:
        _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}"], data_dir.resolve())
    except UsageError:
        return False
    return True


def _checkout(rev: str, data_dir: Path, seeds_dir: Path, into: Path) -> tuple[Path, Path, list[str]]:
    """The data and seeds folders as committed at `rev`, written under `into` from the blobs
    themselves (`git cat-file`): no .gitattributes filter (export-subst, export-ignore) can
    change what a reviewer compares. Returns the two folders and the entries refused: a symbolic
    link is not a map's file, and a blob past the map's limits is not read (its size is asked of
    git first, and what is read goes to disk as git writes it, never whole into memory)."""
    from ..dataset.format import PARTS
    from ..dataset.load import map_limits
    from ..files import MB, as_named

    cwd = data_dir.resolve()
    try:
        top = Path(_git(["rev-parse", "--show-toplevel"], cwd).decode().strip()).resolve()
    except _NoGit:
        raise
    except UsageError:
        raise UsageError(f"'{rev}' is neither a folder nor, outside a git repository, a revision") from None
    try:
        commit = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], top)
    except UsageError:
        raise UsageError(f"'{rev}' is neither a folder nor a git revision") from None
    sha = commit.decode().strip()
    limits = map_limits(data_dir, seeds_dir)
    left = limits.map_bytes
    refused: list[str] = []
    out = []
    for folder, holds in ((data_dir, "data"), (seeds_dir, "seeds")):
        # The folder as named (a link committed in its place is the link, not where it leads);
        # `.` and `..` are the folders they name, not a name of their own.
        named = as_named(folder)
        lexical = Path(os.path.realpath(named.parent)) / named.name
        if lexical != top and top not in lexical.parents:
            raise UsageError(
                f"the {holds} folder '{folder}' is outside the git repository at '{top}', so no revision holds it; "
                "compare two folders instead"
            )
        rel = lexical.relative_to(top).as_posix()
        dest = into / rel
        dest.mkdir(parents=True, exist_ok=True)
        itself = _git(["ls-tree", "-z", "--full-tree", sha, "--", rel], top) if rel != "." else b""
        if itself.startswith(b"120000 "):
            refused.append(f"{rel}: is a symbolic link in {rev}; a map's folders must be folders")
            out.append(dest)
            continue
        listing = _git(["ls-tree", "-r", "-l", "-z", "--full-tree", sha, "--", f"{rel}/" if rel != "." else "."], top)
        parts = {name for name, _ in PARTS.values()} if holds == "data" else set()
        for entry in filter(None, listing.split(b"\0")):
            meta, _, raw_path = entry.partition(b"\t")
            mode, kind, blob, size = meta.decode().split()
            inner = Path(raw_path.decode("utf-8", "replace")).relative_to(rel)
            shown = f"{rel}/{inner.as_posix()}"
            if kind != "blob" or not (len(inner.parts) == 1 or (len(inner.parts) == 2 and inner.parts[0] in parts)):
                continue  # a subfolder: not part of a map
            if mode == "120000":
                refused.append(f"{shown}: is a symbolic link in {rev}; a map's files must be files")
                continue
            limit = limits.file_bytes if inner.suffix == ".yaml" else limits.text_bytes
            if int(size) > min(limit, left):
                over = "the map's" if int(size) <= limit else "the"
                refused.append(f"{shown}: is {int(size) / MB:.0f} MB in {rev}, past {over} limit; not read")
                continue
            left -= int(size)
            (dest / inner).parent.mkdir(parents=True, exist_ok=True)
            with open(dest / inner, "wb") as fh:
                subprocess.run(
                    ["git", "cat-file", "blob", blob], cwd=top, stdout=fh, stderr=subprocess.DEVNULL, check=False
                )
        out.append(dest)
    return out[0], out[1], refused


# --- comparing --------------------------------------------------------------------------------


def _edge_key(data: Dataset, e: Edge) -> tuple[str, str, str]:
    rtype = data.relation_types.get(e.type)
    if rtype is not None and not rtype.directed and e.target < e.source:
        return (e.target, e.source, e.type)
    return (e.source, e.target, e.type)


def _quote_key(ev: Evidence) -> tuple[str, str]:
    return (ev.doc, fold(ev.quote))


def _edge_change(kind: str, old: Edge, new: Edge) -> EdgeChange:
    changes = {f: (getattr(old, f), getattr(new, f)) for f in EDGE_FIELDS if getattr(old, f) != getattr(new, f)}
    if kind == "re-typed":
        changes = {"type": (old.type, new.type), **changes}
    if kind == "reversed":
        changes = {"direction": (f"{old.source} -> {old.target}", f"{new.source} -> {new.target}"), **changes}
    old_q = {_quote_key(ev): ev for ev in old.evidence}
    new_q = {_quote_key(ev): ev for ev in new.evidence}
    added = tuple(ev for k, ev in new_q.items() if k not in old_q)
    removed = tuple(ev for k, ev in old_q.items() if k not in new_q)
    requalified = tuple(
        (old_q[k], ev)
        for k, ev in new_q.items()
        if k in old_q and any(getattr(old_q[k], f) != getattr(ev, f) for f in QUOTE_FIELDS)
    )
    return EdgeChange(old, new, kind, changes, added, removed, requalified)


VOCABULARIES = (  # each vocabulary of a dataset: its name in words, and its record
    ("relation type", "relation_types", RelationType),
    ("actor kind", "actor_kinds", ActorKind),
    ("confidence level", "confidence_levels", ConfidenceLevel),
    ("source kind", "source_kinds", SourceKind),
)


def _terms(old: Dataset, new: Dataset) -> list[TermChange]:
    out = []
    for what, attribute, record in VOCABULARIES:
        before, after = getattr(old, attribute), getattr(new, attribute)
        fields = tuple(record_spec(record, roles=(CURATED,)))
        for name in after.keys() - before.keys():
            out.append(TermChange(what, name, "added"))
        for name in before.keys() - after.keys():
            out.append(TermChange(what, name, "removed"))
        for name in before.keys() & after.keys():
            a, b = before[name], after[name]
            changes = {f: (getattr(a, f), getattr(b, f)) for f in fields if getattr(a, f) != getattr(b, f)}
            if changes:
                out.append(TermChange(what, name, "changed", changes))
    order = {what: i for i, (what, _, _) in enumerate(VOCABULARIES)}
    return sorted(out, key=lambda c: (order[c.vocabulary], c.name))


def compare(old: Version, new: Version) -> DataDiff:
    a_old = {a.id: a for a in old.data.actors}
    a_new = {a.id: a for a in new.data.actors}
    actor_changes = []
    for aid in a_old.keys() & a_new.keys():
        changes = {
            f: (getattr(a_old[aid], f), getattr(a_new[aid], f))
            for f in ACTOR_FIELDS
            if getattr(a_old[aid], f) != getattr(a_new[aid], f)
        }
        if changes:
            actor_changes.append(ActorChange(aid, changes))

    e_old = {_edge_key(old.data, e): e for e in old.data.edges}
    e_new = {_edge_key(new.data, e): e for e in new.data.edges}
    changed: list[EdgeChange] = []
    for key in e_old.keys() & e_new.keys():
        c = _edge_change("changed", e_old[key], e_new[key])
        if c.changes or c.quotes_added or c.quotes_removed or c.quotes_changed:
            changed.append(c)
    gone = [e_old[k] for k in e_old.keys() - e_new.keys()]
    came = [e_new[k] for k in e_new.keys() - e_old.keys()]
    for kind, same in (
        ("reversed", lambda o, n: o.type == n.type and (o.source, o.target) == (n.target, n.source)),
        ("re-typed", lambda o, n: o.type != n.type and {o.source, o.target} == {n.source, n.target}),
    ):
        for o in list(gone):
            match = next((n for n in came if same(o, n)), None)
            if match is not None:
                changed.append(_edge_change(kind, o, match))
                gone.remove(o)
                came.remove(match)

    def order(e: Edge) -> tuple[str, str, str]:
        return (e.source, e.target, e.type)

    r_old = {_review_key(r): r for r in old.data.reviews}
    r_new = {_review_key(r): r for r in new.data.reviews}
    s_old, s_new = old.data.sources, new.data.sources
    source_changes = []
    for sid in sorted(s_old.keys() & s_new.keys()):
        a, b = s_old[sid], s_new[sid]
        changes = {f: (getattr(a, f), getattr(b, f)) for f in SOURCE_FIELDS if getattr(a, f) != getattr(b, f)}
        if a.text != b.text:
            changes["text"] = (_text_summary(a.text), _text_summary(b.text))
        if changes:
            source_changes.append(ActorChange(sid, changes))
    c_old = {c.pair: c for c in contests(old.data)}
    c_new = {c.pair: c for c in contests(new.data)}

    return DataDiff(
        old,
        new,
        actors_added=tuple(sorted((a_new[i] for i in a_new.keys() - a_old.keys()), key=lambda a: a.id)),
        actors_removed=tuple(sorted((a_old[i] for i in a_old.keys() - a_new.keys()), key=lambda a: a.id)),
        actors_changed=tuple(sorted(actor_changes, key=lambda c: c.id)),
        edges_added=tuple(sorted(came, key=order)),
        edges_removed=tuple(sorted(gone, key=order)),
        edges_changed=tuple(sorted(changed, key=lambda c: order(c.new))),
        contests_opened=tuple(c_new[p] for p in sorted(c_new.keys() - c_old.keys())),
        contests_settled=tuple(c_old[p] for p in sorted(c_old.keys() - c_new.keys())),
        terms=tuple(_terms(old.data, new.data)),
        reviews_added=tuple(r_new[k] for k in sorted(r_new.keys() - r_old.keys())),
        reviews_removed=tuple(r_old[k] for k in sorted(r_old.keys() - r_new.keys())),
        reviews_changed=tuple(
            (r_old[k], r_new[k]) for k in sorted(r_old.keys() & r_new.keys()) if r_old[k].reason != r_new[k].reason
        ),
        sources_added=tuple(s_new[i] for i in sorted(s_new.keys() - s_old.keys())),
        sources_removed=tuple(s_old[i] for i in sorted(s_old.keys() - s_new.keys())),
        sources_changed=tuple(source_changes),
        settings={
            f: (getattr(old.data.settings, f), getattr(new.data.settings, f))
            for f in SETTING_FIELDS
            if getattr(old.data.settings, f) != getattr(new.data.settings, f)
        },
    )


def _text_summary(text: str) -> str:
    """A source text as a diff names it: its length and a digest of its words, enough to see
    that it changed (the words themselves are in the commit)."""
    import hashlib

    return f"{len(text)} characters, sha256 {hashlib.sha256(text.encode()).hexdigest()[:12]}"


def _review_key(r: Review) -> tuple[str, str, tuple[str, ...]]:
    return (r.doc, fold(r.sentence), tuple(sorted(r.pair or ())))
