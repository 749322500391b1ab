"""Names that stand for something other than a skill the text asks for or shows: part of a job title ("Java
Developer", "Backend Engineer (Python)"), an organisation or a profile ("Graphic Design Institute", "my GitHub"),
the value of a header field ("Role: DevOps"), the workplace ("a collaborative environment") or its culture ("a
culture of experimentation"). Annotators of job ads, and recruiters, read these as names, not statements of skill.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Sequence

from spacy.tokens import Span

from gapcheck.skills.context import UNKNOWN, DocContext, covered_tokens
from gapcheck.skills.cues import (
    cues,
    culture_phrase_ends,
    culture_phrases,
    list_separators,
    role_cues,
    role_nouns,
)
from gapcheck.taxonomy import Skill


def names_a_role(context: DocContext, span: Span, skill: Skill, spans: Sequence[Span]) -> bool:
    """True when the match is part of a job title rather than a skill: "Java Developer", "software engineers",
    "Backend Engineer (Python)", "Full Stack Engineer (JavaScript / React)", "Data Scientist, Pricing"; or an
    organisation's or profile's name, or the workplace. Other names are the Doc's (`context.names`), else
    `spans`, the names near this one."""
    roles = role_nouns()
    doc = context.tokens
    lowers = context.lowers
    if context.names is not None:
        covered, openings = context.names.covered, context.list_openings()
    else:
        covered, openings = covered_tokens(spans, len(doc)), array("q", [UNKNOWN]) * len(doc)
    last = lowers[span.end - 1]
    if last in roles and not skill.name.lower().endswith(last) and not _opens_an_activity(context, span):
        return True  # "software engineers", but not "Microsoft Teams" or "leading a team"
    if span.end < len(doc) and lowers[span.end] in roles:
        return True
    if _names_an_organisation_or_profile(context, span) or _follows_a_title_label(context, span, covered):
        return True
    if _leads_to_a_title(context, span, covered, roles):
        return True
    if skill.kind == "soft skill" and _describes_the_workplace(context, span):
        return True
    if _follows_a_culture_phrase(context, span):
        return True
    # Walk back over the list this name is in, to what introduces it: "Engineer (" or "Engineer -".
    index = _list_opening(context, span, covered, openings)
    if index >= 1 and lowers[index] in ("(", "-", "–") and lowers[index - 1] in roles:
        return True
    # "Data Scientist, Pricing": a title in capitals, then the team or product it is for.
    start = span.start
    return (
        start >= 2 and lowers[start - 1] == "," and lowers[start - 2] in roles and doc[start - 2].is_title
        and context.text_of(span)[:1].isupper() and _is_last_on_line(context, span)
    )  # fmt: skip


def _opens_an_activity(context: DocContext, span: Span) -> bool:
    """ "leading a team", "managing engineers": a name that opens with a verb's -ing form names what a person does,
    not a role, though it ends in a role noun."""
    if span.end - span.start < 2 or not context.lowers[span.start].endswith("ing"):
        return False
    return context.tokens[span.start].is_alpha


def _list_opening(context: DocContext, span: Span, covered: bytearray, ends: array[int]) -> int:
    """The token before the list of names that holds the span (-1 at the start of the Doc): the walk back over
    names, separators, and dashes between names ("Web Developer - JavaScript - React"). Every token a walk
    passes ends at the same place, kept in `ends` (`DocContext.list_openings`): a list of thousands of names is
    walked once."""
    lowers = context.lowers
    separators = list_separators()
    index = span.start - 1
    passed = []
    while index >= 0 and ends[index] == UNKNOWN:
        if not (
            covered[index] or lowers[index] in separators
            or (index >= 1 and lowers[index] in ("-", "–") and covered[index - 1])
        ):  # fmt: skip
            ends[index] = index
            break
        passed.append(index)
        index -= 1
    end = ends[index] if index >= 0 else index
    for index in passed:
        ends[index] = end
    return end


_FILLER = {
    "in",
    "a",
    "an",
    "the",
    "of",
    "with",
    "for",
    "to",
    "on",
    "at",
    "by",
    "as",
    "from",
    "within",
    "across",
    "into",
    "is",
    "are",
    "be",
    "skills",
    "experience",
    "knowledge",
}


def _leads_to_a_title(context: DocContext, span: Span, covered: bytearray, roles: frozenset[str]) -> bool:
    """ "Senior Backend Java Engineer", "Full Stack Web Developer", "QA/Test Developer": a capitalised name, then
    up to three capitalised words or other names, then a capitalised role noun."""
    if not context.text[span.start_char : span.start_char + 1].isupper():
        return False
    doc = context.tokens
    index = span.end
    for _ in range(4):
        if index >= len(doc):
            return False
        token = doc[index]
        if context.lowers[index] in roles and token.text[:1].isupper():
            return True
        if not (covered[index] or token.text in ("/", "&") or (token.is_alpha and token.text[:1].isupper())):
            return False
        index += 1
    return False


def _follows_a_title_label(context: DocContext, span: Span, covered: bytearray) -> bool:
    """ "Role: DevOps", "Industry: Banking Finance": the value of a job board's header field."""
    colons = context.marks.colons
    nearest = bisect_left(colons, span.start) - 1
    if nearest < 0 or colons[nearest] < span.start - 7:
        return False  # the walk below stops within seven tokens, and only at a colon
    doc = context.tokens
    labels = cues()["roles"]["title_labels"]
    index = span.start - 1
    steps = 0
    roles = role_nouns()
    while index >= 0 and steps < 6 and doc[index].text != ":":
        if context.lowers[index] in roles:
            return False  # the title ended before this name: "Role: Developer Technologies java"
        if not (covered[index] or doc[index].is_alpha or doc[index].text in ("/", "&", ",")):
            return False
        index -= 1
        steps += 1
    if index < 1 or doc[index].text != ":":
        return False
    return any(
        " ".join(token.lower_ for token in doc[max(0, index - len(label.split())) : index]) == label for label in labels
    )


