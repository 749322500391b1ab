"""Matches the tools a job ad lists that the taxonomy does not know with a resume's, by their normalised name.

An ad's unrecognised tool takes the tier a known skill would take in its place: its line's section and cue
phrases ("Strong Spring Boot, Hibernate and Wicket" makes all three must-haves; a duty line gives context). Each
becomes a scored requirement of its own, weighed at the share `[unrecognised] weight` of `taxonomy/scoring.toml`
of a known skill of the same importance: the taxonomy cannot say what it relates to or implies, so only the name
itself can earn credit.
"""

from __future__ import annotations

from gapcheck.job.boilerplate import SILENT_SECTIONS
from gapcheck.job.importance import REQUIREMENT_SECTIONS, importance_of
from gapcheck.model import IMPORTANCE_ORDER, Document, Extraction, FoundSkill, Importance, Job, JobSkill, Requirement
from gapcheck.open_vocabulary import AREA, list_sections
from gapcheck.taxonomy import NEXT_STEP_KEYS, Taxonomy, data_file


def _importance(document: Document, found: FoundSkill) -> Importance:
    """The tool's highest tier over its mentions, each read as a known skill's is (`importance_of`): by its own
    line's section and cue phrases. A duty line gives context, never asked, whatever else it names ("Develop
    web APIs in C#" does not make a tool on it asked because C# is asked elsewhere)."""
    sections = {section.name for section in document.sections}
    has_requirements = bool(REQUIREMENT_SECTIONS & sections)
    levels = [
        importance_of(document, mention, duties_are_context=has_requirements)
        for mention in found.mentions
        if mention.section not in SILENT_SECTIONS
    ]
    return min(levels, key=IMPORTANCE_ORDER.index) if levels else "context"


def job_tools(job: Job, extraction: Extraction, document: Document) -> list[JobSkill]:
    """The ad's unrecognised tools as things the job asks for, each with its importance."""
    return [
        JobSkill(
            id=found.id,
            name=found.name,
            area=AREA,
            importance=_importance(document, found),
            mentions=found.mentions,
        )
        for found in extraction.unrecognised
    ]


def tool_weight() -> float:
    """The share of a known skill's weight that an unrecognised tool weighs (scoring.toml)."""
    return float(data_file("scoring.toml")["unrecognised"]["weight"])


def tool_requirements(resume: Extraction, job: Job, taxonomy: Taxonomy) -> list[Requirement]:
    """Score each unrecognised tool of the job against the resume's unrecognised tools, by normalised name."""
    scoring = data_file("scoring.toml")
    found = {tool.id: tool for tool in resume.unrecognised}
    share = tool_weight()
    general = taxonomy.kind_next_steps.get("tool", {})
    units = []
    for asked in job.unrecognised:
        importance = float(scoring["importance"][asked.importance])
        weight = round(importance * share, 4)
        tool = found.get(asked.id)
        evidence = sorted(tool.mentions, key=lambda m: m.section in list_sections()) if tool else []
        if tool is None:
            status, how = "missing", "not on the resume"
        elif tool.listed_only:
            status, how = "listed-only", f"listed in the {evidence[0].section} section only"
        else:
            status, how = "shown", f"shown in {evidence[0].section}"
        credit = float(scoring["credit"][status])
        label = scoring["importance_labels"][asked.importance]
        why = (
            f"Weight {weight:g} = {asked.importance} {importance:g} × unrecognised tool {share:g}. "
            f"{how[:1].upper() + how[1:]}: credit {credit:g}."
        )
        steps = (
            {}
            if status == "shown"
            else {key: general[key].format(name=asked.name) for key in NEXT_STEP_KEYS if general.get(key)}
        )
        units.append(
            Requirement(
                id=asked.id,
                name=asked.name,
                area=AREA,
                importance=asked.importance,
                weight=weight,
                credit=credit,
                status=status,  # type: ignore[arg-type]
                members=[asked.id],
                matched_by=tool.id if tool else None,
                resume_words=tool.mentions[0].text if tool else "",
                job_words=asked.mentions[0].text if asked.mentions else asked.name,
                evidence=evidence[:2],
                note=f"A tool gapcheck's taxonomy does not know ({label} in the ad); matched by its name only.",
                group="unrecognised",
                why=why,
                factors={"importance": importance, "skill": share, "area": 1.0},
                next_steps=steps,
                lead=asked.id,
            )
        )
    return units
