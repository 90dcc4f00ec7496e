"""`sources`: the bibliography in each form, a source's fields where each form puts them."""

from __future__ import annotations

import csv
import dataclasses
import io
import json

from actorgraph.dataset.model import Source, SourceKind
from actorgraph.network.records import SOURCE_FIELDS
from actorgraph.present.sources import sources_answer

from tests.factories import HERE, dataset

FULL = Source(
    id="gazette-2020", file="gazette.txt", kind="news", title="Fighting in the *north*", author="A. Writer",
    outlet="The Gazette", url="https://example.org/a", published="2020-01-15", accessed="2021-03",
    licence="CC BY-SA 4.0", language="fa-AF", text="Some text.", location=HERE,
)  # fmt: skip
BARE = Source(id="memo-2", file="memo-2.txt", kind="leaflet", text="Other text.", location=HERE)
NEWS = SourceKind(id="news", label="News", definition="A news article.", csl="article-newspaper", location=HERE)


def _answer(*sources: Source):  # type: ignore[no-untyped-def]
    data = dataset(["a"])
    return sources_answer(dataclasses.replace(data, sources={s.id: s for s in sources}, source_kinds={"news": NEWS}))


def test_a_source_becomes_a_csl_item_with_each_field_where_reference_managers_read_it() -> None:
    """The kind's CSL type (a kind the vocabulary does not name: "document"), the title, outlet,
    address, the author as a literal name, dates as date parts, language and licence; a field
    the source leaves out is left out of the item, not written empty."""
    full, bare = json.loads(_answer(FULL, BARE).render("csl-json"))
    assert full == {
        "id": "gazette-2020",
        "type": "article-newspaper",
        "title": "Fighting in the *north*",
        "container-title": "The Gazette",
        "URL": "https://example.org/a",
        "author": [{"literal": "A. Writer"}],
        "issued": {"date-parts": [[2020, 1, 15]]},
        "accessed": {"date-parts": [[2021, 3]]},
        "language": "fa-AF",
        "license": "CC BY-SA 4.0",
    }, full
    assert bare == {"id": "memo-2", "type": "document"}, bare


def test_the_bibliography_in_text_cites_each_source_after_its_id_wrapped_under_it() -> None:
    assert _answer(FULL, BARE).text().splitlines() == [
        "gazette-2020: A. Writer. “Fighting in the *north*”. The Gazette. 2020-01-15.",
        "    https://example.org/a (accessed 2021-03). Licence: CC BY-SA 4.0.",
        "memo-2: untitled (memo-2.txt).",
    ]


def test_the_bibliography_in_markdown_escapes_every_field_and_italicises_the_title() -> None:
    """For a pull-request comment: the title in italics (its own asterisks escaped, so they
    cannot end the italics), the id in bold, an untitled source named by its file."""
    lines = _answer(FULL, BARE).render("markdown")
    assert lines.splitlines(keepends=True)[-1].endswith(".\n")
    assert lines.splitlines() == [
        "- **gazette\\-2020**: A\\. Writer\\. *Fighting in the \\*north\\**\\. The Gazette\\. 2020\\-01\\-15\\. "
        "https\\://example\\.org/a \\(accessed 2021\\-03\\)\\. Licence\\: CC BY\\-SA 4\\.0\\.",
        "- **memo\\-2**: untitled (memo\\-2\\.txt)\\.",
    ], lines


def test_the_bibliography_as_json_and_csv_holds_every_source_field() -> None:
    answer = _answer(FULL, BARE)
    assert answer.formats == ("text", "json", "csv", "markdown", "csl-json")
    records = json.loads(answer.render("json"))
    assert [list(r) for r in records] == [list(SOURCE_FIELDS)] * 2
    assert records[0]["outlet"] == "The Gazette" and records[1]["title"] is None
    rows = list(csv.DictReader(io.StringIO(answer.render("csv"))))
    assert [r["id"] for r in rows] == ["gazette-2020", "memo-2"] and rows[0]["licence"] == "CC BY-SA 4.0"


def test_a_map_with_no_sources_says_how_to_add_one() -> None:
    answer = _answer()
    assert answer.text() == "No sources yet (add one with `actorgraph add-source`).\n"
    assert answer.render("markdown") == "No sources yet.\n"
    assert json.loads(answer.render("csl-json")) == []
