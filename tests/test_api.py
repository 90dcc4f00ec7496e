"""The Python API a notebook uses: load, the graph, frames with the CSV's columns, paths."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import actorgraph
import pytest
from actorgraph.network.records import ACTOR_COLUMNS, EVIDENCE_COLUMNS, RELATION_COLUMNS

from tests.conftest import FIXTURES, ROOT, map_files, run


def test_load_gives_the_graph_and_frames_with_the_csv_columns(small: Path) -> None:
    m = actorgraph.load()
    assert repr(m) == "<actorgraph.Map: 3 actors, 3 relations>"
    assert m.graph.number_of_edges() == 3
    relations = m.relations()
    assert tuple(relations.columns) == RELATION_COLUMNS
    assert tuple(m.actors().columns) == ACTOR_COLUMNS
    assert tuple(m.evidence().columns) == EVIDENCE_COLUMNS
    assert len(relations) == 3 and len(m.evidence()) == 3 and len(m.actors()) == 3
    import csv
    import io

    exported = list(csv.DictReader(io.StringIO(run("export", "--format", "csv").stdout)))
    assert list(relations["id"]) == [row["id"] for row in exported]
    allied = relations[relations["type"] == "allied"].iloc[0]
    assert (allied["confidence"], allied["attributed_to"]) == ("possible", "analysts")


def test_path_resolves_names_as_the_cli_does(small: Path) -> None:
    m = actorgraph.load("data", "seeds")
    (route,) = m.path("af", "GAMMA   movement")
    assert [a.id for a in route.nodes] == ["alpha", "gamma"]
    assert str(route) == run("path", "af", "GAMMA   movement").stdout.rstrip("\n")
    with pytest.raises(actorgraph.UsageError, match="did you mean 'Alpha Front'"):
        m.path("Alpah Front", "beta")


def test_bad_data_raises_data_error_with_every_problem(small: Path) -> None:
    edges = small / "data" / "edges.yaml"
    edges.write_text(edges.read_text().replace("type: rival", "type: rivals").replace("target: gamma", "target: gama"))
    with pytest.raises(actorgraph.DataError) as caught:
        actorgraph.load()
    problems = [str(p) for p in caught.value.problems]
    assert problems == run("check").stderr.splitlines()[:-1]  # what `check` prints, but for its summary
    assert len(problems) == 3
    assert str(caught.value).splitlines() == ["3 problems in the data", *problems]


def test_readme_notebook_example_runs_as_written(kabul: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    assert blocks, "the README shows the Python API"
    done = subprocess.run([sys.executable, "-c", blocks[0]], cwd=kabul, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Hayat Tahrir al-Sham" in done.stdout


def test_importing_actorgraph_does_not_import_networkx_or_pandas() -> None:
    code = "import sys, actorgraph, actorgraph.cli; print(sorted({'networkx', 'pandas'} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_map_answers_what_the_commands_answer(small: Path) -> None:
    import json

    m = actorgraph.load(small)  # the map's own folder
    card = m.show("BB")
    shown = json.loads(run("show", "BB", "--format", "json").stdout)
    assert card.actor.id == shown["actor"]["id"] == "beta"
    assert [(h.relation.id, h.walk_to) for hops in card.relations.values() for h in hops] == [
        (r["relation"]["id"], r["to"]) for r in shown["relations"]
    ]
    listed = json.loads(run("list", "relations", "--type", "rival", "--format", "json").stdout)
    assert [r.id for r in m.relation_records(type="rival")] == [r["id"] for r in listed] == ["alpha/rival/beta"]
    assert [r.id for r in m.relation_records(actor="Gamma Movement")] == [
        "beta/absorbed_fighters_from/gamma",
        "alpha/allied/gamma",
    ]
    assert [s.id for s in m.sources()] == ["memo"]
    assert m.contested() == []


def test_a_filtered_map_answers_from_fewer_quotes(small: Path) -> None:
    m = actorgraph.load()
    strict = m.filtered(no_hedged=True)
    assert repr(strict) == "<actorgraph.Map: 3 actors, 2 relations (without hedged claims)>"
    assert [r.id for r in strict.relation_records()] == [r.id for r in m.relation_records()][:2]
    # The hedged alliance was the short way; without it the way runs through the Beta Brigade.
    assert [len(r.steps) for r in m.path("alpha", "gamma")] == [1]
    assert [[a.id for a in r.nodes] for r in strict.path("alpha", "gamma")] == [["alpha", "beta", "gamma"]]
    assert strict.filtered().graph.number_of_edges() == 3  # filters do not stack: each starts from every quote


def test_edits_from_python_write_the_files_and_the_map_follows(small: Path) -> None:
    m = actorgraph.load()
    m.add_relation(
        "gamma", "rival", "alpha", doc="memo", quote="when Gamma’s commanders defected", confidence="possible"
    )
    assert "gamma/rival/alpha" in [r.id for r in m.relation_records()]
    assert run("check").exit_code == 0
    m.edit_evidence("gamma", "rival", "alpha", doc="memo", quote="when Gamma’s commanders defected", confidence="")
    (rel,) = m.relation_records(type="rival", actor="gamma")
    assert rel.confidence is None
    m.edit_relation("gamma", "rival", "alpha", since="2019")
    (rel,) = m.relation_records(type="rival", actor="gamma")
    assert rel.period == "since 2019" and rel.quotes[0].confidence is None
    with pytest.raises(TypeError):
        m.edit_relation("gamma", "rival", "alpha", hedge="likely")  # a quote's, not the relation's
    m.remove_relation("gamma", "rival", "alpha")
    assert len(m.relation_records()) == 3
    with pytest.raises(actorgraph.DataError):
        m.retype("alpha", "rival", "beta", to="nonsense")
    assert [r.id for r in actorgraph.load().relation_records(type="rival")] == ["alpha/rival/beta"]


def test_machines_propose_and_a_person_decides_from_python(project: Callable[[Path], Path]) -> None:
    m = actorgraph.load(project(FIXTURES / "intake"))
    assert m.relation_records() == []
    done = m.propose()
    assert done.added and all(p.status == "open" for p in m.proposals())
    chosen = next(p for p in m.proposals() if (p.source, p.type, p.target) == ("alpha", "rival", "beta"))
    other = next(p for p in m.proposals() if p.id != chosen.id and p.type is None)
    m.accept(chosen.id)
    m.reject(other.id, reason="named together; the text relates them to no one")
    assert [r.id for r in m.relation_records()] == ["alpha/rival/beta"]
    statuses = {p.id: p.status for p in m.proposals()}
    assert (statuses[chosen.id], statuses[other.id]) == ("accepted", "rejected")
    assert run("check").exit_code == 0
    assert m.propose().added == ()  # proposing again adds nothing


def test_edit_methods_refuse_a_field_they_do_not_know(small: Path) -> None:
    m = actorgraph.load()
    edges = small / "data" / "edges.yaml"
    before = edges.read_text()
    with pytest.raises(TypeError, match="unknown field 'attributed'"):
        m.add_relation("gamma", "rival", "alpha", doc="memo", quote="when Gamma’s commanders defected", attributed="X")
    with pytest.raises(TypeError, match="unknown field 'sinse'"):
        m.add_relation("gamma", "rival", "alpha", doc="memo", quote="when Gamma’s commanders defected", sinse="2018")
    assert edges.read_text() == before


def test_edit_methods_take_the_command_lines_names_too(small: Path) -> None:
    m = actorgraph.load()
    m.add_evidence(
        "alpha", "rival", "beta", doc="memo", quote="they have fought over the northern valleys", hedge="possible"
    )
    m.add_evidence("alpha", "allied", "gamma", doc="memo", quote="The Alpha Front and the Beta Brigade", disputes=True)
    m.add_actor(id="delta", name="Delta Cell", kind="militant_group", alias=["DC"])
    quotes = {q.text: q for r in m.relation_records() for q in r.quotes}
    assert quotes["they have fought over the northern valleys"].confidence.id == "possible"  # type: ignore[union-attr]
    assert quotes["The Alpha Front and the Beta Brigade"].disputes
    assert m.show("DC").actor.id == "delta"
    m.edit_evidence("alpha", "rival", "beta", doc="memo", quote="they have fought over the northern valleys", hedge="")
    assert quotes["they have fought over the northern valleys"].text in {
        q.text for r in m.relation_records() for q in r.quotes if q.confidence is None
    }


def test_actor_edits_from_python_change_the_file_and_refuse_what_check_would(small: Path) -> None:
    """add_alias, remove_alias, edit_actor and remove_actor write actors.yaml as the commands do,
    the map answers from the new file at once, and a refused edit leaves every file as it was."""
    m = actorgraph.load()
    actors = small / "data" / "actors.yaml"
    m.add_alias("Gamma Movement", "GM")
    assert m.resolve("gm") == "gamma"
    assert "aliases: [GM]" in actors.read_text()
    m.remove_alias("the Brigade", "BB")
    assert m.resolve("the brigade") == "beta"
    with pytest.raises(actorgraph.UsageError, match="no actor"):
        m.resolve("BB")
    m.edit_actor("gamma", region="The southern plains", founded="")
    shown = m.show("GM").actor
    assert (shown.region, shown.founded) == ("The southern plains", None)
    assert "founded" not in actors.read_text().split("id: gamma", 1)[1]
    m.add_actor(id="delta", name="Delta Cell", kind="militant_group")
    m.remove_actor("Delta Cell")
    assert m.actor_ids() == ["alpha", "beta", "gamma"]
    assert "delta" not in actors.read_text()

    before = map_files(small)
    with pytest.raises(actorgraph.DataError, match="its alias 'AF' is also a name of actor 'alpha'"):
        m.add_alias("gamma", "AF")
    with pytest.raises(actorgraph.UsageError, match="'nope' is not an alias of 'beta'"):
        m.remove_alias("beta", "nope")
    with pytest.raises(actorgraph.UsageError, match="'founded' must be a year"):
        m.edit_actor("gamma", founded="not a date")
    with pytest.raises(TypeError, match="unknown field 'aliases'"):
        m.edit_actor("gamma", aliases="GM")  # aliases have their own methods
    with pytest.raises(actorgraph.UsageError, match="'alpha' has 2 relations"):
        m.remove_actor("alpha")
    assert map_files(small) == before
    assert m.resolve("AF") == "alpha" and m.actor_ids() == ["alpha", "beta", "gamma"]


def test_relation_corrections_from_python_reverse_and_take_off_one_quote(small: Path) -> None:
    """reverse swaps a directed relation's ends; remove_evidence takes one quote off a relation
    and keeps the rest. A symmetric relation is not reversed, and a relation's last quote is not
    removed (a relation without evidence is not one)."""
    m = actorgraph.load()
    m.reverse("BB", "absorbed_fighters_from", "gamma")
    assert "gamma/absorbed_fighters_from/beta" in [r.id for r in m.relation_records()]
    extra = "when Gamma’s commanders defected"
    m.add_evidence("gamma", "absorbed_fighters_from", "beta", doc="memo", quote=extra)
    m.remove_evidence(
        "gamma",
        "absorbed_fighters_from",
        "beta",
        doc="memo",
        quote="The Beta Brigade absorbed fighters from the Gamma Movement in 2018",
    )
    (rel,) = m.relation_records(type="absorbed_fighters_from")
    assert (rel.id, [q.text for q in rel.quotes]) == ("gamma/absorbed_fighters_from/beta", [extra])

    before = map_files(small)
    with pytest.raises(actorgraph.UsageError, match="'rival' is symmetric"):
        m.reverse("alpha", "rival", "beta")
    with pytest.raises(actorgraph.UsageError, match="this is the only quote of"):
        m.remove_evidence("gamma", "absorbed_fighters_from", "beta", doc="memo", quote=extra)
    with pytest.raises(actorgraph.UsageError, match="has no quote from 'memo' with those words"):
        m.remove_evidence("alpha", "rival", "beta", doc="memo", quote="words nobody wrote")
    assert map_files(small) == before


def test_sources_vocabularies_and_reviews_from_python(small: Path, tmp_path: Path) -> None:
    """add_source copies a text in and registers it with its fields; add_term adds to the
    vocabulary named; add_review and remove_review record and withdraw a pair's review. Each
    refuses what its command refuses, leaving the files as they were."""
    m = actorgraph.load()
    note = tmp_path / "field note.txt"
    note.write_text("The Gamma Movement denies any link to the Alpha Front.\n", encoding="utf-8")
    m.add_source(note, kind="news", title="A field note", written="2020")
    (added,) = [s for s in m.sources() if s.id != "memo"]
    assert (added.id, added.kind, added.title, added.file) == (
        "a-field-note",
        "news",
        "A field note",
        "a-field-note.txt",
    )
    assert (small / "seeds" / "a-field-note.txt").read_text() == note.read_text()

    m.add_term("kind", "state", label="State", definition="A country, acting through its government.")
    assert m.whole.actor_kinds["state"].label == "State"
    assert "  state:\n    label: State\n" in (small / "data" / "actors.yaml").read_text()
    m.add_actor(id="delta", name="Delta Republic", kind="state")
    assert m.actor_ids(kind="state") == ["delta"]

    sentence = "Analysts say the Alpha Front “may be allied” with the Gamma Movement."
    m.add_review("memo", sentence, "what analysts guess, not what the memo states", pair=("AF", "gamma"))
    (review,) = m.whole.reviews
    assert (review.doc, review.sentence, review.pair) == ("memo", sentence, ("alpha", "gamma"))
    assert review.reason == "what analysts guess, not what the memo states"

    before = map_files(small)
    with pytest.raises(actorgraph.UsageError, match="this text is already registered as 'a-field-note'"):
        m.add_source(note, kind="news", title="The same note again")
    with pytest.raises(actorgraph.UsageError, match=r"unknown vocabulary 'colour' \(one of: type, kind, hedge"):
        m.add_term("colour", "red", label="Red")
    with pytest.raises(actorgraph.UsageError, match="the actor kind 'state' is already there"):
        m.add_term("kind", "state", label="State", definition="Again.")
    with pytest.raises(actorgraph.DataError, match="quote not found in 'memo'"):
        m.add_review("memo", "Nothing like this is in the memo.", "no")
    with pytest.raises(actorgraph.UsageError):
        m.remove_review("memo", sentence)  # the review is of one pair, not of the sentence
    assert map_files(small) == before

    m.remove_review("memo", sentence, pair=("gamma", "alpha"))
    assert m.whole.reviews == ()
    assert (small / "data" / "reviewed.yaml").read_text().endswith("reviewed: []\n")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_from_python_compares_revisions_and_the_working_tree(small: Path) -> None:
    """Map.diff() is `actorgraph diff`: by default the last commit against the files as they are
    now; with two revisions, those two, whatever the working tree holds."""
    git = ["git", "-c", "user.email=t@example.org", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], cwd=small, check=True)
    subprocess.run([*git, "add", "."], cwd=small, check=True)
    subprocess.run([*git, "commit", "-qm", "data"], cwd=small, check=True)
    m = actorgraph.load()
    m.edit_actor("gamma", region="The southern plains")
    changes = m.diff()
    assert (changes.old.label, changes.new.label) == ("HEAD", "working tree")
    (changed,) = changes.actors_changed
    assert (changed.id, changed.changes) == ("gamma", {"region": (None, "The southern plains")})
    assert changes.edges_added == changes.edges_removed == ()
    assert m.diff("HEAD", "HEAD").actors_changed == ()
    assert m.diff("HEAD", str(small)).actors_changed == changes.actors_changed  # a folder is read in place


def test_actors_are_chosen_by_kind_and_by_relation_type(mixed: Path) -> None:
    """`actors(kind=..., type=...)` filters as `list actors --kind --type` does, both at once when
    both are given; a filter nothing passes still gives the export's columns."""
    m = actorgraph.load()
    assert list(m.actors(kind="state")["id"]) == ["delta"]
    assert list(m.actors(type="attacked")["id"]) == ["beta", "delta"]
    assert list(m.actors(kind="militant_group", type="attacked")["id"]) == ["beta"]
    nobody = m.actors(kind="state", type="rival")
    assert (len(nobody), list(nobody.columns)) == (0, list(ACTOR_COLUMNS))
    none = m.relations(type="attacked", actor="gamma")
    assert (len(none), list(none.columns)) == (0, list(RELATION_COLUMNS))


