"""An industry's or market's name ("fintech", "B2B") counts as a skill only where experience of it is asked for."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span

from gapcheck.skills.context import DocContext
from gapcheck.skills.cues import domain_cues


def names_a_domain(context: DocContext, span: Span) -> bool:
    """True when the match is the name of an industry or market ("fintech", "B2B")."""
    return " ".join(context.text_of(span).lower().split()) in domain_cues()["names"]


def asks_for_the_domain(context: DocContext, span: Span, spans: Sequence[Span]) -> bool:
    """True when a domain's name is asked for as experience: "experience in fintech", "years in B2B SaaS",
    "banking domain knowledge"; not "a global leader in financial services"."""
    cue = domain_cues()
    doc = context.tokens
    if span.end < len(doc) and doc[span.end].lower_ in cue["after"]:
        return True
    # Walk back over other domain names in a list ("in banking, fintech or e-commerce").
    start = span.start
    domains = sorted((other for other in spans if names_a_domain(context, other)), key=lambda other: other.start)
    moved = True
    while moved:
        moved = False
        for other in domains:
            gap = doc[other.end : start]
            if other.end <= start and len(gap) <= 1 and all(t.lower_ in (",", "/", "and", "or", "&") for t in gap):
                if other.start < start:
                    start, moved = other.start, True
    window = [token.lower_ for token in doc[max(0, start - 3) : start]]
    return any(tuple(window[len(window) - len(phrase) :]) == phrase for phrase in cue["before"])
