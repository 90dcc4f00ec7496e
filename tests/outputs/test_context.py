"""A quote in its context: the sentences around it, cut from the source at build time."""

from __future__ import annotations

from actorgraph.dataset.quotes import Folded, find_quote
from actorgraph.outputs.page.context import quote_window, reading_text

Part = tuple[str, str]


def context(text: str, quote: str) -> list[Part] | None:
    """The window of a quote located as `check` locates it, each slice as the words the page
    cuts from the reading text: ("text", words), ("mark", quoted words) or ("gap", "")."""
    window = quote_window(text, tuple(find_quote(quote, Folded.of(text)) or ()))
    reading = reading_text(text)
    return None if window is None else [(kind, reading[a:b]) for kind, a, b in window]


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
    assert joined == "Intro.\n\nThe Beta Brigade absorbed fighters from the Gamma Movement in 2018. It grew.\nNext one."
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


def _sentences(n: int, words: int) -> list[str]:
    """n sentences of `words` words each, every one distinct: "S1 w w w ... end."."""
    return [f"S{i} " + "w " * words + "end." for i in range(1, n + 1)]


def _window_of(text: str, quote: str) -> str:
    """The context around `quote`, as the page's reader sees it, joined."""
    parts = context(text, quote)
    assert parts is not None
    return "".join(s for _, s in parts)


def test_a_quote_in_long_sentences_gets_one_sentence_either_side() -> None:
    s = _sentences(5, 40)  # about 85 characters each: one either side is context enough
    assert _window_of(" ".join(s), "S3 w w") == " ".join(s[1:4])


def test_a_quote_in_short_sentences_gets_two_either_side() -> None:
    s = _sentences(8, 3)
    assert _window_of(" ".join(s), "S4 w w") == " ".join(s[1:6])


def test_at_the_start_and_end_of_a_source_the_window_stops_at_its_edge() -> None:
    s = _sentences(8, 3)
    text = " ".join(s) + "\n"
    assert _window_of(text, "S1 w w") == " ".join(s[:3])
    assert _window_of(text, "S8 w w") == " ".join(s[5:])
    assert _window_of(text, "S7 w w") == " ".join(s[4:])


def test_a_quote_that_is_a_whole_sentence_is_not_counted_into_the_next() -> None:
    s = _sentences(5, 60)  # 125 characters each: one either side is context enough
    assert _window_of(" ".join(s), s[2]) == " ".join(s[1:4])


def test_a_very_long_sentence_is_cut_at_words_500_characters_either_side_and_the_cut_shown() -> None:
    text = "words " * 200 + "QUOTE HERE" + " words" * 200 + "."
    first = text.index("QUOTE")
    last = first + len("QUOTE HERE")
    window = quote_window(text, ((first, last),))
    # 500 characters before the quote falls inside a word: the cut moves on to the next word's
    # start (and, after the quote, back to the last word's end), never into the quote.
    assert window == [("gap", 0, 0), ("text", 702, first), ("mark", first, last), ("text", last, 1708), ("gap", 0, 0)]
    assert text[701] == " " and text[1708] == " " and first - 702 <= 500 and 1708 - last <= 500


def test_a_long_stretch_between_the_fragments_of_an_elided_quote_is_itself_elided() -> None:
    text = "The Alpha Front, it is said, " + "said " * 100 + "the Gamma Movement."
    a, b = text.index("Alpha Front"), text.index("Gamma Movement")
    spans = ((a, a + len("Alpha Front")), (b, b + len("Gamma Movement")))
    window = quote_window(text, spans)
    assert window is not None
    after, upto = spans[0][1], spans[1][0]
    # up to 110 characters kept after the first fragment and before the second, cut between words
    assert window == [
        ("text", 0, a),
        ("mark", *spans[0]),
        ("text", after, after + 108),
        ("gap", 0, 0),
        ("text", upto - 109, upto),
        ("mark", *spans[1]),
        ("text", spans[1][1], len(text)),
    ]
    assert text[after + 108] == " " and text[upto - 110] == " "
    near = "The Alpha Front " + "said " * 40 + "the Gamma Movement."
    a, b = near.index("Alpha Front"), near.index("Gamma Movement")
    kept = quote_window(near, ((a, a + 11), (b, b + 14)))
    assert kept is not None and ("gap", 0, 0) not in kept and ("text", a + 11, b) in kept


