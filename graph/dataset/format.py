"""The data format: which files a map has, which records each holds, and each record's fields.

The order of every spec is the canonical order `actorgraph fmt` writes keys in.
The loader reads by these specs, the JSON Schemas are written from them and the
edit commands lay new records out by them, so the three never disagree.
"""

from __future__ import annotations

from pathlib import Path

from .fields import DATE, FLAG, LANGUAGE, PERIOD, RECORDS, SIGN, SLUG, TEXT, TEXT_LIST, URL, Choice, Field, Integer

ACTORS_FILE = "actors.yaml"
EDGES_FILE = "edges.yaml"
SOURCES_FILE = "sources.yaml"
REVIEWED_FILE = "reviewed.yaml"  # optional
SETTINGS_FILE = "settings.yaml"  # optional: the map's own settings, one record of optional fields

STIX_ACTOR_TYPES = ("threat-actor", "intrusion-set", "identity")
STANCES = ("supports", "disputes")
# The four Traffic Light Protocol levels STIX 2.1 defines marking objects for ("clear" is TLP
# 2.0's name for TLP:WHITE; AMBER+STRICT has no STIX 2.1 marking, so it is not offered).
TLP_LEVELS = ("clear", "green", "amber", "red")
IDENTITY_CLASSES = ("individual", "group", "organization")  # STIX 2.1's, for the map's maintainer

# CSL item types (citeproc, Zotero, pandoc) a source kind may map to, for `actorgraph sources`.
CSL_TYPES = (
    "article", "article-journal", "article-magazine", "article-newspaper", "book", "chapter",
    "document", "entry-encyclopedia", "interview", "post", "post-weblog", "report", "speech", "webpage",
)  # fmt: skip
SOURCE_KIND_FIELDS = {
    "label": Field(TEXT, True),
    "definition": Field(TEXT, True),
    "csl": Field(Choice(CSL_TYPES)),
}
SOURCE_FIELDS = {
    "id": Field(SLUG, True),
    "file": Field(TEXT, True),
    "kind": Field(TEXT, True),
    "title": Field(TEXT),
    "author": Field(TEXT),
    "outlet": Field(TEXT),
    "url": Field(URL),
    "published": Field(DATE),
    "accessed": Field(DATE),
    "licence": Field(TEXT),
    "language": Field(LANGUAGE),
    "about": Field(TEXT),
    "written": Field(TEXT),
    "written_quotes": Field(TEXT_LIST),
}
KIND_FIELDS = {
    "label": Field(TEXT, True),
    "definition": Field(TEXT, True),
    "stix": Field(Choice(STIX_ACTOR_TYPES)),
}
ACTOR_FIELDS = {
    "id": Field(SLUG, True),
    "name": Field(TEXT, True),
    "aliases": Field(TEXT_LIST),
    "kind": Field(TEXT, True),
    "description": Field(TEXT),
    "region": Field(TEXT),
    "founded": Field(PERIOD),
    "dissolved": Field(PERIOD),
}
RELATION_TYPE_FIELDS = {
    "label": Field(TEXT, True),
    "directed": Field(FLAG, True),
    "sign": Field(SIGN, True),
    "definition": Field(TEXT, True),
    "opposite": Field(TEXT),
    "stix": Field(SLUG),  # the STIX relationship type it exports as (OpenCTI's where it has one)
}
CONFIDENCE_FIELDS = {
    "label": Field(TEXT, True),
    "definition": Field(TEXT, True),
    "rank": Field(Integer(), True),
    "stix_confidence": Field(Integer(0, 100)),
}
EDGE_FIELDS = {
    "source": Field(TEXT, True),
    "target": Field(TEXT, True),
    "type": Field(TEXT, True),
    "since": Field(PERIOD),
    "until": Field(PERIOD),
    "confidence": Field(TEXT),
    "attributed_to": Field(TEXT),
    "note": Field(TEXT),
    "evidence": Field(RECORDS, True),
}
EVIDENCE_FIELDS = {
    "doc": Field(TEXT, True),
    "quote": Field(TEXT, True),
    "attributed_to": Field(TEXT),
    "confidence": Field(TEXT),
    "stance": Field(Choice(STANCES)),
    "note": Field(TEXT),
}
STIX_CONFIDENCE_FIELDS = {
    "stated": Field(Integer(0, 100)),
    "attributed": Field(Integer(0, 100)),
}
SETTINGS_FIELDS = {
    "maintainer": Field(TEXT),
    "maintainer_class": Field(Choice(IDENTITY_CLASSES)),
    "contact": Field(TEXT),
    "tlp": Field(Choice(TLP_LEVELS)),
}
REVIEW_FIELDS = {
    "doc": Field(TEXT, True),
    "sentence": Field(TEXT, True),
    "reason": Field(TEXT, True),
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


def default_seeds(data_dir: Path) -> Path:
    """The seeds folder that goes with a data folder: the one beside it (`data/` and `seeds/`
    are siblings in every map), so naming the data folder is enough."""
    return data_dir.parent / "seeds"
