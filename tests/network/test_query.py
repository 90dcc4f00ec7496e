"""Queries as a new user types them: aliases, odd case, typos, filters, formats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from actorgraph.network.build import build_graph
from actorgraph.network.query import Filters, paths

from tests.conftest import run
from tests.factories import dataset, edge


def test_path_names_actors_any_way_they_are_typed(small: Path) -> None:
    result = run("path", "af", "GAMMA   movement")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "Alpha Front → Gamma Movement  (1 hop)"
    assert "Alpha Front —allied— Gamma Movement  [possible, according to analysts]" in result.stdout
    assert '“Analysts say the Alpha Front "may be allied" with the Gamma Movement”' in result.stdout
    assert "— memo; according to analysts; possible" in result.stdout


def test_path_hop_reads_in_the_relations_own_direction(small: Path) -> None:
    result = run("path", "gamma", "alpha", "--exclude-type", "allied")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Gamma Movement → Beta Brigade → Alpha Front  (2 hops)"
    # walked gamma -> beta, but beta is the one that absorbed fighters from gamma
    assert "  1. Beta Brigade —absorbed fighters from→ Gamma Movement  [since 2018]" in lines
    assert "  2. Alpha Front —rival— Beta Brigade" in lines


def test_path_json_lists_paths_of_hops_with_evidence(small: Path) -> None:
    result = run("path", "gamma", "alpha", "--exclude-type", "allied", "--format", "json")
    assert result.exit_code == 0, result.output
    paths = json.loads(result.stdout)
    assert len(paths) == 1
    first, second = paths[0]
    assert (first["from"], first["to"]) == ("gamma", "beta")
    assert first["relation"] == json.loads(run("list", "relations", "--type", "absorbed_fighters_from",
                                                "--format", "json").stdout)[0]  # fmt: skip
    second = {**second["relation"], "direction": second["direction"]}
    first = {**first["relation"], "direction": first["direction"]}
    assert (first["source"], first["target"], first["type"], first["direction"]) == (
        "beta",
        "gamma",
        "absorbed_fighters_from",
        "backward",
    )
    assert first["label"] == "absorbed fighters from"
    assert first["evidence"] == [
        {
            "doc": "memo",
            "quote": "The Beta Brigade absorbed fighters from the Gamma Movement in 2018",
            "confidence": None,
            "attributed_to": None,
            "stance": "supports",
            "note": None,
            "citation": "— memo",
        }
    ]
    assert (second["type"], second["direction"]) == ("rival", "both")


def test_no_path_is_exit_1_and_a_plain_sentence(small: Path) -> None:
    result = run("path", "gamma", "beta", "--type", "absorbed_fighters_from", "--directed")
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "no path from Gamma Movement to Beta Brigade using only 'absorbed_fighters_from' relations, "
        "following directed relations only their own way\n"
    )
    assert result.stdout == ""


def test_as_of_leaves_out_relations_no_longer_in_force() -> None:
    g = build_graph(dataset(["a", "b", "c"], [edge("a", "allied", "b", until="2016"), edge("a", "rival", "c"),
                                              edge("c", "rival", "b", since="2015-06")]))  # fmt: skip
    direct = paths(g, "a", "b", Filters(as_of=2016))
    assert [len(r.steps) for r in direct] == [1]
    after = paths(g, "a", "b", Filters(as_of=2017))
    assert [[a.id for a in r.nodes] for r in after] == [["a", "c", "b"]]
    assert paths(g, "a", "b", Filters(as_of=2014, exclude=("allied",))) == []


def test_as_of_leaves_out_relations_not_yet_in_force(small: Path) -> None:
    before = run("path", "beta", "gamma", "--as-of", "2017")
    assert before.exit_code == 0, before.output
    assert before.stdout.splitlines()[0] == "Beta Brigade → Alpha Front → Gamma Movement  (2 hops)"
    after = run("path", "beta", "gamma", "--as-of", "2018")
    assert after.stdout.splitlines()[0] == "Beta Brigade → Gamma Movement  (1 hop)"


def test_all_lists_every_simple_path(small: Path) -> None:
    result = run("path", "alpha", "gamma", "--all")
    assert result.exit_code == 0, result.output
    heads = [line for line in result.stdout.splitlines() if line.startswith("Path ")]
    assert heads == [
        "Path 1 of 2: Alpha Front → Gamma Movement  (1 hop)",
        "Path 2 of 2: Alpha Front → Beta Brigade → Gamma Movement  (2 hops)",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["path", "Alpah Front", "beta"], "error: unknown actor 'Alpah Front'; did you mean 'Alpha Front'?"),
        (
            ["path", "alpha", "the brigade", "--type", "rivals"],
            "unknown relation type 'rivals' (did you mean 'rival'?)",
        ),
        (["path", "AF", "alpha front"], "is the same actor at both ends"),
        (["show", "zzz"], "error: unknown actor 'zzz'"),
        (["list", "actors", "--kind", "militia"], "unknown actor kind 'militia'"),
        (["analyze", "--actor", "gama"], "did you mean 'Gamma Movement'?"),
    ],
)
def test_usage_mistakes_exit_2_with_a_suggestion(small: Path, args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert result.stdout == ""


def test_show_gives_the_card_and_relations_by_type(small: Path) -> None:
    result = run("show", "the brigade")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith(
        "Beta Brigade  (Militant group; id: beta)\nAlso: BB, the Brigade\nRegion: The northern valleys\n"
    )
    assert "2 relations" in out
    assert "rival (1)" in out and "absorbed_fighters_from (1)" in out
    assert "“The Alpha Front and the Beta Brigade are bitter rivals”" in out
    data = json.loads(run("show", "bb", "--format", "json").stdout)
    assert data["actor"]["id"] == "beta"
    assert {h["relation"]["type"] for h in data["relations"]} == {"rival", "absorbed_fighters_from"}
    assert {h["from"] for h in data["relations"]} == {"beta"}


def test_list_relations_filters_and_formats(small: Path) -> None:
    text = run("list", "relations", "--actor", "Gamma Movement")
    assert text.exit_code == 0, text.output
    lines = text.stdout.splitlines()
    assert lines[0].split() == ["source", "relation", "target", "qualifiers", "quotes"]
    assert "absorbed" in text.stdout and "allied" in text.stdout
    assert "rival" not in text.stdout  # alpha-beta does not involve gamma
    rows = list(csv.DictReader(io.StringIO(run("list", "relations", "--type", "rival", "--format", "csv").stdout)))
    assert [(r["source"], r["target"]) for r in rows] == [("alpha", "beta")]
    assert [(r["source_name"], r["target_name"], r["directed"]) for r in rows] == [
        ("Alpha Front", "Beta Brigade", "false")
    ]
    actors = json.loads(run("list", "actors", "--type", "allied", "--format", "json").stdout)
    assert [a["id"] for a in actors] == ["alpha", "gamma"]
    empty = run("list", "relations", "--kind", "militant_group", "--type", "allied", "--actor", "beta")
    assert empty.stdout == "No relations match.\n"


def test_shipped_data_paths_cite_a_quote_on_every_hop(kabul: Path) -> None:
    for a, b in [("HTS", "ISKP"), ("tehrik-e-taliban pakistan", "Islamic State"), ("al qaeda", "U.S.")]:
        result = run("path", a, b, "--format", "json")
        assert result.exit_code == 0, result.output
        for hops in json.loads(result.stdout):
            assert hops
            for hop in hops:
                quotes = hop["relation"]["evidence"]
                assert quotes and all(ev["quote"] and ev["citation"] for ev in quotes)


@pytest.mark.parametrize(
    "args",
    [
        ["path", "hts", "iskp"],
        ["path", "pakistan", "united kingdom", "--all"],
        ["show", "taliban"],
        ["list", "actors"],
        ["list", "relations"],
        ["analyze"],
    ],
)
def test_text_output_fits_80_columns(kabul: Path, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.output
    wide = [line for line in result.stdout.splitlines() if len(line) > 80]
    assert wide == []


# --- on a map with two actor kinds and two sources ------------------------------------------------


def test_list_actors_of_a_kind_lists_those_and_only_those(mixed: Path) -> None:
    import json

    states = json.loads(run("list", "actors", "--kind", "state", "--format", "json").stdout)
    groups = json.loads(run("list", "actors", "--kind", "militant_group", "--format", "json").stdout)
    assert [a["id"] for a in states] == ["delta"]
    assert [a["id"] for a in groups] == ["alpha", "beta", "gamma"]


def test_list_relations_touching_a_kind(mixed: Path) -> None:
    import json

    touching = json.loads(run("list", "relations", "--kind", "state", "--format", "json").stdout)
    assert [r["id"] for r in touching] == ["delta/allied/alpha", "delta/supported/alpha", "delta/attacked/beta"]
    groups = json.loads(run("list", "relations", "--kind", "militant_group", "--format", "json").stdout)
    assert len(groups) == 5  # every relation has a group at one end at least


def test_path_offers_the_surer_hedge_first(mixed: Path) -> None:
    """Two relations link the Delta Republic to the Alpha Front, both the bulletin's own words,
    one "likely", one "may": the likely one is the path's first reading."""
    result = run("path", "delta", "alpha")
    assert result.exit_code == 0, result.output
    heads = [line for line in result.stdout.splitlines() if line.startswith(("  1.", "  or"))]
    assert heads == [
        "  1. Delta Republic —supported→ Alpha Front  [likely]",
        "  or Delta Republic —allied— Alpha Front  [possible]",
    ]


