"""Turns a job ad's extracted skills, or a role profile, into what the job needs (a `Job`).

For an ad, each skill's importance comes from its section (requirements vs nice-to-have) and from cue
phrases on its line; years are read from phrases like "3+ years of Python"; lists joined by "or", "one of"
or "such as" become alternatives groups that one member satisfies.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from gapcheck.evidence import cues
from gapcheck.model import Document, Extraction, Importance, Job, JobSkill, Mention
from gapcheck.taxonomy import Role, Taxonomy

PREFERRED_SECTIONS = {"preferred"}
_YEARS = re.compile(
    r"(?:at\s+least\s+|minimum\s+(?:of\s+)?|over\s+|more\s+than\s+)?(\d{1,2})(?:\s*(?:-|–|to)\s*\d{1,2})?\s*\+?"
    r"\s*(?:\+\s*)?(?:years?|yrs?)\b",
    re.IGNORECASE,
)
# What may stand between two items of one list: a comma, a slash, "or", "and", "and/or".
_LIST_GAP = re.compile(r"\s*(?:,|/|,?\s*\b(?:or|and|and/or)\b)\s*", re.IGNORECASE)
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "ten": 10}
_WORD_YEARS = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\s*\+?\s*years?\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _cue_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    raw = cues()["importance"]

    def words(phrases: Sequence[str]) -> re.Pattern[str]:
        alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
        return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)

    return words(raw["preferred"]), words(raw["required"]), words(cues()["importance"]["alternatives"])


def years_asked(line: str) -> float | None:
    """Return the number of years a line asks for ("3+ years", "at least two years"), or None."""
    match = _YEARS.search(line)
    if match:
        return float(match.group(1))
    match = _WORD_YEARS.search(line)
    return float(_NUMBER_WORDS[match.group(1).lower()]) if match else None


def _sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence or line around a span: cue phrases apply within it."""
    left = max(text.rfind("\n", 0, start), *(text.rfind(p, 0, start) for p in (". ", "; ")))
    right_candidates = [i for i in (text.find("\n", end), text.find(". ", end), text.find("; ", end)) if i != -1]
    return left + 1, min(right_candidates) if right_candidates else len(text)


def importance_of(document: Document, mention: Mention) -> Importance:
    """Required or preferred, from the mention's section and the cue phrases of its sentence."""
    preferred, required, _ = _cue_patterns()
    start, end = _sentence_of(document.text, mention.start, mention.end)
    sentence = document.text[start:end]
    if preferred.search(sentence):
        return "preferred"
    if required.search(sentence):
        return "required"
    return "preferred" if mention.section in PREFERRED_SECTIONS else "required"


def _groups(document: Document, mentions: list[tuple[str, Mention]]) -> dict[str, str]:
    """Map skill id -> group label for runs of skills joined by "or" / introduced by "one of", "such as"."""
    _, _, alternatives = _cue_patterns()
    text = document.text
    groups: dict[str, str] = {}
    ordered = sorted(mentions, key=lambda item: item[1].start)
    index = 0
    while index < len(ordered):
        run = [ordered[index]]
        joined_by_or = False
        while index + 1 < len(ordered):
            gap = text[run[-1][1].end : ordered[index + 1][1].start]
            if not _LIST_GAP.fullmatch(gap):
                break
            joined_by_or = joined_by_or or bool(re.search(r"\bor\b|/", gap, re.IGNORECASE))
            index += 1
            run.append(ordered[index])
        ids = list(dict.fromkeys(skill_id for skill_id, _ in run))
        if len(ids) >= 2:
            sentence_start, _ = _sentence_of(text, run[0][1].start, run[0][1].end)
            lead_in = text[sentence_start : run[0][1].start]
            if joined_by_or or alternatives.search(lead_in[-40:]):
                label = " or ".join(dict.fromkeys(m.text for _, m in run))
                for skill_id in ids:
                    groups.setdefault(skill_id, label)
        index += 1
    return groups


def job_from_ad(document: Document, extraction: Extraction, taxonomy: Taxonomy) -> Job:
    """Return what an ad asks for: each stated skill with its importance, years and alternatives group."""
    stated = [skill for skill in extraction.skills if skill.stated]
    mentions = [(skill.id, mention) for skill in stated for mention in skill.mentions]
    groups = _groups(document, mentions)
    skills = []
    for found in stated:
        levels = [importance_of(document, mention) for mention in found.mentions]
        importance: Importance = "required" if "required" in levels else "preferred"
        years = [y for m in found.mentions if (y := years_asked(_line(document, m))) is not None]
        skills.append(
            JobSkill(
                id=found.id,
                name=found.name,
                area=found.area,
                importance=importance,
                years=max(years) if years else None,
                group=groups.get(found.id),
                mentions=found.mentions,
            )
        )
    return Job(source=document.source, title=job_title(document), kind="ad", skills=skills)


def _line(document: Document, mention: Mention) -> str:
    start, end = _sentence_of(document.text, mention.start, mention.end)
    return document.text[start:end]


def job_title(document: Document) -> str:
    """The ad's title: its first non-empty line, or a "title" section's first line."""
    for section in document.sections:
        if section.name == "title":
            return document.text[section.start : section.end].strip().splitlines()[-1][:120]
    for line in document.text.splitlines():
        if line.strip():
            return line.strip()[:120]
    return ""


def job_from_role(role: Role, taxonomy: Taxonomy) -> Job:
    """Return a role profile as a Job: its required and preferred skills, weights and groups."""
    skills: list[JobSkill] = []
    seen: set[str] = set()

    def add(skill_id: str, importance: Importance, group: str | None = None) -> None:
        if skill_id in seen:
            return
        seen.add(skill_id)
        skill = taxonomy.skills[skill_id]
        weight = role.weights.get(skill_id, 1.0)
        skills.append(JobSkill(skill.id, skill.name, skill.area, importance, weight, group=group))

    for group in role.groups:
        for member in group.any:
            add(member, group.importance, group.name)  # type: ignore[arg-type]
    for skill_id in role.required:
        add(skill_id, "required")
    for skill_id in role.preferred:
        add(skill_id, "preferred")
    return Job(
        source=f"role:{role.id}",
        title=role.name,
        kind="role",
        skills=skills,
        area_weights=dict(role.area_weights),
    )
