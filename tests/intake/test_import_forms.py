"""The forms `propose --from` reads, field by field: every shape of a W3C Web Annotation file,
the names LangExtract attributes and CSV columns may use, how a file's own mistakes are told
apart from a row's, and why a verified row is held back from `--accept-verified`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import actorgraph
import pytest
from actorgraph.dataset.model import Dataset
from actorgraph.intake.cues import rules
from actorgraph.intake.importers import Imported, held_because, read_file

ALLIED = "The Delta Cell may be allied with the Gamma Movement"
MET = "The Delta Cell met the Beta Brigade"
RIVALS = "The Alpha Front and the Beta Brigade are bitter rivals"


def _data(report: Path) -> Dataset:
    return actorgraph.load(report).whole


def _read(report: Path, name: str, content: Any, data: Dataset | None = None) -> Imported:
    path = report / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return read_file(path, data or _data(report))


def _found(imported: Imported) -> list[tuple[Any, ...]]:
    return [(p.source, p.type, p.target, p.confidence, p.attributed_to) for p in imported.proposals]


def _annotation(quote: str | None, body: Any, *, source: str = "report", **position: int) -> dict[str, Any]:
    selectors: list[dict[str, Any]] = []
    if position:
        selectors.append({"type": "TextPositionSelector", **position})
    if quote is not None:
        selectors.append({"type": "TextQuoteSelector", "exact": quote})
    return {"type": "Annotation", "body": body, "target": {"source": source, "selector": selectors}}


def _offsets(report: Path, words: str, shift: int = 0) -> dict[str, int]:
    start = (report / "seeds" / "report.txt").read_text().index(words) + shift
    return {"start": start, "end": start + len(words)}


def test_a_web_annotation_file_may_hold_one_annotation_a_list_or_a_collection(report: Path) -> None:
    """An annotation alone, a list of them, a collection with `items` and one with its first page
    under `first.items` (an empty page: no rows) are all read, with the same row."""
    one = _annotation(ALLIED, {"value": "allied", "source": "delta", "target": "gamma"})
    expected = [("delta", "allied", "gamma", None, None)]
    assert _found(_read(report, "one.json", one)) == expected
    assert _found(_read(report, "list.json", [one])) == expected
    assert _found(_read(report, "items.json", {"type": "AnnotationCollection", "items": [one]})) == expected
    paged = {"type": "AnnotationCollection", "first": {"type": "AnnotationPage", "items": [one]}}
    assert _found(_read(report, "paged.json", paged)) == expected
    empty = _read(report, "empty.json", {"type": "AnnotationCollection", "first": {"type": "AnnotationPage"}})
    assert (empty.kind, empty.rows, empty.proposals, empty.refused) == ("W3C Web Annotation", 0, (), ())


def test_a_web_annotations_body_names_the_type_hedge_and_speaker_in_either_spelling(report: Path) -> None:
    """`relation` or `value` names the type, `hedge` or `confidence` the hedge; `attributed_to`
    the speaker; of several bodies or targets the first is read."""
    said = "According to a UN report, the Alpha Front attacked the Gamma Movement"
    annotations = [
        _annotation(
            ALLIED, [{"relation": "allied", "source": "delta", "target": "gamma", "confidence": "possible"}, {}]
        ),
        _annotation(said, {"value": "attacked", "source": "alpha", "target": "gamma", "attributed_to": "a UN report"}),
        {
            "body": [{"value": "allied", "source": "delta", "target": "gamma", "hedge": "possible"}, {"value": "x"}],
            "target": [{"source": "report", "selector": {"type": "TextQuoteSelector", "exact": ALLIED}}, {}],
        },
    ]
    assert _found(_read(report, "notes.json", annotations)) == [
        ("delta", "allied", "gamma", "possible", None),
        ("alpha", "attacked", "gamma", None, "a UN report"),
        ("delta", "allied", "gamma", "possible", None),
    ]


def test_a_web_annotation_may_name_its_source_by_the_registered_url(report: Path) -> None:
    """`target.source` is a source's id or the `url` it is registered with."""
    sources = report / "seeds" / "sources.yaml"
    sources.write_text(
        sources.read_text().replace("    kind: report\n", "    kind: report\n    url: https://example.org/r\n")
    )
    got = _read(
        report,
        "u.json",
        [_annotation(MET, {"value": "allied", "source": "delta", "target": "beta"}, source="https://example.org/r")],
    )
    assert ([p.doc for p in got.proposals], got.refused) == (["report"], ())


