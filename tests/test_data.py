"""The shipped dataset: it passes every check and holds what the user asked for."""

from __future__ import annotations

from pathlib import Path

import pytest
from actorgraph.dataset.check import load_checked
from actorgraph.dataset.model import name_key
from actorgraph.network.build import build_graph

from tests.conftest import ROOT, run


@pytest.fixture(scope="module")
def data():
    return load_checked(ROOT / "data", ROOT / "seeds")


def test_shipped_data_passes_check(shipped: Path) -> None:
    result = run("check")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "quotes verified in 2 sources" in result.stdout


@pytest.mark.parametrize(
    "typed",
    [
        "Taliban",
        "Haqqani network",
        "Al Qaeda",
        "al-Qaeda",
        "ISIS-K",
        "ISKP",
        "IS-K",
        "Islamic State Khorasan",
        "Tehrik-e-Taliban Pakistan",
        "TTP",
        "Pakistani Taliban",
        "Hayat Tahrir al-Sham",
        "HTS",
    ],
)
def test_named_groups_are_there_under_every_spelling(data, typed: str) -> None:
    owners = [a.id for a in data.actors if name_key(typed) in {name_key(n) for n in a.names}]
    assert len(owners) == 1, (typed, owners)


def test_relation_types_asked_for_are_in_the_vocabulary(data) -> None:
    assert {"allied", "rival", "absorbed_fighters_from"} <= set(data.relation_types)
    assert data.relation_types["absorbed_fighters_from"].directed
    assert not data.relation_types["allied"].directed


def test_every_actor_takes_part_in_a_relation(data) -> None:
    g = build_graph(data)
    lonely = [n for n in g.nodes if g.degree(n) == 0]
    assert lonely == []


def test_seed_texts_are_the_shared_originals() -> None:
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("the original seed texts are not beside this checkout (only the project's own copy is)")
    for original in shared.glob("*.txt"):
        assert (ROOT / "seeds" / original.name).read_bytes() == original.read_bytes()


def test_hedged_quotes_say_so(data) -> None:
    """Quotes whose words hedge must carry a confidence, unless a note explains the reading."""
    hedges = (" may ", " might ", "appears to", "perhaps", "likely", "strongly believed")
    for edge in data.edges:
        for ev in edge.evidence:
            if any(h in f" {ev.quote} " for h in hedges) and ev.confidence is None:
                assert edge.note, f"{ev.location}: hedged quote stated as fact: {ev.quote}"


def test_readme_summary_matches_the_data(shipped: Path) -> None:
    summary = run("check").stdout.strip()
    assert f"`{summary}`" in (ROOT / "README.md").read_text()


def test_readme_problem_example_is_what_check_prints(shipped: Path) -> None:
    """The README shows two typical mistakes and check's answer; the answer must stay true."""
    readme = (ROOT / "README.md").read_text()
    block = readme.split("$ actorgraph check\n", 1)[1].split("```", 1)[0]
    edges = shipped / "data" / "edges.yaml"
    text = edges.read_text()
    text = text.replace("  - source: isis-k\n    target: ttp\n", "  - source: isis-k\n    target: ttpp\n", 1)
    text = text.replace(
        'function as a triumvirate ... they work together hand-in-glove"\n\n  - source: haqqani',
        'function as a triumvrate ... they work together hand-in-glove"\n\n  - source: haqqani',
        1,
    )
    edges.write_text(text)
    assert run("check").stderr == block
