"""Where a name stands in an ad: its sentence, its clause, and the cue phrases of taxonomy/cues.toml
[importance] compiled once."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from gapcheck.skills.cues import cues

# How many characters a "sentence" reaches on either side of a name: cue phrases further away do not speak for
# it, and an endless line must not make every name read all of it.
SENTENCE_REACH = 400
# Where a sentence ends: a line break, or ". " and "; " (not the dot of "e.g. ", "i.e. ", "etc. ", "incl. ").
_STOP = re.compile(r"\n|(?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!\bincl)(?<!\bvs)\.(?= )|;(?= )", re.IGNORECASE)
# Where one clause of a sentence ends: a cue phrase speaks for the names of its own clause first.
_CLAUSE_END = re.compile(r"[,;:()]|\s(?:but|while|whereas|although)\s|\s[-–]\s", re.IGNORECASE)


def alternation(phrases: Sequence[str]) -> str:
    """Return a regex alternation of `phrases`, escaped, longest first (so "must have" wins over "must")."""
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


def phrases_pattern(phrases: Sequence[str]) -> re.Pattern[str]:
    """Return a pattern for any of `phrases` as whole words, longest first, ignoring case."""
    return re.compile(rf"(?<![\w-])(?:{alternation(phrases)})(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True)
class Cues:
    preferred: re.Pattern[str]
    required: re.Pattern[str]
    strong: re.Pattern[str]
    mandatory: re.Pattern[str]
    alternatives: re.Pattern[str]
    examples: re.Pattern[str]
    list_end: re.Pattern[str]


@lru_cache(maxsize=1)
def cue_patterns() -> Cues:
    raw = cues()["importance"]
    keys = ("preferred", "required", "strong", "mandatory", "alternatives", "examples", "list_end")
    return Cues(*(phrases_pattern(raw[key]) for key in keys))


def sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence or line around a span: cue phrases apply within it."""
    floor, ceiling = max(0, start - SENTENCE_REACH), min(len(text), end + SENTENCE_REACH)
    stops = [m.start() for m in _STOP.finditer(text, floor, ceiling)]
    left = max((i for i in stops if i < start), default=floor - 1)
    right = min((i for i in stops if i >= end), default=ceiling)
    return left + 1 if left >= floor else floor, right


def clause_of(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The bounds, inside a sentence, of the clause around a span (offsets relative to the sentence)."""
    left = max((m.end() for m in _CLAUSE_END.finditer(sentence, 0, start)), default=0)
    right = next((m.start() for m in _CLAUSE_END.finditer(sentence, end)), len(sentence))
    return left, right


def nearest(matches: Sequence[re.Match[str]], start: int, end: int) -> re.Match[str] | None:
    """The match closest to the span [start, end)."""

    def distance(match: re.Match[str]) -> int:
        return max(start - match.end(), match.start() - end, 0)

    return min(matches, key=distance, default=None)