def test_a_map_filtered_by_speaker_or_source_answers_from_those_quotes_and_still_edits(mixed: Path) -> None:
    """`filtered(no_attributed=True)` drops what only officials say; `filtered(sources=...)` keeps
    one source's quotes; a filtered map still edits its folder and stays filtered."""
    m = actorgraph.load()
    unattributed = m.filtered(no_attributed=True)
    assert "beta/rival/gamma" in [r.id for r in m.relation_records()]
    assert "beta/rival/gamma" not in [r.id for r in unattributed.relation_records()]
    memo = m.filtered(sources=["memo"])
    assert [r.id for r in memo.relation_records()] == ["alpha/rival/beta"]
    memo.add_evidence("delta", "attacked", "beta", doc="bulletin", quote="The Delta Republic struck the Beta Brigade")
    assert [r.id for r in memo.relation_records()] == ["alpha/rival/beta"]
    assert len(actorgraph.load().relation_records(type="attacked")[0].quotes) == 2


def test_proposals_from_python_come_from_the_texts_named_or_from_a_file(
    project: Callable[[Path], Path], tmp_path: Path
) -> None:
    """`propose(doc)` drafts from that text only; `propose(doc, from_file=...)` reads another
    tool's file, `doc` standing for rows that name no source (a file whose rows all name theirs
    needs none); `accept(id, type=...)` types a bare
    pair as it writes it."""
    m = actorgraph.load(project(FIXTURES / "intake"))
    second = tmp_path / "second.txt"
    second.write_text("The Delta Cell attacked the Alpha Front in the hills.\n", encoding="utf-8")
    m.add_source(second, kind="report", title="Second")
    assert m.propose("second").added and {p.doc for p in m.proposals()} == {"second"}
    rows = tmp_path / "rows.csv"
    rows.write_text("source,type,target,doc,quote\ndelta,,beta,,The Delta Cell met the Beta Brigade\n")
    m.propose("report", from_file=rows)
    (bare,) = [p for p in m.proposals() if p.origin == "rows.csv row 2"]
    assert (bare.doc, bare.type) == ("report", None)
    m.accept(bare.id, type="rival")
    assert [r.id for r in m.relation_records()] == ["delta/rival/beta"]
    own = tmp_path / "own.csv"
    own.write_text(
        "source,type,target,doc,quote\ndelta,attacked,alpha,second,The Delta Cell attacked the Alpha Front\n"
    )
    assert [p.origin for p in m.propose(from_file=own).added] == ["own.csv row 2"]


