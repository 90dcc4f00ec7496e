"""The one list of a record's fields: declared on the model's dataclasses, read everywhere else.

The proof that it is the only list is to add a field in one line and watch it arrive in every
place that derives from the list: the loader, the JSON and CSV exports, `diff`, the JSON
Schema and the edit commands' options. That runs on a copy of the package, in its own process.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import actorgraph
from actorgraph.dataset import format as fmt
from actorgraph.dataset.fields import IDENTITY, KEY, record_spec
from actorgraph.dataset.model import Actor, Edge, Evidence, RelationType, Source

from tests.conftest import FIXTURES, run


def test_every_written_record_field_is_in_its_files_spec() -> None:
    for file_name, specs in fmt.FILES.items():
        for key, spec in specs.items():
            assert all(f.written for f in spec.values()), (file_name, key)
    assert list(fmt.ACTOR_FIELDS) == list(record_spec(Actor))
    assert "id" not in fmt.RELATION_TYPE_FIELDS  # a vocabulary entry's name is its mapping key
    assert record_spec(RelationType, roles=(KEY,)).keys() == {"id"}
    assert [k for k, f in record_spec(Edge).items() if f.role == IDENTITY] == ["source", "target", "type"]
    assert "confidence" not in record_spec(Edge) and "attributed_to" not in record_spec(Edge)
    assert {"confidence", "attributed_to", "stance", "note"} <= record_spec(Evidence).keys()
    assert all(f.help for f in record_spec(Source).values())


def test_diff_names_a_change_to_any_curated_actor_field(small: Path, tmp_path: Path) -> None:
    before = tmp_path / "before"
    shutil.copytree(small / "data", before / "data")
    shutil.copytree(small / "seeds", before / "seeds")
    actors = small / "data" / "actors.yaml"
    actors.write_text(
        actors.read_text().replace("    founded: 2001-04\n", "    founded: 2001-04\n    dissolved: 2019\n")
    )
    result = run("diff", str(before))
    assert result.exit_code == 0, result.output
    assert "  ~ gamma\n      dissolved: (none) → 2019\n" in result.stdout, result.stdout


MADE_UP = {  # record -> the one line that adds a field to it, placed after an existing field
    "Actor": (
        '    region: str | None = spec(TEXT, "Where it is active.")\n',
        '    motto: str | None = spec(TEXT, "A made-up field.")\n',
    ),
    "Edge": (
        '    note: str | None = spec(TEXT, "The curator\'s remark on how the evidence was read.")\n',
        '    theatre: str | None = spec(TEXT, "A made-up field.")\n',
    ),
    "Evidence": (
        '    note: str | None = spec(TEXT, "How this quote was read, if not obvious.")\n',
        '    page: str | None = spec(TEXT, "A made-up field.")\n',
    ),
}


def test_a_field_added_in_one_line_reaches_every_output(tmp_path: Path) -> None:
    package = tmp_path / "lib" / "actorgraph"
    shutil.copytree(Path(actorgraph.__path__[0]), package, ignore=shutil.ignore_patterns("__pycache__"))
    model = package / "dataset" / "model.py"
    text = model.read_text()
    for after, line in MADE_UP.values():
        assert text.count(after) == 1, after
        text = text.replace(after, after + line)
    model.write_text(text)

    project = tmp_path / "map"
    shutil.copytree(FIXTURES / "valid" / "data", project / "data")
    shutil.copytree(FIXTURES / "valid" / "seeds", project / "seeds")
    shutil.copytree(project, tmp_path / "before")
    actors = project / "data" / "actors.yaml"
    actors.write_text(
        actors.read_text().replace(
            "    region: The northern valleys\n", "    region: The northern valleys\n    motto: Onward\n"
        )
    )
    edges = project / "data" / "edges.yaml"
    edges.write_text(
        edges.read_text()
        .replace("    since: 2018\n", "    since: 2018\n    theatre: north\n")
        .replace('bitter rivals"\n', 'bitter rivals"\n        page: "2"\n')
    )

    def copy_runs(*args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "-m", "actorgraph", *args],
            cwd=project,
            capture_output=True,
            text=True,
            env={"PYTHONPATH": str(package.parent), "ACTORGRAPH_NO_CACHE": "1", "PATH": "/usr/bin:/bin"},
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done

    assert copy_runs("check").stdout.startswith("3 actors, 3 relations")  # the copy reads the new fields
    exported = json.loads(copy_runs("export", "--format", "json").stdout)
    assert next(n for n in exported["nodes"] if n["id"] == "beta")["motto"] == "Onward"
    edge = next(e for e in exported["edges"] if e["type"] == "absorbed_fighters_from")
    assert edge["theatre"] == "north"
    rival = next(e for e in exported["edges"] if e["type"] == "rival")
    assert rival["evidence"][0]["page"] == "2"

    csv_text = copy_runs("export", "--format", "csv").stdout
    assert "theatre" in csv_text.splitlines()[0].split(",") and ",north," in csv_text
    evidence_csv = copy_runs("list", "evidence", "--format", "csv").stdout
    assert "page" in evidence_csv.splitlines()[0].split(",")
    actors_csv = copy_runs("list", "actors", "--format", "csv").stdout
    assert "motto" in actors_csv.splitlines()[0].split(",") and "Onward" in actors_csv

    diffed = copy_runs("diff", str(tmp_path / "before")).stdout
    assert "motto: (none) → Onward" in diffed and "theatre: (none) → north" in diffed, diffed
    assert "~ “The Alpha Front and the Beta Brigade are bitter rivals”" in diffed, diffed

    code = "import json; from actorgraph.dataset.schema import schemas; print(json.dumps(schemas()))"
    schema = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(package.parent)},
        check=True,
    )
    written = json.loads(schema.stdout)
    actor_props = written["actors.schema.json"]["properties"]["actors"]["items"]["properties"]
    assert actor_props["motto"]["description"] == "A made-up field."
    edge_props = written["edges.schema.json"]["properties"]["edges"]["items"]["properties"]
    assert "theatre" in edge_props and "page" in edge_props["evidence"]["items"]["properties"]

    helped = copy_runs("add-actor", "--help").stdout
    assert "--motto" in helped and "A made-up field." in helped
    assert "--page" in copy_runs("add-evidence", "--help").stdout
