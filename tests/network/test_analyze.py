"""Signed-network analysis: what each conclusion rests on.

The logic on small maps built in code (a tie, an actor placed only by a shared enemy, a frustrated
triangle, a camp of two blocs, a pair with as many cooperative as hostile relations), the command
on a small fixture made for it (tests/fixtures/signed) and on the Kabul fixture, where the
United States and the former Afghan government are the cases the tool once got wrong.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
from actorgraph.network.analyze import COOPERATIVE, ENMITY, analyze, camps, centrality, in_year, shared_enemies
from actorgraph.network.build import build_graph
from actorgraph.network.claims import EvidenceFilter
from actorgraph.present.analysis import analysis_answer

from tests.conftest import FIXTURES, run
from tests.factories import dataset, edge, evidence

# --- the logic, on maps built in code --------------------------------------------------------


def test_an_actor_hostile_to_both_camps_is_undetermined_with_what_each_choice_breaks() -> None:
    g = build_graph(dataset(["a", "b", "c", "d", "x"], [
        edge("a", "allied", "b"), edge("c", "allied", "d"), edge("a", "rival", "c"), edge("b", "rival", "d"),
        edge("x", "attacked", "a"), edge("x", "attacked", "c"),
    ]))  # fmt: skip
    split = camps(g)
    assert {frozenset(c) for c in split.camps} == {frozenset("ab"), frozenset("cd")}
    assert "x" not in split.members  # never put in a camp by a tie-break
    (floating,) = split.undetermined
    assert floating.actors == ("x",)
    camp_of = {m: split.members[m].camp for m in "ac"}
    breaks = {o.camps[0].camp: [r.id for r in o.breaks] for o in floating.options}
    assert breaks == {camp_of["a"]: ["x/attacked/a"], camp_of["c"]: ["x/attacked/c"]}
    assert split.breaking == ()  # which relation breaks depends on x: none breaks in every best split
    assert (split.frustration.broken, split.frustration.lower) == (1, 1) and split.frustration.exact


def test_two_camps_joined_by_one_hostile_relation_that_a_third_actor_contradicts_are_a_tie() -> None:
    # a-c rivalry against x's attacks on both: parting {a, b} from {c, d} breaks x's attack on
    # one of them; joining them breaks the rivalry instead. Equally good: nobody is placed
    # relative to the core pair but its own side.
    g = build_graph(dataset(["a", "b", "c", "d", "x"], [edge("a", "allied", "b"), edge("c", "allied", "d"),
                                                        edge("a", "rival", "c"), edge("x", "attacked", "a"),
                                                        edge("x", "attacked", "c")]))  # fmt: skip
    split = camps(g)
    assert [set(c) for c in split.camps] == [{"a", "b"}]
    assert sorted(u.actors for u in split.undetermined) == [("c", "d"), ("x",)]
    assert split.frustration.broken == 1
    pair = next(u for u in split.undetermined if u.actors == ("c", "d"))
    # No one is placed against a and b yet: the other choice is "opposite Camp 1", not "no camp".
    assert {tuple(p.opposite for p in o.camps) for o in pair.options} == {(False, False), (True, True)}
    text = " ".join(analysis_answer(g, analyze(g), 10, EvidenceFilter()).text().split())
    assert "With C opposite Camp 1, D opposite Camp 1, they break nothing with the camps." in text
    assert "With C in Camp 1, D in Camp 1, they break: - A —rival of— C" in text


def test_a_member_placed_only_by_a_shared_enemy_says_so() -> None:
    g = build_graph(dataset(["a", "b", "c", "u"], [edge("a", "allied", "b"), edge("a", "rival", "c"),
                                                   edge("u", "attacked", "c"), edge("u", "talked", "a")]))  # fmt: skip
    split = camps(g)
    assert split.members["u"].camp == split.members["a"].camp
    assert split.members["u"].basis == ENMITY  # talks are no cooperation
    assert split.members["a"].basis == split.members["b"].basis == COOPERATIVE
    assert split.members["c"].basis == ENMITY  # alone in its camp
    assert all(member.actor == m for m, member in split.members.items())  # each record names its actor
    (pair,) = [s for s in shared_enemies(g) if {s.a, s.b} == {"a", "u"}]
    assert pair.cooperative == () and [r.id for r in pair.neutral] == ["u/talked/a"]


def test_a_frustrated_triangle_breaks_one_relation_and_its_corners_float() -> None:
    g = build_graph(dataset(["a", "b", "c"], [edge("a", "rival", "b"), edge("b", "rival", "c"),
                                              edge("a", "rival", "c")]))  # fmt: skip
    split = camps(g)
    assert (split.frustration.broken, split.frustration.lower, split.frustration.signed) == (1, 1, 3)
    # One corner is the core (the first by name); the other two each go either way.
    assert len(split.members) == 1 and sorted(u.actors for u in split.undetermined) == [("b",), ("c",)]
    assert len(split.undecided) == 1  # b against c: whether it breaks depends on both


def test_a_camp_held_together_only_by_a_shared_enemy_has_two_blocs() -> None:
    g = build_graph(dataset(["a", "b", "c", "d", "e"], [edge("a", "allied", "b"), edge("c", "allied", "d"),
                                                        edge("a", "rival", "e"), edge("c", "rival", "e")]))  # fmt: skip
    split = camps(g)
    (camp,) = [i for i, c in enumerate(split.camps) if "a" in c]
    assert {frozenset(b) for b in split.blocs[camp]} == {frozenset("ab"), frozenset("cd")}
    assert all(split.members[m].basis == COOPERATIVE for m in "abcd")


def test_a_pair_with_as_many_cooperative_as_hostile_relations_constrains_nothing() -> None:
    g = build_graph(dataset(["a", "b"], [edge("a", "allied", "b"), edge("a", "rival", "b")]))
    split = camps(g)
    assert split.frustration.broken == split.frustration.lower == 1  # one of the two, whichever way
    assert len(split.members) == 1 and [u.actors for u in split.undetermined] == [("b",)]


def test_two_hostile_relations_outweigh_one_cooperative() -> None:
    g = build_graph(dataset(["a", "b"], [edge("a", "allied", "b"), edge("a", "rival", "b"),
                                         edge("a", "attacked", "b")]))  # fmt: skip
    split = camps(g)
    assert split.members["a"].camp != split.members["b"].camp
    assert [r.id for r in split.breaking] == ["a/allied/b"] and split.frustration.broken == 1


def test_enemies_of_each_other_are_not_a_shared_enemy_pair() -> None:
    # a and b both fight c, but also fight each other: not "the enemy of my enemy".
    g = build_graph(dataset(["a", "b", "c", "d"], [edge("a", "rival", "c"), edge("b", "rival", "c"),
                                                   edge("a", "rival", "b"), edge("d", "rival", "c")]))  # fmt: skip
    pairs = {(s.a, s.b) for s in shared_enemies(g)}
    assert ("a", "b") not in pairs
    assert pairs == {("a", "d"), ("b", "d")}
    assert {(s.a, s.b) for s in shared_enemies(g, "d")} == {("a", "d"), ("b", "d")}


def test_a_neutral_relation_counts_for_neither_side() -> None:
    g = build_graph(dataset(["a", "b"], [edge("a", "talked", "b")]))
    split = camps(g)
    assert split.signed == 0 and split.camps == () and split.unaligned == ("a", "b")
    assert split.frustration.exact and split.frustration.broken == 0


def test_focus_keeps_only_what_concerns_the_actor() -> None:
    g = build_graph(dataset(["a", "b", "c", "d"], [edge("a", "rival", "c"), edge("b", "rival", "c"),
                                                   edge("d", "allied", "a")]))  # fmt: skip
    result = analyze(g, "d")
    assert [r.actor for r in result.centrality] == ["d"]
    assert result.camps.focus == "d" and set(result.camps.members) == {"a", "b", "c", "d"}  # its part, both camps
    assert result.shared_enemies == ()


def _two_parts_and_a_bystander() -> nx.MultiDiGraph:
    """Two connected parts and an actor with no signed relation: {a, b} against {c, d}, where
    a's attack on d and rivalry with it outweigh their alliance (which breaks); a frustrated
    triangle e, f, g (e its core, f and g floating, f against g undecided); h only talks to a."""
    return build_graph(dataset(["a", "b", "c", "d", "e", "f", "g", "h"], [
        edge("a", "allied", "b"), edge("a", "rival", "c"), edge("b", "rival", "c"),
        edge("a", "attacked", "d"), edge("a", "rival", "d"), edge("a", "allied", "d"),
        edge("e", "rival", "f"), edge("f", "rival", "g"), edge("e", "rival", "g"), edge("h", "talked", "a"),
    ]))  # fmt: skip


def test_focus_narrows_camps_to_the_actors_part_and_its_own_relations() -> None:
    """Narrowed to a member: its part's camp pair and members only, the broken relations and
    signed relations it takes part in, nothing of the other part's floating actors."""
    g = _two_parts_and_a_bystander()
    whole = camps(g)
    assert whole.signed == 9 and len(whole.pairs) == 2 and [r.id for r in whole.undecided] == ["f/rival/g"]
    for focus, signed in (("a", 5), ("d", 3)):
        split = analyze(g, focus).camps
        assert split.focus == focus and split.camps == whole.camps, split
        assert [whole.camps[c] for c in split.pairs[0]] == [("a", "b"), ("d", "c")] and len(split.pairs) == 1
        assert set(split.members) == {"a", "b", "c", "d"} and split.signed == signed, split
        assert [r.id for r in split.breaking] == ["a/allied/d"], split.breaking
        assert (split.undetermined, split.undecided, split.unaligned, split.unsettled) == ((), (), (), ())


