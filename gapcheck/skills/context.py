"""What the evidence rules read of one Doc, made once per Doc and handed to every rule: nothing is kept on the Doc.

The rules read tokens tens of thousands of times per resume and names' texts thousands of times, and both are
slow from a Doc: indexing it makes a new Token object each time, and a Span joins its tokens anew for its text.
So the context holds the tokens as a list and the text as a string, and finds the line breaks, colons and word
counts once, the first time a rule asks.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy
from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span, Token

from gapcheck.skills.cues import ambiguous_cues

# How far a "line" reaches on either side of a name: a one-line document must not make every name read it all.
LINE_REACH = 100


@dataclass(frozen=True)
class Marks:
    """Where a Doc's line breaks and colons are, as token indices, found once from its text: the rules ask
    for the line around a name, and for a colon before it, for every name in the Doc."""

    breaks: list[int]  # tokens that hold a line break (spaCy makes every line break a token of its own)
    colons: list[int]  # tokens that are a colon


def find_marks(doc: Doc, text: str) -> Marks:
    """Look for the marks in the text at once (numpy), then place each in its token by the tokens' offsets."""
    if not len(doc):
        return Marks([], [])
    offsets = doc.to_array([IDX, LENGTH])
    starts, lengths = offsets[:, 0], offsets[:, 1]
    chars = numpy.frombuffer(text.encode("utf-32-le"), dtype=numpy.uint32)

    def places(char: str) -> tuple[Any, Any, Any]:
        """The token of every `char` in the text, its offset in that token, and the token's length."""
        at = numpy.flatnonzero(chars == ord(char))
        index = numpy.searchsorted(starts, at, side="right") - 1
        return index, at - starts[index], lengths[index]

    index, offset, length = places("\n")
    breaks = set(index[offset < length].tolist())  # a token's trailing whitespace is a space at most
    index, offset, length = places(":")
    colons = set(index[(offset == 0) & (length == 1)].tolist())
    return Marks(sorted(breaks), sorted(colons))


def covered_tokens(spans: Sequence[Span], length: int) -> bytearray:
    """A mark (1) for every token of the Doc's `length` tokens that is inside one of the spans: made once per Doc,
    read for every name, a byte a token."""
    covered = bytearray(length)
    for span in spans:
        covered[span.start : span.end] = b"\x01" * (span.end - span.start)
    return covered


@dataclass(frozen=True)
class NameRuns:
    """The names the matcher found in a Doc (sorted by start, as the skill finder keeps them), read once so that
    whether a stretch of tokens is nothing but names and separators costs a few look-ups, not a walk over every
    name in it: a one-line document of a hundred thousand names would make that walk quadratic.

    Names do not overlap, but for a tool's name inside a longer one that starts with it ("Kubernetes" in
    "Kubernetes security"), which follows the longer one."""

    starts: array[int]
    ends: array[int]
    reach: array[int]  # reach[i]: the furthest end of names 0..i-1 (0 for none)
    wordy_gaps: array[int]  # wordy_gaps[i]: how many of names 1..i-1 a word separates from the names before them
    covered: bytearray  # 1 for every token of the Doc inside a name (`covered_tokens`)
    opens: bytearray  # 1 for every token a name starts at
    closes: bytearray  # 1 for every token index a name ends at (the Doc's length included)
    spans: Sequence[Span]  # the names themselves
    longest: int  # the most tokens a name has

    @classmethod
    def of(cls, names: Sequence[Span], words_before: Sequence[int]) -> NameRuns:
        """`words_before` is the Doc's `DocContext.words_before`: one count per token, and one for the end."""
        starts = array("q", (name.start for name in names))
        ends = array("q", (name.end for name in names))
        reach = array("q", [0])
        wordy_gaps = array("q", [0])
        furthest = gaps = 0
        for index, (start, end) in enumerate(zip(starts, ends, strict=True)):
            if index > 0 and start > furthest and words_before[start] > words_before[furthest]:
                gaps += 1
            wordy_gaps.append(gaps)
            furthest = max(furthest, end)
            reach.append(furthest)
        length = len(words_before) - 1
        opens, closes = bytearray(length + 1), bytearray(length + 1)
        for start, end in zip(starts, ends, strict=True):
            opens[start] = closes[end] = 1
        longest = max((end - start for start, end in zip(starts, ends, strict=True)), default=0)
        return cls(starts, ends, reach, wordy_gaps, covered_tokens(names, length), opens, closes, names, longest)

    def inside(self, start: int, end: int) -> tuple[int, int] | None:
        """The names that lie wholly in tokens start..end, as the range of their indices, or None when they are not
        one range (a longer name runs past `end` but the tool's name it opens with does not)."""
        first = bisect.bisect_left(self.starts, start)
        last = bisect.bisect_left(self.starts, end)  # a name that starts at `end` or later ends after it
        while last > first and self.ends[last - 1] > end:
            last -= 1
        tail = last - 1
        while tail >= first and self.starts[tail] == self.starts[last - 1]:
            if self.ends[tail] > end:
                return None
            tail -= 1
        return first, last


