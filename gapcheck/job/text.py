"""Where a name stands in an ad: its sentence, its clause, and the cue phrases of taxonomy/cues.toml
[importance] compiled once."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from gapcheck.memo import kept
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


class Marks:
    """Where a pattern matches in one whole text, found once (`marks`): each name of a long ad asks for the stops,
    clause ends and cue phrases around it, and a scan of its sentence for each would read a line of a hundred
    thousand names once per name."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._found: dict[re.Pattern[str], tuple[list[int], list[int]]] = {}

    def of(self, pattern: re.Pattern[str]) -> tuple[list[int], list[int]]:
        """The starts and ends of the pattern's matches over the text, in order."""
        found = self._found.get(pattern)
        if found is None:
            matches = [match.span() for match in pattern.finditer(self.text)]
            found = self._found[pattern] = ([a for a, _ in matches], [b for _, b in matches])
        return found

    def within(self, pattern: re.Pattern[str], low: int, high: int) -> list[tuple[int, int]]:
        """The matches that lie wholly inside [low, high)."""
        starts, ends = self.of(pattern)
        spans = []
        for index in range(bisect_left(starts, low), bisect_left(starts, high)):
            if ends[index] <= high:
                spans.append((starts[index], ends[index]))
        return spans

    def around(self, pattern: re.Pattern[str], low: int, high: int, at: int, count: int) -> list[tuple[int, int]]:
        """Of the matches wholly inside [low, high), the `count` that start last before `at` and the `count` that
        start first from it: the nearest ones, whatever the number in between."""
        starts, ends = self.of(pattern)
        first, middle, last = bisect_left(starts, low), bisect_left(starts, at), bisect_left(starts, high)
        picked = range(max(first, middle - count), min(last, middle + count))
        return [(starts[index], ends[index]) for index in picked if ends[index] <= high]


@kept(4, texts=True)
def marks(text: str) -> Marks:
    """The marks of a text, kept for the last few texts read (an ad is read by several steps in turn)."""
    return Marks(text)


def sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence or line around a span: cue phrases apply within it."""
    floor, ceiling = max(0, start - SENTENCE_REACH), min(len(text), end + SENTENCE_REACH)
    stops, _ = marks(text).of(_STOP)
    before = bisect_left(stops, start) - 1  # the last stop before the span
    after = bisect_left(stops, end)  # the first stop at or after its end
    left = stops[before] if before >= 0 and stops[before] >= floor else floor - 1
    right = stops[after] if after < len(stops) and stops[after] < ceiling else ceiling
    return left + 1 if left >= floor else floor, right


def clause_bounds(text: str, sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """The bounds of the clause around a span inside its sentence (offsets in the text)."""
    starts, ends = marks(text).of(_CLAUSE_END)
    before = bisect_right(ends, start) - 1  # the last clause end wholly before the span
    after = bisect_left(starts, end)  # the first one from the span's end on
    left = ends[before] if before >= 0 and starts[before] >= sentence[0] else sentence[0]
    right = starts[after] if after < len(starts) and ends[after] <= sentence[1] else sentence[1]
    return left, right


def clause_of(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The bounds, inside a sentence, of the clause around a span (offsets relative to the sentence)."""
    return clause_bounds(sentence, (0, len(sentence)), start, end)


def nearest(matches: Sequence[re.Match[str]], start: int, end: int) -> re.Match[str] | None:
    """The match closest to the span [start, end)."""

    def distance(match: re.Match[str]) -> int:
        return max(start - match.end(), match.start() - end, 0)

    return min(matches, key=distance, default=None)


def nearest_span(spans: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The span closest to [start, end) (the first of the closest)."""
    return min(spans, key=lambda span: max(start - span[1], span[0] - end, 0), default=None)
