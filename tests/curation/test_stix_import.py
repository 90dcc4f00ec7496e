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
    note, the map's labels, the actorgraph ids and the relationships' descriptions (whose last
    lines give a relation's period as the map writes it: only start and stop times are left)."""
    bundle = tmp_path / "map.stix.json"
    _export(FIXTURES / "opencti", project, bundle)
    data = json.loads(bundle.read_text())
    kept = []
    for obj in data["objects"]:
        if obj["type"] == "note" and obj["abstract"].startswith("actorgraph:"):
            continue
        obj.pop("labels", None)
        if obj["type"] == "relationship":
            obj.pop("description")
        if obj["type"] in ("threat-actor", "identity"):
            obj.pop("external_references", None)
        for ref in obj.get("external_references", []):  # the reports' have no description
            lines = ref.get("description", "").split("\n")
            ref["description"] = "\n".join(x for x in lines if not x.startswith("Type: "))
        obj["x_opencti_id"] = "an-internal-id"
        kept.append(obj)
    bundle.write_text(json.dumps({**data, "objects": kept}))
    return bundle


def _merge_as_opencti(bundle: Path) -> None:
    """The bundle as OpenCTI gives it back: one relationship per type, ends and period, with the
    labels and references of all it merged (the rest the first one's), and the notes and
    opinions that pointed at the others pointing at it."""
    data = json.loads(bundle.read_text())
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    into: dict[str, str] = {}
    kept = []
    for obj in data["objects"]:
        if obj["type"] != "relationship":
            kept.append(obj)
            continue
        key = tuple(obj.get(k) for k in ("relationship_type", "source_ref", "target_ref", "start_time", "stop_time"))
        if key in merged:
            first = merged[key]
            first["labels"] = list(dict.fromkeys(first["labels"] + obj["labels"]))
            first["external_references"] += obj["external_references"]
            into[obj["id"]] = first["id"]
            continue
        merged[key] = obj
        kept.append(obj)
    assert into, "the map has no two relations that OpenCTI would merge"
    for obj in kept:
        if "object_refs" in obj:
            obj["object_refs"] = list(dict.fromkeys(into.get(r, r) for r in obj["object_refs"]))
    bundle.write_text(json.dumps({**data, "objects": kept}))


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
    _merge_as_opencti(bundle)
    _new_map(tmp_path, monkeypatch, KABUL / "seeds")
    assert run("import", "--format", "stix", str(bundle)).exit_code == 0
    after = run("check")
    assert after.stdout == before["check"].stdout
    assert sorted(_evidence(), key=str) == sorted(before["evidence"], key=str)


def _edit(path: Path, old: str, new: str) -> None:
    """One change to a map's file, which must find what it replaces."""
    text = path.read_text()
    assert old in text, f"{path} has no {old!r}"
    path.write_text(text.replace(old, new, 1))


def _listings() -> dict[str, Any]:
    """Everything the map says of its actors, relations and sources, in its order."""
    out = {}
    for command in (("list", "actors"), ("list", "relations"), ("sources",)):
        result = run(*command, "--format", "json")
        assert result.exit_code == 0, result.output
        out[" ".join(command)] = json.loads(result.stdout)
    return out


def test_a_round_trip_keeps_every_field_of_the_actors_relations_and_sources_in_their_order(
    project: Callable[[Path], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Beyond the quotes: an actor's kind and the year it dissolved, a relation's period (a
    January and a December too, which start and stop times alone would read as whole years), a
    note on a relation, and the sources in the map's order (here not the order the relations
    first quote them)."""
    folder = project(FIXTURES / "opencti")
    _edit(folder / "data" / "actors.yaml", "    founded: 2012-06\n", "    founded: 2012-06\n    dissolved: 2021\n")
    _edit(folder / "data" / "edges.yaml", "    since: 2019\n", "    since: 2019-01\n    until: 2021-12\n")
    sources = folder / "seeds" / "sources.yaml"
    text = sources.read_text()
    first, second = text.index("  - id: bulletin"), text.index("  - id: review")
    sources.write_text(text[:first] + text[second:] + text[first:second])
    bundle = tmp_path / "map.stix.json"
    result = run("export", "--format", "stix", "-o", str(bundle))
    assert result.exit_code == 0, result.output
    before = _listings()
    assert before["list actors"][2]["dissolved"] == "2021"
    assert (before["list relations"][2]["since"], before["list relations"][2]["until"]) == ("2019-01", "2021-12")
    assert before["list relations"][0]["note"]
    assert [s["id"] for s in before["sources"]] == ["review", "bulletin"]
    _new_map(tmp_path, monkeypatch, FIXTURES / "opencti" / "seeds")
    result = run("import", "--format", "stix", str(bundle))
    assert result.exit_code == 0, result.output
    assert _listings() == before


def test_notes_on_relations_opencti_merged_come_back_each_on_its_own(
    project: Callable[[Path], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two relations of one pair that both become related-to (a rivalry, and fighters drawn
    away) are one relationship in OpenCTI, and each one's note points at it: the note's label
    names the relation it is on, so each note comes back on its own relation."""
    folder = project(FIXTURES / "opencti")
    edges = folder / "data" / "edges.yaml"
    _edit(edges, "    type: rival\n", "    type: rival\n    note: A rivalry over recruits.\n")
    with edges.open("a") as f:
        f.write(
            "  - source: gamma\n    target: alpha\n    type: absorbed_fighters_from\n"
            "    note: Recruits won are fighters drawn away.\n    evidence:\n      - doc: review\n"
            '        quote: "The Gamma Movement and the Alpha Front have competed for recruits"\n'
        )
    assert run("check").exit_code == 0
    bundle = tmp_path / "map.stix.json"
    assert run("export", "--format", "stix", "-o", str(bundle)).exit_code == 0
    before = _listings()["list relations"]
    _merge_as_opencti(bundle)
    _new_map(tmp_path, monkeypatch, FIXTURES / "opencti" / "seeds")
    result = run("import", "--format", "stix", str(bundle))
    assert result.exit_code == 0, result.output
    notes = {(r["type"], r["note"]) for r in _listings()["list relations"]}
    assert notes == {(r["type"], r["note"]) for r in before}
    assert ("absorbed_fighters_from", "Recruits won are fighters drawn away.") in notes


def test_a_reference_that_names_its_source_otherwise_gives_the_source_an_id_made_from_the_name(
    project: Callable[[Path], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A platform that is not actorgraph may give a quote's reference a title for its external
    id, or neither id nor a name made of letters: the source gets an id made from the title, or
    "source" (a map's id either way, which `check` can take), and its text is asked for under it."""
    bundle = _from_elsewhere(project, tmp_path)
    data = json.loads(bundle.read_text())
    relationships = [o for o in data["objects"] if o["type"] == "relationship"]
    titled, nameless = relationships[0]["external_references"][0], relationships[1]["external_references"][0]
    texts = {"northern-bulletin-3-march-2022": titled["external_id"], "source": nameless["external_id"]}
    titled["external_id"] = "Northern Bulletin, 3 March 2022"
    relationships[1]["external_references"][0] = {"source_name": "—", "description": nameless["description"]}
    bundle.write_text(json.dumps(data))
    folder = _new_map(tmp_path, monkeypatch, FIXTURES / "opencti" / "seeds")
    result = run("import", "--format", "stix", str(bundle))
    assert result.exit_code == 0, result.output
    for doc, was in texts.items():
        assert f"the text of source '{doc}' is not in the map: put it in seeds/{doc}.txt" in result.stderr
        shutil.copy(FIXTURES / "opencti" / "seeds" / f"{was.split('#')[0]}.txt", folder / "seeds" / f"{doc}.txt")
    check = run("check")
    assert check.exit_code == 0, check.output
    assert check.stdout.startswith("4 actors, 6 relations, 9 quotes verified in 4 sources")


def test_vocabulary_fields_the_map_does_not_know_are_left_out(
    project: Callable[[Path], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The vocabulary note may carry what another tool (or a later actorgraph) added to an entry,
    or a field set to null: neither is written into the map, whose files `check` then takes."""
    bundle = tmp_path / "map.stix.json"
    _export(FIXTURES / "opencti", project, bundle)
    data = json.loads(bundle.read_text())
    note = next(o for o in data["objects"] if o["type"] == "note" and o["abstract"].startswith("actorgraph:"))
    vocabulary = json.loads(note["content"])
    vocabulary["relation_types"]["rival"]["x_opencti_color"] = "#b22222"
    vocabulary["actor_kinds"]["state"]["stix"] = None
    note["content"] = json.dumps(vocabulary)
    bundle.write_text(json.dumps(data))
    folder = _new_map(tmp_path, monkeypatch, FIXTURES / "opencti" / "seeds")
    result = run("import", "--format", "stix", str(bundle))
    assert result.exit_code == 0, result.output
    check = run("check")
    assert check.exit_code == 0, check.output
    assert "x_opencti_color" not in (folder / "data" / "edges.yaml").read_text()
    assert "null" not in (folder / "data" / "actors.yaml").read_text()


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
    listed = json.loads(run("list", "relations", "--format", "json").stdout)
    relations = {(r["source"], r["type"], r["target"]): r for r in listed}
    assert ("alpha-front", "cooperates_with", "beta-brigade") in relations
    assert ("gamma-movement", "related_to", "alpha-front") in relations
    # A STIX relationship runs from its source to its target: a type made from one is directed.
    assert [r["directed"] for r in listed] == [True] * 6
    # The period from the start time alone: 2019-01-01T00:00:00Z opens the year, not its January.
    assert relations["gamma-movement", "related_to", "beta-brigade"]["since"] == "2019"
    assert [r["since"] for r in listed].count(None) == 5
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
    words, are left out, each named on stderr by its id; the rest of the bundle, which comes after
    them, is read all the same."""
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
    bundle.write_text(json.dumps({**data, "objects": [to_report, wordless, *data["objects"]]}))
    _new_map(tmp_path, monkeypatch, FIXTURES / "opencti" / "seeds")
    result = run("import", "--format", "stix", str(bundle))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"skipped {to_report['id']}: a relationship between objects that are not actors",
        f"skipped {wordless['id']}: a relationship with no quote (no reference gives words)",
    ]
    assert result.stdout.startswith("imported 4 actors, 6 relations and 9 quotes from 2 sources")
