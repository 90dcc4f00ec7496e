"""Where `check` says a quote goes wrong, it shows the passage the quote was most likely copied
from: the place most of the quote's longest words agree on, not the first place one of them
appears (a text names its groups many times)."""

from __future__ import annotations

from actorgraph.dataset.quotes import Folded, closest_passage

FILLER = " ".join(["The talks went on through the winter without any result at all."] * 4)
PASSAGE = "Later the commanders of the Gamma Movement defected to the Alpha Front in 2015."
MISQUOTED = "the commanders of the Gamma Movement defectd to the Alpha Front"


def _hint(text: str, quote: str = MISQUOTED) -> str | None:
    return closest_passage(quote, Folded.of(text), text)


def test_the_passage_most_words_agree_on_beats_an_earlier_mention() -> None:
    text = f"Gamma Movement leaders met the Alpha Front. {FILLER} {PASSAGE}"
    hint = _hint(text)
    assert hint is not None and "commanders of the Gamma Movement defected to the Alpha Front" in hint, hint


def test_a_later_mention_of_the_longest_word_is_found_past_an_earlier_one() -> None:
    """The quote's longest word first appears in a passage that is not the quote's."""
    text = f"Their commanders said nothing. {FILLER} {PASSAGE}"
    hint = _hint(text)
    assert hint is not None and "commanders of the Gamma Movement defected" in hint, hint


def test_a_quote_of_the_texts_opening_words_is_found_at_the_start() -> None:
    text = f"Commanders of the Gamma Movement defected to the Alpha Front in 2015. {FILLER}"
    hint = _hint(text, "Commanders of the Gamma Movement defectd to the Alpha")
    assert hint is not None and hint.startswith("Commanders of the Gamma Movement defected"), hint


def test_a_quote_in_fragments_is_hinted_at_the_fragment_that_goes_wrong() -> None:
    """ "A ... B": A is there (at the very start of the text), B is misquoted: the hint shows
    what the text says where B should be, not A."""
    text = f"Alpha met Beta in the hills. {FILLER} Gamma defected to the Alpha Front later on."
    hint = _hint(text, "Alpha met Beta in the hills ... Gamma defectd to the Alpha Front later")
    assert hint is not None and "Gamma defected to the Alpha Front later" in hint, hint


def test_a_fragment_is_looked_for_only_after_the_one_before_it() -> None:
    """The second fragment appears only before the first: that fragment is where the quote goes
    wrong, though the third is misquoted too."""
    text = f"Gamma defected to the Alpha Front later on. {FILLER} Alpha met Beta in the hills. Delta left the valley."
    quote = "Alpha met Beta in the hills ... Gamma defected to the Alpha Front ... Delta leftt the valley"
    hint = _hint(text, quote)
    assert hint is not None and "Gamma defected to the Alpha Front" in hint and "Delta" not in hint, hint


def test_the_hint_is_widened_to_whole_words_inside_the_text() -> None:
    """A near miss that starts and ends inside words is shown from the first word's start to
    the last word's end, not cut mid-word."""
    text = f"{FILLER} Reports said that the commanders of the Gamma Movement defected to the Alphabets. {FILLER}"
    hint = _hint(text, "ommanders of the Gamma Movement defectd to the Alphab")
    assert hint is not None and hint.startswith("commanders") and hint.endswith("Alphabets"), hint
