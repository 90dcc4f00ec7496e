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


def test_a_table_aligns_its_columns_two_spaces_apart_and_writes_each_kind_of_value_plainly() -> None:
    """Headings, a rule as wide as each column, cells padded to it (no trailing spaces);
    yes/no for flags, three decimals for figures, nothing for a missing value."""
    rows = [
        {"id": "a", "flag": True, "score": 0.5, "none": None},
        {"id": "bb", "flag": False, "score": 1.0, "none": "x"},
    ]
    columns = (("id", "id"), ("flag", "flag"), ("score", "score"), ("none", "none"))
    assert table_text(rows, columns, "empty").splitlines() == [
        "id  flag  score  none",
        "--  ----  -----  ----",
        "a   yes   0.500",
        "bb  no    1.000  x",
    ]
    assert table_text([], columns, "Nothing matches.") == "Nothing matches.\n"


QUOTE = (
    "the fighters of the movement were seen crossing the river at dawn with the support of the allied "
    "brigade and its commanders"
)
OTHER = "an organisation with a very long descriptive name that goes on and on"


def test_the_kept_column_holds_half_the_width_while_the_others_give_way() -> None:
    """A quote (`keep`) keeps 40 of the 80 columns when the table must shrink; without `keep`
    the widest column gives way first, so the two long ones end as wide as each other."""
    columns = (("s", "source"), ("o", "other"), ("line", "quote"))
    rows = [{"s": "Alpha", "o": OTHER, "line": QUOTE}]
    assert table_text(rows, columns, "none", "line").splitlines() == [
        "source  other                           quote",
        "------  ------------------------------  ----------------------------------------",
        "Alpha   an organisation with a very     the fighters of the movement were seen",
        "        long descriptive name that      crossing the river at dawn with the",
        "        goes on and on                  support of the allied brigade and its",
        "                                        commanders",
    ]
    assert table_text(rows, columns, "none").splitlines() == [
        "source  other                                quote",
        "------  -----------------------------------  -----------------------------------",
        "Alpha   an organisation with a very long     the fighters of the movement were",
        "        descriptive name that goes on and    seen crossing the river at dawn",
        "        on                                   with the support of the allied",
        "                                             brigade and its commanders",
    ]


def test_columns_of_short_words_give_way_to_eight_characters_and_no_further() -> None:
    """Nine columns of one-letter words cannot fit 80 characters: each narrows to eight and
    stops there, and the table runs past the width rather than into unreadable slivers."""
    letters = " ".join("abcdefghijklmnopqrstuvwxyz")
    columns = tuple((f"c{i}", f"col{i}") for i in range(9))
    lines = table_text([{key: letters for key, _ in columns}], columns, "none").splitlines()
    assert lines[1] == "  ".join(["-" * 8] * 9), lines
    assert lines[2].split("  ")[0] == "a b c d", lines


def test_a_hyphenated_name_breaks_at_its_hyphens() -> None:
    letters = " ".join("abcdefghijklmnopqrstuvwxyz" * 2)
    columns = tuple((f"c{i}", f"col{i}") for i in range(5))
    row = {key: letters for key, _ in columns} | {"c4": "Jama'at-ul-Mujahideen-Bangladesh-affiliated cells"}
    lines = table_text([row], columns, "none").splitlines()
    assert [line.rsplit("  ", 1)[-1].strip() for line in lines[2:7]] == [
        "Jama'at-ul-",
        "Mujahideen-",
        "Bangladesh-",
        "affiliated",
        "cells",
    ], lines


def test_a_squeezed_column_cuts_a_word_past_fourteen_characters_there() -> None:
    word = "abcdefghijklmnopqrst"  # 20 characters, in each of seven columns: 152 wide as they are
    columns = tuple((f"c{i}", f"col{i}") for i in range(7))
    lines = table_text([{key: word for key, _ in columns}], columns, "none").splitlines()
    assert lines[1:] == [
        "  ".join(["-" * 14] * 7),
        "  ".join(["abcdefghijklmn"] * 7),
        "  ".join(["opqrst".ljust(14)] * 7).rstrip(),
    ]


def test_list_evidence_reads_each_quote_with_its_citation_under_its_relation(small) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import run

    result = run("list", "evidence")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["source", "relation", "target", "quote"]
    text = " ".join(result.stdout.split())
    assert "Alpha Front rival Beta Brigade “The Alpha Front and the Beta Brigade are bitter rivals” — memo" in text
    assert "according to analysts; possible" in text  # the quote's own speaker and hedge