def test_a_relation_is_added_with_its_dates_and_note_but_never_disputed_or_with_raw_evidence(small: Path) -> None:
    """`add_relation` takes the relation's own `since`, `until` and `note` with its first quote;
    a relation cannot be born disputed (a disputing quote is added to one already there), and its
    quotes are given as `doc` and `quote`, not as a raw `evidence` list."""
    m = actorgraph.load()
    quote = "when Gamma’s commanders defected"
    m.add_relation(
        "gamma", "rival", "alpha", doc="memo", quote=quote, since="2018", until="2019", note="Read with care."
    )
    (rel,) = m.relation_records(type="rival", actor="gamma")
    assert (rel.period, rel.note) == ("2018 to 2019", "Read with care.")
    edges = small / "data" / "edges.yaml"
    before = edges.read_text()
    with pytest.raises(TypeError, match="unknown field 'disputes'"):
        m.add_relation("beta", "allied", "gamma", doc="memo", quote=quote, disputes=True)
    with pytest.raises(TypeError, match="unknown field 'evidence'"):
        m.add_relation("beta", "allied", "gamma", evidence=[{"doc": "memo", "quote": quote}])
    assert edges.read_text() == before


def test_an_unknown_field_is_refused_with_the_names_that_method_knows(small: Path) -> None:
    """The message lists, in order, every name the method takes: field names and their
    command-line names alike, and `disputes` only where a quote's stance may be set."""
    m = actorgraph.load()

    def known(call: Callable[[], None]) -> list[str]:
        with pytest.raises(TypeError) as refused:
            call()
        return str(refused.value).split("(known: ")[1].rstrip(")").split(", ")

    quote = "when Gamma’s commanders defected"
    evidence = known(lambda: m.add_evidence("gamma", "rival", "alpha", doc="memo", quote=quote, sinse="2018"))
    relation = known(lambda: m.add_relation("gamma", "rival", "alpha", doc="memo", quote=quote, sinse="2018"))
    assert evidence == sorted(evidence) and relation == sorted(relation)
    assert {"disputes", "confidence", "hedge", "attributed_to", "note"} <= set(evidence)
    assert {"since", "until", "confidence", "hedge"} <= set(relation)
    assert "disputes" not in relation and "stance" not in relation and "since" not in evidence


