"""`actorgraph import --format stix`: a bundle back into a map, which `check` then verifies."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, KABUL, run

pytest.importorskip("stix2")


def _export(source: Path, project: Callable[[Path], Path], to: Path) -> dict[str, Any]:
    project(source)
    result = run("export", "--format", "stix", "-o", str(to))
    assert result.exit_code == 0, result.output
    return {"check": run("check"), "evidence": _evidence()}


def _evidence() -> list[dict[str, Any]]:
    """Every quote with what it says, leaving out the line it is written on."""
    result = run("list", "evidence", "--format", "json")
    assert result.exit_code == 0, result.output
    return [{k: v for k, v in row.items() if k != "location"} for row in json.loads(result.stdout)]


def _new_map(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, texts: Path | None) -> Path:
    folder = tmp_path / "imported"
    assert run("init", str(folder)).exit_code == 0
    if texts is not None:
        for text in texts.glob("*.txt"):
            shutil.copy(text, folder / "seeds" / text.name)
    monkeypatch.chdir(folder)
    return folder


def _from_elsewhere(project: Callable[[Path], Path], tmp_path: Path) -> Path:
    """The opencti fixture's bundle as another platform might export it: without the vocabulary
    note, the map's labels and the actorgraph ids."""
    bundle = tmp_path / "map.stix.json"
    _export(FIXTURES / "opencti", project, bundle)
    data = json.loads(bundle.read_text())
    kept = []
    for obj in data["objects"]:
        if obj["type"] == "note" and obj["abstract"].startswith("actorgraph:"):
            continue
        obj.pop("labels", None)
        if obj["type"] in ("threat-actor", "identity"):
            obj.pop("external_references", None)
        for ref in obj.get("external_references", []):  # the reports' have no description
            lines = ref.get("description", "").split("\n")
            ref["description"] = "\n".join(x for x in lines if not x.startswith("Type: "))
        obj["x_opencti_id"] = "an-internal-id"
        kept.append(obj)
    bundle.write_text(json.dumps({**data, "objects": kept}))
    return bundle


