"""The relation record: what follows from its evidence, and each of its shapes written once."""

from __future__ import annotations

from pathlib import Path

import pytest
from actorgraph.network.build import build_graph
from actorgraph.network.records import (
    EVIDENCE_COLUMNS,
    RELATION_COLUMNS,
    evidence_rows,
    relation_record,
    relation_row,
    relations,
)

from tests.conftest import run
from tests.factories import dataset, edge, evidence

TEXT = "One says a is friends with b. Two says a works closely with b. Three says so too."
PLAIN = evidence("a is friends with b")
LIKELY = evidence("a works closely with b", confidence="likely")
POSSIBLE = evidence("Three says so too", confidence="possible")
BY_X = evidence("a is friends with b", attributed_to="X")
BY_Y = evidence("a works closely with b", attributed_to="Y")


def one(*quotes, **kw):  # type: ignore[no-untyped-def]
    (rel,) = relations(build_graph(dataset(["a", "b"], [edge("a", "allied", "b", *quotes, **kw)], TEXT)))
    return rel


@pytest.mark.parametrize(
    ("quotes", "expected"),
    [
        ((PLAIN,), None),
        ((LIKELY,), "likely"),
        ((POSSIBLE, LIKELY), "likely"),  # the surest hedge, whatever the order
        ((LIKELY, POSSIBLE), "likely"),
        ((POSSIBLE,), "possible"),
        ((LIKELY, PLAIN), None),  # one plain statement makes it stated
    ],
)
def test_confidence_is_the_strongest_of_the_quotes(quotes, expected) -> None:  # type: ignore[no-untyped-def]
    rel = one(*quotes)
    assert (rel.confidence.id if rel.confidence else None) == expected


def test_claimants_only_when_every_quote_is_someone_elses() -> None:
    assert one(BY_X, BY_Y).claimants == ("X", "Y")
    assert one(BY_X, BY_Y).attributed_to == "X; Y"
    assert one(BY_X, PLAIN).claimants == ()  # the author's own plain statement
    assert one(BY_X, PLAIN).attributed_to is None
    # The author's own words only hedge it: X's plain claim stays visible beside the hedge.
    assert one(BY_X, LIKELY).claimants == ("X",) and one(BY_X, LIKELY).either
    assert one(BY_X, BY_X).claimants == ("X",)


def test_a_plain_claim_is_put_only_in_the_mouths_of_those_who_state_it_plainly() -> None:
    """X says it plainly, Y only says it may be so: shown plain, it is "according to X"; naming
    Y beside X would have Y state plainly what Y only hedged. Both stay in the record's quotes."""
    hedged_y = evidence("a works closely with b", attributed_to="Y", confidence="possible")
    rel = one(BY_X, hedged_y)
    assert rel.confidence is None and rel.claimants == ("X",)
    assert rel.sentence == "A —allied with— B  [according to X]"
    assert [(q["attributed_to"], q["confidence"]) for q in relation_record(rel)["evidence"]] == [
        ("X", None),
        ("Y", "possible"),
    ]
    # Every quote hedged: the surest hedge, and everyone who hedges it.
    likely_x = evidence("a is friends with b", attributed_to="X", confidence="likely")
    assert one(likely_x, hedged_y).claimants == ("X", "Y")


def test_the_sentence_carries_hedge_period_and_speaker() -> None:
    rel = one(evidence("a is friends with b", confidence="possible", attributed_to="X"), since="2015", until="2016")
    assert rel.phrase == "A —allied with— B"
    assert rel.sentence == "A —allied with— B  [possible, 2015 to 2016, according to X]"
    assert one(PLAIN, since="2015").sentence == "A —allied with— B  [since 2015]"
    assert one(PLAIN, until="2016").sentence == "A —allied with— B  [until 2016]"
    assert one(PLAIN).sentence == "A —allied with— B"


def test_a_directed_relation_points_its_way() -> None:
    (rel,) = relations(build_graph(dataset(["a", "b"], [edge("b", "attacked", "a", PLAIN)], TEXT)))
    assert rel.phrase == "B —attacked→ A"


def test_citation_says_source_speaker_and_hedge() -> None:
    q = one(evidence("a is friends with b", confidence="possible", attributed_to="X")).quotes[0]
    assert q.citation == "— memo; according to X; possible"
    assert q.line == "“a is friends with b” — memo; according to X; possible"


def test_record_and_rows_keep_every_qualifier() -> None:
    rel = one(PLAIN, LIKELY, note="why so", since="2015")
    record = relation_record(rel)
    assert (record["source"], record["target"], record["type"]) == ("a", "b", "allied")
    assert (record["source_name"], record["target_name"]) == ("A", "B")
    assert (record["note"], record["since"], record["sources"]) == ("why so", "2015", ["memo"])
    assert [e["confidence"] for e in record["evidence"]] == [None, "likely"]
    row = relation_row(rel)
    assert set(row) == set(RELATION_COLUMNS)
    assert row["quotes"].splitlines() == [q.line for q in rel.quotes]
    assert (row["quote_count"], row["sources"], row["directed"]) == (2, "memo", False)
    rows = evidence_rows(rel)
    assert [set(r) for r in rows] == [set(EVIDENCE_COLUMNS)] * 2
    assert [r["confidence"] for r in rows] == [None, "likely"]