def test_focus_on_a_floating_actor_keeps_its_parts_camps_and_its_undecided_relations() -> None:
    """A floating actor is in no camp, so its part is found through the camps its options name."""
    g = _two_parts_and_a_bystander()
    whole = camps(g)
    split = analyze(g, "f").camps
    assert [whole.camps[c] for c in split.pairs[0]] == [("e",)] and len(split.pairs) == 1, split.pairs
    assert set(split.members) == {"e"} and split.signed == 2 and split.breaking == ()
    assert [u.actors for u in split.undetermined] == [("f",)]
    assert [r.id for r in split.undecided] == ["f/rival/g"] and split.unaligned == ()


def test_focus_on_an_actor_with_no_signed_relation_names_it_unaligned_and_no_camp() -> None:
    split = analyze(_two_parts_and_a_bystander(), "h").camps
    assert split.unaligned == ("h",) and split.pairs == () and split.members == {}, split
    assert (split.signed, split.breaking, split.undetermined, split.undecided) == (0, (), (), ())


def test_shared_enemies_compare_equal_to_sequences_of_the_same_records_only() -> None:
    """The lazily built list of pairs compares as the list of its records would: not equal to
    text or to what is no sequence at all, even when it is empty."""
    g = _two_parts_and_a_bystander()
    pairs = shared_enemies(g)
    assert pairs == list(pairs) and pairs == tuple(pairs) and pairs != list(pairs)[:-1]
    none = shared_enemies(g, "h")
    assert len(none) == 0 and none == [] and none != "" and none != 0 and none != None  # noqa: E711


