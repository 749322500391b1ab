"""Compares a resume's skills with what a job needs: the score and its breakdown, the gaps, the path.

Every requirement lands in one of four groups, which the report names: shown (with evidence), worded
differently or implied (use the ad's words), listed only (show it in a project), and true gap (learn it).
The weights and credits come from `taxonomy/scoring.toml`, so the score can be recomputed by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from gapcheck import __version__
from gapcheck.model import (
    Analysis,
    AreaCoverage,
    Document,
    Extraction,
    FoundSkill,
    Gap,
    Job,
    JobSkill,
    PathStep,
    Requirement,
    Status,
)
from gapcheck.taxonomy import Taxonomy, data_file, normalise_name

MATCHED = ("shown", "worded-differently", "listed-only")
QUICK_WINS = ("worded-differently", "implied", "listed-only")
GAPS = ("related", "missing")
GROUP_OF_STATUS = {
    "shown": "shown",
    "worded-differently": "use the ad's words",
    "implied": "use the ad's words",
    "listed-only": "show it in a project",
    "related": "learn it",
    "missing": "learn it",
}


def scoring() -> dict:
    """Return the weights and credits of `taxonomy/scoring.toml`."""
    return data_file("scoring.toml")


def _related_stated(skill_id: str, resume: dict[str, FoundSkill], taxonomy: Taxonomy) -> str | None:
    """Return a stated resume skill related to `skill_id` (either way round), or None."""
    wanted = taxonomy.skills[skill_id]
    for found in resume.values():
        if not found.stated:
            continue
        other = taxonomy.skills.get(found.id)
        if other and (skill_id in other.related or found.id in wanted.related):
            return found.id
    return None


def _assess(job_skill: JobSkill, resume: dict[str, FoundSkill], taxonomy: Taxonomy, job: Job) -> Requirement:
    """Score one required skill against the resume."""
    credits = scoring()["credit"]
    found = resume.get(job_skill.id)
    job_words = job_skill.mentions[0].text if job_skill.mentions else job_skill.name
    status: Status
    note = ""
    matched_by = None
    evidence = []
    resume_words = ""
    if found and found.stated:
        matched_by = found.id
        evidence = list(found.mentions)
        resume_words = found.mentions[0].text
        resume_forms = {normalise_name(m.text) for m in found.mentions}
        if found.listed_only:
            status = "listed-only"
            note = "Named in the skills list only: show it in an experience or project line."
        elif job.kind == "ad" and normalise_name(job_words) not in resume_forms:
            status = "worded-differently"
            note = f'The resume says "{resume_words}" where the ad says "{job_words}": use the ad\'s words.'
        else:
            status = "shown"
    elif found and found.inferred_from:
        status = "implied"
        matched_by = found.inferred_from[0]
        sources = ", ".join(taxonomy.skills[s].name for s in found.inferred_from)
        note = f"Implied by {sources}, but never named: say it in the ad's words."
    elif (related := _related_stated(job_skill.id, resume, taxonomy)) is not None:
        status = "related"
        matched_by = related
        note = f"Not on the resume; the related {taxonomy.skills[related].name} earns partial credit."
    else:
        status = "missing"
    weight = scoring()["importance"][job_skill.importance] * job_skill.weight * job.area_weights.get(job_skill.area, 1.0)
    return Requirement(
        id=job_skill.id,
        name=job_skill.name,
        area=job_skill.area,
        importance=job_skill.importance,
        weight=round(weight, 4),
        credit=float(credits[status]),
        status=status,
        members=[job_skill.id],
        matched_by=matched_by,
        resume_words=resume_words,
        job_words=job_words,
        evidence=evidence,
        note=note,
        years=job_skill.years,
    )


def _merge_group(label: str, members: list[Requirement]) -> Requirement:
    """One requirement for a group of alternatives: its best member's credit, its heaviest member's weight."""
    best = max(members, key=lambda r: (r.credit, r.weight))
    importance = "required" if any(m.importance == "required" for m in members) else "preferred"
    return Requirement(
        id="group:" + "+".join(m.id for m in members),
        name=label,
        area=best.area if best.credit > 0 else members[0].area,
        importance=importance,
        weight=max(m.weight for m in members),
        credit=best.credit,
        status=best.status,
        members=[m.id for m in members],
        matched_by=best.matched_by,
        resume_words=best.resume_words,
        job_words=" or ".join(m.job_words for m in members),
        evidence=best.evidence,
        note=(f"Any one of {label} will do; " + best.note[:1].lower() + best.note[1:]) if best.note else "",
        years=max((m.years for m in members if m.years is not None), default=None),
    )


def requirements(resume: Extraction, job: Job, taxonomy: Taxonomy) -> list[Requirement]:
    """Return the job's scored units, groups of alternatives merged, in the job's order."""
    found = resume.by_id()
    order: list[Requirement | str] = []
    grouped: dict[str, list[Requirement]] = {}
    for job_skill in job.skills:
        assessed = _assess(job_skill, found, taxonomy, job)
        if job_skill.group is None:
            order.append(assessed)
            continue
        if job_skill.group not in grouped:
            grouped[job_skill.group] = []
            order.append(job_skill.group)
        grouped[job_skill.group].append(assessed)
    units = []
    for item in order:
        if isinstance(item, Requirement):
            units.append(item)
        else:
            members = grouped[item]
            units.append(members[0] if len(members) == 1 else _merge_group(item, members))
    return units


def _area_coverage(units: Sequence[Requirement], taxonomy: Taxonomy) -> list[AreaCoverage]:
    areas: dict[str, AreaCoverage] = {}
    for unit in units:
        area = taxonomy.areas.get(unit.area)
        entry = areas.setdefault(
            unit.area, AreaCoverage(unit.area, area.name if area else unit.area, 0.0, 0.0, 0.0, 0.0, 0, 0)
        )
        entry.possible += unit.weight
        entry.earned += unit.points
        entry.total += 1
        entry.met += unit.status in MATCHED
    total = sum(a.possible for a in areas.values()) or 1.0
    for entry in areas.values():
        entry.weight = round(entry.possible / total, 4)
        entry.percent = round(100 * entry.earned / entry.possible, 1) if entry.possible else 0.0
        entry.earned = round(entry.earned, 4)
        entry.possible = round(entry.possible, 4)
    return sorted(areas.values(), key=lambda a: (-a.possible, a.id))


def _gaps(units: Sequence[Requirement], taxonomy: Taxonomy) -> list[Gap]:
    open_units = [u for u in units if u.status in GAPS]
    ranked = sorted(
        enumerate(open_units),
        key=lambda item: (-(item[1].weight * (1 - item[1].credit)), item[1].importance != "required", item[0]),
    )
    gaps = []
    for rank, (_, unit) in enumerate(ranked, start=1):
        lead = unit.members[0] if unit.members else unit.id
        why = f"{unit.importance}, weight {unit.weight:g}"
        if unit.status == "related":
            why += f"; partial credit from the related {taxonomy.skills[unit.matched_by].name}"
        gaps.append(
            Gap(
                id=unit.id,
                name=unit.name,
                area=unit.area,
                importance=unit.importance,
                status=unit.status,
                priority=round(unit.weight * (1 - unit.credit), 4),
                rank=rank,
                next_steps=taxonomy.next_steps(lead),
                reason=why,
                members=unit.members,
            )
        )
    return gaps


def learning_path(gaps: Sequence[Gap], resume: Extraction, taxonomy: Taxonomy) -> list[PathStep]:
    """Order the gaps, with their missing prerequisites, so that no skill comes before what it needs."""
    known = {s.id for s in resume.skills}
    steps: list[PathStep] = []
    placed: set[str] = set()

    def place(skill_id: str, reason: str, trail: tuple[str, ...]) -> None:
        if skill_id in placed or skill_id in trail:
            return
        skill = taxonomy.skills[skill_id]
        for prerequisite in skill.prerequisites:
            if prerequisite not in known:
                place(prerequisite, f"needed before {skill.name}", (*trail, skill_id))
        placed.add(skill_id)
        steps.append(
            PathStep(len(steps) + 1, skill_id, skill.name, skill.area, reason, taxonomy.next_steps(skill_id))
        )

    for gap in gaps:
        place(gap.members[0] if gap.members else gap.id, f"gap #{gap.rank}: {gap.importance} by the job", ())
    return steps


def compare(
    document: Document, resume: Extraction, job: Job, taxonomy: Taxonomy, today: dt.date | None = None
) -> Analysis:
    """Return the full analysis of one resume against one job."""
    units = requirements(resume, job, taxonomy)
    possible = sum(u.weight for u in units)
    earned = sum(u.points for u in units)
    score = round(100 * earned / possible, 1) if possible else 0.0
    gaps = _gaps(units, taxonomy)
    weights = scoring()
    return Analysis(
        score=score,
        resume=resume,
        job=job,
        requirements=units,
        matched=[u for u in units if u.status in MATCHED],
        quick_wins=[u for u in units if u.status in QUICK_WINS],
        missing=gaps,
        path=learning_path(gaps, resume, taxonomy),
        areas=_area_coverage(units, taxonomy),
        method={
            "gapcheck_version": __version__,
            "taxonomy_version": taxonomy.version,
            "job": job.source,
            "job_kind": job.kind,
            "date": (today or dt.date.today()).isoformat(),
            "earned": round(earned, 4),
            "possible": round(possible, 4),
            "importance_weights": weights["importance"],
            "credits": weights["credit"],
        },
        document={
            "source": document.source,
            "pages": document.pages,
            "layout": document.layout,
            "sections": sorted({s.name for s in document.sections}),
            "diagnostics": list(document.diagnostics),
        },
    )