def test_sources_are_listed_once_each_in_citation_order() -> None:
    from actorgraph.dataset.model import Source

    data = dataset(["a", "b"], [edge("a", "allied", "b", PLAIN, evidence("a is friends", doc="other"), LIKELY)], TEXT)
    other = Source(id="other", file="o.txt", kind="report", text=TEXT, location=data.sources["memo"].location)
    data = type(data)(**{**{f: getattr(data, f) for f in data.__dataclass_fields__},
                         "sources": {**data.sources, "other": other}})  # fmt: skip
    (rel,) = relations(build_graph(data))
    assert rel.sources == ("memo", "other")
    assert relation_row(rel)["sources"] == "memo; other"


def test_relations_come_out_in_curated_order() -> None:
    data = dataset(["a", "b", "c"], [edge("c", "rival", "b"), edge("a", "allied", "b"), edge("b", "attacked", "a")])
    assert [(r.source.id, r.key) for r in relations(build_graph(data))] == [
        ("c", "rival"),
        ("a", "allied"),
        ("b", "attacked"),
    ]


def test_citation_names_the_outlet_and_date_where_the_source_gives_them() -> None:
    from dataclasses import replace

    data = dataset(["a", "b"], [edge("a", "allied", "b", PLAIN)], TEXT)
    memo = replace(data.sources["memo"], outlet="The Gazette", published="2021-08-27")
    (rel,) = relations(build_graph(replace(data, sources={"memo": memo})))
    assert rel.quotes[0].citation == "— memo (The Gazette, 2021-08-27)"


def test_the_vocabularies_travel_whole_with_exports(kabul: Path) -> None:
    """What `export --format json` and the page carry beside the graph: every field of every
    vocabulary entry and source, under the names the data format documents."""
    import json

    from actorgraph.dataset.check import load_checked
    from actorgraph.network.records import vocabulary_records

    data = load_checked(kabul / "data", kabul / "seeds")
    vocab = vocabulary_records(data)
    exported = json.loads(run("export", "--format", "json").output)["graph"]
    for t in data.relation_types.values():
        expected = {"label": t.label, "directed": t.directed, "sign": t.sign, "definition": t.definition,
                    "opposite": t.opposite, "cues": list(t.cues), "passive_cues": list(t.passive_cues),
                    "stix": t.stix}  # fmt: skip
        assert vocab["relation_types"][t.id] == expected
    for k in data.actor_kinds.values():
        assert vocab["actor_kinds"][k.id] == {"label": k.label, "definition": k.definition, "stix": k.stix}
    for c in data.confidence_levels.values():
        expected = {"label": c.label, "definition": c.definition, "rank": c.rank, "stix_confidence": c.stix_confidence,
                    "cues": list(c.cues)}  # fmt: skip
        assert vocab["confidence_levels"][c.id] == expected
    for k in data.source_kinds.values():
        assert vocab["source_kinds"][k.id] == {"label": k.label, "definition": k.definition, "csl": k.csl}
    for s in data.sources.values():
        record = vocab["sources"][s.id]
        assert (record["id"], record["file"], record["kind"], record["title"]) == (s.id, s.file, s.kind, s.title)
        assert (record["author"], record["outlet"], record["written"]) == (s.author, s.outlet, s.written)
    assert exported["relation_types"] == vocab["relation_types"]
    assert exported["actor_kinds"] == vocab["actor_kinds"]


def test_a_hedged_own_quote_and_a_plain_attributed_one_are_two_readings_not_a_fact() -> None:
    """One quote is the author's own but hedged, the other plain but someone else's: no quote
    states it plainly in the author's voice, so the relation is not shown as fact."""
    from actorgraph.network.records import relation_record

    mine = evidence("many things about", confidence="possible")
    theirs = evidence("many groups", attributed_to="a UN report")
    (rel,) = relations(build_graph(dataset(["a", "b"], [edge("a", "allied", "b", mine, theirs)])))
    assert not rel.stated_plainly and rel.either
    assert rel.sentence == "A —allied with— B  [possible, or according to a UN report]"
    record = relation_record(rel)
    assert (record["confidence"], record["attributed_to"], record["stated_plainly"]) == (
        "possible",
        "a UN report",
        False,
    )


def test_an_own_plain_quote_makes_a_relation_stated_plainly_whatever_else_it_has() -> None:
    plain = evidence("many things about")
    theirs = evidence("many groups", attributed_to="a UN report", confidence="likely")
    (rel,) = relations(build_graph(dataset(["a", "b"], [edge("a", "allied", "b", plain, theirs)])))
    assert rel.stated_plainly and not rel.either
    assert rel.sentence == "A —allied with— B"


