"""What the built page's data says, field by field, where a reader relies on it: the card's
words for how sure a claim is, the shape each actor is drawn in, and bytes that carry no time.

The page's scripts read these fields; the mutation run leaves the browser tests out, so the
fields are checked here, in the data a build writes (read back with `read_payload`)."""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

from actorgraph.network.build import build_graph
from actorgraph.outputs.page import read_payload, render_html

from tests import factories as f
from tests.conftest import run


def _built(tmp_path: Path) -> str:
    out = tmp_path / "graph.html"
    result = run("build", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def _levels(payload: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["id"]: c for c in payload["confidence_levels"]}


def test_a_claim_every_quote_hedges_is_worded_with_its_hedge_and_what_that_means(kabul: Path, tmp_path: Path) -> None:
    """The card's "How sure" for a relation whose only quote hedges it names the hedge and the
    vocabulary's definition of it, so a reader need not look the word up."""
    payload = read_payload(_built(tmp_path))
    levels = _levels(payload)
    hedged = [r for r in payload["relations"] if all(e["confidence"] for e in r["evidence"])]
    assert [r["id"] for r in hedged] == [
        "central-asian-jihadists/allied/islamic-state",
        "united-states/considered_cooperating_with/taliban",
        "isis-k/attacked/united-kingdom",
    ]
    for r in hedged:
        level = levels[r["confidence"]]
        assert r["how_sure"] == f"{level['label']} — {level['definition']}", r


def test_with_every_quote_hedged_the_surest_hedge_is_defined_and_all_are_named(tmp_path: Path) -> None:
    both = f.edge(
        "a",
        "allied",
        "b",
        f.evidence("many things", confidence="possible"),
        f.evidence("many groups", confidence="likely"),
    )
    payload = read_payload(render_html(build_graph(f.dataset(["a", "b"], [both]))))
    likely = _levels(payload)["likely"]
    (rel,) = payload["relations"]
    assert rel["how_sure"] == f"likely — {likely['definition']} (every quote hedged: possible, likely)", rel


def test_every_actor_is_drawn_in_its_kinds_shape(kabul: Path, tmp_path: Path) -> None:
    """The renderer draws each actor in the shape its drawing record names; that shape is its
    kind's, as the legend shows it, so a kind is told by shape as well as by colour."""
    payload = read_payload(_built(tmp_path))
    kind_shape = {k["id"]: k["shape"] for k in payload["actor_kinds"]}
    kind_of = {a["id"]: a["kind"] for a in payload["actors"]}
    drawn = {n["id"]: n["shape"] for n in payload["drawing"]["nodes"]}
    assert drawn == {a: kind_shape[k] for a, k in kind_of.items()}
    assert len(set(drawn.values())) == len(kind_shape) == 4, kind_shape


def test_the_packed_data_carries_no_time(kabul: Path, tmp_path: Path) -> None:
    """gzip's header has a modification time; the page's is 0, "no time stamp" (RFC 1952), so
    the bytes say nothing about when the page was built, whichever second two builds fall in."""
    page = _built(tmp_path)
    block = re.search(r'id="actorgraph-data">([A-Za-z0-9+/=]*)<', page)
    assert block, "the page should carry its data"
    header = base64.b64decode(block.group(1))[:10]
    assert header[:3] == b"\x1f\x8b\x08", header  # gzip, deflate
    assert header[4:8] == b"\x00\x00\x00\x00", header


def test_a_contested_relation_carries_its_words_for_when_no_claim_against_it_is_shown(
    kabul: Path, tmp_path: Path
) -> None:
    """The page words a contested relation "contested" only while a claim it conflicts with is
    in view; for the rest of the time the data carries its words without that, and nothing
    else dropped. A relation no source contests carries no second wording."""
    from tests.network.test_claims import add_third_source  # a source that has them fight and ally

    add_third_source(kabul)
    payload = read_payload(_built(tmp_path))
    contested = {r["id"]: r for r in payload["relations"] if r["contested"]}
    assert len(contested) == 5, sorted(contested)
    for r in contested.values():
        assert r["qualifiers_alone"] == [q for q in r["qualifiers"] if q["kind"] != "contested"], r
    allied = contested["isis-k/allied/taliban"]
    assert allied["sentence"] == "ISIS-K —allied with— Taliban  [in 2017-08, according to Afghan officials, contested]"
    assert allied["sentence_alone"] == "ISIS-K —allied with— Taliban  [in 2017-08, according to Afghan officials]"
    assert allied["qualifiers"] == [  # the card's tags, each with its words
        {"kind": "period", "text": "in 2017-08"},
        {"kind": "claim", "text": "according to Afghan officials"},
        {"kind": "contested", "text": "contested"},
    ]
    assert all("sentence_alone" not in r for r in payload["relations"] if not r["contested"])
