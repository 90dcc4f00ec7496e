"""The field-kind registry: each kind converts, refuses in plain words, and describes itself."""

from __future__ import annotations

import datetime

import pytest
from actorgraph.dataset.fields import (
    DATE,
    FLAG,
    LANGUAGE,
    PERIOD,
    RECORDS,
    SIGN,
    SLUG,
    TEXT,
    TEXT_LIST,
    URL,
    Choice,
    Integer,
    Invalid,
)
from actorgraph.dataset.yamlsafe import YList, YMap


def ylist(*items: object) -> YList:
    out = YList(1)
    out.extend(items)
    return out


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        (TEXT, "  Alpha  ", "Alpha"),
        (TEXT, 1984, "1984"),
        (SLUG, "isis-k", "isis-k"),
        (FLAG, False, False),
        (SIGN, -1, -1),
        (PERIOD, 2015, "2015"),
        (PERIOD, "2015-08", "2015-08"),
        (Integer(0, 100), 100, 100),
        (Choice(("a", "b")), "b", "b"),
        (TEXT_LIST, ylist("A", "B"), ("A", "B")),
        (LANGUAGE, "fa-AF", "fa-AF"),
        (DATE, "2021-08-27", "2021-08-27"),
        (DATE, datetime.date(2021, 8, 27), "2021-08-27"),  # YAML reads a full date as a date
        (DATE, 2021, "2021"),
        (DATE, "2020-02-29", "2020-02-29"),
        (DATE, "0001-01", "0001-01"),  # the first year there is; 0000 is refused
        (URL, "https://example.org/a", "https://example.org/a"),
        (RECORDS, ylist("x"), ["x"]),
    ],
)
def test_kinds_convert_what_they_accept(kind, value, expected) -> None:  # type: ignore[no-untyped-def]
    assert kind.convert(value) == expected


@pytest.mark.parametrize(
    ("kind", "value", "said"),
    [
        (TEXT, True, "the boolean true (put it in quotes if you mean the word)"),
        (TEXT, "   ", "an empty string"),
        (TEXT, "a\u200bb", "U+200B (ZERO WIDTH SPACE)"),
        (SLUG, "Two Words", "the string 'Two Words'"),
        (FLAG, "yes", "the string 'yes'"),
        (SIGN, 2, "the number 2"),
        (SIGN, True, "the boolean true"),
        (PERIOD, "2015-13", "the string '2015-13'"),
        (PERIOD, "0000", "the string '0000'"),
        (PERIOD, 15, "the number 15"),
        (Integer(0, 100), 101, "the number 101"),
        (Integer(), 1.5, "the number 1.5"),
        (Choice(("a", "b")), "c", "the string 'c'"),
        (TEXT_LIST, "A", "(write [A] for a list of one)"),
        (TEXT_LIST, ylist("A", 3), "a list holding the number 3"),
        (LANGUAGE, "Farsi", "the string 'Farsi'"),
        (SLUG, "A" * 40, f"the string '{'A' * 40}'"),  # shown whole up to 40 characters
        (SLUG, "B" * 41, f"the string '{'B' * 37}...'"),  # past that, cut with an ellipsis
        (DATE, "2021-02-29", "the string '2021-02-29'"),  # no such day
        (DATE, "0000-01", "the string '0000-01'"),
        (DATE, True, "the boolean true"),
        (URL, "example.org", "the string 'example.org'"),
        (RECORDS, "a quote", "the string 'a quote'"),
        (TEXT_LIST, ylist("A", "  "), "a list holding an empty string"),
        (TEXT, None, "nothing"),
        (TEXT_LIST, YMap(1), "a mapping"),
        (SIGN, 0.5, "the number 0.5"),
        (TEXT, datetime.time(1, 30), "a time (01:30:00)"),
    ],
)
def test_kinds_say_what_a_wrong_value_is(kind, value, said) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Invalid, match=None) as caught:
        kind.convert(value)
    assert said in str(caught.value)


def test_command_line_text_becomes_what_the_file_holds() -> None:
    assert PERIOD.from_text("2015") == 2015  # written `since: 2015`, as curators write it
    assert PERIOD.from_text("2015-08") == "2015-08"
    assert FLAG.from_text("False") is False
    assert Integer(0, 100).from_text("50") == 50
    with pytest.raises(Invalid, match="the string 'fifty'"):
        Integer(0, 100).from_text("fifty")
    with pytest.raises(Invalid):
        PERIOD.from_text("August 2015")
    assert FLAG.from_text(" TRUE ") is True
    with pytest.raises(Invalid, match="the string 'maybe'"):
        FLAG.from_text("maybe")


def test_each_kind_describes_itself_as_json_schema() -> None:
    assert SLUG.schema()["pattern"].startswith("^")
    assert Choice(("a", "b")).schema() == {"enum": ["a", "b"]}
    assert Integer(0, 100).schema() == {"type": "integer", "minimum": 0, "maximum": 100}
    assert SIGN.schema() == {"enum": [-1, 0, 1]}


@pytest.mark.parametrize(
    ("value", "named"),
    [(None, "nothing"), ("  \t", "an empty string"), ("x", "the string 'x'"), (False, "the boolean false")],
)
def test_a_value_is_named_as_a_curator_would_name_it(value: object, named: str) -> None:
    """Every "must be ..., not X" message ends with this name, so it is pinned whole here."""
    from actorgraph.dataset.fields import describe

    assert describe(value) == named


def test_each_kind_says_what_it_expects_in_the_words_a_message_uses() -> None:
    """As in "'rank' must be a whole number from 0 to 100, not ...": bounds only when both are given."""
    assert Integer(0, 100).expected == "a whole number from 0 to 100"
    assert Integer().expected == Integer(0).expected == Integer(None, 5).expected == "a whole number"
    assert Choice(("supports", "disputes")).expected == "one of supports, disputes"
