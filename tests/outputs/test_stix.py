"""STIX 2.1 export (OpenCTI's profile) and the GEXF timeline: valid for the tools that read them,
faithful to the map, and reproducible.

OpenCTI's own client (pycti) splits the bundle as the platform does on import; every relationship
type is checked against OpenCTI's rules, transcribed in opencti_relationships.csv (which says where
they came from); stix2-validator runs in strict mode."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from tests.conftest import FIXTURES, run

stix2 = pytest.importorskip("stix2")

TABLE = Path(__file__).with_name("opencti_relationships.csv")


def _objects(*args: str) -> list[dict[str, Any]]:
    result = run("export", "--format", "stix", *args)
    assert result.exit_code == 0, result.output
    objects: list[dict[str, Any]] = json.loads(result.stdout)["objects"]
    return objects


def _by_type(objects: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for obj in objects:
        out.setdefault(obj["type"], []).append(obj)
    return out


def _allowed() -> dict[tuple[str, str], set[str]]:
    lines = [line for line in TABLE.read_text().splitlines() if not line.startswith("#")]
    return {(r["from"], r["to"]): set(r["relationship_types"].split(";")) for r in csv.DictReader(lines)}


def _entity_type(obj: dict[str, Any]) -> str:
    """The OpenCTI entity type a STIX object becomes, as pycti decides it."""
    if obj["type"] == "threat-actor":
        return "Threat-Actor-Individual" if obj.get("resource_level") == "individual" else "Threat-Actor-Group"
    if obj["type"] == "intrusion-set":
        return "Intrusion-Set"
    classes = {"individual": "Individual", "class": "Sector", "system": "System"}
    return classes.get(obj.get("identity_class", ""), "Organization")


def _strict_errors(text: str) -> list[str]:
    from stix2validator import ValidationOptions, validate_string

    result = validate_string(text, ValidationOptions(strict=True, version="2.1"))
    return [str(e) for e in result.errors]


# --- the bundle as OpenCTI and the validator take it ------------------------------------------


@pytest.mark.parametrize("fixture", ["kabul", "opencti"])
def test_every_relationship_type_is_one_opencti_creates_between_its_ends(
    fixture: str, project: Callable[[Path], Path]
) -> None:
    project(FIXTURES / fixture)
    objects = _objects()
    by_id = {o["id"]: o for o in objects}
    allowed = _allowed()
    rels = [o for o in objects if o["type"] == "relationship"]
    assert rels
    for rel in rels:
        ends = (_entity_type(by_id[rel["source_ref"]]), _entity_type(by_id[rel["target_ref"]]))
        assert rel["relationship_type"] in allowed.get(ends, set()) | allowed["*", "*"], (rel, ends)
    assert {"cooperates-with", "part-of", "related-to"} <= {r["relationship_type"] for r in rels}


def test_a_type_opencti_has_no_such_relation_for_falls_back_to_related_to() -> None:
    """`allied` asks for cooperates-with, which OpenCTI creates only between groups: toward a
    state it is related-to, with the map's type still a label."""
    from actorgraph.dataset.model import Actor, ActorKind
    from actorgraph.network.build import build_graph

    from tests.factories import HERE, TYPES, dataset, edge

    types = {**TYPES, "allied": dataclasses.replace(TYPES["allied"], stix="cooperates-with")}
    base = dataset([], [edge("a", "allied", "b"), edge("a", "allied", "c")])
    kinds = {
        kind: ActorKind(id=kind, label=kind, definition=f"a {kind}", stix=stix, location=HERE)
        for kind, stix in (("group", "threat-actor"), ("state", "identity"))
    }
    ends = (("a", "group"), ("b", "group"), ("c", "state"))
    actors = tuple(Actor(id=i, name=i.upper(), kind=kind, location=HERE) for i, kind in ends)
    data = dataclasses.replace(base, relation_types=types, actor_kinds=kinds, actors=actors)
    from actorgraph.outputs.stix import export

    objects = json.loads(export(build_graph(data)))["objects"]
    names = {o["id"]: o["name"] for o in objects if "name" in o}
    rels = {names[o["target_ref"]]: o for o in objects if o["type"] == "relationship"}
    assert rels["B"]["relationship_type"] == "cooperates-with"
    assert rels["C"]["relationship_type"] == "related-to"
    assert rels["C"]["labels"] == ["allied"]
    assert "'allied' (allied with)" in rels["C"]["description"]