def test_a_web_annotations_offsets_must_hold_its_quote(report: Path) -> None:
    """A position selector (whichever order the selectors come in) is checked: offsets four
    characters off are refused even though the words are elsewhere in the text; a pair of offsets
    not both numbers is ignored and the quote is found by its words."""
    body = {"value": "allied", "source": "delta", "target": "gamma"}
    wrong = _offsets(report, ALLIED, 4)
    right = _offsets(report, ALLIED)
    got = _read(
        report,
        "pos.json",
        [
            _annotation(ALLIED, body, **wrong),
            _annotation(ALLIED, body, **right),
            {"body": body, "target": {"source": "report", "selector": [
                {"type": "TextQuoteSelector", "exact": ALLIED},
                {"type": "TextPositionSelector", "start": wrong["start"], "end": wrong["end"]}]}},
            {"body": body, "target": {"source": "report", "selector": [
                {"type": "TextPositionSelector", "start": str(wrong["start"]), "end": wrong["end"]},
                {"type": "TextQuoteSelector", "exact": ALLIED}]}},
            {"body": body, "target": {"source": "report", "selector": [
                {"type": "TextPositionSelector", "start": wrong["start"], "end": str(wrong["end"])},
                {"type": "TextQuoteSelector", "exact": ALLIED}]}},
        ],
    )  # fmt: skip
    refusal = f"the words at {wrong['start']}..{wrong['end']} of 'report' are not the quote \"{ALLIED}\""
    assert got.refused == ((1, refusal), (3, refusal))
    assert [p.origin for p in got.proposals] == ["pos.json row 2", "pos.json row 4", "pos.json row 5"]


def test_an_annotation_without_a_body_or_a_quote_is_refused_by_its_number_and_the_rest_read(report: Path) -> None:
    """An annotation with no body, or with offsets but no quote, is one refused row, numbered;
    the annotations after it are still read."""
    body = {"value": "allied", "source": "delta", "target": "beta"}
    got = _read(
        report,
        "gaps.json",
        [
            {"type": "Annotation", "target": {"source": "report"}},
            {"type": "Annotation", "body": body, "target": {"source": "report", "selector": {
                "type": "TextPositionSelector", **_offsets(report, MET)}}},
            _annotation(MET, body),
        ],
    )  # fmt: skip
    assert got.refused == (
        (1, "no source given (a `doc` for the row, or --doc for the file)"),
        (2, "the quote must hold at least 3 words, not None"),
    )
    assert _found(got) == [("delta", "allied", "beta", None, None)]


def test_a_web_annotation_file_that_is_no_json_or_holds_no_object_is_refused_whole(report: Path) -> None:
    with pytest.raises(actorgraph.UsageError, match=r"bad\.json:2: not JSON \(Expecting value\)"):
        _read(report, "bad.json", "[\n  nonsense\n]")
    with pytest.raises(actorgraph.UsageError, match=r"list\.json: annotation 2 is not a JSON object"):
        _read(report, "list.json", [_annotation(MET, {}), "an annotation"])


