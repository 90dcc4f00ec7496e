"""The answer of `analyze`: centrality, camps and shared enemies, each with what it rests on."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ..network.records import Relation, relation_record
from ..network.wording import evidence_lines, wrap
from . import Answer, table_text

if TYPE_CHECKING:
    import networkx as nx

    from ..network.analyze import Analysis, Centrality, SharedEnemy
    from ..network.claims import EvidenceFilter


def _centrality_rows(g: nx.MultiDiGraph, rows: Iterable[Centrality]) -> list[dict[str, Any]]:
    from ..network.records import actor

    return [
        {
            "id": r.actor,
            "name": actor(g, r.actor).name,
            "relations": r.relations,
            "degree": round(r.degree, 4),
            "betweenness": round(r.betweenness, 4),
        }
        for r in rows
    ]


SHARED_ENEMY_COLUMNS = (
    "a", "a_name", "b", "b_name", "shared_enemies", "already_cooperative", "rests_on_stated_claims",
)  # fmt: skip


WEAK = "*"  # placed by hedged or attributed claims only
MOVED = "†"  # the authors' own stated claims alone would place it on the other side


def analysis_answer(g: nx.MultiDiGraph, result: Analysis, limit: int, evidence: EvidenceFilter) -> Answer:
    from ..network.records import actor

    def name(node: str) -> str:
        return actor(g, node).name

    def marked(node: str) -> str:
        return name(node) + (WEAK if node in result.weak else MOVED if node in result.moved else "")

    cent, split, enemies = result.centrality, result.camps, result.shared_enemies
    strict = evidence.no_hedged and evidence.no_attributed

    def text() -> str:
        out = []
        if evidence.active:
            out += [*wrap(f"Using the evidence {evidence.describe()}.", "", ""), ""]
        out += ["Centrality (who brokers between others: high betweenness)", ""]
        columns = (("name", "actor"), ("relations", "relations"), ("degree", "degree"), ("betweenness", "betweenness"))
        out.append(table_text(_centrality_rows(g, cent[:limit]), columns, "No actors.").rstrip())
        if len(cent) > limit:
            out.append(f"... and {len(cent) - limit} more (--limit, or --format json for all)")
        out += ["", "Camps suggested by structural balance", ""]
        for i, members in enumerate(split.camps, start=1):
            out += wrap(f"Camp {i} ({len(members)}): " + ", ".join(marked(n) for n in members), "", "    ")
        shown = {n for c in split.camps for n in c}
        if not strict and shown & result.weak:
            out += wrap(
                f"{WEAK} placed by hedged or attributed claims only: the authors' own plainly stated claims "
                "give it no camp (run with --no-hedged --no-attributed for that picture).",
                "  ",
                "    ",
            )
            if split.focus in result.weak:  # one actor asked about: show what places it
                for rel in _signed_relations(g, split.focus):
                    out += wrap(rel.sentence, "    - ", "      ")
        if shown & result.moved:
            out += wrap(
                f"{MOVED} the authors' own plainly stated claims alone place it on the other side.", "  ", "    "
            )
        if split.unaligned:
            out += wrap(
                "No cooperative or hostile relation recorded: " + ", ".join(name(n) for n in split.unaligned),
                "",
                "    ",
            )
        n_break = len(split.breaking)
        whose = f" of {name(split.focus)}" if split.focus else ""
        verdict = ":" if n_break else ("." if split.focus else " (the recorded relations are balanced).")
        out += ["", f"{n_break} of {split.signed} signed relations{whose} break this split{verdict}"]
        for rel in split.breaking[:limit]:
            out += wrap(rel.sentence, "  - ", "    ")
        if n_break > limit:
            out.append(f"  ... and {n_break - limit} more")
        if result.contested:
            out += [
                "",
                f"{result.contested} pair{'s' if result.contested != 1 else ''} of actors contested: "
                "the sources disagree (see `actorgraph contested`).",
            ]
        out += ["", "The enemy of my enemy: pairs with a common enemy, no hostile relation recorded", ""]
        if not enemies:
            out.append("None.")
        for s in enemies[:limit]:
            head = f"{name(s.a)} and {name(s.b)} share the enemy {', '.join(name(e) for e in s.enemies)}"
            if s.cooperative:
                head += " (already: " + "; ".join(rel.sentence for rel in s.cooperative) + ")"
            if (s.a, s.b) in result.weak_pairs and not strict:
                head += f" {WEAK}"
            out += wrap(head, "* ", "  ")
            for rel in _one_tie_each(s):
                out += wrap(rel.sentence, "  - ", "    ")
                out += evidence_lines(rel, indent=6, quotes=rel.supporting[:1], note=False)
        if not strict and any((s.a, s.b) in result.weak_pairs for s in enemies[:limit]):
            out += wrap(f"{WEAK} shown by hedged or attributed claims only.", "  ", "    ")
        if len(enemies) > limit:
            out.append(f"... and {len(enemies) - limit} more pairs (--limit, or --format json for all)")
        return "\n".join(out) + "\n"

    def data() -> dict[str, Any]:
        return {
            "evidence": {
                "no_hedged": evidence.no_hedged,
                "no_attributed": evidence.no_attributed,
                "sources": list(evidence.sources),
            },
            "centrality": _centrality_rows(g, cent),
            "camps": [list(c) for c in split.camps],
            "placed_by_hedged_or_attributed_only": sorted(n for c in split.camps for n in c if n in result.weak),
            "placed_otherwise_by_stated_claims": sorted(n for c in split.camps for n in c if n in result.moved),
            "unaligned": list(split.unaligned),
            "signed_relations": split.signed,  # of the focus actor, when there is one
            "breaking_relations": [relation_record(r) for r in split.breaking],
            "contested_pairs": result.contested,
            "shared_enemies": [
                {
                    "a": s.a,
                    "b": s.b,
                    "enemies": list(s.enemies),
                    "rests_on_stated_claims": (s.a, s.b) not in result.weak_pairs,
                    "cooperative": [relation_record(r) for r in s.cooperative],
                    "evidence": [relation_record(r) for r in s.ties],
                }
                for s in enemies
            ],
        }

    def table() -> tuple[Sequence[str], list[dict[str, Any]]]:
        rows = [
            {
                "a": s.a,
                "a_name": name(s.a),
                "b": s.b,
                "b_name": name(s.b),
                "shared_enemies": "; ".join(s.enemies),
                "already_cooperative": "; ".join(r.id for r in s.cooperative),
                "rests_on_stated_claims": (s.a, s.b) not in result.weak_pairs,
            }
            for s in enemies
        ]
        return SHARED_ENEMY_COLUMNS, rows

    return Answer(text, data, table)


def _signed_relations(g: nx.MultiDiGraph, node: str) -> list[Relation]:
    from ..network.records import relations

    return [r for r in relations(g) if r.sign and node in (r.source.id, r.target.id)]


def _one_tie_each(s: SharedEnemy) -> list[Relation]:
    """For reading: one hostile relation per actor and enemy, a plainly stated one if there is."""
    chosen: dict[tuple[str, str], Relation] = {}
    for rel in s.ties:
        for who in (s.a, s.b):
            if who in (rel.source.id, rel.target.id):
                key = (who, rel.target.id if rel.source.id == who else rel.source.id)
                if key not in chosen or (chosen[key].confidence is not None and rel.confidence is None):
                    chosen[key] = rel
    return list(chosen.values())