def test_the_kabul_bundle_passes_the_strict_validator_but_for_opencti_own_types(kabul: Path) -> None:
    """Strict mode turns every "should" into an error. The one left is {202}: the spec suggests
    no relationship between two threat actors, and OpenCTI's are cooperates-with and part-of."""
    errors = _strict_errors(run("export", "--format", "stix").stdout)
    others = [e for e in errors if not ("{202}" in e and ("'cooperates-with'" in e or "'part-of'" in e))]
    assert errors and others == []


def test_the_opencti_fixture_passes_the_strict_validator_but_for_opencti_types_and_urls(opencti_map: Path) -> None:
    """{302}: a source's web address carries no hash of the page, since the map keeps the text,
    not the page's bytes; stating a hash of something else would be false."""
    errors = _strict_errors(run("export", "--format", "stix").stdout)
    urls = [e for e in errors if "{302}" in e]
    assert len(urls) == 1 and "'Northern Bulletin' has a URL but no hash" in urls[0]
    opencti = [e for e in errors if "{202}" in e and ("'cooperates-with'" in e or "'part-of'" in e)]
    assert len(opencti) == 2
    assert set(errors) == {*urls, *opencti}


@pytest.mark.parametrize("fixture", ["kabul", "opencti"])
def test_pycti_splits_the_bundle_with_no_missing_reference(fixture: str, project: Callable[[Path], Path]) -> None:
    """The splitter OpenCTI's workers use: with `cleanup_inconsistent_bundle` it drops every
    reference to an object the bundle lacks, and leaves out objects it cannot create. Nothing
    may be dropped, and every quote must stay its own external reference (OpenCTI merges
    references with the same web address, or the same source name and external id)."""
    pycti_splitter = pytest.importorskip("pycti.utils.opencti_stix2_splitter")

    project(FIXTURES / fixture)
    text = run("export", "--format", "stix").stdout
    original = {o["id"]: o for o in json.loads(text)["objects"]}
    splitter = pycti_splitter.OpenCTIStix2Splitter()
    expectations, incompatible, bundles = splitter.split_bundle_with_expectations(
        text, use_json=True, cleanup_inconsistent_bundle=True
    )
    assert incompatible == []
    assert expectations == len(original)
    split = {o["id"]: o for b in bundles for o in json.loads(b)["objects"]}
    assert split.keys() == original.keys()
    for obj_id, obj in split.items():
        for key, value in original[obj_id].items():
            if key.endswith("_refs") or key.endswith("_ref") or key == "external_references":
                assert obj[key] == value, (obj_id, key)


# --- what the bundle says ---------------------------------------------------------------------


def test_every_relation_and_quote_is_there(opencti_map: Path) -> None:
    by_type = _by_type(_objects())
    names = {o["id"]: o["name"] for o in by_type["threat-actor"] + by_type["identity"]}
    assert sorted(o["name"] for o in by_type["threat-actor"]) == ["Alpha Front", "Beta Brigade", "Gamma Movement"]
    rels = {(names[r["source_ref"]], r["labels"][0], names[r["target_ref"]]): r for r in by_type["relationship"]}
    assert set(rels) == {
        ("Alpha Front", "allied", "Beta Brigade"),
        ("Beta Brigade", "affiliate_of", "Alpha Front"),
        ("Gamma Movement", "absorbed_fighters_from", "Beta Brigade"),
        ("Alpha Front", "attacked", "Republic of Delta"),
        ("Republic of Delta", "supplied", "Alpha Front"),
        ("Gamma Movement", "rival", "Alpha Front"),
    }
    types = {k[1]: r["relationship_type"] for k, r in rels.items()}
    assert types == {
        "allied": "cooperates-with",
        "affiliate_of": "part-of",
        "absorbed_fighters_from": "related-to",
        "attacked": "targets",
        "supplied": "related-to",
        "rival": "related-to",
    }
    assert rels["Alpha Front", "allied", "Beta Brigade"]["labels"] == ["allied", "contested"]
    assert rels["Gamma Movement", "absorbed_fighters_from", "Beta Brigade"]["start_time"].startswith("2019-01-01")
    quotes = sum(len(r["external_references"]) for r in by_type["relationship"])
    assert quotes + len(by_type["opinion"]) == 9  # every quote of the map, once


