"""The analyze answer in words: what a finding about one actor rests on."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import actorgraph
import pytest
from actorgraph.network import balance
from actorgraph.network.analyze import analyze
from actorgraph.network.build import build_graph
from actorgraph.network.claims import EvidenceFilter
from actorgraph.present.analysis import analysis_answer

from tests.conftest import FIXTURES, run
from tests.factories import dataset, edge, evidence


def test_an_actor_placed_only_by_hedged_claims_is_shown_with_its_own_signed_relations() -> None:
    """Asked about one actor whom only a hedged claim puts in a camp, the answer lists under the
    mark the signed relations of that actor (what places it), not its talks (no sign) and not
    the other actors' relations."""
    data = dataset(["a", "b", "c", "d"], [
        edge("a", "allied", "b"), edge("c", "allied", "a", evidence(confidence="possible")),
        edge("c", "talked", "b"), edge("b", "rival", "d"),
    ])  # fmt: skip
    g = build_graph(data)
    stated = build_graph(EvidenceFilter(no_hedged=True, no_attributed=True).apply(data))
    result = analyze(g, "c", stated)
    assert result.weak == {"c"}, result.weak
    lines = analysis_answer(g, result, 10, EvidenceFilter()).text().splitlines()
    mark = next(i for i, line in enumerate(lines) if line.startswith("  * placed by hedged or attributed claims only"))
    listed = [line.strip() for line in lines[mark + 1 :] if line.startswith("    - ")]
    assert listed == ["- C —allied with— A  [possible]"], lines


# --- the whole text answer on maps made for its cases ---------------------------------------------

GOLDEN = Path(__file__).parents[1] / "network" / "golden"


@pytest.fixture
def camps(project: Callable[[Path], Path]) -> Path:
    return project(FIXTURES / "camps")


@pytest.fixture
def signed(project: Callable[[Path], Path]) -> Path:
    return project(FIXTURES / "signed")


def _golden(name: str, *args: str) -> None:
    """The text answer of `actorgraph analyze ARGS`, line by line, as a reader checked it in
    tests/network/golden/NAME (a change to the layout is a change to review, not to regenerate)."""
    result = run("analyze", *args)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == (GOLDEN / name).read_text(encoding="utf-8").splitlines(), result.stdout


def test_a_split_that_breaks_two_and_an_enemy_placed_apart_by_the_stated_claims(camps: Path) -> None:
    """Two relations "break" the best split (plural); the Moss Network, in its camp only as an
    enemy of the other camp's members, is also placed apart by the plainly stated claims (both
    marks, ° then †); and each of the Heath Cell's figures that only officials' claims lift above
    zero is marked, its relations, degree and brokerage as well as its betweenness."""
    _golden("analyze-camps-limit-3.txt", "--limit", "3")


@pytest.mark.parametrize(
    ("name", "args"),
    [("analyze-camps.txt", ()), ("analyze-camps.json", ("--format", "json")),
     ("analyze-camps.csv", ("--format", "csv")), ("analyze-camps-pairs.csv", ("--format", "csv", "--pairs"))],
    ids=["text", "json", "csv", "pairs-csv"],
)  # fmt: skip
def test_the_records_of_a_split_say_what_the_text_says(camps: Path, name: str, args: tuple[str, ...]) -> None:
    """The whole answer, and the same as records, checked in as read: each figure an actor has and which of them
    only hedged or attributed claims lift; the camps and their blocs (the Moss Network a bloc of
    its own, in its camp only as the others' enemy, and placed otherwise by the stated claims);
    the shared-enemy pairs, what is recorded between them, whether they rest on stated claims,
    and how many such pairs each actor is in."""
    _golden(name, *args)


def test_a_balanced_map_as_of_a_year_on_the_stated_claims_of_one_source(signed: Path) -> None:
    """As of 2016 (before the Epsilon Army) the signed relations are balanced: none "break" the
    split. The heading names the evidence used and the year, each wrapped flush left over two
    lines, one after the other, each followed by a blank line."""
    _golden(
        "analyze-signed-2016-stated.txt", "--as-of", "2016", "--no-hedged", "--no-attributed", "--source", "briefing"
    )


def test_attributed_claims_are_still_marked_when_only_hedged_ones_are_left_out(camps: Path) -> None:
    """--no-hedged alone keeps the officials' attributed claims, so what rests on them is still
    marked; with --no-attributed as well the map is the stated claims, on which the Heath Cell
    has no relation at all, and nothing is marked."""
    text = run("analyze", "--no-hedged").stdout
    words = " ".join(text.split())
    assert "Heath Cell 2* 0.286* 0.286* 0.095*" in words, text
    assert "Camp 1 (4): Amber Front, Birch Brigade, Heath Cell*, Fern Group*" in words, text
    strict = run("analyze", "--no-hedged", "--no-attributed").stdout
    assert "No cooperative or hostile relation recorded: Fern Group, Heath Cell" in strict, strict
    assert "*" not in strict.replace("* ", ""), strict  # list bullets aside, no mark