def test_show_json_hops_run_from_the_actor_to_the_other_end(mixed: Path) -> None:
    import json

    card = json.loads(run("show", "beta", "--format", "json").stdout)
    hops = [(h["from"], h["to"], h["direction"]) for h in card["relations"]]
    assert sorted(hops) == [
        ("beta", "alpha", "both"),
        ("beta", "delta", "backward"),
        ("beta", "gamma", "both"),
    ]


def test_a_name_is_found_however_its_accents_are_encoded(tmp_path: Path) -> None:
    from actorgraph.dataset.model import Actor, Location
    from actorgraph.network.query import resolve_among

    here = Location("actors.yaml", 1)
    hts = Actor(id="hts", name="Hayʾat Taḥrīr al-Shām", kind="group", location=here)
    precomposed = "Hayʾat Ta\u1e25r\u012br al-Sh\u0101m"
    decomposed = "Hayʾat Tah\u0323ri\u0304r al-Sha\u0304m"
    assert resolve_among([hts], precomposed) == resolve_among([hts], decomposed) == "hts"


def test_an_actor_exists_in_the_years_it_was_founded_and_dissolved() -> None:
    """Founded 2015 and dissolved 2019 means it was there in both years: `--as-of` keeps its
    relations in 2015 and in 2019, and leaves them out in 2014 and 2020."""
    from actorgraph.dataset.model import Actor

    from tests.factories import HERE

    actors = [Actor(id="a", name="A", kind="group", location=HERE, founded="2015", dissolved="2019"),
              Actor(id="b", name="B", kind="group", location=HERE)]  # fmt: skip
    g = build_graph(dataset(actors, [edge("a", "allied", "b")]))
    found = {year: len(paths(g, "a", "b", Filters(as_of=year))) for year in (2014, 2015, 2019, 2020)}
    assert found == {2014: 0, 2015: 1, 2019: 1, 2020: 0}


def test_list_actors_reads_as_a_table_as_csv_and_says_when_none_match(mixed: Path) -> None:
    """Each form carries the actor's row with its count of relations; a filter that leaves no
    actor says so rather than printing an empty table."""
    text = run("list", "actors", "--kind", "state")
    assert text.exit_code == 0, text.output
    assert [line.split() for line in text.stdout.splitlines()[::2]] == [
        ["id", "name", "kind", "relations", "aliases"],
        ["delta", "Delta", "Republic", "state", "3"],
    ]
    rows = list(csv.DictReader(io.StringIO(run("list", "actors", "--kind", "state", "--format", "csv").stdout)))
    assert [(r["id"], r["name"], r["kind"], r["relations"]) for r in rows] == [
        ("delta", "Delta Republic", "state", "3")
    ]
    none = run("list", "actors", "--kind", "state", "--type", "rival")
    assert none.exit_code == 0 and none.stdout == "No actors match.\n", none.output