def test_brokerage_counts_cooperative_relations_only() -> None:
    # e is everyone's enemy: between all of them over any relation, a go-between of no one.
    g = build_graph(dataset(["a", "b", "c", "e"], [edge("e", "attacked", "a"), edge("e", "attacked", "b"),
                                                   edge("e", "attacked", "c"), edge("a", "allied", "b")]))  # fmt: skip
    figures = {r.actor: r for r in centrality(g)}
    assert figures["e"].betweenness > 0 and figures["e"].brokerage == 0
    assert figures["e"].relations == 3 and figures["e"].degree == 1.0


def test_a_figure_above_zero_only_through_hedged_claims_is_marked() -> None:
    data = dataset(["a", "b", "c"], [edge("a", "allied", "b", evidence(confidence="possible")),
                                     edge("b", "allied", "c")])  # fmt: skip
    g = build_graph(data)
    stated = build_graph(EvidenceFilter(no_hedged=True, no_attributed=True).apply(data))
    figures = {r.actor: r for r in centrality(g, stated)}
    assert figures["b"].brokerage > 0 and figures["b"].hedged == {"betweenness", "brokerage"}
    assert figures["a"].hedged == {"relations", "degree"} and figures["c"].hedged == frozenset()


def test_as_of_a_year_keeps_the_relations_in_force_and_the_actors_that_existed() -> None:
    from actorgraph.dataset.model import Actor

    from tests.factories import HERE

    actors = [Actor(id=n, name=n.upper(), kind="group", location=HERE) for n in "abc"]
    actors.append(Actor(id="d", name="D", kind="group", location=HERE, founded="2020"))
    g = build_graph(dataset(actors, [edge("a", "allied", "b", until="2016"), edge("a", "rival", "b", since="2019"),
                                     edge("c", "rival", "a"), edge("d", "rival", "a")]))  # fmt: skip
    then, now = in_year(g, 2015), in_year(g, 2021)
    assert set(then.nodes) == {"a", "b", "c"} and set(now.nodes) == set("abcd")
    early, late = analyze(g, as_of=2015), analyze(g, as_of=2021)
    assert early.camps.members["a"].camp == early.camps.members["b"].camp
    assert late.camps.members["a"].camp != late.camps.members["b"].camp
    assert early.left_out == (2, 1) and late.left_out == (1, 0)
    assert analyze(g).left_out == (0, 0)  # no year asked: nothing left out
    mixed = camps(g)  # all years at once: the alliance and the rivalry cancel out
    assert "b" not in mixed.members


