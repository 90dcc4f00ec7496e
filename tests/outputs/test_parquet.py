"""Parquet tables: typed, with stable ids, read by DuckDB and pandas as the CLI answers."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import run

duckdb = pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

# Every shortest route from one actor to another, relation by relation, in SQL alone: two
# breadth-first searches (USING KEY keeps one row per actor, and `recurring` is what was reached
# before, so each round grows only the frontier), one from each end, give the actors that lie on
# a shortest route; the walks through those actors, one step nearer each round, are the routes.
SHORTEST = """
WITH RECURSIVE
  link AS (SELECT source AS a, target AS b, id FROM '{dir}/relations.parquet'
           UNION ALL SELECT target, source, id FROM '{dir}/relations.parquet'),
  near(node, depth) USING KEY (node) AS (
    SELECT $from, 0
    UNION SELECT link.b, min(near.depth) + 1 FROM near JOIN link ON link.a = near.node
          WHERE link.b NOT IN (SELECT node FROM recurring.near) GROUP BY link.b),
  far(node, depth) USING KEY (node) AS (
    SELECT $to, 0
    UNION SELECT link.b, min(far.depth) + 1 FROM far JOIN link ON link.a = far.node
          WHERE link.b NOT IN (SELECT node FROM recurring.far) GROUP BY link.b),
  hops AS (SELECT depth AS n FROM near WHERE node = $to),
  between AS (SELECT node, near.depth FROM near JOIN far USING (node)
              WHERE near.depth + far.depth = (SELECT n FROM hops)),
  walk(node, actors, relations) AS (
    SELECT $from, [$from], []::VARCHAR[]
    UNION ALL
    SELECT link.b, list_append(walk.actors, link.b), list_append(walk.relations, link.id)
    FROM walk JOIN link ON link.a = walk.node
    JOIN between ON between.node = link.b AND between.depth = len(walk.relations) + 1)
