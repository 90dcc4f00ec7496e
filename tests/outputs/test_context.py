"""A quote in its context: the sentences around it, cut from the source at build time."""

from __future__ import annotations

from actorgraph.dataset.quotes import Folded, find_quote
from actorgraph.outputs.page.context import Part, quote_context


def context(text: str, quote: str) -> list[Part] | None:
    """The context of a quote located as `check` locates it."""
    return quote_context(text, tuple(find_quote(quote, Folded.of(text)) or ()))


TEXT = (
    "First sentence here. Mr. Smith met the U.S. envoy on Aug. 20 in Kabul. The Alpha Front "
    "may be allied with the Gamma Movement, analysts say. A fourth sentence follows.\n\n"
    "A new paragraph starts. And it ends."
)


def test_wrapped_lines_join_and_paragraphs_stay_apart() -> None:
    text = "Intro.\n\nThe Beta Brigade absorbed fighters from\nthe Gamma Movement in 2018. It grew.\nNext one."
    parts = context(text, "absorbed fighters from the Gamma Movement")
    assert parts is not None
    joined = "".join(s for _, s in parts)
    assert joined == ("Intro.\nThe Beta Brigade absorbed fighters from the Gamma Movement in 2018. It grew.\nNext one.")
    assert ("mark", "absorbed fighters from the Gamma Movement") in parts


def test_the_quote_is_marked_in_its_sentence_with_neighbours() -> None:
    parts = context(TEXT, "may be allied with the Gamma Movement")
    assert parts is not None
    marks = [s for kind, s in parts if kind == "mark"]
    assert marks == ["may be allied with the Gamma Movement"]
    joined = "".join(s for _, s in parts)
    assert joined.startswith("First sentence here.") or joined.startswith("Mr. Smith")
    assert "A fourth sentence follows." in joined


def test_elided_quotes_mark_each_fragment() -> None:
    parts = context(TEXT, "Mr. Smith met the U.S. envoy ... The Alpha Front")
    assert parts is not None
    assert [s for kind, s in parts if kind == "mark"] == ["Mr. Smith met the U.S. envoy", "The Alpha Front"]
    assert ("text", " on Aug. 20 in Kabul. ") in parts


def test_a_quote_not_in_the_text_has_no_context() -> None:
    assert context(TEXT, "not in the text at all") is None