def test_the_stated_claims_can_leave_an_actor_undetermined() -> None:
    # The hedged alliance c-d is what tips the tie between a-c rivalry and x's attacks on both.
    data = dataset(["a", "b", "c", "d", "x"], [
        edge("a", "allied", "b"), edge("c", "allied", "d", evidence(confidence="possible")),
        edge("a", "rival", "c"), edge("b", "rival", "d"), edge("x", "attacked", "a"), edge("x", "attacked", "c"),
    ])  # fmt: skip
    g = build_graph(data)
    stated = build_graph(EvidenceFilter(no_hedged=True, no_attributed=True).apply(data))
    result = analyze(g, None, stated)
    assert "c" in result.weak and "a" not in result.weak
    assert result.stated_basis["d"] == ENMITY and result.camps.members["d"].basis == COOPERATIVE


def test_the_member_the_stated_claims_alone_put_across_is_the_one_moved() -> None:
    """x is in the a-camp only through two hedged alliances; its plainly stated alliance with their
    enemy e puts it with e on the stated claims alone. x is moved, not the three who stay put."""
    hedged = evidence(confidence="possible")
    data = dataset(["a1", "a2", "a3", "e", "x"], [
        edge("a1", "allied", "a2"), edge("a2", "allied", "a3"),
        edge("e", "attacked", "a1"), edge("e", "attacked", "a2"), edge("e", "attacked", "a3"),
        edge("x", "allied", "a1", hedged), edge("x", "allied", "a2", hedged), edge("x", "allied", "e"),
    ])  # fmt: skip
    g = build_graph(data)
    stated = build_graph(EvidenceFilter(no_hedged=True, no_attributed=True).apply(data))
    result = analyze(g, None, stated)
    assert set(result.camps.camps[0]) == {"a1", "a2", "a3", "x"}, result.camps
    assert result.moved == {"x"} and result.weak == frozenset(), result


