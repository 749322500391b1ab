"""Matches the tools a job ad lists that the taxonomy does not know with a resume's, by their normalised name.

An ad's unrecognised tool takes the tier a known skill would take in its place: its line's section and cue
phrases ("Strong Spring Boot, Hibernate and Wicket" makes all three must-haves; a duty line gives context). Each
becomes a scored requirement of its own, weighed at the share `[unrecognised] weight` of `taxonomy/scoring.toml`
of a known skill of the same importance: the taxonomy cannot say what it relates to or implies, so only the name
itself can earn credit.
"""

from __future__ import annotations

import re

from gapcheck.job.boilerplate import SILENT_SECTIONS
from gapcheck.job.importance import REQUIREMENT_SECTIONS, importance_of
from gapcheck.model import (
    IMPORTANCE_ORDER,
    Document,
    Extraction,
    FoundSkill,
    Importance,
    Job,
    JobSkill,
    Mention,
    Requirement,
)
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


# Between two alternatives of a list: a comma, a slash, "or", "and/or" ("Combine or RxSwift").
_JOIN = re.compile(r"\s*(?:,\s*(?:or\s+)?|/|\s+or\s+|\s+and/or\s+)\s*", re.IGNORECASE)
_OR = re.compile(r"/|\bor\b", re.IGNORECASE)


def _either_or(document: Document, tools: list[FoundSkill]) -> dict[str, str]:
    """Map tool id -> group label for the tools an ad offers as alternatives ("Combine or RxSwift"): a run of
    unrecognised names on one line joined by commas, slashes and "or", with an "or" or a slash among the joins."""
    mentions = sorted(((t.id, m) for t in tools for m in t.mentions), key=lambda item: item[1].start)
    groups: dict[str, str] = {}
    run: list[tuple[str, Mention]] = []
    joins: list[str] = []

    def close() -> None:
        ids = list(dict.fromkeys(tool_id for tool_id, _ in run))
        if len(ids) > 1 and any(_OR.search(join) for join in joins):
            label = " or ".join(dict.fromkeys(mention.text for _, mention in run))
            for tool_id in ids:
                groups.setdefault(tool_id, label)

    for tool_id, mention in mentions:
        gap = document.text[run[-1][1].end : mention.start] if run else ""
        if run and _JOIN.fullmatch(gap):
            run.append((tool_id, mention))
            joins.append(gap)
            continue
        close()
        run, joins = [(tool_id, mention)], []
    close()
    return groups


def job_tools(job: Job, extraction: Extraction, document: Document) -> list[JobSkill]:
    """The ad's unrecognised tools as things the job asks for, each with its importance and, when the ad offers
    them as alternatives, its group."""
    groups = _either_or(document, extraction.unrecognised)
    return [
        JobSkill(
            id=found.id,
            name=found.name,
            area=AREA,
            importance=_importance(document, found),
            mentions=found.mentions,
            group=groups.get(found.id),
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
    for members in _units(job.unrecognised):
        tier = min((m.importance for m in members), key=IMPORTANCE_ORDER.index)
        importance = float(scoring["importance"][tier])
        weight = round(importance * share, 4)
        # Of alternatives ("Combine or RxSwift"), the one the resume shows best meets the ad.
        asked = max(members, key=lambda m: _credit(found.get(m.id), scoring))
        tool = found.get(asked.id)
        evidence = sorted(tool.mentions, key=lambda m: m.section in list_sections()) if tool else []
        if tool is None:
            status, how = "missing", "not on the resume"
        elif tool.listed_only:
            status, how = "listed-only", f"listed in the {evidence[0].section} section only"
        else:
            status, how = "shown", f"shown in {evidence[0].section}"
        name = asked.group if len(members) > 1 and asked.group else asked.name
        credit = float(scoring["credit"][status])
        label = scoring["importance_labels"][tier]
        either = f" Any one of {len(members)} alternatives will do." if len(members) > 1 else ""
        why = (
            f"Weight {weight:g} = {tier} {importance:g} × unrecognised tool {share:g}.{either} "
            f"{how[:1].upper() + how[1:]}: credit {credit:g}."
        )
        steps = (
            {}
            if status == "shown"
            else {key: general[key].format(name=members[0].name) for key in NEXT_STEP_KEYS if general.get(key)}
        )
        units.append(
            Requirement(
                id=asked.id,
                name=name,
                area=AREA,
                importance=tier,
                weight=weight,
                credit=credit,
                status=status,  # type: ignore[arg-type]
                members=[m.id for m in members],
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


def _units(tools: list[JobSkill]) -> list[list[JobSkill]]:
    """The ad's tools as requirements: alternatives of one group together, every other tool alone."""
    units: dict[str, list[JobSkill]] = {}
    for tool in tools:
        units.setdefault(f"group:{tool.group}" if tool.group else tool.id, []).append(tool)
    return list(units.values())


def _credit(tool: FoundSkill | None, scoring: dict) -> float:
    if tool is None:
        return float(scoring["credit"]["missing"])
    return float(scoring["credit"]["listed-only" if tool.listed_only else "shown"])
