"""Claims, not lines: evidence filters, contested relations, and analysis that says what it rests on."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from actorgraph.network.build import build_graph
from actorgraph.network.claims import EvidenceFilter, contests
from actorgraph.network.records import relations

from tests.conftest import FIXTURES, run
from tests.factories import dataset, edge, evidence

THIRD = FIXTURES / "third_source" / "seeds" / "002_joint_attack.txt"
JOINT_ATTACK = """
  - source: isis-k
    target: taliban
    type: allied
    since: 2017-08
    until: 2017-08
    evidence:
      - doc: village-attack
        quote: "fighters of the Taliban and of the Islamic State Khorasan Province jointly attacked the village"
        attributed_to: Afghan officials
"""
THIRD_SOURCE = """  - id: village-attack
    file: 002_joint_attack.txt
    kind: news
    title: Dozens killed in village attack in northern Afghanistan
"""


def add_third_source(project: Path) -> Path:
    """A Kabul map plus a third source that says ISIS-K and the Taliban attacked a village together."""
    shutil.copy(THIRD, project / "seeds" / THIRD.name)
    sources = project / "seeds" / "sources.yaml"
    sources.write_text(sources.read_text() + THIRD_SOURCE)
    edges = project / "data" / "edges.yaml"
    edges.write_text(edges.read_text() + JOINT_ATTACK)
    return project


@pytest.fixture
def third(kabul: Path) -> Path:
    return add_third_source(kabul)


def test_check_passes_and_names_the_contested_pair(third: Path) -> None:
    result = run("check")
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "1 contested pair" in out
    assert "ISIS-K and Taliban: cooperative ('allied with') and hostile ('rival of', 'attacked'," in out


def test_show_and_path_mark_the_contested_hop_and_show_both_sides(third: Path) -> None:
    path = " ".join(run("path", "iskp", "taliban").stdout.split())
    assert "ISIS-K —allied with— Taliban [in 2017-08, according to Afghan officials, contested]" in path
    assert "Contested by: ISIS-K —rival of— Taliban [contested]" in path
    assert "Contested by: ISIS-K —attacked→ Taliban [contested]" in path
    card = " ".join(run("show", "taliban").stdout.split())
    assert "Contested by: ISIS-K —allied with— Taliban" in card
    hops = json.loads(run("path", "iskp", "taliban", "--format", "json").stdout)
    allied = next(h for (h,) in hops if h["relation"]["type"] == "allied")
    assert allied["relation"]["contested"] is True
    assert {r["id"] for r in allied["contested_by"]} == {
        "isis-k/rival/taliban",
        "isis-k/attacked/taliban",
        "isis-k/courted_cadres_of/taliban",
        "taliban/attacked/isis-k",
    }


def test_exports_and_lists_carry_the_contested_field(third: Path) -> None:
    edges = json.loads(run("export", "--format", "json").stdout)["edges"]
    contested = {e["id"] for e in edges if e["contested"]}
    assert contested == {
        "isis-k/rival/taliban",
        "isis-k/attacked/taliban",
        "isis-k/courted_cadres_of/taliban",
        "taliban/attacked/isis-k",
        "isis-k/allied/taliban",
    }
    rows = list(csv.DictReader(io.StringIO(run("list", "relations", "--contested", "--format", "csv").stdout)))
    assert {r["id"] for r in rows} == contested and {r["contested"] for r in rows} == {"true"}
    assert 'key="d' in run("export", "--format", "graphml").stdout  # GraphML declares the attribute
    assert "contested" in run("export", "--format", "graphml").stdout
    records = {e["id"]: e for e in edges}
    assert records["isis-k/rival/taliban"]["opposed_by"] == ["isis-k/allied/taliban"]  # not the attacks: they agree
    listed = json.loads(run("contested", "--format", "json").stdout)["contests"]
    assert [(c["pair"], len(c["relations"])) for c in listed] == [(["isis-k", "taliban"], 5)]


def test_filters_make_the_contest_go_away_when_one_side_does(third: Path) -> None:
    assert "contested" not in run("path", "iskp", "taliban", "--no-attributed").stdout
    only_third = run("contested", "--source", "village-attack")
    assert only_third.stdout.startswith("No contested pairs")


def test_a_source_can_dispute_a_relation() -> None:
    data = dataset(["a", "b"], [edge("a", "allied", "b", evidence(), evidence("many groups", stance="disputes"))])
    (found,) = contests(data)
    assert found.reason == "memo says that 'allied with' does not hold"
    (rel,) = relations(build_graph(data))
    assert rel.contested and rel.opposed_by == ()
    assert [q.disputes for q in rel.quotes] == [False, True]
    assert rel.quotes[1].citation.endswith("; disputes it")
    assert rel.sources == ("memo",) and len(rel.supporting) == 1


def test_types_declared_opposite_contest_each_other_only_when_their_times_overlap() -> None:
    from dataclasses import replace

    data = dataset(["a", "b"], [edge("a", "allied", "b", until="2015"), edge("a", "talked", "b", since="2016")])
    types = {**data.relation_types, "talked": replace(data.relation_types["talked"], opposite="allied")}
    assert contests(replace(data, relation_types=types)) == []
    data = dataset(["a", "b"], [edge("a", "allied", "b", until="2016"), edge("a", "talked", "b", since="2016-06")])
    (found,) = contests(replace(data, relation_types=types))
    assert "declared opposite" in found.reason


def test_evidence_filter_keeps_a_relation_with_only_its_passing_quotes() -> None:
    data = dataset(
        ["a", "b", "c"],
        [
            edge("a", "allied", "b", evidence(confidence="likely"), evidence(attributed_to="X")),
            edge("a", "rival", "c", evidence(confidence="possible")),
        ],
    )
    kept = EvidenceFilter(no_hedged=True).apply(data)
    (only,) = kept.edges
    assert [ev.attributed_to for ev in only.evidence] == ["X"]
    (rel,) = relations(build_graph(kept))
    assert rel.confidence is None and rel.claimants == ("X",)  # derived again from what is left
    assert EvidenceFilter(no_hedged=True, no_attributed=True).apply(data).edges == ()
    assert EvidenceFilter(sources=("memo",)).apply(data) == data
    with pytest.raises(Exception, match="unknown source 'mem'"):
        EvidenceFilter(sources=("mem",)).apply(data)


def test_analyze_says_which_placements_rest_on_hedged_or_attributed_claims(kabul: Path) -> None:
    full = json.loads(run("analyze", "--format", "json").stdout)
    weak = set(full["placed_by_hedged_or_attributed_only"])
    assert {"pakistan", "united-kingdom"} <= weak
    assert "taliban" not in weak and "isis-k" not in weak
    text = run("analyze").stdout
    assert "Pakistan*" in text and "placed by hedged or attributed claims only" in text
    strict = json.loads(run("analyze", "--no-hedged", "--no-attributed", "--format", "json").stdout)
    placed = {n for camp in strict["camps"] for n in camp}
    assert weak.isdisjoint(placed) and weak <= set(strict["unaligned"])
    assert "no hostile relation recorded" in text


def test_no_path_through_propaganda_without_attributed_claims(kabul: Path) -> None:
    assert run("path", "pakistan", "taliban").exit_code == 0
    result = run("path", "pakistan", "taliban", "--no-attributed")
    assert result.exit_code == 1
    assert "without claims attributed to others" in result.stderr


def test_csv_keeps_each_quotes_hedge(kabul: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv").stdout)))
    attacked = next(r for r in rows if r["id"] == "isis-k/attacked/taliban")
    assert sum(line.endswith("; likely") for line in attacked["quotes"].splitlines()) == 2


def test_stix_scores_an_attributed_claim_below_a_stated_one(kabul: Path) -> None:
    bundle = json.loads(run("export", "--format", "stix").stdout)
    rels = [o for o in bundle["objects"] if o["type"] == "relationship"]
    propaganda = next(o for o in rels if o["description"].startswith("Taliban —allied with— Pakistan"))
    stated = next(o for o in rels if o["description"].startswith("ISIS-K —rival of— Taliban"))
    assert propaganda["confidence"] < stated["confidence"]
    assert "according to ISIS-K" in propaganda["description"]


def test_an_actor_does_not_exist_before_its_founding(kabul: Path) -> None:
    result = run("path", "hts", "iskp", "--as-of", "1990")
    assert result.exit_code == 1
    assert "ISIS-K did not exist in 1990" in result.stderr
    assert run("path", "hts", "iskp", "--as-of", "2021").exit_code == 0


def test_a_pair_is_one_contest_whatever_the_reasons() -> None:
    data = dataset(
        ["a", "b"],
        [edge("a", "allied", "b"), edge("a", "rival", "b", evidence(), evidence("many groups", stance="disputes"))],
    )
    (found,) = contests(data)
    assert found.conflicts == (("a/allied/b", "a/rival/b"),)
    assert "cooperative ('allied with') and hostile ('rival of')" in found.reason
    assert "memo says that 'rival of' does not hold" in found.reason


def test_as_of_a_year_before_the_joint_attack_nothing_is_contested(third: Path) -> None:
    later = " ".join(run("path", "iskp", "taliban", "--as-of", "2017").stdout.split())
    assert "ISIS-K —rival of— Taliban [contested]" in later
    earlier = " ".join(run("path", "iskp", "taliban", "--as-of", "2016").stdout.split())
    assert "ISIS-K —rival of— Taliban" in earlier and "contested" not in earlier


def test_the_best_attested_relation_comes_first(third: Path) -> None:
    lines = run("path", "iskp", "taliban").stdout.splitlines()
    assert lines[1].startswith("  1. ISIS-K —rival of— Taliban")  # not the one-off, contested claim


# --- the relation as each evidence filter leaves it (what the page shows under its filters) ---------


def _one_relation(*quotes):  # type: ignore[no-untyped-def]
    from tests import factories as f

    g = build_graph(f.dataset(["a", "b"], [f.edge("a", "allied", "b", *quotes)]))
    return next(relations(g))


def test_views_are_the_relation_under_every_filter_that_leaves_a_claim() -> None:
    from actorgraph.network.claims import views

    from tests import factories as f

    plain, hedged = f.evidence("many things"), f.evidence("many groups", confidence="likely")
    said, denied = (
        f.evidence("memo says", doc="other", attributed_to="a UN report"),
        f.evidence("The memo", doc="other", stance="disputes"),
    )
    rel = _one_relation(plain, hedged, said, denied)
    found = views(rel)
    # every filter: hedged out or not, attributed out or not, sources {memo}, {other} or both;
    # {other} without attributed claims leaves only the disputing quote, so no view
    assert set(found) == {(0, 1, 2, 3), (0, 2, 3), (0, 1, 3), (0, 3), (0, 1), (0,), (2, 3)}
    for keep, view in found.items():
        assert view.quotes == tuple(rel.quotes[i] for i in keep)
        assert (view.source, view.target, view.type) == (rel.source, rel.target, rel.type)
    assert found[(0, 1, 2, 3)] == rel
    assert found[(0, 1)].confidence is None and found[(2, 3)].claimants == ("a UN report",)


def test_views_of_a_plainly_stated_single_source_relation_and_of_a_disputed_one() -> None:
    from actorgraph.network.claims import views

    from tests import factories as f

    rel = _one_relation(f.evidence("many things"), f.evidence("many groups"))
    assert views(rel) == {(0, 1): rel}
    rel = _one_relation(f.evidence("many things"), f.evidence("many groups", confidence="likely"))
    assert set(views(rel)) == {(0, 1), (0,)}
    rel = _one_relation(f.evidence("many things", attributed_to="a UN report"))
    assert set(views(rel)) == {(0,)}


@pytest.mark.parametrize(("sources", "expected"), [(5, 2**5 - 1), (6, 1 + 6)])
def test_views_cover_every_choice_of_sources_up_to_five_and_each_alone_beyond(sources: int, expected: int) -> None:
    from actorgraph.network.claims import views

    from tests import factories as f

    rel = _one_relation(*(f.evidence("many things", doc=f"s{i}") for i in range(sources)))
    found = views(rel)
    assert len(found) == expected
    assert {(i,) for i in range(sources)} <= set(found) and tuple(range(sources)) in found