def test_each_quote_gives_its_exact_words_and_where_they_are(opencti_map: Path) -> None:
    texts = {p.stem: p.read_text() for p in (opencti_map / "seeds").glob("*.txt")}
    refs = [ref for o in _objects() if o["type"] == "relationship" for ref in o["external_references"]]
    affiliate = next(r for r in refs if r["description"].startswith("The Beta Brigade is a branch"))
    assert affiliate["external_id"] == "bulletin#char=148,195;200,236"  # two fragments joined by ...
    for ref in refs:
        doc, _, where = ref["external_id"].partition("#char=")
        words = ref["description"].split("\n")[0]
        found = [texts[doc][int(a) : int(b)] for a, b in (span.split(",") for span in where.split(";"))]
        assert " ... ".join(found) == words


def test_hedged_and_attributed_claims_keep_their_lowered_confidence_and_say_whose(opencti_map: Path) -> None:
    rels = {o["labels"][0]: o for o in _objects() if o["type"] == "relationship"}
    supplied = rels["supplied"]
    assert supplied["confidence"] == round(15 * 50 / 85)  # hedged "possible", and only the officials' claim
    assert "according to local officials" in supplied["description"]
    (ref,) = supplied["external_references"]
    assert ref["description"].split("\n")[1:] == ["Type: supplied", "Hedge: possible", "According to: local officials"]
    assert rels["attacked"]["confidence"] == 85
    assert rels["rival"]["confidence"] == 85  # one of its two quotes is the review's own statement


def test_a_quote_that_disputes_a_relation_is_an_opinion_on_it(opencti_map: Path) -> None:
    objects = _objects()
    rels = {o["labels"][0]: o["id"] for o in objects if o["type"] == "relationship"}
    opinions = {o["object_refs"][0]: o for o in objects if o["type"] == "opinion"}
    assert set(opinions) == {rels["allied"], rels["supplied"]}
    allied = opinions[rels["allied"]]
    assert allied["opinion"] == "strongly-disagree"  # stated plainly
    words, *facts = allied["external_references"][0]["description"].split("\n")
    assert (words, facts) == ("the Alpha Front and the Beta Brigade are not allies", ["Type: allied"])
    assert allied["explanation"].startswith("review says that 'allied with' does not hold")
    assert opinions[rels["supplied"]]["authors"] == ["the Republic of Delta"]  # whose denial it is
    assert allied["authors"] == ["Quarterly Review of Armed Groups"]  # no speaker, no author: the text's title
    supplied = next(o for o in objects if o["id"] == rels["supplied"])
    assert [r["description"].split("\n")[0] for r in supplied["external_references"]] == [
        "the Republic of Delta may have quietly supplied the Alpha Front with weapons"
    ]  # the denial is not evidence for the claim


def test_a_disputing_quote_from_a_text_with_no_author_outlet_or_title_is_its_ids(opencti_map: Path) -> None:
    sources = opencti_map / "seeds" / "sources.yaml"
    sources.write_text(sources.read_text().replace('    title: "Quarterly Review of Armed Groups"\n', ""))
    objects = _objects()
    (allied,) = [o for o in objects if o["type"] == "opinion" and "'allied with'" in o["explanation"]]
    assert allied["authors"] == ["review"]


