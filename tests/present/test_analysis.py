"""The analyze answer in words: what a finding about one actor rests on."""

from __future__ import annotations

from actorgraph.network.analyze import analyze
from actorgraph.network.build import build_graph
from actorgraph.network.claims import EvidenceFilter
from actorgraph.present.analysis import analysis_answer

from tests.factories import dataset, edge, evidence


def test_an_actor_placed_only_by_hedged_claims_is_shown_with_its_own_signed_relations() -> None:
    """Asked about one actor whom only a hedged claim puts in a camp, the answer lists under the
    mark the signed relations of that actor (what places it), not its talks (no sign) and not
    the other actors' relations."""
    data = dataset(["a", "b", "c", "d"], [
        edge("a", "allied", "b"), edge("c", "allied", "a", evidence(confidence="possible")),
        edge("c", "talked", "b"), edge("b", "rival", "d"),
    ])  # fmt: skip
    g = build_graph(data)
    stated = build_graph(EvidenceFilter(no_hedged=True, no_attributed=True).apply(data))
    result = analyze(g, "c", stated)
    assert result.weak == {"c"}, result.weak
    lines = analysis_answer(g, result, 10, EvidenceFilter()).text().splitlines()
    mark = next(i for i, line in enumerate(lines) if line.startswith("  * placed by hedged or attributed claims only"))
    listed = [line.strip() for line in lines[mark + 1 :] if line.startswith("    - ")]
    assert listed == ["- C —allied with— A  [possible]"], lines