@pytest.mark.parametrize("fixture", [KABUL, FIXTURES / "opencti"], ids=["kabul", "opencti"])
def test_a_round_trip_through_the_bundle_gives_the_same_check_and_the_same_quotes(
    fixture: Path, project: Callable[[Path], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Export, import into a new map holding the same texts, check: the same actors, relations
    and quotes verified, the same contested pairs, and every quote with its source, hedge,
    speaker, stance and note."""
    bundle = tmp_path / "map.stix.json"
    before = _export(fixture, project, bundle)
    _new_map(tmp_path, monkeypatch, fixture / "seeds")
    result = run("import", "--format", "stix", str(bundle))
    assert result.exit_code == 0, result.output
    after = run("check")
    assert after.exit_code == 0, after.output
    assert after.stdout == before["check"].stdout
    assert "has no 'stix' mapping" not in after.stderr
    assert _evidence() == before["evidence"]
    assert run("fmt", "--check").exit_code == 0
    assert run("export", "--format", "stix").stdout.count('"type": "opinion"') == bundle.read_text().count(
        '"type": "opinion"'
    )


def test_relations_opencti_merges_into_one_relationship_come_back_apart(
    project: Callable[[Path], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """OpenCTI keeps one relationship per type, ends and period: ISIS-K's rivalry with the
    Taliban and its courting of Taliban cadres are both related-to, and become one with both
    labels and every quote. Each quote names the relation it backs, so the import splits them."""
    bundle = tmp_path / "map.stix.json"
    before = _export(KABUL, project, bundle)
    data = json.loads(bundle.read_text())
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    kept = []
    for obj in data["objects"]:
        if obj["type"] != "relationship":
            kept.append(obj)
            continue
        key = tuple(obj.get(k) for k in ("relationship_type", "source_ref", "target_ref", "start_time", "stop_time"))
        if key in merged:  # as OpenCTI's upsert does: labels and references added, the rest kept
            first = merged[key]
            first["labels"] = list(dict.fromkeys(first["labels"] + obj["labels"]))
            first["external_references"] += obj["external_references"]
            continue
        merged[key] = obj
        kept.append(obj)
    assert len(merged) < sum(o["type"] == "relationship" for o in data["objects"])  # the fixture has such pairs
    bundle.write_text(json.dumps({**data, "objects": kept}))
    _new_map(tmp_path, monkeypatch, KABUL / "seeds")
    assert run("import", "--format", "stix", str(bundle)).exit_code == 0
    after = run("check")
    assert after.stdout == before["check"].stdout
    assert sorted(_evidence(), key=str) == sorted(before["evidence"], key=str)


def test_a_source_whose_text_is_not_in_the_map_is_named_until_it_is_put_there(
    project: Callable[[Path], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = tmp_path / "map.stix.json"
    _export(FIXTURES / "opencti", project, bundle)
    folder = _new_map(tmp_path, monkeypatch, None)
    shutil.copy(FIXTURES / "opencti" / "seeds" / "bulletin.txt", folder / "seeds")
    result = run("import", "--format", "stix", str(bundle))
    assert result.exit_code == 0, result.output
    assert "the text of source 'review' is not in the map: put it in seeds/review.txt" in result.stderr
    assert "bulletin" not in result.stderr
    check = run("check")
    assert check.exit_code == 1, check.output
    assert "source 'review': text file 'seeds/review.txt' not found" in check.output
    shutil.copy(FIXTURES / "opencti" / "seeds" / "review.txt", folder / "seeds")
    assert run("check").exit_code == 0


def test_a_quote_the_text_does_not_hold_is_refused_by_check_at_its_line(
    project: Callable[[Path], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = tmp_path / "map.stix.json"
    _export(FIXTURES / "opencti", project, bundle)
    bundle.write_text(bundle.read_text().replace("as bitter rivals", "as sworn enemies"))
    _new_map(tmp_path, monkeypatch, FIXTURES / "opencti" / "seeds")
    assert run("import", "--format", "stix", str(bundle)).exit_code == 0
    check = run("check")
    assert check.exit_code == 1
    assert "edge gamma -> alpha, evidence 1: quote not found in 'bulletin'" in check.output
    assert check.output.startswith("data/edges.yaml:")


def test_a_bundle_from_elsewhere_gets_vocabulary_entries_that_say_they_were_imported(
    project: Callable[[Path], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the vocabulary note, the map's labels and the actorgraph ids (as another platform
    might export it): types come from the relationship types, ids from the names."""
    bundle = _from_elsewhere(project, tmp_path)
    _new_map(tmp_path, monkeypatch, FIXTURES / "opencti" / "seeds")
    result = run("import", "--format", "stix", str(bundle))
    assert result.exit_code == 0, result.output
    check = run("check")
    assert check.exit_code == 0, check.output
    assert check.stdout.startswith("4 actors, 6 relations, 9 quotes verified in 2 sources")  # not the maintainer
    relations = {
        (r["source"], r["type"], r["target"]) for r in json.loads(run("list", "relations", "--format", "json").stdout)
    }
    assert ("alpha-front", "cooperates_with", "beta-brigade") in relations
    assert ("gamma-movement", "related_to", "alpha-front") in relations
    edges = (Path("data") / "edges.yaml").read_text()
    assert (
        "definition: 'Imported from a STIX bundle: relations it gave as STIX relationships of type cooperates-with.'"
        in edges
    )


def test_the_new_maps_cues_survive_a_bundle_whose_vocabulary_has_none(
    project: Callable[[Path], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bundle's vocabulary entry overrides the new map's entry of the same name field by field:
    what it does not carry (the cues `propose` reads, written by `init`) is kept."""
    bundle = tmp_path / "map.stix.json"
    _export(KABUL, project, bundle)
    data = json.loads(bundle.read_text())
    for obj in data["objects"]:
        if obj["type"] == "note" and obj["abstract"].startswith("actorgraph:"):
            try:
                vocabulary = json.loads(obj["content"])
            except json.JSONDecodeError:
                continue
            for group in ("relation_types", "confidence_levels"):
                for entry in (vocabulary.get(group) or {}).values():
                    entry.pop("cues", None)
                    entry.pop("passive_cues", None)
            obj["content"] = json.dumps(vocabulary)
    bundle.write_text(json.dumps(data))
    folder = _new_map(tmp_path, monkeypatch, KABUL / "seeds")
    fresh = (folder / "data" / "edges.yaml").read_text()
    assert "cues: [rival*" in fresh  # what init wrote
    assert run("import", "--format", "stix", str(bundle)).exit_code == 0
    edges = (folder / "data" / "edges.yaml").read_text()
    assert "cues: [rival*" in edges and "cues: [may, might" in edges
    assert run("check").exit_code == 0
    assert run("propose").exit_code == 0


def test_import_refuses_a_map_that_already_has_data(small: Path, tmp_path: Path) -> None:
    bundle = tmp_path / "map.stix.json"
    bundle.write_text(run("export", "--format", "stix").stdout)
    before = (small / "data" / "actors.yaml").read_text()
    result = run("import", "--format", "stix", str(bundle))
    assert result.exit_code == 2, result.output
    assert "data/actors.yaml already holds actors; import into an empty map" in result.stderr
    assert (small / "data" / "actors.yaml").read_text() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "not JSON"), ('{"type": "report", "objects": []}', "not a STIX bundle")],
)
def test_import_says_what_is_wrong_with_a_file_that_is_no_bundle(
    content: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = tmp_path / "x.json"
    bundle.write_text(content)
    _new_map(tmp_path, monkeypatch, None)
    result = run("import", "--format", "stix", str(bundle))
    assert result.exit_code == 1, result.output
    assert message in result.stderr


def test_a_hostile_bundle_writes_only_the_maps_files_and_check_refuses_it(
    project: Callable[[Path], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bundle is untrusted input: a source's file that leads out of the map is written as a
    value (the loader refuses it, at its line) and never looked for; odd values stay values."""
    bundle = tmp_path / "map.stix.json"
    _export(FIXTURES / "opencti", project, bundle)
    secret = tmp_path / "outside.txt"
    secret.write_text("The Alpha Front and the Beta Brigade are allies")
    data = json.loads(bundle.read_text())
    for obj in data["objects"]:
        if obj["type"] == "note" and obj["abstract"].startswith("actorgraph:"):
            vocabulary = json.loads(obj["content"])
            vocabulary["sources"]["bulletin"]["file"] = "../../outside.txt"
            obj["content"] = json.dumps(vocabulary)
        if obj.get("name") == "Alpha Front":
            obj["aliases"] = "AF"  # a string, not a list
    bundle.write_text(json.dumps(data))
    folder = _new_map(tmp_path, monkeypatch, FIXTURES / "opencti" / "seeds")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if "imported" not in p.parts)
    result = run("import", "--format", "stix", str(bundle))
    assert result.exit_code == 0, result.output
    assert "the text of source 'bulletin' is not in the map" in result.stderr
    after = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if "imported" not in p.parts)
    assert after == before  # nothing written outside the map
    check = run("check")
    assert check.exit_code == 1
    assert "source 'bulletin': 'file' must be a file name in seeds" in check.output
    assert "aliases" not in (folder / "data" / "actors.yaml").read_text().split("Alpha Front")[1].split("- id")[0]


def test_a_bundle_from_elsewhere_registers_each_source_as_its_report_describes_it(
    project: Callable[[Path], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the vocabulary note, a source's record comes from the report whose external
    reference bears its id: the report's name as title, the reference's url, the day published
    (none when the report gives none)."""
    bundle = _from_elsewhere(project, tmp_path)
    data = json.loads(bundle.read_text())
    for obj in data["objects"]:
        if obj["type"] == "report" and obj["name"].startswith("Quarterly"):
            del obj["published"]
    bundle.write_text(json.dumps(data))
    _new_map(tmp_path, monkeypatch, FIXTURES / "opencti" / "seeds")
    assert run("import", "--format", "stix", str(bundle)).exit_code == 0
    sources = json.loads(run("sources", "--format", "json").stdout)
    assert [(s["id"], s["kind"], s["title"], s.get("url"), s.get("published")) for s in sources] == [
        ("bulletin", "imported", "Northern Bulletin", "https://example.org/bulletin", "2022-03-03"),
        ("review", "imported", "Quarterly Review of Armed Groups", None, None),
    ]


def test_relationships_a_map_cannot_take_are_skipped_and_named(
    project: Callable[[Path], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A relationship to something that is no actor (a report), and one whose references give no
    words, are left out, each named on stderr by its id; the rest of the bundle comes in."""
    bundle = tmp_path / "map.stix.json"
    _export(FIXTURES / "opencti", project, bundle)
    data = json.loads(bundle.read_text())
    relationships = [o for o in data["objects"] if o["type"] == "relationship"]
    report = next(o for o in data["objects"] if o["type"] == "report")
    to_report = {
        **relationships[0],
        "id": "relationship--00000000-0000-4000-8000-000000000001",
        "target_ref": report["id"],
    }
    wordless = {**relationships[1], "id": "relationship--00000000-0000-4000-8000-000000000002"}
    del wordless["external_references"]
    bundle.write_text(json.dumps({**data, "objects": [*data["objects"], to_report, wordless]}))
    _new_map(tmp_path, monkeypatch, FIXTURES / "opencti" / "seeds")
    result = run("import", "--format", "stix", str(bundle))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"skipped {to_report['id']}: a relationship between objects that are not actors",
        f"skipped {wordless['id']}: a relationship with no quote (no reference gives words)",
    ]
    assert result.stdout.startswith("imported 4 actors, 6 relations and 9 quotes from 2 sources")
