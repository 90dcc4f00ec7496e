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
class Negations:
    """The words that say a relation is not so (`negation.yaml`), compiled."""

    negation: re.Pattern[str]  # "never", "not", "no", "denies" ...
    exceptions: re.Pattern[str]  # "not only": a negation word that negates nothing
    denial: re.Pattern[str]  # "rejects", "disputes": said of a claim (held on import only)

    def first(self, text: str, lo: int, hi: int, denials: bool = False) -> re.Match[str] | None:
        """The first negation (or, with `denials`, denial too) in text[lo:hi]."""
        found = []
        for m in self.negation.finditer(text, lo, hi):
            if not self.exceptions.match(text, m.start(), hi):
                found.append(m)
                break
        if denials:
            found += [m for m in [self.denial.search(text, lo, hi)] if m]
        return min(found, key=lambda m: m.start()) if found else None


@dataclass(frozen=True)
class Rules:
    types: tuple[TypeCue, ...]
    hedges: tuple[HedgeCue, ...]
    speakers: tuple[Speaker, ...]
    negations: Negations


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
    speakers = tuple(speaker_pattern(p) for p in dict.fromkeys(patterns))
    return Rules(tuple(types), tuple(hedges), speakers, negations())


@functools.lru_cache(maxsize=1)
def negations() -> Negations:
    import yaml

    text = (resources.files(__package__) / "negation.yaml").read_text(encoding="utf-8")
    listed = yaml.safe_load(text)

    def alternation(key: str) -> re.Pattern[str]:
        words = (re.sub(r"\(\?P<\w+>", "(?:", cue_regex(str(w)).pattern) for w in listed[key])
        return re.compile("|".join(words), re.IGNORECASE)

    return Negations(alternation("negation"), alternation("not_negation"), alternation("denial"))


# Where one clause of a sentence ends and the next begins: a semicolon, or a comma before a
# conjunction ("..., and ISGS's propaganda accused JNIM"). A hedge or a speaker qualifies the
# clause it stands in, not its neighbours.
CLAUSE_BREAK = re.compile(
    r"\s*[;:]\s+|,\s+(?P<list>and|or)\s+|,\s+(?:but|while|whereas|although|though|yet|so)\s+"
    r"|\s+(?:whereas|while|but)\s+",
    re.IGNORECASE,
)
_NAME_GLUE = re.compile(r"[\s,]*(?:(?:and|or|the)\s+)*[\s,]*", re.IGNORECASE)


def clause_breaks(text: str, s_lo: int, s_hi: int, names: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The clause breaks of the sentence s_lo..s_hi. A comma before "and" or "or" ends a clause
    unless it ends a list: the words since the last comma are only names ("the Taliban, Al Qaeda
    and the Haqqani network, and their rival"), or two commas already stand in the clause ("A,
    B, and C")."""
    out: list[tuple[int, int]] = []
    for m in CLAUSE_BREAK.finditer(text, s_lo, s_hi):
        if m.group("list"):
            since = out[-1][1] if out else s_lo
            commas = [c.start() for c in re.finditer(",", text[since : m.start()])]
            seg = since + commas[-1] + 1 if commas else since
            if len(commas) >= 2 or _names_only(text, seg, m.start(), names):
                continue
        out.append((m.start(), m.end()))
    return out


def _names_only(text: str, lo: int, hi: int, names: Sequence[tuple[int, int]]) -> bool:
    inside = sorted((s, e) for s, e in names if lo <= s and e <= hi)
    if not inside:
        return False
    at = lo
    for s, e in inside:
        if not _NAME_GLUE.fullmatch(text, at, s):
            return False
        at = e
    return bool(_NAME_GLUE.fullmatch(text, at, hi))


def clause(breaks: Sequence[tuple[int, int]], s_lo: int, s_hi: int, lo: int, hi: int) -> tuple[int, int]:
    """The characters of the clause (or clauses) of the sentence s_lo..s_hi holding lo..hi."""
    c_lo, c_hi = s_lo, s_hi
    for start, end in breaks:
        if end <= lo:
            c_lo = end
        elif start >= hi:
            c_hi = start
            break
    return c_lo, c_hi


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
_LEADING = re.compile(r"^(?:(?:in|what|that|and|but|as|while|so|which|who|whom|because|than)\s+)+", re.IGNORECASE)


@dataclass(frozen=True)
class Attribution:
    who: str
    words: str  # the words that say so ("terrorism experts say")
    start: int  # where those words are in the sentence
    end: int


def speakers_in(sentence: str, speakers: Sequence[Speaker]) -> list[Attribution]:
    """Every attribution in a sentence, in order; where two patterns catch the same words, the
    one listed first wins."""
    out: list[Attribution] = []
    for sp in speakers:
        for m in sp.pattern.finditer(sentence):
            got = _attribution(sentence, sp, m)
            if got is not None and not any(got.start < o.end and o.start < got.end for o in out):
                out.append(got)
    return sorted(out, key=lambda a: a.start)


def _attribution(sentence: str, sp: Speaker, m: re.Match[str]) -> Attribution | None:
    start = m.start()
    if sp.fixed:
        who = m.group()
    elif sp.before:
        back = sentence[max(0, start - 120) : start]
        cut = max((x.end() for x in _STOP.finditer(back)), default=0)
        words = list(re.finditer(r"\S+", back[cut:]))[-6:]
        lead = _LEADING.match(" ".join(w.group() for w in words) + " ")
        skip = len(lead.group().split()) if lead else 0
        words = words[skip:] if skip < len(words) else []
        who = " ".join(w.group() for w in words)
        start = start - len(back) + cut + words[0].start() if words else start
    else:
        who = m.group("speaker")
    who = _LEADING.sub("", " ".join(who.split()).strip(" .,'’")).strip()
    if not who or who.lower() in _PRONOUNS or len(who.split()) > 16:
        return None
    said = sentence[start : m.end()]
    return Attribution(who, " ".join(said.split()).strip(), start, m.end())


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
