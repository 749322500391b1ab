"""Reading a job ad as a recruiter does: one typed result (`JobReading`, carried by the `Job`) with the title,
the seniority, the years and the degree asked, and each requirement with its tier, group, years, line and
section. Built once per ad; compare, fit, rank and profile all read it, never the ad text again."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from gapcheck.fit.education import fields_in, levels_in
from gapcheck.job.boilerplate import SILENT_SECTIONS, asks_nothing, employer_names, employer_spans
from gapcheck.job.degree import DegreeAsk, degree_asked, degrees_asked
from gapcheck.job.groups import alternatives_groups
from gapcheck.job.heading import ad_title, seniority_of
from gapcheck.job.importance import REQUIREMENT_SECTIONS, importance_of
from gapcheck.job.text import phrases_pattern, sentence_of
from gapcheck.job.years import YearsAsked, total_years, years_asks, years_of_mention
from gapcheck.model import IMPORTANCE_ORDER, Document, Extraction, Importance, Job, JobSkill, Mention, SectionName
from gapcheck.taxonomy import Role, Taxonomy, data_file

# Below this many requirements each one weighs a lot: the reading says so.
FEW_REQUIREMENTS = 8
# A skill asked on this many lines of the ad is a must-have.
REPEATED_LINES = 3


@dataclass(frozen=True)
class JobReading:
    """What gapcheck read from a job ad (or a role profile's summary), besides the skills: the fit checks and
    the report take the title, seniority, years and degree from here."""

    title: str
    title_line: str = ""
    seniority: str = ""
    years: float | None = None
    years_asked: tuple[YearsAsked, ...] = ()
    degree: str = ""
    degrees: tuple[DegreeAsk, ...] = ()
    employer: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def _generic() -> tuple[frozenset[str], object]:
    raw = data_file("ads.toml")["generic"]
    return frozenset(raw["qualities"]), phrases_pattern(raw["asked_by"])


def candidate_lines(document: Document) -> list[tuple[int, SectionName, str]]:
    """Return (offset, section, line) for each non-empty line of an ad that may describe the candidate."""
    lines: list[tuple[int, SectionName, str]] = []
    offset = 0
    for line in document.text.split("\n"):
        section = document.section_at(offset)
        if line.strip() and section not in SILENT_SECTIONS - {"title"}:
            lines.append((offset, section, line))
        offset += len(line) + 1
    return lines


def _degree_field(document: Document, mention: Mention, levels_by_line: dict[int, list[Any]]) -> bool:
    """Whether a mention names the field of a degree asked on its line ("MSc in Computer Science, Statistics"):
    the field of study, not a skill. `levels_by_line` keeps each line's degree levels, read once per line: a long
    line naming many skills is not read again for each."""
    start, end = document.line_bounds(mention.start)
    levels = levels_by_line.get(start)
    if levels is None:
        levels = levels_by_line[start] = levels_in(document.text[start:end])
    if not levels or mention.start - start < levels[0][1]:
        return False
    return bool(fields_in(mention.text)[0])


def _generic_tier(document: Document, mention: Mention, tier: Importance) -> Importance | None:
    """A generic quality ("low-latency", "high availability") asks for nothing (None) unless a requirement asks
    for experience of it in words; then it is asked, never a must-have."""
    _, asked_by = _generic()
    start, _ = document.line_bounds(mention.start)
    before = document.text[max(start, mention.start - 60) : mention.start]
    if mention.section in REQUIREMENT_SECTIONS and asked_by.search(before):  # type: ignore[attr-defined]
        return "required" if tier == "must" else tier
    return None


def _employer_sentence(document: Document, mention: Mention, employer: tuple[str, ...]) -> bool:
    """Whether a mention stands in a sentence that names the employer: its own work or products ("At OpenAI,
    we build the models behind ChatGPT"), not a skill asked of the candidate."""
    if not employer:
        return False
    start, end = sentence_of(document.text, mention.start, mention.end)
    sentence = document.text[start:end]
    return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", sentence) for name in employer)


def _named_in_title(title: str, mentions: list[Mention]) -> bool:
    """Whether the title names a skill in the words the ad uses for it ("Senior Java Backend Engineer": Java)."""
    return bool(title) and any(
        re.search(rf"(?<![\w.+#-]){re.escape(m.text)}(?![\w+#-]|\.\w)", title, re.IGNORECASE) for m in mentions
    )


def job_from_ad(document: Document, extraction: Extraction, taxonomy: Taxonomy) -> Job:
    """Return what an ad asks for, with the reading of its title, years and degree."""
    sections = tuple(dict.fromkeys(s.name for s in document.sections))
    has_requirements = bool({"requirements", "preferred"} & set(sections))
    employer = employer_names(document)
    spans = employer_spans(document, employer)
    generic, _ = _generic()
    stated = []
    levels_by_line: dict[int, list[Any]] = {}
    quiet_lines: dict[int, bool] = {}
    for found in extraction.skills:
        kept = [
            m
            for m in found.mentions
            if not asks_nothing(document, m, spans, quiet_lines) and not _degree_field(document, m, levels_by_line)
        ]
        if kept:
            stated.append((found, kept))
    groups = alternatives_groups(document, [(f.id, m) for f, kept in stated for m in kept], taxonomy)
    title = ad_title(document)
    skills = []
    for found, kept in stated:
        known = taxonomy.skills.get(found.id)
        soft = known is not None and known.kind == "soft skill"
        read: list[tuple[Mention, Importance]] = []
        for mention in kept:
            tier: Importance | None = importance_of(document, mention, duties_are_context=has_requirements, soft=soft)
            if found.id in generic:
                tier = _generic_tier(document, mention, tier)  # type: ignore[arg-type]
            elif mention.section not in REQUIREMENT_SECTIONS and _employer_sentence(document, mention, employer):
                tier = None
            if tier is not None:
                read.append((mention, tier))
        if not read:
            continue
        kept = [mention for mention, _ in read]
        tiers = [tier for _, tier in read]
        best = min(tiers, key=IMPORTANCE_ORDER.index)
        first = kept[tiers.index(best)]
        lines = {document.line_bounds(m.start)[0] for m, t in zip(kept, tiers, strict=True) if t != "context"}
        if best == "required" and len(lines) >= REPEATED_LINES and found.id not in generic and not soft:
            best = "must"
        # The skill the title names is the core of the job ("Senior Java Backend Engineer": Java) once asked.
        if best == "required" and _named_in_title(title.title, kept) and not soft and found.id not in generic:
            best = "must"
        years = [y for m in kept if (y := years_of_mention(document, m)) is not None]
        skills.append(
            JobSkill(
                id=found.id,
                name=found.name,
                area=found.area,
                importance=best,
                years=max(years) if years else None,
                group=groups.get(found.id) if best != "context" else None,
                mentions=kept,
                line=document.line_at(first.start, first.end),
                section=first.section,
            )
        )
    reading = read_needs(document, skills, title=title.title, title_line=title.line, seniority=title.seniority,
                         employer=employer, sections=sections, has_requirements=has_requirements)  # fmt: skip
    return Job(source=document.source, title=title.title, kind="ad", skills=skills, reading=reading)


def read_needs(
    document: Document,
    skills: list[JobSkill],
    *,
    title: str,
    title_line: str = "",
    seniority: str = "",
    employer: tuple[str, ...] = (),
    sections: tuple[str, ...] = (),
    has_requirements: bool = True,
    kind: str = "ad",
) -> JobReading:
    """Return the reading of an ad's (or a role summary's) years and degree, with notes on how much it asks."""

    def tier(mention: Mention) -> Importance:
        return importance_of(document, mention, duties_are_context=False)

    lines = candidate_lines(document)
    asks = years_asks(document, skills, lines, tier)
    degrees = degrees_asked(lines, tier)
    degree = degree_asked(degrees)
    notes: list[str] = []
    if kind == "ad":
        units = {s.group or s.id for s in skills if s.importance != "context"}
        if not has_requirements:
            notes.append("no requirements section was found: every skill named in the ad counts as asked")
        if len(units) < FEW_REQUIREMENTS:
            notes.append(f"this ad names only {len(units)} skill{'s' if len(units) != 1 else ''}: each weighs a lot")
    return JobReading(
        title=title,
        title_line=title_line,
        seniority=seniority,
        years=total_years(asks),
        years_asked=asks,
        degree=degree.describe() if degree else "",
        degrees=degrees,
        employer=employer,
        sections=sections,
        notes=tuple(notes),
    )


def reading_of_text(document: Document, job: Job) -> JobReading:
    """Return a reading of a text for a job that has none (a role profile's summary, a hand-made Job)."""
    return read_needs(document, [s for s in job.skills if s.mentions], title=job.title, title_line=job.title,
                      seniority=seniority_of(job.title), kind=job.kind)  # fmt: skip


def job_from_role(role: Role, taxonomy: Taxonomy) -> Job:
    """Return a role profile as a Job: its must-have, required and preferred skills, weights and groups, and the reading
    of its summary (the years and degree it names)."""
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
    for skill_id in role.must:
        add(skill_id, "must")
    for skill_id in role.required:
        add(skill_id, "required")
    for skill_id in role.preferred:
        add(skill_id, "preferred")
    job = Job(source=f"role:{role.id}", title=role.name, kind="role", skills=skills,
              area_weights=dict(role.area_weights))  # fmt: skip
    summary = Document(source=job.source, text=role.summary, kind="job")
    job.reading = reading_of_text(summary, job)
    return job


__all__ = ["JobReading", "candidate_lines", "job_from_ad", "job_from_role", "read_needs", "reading_of_text"]
