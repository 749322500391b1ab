"""Years of experience an ad asks for: per skill where a skill is named with them ("3+ years of Python"), else
in total ("5+ years of experience")."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from gapcheck.job.text import marks, nearest, nearest_span, sentence_of
from gapcheck.model import Document, Importance, JobSkill, Mention, SectionName

_YEARS = re.compile(
    r"(?:at\s+least\s+|minimum\s+(?:of\s+)?|over\s+|more\s+than\s+)?(\d{1,2})(?:\s*(?:-|–|to)\s*\d{1,2})?\s*\+?"
    r"\s*(?:\+\s*)?(?:years?|yrs?)\b",
    re.IGNORECASE,
)
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "ten": 10}
_WORD_YEARS = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\s*\+?\s*(?:years?|yrs?)\b", re.IGNORECASE)


@dataclass(frozen=True)
class YearsAsked:
    """Years an ad asks for on one line: of one skill (`skill`, `name`) or of experience in total."""

    years: float
    importance: Importance
    line: str
    skill: str | None = None
    name: str = ""


def years_asked(line: str, start: int = 0, end: int | None = None) -> float | None:
    """Return the years a line asks for ("3+ years", "at least two years"), or None.

    With the mention's offsets, the phrase nearest the mention wins: "3+ years of Python and 1 year of Go".
    """
    end = start if end is None else end
    matches = [*_YEARS.finditer(line), *_WORD_YEARS.finditer(line)]
    found = nearest(matches, start, end)
    if found is None:
        return None
    value = found.group(1)
    return float(value) if value.isdigit() else float(_NUMBER_WORDS[value.lower()])


_FLOOR = re.compile(r"\+|\b(?:at\s+least|minimum|over|more\s+than|plus)\b", re.IGNORECASE)


def years_floor(line: str) -> tuple[float, bool] | None:
    """Return the years a line states and whether they are a floor ("5+ years", "over five years": any more
    agrees), or None."""
    matches = [*_YEARS.finditer(line), *_WORD_YEARS.finditer(line)]
    found = nearest(matches, 0, 0)
    years = years_asked(line)
    if found is None or years is None:
        return None
    return years, bool(_FLOOR.search(line[max(0, found.start() - 12) : found.end()]))


def years_of_mention(document: Document, mention: Mention) -> float | None:
    """Return the years asked in the sentence of a mention, the phrase nearest it."""
    text = document.text
    start, end = sentence_of(text, mention.start, mention.end)
    found = marks(text)  # the phrases of the whole text, found once: not a scan of each mention's sentence
    spans = [(span, pattern) for pattern in (_YEARS, _WORD_YEARS) for span in found.within(pattern, start, end)]
    closest = nearest_span([span for span, _ in spans], mention.start, mention.end)
    if closest is None:
        return None
    match = next(pattern for span, pattern in spans if span == closest).match(text, closest[0])
    value = match.group(1) if match is not None else ""
    return float(value) if value.isdigit() else float(_NUMBER_WORDS[value.lower()]) if value else None


def years_asks(
    document: Document,
    skills: Sequence[JobSkill],
    lines: Sequence[tuple[int, SectionName, str]],
    importance: Callable[[Mention], Importance],
) -> tuple[YearsAsked, ...]:
    """Return the years an ad asks for: each skill's years with the line that asks them, then each line of
    `lines` (offset, section, line) that asks for years and names no skill."""
    found: list[YearsAsked] = []
    skill_lines = {document.line_bounds(m.start)[0] for skill in skills for m in skill.mentions}
    for skill in skills:
        if skill.years is None:
            continue
        line = next((document.line_at(m.start, m.end) for m in skill.mentions
                     if years_asked(document.line_at(m.start, m.end))), "")  # fmt: skip
        found.append(YearsAsked(skill.years, skill.importance, line, skill.id, skill.name))
    for offset, section, line in lines:
        years = years_asked(line)
        if years is None or offset in skill_lines:
            continue
        found.append(YearsAsked(years, importance(Mention(line.strip(), offset, offset + len(line), section)),
                                line.strip()))  # fmt: skip
    return tuple(found)


def total_years(asks: Sequence[YearsAsked]) -> float | None:
    """Return the years of experience an ad asks for in all: its lowest required total, else the most years it
    asks of one required skill ("5+ years of Java" needs 5 years in all), else its lowest total."""
    totals = [a for a in asks if a.skill is None]
    required = [a.years for a in totals if a.importance in ("must", "required")]
    per_skill = [a.years for a in asks if a.skill is not None and a.importance in ("must", "required")]
    best = min(required) if required else None
    if per_skill and (best is None or max(per_skill) > best):
        return max(per_skill)
    if best is None and totals:
        return min(a.years for a in totals)
    return best