def test_a_hedged_denial_is_a_milder_opinion() -> None:
    from actorgraph.network.build import build_graph
    from actorgraph.outputs.stix import export

    from tests.factories import dataset, edge, evidence

    claim = evidence("The memo says many things")
    denial = evidence("many things about many groups", confidence="possible", stance="disputes")
    objects = json.loads(export(build_graph(dataset(["a", "b"], [edge("a", "rival", "b", claim, denial)]))))["objects"]
    (opinion,) = [o for o in objects if o["type"] == "opinion"]
    assert opinion["opinion"] == "disagree"


def test_curators_notes_are_notes_on_the_relation_and_on_the_quote(opencti_map: Path) -> None:
    objects = _objects()
    allied = next(o["id"] for o in objects if o["type"] == "relationship" and o["labels"][0] == "allied")
    notes = {o["abstract"]: o for o in objects if o["type"] == "note" and o["object_refs"] == [allied]}
    assert notes["Curator's note"]["content"].startswith("The review's denial is recorded")
    on_quote = notes["Curator's note on a quote from review"]
    assert on_quote["content"].startswith("The review answers the bulletin")
    assert on_quote["external_references"][0]["external_id"].startswith("review#char=")


def test_a_report_per_source_holds_what_it_claims_and_disputes(opencti_map: Path) -> None:
    by_type = _by_type(_objects())
    reports = {r["name"]: r for r in by_type["report"]}
    assert set(reports) == {"Northern Bulletin", "Quarterly Review of Armed Groups"}
    review = reports["Quarterly Review of Armed Groups"]
    rels = {r["id"]: r["labels"][0] for r in by_type["relationship"]}
    assert sorted(rels[i] for i in review["object_refs"] if i in rels) == ["rival"]
    assert {o["id"] for o in by_type["opinion"]} <= set(review["object_refs"])
    assert review["published"].startswith("2022-04-01")  # published: 2022-04
    assert reports["Northern Bulletin"]["external_references"][0]["url"] == "https://example.org/bulletin"


def test_a_report_published_in_a_year_only_is_dated_its_first_day(opencti_map: Path) -> None:
    sources = opencti_map / "seeds" / "sources.yaml"
    sources.write_text(sources.read_text().replace("    published: 2022-04\n", "    published: 2021\n"))
    (review,) = [o for o in _objects() if o["type"] == "report" and o["name"] == "Quarterly Review of Armed Groups"]
    assert review["published"].startswith("2021-01-01T00:00:00")


def test_the_maintainer_writes_everything_and_the_markings_say_how_it_may_be_shared(opencti_map: Path) -> None:
    objects = _objects()
    (maintainer,) = [o for o in objects if o["type"] == "identity" and o["name"] == "Test Curator"]
    assert maintainer["identity_class"] == "individual"
    assert maintainer["contact_information"] == "curator@example.org"
    tlp_green = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"
    statements = {o["name"]: o["id"] for o in objects if o.get("definition_type") == "statement"}
    assert set(statements) == {"Licence: CC BY 4.0", "Licence: CC BY-SA 4.0"}
    for obj in objects:
        if obj["type"] == "marking-definition" or obj is maintainer:
            continue
        assert obj["created_by_ref"] == maintainer["id"], obj["id"]
        assert tlp_green in obj["object_marking_refs"], obj["id"]
    assert maintainer["object_marking_refs"] == [tlp_green]  # the maintainer's own record is shared as it is
    rels = {o["labels"][0]: o for o in objects if o["type"] == "relationship"}
    assert statements["Licence: CC BY-SA 4.0"] in rels["rival"]["object_marking_refs"]  # quotes the review
    assert statements["Licence: CC BY-SA 4.0"] not in rels["attacked"]["object_marking_refs"]


