"""Reading YAML safely: never code run, never a hang, every refusal a line a curator can act on.

The one-fault-per-dataset cases live in fixtures/invalid (test_check.py); these are
the ones that are generated (too big or too odd to check in).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import process, run


@pytest.mark.parametrize(
    "text",
    [
        "actors: " + "[" * 200_000 + "\n",  # crashed PyYAML's recursive composer
        "actors: " + "[" * 100 + "]" * 100 + "\n",
        "actors:\n" + "".join(" " * i + "- \n" for i in range(0, 400, 2)),
        "actors: " + "{a: " * 5000 + "\n",
    ],
    ids=["200k-open-brackets", "100-nested-lists", "200-nested-block-lists", "5000-nested-mappings"],
)
def test_absurd_nesting_is_refused_in_bounded_time(small: Path, text: str) -> None:
    page = small / "build" / "graph.html"
    page.parent.mkdir()
    page.write_text("the last good page")
    (small / "data" / "actors.yaml").write_text(text)
    done = process("check", cwd=small)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("data/actors.yaml:")
    assert run("build").exit_code == 1
    assert page.read_text() == "the last good page"


def test_very_large_file_is_refused_without_reading_it_all(small: Path) -> None:
    big = small / "data" / "edges.yaml"
    with big.open("w") as fh:
        fh.write("edges:\n")
        line = "  - {source: alpha, target: beta, type: rival, evidence: [{doc: memo, quote: x}]}\n"
        fh.write(line * (100 * 1024 * 1024 // len(line)))
    done = process("check", cwd=small)
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == (
        "data/edges.yaml: file is larger than 64 MB, the limit "
        "(raise `max_file_mb` in data/settings.yaml if the map is really that large)"
    )


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system", "!!python/name:os.system", "!!binary", "!custom"])
def test_unsafe_or_unknown_tags_are_refused(small: Path, tag: str) -> None:
    actors = small / "data" / "actors.yaml"
    actors.write_text(
        actors.read_text().replace("description: An invented group.", f'description: {tag} "touch pwned"')
    )
    result = run("check")
    assert result.exit_code == 1, result.output
    assert "data/actors.yaml:11: YAML tag" in result.stderr
    assert not (small / "pwned").exists()


def test_bom_and_crlf_load_like_any_file(small: Path) -> None:
    for path in [*(small / "data").glob("*.yaml"), small / "seeds" / "sources.yaml", small / "seeds" / "memo.txt"]:
        text = path.read_text()
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    result = run("check")
    assert result.exit_code == 0, result.output
    assert result.stdout == "3 actors, 3 relations, 3 quotes verified in 1 source\n"


def test_two_documents_in_one_file_are_refused(small: Path) -> None:
    actors = small / "data" / "actors.yaml"
    actors.write_text(actors.read_text() + "---\nactors: []\n")
    result = run("check")
    assert result.exit_code == 1
    assert "more than one YAML document" in result.stderr


def test_complex_mapping_keys_are_refused(small: Path) -> None:
    actors = small / "data" / "actors.yaml"
    actors.write_text(actors.read_text().replace("    region: The northern valleys\n", "    ? [a, b]\n    : c\n"))
    result = run("check")
    assert result.exit_code == 1
    assert "data/actors.yaml:16: mapping keys must be plain words" in result.stderr


@pytest.mark.parametrize(
    ("file", "where"),
    [("data/edges.yaml", "last"), ("data/actors.yaml", "first")],
)
def test_a_quote_left_open_on_a_files_first_or_last_line_is_named_past_comments(
    small: Path, file: str, where: str
) -> None:
    """The syntax error at the end of the file points back at the line whose quote was never
    closed, even when that is the file's first line, or its last but a comment."""
    from actorgraph.dataset.load import load_dataset

    path = small / file
    text = path.read_text()
    if where == "last":
        text += '  - source: alpha\n    target: beta\n    type: allied\n    note: "never closed\n    # a "comment\n'
    else:
        text = 'actor_kinds: "oops\n' + text.split("\n", 1)[1]
    path.write_text(text)
    line = len(text.splitlines()) - 1 if where == "last" else 1  # a comment's quotes do not count
    _, problems = load_dataset(small / "data", small / "seeds")
    assert len(problems) == 1 and problems[0].message.startswith("YAML syntax error: "), problems
    assert problems[0].message.endswith(f" (is the quote opened on line {line} closed?)"), problems