def test_lines_that_only_wrap_are_joined_and_paragraph_and_sentence_breaks_kept() -> None:
    text = "A line that\nwraps.\nA new line after a sentence.\n\nA paragraph. Spaces \t \nbefore a wrap\n  and after"
    reading = reading_text(text)
    assert len(reading) == len(text)  # offsets still apply
    assert reading == (
        "A line that wraps.\nA new line after a sentence.\n\nA paragraph. Spaces \t  before a wrap   and after"
    )
    for closer in ("!", "?", "…", '"', "'", "”", "’", ")", "]"):
        assert reading_text(f"He said so{closer}\nThen") == f"He said so{closer}\nThen"
    assert reading_text("\nStarts with a break\n") == " Starts with a break "
    # a blank line keeps its breaks whatever precedes it, spaces in it or not; so does a
    # sentence's end with spaces after it
    kept = "\n\nHeading\n\nText\n \nMore. \nLast"
    assert reading_text(kept) == kept
    assert reading_text(")\nNext") == ")\nNext"


def test_a_quote_with_240_characters_around_it_is_not_widened() -> None:
    quote = "The Alpha Front attacked."
    # 119 characters and a space before; a space, 118 characters and a space after
    around = ["A" + "a" * 117 + ".", "B" + "b" * 116 + "."]
    text = " ".join(["Far before.", around[0], quote, around[1], "Far after."])
    assert _window_of(text, quote) == " ".join([around[0], quote, around[1]])


def test_no_spans_no_window() -> None:
    assert quote_window(TEXT, ()) is None


def test_a_source_written_without_spaces_keeps_its_context_cut_where_it_is() -> None:
    """Thai, Burmese, Chinese and Japanese put no spaces between words: a cut that waited for a
    space would find none and drop the whole context, leaving the quote alone between gaps."""
    text = "中" * 700 + "阿尔法阵线" + "国" * 700 + "。"
    first = text.index("阿")
    window = quote_window(text, ((first, first + 5),))
    assert window == [("gap", 0, 0), ("text", first - 500, first), ("mark", first, first + 5),
                      ("text", first + 5, first + 505), ("gap", 0, 0)]  # fmt: skip
    # a space up to 39 characters on is waited for; one further is not
    for gap, moved in ((38, 39), (39, 0)):
        spaced = text[: first - 500 + gap] + " " + text[first - 500 + gap + 1 :]
        assert (quote_window(spaced, ((first, first + 5),)) or [])[1] == ("text", first - 500 + moved, first)
    # after the quote, the cut moves back to the last space near it
    end = first + 505
    spaced = text[: end - 3] + " " + text[end - 2 :]
    assert (quote_window(spaced, ((first, first + 5),)) or [])[-2] == ("text", first + 5, end - 3)


def test_a_quote_elided_twice_marks_all_three_fragments_with_the_words_between() -> None:
    text = "One. The Alpha Front and the Beta Brigade fought the Gamma Movement. Two."
    spans = tuple((text.index(w), text.index(w) + len(w)) for w in ("Alpha Front", "Beta Brigade", "Gamma Movement"))
    assert quote_window(text, spans) == [
        ("text", 0, spans[0][0]),
        ("mark", *spans[0]),
        ("text", spans[0][1], spans[1][0]),
        ("mark", *spans[1]),
        ("text", spans[1][1], spans[2][0]),
        ("mark", *spans[2]),
        ("text", spans[2][1], len(text)),
    ]


def test_how_wide_a_window_is_depends_on_the_words_around_the_quote_not_where_it_is() -> None:
    s = _sentences(20, 3)
    assert _window_of(" ".join(s), "S15 w w") == " ".join(s[12:17])


def test_the_window_has_no_empty_part_and_no_whitespace_at_its_ends() -> None:
    text = "\n\n  The Alpha Front attacked. Then it left.\n\n"
    quote = "The Alpha Front"
    at = text.index(quote)
    assert quote_window(text, ((at, at + len(quote)),)) == [
        ("mark", at, at + len(quote)),
        ("text", at + len(quote), text.index("left.") + 5),
    ]
    text = "\n\n Before it. The Alpha Front attacked."
    at = text.index(quote)
    assert (quote_window(text, ((at, at + len(quote)),)) or [])[0] == ("text", text.index("Before"), at)


def test_up_to_500_characters_either_side_are_kept_whole() -> None:
    before, after = "w" * 498 + ". ", " " + "w" * 498 + "."
    text = before + "QUOTE" + after
    first = len(before)
    assert quote_window(text, ((first, first + 5),)) == [
        ("text", 0, first), ("mark", first, first + 5), ("text", first + 5, len(text))
    ]  # fmt: skip


def test_up_to_320_characters_between_fragments_are_kept_whole_wherever_the_quote_is() -> None:
    lead = "Lead sentence. " * 30  # the quote well into the source
    for between, elided in ((320, False), (321, True)):
        text = lead + "Alpha" + " " * between + "Beta."
        a, b = text.index("Alpha"), text.index("Beta")
        window = quote_window(text, ((a, a + 5), (b, b + 4)))
        assert (("gap", 0, 0) in (window or [])) is elided, between
