"""fmt, add-actor and add-relation: edits that keep the curator's comments and layout."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run


def _comments(path: Path) -> list[str]:
    return [line for line in path.read_text().splitlines() if line.lstrip().startswith("#")]


def test_shipped_data_is_canonical(kabul: Path) -> None:
    result = run("fmt", "--check")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


def test_fmt_orders_keys_and_keeps_comments(small: Path) -> None:
    edges = small / "data" / "edges.yaml"
    messy = edges.read_text().replace(
        "  - source: alpha\n    target: beta\n    type: rival\n",
        "  - type: rival   # keep me\n    target: beta\n    source: alpha\n",
    )
    edges.write_text(messy)
    check = run("fmt", "--check")
    assert check.exit_code == 1
    assert "-  - type: rival   # keep me" in check.stdout
    assert "1 file(s) not in canonical form: data/edges.yaml" in check.stderr
    assert edges.read_text() == messy  # --check changes nothing

    assert run("fmt").exit_code == 0
    tidy = edges.read_text()
    assert "  - source: alpha\n    target: beta\n    type: rival   # keep me\n" in tidy
    assert _comments(edges) == ["# Relations between the invented groups."]
    assert run("fmt", "--check").exit_code == 0  # idempotent
    assert run("check").exit_code == 0


def test_add_relation_appends_and_keeps_comments(small: Path) -> None:
    edges = small / "data" / "edges.yaml"
    before = edges.read_text()
    result = run(
        "add-relation",
        "BB",
        "rival",
        "gamma movement",
        "--doc",
        "memo",
        "--quote",
        "they have fought over the northern valleys",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "added beta rival gamma to data/edges.yaml\n"
    after = edges.read_text()
    assert after.startswith(before)  # nothing that was there moved
    assert after[len(before) :] == (
        "  - source: beta\n"
        "    target: gamma\n"
        "    type: rival\n"
        "    evidence:\n"
        "      - doc: memo\n"
        '        quote: "they have fought over the northern valleys"\n'
    )
    assert run("check").stdout.startswith("3 actors, 4 relations")
    assert run("fmt", "--check").exit_code == 0


def test_add_relation_refuses_what_check_refuses_and_writes_nothing(small: Path) -> None:
    edges = small / "data" / "edges.yaml"
    before = edges.read_bytes()
    result = run("add-relation", "alpha", "rival", "gamma", "--doc", "memo", "--quote", "they have long fought")
    assert result.exit_code == 1
    assert (
        "data/edges.yaml: in the new record: edge alpha -> gamma, evidence 1: quote not found in 'memo'"
        in result.stderr
    )
    assert result.stderr.rstrip().endswith("nothing was written.")
    result = run("add-relation", "alpha", "rival", "delta", "--doc", "memo", "--quote", "bitter rivals")
    assert "unknown actor 'delta'" in result.stderr
    result = run("add-relation", "beta", "rival", "alpha", "--doc", "memo", "--quote", "bitter rivals")
    assert (
        "duplicate 'rival' relation (it is undirected, so either order is the same), first on line 24" in result.stderr
    )
    assert edges.read_bytes() == before


def test_add_actor_appends_in_house_style_and_refuses_clashes(small: Path) -> None:
    actors = small / "data" / "actors.yaml"
    result = run(
        "add-actor",
        "--id",
        "delta",
        "--name",
        "Delta Cell",
        "--kind",
        "militant_group",
        "--alias",
        "DC",
        "--founded",
        "2019",
    )
    assert result.exit_code == 0, result.output
    assert actors.read_text().endswith(
        "  - id: delta\n    name: Delta Cell\n    aliases: [DC]\n    kind: militant_group\n    founded: 2019\n"
    )
    assert _comments(actors) == ["# Three invented groups: the smallest dataset that exercises every field."]
    before = actors.read_bytes()
    clash = run("add-actor", "--id", "echo", "--name", "Beta Brigade", "--kind", "militant_group")
    assert clash.exit_code == 1
    assert "actor 'echo': its name 'Beta Brigade' is also a name of actor 'beta'" in clash.stderr
    assert actors.read_bytes() == before