def test_a_syntax_error_not_about_a_quote_blames_no_quote(small: Path) -> None:
    """An unclosed bracket is not put down to a quote: not even to one in a comment at the end of
    the file, after the error, which no scan reaches."""
    from actorgraph.dataset.load import load_dataset

    path = small / "data" / "actors.yaml"
    path.write_text(path.read_text().replace("aliases: [AF]", "aliases: [AF") + '    region: north # the "north\n')
    _, problems = load_dataset(small / "data", small / "seeds")
    assert [str(p) for p in problems] == [
        "data/actors.yaml:10:9: YAML syntax error: while parsing a flow sequence: did not find expected ',' or ']'"
    ], problems


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "actors:\n\t- id: a\n",
            "f.yaml:2:1: YAML syntax error: while scanning for the next token: found character that cannot start "
            "any token (YAML does not allow tabs for indentation; use spaces)",
        ),
        (
            'actors:\n  - id: a\n    name:\t"x\n',
            "f.yaml:3:11: YAML syntax error: while scanning a quoted scalar: found unexpected end of stream "
            "(YAML does not allow tabs for indentation; use spaces)",
        ),
        ("a: b:\tc\n", "f.yaml:1:5: YAML syntax error: mapping values are not allowed in this context"),
        (
            'b: c\na: "x\n',
            "f.yaml:2:4: YAML syntax error: while scanning a quoted scalar: found unexpected end of stream "
            "(is the quote opened on line 2 closed?)",
        ),
        (
            'a: "say \\"hi"\nb: [x\n',
            "f.yaml:3:1: YAML syntax error: while parsing a flow sequence: did not find expected ',' or ']'",
        ),
        (
            'a: "x"\nb: ["y", "z"\nc: d\n',
            "f.yaml:3:1: YAML syntax error: while parsing a flow sequence: did not find expected ',' or ']'",
        ),
        (
            'b: c\na: "x\n' + "  y\n" * 38,
            "f.yaml:2:4: YAML syntax error: while scanning a quoted scalar: found unexpected end of stream "
            "(is the quote opened on line 2 closed?)",
        ),
        (
            'b: c\na: "x\n' + "  y\n" * 39,
            "f.yaml:2:4: YAML syntax error: while scanning a quoted scalar: found unexpected end of stream",
        ),
        ("a:\n  b: " + "[" * 200 + "\n", "f.yaml:2: nested more than 64 levels deep; is a bracket or indentation off?"),
    ],
    ids=[
        "tab-indenting",
        "tab-before-the-fault",
        "tab-just-after-the-fault",
        "quote-open-on-last-line",
        "escaped-quote-is-no-opening",
        "closed-quotes-in-pairs",
        "quote-39-lines-up",
        "quote-40-lines-up-too-far",
        "too-deep",
    ],
)
def test_a_syntax_error_is_named_at_its_line_and_column_with_its_likely_cause(
    tmp_path: Path, text: str, problem: str
) -> None:
    """The problem names where the fault is and, where it can tell, why: a tab at or before the
    fault (not one just after it), a double quote opened and never closed (on the file's last
    line too; not an escaped quote, nor quotes that pair up; looked for up to 40 lines above the
    fault), nesting past the limit (at the line it passes it)."""
    from actorgraph.dataset.yamlsafe import read_yaml

    path = tmp_path / "f.yaml"
    path.write_text(text)
    value, problems = read_yaml(path, "f.yaml")
    assert value is None
    assert [str(p) for p in problems] == [problem]