def test_without_settings_there_is_no_author_and_no_tlp(small: Path) -> None:
    objects = _objects()
    assert all("created_by_ref" not in o for o in objects)
    assert [o for o in objects if o["type"] == "marking-definition"] == []


def test_dates_come_from_the_sources(opencti_map: Path) -> None:
    objects = _objects()
    rels = {o["labels"][0]: o for o in objects if o["type"] == "relationship"}
    # `modified` is the date, moved on within its second by a digest of the object's content
    assert rels["attacked"]["created"] == "2022-03-03T00:00:00.000Z"
    assert rels["attacked"]["modified"].startswith("2022-03-03T00:00:00.")
    # claimed by the bulletin (March) and the review (April): first claimed, last claimed
    assert rels["rival"]["created"] == "2022-03-03T00:00:00.000Z"
    assert rels["rival"]["modified"].startswith("2022-04-01T00:00:00.")
    alpha = next(o for o in objects if o.get("name") == "Alpha Front")
    assert alpha["created"].startswith("2022-03-03") and alpha["modified"].startswith("2022-04-01")


def _git(folder: Path, *args: str, when: str = "2024-05-06T07:08:09+00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_CONFIG_GLOBAL": os.devnull}
    identity = ["-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", *identity, *args], cwd=folder, env=env, check=True, capture_output=True)


def test_where_no_source_gives_a_date_the_commit_that_last_changed_the_record_does(kabul: Path) -> None:
    """The Kabul texts carry no dates: outside git every object has the fixed date of last resort;
    in a repository, the commit that wrote each record, the same on every export of that commit."""
    before = [o for o in _objects() if o["type"] == "relationship"]
    assert {o["created"] for o in before} == {"1970-01-01T00:00:00.000Z"}
    _git(kabul, "init", "-q")
    _git(kabul, "add", "-A")
    _git(kabul, "commit", "-q", "-m", "map")
    once, twice = run("export", "--format", "stix").stdout, run("export", "--format", "stix").stdout
    assert once == twice
    after = [o for o in json.loads(once)["objects"] if o["type"] == "relationship"]
    assert {(o["created"], o["modified"][:20]) for o in after} == {("2024-05-06T07:08:09.000Z", "2024-05-06T07:08:09.")}
    edges = kabul / "data" / "edges.yaml"
    edges.write_text(edges.read_text() + "\n")  # uncommitted: no commit wrote these lines
    uncommitted = [o for o in _objects() if o["type"] == "relationship"]
    assert {o["created"] for o in uncommitted} == {"1970-01-01T00:00:00.000Z"}


def test_dates_come_from_the_map_exported_not_from_where_a_cached_copy_was_read(kabul: Path, tmp_path: Path) -> None:
    """The graph cache is keyed on the files' bytes: a copy of the map elsewhere, with its own
    history, gets its own commit dates, not those of (or no dates from) the copy cached first."""
    import shutil

    _objects()  # caches the Kabul map as read from here, where there is no git
    other = tmp_path / "other"
    shutil.copytree(kabul / "data", other / "data")
    shutil.copytree(kabul / "seeds", other / "seeds")
    _git(other, "init", "-q")
    _git(other, "add", "-A")
    _git(other, "commit", "-q", "-m", "map")
    there = [o for o in _objects("--data-dir", str(other / "data")) if o["type"] == "relationship"]
    assert {o["created"] for o in there} == {"2024-05-06T07:08:09.000Z"}


def test_the_vocabularies_travel_in_one_note(opencti_map: Path) -> None:
    objects = _objects()
    (note,) = [o for o in objects if o["type"] == "note" and o["abstract"].startswith("actorgraph:")]
    vocabulary = json.loads(note["content"])
    assert vocabulary["relation_types"]["allied"]["sign"] == 1
    assert vocabulary["sources"]["review"]["licence"] == "CC BY-SA 4.0"
    assert set(note["object_refs"]) == {o["id"] for o in objects if o["type"] == "report"}