def test_langextract_attributes_may_spell_the_hedge_and_speaker_either_way(report: Path) -> None:
    """`hedge` or `confidence`, `attributed_to` or `speaker`; a `relation` class without a type
    is a pair for the reviewer to type; an extraction naming only one end is a relation that
    lacks the other (refused), one naming neither is an entity (skipped); a pair of offsets
    not both numbers is ignored; a blank line ends nothing."""
    said = "According to a UN report, the Alpha Front attacked the Gamma Movement"
    lines = [
        {"extraction_class": "allied", "extraction_text": ALLIED,
         "attributes": {"source": "delta", "target": "gamma", "doc": "report", "hedge": "possible"}},
        {"extraction_class": "allied", "extraction_text": ALLIED, "char_interval": {"start_pos": 0, "end_pos": "9"},
         "attributes": {"source": "delta", "target": "gamma", "doc": "report", "confidence": "possible"}},
        {"extraction_class": "attacked", "extraction_text": said, "char_interval": {"start_pos": "9", "end_pos": 99},
         "attributes": {"source": "alpha", "target": "gamma", "doc": "report", "attributed_to": "a UN report"}},
        {"extraction_class": "relation", "extraction_text": MET,
         "attributes": {"source": "delta", "target": "beta", "doc": "report"}},
        {"extraction_class": "group", "extraction_text": "Delta Cell", "attributes": ["not", "a mapping"]},
        {"extraction_class": "rival", "extraction_text": RIVALS, "attributes": {"source": "alpha", "doc": "report"}},
        {"extraction_class": "rival", "extraction_text": RIVALS, "attributes": {"target": "beta", "doc": "report"}},
    ]  # fmt: skip
    text = "\n".join(json.dumps(line) for line in lines[:4]) + "\n\n" + "\n".join(json.dumps(x) for x in lines[4:])
    got = _read(report, "x.jsonl", text)
    assert (got.kind, got.rows) == ("LangExtract JSONL", 6)
    assert _found(got) == [
        ("delta", "allied", "gamma", "possible", None),
        ("delta", "allied", "gamma", "possible", None),
        ("alpha", "attacked", "gamma", None, "a UN report"),
        ("delta", None, "beta", None, None),
    ]
    assert got.refused == ((7, "a relation needs a source and a target"), (8, "a relation needs a source and a target"))


def test_a_langextract_file_with_a_line_it_cannot_read_is_refused_whole(report: Path) -> None:
    good = json.dumps({"extraction_class": "allied", "extraction_text": MET, "attributes": {"source": "delta"}})
    with pytest.raises(actorgraph.UsageError, match=r"a\.jsonl:2: not JSON \(Expecting value\)"):
        _read(report, "a.jsonl", good + "\noops\n")
    with pytest.raises(
        actorgraph.UsageError, match=r"b\.jsonl:2: expected a JSON object \(a document or an extraction\)"
    ):
        _read(report, "b.jsonl", good + "\n[1, 2]\n")
    with pytest.raises(actorgraph.UsageError, match=r"c\.jsonl:1: 'extractions' must be a list"):
        _read(report, "c.jsonl", json.dumps({"document_id": "report", "extractions": {"a": 1}}) + "\n")


def test_a_csv_may_name_its_hedge_and_speaker_columns_either_way(report: Path) -> None:
    said = "According to a UN report, the Alpha Front attacked the Gamma Movement"
    csv = (
        "source,type,target,doc,quote,confidence,speaker\n"
        f"delta,allied,gamma,report,{ALLIED},possible,\n"
        f'alpha,attacked,gamma,report,"{said}",,a UN report\n'
    )
    assert _found(_read(report, "r.csv", csv)) == [
        ("delta", "allied", "gamma", "possible", None),
        ("alpha", "attacked", "gamma", None, "a UN report"),
    ]
    with pytest.raises(
        actorgraph.UsageError, match="the CSV needs the columns source, type, target, doc, quote; it has no type, quote"
    ):
        _read(report, "short.csv", "source,target,doc\nalpha,beta,report\n")


SECOND = """A second invented report.

Not one fighter of the Alpha Front joined the Gamma Movement.
The No Surrender Front attacked the Gamma Movement in 2019.
The No Surrender Front did not attack the Beta Brigade.
The Alpha Front rejects any alliance with the Beta Brigade.
The Delta Cell may be allied with the Gamma Movement, likely since 2019.
"""


