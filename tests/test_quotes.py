"""Quote matching forgives copy-paste differences and nothing else."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.quotes import Folded, closest_passage, find_quote, fold

TEXT = Folded.of(
    "ISIS-K and the Taliban are “mortal enemies” — something to do with\n"
    "which brother is the true inheritor. It’s strongly believed that ISIS-K did it."
)


@pytest.mark.parametrize(
    "quote",
    [
        "ISIS-K and the Taliban are “mortal enemies”",
        'ISIS-K and the Taliban are "mortal enemies"',  # straight for curly quotes
        'ISIS-K  and the\tTaliban are\n"mortal enemies"',  # any whitespace
        'enemies" - something to do with which brother',  # hyphen for em dash, line break
        "It's strongly believed",  # straight apostrophe
        "ISIS-K and the Taliban ... the true inheritor",  # ellipsis joins fragments in order
        "ISIS-K and the Taliban … the true inheritor",  # unicode ellipsis
        "ISIS–K",  # en dash for hyphen
    ],
)
def test_tolerated_differences_still_match(quote: str) -> None:
    assert find_quote(quote, TEXT) is not None


@pytest.mark.parametrize(
    "quote",
    [
        "ISIS-K and the Taliban are enemies",  # a word dropped
        "isis-k and the taliban",  # case is wording
        "the true inheritor ... ISIS-K and the Taliban",  # fragments out of order
        "Talib",  # not on a word boundary
        "It’s believed that ISIS-K did it",  # the hedge removed
        "...",  # nothing but an ellipsis
    ],
)
def test_changed_wording_does_not_match(quote: str) -> None:
    assert find_quote(quote, TEXT) is None


def test_spans_point_into_the_original_text() -> None:
    original = "A  line\nwith “curly” quotes."
    spans = find_quote('line with "curly"', Folded.of(original))
    assert spans is not None
    ((start, end),) = spans
    assert original[start:end] == "line\nwith “curly”"


def test_closest_passage_shows_what_the_text_says() -> None:
    near = closest_passage("ISIS-K and the Taliban are sworn enemies", TEXT)
    assert near == 'ISIS-K and the Taliban are "mortal enemies'


@given(st.text(alphabet=st.sampled_from(list("ab -–—'’\"“\n\t\u00a0\u2009."))))
def test_quick_fold_matches_the_mapped_fold(text: str) -> None:
    assert fold(text) == Folded.of(text).text
