"""The text tables of `list`: fitted to the terminal without cutting words in two."""

from __future__ import annotations

from actorgraph.present import WIDTH, table_text


def test_a_squeezed_column_keeps_its_words_whole() -> None:
    """A long name in a narrow column wraps at its spaces: "Coordination" is never cut into
    "Coordinatio" and "n", while each line keeps to the terminal's width when it can."""
    name = "Coordination des Mouvements de l'Azawad"
    columns = tuple((f"c{i}", f"column {i}") for i in range(7))
    text = table_text([{key: name for key, _ in columns}], columns, "none")
    words = [w for line in text.splitlines()[2:] for w in line.split()]
    assert words.count("Coordination") == 7 and "Coordinatio" not in words, text
    assert words.count("l'Azawad") == 7, text


def test_a_word_too_long_for_any_column_is_still_cut_to_fit() -> None:
    """Past LONG_WORD characters a word gives way: one URL-like token cannot push a table to
    twice the terminal's width."""
    token = "x" * 200
    text = table_text([{"a": token, "b": token}], (("a", "one"), ("b", "two")), "none")
    assert all(len(line) <= WIDTH for line in text.splitlines()), text
