"""Decides whether a name that is also an ordinary word ("R", "Go", "Spark", "Excel") is used as a skill.

The cue words come from `taxonomy/cues.toml`. A match is accepted only with positive evidence: a skills
section, a list of other skills around it, or a telling phrase. Some neighbours veto it outright.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from spacy.tokens import Span

from gapcheck.taxonomy import Skill, data_file


def cues() -> dict[str, Any]:
    """Return the cue words of `taxonomy/cues.toml`, read once."""
    return data_file("cues.toml")


@lru_cache(maxsize=1)
def _ambiguous_cues() -> dict[str, Any]:
    raw = cues()["ambiguous"]
    return {
        "before": [tuple(phrase.split()) for phrase in raw["before"]],
        "after": set(raw["after"]),
        "separators": set(raw["separators"]),
        "after_not": set(raw["after_not"]),
        "before_not": set(raw["before_not"]),
        "skill_sections": set(raw["skill_sections"]),
    }


def needs_evidence(span: Span, skill: Skill) -> bool:
    """True when the matched words are an ordinary word: a single token of an ambiguous skill."""
    return skill.ambiguous and len(span) == 1


def _in_skill_section(span: Span, sections: Sequence[tuple[int, int, str]], names: set[str]) -> bool:
    return any(start <= span.start_char < end and name in names for start, end, name in sections)


def _line_bounds(span: Span) -> tuple[int, int]:
    """Token indices of the line (between newlines) that holds the span."""
    doc = span.doc
    start = span.start
    while start > 0 and "\n" not in doc[start - 1].text and "\n" not in doc[start - 1].whitespace_:
        start -= 1
    end = span.end
    while end < len(doc) and "\n" not in doc[end].text and "\n" not in doc[end - 1].whitespace_:
        end += 1
    return start, end


def _is_case_plausible(span: Span, skill: Skill) -> bool:
    """Reject "go" or "spark" in lower case when the skill is written with capitals; single letters always."""
    text = span.text
    forms = [name for name in skill.names() if name.lower() == text.lower()]
    if any(form == text for form in forms):
        return True
    if len(text) <= 2:
        return False
    return not (text.islower() and any(not form.islower() for form in forms))


def is_skill_use(span: Span, skill: Skill, spans: Sequence[Span], accepted_ids: set[str]) -> bool:
    """Return True when an ambiguous match shows evidence of being the skill rather than the word."""
    if not needs_evidence(span, skill):
        return True
    cue = _ambiguous_cues()
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 1] if span.start > 0 else None
    if after is not None and after.lower_ in cue["after_not"]:
        return False
    if before is not None and before.lower_ in cue["before_not"]:
        return False
    if _looks_like_a_person(span, spans):
        return False
    sections = doc.user_data.get("sections", ())
    in_list_section = _in_skill_section(span, sections, cue["skill_sections"])
    if not _is_case_plausible(span, skill) and not in_list_section:
        return False
    if in_list_section:
        return True
    if after is not None and after.lower_ in cue["after"]:
        return True
    for phrase in cue["before"]:
        window = [token.lower_ for token in doc[max(0, span.start - len(phrase)) : span.start]]
        if tuple(window) == phrase:
            return True
    return _is_in_list_of_skills(span, spans, accepted_ids, cue["separators"])


def _looks_like_a_person(span: Span, spans: Sequence[Span]) -> bool:
    """"Julia Chen": a capitalised name followed by a capitalised word that is not itself a skill."""
    doc = span.doc
    if span.end >= len(doc) or not span.text[:1].isupper():
        return False
    following = doc[span.end]
    if not (following.is_title and following.is_alpha) or span[-1].whitespace_ != " ":
        return False
    return not any(other.start == span.end for other in spans)


def _is_in_list_of_skills(span: Span, spans: Sequence[Span], accepted_ids: set[str], separators: set[str]) -> bool:
    """True when a separator links the span to another skill on the same line ("C/C++", "Python, R, SQL")."""
    line_start, line_end = _line_bounds(span)
    neighbours = [
        other
        for other in spans
        if other is not span and line_start <= other.start < line_end and other.label_ in accepted_ids
    ]
    doc = span.doc
    for other in neighbours:
        if other.end <= span.start:
            between = doc[other.end : span.start]
        elif other.start >= span.end:
            between = doc[span.end : other.start]
        else:
            continue
        if 0 < len(between) <= 2 and all(token.lower_ in separators for token in between):
            return True
        if len(between) == 0:
            return False
    return False