def test_the_bundle_is_the_same_for_the_same_data(opencti_map: Path) -> None:
    assert run("export", "--format", "stix").stdout == run("export", "--format", "stix").stdout


def test_ids_are_stable_and_of_uuid4_form(small: Path) -> None:
    import uuid

    objects = _objects()
    for obj in objects:
        if obj["type"] != "marking-definition":
            assert uuid.UUID(obj["id"].split("--")[1]).version == 4
    small_edges = small / "data" / "edges.yaml"
    small_edges.write_text(small_edges.read_text() + "\n")
    assert [o["id"] for o in _objects()] == [o["id"] for o in objects]


def test_states_become_identities(kabul: Path) -> None:
    objects = _objects()
    identities = sorted(o["name"] for o in objects if o["type"] == "identity")
    assert identities == ["Former Afghan government", "Pakistan", "United Kingdom", "United States"]
    rel_count = sum(1 for o in objects if o["type"] == "relationship")
    assert rel_count == len(json.loads(run("export").stdout)["edges"])


def test_confidence_follows_the_relations_hedge() -> None:
    from actorgraph.network.build import build_graph
    from actorgraph.outputs.stix import export

    from tests.factories import dataset, edge, evidence

    data = dataset(["a", "b", "c", "d"], [edge("a", "rival", "b"),
                                          edge("a", "allied", "c", evidence(confidence="likely")),
                                          edge("a", "attacked", "d", evidence(confidence="possible"))])  # fmt: skip
    objects = json.loads(export(build_graph(data)))["objects"]
    rels = {o["labels"][0]: o["confidence"] for o in objects if o["type"] == "relationship"}
    assert rels == {"rival": 85, "allied": 50, "attacked": 15}


def test_periods_become_the_first_and_last_instant_they_cover() -> None:
    from actorgraph.network.build import build_graph
    from actorgraph.outputs.stix import export

    from tests.factories import dataset, edge

    data = dataset(["a", "b", "c"], [edge("a", "rival", "b", since="2018-02", until="2018"),
                                     edge("a", "allied", "c", since="2015-03", until="2016")])  # fmt: skip
    objects = stix2.parse(export(build_graph(data)), allow_custom=False).objects
    rels = {o.labels[0]: o for o in objects if o.type == "relationship"}
    within = rels["rival"]  # February 2018 until (some time in) 2018: stop still after start
    assert within.start_time.isoformat().startswith("2018-02-01")
    assert within.stop_time.isoformat().startswith("2018-12-31T23:59:59")
    span = rels["allied"]
    assert span.start_time.isoformat().startswith("2015-03-01")
    assert span.stop_time.isoformat().startswith("2016-12-31T23:59:59")


def test_the_bundle_is_what_stix2_itself_writes_for_those_objects(monkeypatch: pytest.MonkeyPatch) -> None:
    """The export writes its JSON without stix2's slow serializer: the same properties and the
    same timestamp format, key for key, as stix2's own output, with a source date and a period."""
    from actorgraph.network.build import build_graph
    from actorgraph.outputs.stix import export

    from tests.factories import dataset, edge

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    data = dataset(["a", "b"], [edge("a", "rival", "b", since="2018-02", until="2019")])
    ours = export(build_graph(data))
    theirs = stix2.parse(ours, allow_custom=False).serialize(pretty=True)
    assert json.loads(ours) == json.loads(theirs)
    assert '"created": "2023-11-14T22:13:20.000Z"' in ours  # stix2's millisecond timestamps
    assert '"stop_time": "2019-12-31T23:59:59' in ours


def test_stix_export_of_large_synthetic_data_is_valid(tmp_path: Path) -> None:
    import sys

    from tests.conftest import KABUL, ROOT

    # From a fixture: a curator's edit of the shipped map changes nothing here.
    synth = [sys.executable, str(ROOT / "scripts" / "synth.py"), str(tmp_path / "d"), "--from", str(KABUL)]
    subprocess.run([*synth, "--actors", "60", "--relations", "200"], check=True, capture_output=True)
    data = ["--data-dir", str(tmp_path / "d" / "data"), "--seeds-dir", str(tmp_path / "d" / "seeds")]
    result = run("export", "--format", "stix", *data)
    assert result.exit_code == 0, result.output
    bundle = stix2.parse(result.stdout)
    assert sum(1 for o in bundle.objects if o.type == "relationship") == 200