SELECT actors, relations FROM walk WHERE node = $to
"""


def _export(folder: Path) -> None:
    result = run("export", "--format", "parquet", "-o", str(folder))
    assert result.exit_code == 0, result.output


def test_duckdb_answers_a_shortest_path_with_the_same_hops_as_actorgraph_path(kabul: Path, tmp_path: Path) -> None:
    _export(tmp_path / "tables")
    cli = run("path", "hts", "isis-k", "--format", "json")
    assert cli.exit_code == 0, cli.output
    expected = {tuple((h["from"], h["to"], h["relation"]["id"]) for h in route) for route in json.loads(cli.stdout)}
    rows = duckdb.execute(SHORTEST.format(dir=tmp_path / "tables"), {"from": "hts", "to": "isis-k"}).fetchall()
    found = {tuple(zip(actors[:-1], actors[1:], relations, strict=True)) for actors, relations in rows}
    assert found == expected
    assert len(found) == 4 and {len(route) for route in found} == {2}


def test_pandas_reads_the_tables_with_their_types(kabul: Path, tmp_path: Path) -> None:
    import pandas as pd

    _export(tmp_path / "tables")
    tables = {name: pd.read_parquet(tmp_path / "tables" / f"{name}.parquet") for name in
              ("actors", "relations", "evidence", "sources")}  # fmt: skip
    actors, relations, evidence, sources = tables.values()
    listed = json.loads(run("export").stdout)
    assert len(actors) == len(listed["nodes"]) and len(relations) == len(listed["edges"])
    assert len(evidence) == sum(len(e["evidence"]) for e in listed["edges"])
    for table in tables.values():
        assert table["id"].is_unique
    assert str(relations["directed"].dtype) == "bool" and str(relations["sign"].dtype) == "int8"
    assert str(evidence["start"].dtype) == "int64"
    isis_k = actors.set_index("id").loc["isis-k"]
    assert "ISKP" in list(isis_k["aliases"])
    dated = relations.dropna(subset=["since"]).iloc[0]
    assert dated["since_from"].year == int(dated["since"][:4])
    assert set(evidence["relation"]) == set(relations["id"])
    texts = dict(zip(sources["id"], (Path("seeds", f).read_text() for f in sources["file"]), strict=True))
    whole = evidence[evidence["spans"].map(len) == 1]
    for _, row in whole.iterrows():  # the offsets find the quoted words in the source's text
        found = texts[row["doc"]][row["start"] : row["end"]]
        assert " ".join(found.split()) == " ".join(row["quote"].split()), row["id"]


def test_the_same_data_gives_the_same_bytes(opencti_map: Path, tmp_path: Path) -> None:
    _export(tmp_path / "one")
    _export(tmp_path / "two")
    names = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert names == ["actors.parquet", "evidence.parquet", "relations.parquet", "sources.parquet"]
    for name in names:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_disputing_quotes_and_dates_are_columns(opencti_map: Path, tmp_path: Path) -> None:
    _export(tmp_path / "t")
    disputes = duckdb.sql(
        f"SELECT relation, attributed_to FROM '{tmp_path}/t/evidence.parquet' WHERE stance = 'disputes' ORDER BY 1"
    ).fetchall()
    assert disputes == [("alpha/allied/beta", None), ("delta/supplied/alpha", "the Republic of Delta")]
    published = duckdb.sql(f"SELECT id, published_from FROM '{tmp_path}/t/sources.parquet' ORDER BY 1").fetchall()
    assert [(i, d.isoformat()) for i, d in published] == [("bulletin", "2022-03-03"), ("review", "2022-04-01")]


def test_a_folder_format_needs_a_folder_and_never_writes_into_the_map(small: Path) -> None:
    result = run("export", "--format", "parquet")
    assert result.exit_code == 2 and "writes a folder of files; name it with -o DIR" in result.stderr
    result = run("export", "--format", "parquet", "-o", "data/tables")
    assert result.exit_code == 1 and "inside the map's data/ folder" in result.stderr
    assert not (small / "data" / "tables").exists()


def _read(folder: Path) -> dict[str, list[dict[str, object]]]:
    import pyarrow.parquet as pq

    return {name: pq.read_table(folder / f"{name}.parquet").to_pylist() for name in TABLES}


TABLES = ("actors", "relations", "evidence", "sources")


def test_every_column_holds_its_field_as_the_json_export_gives_it(full_map: Path, tmp_path: Path) -> None:
    """Each table's columns, on a map that fills every field, carry the value the JSON export
    gives for the same field, and the derived columns (first and last days, counts, kind labels,
    offsets) what the record says: a column renamed or left empty shows here."""
    _export(tmp_path / "t")
    tables = _read(tmp_path / "t")
    listed = json.loads(run("export").stdout)
    nodes = {n["id"]: n for n in listed["nodes"]}
    actors = {row["id"]: row for row in tables["actors"]}
    assert actors.keys() == nodes.keys()
    for node_id, row in actors.items():
        assert {k: row[k] for k in nodes[node_id]} == nodes[node_id]
    derived = {k: (a["kind_label"], a["founded_from"], a["dissolved_to"], a["relations"]) for k, a in actors.items()}
    assert derived == {
        "alpha": ("Militant group", date(2015, 1, 1), date(2021, 6, 30), 3),
        "beta": ("Militant group", date(2012, 2, 1), None, 1),
        "delta": ("State", None, None, 2),
    }

    edges = {e["id"]: e for e in listed["edges"]}
    relations = {row["id"]: row for row in tables["relations"]}
    assert list(relations) == list(edges)  # in the order the curator wrote them
    shared = set(tables["relations"][0]) - {"claimants", "since_from", "until_to", "quote_count"}
    for rel_id, row in relations.items():
        assert {k: row[k] for k in shared} == {k: edges[rel_id][k] for k in shared}, rel_id
    assert [(r["claimants"], r["since_from"], r["until_to"], r["quote_count"]) for r in relations.values()] == [
        ([], date(2016, 1, 1), date(2019, 3, 31), 2),
        (["local officials"], None, None, 1),
        ([], None, None, 1),
    ]
    assert relations["alpha/allied/beta"]["note"] == "Read from the bulletin's first paragraph."

    texts = {p.name: p.read_text() for p in Path("seeds").glob("*.txt")}
    edges_file = Path("data", "edges.yaml").read_text().splitlines()
    quotes = [(e["id"], q) for e in listed["edges"] for q in e["evidence"]]
    assert len(tables["evidence"]) == len(quotes)
    for row, (rel_id, q) in zip(tables["evidence"], quotes, strict=True):
        assert {k: row[k] for k in ("doc", "quote", "confidence", "attributed_to", "stance", "note")} == {
            k: q[k] for k in ("doc", "quote", "confidence", "attributed_to", "stance", "note")
        }
        edge = edges[rel_id]
        assert (row["relation"], row["source"], row["target"], row["type"]) == (
            rel_id, edge["source"], edge["target"], edge["type"],
        )  # fmt: skip
        text = texts[f"{row['doc']}.txt"]
        fragments = [text[s["start"] : s["end"]] for s in row["spans"]]
        assert " ... ".join(fragments) == row["quote"]
        assert (row["start"], row["end"]) == (row["spans"][0]["start"], row["spans"][-1]["end"])
        assert row["id"] == f"{rel_id}@{row['doc']}:{row['start']}"
        assert row["quote"] in edges_file[row["line"] - 1], "the line of the edges file that holds the quote"
    assert [row["position"] for row in tables["evidence"]] == [0, 1, 0, 0]
    assert [len(row["spans"]) for row in tables["evidence"]] == [2, 1, 1, 1]
    assert tables["evidence"][1]["note"] == "The review answers the bulletin."

    sources = {row["id"]: row for row in tables["sources"]}
    assert sources.keys() == listed["graph"]["sources"].keys()
    for source_id, record in listed["graph"]["sources"].items():
        row = sources[source_id]
        assert {k: row[k] for k in record if k != "written_quotes"} == {
            k: v for k, v in record.items() if k != "written_quotes"
        }
        assert row["characters"] == len(texts[record["file"]])
    assert [(r["published_from"], r["accessed_from"]) for r in sources.values()] == [
        (date(2022, 3, 3), date(2022, 4, 1)),
        (date(2022, 1, 1), None),
    ]
    assert sources["bulletin"]["author"] == "A. Writer" and sources["bulletin"]["written"] == "March 2022"


def test_only_ids_are_required_columns(full_map: Path, tmp_path: Path) -> None:
    """Every table declares its `id` column NOT NULL, and every other column nullable (a field
    the curator left out is a null, not a refusal), so engines can rely on the ids alone."""
    import pyarrow.parquet as pq

    _export(tmp_path / "t")
    for name in TABLES:
        schema = pq.read_schema(tmp_path / "t" / f"{name}.parquet")
        assert [f.name for f in schema if not f.nullable] == ["id"], (name, schema)


def test_an_actor_of_an_undeclared_kind_is_labelled_by_its_kind() -> None:
    """On a map built in memory without `check` (an actor kind missing from the vocabulary), the
    actors table still says the kind, as its own label, rather than failing or leaving it empty."""
    from actorgraph.network.build import build_graph
    from actorgraph.outputs.parquet import tables

    from tests.factories import dataset

    data = dataclasses.replace(dataset(["a", "b"]), actor_kinds={})
    rows = tables(build_graph(data))["actors"].to_pylist()
    assert [(r["kind"], r["kind_label"]) for r in rows] == [("group", "group"), ("group", "group")]


def test_quotes_check_has_not_located_get_ids_by_their_place_and_no_offsets() -> None:
    """On a map built in memory without `check`, a quote has no place in its source's text: its
    id falls back to its place in the relation (two quotes of one source stay two rows with two
    ids) and its offsets are nulls and its spans empty, rather than invented."""
    from actorgraph.network.build import build_graph
    from actorgraph.outputs.parquet import tables

    from tests.factories import dataset, edge, evidence

    data = dataset(["a", "b"], [edge("a", "rival", "b", evidence("many things"), evidence("many groups"))])
    rows = tables(build_graph(data))["evidence"].to_pylist()
    assert [(r["id"], r["position"], r["start"], r["end"], r["spans"]) for r in rows] == [
        ("a/rival/b@memo:0", 0, None, None, []),
        ("a/rival/b@memo:1", 1, None, None, []),
    ]


def test_the_tables_are_compressed_with_zstd(opencti_map: Path, tmp_path: Path) -> None:
    """Every column of every file is zstd-compressed: smaller than pyarrow's default (snappy),
    and read by DuckDB, pandas, Polars and Spark alike."""
    import pyarrow.parquet as pq

    _export(tmp_path / "t")
    for name in TABLES:
        meta = pq.ParquetFile(tmp_path / "t" / f"{name}.parquet").metadata
        codecs = {meta.row_group(g).column(c).compression for g in range(meta.num_row_groups)
                  for c in range(meta.num_columns)}  # fmt: skip
        assert codecs == {"ZSTD"}, (name, codecs)