def test_of_two_parts_of_one_size_the_one_whose_first_camp_leads_comes_first() -> None:
    """Parts of equal size are ordered by the most connected member of each one's first camp,
    not by the most connected actor of the part: a (first by name) is alone on its part's
    smaller side, so the part of n1 and n2 comes first."""
    g = build_graph(dataset(["a", "m", "n1", "n2", "z1", "z2"], [
        edge("a", "rival", "z1"), edge("a", "rival", "z2"), edge("z1", "allied", "z2"),
        edge("m", "rival", "n1"), edge("m", "rival", "n2"), edge("n1", "allied", "n2"),
    ]))  # fmt: skip
    split = camps(g)
    assert split.camps == (("n1", "n2"), ("m",), ("z1", "z2"), ("a",)), split.camps
    assert split.pairs == ((0, 1), (2, 3))


def test_an_actor_the_stated_map_does_not_hold_rests_on_hedged_claims_for_every_figure() -> None:
    """Compared with a stated map that lacks the actor altogether, each of its figures above zero
    is one the stated claims alone do not give it."""
    g = build_graph(dataset(["a", "b", "c"], [edge("a", "allied", "b"), edge("c", "allied", "a")]))
    stated = build_graph(dataset(["a", "b"], [edge("a", "allied", "b")]))
    figures = {r.actor: r for r in centrality(g, stated)}
    assert figures["c"].hedged == {"relations", "degree"}, figures["c"]
    assert figures["b"].hedged == frozenset(), figures["b"]


# --- the command, on the fixture made for it -----------------------------------------------------


@pytest.fixture
def signed(project):  # type: ignore[no-untyped-def]
    return project(FIXTURES / "signed")


def test_analyze_names_the_undetermined_actor_and_the_one_placed_by_enmity(signed: Path) -> None:
    result = run("analyze")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "1 of 8 signed relations breaks the best split: no split breaks fewer (exact)." in text
    assert "Camp 1 (4): Alpha Front, Beta Brigade, Zeta Network°*, Kappa Brigade" in text
    assert "* Epsilon Army In Camp 1 it breaks: - Epsilon Army —attacked→ Alpha Front" in text
    assert "In Camp 2 it breaks: - Epsilon Army —attacked→ Gamma Movement" in text
    assert "in its camp only as an enemy of the other camp's members (the enemy of my enemy)" in text
    assert "a common enemy is not an alliance" in text
    assert "Zeta Network share the enemy Gamma Movement; no cooperative or hostile relation recorded" in text
    assert "Epsilon Army and Zeta Network share the enemy Gamma Movement; no relation recorded between them" in text


def test_analyze_json_carries_placements_frustration_and_measures(signed: Path) -> None:
    data = json.loads(run("analyze", "--format", "json").stdout)
    assert data["frustration"] == {"broken": 1, "at_least": 1, "exact": True, "signed_relations": 8,
                                   "timed_out": False}  # fmt: skip
    members = {m["id"]: m for m in data["members"]}
    assert set(members) == {"alpha", "beta", "zeta", "kappa", "gamma", "delta"}
    assert members["zeta"]["placed_by"] == "enmity" and members["alpha"]["placed_by"] == "cooperative"
    assert members["delta"]["placed_by_on_stated_claims"] == "enmity"  # its alliance is only a "may"
    assert members["gamma"]["rests_on_stated_claims"] is False
    (floating,) = data["undetermined"]
    assert floating["actors"] == ["epsilon"]
    assert [(o["places"], [r["id"] for r in o["breaks"]]) for o in floating["options"]] == [
        ([{"id": "epsilon", "camp": 1, "opposite": False}], ["epsilon/attacked/alpha"]),
        ([{"id": "epsilon", "camp": 2, "opposite": False}], ["epsilon/attacked/gamma"]),
    ]
    assert set(data["measures"]) == {"relations", "degree", "betweenness", "brokerage"}
    delta = next(r for r in data["centrality"] if r["id"] == "delta")
    assert delta["above_zero_only_through_hedged_or_attributed"] == ["betweenness"]
    pair = next(p for p in data["shared_enemies"] if {p["a"], p["b"]} == {"alpha", "zeta"})
    assert pair["hypothesis"] is True and pair["recorded_between"] == "neutral"
    assert [r["id"] for r in pair["neutral"]] == ["zeta/negotiated_with/alpha"]


