"""Neighbours that show a name is the ordinary word, whatever else stands around it: "Excel at", "C-level",
"R&D", "R & D", "Julia Chen", "in Spring 2024"."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacy.tokens import Span, Token

from gapcheck.skills.context import DocContext


def is_vetoed(context: DocContext, span: Span, spans: Sequence[Span], cue: dict[str, Any]) -> bool:
    """True when the words right around the name make it the ordinary word (`cue`: `cues.ambiguous_cues()`)."""
    doc = context.tokens
    lowers = context.lowers
    if span.end < len(doc) and lowers[span.end] in cue["after_not"]:
        return True
    if span.start > 0 and lowers[span.start - 1] in cue["before_not"]:
        return True
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 1] if span.start > 0 else None
    # Glued to a hyphen or ampersand: part of a compound word ("go-to-market", "Objective-C", "R&D").
    if after is not None and after.text in cue["glue"] and not doc[span.end - 1].whitespace_:
        return True
    if before is not None and before.text in cue["glue"] and not before.whitespace_:
        return True
    if after is not None and before is not None and lowers[span.start - 1] in cue["time_words"] and _is_year(after):
        return True
    return _is_a_spaced_abbreviation(context, span) or _looks_like_a_person(context, span, spans, cue)


def _is_a_spaced_abbreviation(context: DocContext, span: Span) -> bool:
    """ "R & D", "P & L": a single letter joined by an ampersand to another single capital letter."""
    if len(context.text_of(span)) != 1:
        return False
    doc = context.tokens
    left = doc[max(0, span.start - 2) : span.start]
    right = doc[span.end : span.end + 2]
    joined_left = len(left) == 2 and left[1].text == "&" and _is_capital_letter(left[0].text)
    return joined_left or (len(right) == 2 and right[0].text == "&" and _is_capital_letter(right[1].text))


def _is_capital_letter(text: str) -> bool:
    return len(text) == 1 and text.isupper()


def _is_year(token: Token) -> bool:
    return token.is_digit and len(token.text) == 4 and token.text.startswith(("19", "20"))


def _looks_like_a_person(context: DocContext, span: Span, spans: Sequence[Span], cue: dict[str, Any]) -> bool:
    """ "Julia Chen": a capitalised name followed by a capitalised word that is not itself a skill."""
    doc = context.tokens
    text = context.text_of(span)
    if span.end >= len(doc) or not text[:1].isupper() or text.isupper():
        return False
    following = doc[span.end]
    if not (following.is_title and following.is_alpha) or doc[span.end - 1].whitespace_ != " ":
        return False
    if context.lowers[span.end] in cue["after"]:
        return False
    # Right after another name it is an item of a list whose line ran on ("Vue.js Angular React Experience in").
    names = context.names
    if names is not None:
        return not (names.opens[span.end] or names.closes[span.start])
    return not any(other.start == span.end or other.end == span.start for other in spans if other is not span)