@dataclass
class DocContext:
    """One Doc as the evidence rules read it: its tokens as a list, its text, its sections (start, end, name, in
    characters), and what is found from them once for every name (`marks`, `words_before`, `list_openings`)."""

    doc: Doc
    text: str
    tokens: list[Token]
    sections: Sequence[tuple[int, int, str]] = ()
    # The names the matcher found, once it has run (see `NameRuns`); the rules that read them fall back to the
    # names they are handed without it.
    names: NameRuns | None = None
    # Where each walk back over a list of names ended (`roles._list_opening`), by token (UNKNOWN: not walked yet),
    # for the names of `names`: a list of thousands of names is walked once, not once per name.
    _openings: array[int] | None = field(default=None, repr=False)

    @classmethod
    def of(cls, doc: Doc, text: str | None = None, sections: Sequence[tuple[int, int, str]] = ()) -> DocContext:
        """The context of `doc`; `text` is the text it was made from, if the caller has it (`Doc.text` joins
        every token anew)."""
        return cls(doc, doc.text if text is None else text, list(doc), sections)

    def text_of(self, span: Span) -> str:
        """`span.text`, cut from the kept text."""
        return self.text[span.start_char : span.end_char]

    @cached_property
    def lowers(self) -> list[str]:
        """Each token's text in lower case: the rules compare these thousands of times per Doc, and a Token reads
        it from the string store anew each time."""
        return [token.lower_ for token in self.tokens]

    @cached_property
    def marks(self) -> Marks:
        return find_marks(self.doc, self.text)

    @cached_property
    def words_before(self) -> array[int]:
        """How many words (tokens that are not punctuation, space or a list separator) stand before each token
        index: the words of any stretch in one subtraction, rather than a walk over its tokens for every name."""
        separators = ambiguous_cues()["separators"]
        counts = array("q", [0])
        total = 0
        for token, lower in zip(self.tokens, self.lowers, strict=True):
            if not (token.is_punct or token.is_space or lower in separators):
                total += 1
            counts.append(total)
        return counts

    def line_bounds(self, span: Span) -> tuple[int, int]:
        """Token indices of the line that holds the span, at most LINE_REACH tokens each way: from the token
        after the last line break before the span to the first line break after it."""
        breaks = self.marks.breaks
        floor, ceiling = max(0, span.start - LINE_REACH), min(len(self.tokens), span.end + LINE_REACH)
        before = bisect.bisect_left(breaks, span.start)
        start = max(floor, breaks[before - 1] + 1) if before else floor
        after = bisect.bisect_left(breaks, span.end)
        end = min(ceiling, breaks[after]) if after < len(breaks) else ceiling
        return start, end

    def set_names(self, names: Sequence[Span]) -> NameRuns:
        """Keep the names the matcher found (sorted by start) for the rules, as `NameRuns`; return them."""
        self.names = NameRuns.of(names, self.words_before)
        self._openings = None
        return self.names

    def list_openings(self) -> array[int]:
        """Where the walks back over lists of `names` made so far ended, by token; UNKNOWN where none passed."""
        if self._openings is None:
            self._openings = array("q", [UNKNOWN]) * len(self.tokens)
        return self._openings


# A token no walk back over a list of names has passed yet (see `DocContext.list_openings`).
UNKNOWN = -2