def test_disputes_false_adds_a_quote_that_supports(small: Path) -> None:
    m = actorgraph.load()
    quote = "The Alpha Front and the Beta Brigade"
    m.add_evidence("alpha", "allied", "gamma", doc="memo", quote=quote, disputes=False)
    (q,) = [q for r in m.relation_records() for q in r.quotes if q.text == quote]
    assert not q.disputes


def test_list_fields_may_be_given_as_tuples(small: Path) -> None:
    m = actorgraph.load()
    m.add_actor(id="delta", name="Delta Cell", kind="militant_group", aliases=("DC", "D-Cell"))
    assert m.show("D-Cell").actor.aliases == ("DC", "D-Cell")


def test_every_route_is_looked_for_up_to_four_steps_unless_told() -> None:
    """A chain a–b–c–d–e–f beside a direct a–f: every route up to four steps is only the direct
    one; told five, the chain is found too."""
    from actorgraph.api import Map

    from tests.factories import dataset, edge

    chain = [edge(x, "allied", y) for x, y in zip("abcde", "bcdef", strict=True)]
    m = Map(dataset("abcdef", [*chain, edge("a", "rival", "f")]))
    assert [len(r.steps) for r in m.path("a", "f", every=True)] == [1]
    assert sorted(len(r.steps) for r in m.path("a", "f", every=True, max_hops=5)) == [1, 5]


def test_the_package_hands_out_load_and_map_on_first_use() -> None:
    from actorgraph import api

    assert actorgraph.Map is api.Map and actorgraph.load is api.load
    with pytest.raises(AttributeError, match="no attribute 'map'"):
        actorgraph.map  # noqa: B018 - the attribute access is the test
