"""Cues as patterns: the words in a sentence that suggest a relation type, a hedge or a speaker.

A cue is written as a curator would say it, and compiled here once per run:

- words match words in order, ignoring case; curly and straight apostrophes are the same;
- a word ending in `*` matches any word beginning so (`rival*`: rival, rivals, rivalry);
- `...` between words lets up to six other words come between them (`appeal* ... cadres`).

Relation types declare `cues` (the source named before the cue: "ISIS-K *attacked* the
Taliban") and `passive_cues` (the source named after it: "the TTP *lost cadres to* ISIS-K");
confidence levels declare `cues` ("may", "strongly believed"). Attribution patterns
(`attribution.yaml`, and a map's own `data/intake.yaml`) hold `{speaker}` where the speaker's
name goes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..dataset.model import Dataset
from ..errors import ActorgraphError

_GAP = r"(?:\W+\w+){0,6}?"
_BETWEEN = r"[\s\-\u2010-\u2015’']+"
INTAKE_FILE = "intake.yaml"  # a map's own attribution patterns, beside edges.yaml (optional)


def cue_regex(cue: str) -> re.Pattern[str]:
    """The pattern a written cue stands for (see the module's docstring)."""
    parts: list[str] = []
    for token in cue.split():
        if token == "...":
            parts.append(_GAP)
            continue
        word = re.sub("['’]", "['’]", re.escape(token.rstrip("*")))
        parts.append(word + (r"\w*" if token.endswith("*") else ""))
    segments: list[str] = [""]  # the cue's words between its gaps
    for part in parts:
        if part == _GAP:
            segments.append("")
        else:
            segments[-1] += (_BETWEEN if segments[-1] else "") + part
    if len(segments) == 1:
        body = f"(?P<head>{segments[0]})"
    else:  # the first words and the last are groups: what lies in a gap may be a name ("proclaimed X as a model")
        middle = "".join(rf"{_GAP}\W+{seg}" for seg in segments[1:-1] if seg)
        body = rf"(?P<head>{segments[0]}){middle}{_GAP}\W+(?P<tail>{segments[-1]})"
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class TypeCue:
    type: str
    cue: str  # as written in the vocabulary
    pattern: re.Pattern[str]
    passive: bool  # the relation's source is named after the cue
    directed: bool


@dataclass(frozen=True)
class HedgeCue:
    level: str
    rank: int
    cue: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Speaker:
    pattern: re.Pattern[str]
    before: bool  # the speaker is named before the verb ("experts say"), else after ("said X")
    fixed: bool  # no {speaker}: the pattern's own words are the speaker


@dataclass(frozen=True)
class Rules:
    types: tuple[TypeCue, ...]
    hedges: tuple[HedgeCue, ...]
    speakers: tuple[Speaker, ...]


def rules(data: Dataset, data_dir: Path | None = None) -> Rules:
    """The cues of the map's vocabulary and the attribution patterns, compiled."""
    types = [
        TypeCue(t.id, cue, _compiled(cue), passive, t.directed)
        for t in data.relation_types.values()
        for passive, cues in ((False, t.cues), (True, t.passive_cues))
        for cue in cues
    ]
    hedges = [
        HedgeCue(level.id, level.rank, cue, _compiled(cue))
        for level in data.confidence_levels.values()
        for cue in level.cues
    ]
    patterns = [*_shipped_attribution(), *(_map_attribution(data_dir) if data_dir else ())]
    return Rules(tuple(types), tuple(hedges), tuple(speaker_pattern(p) for p in dict.fromkeys(patterns)))


@functools.lru_cache(maxsize=1024)
def _compiled(cue: str) -> re.Pattern[str]:
    return cue_regex(cue)


# Who a speaker pattern catches: back to the last comma, quotation mark or bracket before the verb,
# or on to the next comma after it (and one description beginning "a" or "an" past it).
_STOP = re.compile(r"[,;:“”\"()—]")
_AFTER = r"(?P<speaker>[^,;:“”\"()—]+(?:,\s+(?:a|an)\s+[^,;:“”\"()—]+)?)"  # "X, a counterterrorism analyst"


def speaker_pattern(written: str) -> Speaker:
    if "{speaker}" not in written:
        return Speaker(cue_regex(written), before=False, fixed=True)
    head, _, tail = written.partition("{speaker}")
    if head.strip():
        body = cue_regex(head.strip()).pattern.removesuffix(r"(?!\w)") + r"\s+" + _AFTER
        return Speaker(re.compile(body, re.IGNORECASE), before=False, fixed=False)
    # The verb alone is searched for; the speaker is read back from it (a lazy look-behind of
    # any length would be tried at every character of every sentence).
    verb = cue_regex(tail.strip()).pattern.removeprefix(r"(?<!\w)")
    joiner = r"(?<=\w)" if tail.startswith("'") else r"(?<=\s)"
    return Speaker(re.compile(joiner + verb, re.IGNORECASE), before=True, fixed=False)


_PRONOUNS = frozenset("he she it they we i you this that who which".split())
_LEADING = re.compile(r"^(?:(?:what|that|and|but|as|while|so|which|who|whom|because|than)\s+)+", re.IGNORECASE)


@dataclass(frozen=True)
class Attribution:
    who: str
    words: str  # the words that say so ("terrorism experts say")
    start: int  # where those words are in the sentence
    end: int


def speaker_in(sentence: str, speakers: Sequence[Speaker]) -> Attribution | None:
    """The first attribution in a sentence, or None."""
    for sp in speakers:
        m = sp.pattern.search(sentence)
        if m is None:
            continue
        start = m.start()
        if sp.fixed:
            who = m.group()
        elif sp.before:
            back = sentence[max(0, start - 120) : start]
            cut = max((x.end() for x in _STOP.finditer(back)), default=0)
            who = " ".join(back[cut:].split()[-6:])
            start -= len(back) - cut
        else:
            who = m.group("speaker")
        who = _LEADING.sub("", " ".join(who.split()).strip(" .,'’")).strip()
        if not who or who.lower() in _PRONOUNS or len(who.split()) > 16:
            continue
        words = sentence[start : m.end()]
        return Attribution(who, " ".join(words.split()).strip(), start, m.end())
    return None


def _shipped_attribution() -> list[str]:
    import yaml

    text = (resources.files(__package__) / "attribution.yaml").read_text(encoding="utf-8")
    return [str(p) for p in yaml.safe_load(text)["attribution"]]


def _map_attribution(data_dir: Path) -> list[str]:
    """A map's own attribution patterns (data/intake.yaml, `attribution:` a list of strings)."""
    import os

    from ..dataset.load import display_path
    from ..dataset.yamlsafe import YList, YMap, read_yaml

    path = data_dir / INTAKE_FILE
    if not os.path.lexists(path):
        return []
    value, problems = read_yaml(path, display_path(path))
    if problems:
        raise ActorgraphError(str(problems[0]))
    listed = value.get("attribution") if isinstance(value, YMap) else None
    if not isinstance(listed, YList) or not all(isinstance(p, str) for p in listed):
        raise ActorgraphError(f"{path}: expected `attribution:` with a list of patterns (strings)")
    return list(listed)