def test_a_verified_row_is_held_for_every_negation_denial_or_earlier_hedge_its_quote_holds(
    report: Path, tmp_path: Path
) -> None:
    """A negation opening the quote, a denial ("rejects"), a negation after a name that itself
    holds one: each holds the row back; a negation word inside an actor's own name does not. Of
    two hedges, the reason names the one the quote says first."""
    m = actorgraph.load(report)
    (tmp_path / "second.txt").write_text(SECOND, encoding="utf-8")
    m.add_source(tmp_path / "second.txt", kind="report", title="Second")
    m.add_actor(id="nsf", name="No Surrender Front", kind="group")
    rows = [
        ("alpha", "rival", "gamma", "Not one fighter of the Alpha Front joined the Gamma Movement"),
        ("nsf", "attacked", "gamma", "The No Surrender Front attacked the Gamma Movement"),
        ("nsf", "attacked", "beta", "The No Surrender Front did not attack the Beta Brigade"),
        ("alpha", "rival", "beta", "The Alpha Front rejects any alliance with the Beta Brigade"),
        ("delta", "allied", "gamma", "The Delta Cell may be allied with the Gamma Movement, likely since 2019"),
    ]
    csv = "source,type,target,doc,quote\n" + "".join(f'{s},{t},{o},second,"{q}"\n' for s, t, o, q in rows)
    got = _read(report, "held.csv", csv, m.whole)
    assert got.refused == ()
    compiled = rules(m.whole)
    assert [held_because(p, m.whole, compiled) for p in got.proposals] == [
        "its quote holds “Not”, a negation or denial",
        None,
        "its quote holds “not”, a negation or denial",
        "its quote holds “rejects”, a negation or denial",
        "its quote holds the hedge “may” (possible) but the row gives no hedge",
    ]


def test_a_files_form_is_told_by_its_name_or_else_by_its_first_character(report: Path) -> None:
    """`.ndjson` is JSONL too; a file of another name is read as Web Annotation when it opens
    (after blank space) with `{` or `[`, and refused otherwise; a `.json` file is Web Annotation
    whatever it holds; a file that cannot be read is named."""
    line = {"extraction_class": "allied", "extraction_text": MET, "attributes": {"source": "delta", "target": "beta"}}
    assert _read(report, "x.ndjson", json.dumps(line) + "\n").kind == "LangExtract JSONL"
    one = _annotation(MET, {"value": "allied", "source": "delta", "target": "beta"})
    opens_with_brace = _read(report, "export", "\n  " + json.dumps(one))
    assert (opens_with_brace.kind, _found(opens_with_brace)) == (
        "W3C Web Annotation",
        [("delta", "allied", "beta", None, None)],
    )
    assert _read(report, "export2", json.dumps([one])).kind == "W3C Web Annotation"
    with pytest.raises(
        actorgraph.UsageError, match=r"notes\.txt': cannot tell its form from its name; use \.jsonl, \.json or \.csv"
    ):
        _read(report, "notes.txt", "delta allied beta\n")
    with pytest.raises(actorgraph.UsageError, match=r"oops\.json:1: not JSON"):
        _read(report, "oops.json", "nonsense\n")
    with pytest.raises(actorgraph.UsageError, match=r"cannot read '.*nothere\.csv': file not found"):
        read_file(report / "nothere.csv", _data(report))


def test_each_bad_row_is_refused_with_its_own_reason(report: Path) -> None:
    """A quote too short to locate, an unknown type, hedge or source (with the name probably
    meant), and a row that names no source where the file gives none: each refused for itself;
    the rows that verify score 1.0 (their words are in the text), and `--doc` fills in a row's
    missing source."""
    rows = (
        "source,type,target,doc,quote,hedge\n"
        "alpha,rival,beta,report,bitter rivals,\n"
        "alpha,rivals,beta,report,are bitter rivals,\n"
        "delta,allied,gamma,report,Delta Cell may be allied,probable\n"
        "delta,allied,beta,reprot,The Delta Cell met the Beta Brigade,\n"
        "delta,allied,beta,,The Delta Cell met the Beta Brigade,\n"
    )
    got = _read(report, "rows.csv", rows)
    assert got.all_or_nothing and got.proposals == ()
    assert got.refused == (
        (2, "the quote must hold at least 3 words, not 'bitter rivals'"),
        (3, "unknown relation type 'rivals' (did you mean 'rival'?)"),
        (4, "unknown hedge 'probable' (did you mean 'possible'?)"),
        (5, "unknown source 'reprot' (did you mean 'report'?)"),
        (6, "no source given (a `doc` for the row, or --doc for the file)"),
    )
    given = read_file(report / "rows.csv", _data(report), default_doc="report")
    assert [(p.doc, p.origin, p.score) for p in given.proposals] == [("report", "rows.csv row 6", 1.0)]


