"""An answer offers the forms it has, and only those."""

from __future__ import annotations

import pytest
from actorgraph.present import Answer


def test_an_answer_offers_text_always_and_json_csv_and_others_only_where_it_has_them() -> None:
    bare = Answer(lambda: "words\n")
    assert bare.formats == ("text",) and bare.render("text") == "words\n"
    for missing in ("json", "csv", "markdown"):
        with pytest.raises(ValueError, match=f"this answer has no {missing} form"):
            bare.render(missing)
    full = Answer(
        lambda: "words\n",
        lambda: {"n": "ä"},
        lambda: (("n",), [{"n": "ä"}]),
        {"markdown": lambda: "*words*\n"},
    )
    assert full.formats == ("text", "json", "csv", "markdown")
    assert full.render("json") == '{\n  "n": "ä"\n}\n'  # not ASCII-escaped, indented
    assert full.render("csv").splitlines() == ["n", "ä"]
    assert full.render("markdown") == "*words*\n" and full.render("text") == "words\n"
