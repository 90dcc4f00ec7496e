"""Quote matching forgives copy-paste differences and nothing else."""

from __future__ import annotations

import pytest
from actorgraph.dataset.quotes import Folded, closest_passage, find_quote, fold, out_of_order
from hypothesis import given
from hypothesis import strategies as st

ORIGINAL = (
    "ISIS-K and the Taliban are “mortal enemies” — something to do with\n"
    "which brother is the true inheritor. It’s strongly believed that ISIS-K did it."
)
TEXT = Folded.of(ORIGINAL)


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
        "enemies”—something",  # spaces around a dash
        'enemies" -- something',  # a double hyphen for a dash
        "It\u200b’s strongly\u00ad believed",  # invisible characters
        "It\u02bcs strongly believed",  # modifier-letter apostrophe
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


def test_closest_passage_shows_what_the_text_says_in_its_own_characters() -> None:
    near = closest_passage("ISIS-K and the Taliban are sworn enemies", TEXT, ORIGINAL)
    assert near == "ISIS-K and the Taliban are “mortal enemies"


def test_fragments_out_of_order_are_named_as_such() -> None:
    assert out_of_order("the true inheritor ... ISIS-K and the Taliban", TEXT)
    assert not out_of_order("ISIS-K and the Taliban ... the true inheritor", TEXT)
    assert closest_passage("the true inheritor ... ISIS-K and the Taliban", TEXT, ORIGINAL) is None


def test_very_short_or_odd_quotes_do_not_crash_the_hint() -> None:
    for quote in ["Ta", "x", "zzzzzzzzzzzzzzzzzzzz", "-", "'"]:
        closest_passage(quote, TEXT, ORIGINAL)


@given(st.text(alphabet=st.sampled_from(list("ab -–—'’\"“\n\t\u00a0\u2009.\u200b\u00ad"))))
def test_quick_fold_matches_the_mapped_fold(text: str) -> None:
    assert fold(text) == Folded.of(text).text


# --- quotes at the edges of the text and inside longer words (cases mutation testing found) ---


@pytest.mark.parametrize(
    ("text", "quote", "found"),
    [
        ("Taliban rule began in Kabul", "Taliban rule", True),  # at the very start
        ("Kabul fell to the Taliban", "to the Taliban", True),  # at the very end
        ("Taliban", "Taliban", True),  # the whole text
        ("ProTaliban groups grew", "Taliban groups", False),  # inside a longer word
        ("the groups grew Talibanism", "grew Taliban", False),
        ("Talibanists and the Taliban met", "Taliban met", True),  # a later whole-word match
        ("ISIS-KK or ISIS-K here", "ISIS-K here", True),
    ],
)
def test_a_quote_matches_whole_words_wherever_it_sits(text: str, quote: str, found: bool) -> None:
    spans = find_quote(quote, Folded.of(text))
    assert (spans is not None) is found
    if spans:
        start, end = spans[0][0], spans[-1][1]
        assert text[start:end].casefold() == quote.casefold()


def test_the_first_whole_word_match_is_the_one_found() -> None:
    text = "the pact. Later the pact held. Then the pact broke."
    spans = find_quote("the pact", Folded.of(text))
    assert spans and spans[0][0] == 0


def test_the_hint_widens_to_whole_words_at_the_edges_of_the_text() -> None:
    text = "Absorbed fighters from the Gamma Movement joined"
    # A near miss at the very start: the hint starts at the text's first word, whole.
    hint = closest_passage("Absorbed fighter from the Gamma Movement", Folded.of(text), text)
    assert hint is not None and hint.startswith("Absorbed fighters from the Gamma Movement")
    # ... even when the quote's very first letter is the mistake.
    hint = closest_passage("Ebsorbed fighters from the Gamma Movement", Folded.of(text), text)
    assert hint is not None and hint.startswith("Absorbed fighters")
    ending = "They say the Alpha Front absorbed fighters from the Gamma"
    hint = closest_passage("absorbed fighter from the Gamma", Folded.of(ending), ending)
    assert hint is not None and hint.endswith("the Gamma")


@given(st.text(alphabet=st.sampled_from(list("ab -–—'’\"“\n\t\u00a0\u2009.\u200b\u00ad`\u02bc"))))
def test_each_folded_character_points_at_the_character_it_comes_from(text: str) -> None:
    """The position map is breakpoints, not a list per character: it must still say, for every
    folded character, where in the original it comes from, in order."""
    folded = Folded.of(text)
    origins = [folded.origin[i] for i in range(len(folded.text))]
    assert origins == sorted(set(origins))
    for ch, at in zip(folded.text, origins, strict=True):
        assert (ch == " " and text[at].isspace()) or fold(text[at]) == ch


def test_single_and_double_quotation_marks_are_the_same_words() -> None:
    text = Folded.of("He said the group was \u2018pushed to the wall\u2019 by then.")
    assert find_quote('was "pushed to the wall" by then', text) == [(18, 50)]


def test_a_reference_works_citation_markers_may_be_kept_or_left_out() -> None:
    original = "They fled to Afghanistan,[46] where some of them joined.[47][48] More came [citation needed]."
    text = Folded.of(original)
    (left_out,) = find_quote("fled to Afghanistan, where some of them joined", text) or []
    assert original[left_out[0] : left_out[1]] == "fled to Afghanistan,[46] where some of them joined"
    assert find_quote("Afghanistan,[46] where some of them", text)
    assert find_quote("joined. More came", text)


def test_words_in_brackets_are_words_not_markers() -> None:
    """A news quote's editorial insertion ("[the Taliban]") cannot be skipped like a marker."""
    text = Folded.of("He said [the Taliban] would hold fire.")
    assert find_quote("He said would hold fire", text) is None
    assert find_quote("He said [the Taliban] would hold fire", text)
