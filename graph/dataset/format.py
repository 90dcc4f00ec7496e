"""The data format: which files a map has, which records each holds, and each record's fields.

Each record's fields are declared once, on its dataclass in `model` (kind, help,
role); the specs here are read from those declarations. Their order is the
canonical order `actorgraph fmt` writes keys in. The loader reads by these specs,
the JSON Schemas are written from them and the edit commands lay new records out
by them, so none of them can disagree about a field.
"""

from __future__ import annotations

from pathlib import Path

from .fields import Field, record_spec
from .model import (
    Actor,
    ActorKind,
    ConfidenceLevel,
    Edge,
    Evidence,
    RelationType,
    Review,
    Settings,
    Source,
    SourceKind,
    StixConfidence,
)

ACTORS_FILE = "actors.yaml"
EDGES_FILE = "edges.yaml"
SOURCES_FILE = "sources.yaml"
REVIEWED_FILE = "reviewed.yaml"  # optional
SETTINGS_FILE = "settings.yaml"  # optional: the map's own settings, one record of optional fields
# A map that grows splits its actors and its relations across files in a folder beside the file
# (by source, by region, one per contributor): each file of the folder holds the list alone, under
# the same key; the vocabularies stay in the file. file -> (folder, the list its files hold)
PARTS = {ACTORS_FILE: ("actors", "actors"), EDGES_FILE: ("edges", "edges")}
PART_SUFFIX = ".yaml"

SOURCE_KIND_FIELDS = record_spec(SourceKind)
SOURCE_FIELDS = record_spec(Source)
KIND_FIELDS = record_spec(ActorKind)
ACTOR_FIELDS = record_spec(Actor)
RELATION_TYPE_FIELDS = record_spec(RelationType)
CONFIDENCE_FIELDS = record_spec(ConfidenceLevel)
EDGE_FIELDS = record_spec(Edge)
EVIDENCE_FIELDS = record_spec(Evidence)
STIX_CONFIDENCE_FIELDS = record_spec(StixConfidence)
REVIEW_FIELDS = record_spec(Review)
SETTINGS_FIELDS = record_spec(Settings)

# Keys that records once had and no longer take, with what to do instead: the loader refuses
# them with this advice rather than as unknown keys.
RETIRED = {
    "edge": {
        "confidence": (
            "a hedge belongs to the quote it qualifies, not to the relation (on the relation it was "
            "inherited by every quote, from any source); write `confidence:` on each quote the text "
            "hedges, or run `actorgraph fmt --migrate` to move it onto each of this relation's quotes"
        ),
        "attributed_to": (
            "a speaker belongs to the quote they said, not to the relation (on the relation it was "
            "inherited by every quote, from any source); write `attributed_to:` on each quote that is "
            "theirs, or run `actorgraph fmt --migrate` to move it onto each of this relation's quotes"
        ),
    },
}

# Per file: its top-level keys in order, which are required, and the spec of each list or
# vocabulary under them ("evidence" is the nested list of an edge).
FILES: dict[str, dict[str, dict[str, Field]]] = {
    ACTORS_FILE: {"actor_kinds": KIND_FIELDS, "actors": ACTOR_FIELDS},
    EDGES_FILE: {
        "relation_types": RELATION_TYPE_FIELDS,
        "confidence_levels": CONFIDENCE_FIELDS,
        "stix_confidence": STIX_CONFIDENCE_FIELDS,
        "edges": EDGE_FIELDS,
        "evidence": EVIDENCE_FIELDS,
    },
    SOURCES_FILE: {"source_kinds": SOURCE_KIND_FIELDS, "sources": SOURCE_FIELDS},
    REVIEWED_FILE: {"reviewed": REVIEW_FIELDS},
}
TOP_KEYS = {
    ACTORS_FILE: ("actor_kinds", "actors"),
    EDGES_FILE: ("relation_types", "confidence_levels", "stix_confidence", "edges"),
    SOURCES_FILE: ("source_kinds", "sources"),
    REVIEWED_FILE: ("reviewed",),
    SETTINGS_FILE: tuple(SETTINGS_FIELDS),
}
REQUIRED_TOP = {  # of TOP_KEYS, what each file must have (the loader and the JSON Schemas)
    ACTORS_FILE: ("actor_kinds", "actors"),
    EDGES_FILE: ("relation_types", "edges"),
    SOURCES_FILE: ("source_kinds", "sources"),
    REVIEWED_FILE: ("reviewed",),
    SETTINGS_FILE: (),
}
# Files that are one record of fields at the top level, rather than lists and vocabularies.
RECORD_FILES = {SETTINGS_FILE: SETTINGS_FIELDS}
VERBATIM = frozenset({"quote", "sentence", "title"})  # text `fmt` keeps in quotation marks
TEXT_SUFFIXES = (".txt", ".md")  # what a source text file is called; others in seeds/ are not texts


def part_files(data_dir: Path, file_name: str) -> list[Path]:
    """The files of the folder that holds part of `file_name`'s list (data/edges/*.yaml for
    edges.yaml), in name order; none when there is no such folder. Hidden files (an editor's,
    actorgraph's own temporary ones) are not part of a map."""
    folder = data_dir / PARTS[file_name][0]
    try:
        names = sorted(p.name for p in folder.iterdir())
    except OSError:
        return []
    return [folder / n for n in names if n.endswith(PART_SUFFIX) and not n.startswith(".")]


def has_parts(data_dir: Path, file_name: str) -> bool:
    """Whether the map splits `file_name`'s list across a folder of files."""
    return (data_dir / PARTS[file_name][0]).is_dir()


def default_seeds(data_dir: Path) -> Path:
    """The seeds folder that goes with a data folder: the one beside it (`data/` and `seeds/`
    are siblings in every map), so naming the data folder is enough."""
    return data_dir.parent / "seeds"