def test_analyze_csv_has_a_row_per_actor_and_pairs_on_request(signed: Path) -> None:
    result = run("analyze", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    assert set(rows) == {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "kappa"}
    assert (rows["zeta"]["camp"], rows["zeta"]["placed_by"]) == ("1", "enmity")
    assert rows["epsilon"]["placed_by"] == "undetermined" and rows["epsilon"]["camp"] == ""
    assert rows["epsilon"]["undetermined_breaks"] == (
        "in Camp 1: epsilon/attacked/alpha; in Camp 2: epsilon/attacked/gamma"
    )
    pairs = list(csv.DictReader(io.StringIO(run("analyze", "--format", "csv", "--pairs").stdout)))
    assert {(p["a"], p["b"], p["recorded_between"]) for p in pairs} == {
        ("alpha", "zeta", "neutral"),
        ("epsilon", "zeta", "none"),
    }


def test_analyze_as_of_leaves_out_what_did_not_hold_that_year(signed: Path) -> None:
    result = run("analyze", "--as-of", "2016", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["as_of"] == 2016 and data["left_out"] == {"relations": 2, "actors": 1}  # Epsilon: formed 2018
    assert data["undetermined"] == [] and data["frustration"]["broken"] == 0
    later = json.loads(run("analyze", "--as-of", "2021", "--format", "json").stdout)
    assert "kappa" in later["unaligned"]  # its alliance ended in 2017
    assert "As of 2016: only relations in force that year" in " ".join(run("analyze", "--as-of", "2016").stdout.split())
    assert run("analyze", "--as-of", "20").exit_code == 2


def test_analyze_for_an_undetermined_actor(signed: Path) -> None:
    text = " ".join(run("analyze", "--actor", "epsilon").stdout.split())
    assert "Over the whole map, 1 of 8 signed relations breaks the best split" in text
    assert "* Epsilon Army In Camp 1 it breaks" in text


# --- the Kabul fixture: the cases the tool once got wrong ---------------------------------------


def test_kabul_united_states_is_placed_only_by_a_shared_enemy(kabul: Path) -> None:
    for flags in ([], ["--no-hedged", "--no-attributed"]):
        result = run("analyze", "--format", "json", *flags)
        assert result.exit_code == 0, result.output
        members = {m["id"]: m for m in json.loads(result.stdout)["members"]}
        assert members["united-states"]["placed_by"] == "enmity", flags
        assert members["united-states"]["camp"] == members["taliban"]["camp"]
        assert members["taliban"]["placed_by"] == "cooperative"
        text = run("analyze", *flags).stdout
        assert "United States°" in text, flags


def test_kabul_former_afghan_government_is_undetermined_not_tie_broken(kabul: Path) -> None:
    data = json.loads(run("analyze", "--format", "json").stdout)
    assert "afghan-government" not in {m["id"] for m in data["members"]}
    (floating,) = data["undetermined"]
    assert floating["actors"] == ["afghan-government"]
    broken = sorted(r["id"] for o in floating["options"] for r in o["breaks"])
    assert broken == ["afghan-government/attacked/isis-k", "taliban/attacked/afghan-government"]
    assert data["breaking_relations"] == []  # no relation "breaks this split" by a tie-break
    assert data["frustration"]["exact"] and data["frustration"]["broken"] == 1
    text = " ".join(run("analyze").stdout.split())
    assert "Undetermined: equally good splits place it in either camp, so it is in neither" in text


def test_kabul_centrality_names_what_it_measures(kabul: Path) -> None:
    data = json.loads(run("analyze", "--format", "json").stdout)
    rows = {r["id"]: r for r in data["centrality"]}
    assert max(rows.values(), key=lambda r: r["betweenness"])["id"] == "isis-k"  # everyone's enemy...
    assert data["centrality"][0]["id"] != "isis-k"  # ...is not the first go-between
    assert rows["isis-k"]["brokerage"] < rows["taliban"]["brokerage"]
    assert "betweenness" in rows["islamic-state"]["above_zero_only_through_hedged_or_attributed"]  # one "may"
    text = run("analyze").stdout
    assert "who brokers" not in text and "brokerage: the same over cooperative relations only" in " ".join(text.split())


def test_kabul_shared_enemies_are_hypotheses(kabul: Path) -> None:
    result = run("analyze", "--actor", "united states")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "Taliban and United States share the enemy ISIS-K; no cooperative or hostile relation recorded" in text
    assert "Al Qaeda and United States share the enemy ISIS-K; no relation recorded between them" in text
    data = json.loads(run("analyze", "--format", "json").stdout)
    pair = next(p for p in data["shared_enemies"] if {p["a"], p["b"]} == {"taliban", "united-states"})
    assert pair["enemies"] == ["isis-k"] and pair["recorded_between"] == "neutral"
    quotes = [ev["quote"] for rel in pair["evidence"] for ev in rel["evidence"]]
    assert "ISIS-K and the Taliban are mortal enemies" in quotes
    assert any("13 U.S. service members" in q for q in quotes)


def test_kabul_as_of_is_accepted(kabul: Path) -> None:
    result = run("analyze", "--as-of", "2014", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert "isis-k" not in {r["id"] for r in data["centrality"]}  # founded 2015
    assert data["left_out"]["actors"] >= 1
    asked = run("analyze", "--as-of", "2014", "--actor", "iskp")
    assert asked.exit_code == 2 and "ISIS-K did not exist in 2014 (founded 2015)" in asked.stderr, asked.output


def test_the_centrality_table_reads_the_same_in_text_csv_and_json(signed: Path) -> None:
    """Counts as whole numbers and shares to three places in the text, a star on a figure above
    zero only through hedged or attributed claims; the CSV and JSON carry the same figures to
    four places, each under its own column, and name the measures the star marks."""
    text = run("analyze")
    assert text.exit_code == 0, text.output
    assert text.stdout.splitlines()[2:11] == [
        "actor           relations  degree  between (any)  brokerage",
        "--------------  ---------  ------  -------------  ---------",
        "Alpha Front     5          0.833   0.533          0.067",
        "Gamma Movement  4          0.667   0.233          0.000",
        "Beta Brigade    2          0.333   0.067          0.000",
        "Delta Council   2          0.333   0.033*         0.000",
        "Epsilon Army    2          0.333   0.000          0.000",
        "Zeta Network    2          0.333   0.000          0.000",
        "Kappa Brigade   1          0.167   0.000          0.000",
    ]
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(run("analyze", "--format", "csv").stdout))}
    delta = rows["delta"]
    assert (delta["name"], delta["relations"], delta["degree"], delta["betweenness"], delta["brokerage"]) == (
        "Delta Council", "2", "0.3333", "0.0333", "0.0",
    )  # fmt: skip
    assert delta["above_zero_only_through_hedged_or_attributed"] == "betweenness"
    (shown,) = [r for r in json.loads(run("analyze", "--format", "json").stdout)["centrality"] if r["id"] == "delta"]
    assert shown == {"id": "delta", "name": "Delta Council", "relations": 2, "degree": 0.3333, "betweenness": 0.0333,
                     "brokerage": 0.0, "above_zero_only_through_hedged_or_attributed": ["betweenness"]}  # fmt: skip


GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize(
    ("args", "golden"),
    [
        ((), "analyze-signed.txt"),
        (("--no-hedged", "--actor", "alpha", "--limit", "3"), "analyze-signed-alpha-no-hedged.txt"),
    ],
)
def test_the_analysis_reads_as_it_was_reviewed(signed: Path, args: tuple[str, ...], golden: str) -> None:
    """The whole text answer, line by line, as a reader checked it (tests/network/golden/): the
    parts in their order with a blank line between, each note wrapped under its own margin, the
    evidence used named first when it is not all of it, the scope of a focused split. Written by
    `actorgraph analyze ARGS` on tests/fixtures/signed and read before it was committed; a change
    to the layout is a change to review, not to regenerate."""
    result = run("analyze", *args)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == (GOLDEN / golden).read_text(encoding="utf-8").splitlines()
