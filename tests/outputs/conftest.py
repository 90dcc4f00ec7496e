"""Fixtures of the export tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import FIXTURES


@pytest.fixture
def opencti_map(project: Callable[[Path], Path]) -> Path:
    """A private copy of the map made for the STIX and OpenCTI tests (settings, licences,
    disputes, notes, a state among the groups)."""
    return project(FIXTURES / "opencti")


# A map in which every field an export writes has a value: an actor founded and dissolved, a
# relation dated at both ends with a note, quotes hedged, attributed, disputing and annotated, one
# quote in two fragments, and a source with every field of its record. Exports are checked column
# by column on it, so a column left empty or renamed shows.
FULL_ACTORS = """\
actor_kinds:
  militant_group:
    label: Militant group
    definition: An organised armed group outside state control.
    stix: threat-actor
  state:
    label: State
    definition: A sovereign state.
    stix: identity
actors:
  - id: alpha
    name: Alpha Front
    aliases: [AF, the Front]
    kind: militant_group
    description: An invented group in the northern valleys.
    region: the northern valleys
    founded: 2015
    dissolved: 2021-06
  - id: beta
    name: Beta Brigade
    kind: militant_group
    founded: 2012-02
  - id: delta
    name: Republic of Delta
    kind: state
"""
FULL_EDGES = """\
relation_types:
  allied:
    label: allied with
    directed: false
    sign: 1
    definition: They cooperate — in the field or in talks.
    stix: cooperates-with
  supplied:
    label: supplied
    directed: true
    sign: 1
    definition: The source gave the target arms or money.
    stix: related-to
  attacked:
    label: attacked
    directed: true
    sign: -1
    definition: The source attacked the target.
    stix: targets
confidence_levels:
  possible:
    label: possible
    definition: The text says it may be so.
    rank: 1
edges:
  - source: alpha
    target: beta
    type: allied
    since: 2016
    until: 2019-03
    note: Read from the bulletin's first paragraph.
    evidence:
      - doc: bulletin
        quote: "The Alpha Front and the Beta Brigade ... share camps"
      - doc: review
        quote: "the Alpha Front and the Beta Brigade are not allies"
        stance: disputes
        note: The review answers the bulletin.
  - source: delta
    target: alpha
    type: supplied
    evidence:
      - doc: bulletin
        quote: "the Republic of Delta may have supplied the Alpha Front"
        attributed_to: local officials
        confidence: possible
  - source: alpha
    target: delta
    type: attacked
    evidence:
      - doc: bulletin
        quote: "The Alpha Front attacked government posts"
"""
FULL_SOURCES = """\
source_kinds:
  news:
    label: News report
    definition: Reports events.
    csl: article-newspaper
  report:
    label: Report
    definition: A study or review by an organisation.
    csl: report
sources:
  - id: bulletin
    file: bulletin.txt
    kind: news
    title: Northern Bulletin
    author: A. Writer
    outlet: Northern Press
    url: https://example.org/bulletin
    published: 2022-03-03
    accessed: 2022-04
    licence: CC BY 4.0
    language: en
    about: alpha
    written: March 2022
    written_quotes: ["3 March 2022"]
  - id: review
    file: review.txt
    kind: report
    title: Quarterly Review
    published: 2022
"""
FULL_TEXTS = {
    "bulletin.txt": "Northern Bulletin, 3 March 2022.\n\nThe Alpha Front and the Beta Brigade are allies: "
    "they share camps in the valleys. Local officials say the Republic of Delta may have supplied the "
    "Alpha Front with weapons. The Alpha Front attacked government posts last winter.\n",
    "review.txt": "Quarterly Review.\n\nContrary to earlier reports, the Alpha Front and the Beta Brigade "
    "are not allies.\n",
}


@pytest.fixture
def full_map(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A map whose records fill every field (see FULL_ACTORS), written in tmp and worked from."""
    root = tmp_path / "full"
    (root / "data").mkdir(parents=True)
    (root / "seeds").mkdir()
    (root / "data" / "actors.yaml").write_text(FULL_ACTORS)
    (root / "data" / "edges.yaml").write_text(FULL_EDGES)
    (root / "seeds" / "sources.yaml").write_text(FULL_SOURCES)
    for name, text in FULL_TEXTS.items():
        (root / "seeds" / name).write_text(text)
    monkeypatch.chdir(root)
    return root
