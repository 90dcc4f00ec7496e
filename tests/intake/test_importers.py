"""`actorgraph propose --from FILE`: LangExtract JSONL, W3C Web Annotation and CSV, behind the verifier."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run

TEXT = "seeds/report.txt"


def _queue() -> list[dict]:
    return json.loads(run("review", "--list", "--all", "--format", "json").stdout)


def _at(report: Path, words: str) -> dict[str, int]:
    text = (report / TEXT).read_text()
    start = text.index(words)
    return {"start_pos": start, "end_pos": start + len(words)}


def test_a_langextract_file_with_one_invented_quote(report: Path) -> None:
    real = "the Alpha Front attacked the Gamma Movement"
    lines = [
        {"document_id": "report", "extractions": [
            {"extraction_class": "person", "extraction_text": "analysts", "attributes": {}},
            {"extraction_class": "attacked", "extraction_text": real, "char_interval": _at(report, real),
             "attributes": {"source": "Alpha Front", "target": "gamma", "speaker": "a UN report"}},
        ]},
        {"extraction_class": "relation", "extraction_text": "The Delta Cell met the Beta Brigade",
         "attributes": {"type": "allied", "source": "Delta Cell", "target": "BETA BRIGADE", "doc": "report"}},
        {"extraction_class": "rival", "extraction_text": "The Delta Cell declared war on the Alpha Front",
         "attributes": {"source": "delta", "target": "alpha", "doc": "report"}},
        {"extraction_class": "rival", "extraction_text": "Epsilon Group are bitter rivals",
         "attributes": {"source": "Epsilon Group", "target": "alpha", "doc": "report"}},
    ]  # fmt: skip
    path = report / "extractions.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    result = run("propose", "--from", "extractions.jsonl")
    assert result.exit_code == 1, result.output
    invented = '"The Delta Cell declared war on the Alpha Front"'
    assert f"extractions.jsonl:3: quote not found in 'report' (report.txt): {invented}" in result.stderr
    assert "extractions.jsonl:4: quote not found" in result.stderr  # Epsilon's words are not in the text either
    assert "LangExtract JSONL: 4 row(s), 2 verified, 2 new in the queue" in result.stdout
    assert "2 of 4 rows refused (not queued)" in result.stderr
    got = {(p["source"], p["type"], p["target"]): p for p in _queue()}
    assert set(got) == {("alpha", "attacked", "gamma"), ("delta", "allied", "beta")}
    assert got["alpha", "attacked", "gamma"]["attributed_to"] == "a UN report"
    assert got["alpha", "attacked", "gamma"]["origin"] == "extractions.jsonl row 1"
    assert not (report / "data" / "edges.yaml").read_text().count("source:")  # nothing reached the edges
    assert run("check").exit_code == 0
    again = run("propose", "--from", "extractions.jsonl")
    assert "2 verified, 0 new in the queue, 2 already there" in again.stdout


def test_offsets_must_hold_the_quote(report: Path) -> None:
    real = "the Alpha Front attacked the Gamma Movement"
    wrong = {"start_pos": _at(report, real)["start_pos"] + 4, "end_pos": _at(report, real)["end_pos"] + 4}
    line = {"extraction_class": "attacked", "extraction_text": real, "char_interval": wrong,
            "attributes": {"source": "alpha", "target": "gamma", "doc": "report"}}  # fmt: skip
    (report / "x.jsonl").write_text(json.dumps(line) + "\n")
    result = run("propose", "--from", "x.jsonl")
    assert result.exit_code == 1
    assert f"x.jsonl:1: the words at {wrong['start_pos']}..{wrong['end_pos']} of 'report' are not the quote" in (
        result.stderr
    )


CSV_HEAD = "source,type,target,doc,quote,hedge,attributed_to\n"


def test_a_csv_with_bad_rows_names_them_and_writes_nothing(report: Path) -> None:
    rows = (
        'Alpha Front,rival,Beta Brigade,report,"are bitter rivals, analysts say",,analysts\n'
        "Alpha Front,rival,Epsilon Group,report,are bitter rivals,,\n"
        "delta,allied,gamma,report,The Delta Cell is allied with the Gamma Movement,possible,\n"
        'beta,absorbed_fighters_from,gamma,report,"which lost fighters to the Beta Brigade",,\n'
    )
    (report / "relations.csv").write_text(CSV_HEAD + rows)
    result = run("propose", "--from", "relations.csv")
    assert result.exit_code == 1, result.output
    assert "relations.csv:3: unknown actor 'Epsilon Group'" in result.stderr
    assert "relations.csv:4: quote not found in 'report'" in result.stderr
    assert result.stderr.rstrip().endswith("2 problems found; nothing was written.")
    assert not (report / "data" / "proposals.yaml").exists()

    fixed = rows.replace("Epsilon Group", "Gamma Movement").replace("is allied", "may be allied")
    (report / "relations.csv").write_text(CSV_HEAD + fixed)
    result = run("propose", "--from", "relations.csv")
    assert result.exit_code == 0, result.output
    assert "CSV: 4 row(s), 4 verified, 4 new in the queue" in result.stdout
    assert {(p["source"], p["type"], p["target"]) for p in _queue()} == {
        ("alpha", "rival", "beta"), ("alpha", "rival", "gamma"), ("delta", "allied", "gamma"),
        ("beta", "absorbed_fighters_from", "gamma"),
    }  # fmt: skip


def test_accept_verified_writes_the_verified_rows_through_the_edit_path(report: Path) -> None:
    row = "delta,allied,gamma,report,Delta Cell may be allied with the Gamma Movement,possible,\n"
    (report / "r.csv").write_text(CSV_HEAD + row)  # names both ends, and gives the hedge its "may" says
    result = run("propose", "--from", "r.csv", "--accept-verified")
    assert result.exit_code == 0, result.output
    assert "accepted 1 verified relation(s)" in result.stdout
    assert (
        '        quote: "Delta Cell may be allied with the Gamma Movement"\n        confidence: possible\n'
        in (report / "data" / "edges.yaml").read_text()
    )
    assert run("check").exit_code == 0
    assert [p["status"] for p in _queue()] == ["accepted"]


def test_w3c_web_annotations(report: Path) -> None:
    real = "Delta Cell may be allied with the Gamma Movement"
    start = (report / TEXT).read_text().index(real)
    collection = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection",
        "first": {"type": "AnnotationPage", "items": [
            {"type": "Annotation",
             "body": {"type": "TextualBody", "purpose": "classifying", "value": "allied",
                      "source": "delta", "target": "gamma", "hedge": "possible"},
             "target": {"source": "report", "selector": [
                 {"type": "TextQuoteSelector", "exact": real, "prefix": "The ", "suffix": "."},
                 {"type": "TextPositionSelector", "start": start, "end": start + len(real)}]}},
            {"type": "Annotation",
             "body": {"type": "TextualBody", "relation": "rival", "source": "alpha", "target": "delta"},
             "target": {"source": "report",
                        "selector": {"type": "TextQuoteSelector", "exact": "Delta Cell hates the Alpha Front"}}},
        ]},
    }  # fmt: skip
    (report / "notes.json").write_text(json.dumps(collection))
    result = run("propose", "--from", "notes.json")
    assert result.exit_code == 1
    assert "notes.json:2: quote not found in 'report'" in result.stderr
    assert "W3C Web Annotation: 2 row(s), 1 verified, 1 new in the queue" in result.stdout
    (queued,) = _queue()
    assert (queued["source"], queued["type"], queued["target"], queued["confidence"]) == (
        "delta",
        "allied",
        "gamma",
        "possible",
    )