# How many words may stand between a soft skill and the workplace noun it describes; hyphens and commas are free.
WORKPLACE_REACH = 4


def _describes_the_workplace(context: DocContext, span: Span) -> bool:
    """ "a collaborative, trusting, thought-provoking environment", "open communication culture"."""
    doc = context.tokens
    lowers = context.lowers
    workplace = role_cues()["workplace"]
    words = 0
    for index in range(span.end, len(doc)):
        lower = lowers[index]
        if lower in workplace:
            return True
        if lower in ("-", ","):
            continue
        words += 1
        token = doc[index]
        if words > WORKPLACE_REACH or lower in _FILLER or not (token.is_alpha or token.is_digit):
            return False
    return False


def _follows_a_culture_phrase(context: DocContext, span: Span) -> bool:
    """ "We embrace a culture of experimentation": the company's way of working, not a skill it asks for."""
    lowers = context.lowers
    if span.start == 0 or lowers[span.start - 1] not in culture_phrase_ends():
        return False  # most names: no phrase ends right before them
    for words in culture_phrases():
        if tuple(lowers[max(0, span.start - len(words)) : span.start]) == words:
            return True
    return False


def _is_last_on_line(context: DocContext, span: Span) -> bool:
    _, line_end = context.line_bounds(span)
    return all(token.is_punct or token.is_space for token in context.tokens[span.end : line_end])


def _names_an_organisation_or_profile(context: DocContext, span: Span) -> bool:
    roles = role_cues()
    lowers = context.lowers
    if (
        span.end < len(lowers) and lowers[span.end] in roles["organisations"]
        and context.tokens[span.end].is_title and context.text[span.start_char : span.start_char + 1].isupper()
    ):  # fmt: skip
        return True
    if span.start == 0 or lowers[span.start - 1] not in roles["possessives"]:
        return False
    return " ".join(context.text_of(span).lower().split()) in roles["profiles"]