def test_shared_enemies_say_what_is_recorded_between_the_pair(camps: Path) -> None:
    """Allies that share an enemy are "cooperative" between them, a pair with nothing recorded
    "none", in the JSON and in the CSV of pairs alike."""
    data = json.loads(run("analyze", "--format", "json").stdout)
    recorded = {(s["a"], s["b"]): s["recorded_between"] for s in data["shared_enemies"]}
    assert recorded[("amber", "birch")] == "cooperative", recorded
    assert recorded[("amber", "elm")] == "none", recorded
    rows = csv.DictReader(io.StringIO(run("analyze", "--format", "csv", "--pairs").stdout))
    assert {(r["a"], r["b"]): r["recorded_between"] for r in rows} == recorded


def test_a_new_map_has_no_actors_to_rank(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("init").exit_code == 0
    result = run("analyze")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Centrality\n\nNo actors.\n  Sorted by brokerage."), result.stdout


def test_limit_cuts_the_centrality_table_only_past_its_length(signed: Path) -> None:
    """Seven actors: --limit 7 shows them all with no "... and 0 more"; --limit 6 says one more."""
    every = run("analyze", "--limit", "7").stdout
    assert "more (--limit" not in every and "Kappa Brigade   1" in every, every
    assert "... and 1 more (--limit, or --format json for all)" in run("analyze", "--limit", "6").stdout


# --- a best split that is only bounded ------------------------------------------------------------


def _bound(text: str) -> str:
    """The answer's sentence on the best split, on one line."""
    words = " ".join(text.split())
    start = words.index("Camps suggested by structural balance ") + len("Camps suggested by structural balance ")
    return words[start : words.index(" not proven best.") + len(" not proven best.")]


def _sentence(lead: str, broken: int, lower: int, why: str) -> str:
    return (
        f"{lead} breaks {broken} of 30 signed relations; no split breaks fewer than {lower} (a bound, not exact: "
        f"{why}). The camps are that split's, not proven best."
    )


def test_a_search_stopped_by_its_time_limit_says_so() -> None:
    """With no time to search, the best split found is a bound, and the answer says why: the
    time limit, not the map's size; asked about one actor, it says the count is the whole map's."""
    m = actorgraph.load(FIXTURES / "bounded")
    for actor, lead in ((None, "The best split found"), ("Ash Group", "Over the whole map, the best split found")):
        result = m.analyze(actor, time_limit=0)
        found = result.camps.frustration
        assert found.timed_out and not found.exact, found
        text = analysis_answer(m.graph, result, 10, EvidenceFilter()).text()
        assert _bound(text) == _sentence(lead, found.broken, found.lower, "the time limit was reached"), text


def test_a_block_too_large_to_solve_says_so(project: Callable[[Path], Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """A block past the size the exact search takes on (here lowered to 10 actors, as a block of
    thousands would be) is bounded in time: the answer says the map is too large, not that time
    ran out; asked about one actor, it says the count is the whole map's."""
    project(FIXTURES / "bounded")
    monkeypatch.setattr(balance, "LP_LIMIT", 10)
    whole, one = "The best split found", "Over the whole map, the best split found"
    for args, lead in (((), whole), (("--actor", "Ash Group"), one)):
        found = json.loads(run("analyze", *args, "--format", "json").stdout)["frustration"]
        assert not found["exact"] and not found["timed_out"], found
        result = run("analyze", *args)
        assert result.exit_code == 0, result.output
        why = "the map is too large to search"
        assert _bound(result.stdout) == _sentence(lead, found["broken"], found["at_least"], why), result.stdout


def test_an_analysis_made_without_the_stated_claims_says_nothing_of_them() -> None:
    """`analyze` given no map of the plainly stated claims compares nothing: each member's
    record then says it does not know (null), never that the stated claims support it."""
    m = actorgraph.load(FIXTURES / "camps")
    answer = analysis_answer(m.graph, analyze(m.graph), 10, EvidenceFilter())
    members = answer.data()["members"]  # type: ignore[misc]
    assert members and all(
        (r["rests_on_stated_claims"], r["placed_by_on_stated_claims"], r["stated_claims_place_it_apart"])
        == (None, None, None)
        for r in members
    ), members
