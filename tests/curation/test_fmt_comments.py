"""fmt keeps every comment where the curator wrote it or lays out nothing: a comment line goes
with the line below it and a comment at a line's end with its key, however the layout moves
keys or quotation marks around them; the same comment twice counts twice."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run

HEAD = """actor_kinds:
  militant_group:
    label: Militant group
    definition: An organised armed group outside state control.
actors:
"""
ALPHA = "  - id: alpha\n    name: Alpha Front\n    # check\n    kind: militant_group\n"
BETA = "  - id: beta\n    name: Beta Brigade\n    # check\n    kind: militant_group\n"


def _fmt(small: Path, actors: str) -> tuple[int, str, str]:
    path = small / "data" / "actors.yaml"
    path.write_text(HEAD + actors)
    result = run("fmt")
    return result.exit_code, result.stderr, path.read_text()


def test_comments_that_stay_put_let_the_layout_change_around_them(small: Path) -> None:
    """Gamma's keys go back in order and its name loses its quotation marks; its comment stays
    on its name, and the two identical comments over alpha's and beta's kinds stay over them."""
    gamma = "  - name: 'Gamma Movement'  # the usual name\n    id: gamma\n    kind: militant_group\n"
    code, err, text = _fmt(small, ALPHA + BETA + gamma)
    assert code == 0, err
    assert text == HEAD + ALPHA + BETA + (
        "  - id: gamma\n    name: Gamma Movement    # the usual name\n    kind: militant_group\n"  # its column kept
    )


def test_a_comment_line_the_layout_would_move_is_refused_at_its_line(small: Path) -> None:
    gamma = "  - name: Gamma Movement\n    # founded in exile\n    id: gamma\n    kind: militant_group\n"
    code, err, text = _fmt(small, ALPHA + gamma)
    assert code == 1
    assert err.startswith(
        "error: data/actors.yaml:11: the canonical layout would lose or move the comment '# founded in exile';"
    ), err
    assert text == HEAD + ALPHA + gamma


def test_the_same_comment_twice_is_two_comments_each_to_keep(small: Path) -> None:
    """Alpha's "# check" stays over its kind; gamma's, over its kind too before the layout,
    would end up over its name: one of the two moves, and that one is refused."""
    gamma = "  - id: gamma\n    # check\n    kind: militant_group\n    name: Gamma Movement\n"
    code, err, _ = _fmt(small, ALPHA + gamma)
    assert code == 1
    assert "data/actors.yaml:11: the canonical layout would lose or move the comment '# check'" in err, err


def test_stacked_comment_lines_go_with_the_line_below_them_and_the_first_is_named(small: Path) -> None:
    """ "# a" and "# b" sit over gamma's id; the layout would leave them over its kind: the
    first of the two is the one the refusal names (each is anchored to the key below the
    stack, not to the comment under it)."""
    gamma = "  - name: Gamma Movement\n    # a\n    # b\n    id: gamma\n    kind: militant_group\n"
    code, err, _ = _fmt(small, ALPHA + gamma)
    assert code == 1
    assert "data/actors.yaml:11: the canonical layout would lose or move the comment '# a'" in err, err


def test_a_comment_the_layout_would_leave_at_the_end_of_the_file_is_refused(small: Path) -> None:
    """Over gamma's id, the file's last line, before; after the layout, over nothing."""
    gamma = "  - name: Gamma Movement\n    kind: militant_group\n    # the id\n    id: gamma\n"
    code, err, _ = _fmt(small, ALPHA + gamma)
    assert code == 1
    assert "data/actors.yaml:12: the canonical layout would lose or move the comment '# the id'" in err, err


def test_a_comment_over_the_first_key_stays_over_that_key_or_fmt_refuses(small: Path) -> None:
    """The file opens with a comment over `actors:`; the layout puts `actor_kinds:` first, so
    the comment would end up over the other key."""
    path = small / "data" / "actors.yaml"
    text = "# about the actors\nactors:\n" + ALPHA + HEAD.removesuffix("actors:\n")
    path.write_text(text)
    result = run("fmt")
    assert result.exit_code == 1
    assert "data/actors.yaml:1: the canonical layout would lose or move the comment '# about the actors'" in (
        result.stderr
    ), result.stderr
    assert path.read_text() == text