def test_gexf_carries_dates_as_spells_for_the_timeline(small: Path) -> None:
    text = run("export", "--format", "gexf").stdout
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text
    assert '<spell start="2018-01-01" />' in text
    g = nx.read_gexf(io.BytesIO(text.encode()))
    dated = [d for _, _, d in g.edges(data=True) if d["relation"] == "absorbed_fighters_from"]
    assert dated[0]["spells"][0][0] == "2018-01-01"  # open-ended: no end date


def test_confidence_is_its_best_quotes_never_a_merge_of_two() -> None:
    """The author's own "possible" and a UN report's plain words: the relation scores as the
    report's plain claim (50), not as the author's plain statement (85)."""
    from actorgraph.network.build import build_graph
    from actorgraph.outputs.stix import export

    from tests.factories import dataset, edge, evidence

    mine = evidence("many things about", confidence="possible")
    theirs = evidence("many groups", attributed_to="a UN report")
    data = dataset(["a", "b"], [edge("a", "allied", "b", mine, theirs)])
    objects = json.loads(export(build_graph(data)))["objects"]
    (rel,) = [o for o in objects if o["type"] == "relationship"]
    assert rel["confidence"] == 50
    assert "possible, or according to a UN report" in rel["description"]


def test_every_field_of_a_full_map_reaches_its_stix_property_or_its_description(full_map: Path) -> None:
    """Founded and dissolved as first and last seen, aliases as a property (a threat actor) or in
    the description (an identity has no aliases), a relation's dates in its description, each
    relation's note its own object (the same words on two relations are two notes), labelled
    with its relation's type; a report says its publication date is missing only when it is."""
    actors = full_map / "data" / "actors.yaml"
    actors.write_text(actors.read_text().replace("    kind: state\n", "    kind: state\n    aliases: [Delta, RoD]\n"))
    edges = full_map / "data" / "edges.yaml"
    same_note = "    note: Read from the bulletin's first paragraph.\n"
    edges.write_text(edges.read_text().replace("    type: attacked\n", "    type: attacked\n" + same_note))
    objects = _objects()
    named = {o.get("name"): o for o in objects}
    alpha, beta, delta = named["Alpha Front"], named["Beta Brigade"], named["Republic of Delta"]
    assert (alpha["first_seen"], alpha["last_seen"]) == ("2015-01-01T00:00:00Z", "2021-06-30T23:59:59Z")
    assert beta["first_seen"] == "2012-02-01T00:00:00Z" and "last_seen" not in beta
    assert alpha["aliases"] == ["AF", "the Front"] and "Also known as" not in alpha["description"]
    assert alpha["description"].endswith("Founded: 2015\nDissolved: 2021-06")
    assert delta["type"] == "identity" and delta["description"] == "Also known as: Delta; RoD"
    (allied,) = [o for o in objects if o["type"] == "relationship" and o["labels"][0] == "allied"]
    assert allied["description"].endswith("\n\nSince: 2016\nUntil: 2019-03")
    (denial,) = [o for o in objects if o["type"] == "opinion"]
    assert denial["labels"] == ["allied"] and denial["object_refs"] == [allied["id"]]
    on_relations = [o for o in objects if o["type"] == "note" and o["content"] == same_note.split(": ", 1)[1][:-1]]
    assert sorted(n["labels"][0] for n in on_relations) == ["allied", "attacked"]
    assert len({n["id"] for n in on_relations}) == 2
    reports = {o["name"]: o["description"] for o in objects if o["type"] == "report"}
    assert not any("Publication date not recorded" in d for d in reports.values()), reports