def test_qualifiers_name_their_kind_so_outputs_can_style_each() -> None:
    """`Relation.qualifiers` is public: the page and exports tell a hedge from a speaker, a
    period and a contest by the kind each pair carries, not by parsing its words."""
    rival = edge("a", "rival", "b", POSSIBLE)
    both = edge("a", "allied", "b", evidence("a is friends with b", confidence="possible"), BY_Y, since="2015")
    allied, contest = relations(build_graph(dataset(["a", "b"], [both, rival], TEXT)))
    assert allied.qualifiers == (
        ("hedge", "possible"),
        ("claim", "or according to Y"),
        ("period", "since 2015"),
        ("contested", "contested"),
    )
    assert allied.either is True
    assert one(BY_X, until="2016").qualifiers == (("period", "until 2016"), ("claim", "according to X"))
    assert one(BY_X).either is False and one(PLAIN).either is False
    assert contest.qualifiers == (("hedge", "possible"), ("contested", "contested"))


def test_a_hedged_own_quote_keeps_an_attributed_hedged_one_out_of_the_sentence() -> None:
    """No quote states it plainly and the author hedges it in their own words: it is the
    author's hedged claim, and naming a speaker beside it would lend the author's hedge to them."""
    theirs = evidence("a works closely with b", confidence="possible", attributed_to="Y")
    rel = one(LIKELY, theirs)
    assert rel.sentence == "A —allied with— B  [likely]"
    assert rel.attributed_to is None


def test_a_relation_only_disputed_has_no_hedge_rather_than_failing() -> None:
    """`diff` builds records from versions `check` refused, where every quote may dispute."""
    rel = one(evidence("a is friends with b", stance="disputes"))
    assert rel.confidence is None
    assert rel.sentence == "A —allied with— B"


def test_each_evidence_row_says_where_its_quote_is_written() -> None:
    (row,) = evidence_rows(one(PLAIN))
    assert row["location"] == str(PLAIN.location) and row["location"].startswith("test.yaml:")


def test_an_actor_row_counts_the_actors_relations() -> None:
    from actorgraph.network.records import actor_row

    g = build_graph(dataset(["a", "b", "c"], [edge("a", "allied", "b"), edge("c", "rival", "a")]))
    assert [actor_row(g, n)["relations"] for n in ("a", "b", "c")] == [2, 1, 1]


def test_find_answers_none_for_a_relation_the_graph_does_not_have() -> None:
    from actorgraph.network.records import find

    g = build_graph(dataset(["a", "b"], [edge("a", "allied", "b")]))
    assert find(g, "a/allied/b") is not None
    assert find(g, "a/rival/b") is None and find(g, "a/allied/zz") is None


def test_an_actor_kind_missing_from_the_vocabulary_is_shown_by_its_id() -> None:
    from actorgraph.network.records import kind_label

    data = dataset(["a"])
    assert kind_label(data, "group") == "Group"
    assert kind_label(data, "militia") == "militia"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"author": "J. Smith Jr.", "outlet": "Radio X."},
         "J. Smith Jr. “The memo”. Radio X."),  # one full stop between parts, never two
        ({"url": "https://example.org/m"}, "“The memo”. https://example.org/m"),
        ({"url": "https://example.org/m", "accessed": "2021-09-01"},
         "“The memo”. https://example.org/m (accessed 2021-09-01)."),
    ],
)  # fmt: skip
def test_a_bibliography_entry_is_punctuated_once(fields: dict[str, str], expected: str) -> None:
    from dataclasses import replace

    from actorgraph.network.records import bibliography_entry

    memo = replace(dataset(["a"]).sources["memo"], **fields)
    assert bibliography_entry(memo) == expected


def test_a_hedge_the_vocabulary_lacks_never_outranks_a_known_one() -> None:
    """`diff` builds records from versions `check` refused, where a quote may name a hedge the
    vocabulary lacks: the record stands in for it, and a known hedge beside it is the surer."""
    from actorgraph.network.records import relation

    rumoured = evidence("a is friends with b", confidence="rumoured")
    data = dataset(["a", "b"], [edge("a", "allied", "b", rumoured, POSSIBLE)], TEXT)
    rel = relation(data, data.edges[0], {a.id: a for a in data.actors})
    assert rel.quotes[0].confidence is not None and rel.quotes[0].confidence.label == "rumoured"
    assert rel.confidence is not None and rel.confidence.id == "possible"


def test_a_record_of_refused_data_shows_what_it_cannot_resolve_by_its_raw_id() -> None:
    """An unknown type, actor or source in a version `check` refused (as `diff` reads them)
    gets a stand-in under its own id: the type points from source to target as written and
    counts as neither alliance nor enmity, so balance and camps take no side on it."""
    from actorgraph.network.records import relation

    gone = evidence("many things about", doc="gone")
    data = dataset(["a"], [edge("a", "feuding", "zz", gone)])
    rel = relation(data, data.edges[0], {a.id: a for a in data.actors})
    assert (rel.id, rel.label, rel.directed, rel.sign) == ("a/feuding/zz", "feuding", True, 0)
    assert rel.phrase == "A —feuding→ zz"
    assert rel.quotes[0].source.id == "gone" and rel.quotes[0].citation.startswith("— gone")
