"""Decides whether a name that is also an ordinary word ("R", "Go", "Spark", "Excel") is used as a skill.

The cue words come from `taxonomy/cues.toml`. A match is accepted only with positive evidence: a skills
section, a list of other skills around it, or a telling phrase. Some neighbours veto it outright (`vetoes`).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span

from gapcheck.skills.context import DocContext
from gapcheck.skills.cues import ambiguous_cues, before_phrases_by_length
from gapcheck.skills.lists import (
    heads_an_item_or_list,
    is_an_example_in_brackets,
    is_in_a_run_of_names,
    is_in_list_of_skills,
    is_on_a_line_of_skills,
    stands_in_a_list,
)
from gapcheck.skills.vetoes import is_vetoed
from gapcheck.taxonomy import Skill

# Kinds whose canonical name is only capitalised as the start of a sentence ("Transformers", "Probability"):
# written in lower case they are as plausible as in capitals.
_SENTENCE_CASE_KINDS = {"concept", "method", "soft skill"}


def needs_evidence(context: DocContext, span: Span, skill: Skill) -> bool:
    """True when the matched words could be an ordinary word: one token that is a common word ("CV", "Access"),
    a short acronym in lower case glued to a word ("bi-weekly"), or a plain-word name of a skill the taxonomy
    marks ambiguous ("Go", "Spark" but not "Golang", "PySpark")."""
    if len(span) != 1:
        return False
    cue = ambiguous_cues()
    text = context.text_of(span)
    if text.lower() in cue["ordinary_words"] or _is_a_glued_word_piece(context, span, skill, cue["glue"]):
        return True
    return skill.ambiguous and not _is_distinctive(text, cue["distinctive_endings"])


def _is_a_glued_word_piece(context: DocContext, span: Span, skill: Skill, glue: set[str]) -> bool:
    """ "bi-weekly", "fp-ts": an acronym's letters in lower case, glued by a hyphen to a word, are a piece of that
    word. Such a match needs evidence, and the glue then vetoes it."""
    text = context.text_of(span)
    if not (text.islower() and len(text) <= 2) or not any(n.isupper() and n.lower() == text for n in skill.names()):
        return False
    doc = context.tokens
    glued_after = span.end < len(doc) and doc[span.end].text in glue and not doc[span.end - 1].whitespace_
    glued_before = span.start > 0 and doc[span.start - 1].text in glue and not doc[span.start - 1].whitespace_
    return glued_after or glued_before


def _is_distinctive(text: str, endings: tuple[str, ...]) -> bool:
    """A spelling no ordinary word has: digits or marks ("ggplot2", "C#"), inner capitals ("PySpark"), or a
    technical ending ("Golang", "ReactJS")."""
    if any(not char.isalpha() for char in text):
        return True
    if any(char.isupper() for char in text[1:]) and not text.isupper():
        return True
    return len(text) > 4 and text.lower().endswith(endings)


def _in_section(span: Span, sections: Sequence[tuple[int, int, str]], names: set[str]) -> bool:
    at = span.start_char
    return any(name in names and start <= at < end for start, end, name in sections)


def _is_case_plausible(context: DocContext, span: Span, skill: Skill) -> bool:
    """Reject "go" or "spark" in lower case when the skill is written with capitals; single letters always."""
    text = context.text_of(span)
    forms = [name for name in skill.names() if name.lower() == text.lower()]
    if skill.kind in _SENTENCE_CASE_KINDS and skill.name in forms and not skill.name.isupper():
        forms.append(skill.name[:1].lower() + skill.name[1:])
    if any(form == text for form in forms):
        return True
    if len(text) <= 2:
        return False
    if forms and all(form.isupper() for form in forms) and not text.isupper():
        return False  # "Solid SQL" is not SOLID
    return not (text.islower() and any(not form.islower() for form in forms))


def is_skill_use(context: DocContext, span: Span, skill: Skill, spans: Sequence[Span], accepted_ids: set[str]) -> bool:
    """Return True when an ambiguous match shows evidence of being the skill rather than the word. `spans` are the
    names near it, `accepted_ids` the skills accepted so far."""
    if not needs_evidence(context, span, skill):
        return True
    cue = ambiguous_cues()
    if is_vetoed(context, span, spans, cue):
        return False
    sections = context.sections
    if _in_section(span, sections, cue["skill_sections"]) or is_on_a_line_of_skills(context, span, spans):
        return True
    # In a run of tags a lower-case name is the tool ("django go docker"); other casings must still fit.
    text = context.text_of(span)
    in_run = is_in_a_run_of_names(context, span, spans, accepted_ids)
    if not (_is_case_plausible(context, span, skill) or (in_run and text.islower())):
        return False
    if in_run:
        return True
    word = text.lower()
    separators = cue["separators"]
    if word in cue["list_only"]:
        return stands_in_a_list(context, span, spans, cue) or is_in_list_of_skills(
            context, span, spans, accepted_ids, separators
        )
    in_requirements = _in_section(span, sections, cue["requirement_sections"])
    if in_requirements and heads_an_item_or_list(context, span, spans, cue, word not in cue["not_item_openers"]):
        return True
    lowers = context.lowers
    if span.end < len(lowers) and lowers[span.end] in cue["after"]:
        return True
    for length, phrases in before_phrases_by_length().items():
        if span.start >= length and tuple(lowers[span.start - length : span.start]) in phrases:
            return True
    if is_an_example_in_brackets(context, span, spans, accepted_ids, separators):
        return True
    named_tool = skill.kind not in _SENTENCE_CASE_KINDS
    return is_in_list_of_skills(context, span, spans, accepted_ids, separators, named_tool)
