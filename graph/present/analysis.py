"""The answer of `analyze`: centrality, camps and shared enemies, each with what it rests on.

Every figure and placement says what it measures and what places it: a centrality figure is
named for what it counts and marked when only hedged or attributed claims lift it above
zero; a camp member is there by cooperation or only by enmity; an actor that equally good
splits place differently is listed as undetermined with what each choice breaks; the count
of relations the split breaks says whether it is exact or a bound; a shared enemy is a
hypothesis, with what is (or is not) recorded between the pair.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..network.records import Relation, relation_record
from ..network.wording import evidence_lines, wrap
from . import Answer, table_text

if TYPE_CHECKING:
    import networkx as nx

    from ..network.analyze import Analysis, Centrality, Place, SharedEnemy
    from ..network.claims import EvidenceFilter


# What each centrality figure measures, in the words the text, the JSON and --help use.
MEASURES = {
    "relations": "how many relations it takes part in",
    "degree": "the share of the other actors it has any relation with (degree centrality)",
    "betweenness": "how often it lies on the shortest chain of relations of any kind between two others "
    "(betweenness centrality): hostile relations count, so a common enemy sits between its enemies",
    "brokerage": "the same over cooperative relations only: how often it is the go-between of two others",
}
HEADINGS = {"relations": "relations", "degree": "degree", "betweenness": "between (any)", "brokerage": "brokerage"}

WEAK = "*"  # placed (or lifted above zero) by hedged or attributed claims only
MOVED = "†"  # the authors' own stated claims alone place it apart from most of its camp
ENEMY_ONLY = "°"  # in its camp only as an enemy of the other camp's members

ACTOR_COLUMNS = (
    "id", "name", "relations", "degree", "betweenness", "brokerage", "above_zero_only_through_hedged_or_attributed",
    "camp", "placed_by", "proven", "rests_on_stated_claims", "stated_claims_place_it_apart", "undetermined_breaks",
    "shared_enemy_pairs",
)  # fmt: skip
SHARED_ENEMY_COLUMNS = (
    "a", "a_name", "b", "b_name", "shared_enemies", "recorded_between", "already_cooperative", "neutral",
    "rests_on_stated_claims",
)  # fmt: skip


def _centrality_rows(g: nx.MultiDiGraph, rows: Sequence[Centrality], marks: bool) -> list[dict[str, Any]]:
    from ..network.records import actor

    def figure(r: Centrality, name: str, value: float) -> Any:
        shown: Any = round(value, 4) if isinstance(value, float) else value
        if marks:
            shown = (f"{value:.3f}" if isinstance(value, float) else str(value)) + (WEAK if name in r.hedged else "")
        return shown

    return [
        {
            "id": r.actor,
            "name": actor(g, r.actor).name,
            "relations": figure(r, "relations", r.relations),
            "degree": figure(r, "degree", r.degree),
            "betweenness": figure(r, "betweenness", r.betweenness),
            "brokerage": figure(r, "brokerage", r.brokerage),
            "above_zero_only_through_hedged_or_attributed": sorted(r.hedged),
        }
        for r in rows
    ]


def _recorded(s: SharedEnemy) -> str:
    return "cooperative" if s.cooperative else "neutral" if s.neutral else "none"


def analysis_answer(
    g: nx.MultiDiGraph, result: Analysis, limit: int, evidence: EvidenceFilter, *, pairs_table: bool = False
) -> Answer:
    """The text, JSON and CSV of an analysis. CSV is one row per actor, or with `pairs_table`
    one row per pair that shares an enemy."""
    from ..network.records import actor

    def name(node: str) -> str:
        return actor(g, node).name

    cent, split, enemies = result.centrality, result.camps, result.shared_enemies
    strict = evidence.no_hedged and evidence.no_attributed
    compared = result.compared and not strict
    frustration = split.frustration

    def marked(node: str) -> str:
        member = split.members[node]
        tail = ENEMY_ONLY if member.basis == "enmity" else ""
        if compared and node in result.weak:
            tail += WEAK
        elif compared and node in result.moved:
            tail += MOVED
        return name(node) + tail

    def camp_name(camp: int) -> str:
        return f"Camp {camp + 1}"

    def where(p: Place) -> str:
        return ("opposite " if p.opposite else "in ") + camp_name(p.camp)

    def heading() -> list[str]:
        out = []
        if evidence.active:
            out += [*wrap(f"Using the evidence {evidence.describe()}.", "", ""), ""]
        if result.as_of is not None:
            relations_out, actors_out = result.left_out
            out += wrap(
                f"As of {result.as_of}: only relations in force that year (undated ones count) among actors that "
                f"existed then; {relations_out} relation{'s' if relations_out != 1 else ''} and {actors_out} "
                f"actor{'s' if actors_out != 1 else ''} left out.",
                "",
                "",
            )
            out.append("")
        return out

    def centrality_text() -> list[str]:
        out = ["Centrality", ""]
        columns = [("name", "actor"), *((f, HEADINGS[f]) for f in ("relations", "degree", "betweenness", "brokerage"))]
        out.append(table_text(_centrality_rows(g, cent[:limit], True), columns, "No actors.").rstrip())
        if len(cent) > limit:
            out.append(f"... and {len(cent) - limit} more (--limit, or --format json for all)")
        out += wrap(
            "Sorted by brokerage. "
            + " ".join(f"{HEADINGS[f]}: {MEASURES[f]}." for f in ("relations", "degree", "betweenness", "brokerage")),
            "  ",
            "  ",
        )
        if compared and any(r.hedged for r in cent[:limit]):
            out += wrap(f"{WEAK} above zero only through hedged or attributed claims.", "  ", "    ")
        return out

    def frustration_text() -> str:
        n, total = frustration.broken, frustration.signed
        scope = "Over the whole map, " if split.focus else ""
        if frustration.exact:
            verb = "breaks" if n == 1 else "break"
            tail = "no split breaks fewer (exact)" if n else "the signed relations are balanced"
            return f"{scope}{n} of {total} signed relations {verb} the best split: {tail}."
        why = "the time limit was reached" if frustration.timed_out else "the map is too large to search"
        lead = f"{scope}the best split found" if scope else "The best split found"
        return (
            f"{lead} breaks {n} of {total} signed relations; no split breaks fewer than {frustration.lower} "
            f"(a bound, not exact: {why}). The camps are that split's, not proven best."
        )

    def camps_text() -> list[str]:
        out = ["", "Camps suggested by structural balance", ""]
        out += wrap(frustration_text(), "", "")
        out.append("")
        shown: list[str] = []
        for pair in split.pairs:
            for camp in pair:
                members = split.camps[camp]
                shown += members
                unproven = "" if all(split.members[m].proven for m in members) else ", best found, not proven"
                out += wrap(
                    f"{camp_name(camp)} ({len(members)}{unproven}): " + ", ".join(marked(n) for n in members),
                    "",
                    "    ",
                )
                blocs = [b for b in split.blocs[camp] if len(b) > 1]
                if len(blocs) > 1:
                    groups = "; ".join(", ".join(name(n) for n in b) for b in blocs)
                    out += wrap(
                        f"{camp_name(camp)} joins {len(blocs)} groups with no cooperative relation recorded "
                        f"between them, only shared enemies: {groups}.",
                        "  ",
                        "    ",
                    )
            if len(split.pairs) > 1:
                out.append("")
        if any(split.members[n].basis == "enmity" for n in shown):
            out += wrap(
                f"{ENEMY_ONLY} in its camp only as an enemy of the other camp's members (the enemy of my enemy): no "
                "cooperative relation recorded with anyone in its camp.",
                "  ",
                "    ",
            )
        if compared and set(shown) & result.weak:
            out += wrap(
                f"{WEAK} placed by hedged or attributed claims only: the authors' own plainly stated claims do not "
                "place it (run with --no-hedged --no-attributed for that picture).",
                "  ",
                "    ",
            )
            if split.focus in result.weak:  # one actor asked about: show what places it
                for rel in _signed_relations(g, split.focus):
                    out += wrap(rel.sentence, "    - ", "      ")
        if compared and set(shown) & result.moved:
            out += wrap(
                f"{MOVED} the authors' own plainly stated claims alone place it apart from most of its camp.",
                "  ",
                "    ",
            )
        if split.undetermined:
            out += ["", "Undetermined: equally good splits place it in either camp, so it is in neither", ""]
            for u in split.undetermined:
                who = " and ".join(name(n) for n in u.actors)
                out += wrap(who + (" (together)" if len(u.actors) > 1 else ""), "* ", "  ")
                for option in u.options:
                    if len(u.actors) == 1:
                        first = where(option.camps[0])
                        words = first[0].upper() + first[1:] + " it breaks"
                    else:
                        words = "With " + ", ".join(f"{name(p.actor)} {where(p)}" for p in option.camps)
                        words += ", they break"
                    out += wrap(words + (":" if option.breaks else " nothing with the camps."), "  ", "    ")
                    for rel in option.breaks[:limit]:
                        out += wrap(rel.sentence, "    - ", "      ")
        if split.unsettled:
            out.append("")
            out += wrap(
                "Not settled within the time limit (the best split found puts each where shown; whether an equally "
                "good split puts it elsewhere was not established): "
                + ", ".join(f"{name(p.actor)} ({where(p)})" for p in split.unsettled),
                "",
                "    ",
            )
        if split.unaligned:
            out.append("")
            out += wrap(
                "No cooperative or hostile relation recorded: " + ", ".join(name(n) for n in split.unaligned),
                "",
                "    ",
            )
        n_break = len(split.breaking)
        every = "every best split" if frustration.exact else "the best split found"
        whose = f" of {name(split.focus)}" if split.focus else ""
        out += ["", f"Relations{whose} that {every} breaks: {n_break}{':' if n_break else '.'}"]
        for rel in split.breaking[:limit]:
            out += wrap(rel.sentence, "  - ", "    ")
        if n_break > limit:
            out.append(f"  ... and {n_break - limit} more")
        others = frustration.broken - n_break
        if not split.focus and others > 0 and (split.undetermined or split.unsettled):
            out += wrap(
                f"The other {others} broken relation{'s' if others != 1 else ''} depend{'s' if others == 1 else ''} "
                "on where the undetermined actors go (above).",
                "",
                "",
            )
        if split.undecided:
            out += wrap(
                f"{len(split.undecided)} relation{'s' if len(split.undecided) != 1 else ''}{whose} among undetermined "
                "or unsettled actors: whether they break depends on where those go.",
                "",
                "    ",
            )
        return out

    def enemies_text() -> list[str]:
        out = ["", "The enemy of my enemy: pairs with a common enemy, no hostile relation recorded", ""]
        out += wrap(
            "Each is a hypothesis to check, not a finding: a common enemy is not an alliance.",
            "",
            "",
        )
        out.append("")
        if not enemies:
            out.append("None.")
        for s in enemies[:limit]:
            head = f"{name(s.a)} and {name(s.b)} share the enemy {', '.join(name(e) for e in s.enemies)}"
            if s.cooperative:
                head += "; already cooperating: " + "; ".join(rel.sentence for rel in s.cooperative)
            elif s.neutral:
                head += "; no cooperative or hostile relation recorded between them, only: "
                head += "; ".join(rel.sentence for rel in s.neutral)
            else:
                head += "; no relation recorded between them"
            if compared and (s.a, s.b) in result.weak_pairs:
                head += f" {WEAK}"
            out += wrap(head, "* ", "  ")
            for rel in _one_tie_each(s):
                out += wrap(rel.sentence, "  - ", "    ")
                out += evidence_lines(rel, indent=6, quotes=rel.supporting[:1], note=False)
        if compared and any((s.a, s.b) in result.weak_pairs for s in enemies[:limit]):
            out += wrap(f"{WEAK} shown by hedged or attributed claims only.", "  ", "    ")
        if len(enemies) > limit:
            out.append(f"... and {len(enemies) - limit} more pairs (--limit, or --format json for all)")
        return out

    def text() -> str:
        out = heading() + centrality_text() + camps_text()
        if result.contested:
            out += [
                "",
                f"{result.contested} pair{'s' if result.contested != 1 else ''} of actors contested: "
                "the sources disagree (see `actorgraph contested`).",
            ]
        return "\n".join(out + enemies_text()) + "\n"

    def place_record(p: Place) -> dict[str, Any]:
        return {"id": p.actor, "camp": p.camp + 1, "opposite": p.opposite}

    def member_record(node: str) -> dict[str, Any]:
        member = split.members[node]
        return {
            "id": node,
            "name": name(node),
            "camp": member.camp + 1,
            "placed_by": member.basis,
            "proven": member.proven,
            "rests_on_stated_claims": node not in result.weak if result.compared else None,
            "placed_by_on_stated_claims": result.stated_basis.get(node) if result.compared else None,
            "stated_claims_place_it_apart": node in result.moved if result.compared else None,
        }

    def data() -> dict[str, Any]:
        return {
            "evidence": {
                "no_hedged": evidence.no_hedged,
                "no_attributed": evidence.no_attributed,
                "sources": list(evidence.sources),
            },
            "as_of": result.as_of,
            "left_out": {"relations": result.left_out[0], "actors": result.left_out[1]},
            "measures": MEASURES,
            "centrality": _centrality_rows(g, cent, False),
            "frustration": {
                "broken": frustration.broken,
                "at_least": frustration.lower,
                "exact": frustration.exact,
                "signed_relations": frustration.signed,
                "timed_out": frustration.timed_out,
            },
            "camps": [list(c) for c in split.camps],
            "camp_pairs": [[c + 1 for c in pair] for pair in split.pairs],
            "members": [member_record(n) for pair in split.pairs for c in pair for n in split.camps[c]],
            "blocs": [[list(b) for b in split.blocs[c]] for c in range(len(split.camps))],
            "placed_by_hedged_or_attributed_only": sorted(n for n in split.members if n in result.weak),
            "placed_otherwise_by_stated_claims": sorted(n for n in split.members if n in result.moved),
            "undetermined": [
                {
                    "actors": list(u.actors),
                    "options": [
                        {"places": [place_record(p) for p in o.camps], "breaks": [relation_record(r) for r in o.breaks]}
                        for o in u.options
                    ],
                }
                for u in split.undetermined
            ],
            "unsettled": [place_record(p) for p in split.unsettled],  # where the best split found puts each
            "unaligned": list(split.unaligned),
            "signed_relations": split.signed,  # of the focus actor, when there is one
            "breaking_relations": [relation_record(r) for r in split.breaking],
            "undecided_relations": [relation_record(r) for r in split.undecided],
            "contested_pairs": result.contested,
            "shared_enemies": [
                {
                    "a": s.a,
                    "b": s.b,
                    "enemies": list(s.enemies),
                    "hypothesis": True,
                    "recorded_between": _recorded(s),
                    "rests_on_stated_claims": (s.a, s.b) not in result.weak_pairs,
                    "cooperative": [relation_record(r) for r in s.cooperative],
                    "neutral": [relation_record(r) for r in s.neutral],
                    "evidence": [relation_record(r) for r in s.ties],
                }
                for s in enemies
            ],
        }

    def actors_table() -> tuple[Sequence[str], list[dict[str, Any]]]:
        partners: dict[str, int] = {}
        for a, b in enemies.pairs():
            partners[a] = partners.get(a, 0) + 1
            partners[b] = partners.get(b, 0) + 1
        floating = {n: u for u in split.undetermined for n in u.actors}
        loose = {p.actor: p for p in split.unsettled}
        rows = []
        for row in _centrality_rows(g, cent, False):
            node = row["id"]
            row["above_zero_only_through_hedged_or_attributed"] = "; ".join(
                row["above_zero_only_through_hedged_or_attributed"]
            )
            if node in split.members:
                member = member_record(node)
                row.update({k: member[k] for k in ("camp", "placed_by", "proven", "rests_on_stated_claims")})
                row["stated_claims_place_it_apart"] = member["stated_claims_place_it_apart"]
            elif node in floating:
                row["placed_by"] = "undetermined"
                row["undetermined_breaks"] = "; ".join(
                    f"{where(next(p for p in o.camps if p.actor == node))}: "
                    + (", ".join(r.id for r in o.breaks) or "nothing")
                    for o in floating[node].options
                )
            elif node in loose:
                row["placed_by"] = "unsettled"
                row["camp"] = loose[node].camp + 1 if not loose[node].opposite else None
            elif node in split.unaligned:
                row["placed_by"] = "unaligned"
            row["shared_enemy_pairs"] = partners.get(node, 0)
            rows.append(row)
        return ACTOR_COLUMNS, rows

    def pairs() -> tuple[Sequence[str], list[dict[str, Any]]]:
        rows = [
            {
                "a": s.a,
                "a_name": name(s.a),
                "b": s.b,
                "b_name": name(s.b),
                "shared_enemies": "; ".join(s.enemies),
                "recorded_between": _recorded(s),
                "already_cooperative": "; ".join(r.id for r in s.cooperative),
                "neutral": "; ".join(r.id for r in s.neutral),
                "rests_on_stated_claims": (s.a, s.b) not in result.weak_pairs,
            }
            for s in enemies
        ]
        return SHARED_ENEMY_COLUMNS, rows

    return Answer(text, data, pairs if pairs_table else actors_table)


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