def test_offsets_may_run_from_the_texts_first_character_to_its_last(report: Path) -> None:
    text = (report / "seeds" / "report.txt").read_text()
    first, last = "A field report invented", "met the Beta Brigade last spring."
    lines = [
        {"extraction_class": "rival", "extraction_text": first,
         "char_interval": {"start_pos": 0, "end_pos": len(first)}, "attributes": {"source": "alpha", "target": "beta"}},
        {"extraction_class": "rival", "extraction_text": last,
         "char_interval": {"start_pos": text.index(last), "end_pos": len(text)},
         "attributes": {"source": "delta", "target": "beta"}},
    ]  # fmt: skip
    got = read_file(_write(report, "edges.jsonl", lines), _data(report), default_doc="report")
    assert (got.refused, [p.quote for p in got.proposals]) == ((), [first, last])


def test_a_proposal_is_placed_in_the_sentence_its_quote_is_from(report: Path) -> None:
    """Whether the quote opens its sentence or closes it, the proposal's sentence is the whole
    of it (what `review` shows after "in:")."""
    text = (report / "seeds" / "report.txt").read_text()
    sentence = "The Delta Cell met the Beta Brigade last spring."
    rows = "source,type,target,doc,quote\n" + "".join(
        f"delta,allied,beta,report,{quote}\n" for quote in (MET, "met the Beta Brigade last spring.")
    )
    got = _read(report, "rows.csv", rows)
    assert [text[p.start : p.end] for p in got.proposals] == [sentence, sentence]


def test_offsets_that_take_in_the_blank_before_the_quote_still_place_it_in_its_sentence(report: Path) -> None:
    """Blanks are folded when offsets are checked, so offsets may start on the blank before the
    quote; the proposal is still placed in the quote's sentence, not cut and shifted by one."""
    text = (report / "seeds" / "report.txt").read_text()
    at = text.index(MET)
    line = {"extraction_class": "allied", "extraction_text": MET,
            "char_interval": {"start_pos": at - 1, "end_pos": at + len(MET)},
            "attributes": {"source": "delta", "target": "beta", "doc": "report"}}  # fmt: skip
    (p,) = read_file(_write(report, "x.jsonl", [line]), _data(report)).proposals
    assert text[p.start : p.end] == "The Delta Cell met the Beta Brigade last spring."


def _write(report: Path, name: str, lines: list[dict[str, Any]]) -> Path:
    path = report / name
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def test_rows_differing_in_type_or_source_are_separate_proposals_and_new_names_are_flagged(report: Path) -> None:
    """Two rows on the same words that differ only in type, or only in source, are two
    proposals (two ids); an extractor's row naming someone the map lacks is queued with that
    name flagged as new, for the curator to add first."""
    lines = [
        {"extraction_class": cls, "extraction_text": RIVALS, "attributes": {"source": src, "target": "beta"}}
        for cls, src in (("rival", "alpha"), ("allied", "alpha"), ("rival", "Omega Band"))
    ]
    got = read_file(_write(report, "x.jsonl", lines), _data(report), default_doc="report")
    assert [(p.source, p.type, p.new_actors) for p in got.proposals] == [
        ("alpha", "rival", ()),
        ("alpha", "allied", ()),
        ("Omega Band", "rival", ("Omega Band",)),
    ]
    assert len({p.id for p in got.proposals}) == 3


def test_a_quote_right_after_a_citation_marker_is_placed_in_its_own_sentence(report: Path, tmp_path: Path) -> None:
    """An encyclopedia's sentence may follow the last one's citation marker with no blank
    ("…rivals.[1]The Delta Cell …"): the quote opening it belongs to it, not to the one before."""
    m = actorgraph.load(report)
    entry = tmp_path / "entry.txt"
    entry.write_text("The Alpha Front and the Beta Brigade are rivals.[1]The Delta Cell met the Beta Brigade.\n")
    m.add_source(entry, kind="report", title="Entry")
    got = _read(report, "rows.csv", f"source,type,target,doc,quote\ndelta,allied,beta,entry,{MET}\n", m.whole)
    (p,) = got.proposals
    assert entry.read_text()[p.start : p.end] == "The Delta Cell met the Beta Brigade."
