#!/usr/bin/env python3
"""Write a synthetic dataset in actorgraph's own format, for benchmarks and scale tests.

N actors and M relations with the shipped vocabularies, every quote a real
stretch of the shipped seed texts, so the result passes `actorgraph check` and
costs what real data of that size would. The same arguments give the same
files.

With --real-length, records are as long as the shipped map's: quotes of 15 to 30
words (about 120 characters), a curator's note on two relations in five (about 300
characters) and on one quote in five, a speaker on one quote in six, and a
description of about 200 characters for each actor: some 550 bytes a relation, so
10,000 actors and 50,000 relations are about 27 MB, as the issue measured.

    python scripts/synth.py /tmp/big --actors 2000 --relations 10000
    python scripts/synth.py /tmp/real --actors 10000 --relations 50000 --real-length
    actorgraph check --data-dir /tmp/big/data --seeds-dir /tmp/big/seeds
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SYLLABLES = "al ba da fa ga ha ja ka la ma na pa qa ra sa ta wa za ri mu so ke lo ne vi du".split()


def quotes_from(text: str, rng: random.Random, count: int, shortest: int = 4, longest: int = 12) -> list[str]:
    """Runs of `shortest` to `longest` whole words from the text; whitespace is normalised, so any
    run matches. None from a text of `longest` words or fewer (a one-line statement)."""
    words = re.findall(r"\S+", text)
    if len(words) <= longest:
        return []
    out = []
    for _ in range(count):
        n = rng.randint(shortest, longest)
        start = rng.randrange(0, len(words) - n)
        out.append(" ".join(words[start : start + n]))
    return out


def dump(value: object) -> str:
    """YAML text, by libyaml's emitter where there is one: the same text as PyYAML's own, faster."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(value, Dumper=dumper, allow_unicode=True, sort_keys=False, width=120)


NOTE_WORDS = (
    "read as the author's own claim; the text names no other source for it and dates it only by the events around "
    "it, so no period is recorded; the speaker is the outlet's analyst, whose words elsewhere in the piece are hedged"
).split()


def prose(rng: random.Random, characters: int) -> str:
    """A curator's note or a description of about that many characters."""
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < characters:
        words.append(rng.choice(NOTE_WORDS))
    return " ".join(words).capitalize() + "."


def synthesise(
    out: Path, n_actors: int, n_relations: int, seed: int, base: Path = ROOT, real_length: bool = False
) -> None:
    """`base`: the map whose vocabularies and source texts the synthetic one uses; `real_length`:
    quotes, notes and descriptions as long as a real map's (see the module's docstring)."""
    rng = random.Random(seed)
    shipped_actors = yaml.safe_load((base / "data" / "actors.yaml").read_text())
    shipped_edges = yaml.safe_load((base / "data" / "edges.yaml").read_text())
    sources = yaml.safe_load((base / "seeds" / "sources.yaml").read_text())["sources"]
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(base / "seeds", out / "seeds")
    (out / "data").mkdir(parents=True)

    kinds = list(shipped_actors["actor_kinds"])
    names: set[str] = set()
    actors = []
    for i in range(n_actors):
        while True:
            name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
            name = f"{name} {rng.choice(['Front', 'Brigade', 'Movement', 'Council', 'Network', 'Army'])}"
            if name not in names:
                names.add(name)
                break
        actors.append(
            {
                "id": f"a{i:05d}",
                "name": name,
                "aliases": [f"{name.split()[0].upper()}-{i}"],
                "kind": rng.choice(kinds),
                "description": prose(rng, 200) if real_length else f"A synthetic actor, number {i}.",
            }
        )

    types = shipped_edges["relation_types"]
    lengths = (15, 30) if real_length else (4, 12)
    pool = {s["id"]: quotes_from((base / "seeds" / s["file"]).read_text(), rng, 400, *lengths) for s in sources}
    pool = {doc: quotes for doc, quotes in pool.items() if quotes}
    if not pool:
        raise SystemExit(f"no source text in {base / 'seeds'} is long enough to quote from")
    seen: set[tuple[int, int, str]] = set()
    edges: list[dict[str, object]] = []
    # A few hubs and many small actors, as in real networks: preferential choice of ends.
    weights = [1.0 / (1 + i) ** 0.6 for i in range(n_actors)]
    cumulative = list(itertools.accumulate(weights))  # what choices(weights=) computes on every call
    while len(edges) < n_relations:
        a, b = rng.choices(range(n_actors), cum_weights=cumulative, k=2)
        rtype = rng.choice(list(types))
        if a == b:
            continue
        key = (a, b, rtype) if types[rtype]["directed"] else (min(a, b), max(a, b), rtype)
        if key in seen:
            continue
        seen.add(key)
        edge: dict[str, object] = {"source": actors[a]["id"], "target": actors[b]["id"], "type": rtype}
        hedged = rng.random() < 0.2  # a hedge belongs to a quote: here to each quote of a hedged relation
        level = rng.choice(list(shipped_edges.get("confidence_levels", {})) or [None]) if hedged else None
        if rng.random() < 0.3:
            since = rng.randint(2001, 2021)
            edge["since"] = since
            if rng.random() < 0.5:
                edge["until"] = rng.randint(since, 2021)
        evidence: list[dict[str, str]] = []
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            doc = rng.choice(list(pool))
            quote = {"doc": doc, "quote": rng.choice(pool[doc])}
            if level is not None:
                quote["confidence"] = level
            if real_length and rng.random() < 1 / 6:
                quote["attributed_to"] = "an analyst"
            if real_length and rng.random() < 0.2:
                quote["note"] = prose(rng, 150)
            # the same words from the same source twice is a problem
            if all(q["quote"] != quote["quote"] or q["doc"] != quote["doc"] for q in evidence):
                evidence.append(quote)
        if real_length and rng.random() < 0.4:
            edge["note"] = prose(rng, 300)
        edge["evidence"] = evidence
        edges.append(edge)

    (out / "data" / "actors.yaml").write_text(dump({"actor_kinds": shipped_actors["actor_kinds"], "actors": actors}))
    (out / "data" / "edges.yaml").write_text(
        dump(
            {
                "relation_types": types,
                "confidence_levels": shipped_edges.get("confidence_levels", {}),
                "edges": edges,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write data/ and seeds/ into (replaced)")
    parser.add_argument("--actors", type=int, default=2000)
    parser.add_argument("--relations", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--real-length", action="store_true", help="quotes, notes and descriptions as long as a real map's"
    )
    parser.add_argument("--from", dest="base", type=Path, default=ROOT, help="the map to take vocabularies, texts from")
    args = parser.parse_args()
    if args.actors < 2:
        parser.error("--actors must be at least 2")
    synthesise(args.out, args.actors, args.relations, args.seed, args.base, args.real_length)
    print(f"wrote {args.out}/data and {args.out}/seeds: {args.actors} actors, {args.relations} relations")


if __name__ == "__main__":
    main()
