"""Clause breaks: a comma before "and" or "or" ends a clause unless it closes a list of names."""

from __future__ import annotations

import pytest
from actorgraph.intake.cues import clause_breaks


@pytest.mark.parametrize(
    ("sentence", "names", "breaks"),
    [
        ("The Taliban, Al Qaeda and the Haqqani network, and their rival fought on.",
         ["Taliban", "Al Qaeda", "Haqqani network"], []),
        ("Alpha and Beta, and their rival fought on.", ["Alpha", "Beta"], []),
        ("Alpha and Beta, and Gamma fled.", ["Alpha", "Beta", "Gamma"], []),
        ("Alpha attacked Beta, and Gamma fled.", ["Alpha", "Beta", "Gamma"], [", and "]),
        ("They fought hard, and Gamma fled.", ["Gamma"], [", and "]),
        ("Alpha and the new recruits, or Beta, fled.", ["Alpha", "Beta"], [", or "]),
        ("Alpha and Beta, and Gamma attacked Delta, and Omega fled.", ["Alpha", "Beta", "Gamma", "Delta", "Omega"],
         [", and "]),
    ],
    ids=["names-after-a-comma", "names-from-the-start", "a-list-of-three", "a-verb-between",
         "no-name-before", "a-name-then-other-words", "a-list-then-a-clause"],
)  # fmt: skip
def test_a_comma_and_ends_a_clause_unless_only_names_stand_before_it(
    sentence: str, names: list[str], breaks: list[str]
) -> None:
    """Only names, joined by commas, "and", "or" and "the", between the clause's last comma (or
    its start) and ", and": a list, no break; a verb, other words or no name at all: a break."""
    spans = [(sentence.index(n), sentence.index(n) + len(n)) for n in names]
    found = clause_breaks(sentence, 0, len(sentence), spans)
    assert [sentence[s:e] for s, e in found] == breaks


def test_a_cue_is_a_whole_word_unless_it_ends_in_a_star() -> None:
    from actorgraph.intake.cues import cue_regex

    assert cue_regex("may").search("The mayor met them.") is None  # "may" is no hedge in "mayor"
    assert cue_regex("may").search("They may meet.") is not None
    assert cue_regex("rival*").search("bitter rivalries").group() == "rivalries"  # type: ignore[union-attr]
