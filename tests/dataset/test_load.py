"""Loading: records with the line of every field, and text kept as it was written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from actorgraph.dataset.check import check_dataset
from actorgraph.dataset.load import load_dataset

from tests.conftest import run


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("false", "false"),  # YAML 1.1 would read a boolean
        ("1:30", "1:30"),  # ... a sexagesimal number, 90
        ("0o17", "0o17"),  # ... an octal number
        ("0x1F", "0x1F"),  # ... a hex number
        ("2021-08-27", "2021-08-27"),  # ... a date
        ("1e3", "1e3"),
        ("yes", "yes"),
    ],
)
def test_a_text_field_keeps_the_characters_written(small: Path, written: str, kept: str) -> None:
    actors = small / "data" / "actors.yaml"
    new = f"name: {written}\n    aliases: [{written}x, 0x2A]"
    actors.write_text(actors.read_text().replace("name: Gamma Movement", new))
    data, problems = load_dataset(small / "data", small / "seeds")
    assert problems == []
    gamma = next(a for a in data.actors if a.id == "gamma")
    assert gamma.name == kept and gamma.aliases == (f"{written}x", "0x2A")
    listed = json.loads(run("list", "actors", "--format", "json").stdout)
    assert next(a for a in listed if a["id"] == "gamma")["name"] == kept


def test_each_field_remembers_its_line(small: Path) -> None:
    data, _ = load_dataset(small / "data", small / "seeds")
    edge = next(e for e in data.edges if e.type == "absorbed_fighters_from")
    assert edge.location.line == 30
    assert (edge.at("type").line, edge.at("since").line, edge.at("nonexistent").line) == (32, 33, 30)
    assert edge.evidence[0].at("doc").line == 35


def test_names_are_one_unicode_spelling(small: Path) -> None:
    actors = small / "data" / "actors.yaml"
    actors.write_text(actors.read_text().replace("name: Gamma Movement", "name: Gamma Cafe\u0301"))
    data, _ = load_dataset(small / "data", small / "seeds")
    assert next(a for a in data.actors if a.id == "gamma").name == "Gamma Caf\u00e9"


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("name:", "actor 'gamma': missing required field 'name'"),
        ("name: ~", "actor 'gamma': missing required field 'name'"),
        ("name: *gamma", "YAML aliases (*gamma) are not supported; write the value out"),
    ],
)
def test_a_required_field_left_empty_is_one_problem_at_its_line(small: Path, written: str, said: str) -> None:
    """A required key with no value is reported as missing, at the key's own line; one whose
    value was refused already (an alias) is not reported missing as well."""
    actors = small / "data" / "actors.yaml"
    line = actors.read_text().splitlines().index("    name: Gamma Movement") + 1
    actors.write_text(actors.read_text().replace("name: Gamma Movement", written))
    _, problems = load_dataset(small / "data", small / "seeds")
    assert [str(p) for p in problems] == [f"data/actors.yaml:{line}: {said}"], problems


def test_a_refused_tag_on_a_list_is_one_problem(small: Path) -> None:
    """The tag is reported; the list it tagged is not reported again as the wrong type."""
    actors = small / "data" / "actors.yaml"
    actors.write_text(actors.read_text().replace("name: Gamma Movement", "name: !!python/object/apply:os.system [x]"))
    _, problems = load_dataset(small / "data", small / "seeds")
    assert [p.message for p in problems] == [
        "YAML tag '!!python/object/apply:os.system' is not allowed; only plain strings, numbers, lists and mappings are"
    ], problems


KIND = (
    "actor_kinds:\n  militant_group:\n    label: Militant group\n"
    "    definition: An organised armed group outside state control.\n"
)
ALPHA_BETA = '      - doc: memo\n        quote: "The Alpha Front and the Beta Brigade are bitter rivals"\n'


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("data/actors.yaml", None, "actor_kinds:\nactors: 5\n", [
            "data/actors.yaml:2: 'actor_kinds' is empty; expected a mapping of actor kinds",
            "data/actors.yaml:3: 'actors' must be a list of actors, not the number 5"]),
        ("data/actors.yaml", KIND, "actor_kinds:\n  - militant_group\n", [
            "data/actors.yaml:2: 'actor_kinds' must be a mapping of actor kinds, not a list"]),
        ("data/actors.yaml", "actors:\n", "actors:\n  - just a string\n", [
            "data/actors.yaml:7: each item of 'actors' must be a mapping (actor fields), not the string "
            "'just a string'"]),
        ("data/actors.yaml", "actors:\n", "actors:\nold:\n", [
            "data/actors.yaml:7: unknown key 'old' at the top level (known: actor_kinds, actors)",
            "data/actors.yaml:6: 'actors' is empty; expected a list of actors"]),
        ("data/actors.yaml", "  militant_group:", "  Militant Group:", [
            "data/actors.yaml:3: actor kind 'Militant Group': names must be lowercase words joined by '_' or '-'"]),
        ("data/actors.yaml", KIND, "actor_kinds:\n  militant_group: 5\n", [
            "data/actors.yaml:3: actor kind 'militant_group' must be a mapping of its fields, not the number 5"]),
        ("data/actors.yaml", "    label: Militant group\n", "", [
            "data/actors.yaml:4: actor kind 'militant_group': missing required field 'label'"]),
        ("data/edges.yaml", "    label: rival\n", "", [
            "data/edges.yaml:4: relation type 'rival': missing required field 'label'"]),
        ("data/edges.yaml", "    rank: 1\n", "", [
            "data/edges.yaml:20: confidence level 'possible': missing required field 'rank'"]),
        ("data/edges.yaml", "    rank: 1\n", "    rank: 1\nstix_confidence: 5\n", [
            "data/edges.yaml:23: 'stix_confidence' must be a mapping, not the number 5"]),
        ("data/edges.yaml", "    rank: 1\n", "    rank: 1\nstix_confidence:\n  possible: high\n", [
            "data/edges.yaml:24: stix_confidence: unknown key 'possible' (known: stated, attributed)"]),
        ("data/edges.yaml", "edges:\n", "edges:\n  - 7\n", [
            "data/edges.yaml:24: each item of 'edges' must be a mapping (edge fields), not the number 7"]),
        ("data/edges.yaml", ALPHA_BETA, "      - memo\n", [
            "data/edges.yaml:28: edge alpha -> beta, evidence 1: expected a mapping with 'doc' and 'quote', not the "
            "string 'memo'"]),
        ("data/edges.yaml", ALPHA_BETA, ALPHA_BETA + "        stance: maybe\n", [
            "data/edges.yaml:30: edge alpha -> beta, evidence 1: 'stance' must be one of supports, disputes, not the "
            "string 'maybe'"]),
        ("seeds/sources.yaml", "    label: Opinion piece\n", "", [
            "seeds/sources.yaml:3: source kind 'opinion': missing required field 'label'"]),
        ("seeds/sources.yaml", "sources:\n", "sources:\n  - id: memo\n    file: memo.txt\n    kind: report\n", [
            "seeds/sources.yaml:34: source 'memo': duplicate source id (first on line 31)"]),
        ("seeds/sources.yaml", '["in the spring of 2019"]\n',
         '["in the spring of 2019"]\n  - id: memo\n    file: memo.txt\n    kind: report\n'
         "  - id: extra\n    kind: report\n", [
            "seeds/sources.yaml:37: source 'memo': duplicate source id (first on line 31)",
            "seeds/sources.yaml:40: source 'extra': missing required field 'file'"]),
        ("seeds/sources.yaml", "sources:\n", "sources:\n  - id: bad\n    kind: report\n", [
            "seeds/sources.yaml:31: source 'bad': missing required field 'file'"]),
    ],
)  # fmt: skip
def test_a_misshapen_file_is_one_problem_at_its_line(small: Path, file: str, old: str | None, new: str,
                                                     expected: list[str]) -> None:  # fmt: skip
    """Each wrong shape (a list or mapping where the other belongs, an empty one, a wrongly named
    or incomplete vocabulary entry, a duplicate id) is reported once at the line it is on, and
    the next entries are still read. (`old` None: the file's records are replaced by `new`.)"""
    path = small / file
    text = path.read_text()
    assert old is None or old in text
    path.write_text(text[: text.index(KIND)] + new if old is None else text.replace(old, new, 1))
    _, problems = load_dataset(small / "data", small / "seeds")
    assert [str(p) for p in problems] == expected


def _edit(small: Path, file: str, old: str, new: str) -> list[str]:
    path = small / file
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, new, 1))
    return [str(p) for p in check_dataset(small / "data", small / "seeds")[1]]


