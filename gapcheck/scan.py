"""Every match of a pattern in a text, found in one pass and then looked up by place.

A job ad asks, for each of its names, which cue phrases, clause ends and years stand in the name's sentence.
Scanning the sentence anew for every name is quadratic in a line that names a skill a hundred thousand
times; one scan of the text, and a binary search per name, is linear. The patterns must not match across a
line break (write `[^\\S\\n]` for a space), as no sentence does.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache


class _Matches:
    """The matches of one pattern in one text, in order, with their starts for a binary search."""

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self.matches = list(pattern.finditer(text))
        self.starts = [match.start() for match in self.matches]


# A few documents at a time (an ad and its fit checks ask again for the same text): the texts are kept with them.
@lru_cache(maxsize=16)
def _matches(pattern: re.Pattern[str], text: str) -> _Matches:
    return _Matches(pattern, text)


def matches_within(pattern: re.Pattern[str], text: str, low: int, high: int) -> list[re.Match[str]]:
    """Return the matches of `pattern` in `text` that lie inside text[low:high], in order: what
    `pattern.finditer(text[low:high])` gives when `low` and `high` fall where no match reaches across."""
    found = _matches(pattern, text)
    at = bisect.bisect_left(found.starts, low)
    within = []
    while at < len(found.starts) and found.starts[at] < high:
        match = found.matches[at]
        if match.end() <= high:
            within.append(match)
        at += 1
    return within
