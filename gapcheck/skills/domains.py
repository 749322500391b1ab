"""An industry's or market's name ("fintech", "B2B") counts as a skill only where experience of it is asked for."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span

from gapcheck.skills.context import DocContext
from gapcheck.skills.cues import domain_cues

# What may join the domain names of one list ("banking, fintech or e-commerce").
_JOINERS = (",", "/", "and", "or", "&")


def names_a_domain(context: DocContext, span: Span) -> bool:
    """True when the match is the name of an industry or market ("fintech", "B2B")."""
    return " ".join(context.text_of(span).lower().split()) in domain_cues()["names"]


@dataclass(frozen=True)
class DomainRuns:
    """The Doc's domain names (sorted by start) and, for each, the first of the list of domain names it ends:
    found once, so that a list of thousands is not walked back once for each of its names."""

    starts: list[int]
    ends: list[int]
    first: list[int]  # first[i]: the index of the first name of the list that name i ends

    @classmethod
    def of(cls, context: DocContext, names: Sequence[Span]) -> DomainRuns | None:
        """The runs of the domain names among `names` (sorted by start); None when two of them overlap, which the
        walk in `asks_for_the_domain` reads on its own."""
        domains = [name for name in names if names_a_domain(context, name)]
        doc = context.tokens
        starts: list[int] = []
        ends: list[int] = []
        first: list[int] = []
        for index, name in enumerate(domains):
            if index and domains[index - 1].end > name.start:
                return None
            before = domains[index - 1] if index else None
            linked = (
                before is not None and name.start - before.end <= 1
                and all(token.lower_ in _JOINERS for token in doc[before.end : name.start])
            )  # fmt: skip
            starts.append(name.start)
            ends.append(name.end)
            first.append(first[-1] if linked else index)
        return cls(starts, ends, first)

    def list_start(self, span: Span, floor: int) -> int | None:
        """Where the list of domain names that the span ends starts, counting only names that start at `floor` or
        later (the names near the span); None if the span is none of the names."""
        index = bisect.bisect_left(self.starts, span.start)
        if index == len(self.starts) or (self.starts[index], self.ends[index]) != (span.start, span.end):
            return None
        first = bisect.bisect_left(self.starts, floor, self.first[index], index + 1)
        return self.starts[first]


def asks_for_the_domain(
    context: DocContext, span: Span, spans: Sequence[Span], runs: DomainRuns | None = None, floor: int = 0
) -> bool:
    """True when a domain's name is asked for as experience: "experience in fintech", "years in B2B SaaS",
    "banking domain knowledge"; not "a global leader in financial services". `spans` are the names near it, from
    token `floor` on; `runs`, if given, the Doc's `DomainRuns`, which read the same list in a look-up."""
    cue = domain_cues()
    doc = context.tokens
    if span.end < len(doc) and doc[span.end].lower_ in cue["after"]:
        return True
    # Walk back over other domain names in a list ("in banking, fintech or e-commerce").
    start = runs.list_start(span, floor) if runs is not None else None
    if start is None:
        start = span.start
        domains = sorted((other for other in spans if names_a_domain(context, other)), key=lambda other: other.start)
        moved = True
        while moved:
            moved = False
            for other in domains:
                gap = doc[other.end : start]
                if other.end <= start and len(gap) <= 1 and all(t.lower_ in _JOINERS for t in gap):
                    if other.start < start:
                        start, moved = other.start, True
    window = [token.lower_ for token in doc[max(0, start - 3) : start]]
    return any(tuple(window[len(window) - len(phrase) :]) == phrase for phrase in cue["before"])