@pytest.mark.parametrize(
    ("file", "old", "expected"),
    [
        ("data/actors.yaml", "    label: Militant group\n", "data/actors.yaml:4: actor kind 'militant_group'"),
        ("data/edges.yaml", "    label: rival\n", "data/edges.yaml:4: relation type 'rival'"),
        ("data/edges.yaml", "    label: possible\n", "data/edges.yaml:20: confidence level 'possible'"),
        ("seeds/sources.yaml", "    label: Analysis\n", "seeds/sources.yaml:15: source kind 'analysis'"),
    ],
)
def test_a_vocabulary_entry_that_cannot_be_read_is_one_problem_not_one_per_use(
    small: Path, file: str, old: str, expected: str
) -> None:
    """The actors, relations and sources that use an entry missing its label are not each
    reported as naming an unknown one: the entry's own problem says it all."""
    assert _edit(small, file, old, "") == [f"{expected}: missing required field 'label'"]


def test_a_misnamed_vocabulary_entry_leaves_the_next_ones_read(small: Path) -> None:
    """A relation type with a name that is not one is refused, and only its uses are unknown."""
    assert _edit(small, "data/edges.yaml", "  rival:", "  Rival:") == [
        "data/edges.yaml:3: relation type 'Rival': names must be lowercase words joined by '_' or '-'",
        "data/edges.yaml:26: edge alpha -> beta: unknown relation type 'rival' (known: allied, absorbed_fighters_from)",
    ]


