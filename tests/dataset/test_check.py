"""One broken dataset per fault `check` must catch, each with the message it must give.

Each folder under fixtures/invalid/ holds only the files that differ from
fixtures/valid/ (and a delete.txt naming files to remove), plus expected.txt:
lines that must each appear in the output.
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, run

CASES = sorted(p.name for p in (FIXTURES / "invalid").iterdir() if p.is_dir())


def _broken_copy(name: str, small: Path) -> list[str]:
    case = FIXTURES / "invalid" / name
    for path in case.rglob("*"):
        rel = path.relative_to(case)
        if path.is_file() and rel.parts[0] in ("data", "seeds"):
            shutil.copyfile(path, small / rel)
    delete = case / "delete.txt"
    for rel in delete.read_text().split() if delete.exists() else []:
        (small / rel).unlink()
    return (case / "expected.txt").read_text().splitlines()


@pytest.mark.parametrize("name", CASES)
def test_check_reports_fault_at_its_line(name: str, small: Path) -> None:
    expected = _broken_copy(name, small)
    result = run("check")
    assert result.exit_code == 1, result.output
    for line in expected:
        assert line in result.stderr, f"missing {line!r} in:\n{result.stderr}"
    assert result.stdout == ""
    assert result.stderr.rstrip().splitlines()[-1].endswith("found.")


@pytest.mark.parametrize("name", CASES)
def test_build_writes_nothing_on_fault(name: str, small: Path) -> None:
    out = small / "build" / "graph.html"
    out.parent.mkdir()
    out.write_text("the last good page")
    _broken_copy(name, small)
    result = run("build")
    assert result.exit_code == 1, result.output
    assert out.read_text() == "the last good page"
    assert result.stderr.rstrip().endswith("nothing was written.")


def test_unsafe_tag_runs_nothing(small: Path) -> None:
    _broken_copy("unsafe_tag", small)
    run("check")
    assert not (small / "pwned").exists()


def test_all_problems_reported_not_just_first(small: Path, project: Callable[[Path], Path]) -> None:
    expected = _broken_copy("many_problems_at_once", small)
    result = run("check")
    assert "2 problems found." in result.stderr, result.stderr
    assert len(expected) == 2


@pytest.mark.parametrize("name", ["missing_text_file", "broken_actor_is_reported_once", "empty_source_text"])
def test_one_fault_is_one_report_not_a_cascade(name: str, small: Path) -> None:
    """A dropped record must not turn every reference to it into a problem of its own."""
    expected = _broken_copy(name, small)
    result = run("check")
    problems = result.stderr.rstrip().splitlines()[:-1]
    assert len(problems) == len(expected), result.stderr


@pytest.mark.parametrize(
    ("since", "until", "refused"),
    [("2018", "2016", True), ("2018-02", "2018", False), ("2018", "2018-01", False), ("2018-03", "2018-02", True)],
)
def test_since_after_until_compares_the_days_each_covers(small: Path, since: str, until: str, refused: bool) -> None:
    edges = small / "data" / "edges.yaml"
    text = edges.read_text().replace("    since: 2018\n", f"    since: '{since}'\n    until: '{until}'\n", 1)
    assert text != edges.read_text()
    edges.write_text(text)
    result = run("check")
    assert (result.exit_code == 1) is refused, result.output
    assert ("is after 'until'" in result.stderr) is refused


# --- what `...` may leave out --------------------------------------------------------------------

DENIAL = (
    "The Delta Cell is not directly tied to the Alpha Front. Nobody saw them meet. "
    "The Delta Cell trades arms with the Beta Brigade.\n\n"
    + "Filler that runs on and on about the weather in the valleys. " * 12
    + "\n\nThe Alpha Front fights the Beta Brigade in the north.\n"
)


def _problems(quote: str) -> list[str]:
    from actorgraph.dataset.validate import validate

    from tests.factories import dataset, edge, evidence

    data = dataset(["a", "b"], [edge("a", "allied", "b", evidence(quote))], text=DENIAL)
    problems, _ = validate(data)
    return [p.message for p in problems if "quote" in p.message]  # the factory's map has no source kinds


def test_an_ellipsis_may_not_drop_a_negation_from_the_sentence_it_quotes() -> None:
    (message,) = _problems("The Delta Cell is ... directly tied to the Alpha Front")
    assert "joins its parts with ... across words that include 'not'" in message, message


QUALIFIED = (
    "The Russian government denies that Wagner is acting on its behalf. "
    "Commanders of the two groups may have met in 2018 to divide the valleys. "
    "The Beta Brigade, according to the Alpha Front, trades arms with the Delta Cell. "
    "The Gamma Movement, in May 2021, attacked the Delta Cell near the river. "
    "The Delta Cell was thought to supply the Beta Brigade with rifles. "
    "The Alpha Front is rumoured to arm the Gamma Movement.\n"
)


def _qualified(quote: str) -> list[str]:
    from actorgraph.dataset.model import ConfidenceLevel
    from actorgraph.dataset.validate import validate

    from tests.factories import HERE, dataset, edge, evidence

    data = dataset(["a", "b"], [edge("a", "allied", "b", evidence(quote))], text=QUALIFIED)
    own = ConfidenceLevel(
        id="rumoured", label="rumoured", definition="d", rank=0, cues=("thought to", "rumour*"), location=HERE
    )
    data = dataclasses.replace(data, confidence_levels={**data.confidence_levels, "rumoured": own})
    problems, _ = validate(data)
    return [p.message for p in problems if "quote" in p.message]


@pytest.mark.parametrize(
    ("quote", "dropped", "harm"),
    [
        ("The Russian government ... Wagner is acting on its behalf", "denies", "say what the text denies"),
        ("Commanders of the two groups ... met in 2018", "may", "drop the text's hedge"),
        ("The Beta Brigade, ... trades arms with the Delta Cell", "according to", "drop who says it"),
        ("The Delta Cell was ... supply the Beta Brigade", "thought to", "drop the text's hedge"),  # the map's cue
        ("The Alpha Front is ... to arm the Gamma Movement", "rumoured", "drop the text's hedge"),  # a starred cue
    ],
)
def test_an_ellipsis_may_not_drop_a_denial_a_speaker_or_a_hedge(quote: str, dropped: str, harm: str) -> None:
    """A quote that leaves out "denies that", "may have" or "according to X" would state plainly,
    as the author's own, what the text denies, hedges or puts in someone else's mouth."""
    (message,) = _qualified(quote)
    assert f"across words that include '{dropped}'" in message and f"the quote would {harm}" in message, message


def test_an_ellipsis_may_leave_out_a_date_that_looks_like_a_hedge() -> None:
    """The month "May" is no hedge: only the lowercase word is."""
    assert _qualified("The Gamma Movement, ... attacked the Delta Cell") == []


def test_an_ellipsis_may_leave_out_a_whole_sentence_that_holds_a_negation() -> None:
    assert _problems("The Delta Cell is not directly tied to the Alpha Front. ... The Delta Cell trades arms") == []


def test_an_ellipsis_may_not_join_passages_far_apart() -> None:
    (message,) = _problems("The Delta Cell trades arms ... The Alpha Front fights the Beta Brigade")
    assert "joins its parts with ... across" in message and "characters of the text (at most 500)" in message


def test_a_later_occurrence_is_tried_when_the_first_would_drop_a_negation() -> None:
    """The first "The Delta Cell" would join across "not"; the second joins plainly."""
    assert _problems("The Delta Cell ... arms with the Beta Brigade") == []


@pytest.mark.parametrize("written", ["just words", "42", "true", "- a list"])
def test_a_file_that_is_not_a_mapping_is_a_problem_at_its_first_line(small: Path, written: str) -> None:
    (small / "data" / "actors.yaml").write_text(written + "\n")
    result = run("check")
    assert result.exit_code == 1
    assert "data/actors.yaml:1: expected a mapping with 'actor_kinds', 'actors' at the top level" in result.stderr