def test_an_actor_kind_that_is_not_a_mapping_is_one_problem(small: Path) -> None:
    """The entry is unreadable, so its actors are not each reported as of an unknown kind."""
    assert _edit(small, "data/actors.yaml", KIND, "actor_kinds:\n  militant_group: 5\n") == [
        "data/actors.yaml:3: actor kind 'militant_group' must be a mapping of its fields, not the number 5"
    ]


def test_a_quote_that_is_not_a_mapping_is_one_problem(small: Path) -> None:
    """The relation whose one quote cannot be read is not also reported as without evidence."""
    assert _edit(small, "data/edges.yaml", ALPHA_BETA, "      - memo\n") == [
        "data/edges.yaml:28: edge alpha -> beta, evidence 1: expected a mapping with 'doc' and 'quote', not the "
        "string 'memo'"
    ]


@pytest.mark.parametrize("kind", ["link", "folder"])
def test_a_lock_committed_as_a_link_or_a_folder_is_a_problem(small: Path, kind: str) -> None:
    """The edit commands' lock is never part of a map: one that a pull request adds as a link (to
    a file of the reviewer's a lock library would empty) or as anything but a plain file is a
    problem named at the lock, not followed."""
    target = small / "elsewhere.txt"
    target.write_text("the reviewer's file\n")
    lock = small / ".actorgraph-lock"
    lock.symlink_to(target) if kind == "link" else lock.mkdir()
    result = run("check")
    assert result.exit_code == 1
    what = f"a symbolic link to '{target}'" if kind == "link" else "not a regular file"
    assert result.stderr.startswith(f".actorgraph-lock: is {what}; the edit commands' lock is never part of a map")
    assert target.read_text() == "the reviewer's file\n"


@pytest.mark.parametrize(
    ("written", "said"),
    [("reviewed:\n", "'reviewed' is empty; expected a list of reviews"),
     ("reviewed: 3\n", "'reviewed' must be a list of reviews, not the number 3")],
)  # fmt: skip
def test_a_reviewed_file_without_a_list_says_what_it_should_hold(small: Path, written: str, said: str) -> None:
    (small / "data" / "reviewed.yaml").write_text(written)
    result = run("check")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"data/reviewed.yaml:1: {said}\n"), result.stderr
