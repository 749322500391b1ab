"""What gapcheck read from an ad, for people (`gapcheck job AD`): the title, seniority, years, degree and each
requirement with its tier, group and line, so a user can see why a gap was listed."""

from __future__ import annotations

from typing import Any

from gapcheck.model import IMPORTANCE_ORDER, Job, JobSkill
from gapcheck.serialize import to_jsonable
from gapcheck.taxonomy import data_file


def reading_json(job: Job) -> dict[str, Any]:
    """Return the reading and the requirements as plain data (the mentions' offsets index the ad's text)."""
    reading = to_jsonable(job.reading) if job.reading is not None else {}
    requirements = [
        {"id": s.id, "name": s.name, "area": s.area, "importance": s.importance, "group": s.group, "years": s.years,
         "section": s.section, "line": s.line, "mentions": to_jsonable(s.mentions)}
        for s in _ordered(job)
    ]  # fmt: skip
    unrecognised = [
        {"id": t.id, "name": t.name, "importance": t.importance, "group": t.group, "section": _section(t),
         "line": _line(job, t), "mentions": to_jsonable(t.mentions)}
        for t in job.unrecognised
    ]  # fmt: skip
    return {"source": job.source, "kind": job.kind, **reading, "requirements": requirements,
            "unrecognised": unrecognised}  # fmt: skip


def _section(skill: JobSkill) -> str:
    return skill.mentions[0].section if skill.mentions else ""


def _line(job: Job, skill: JobSkill) -> str:
    """The line of a tool's first mention, from the ad's text when the job keeps it."""
    if not skill.mentions:
        return ""
    mention = skill.mentions[0]
    if mention.line or job.document is None:
        return mention.line or mention.text
    return job.document.line_at(mention.start, mention.end)


def _ordered(job: Job) -> list[Any]:
    return sorted(job.skills, key=lambda s: IMPORTANCE_ORDER.index(s.importance))


def reading_text(job: Job) -> str:
    """Return the reading as text: a header, then the requirements tier by tier."""
    labels = data_file("scoring.toml").get("importance_labels", {})
    reading = job.reading
    lines = [f"{job.source}: {job.title!r}"]
    if reading is not None:
        lines.append(f"  seniority: {reading.seniority or '-'}   years: {_years(reading.years)}   "
                     f"degree: {reading.degree or '-'}")  # fmt: skip
        if reading.employer:
            lines.append(f"  employer: {', '.join(reading.employer)} (never a requirement)")
        lines.append(f"  sections: {', '.join(reading.sections) or '(none found)'}")
        lines += [f"  note: {note}" for note in reading.notes]
    for tier in IMPORTANCE_ORDER:
        skills = [s for s in job.skills if s.importance == tier]
        if not skills:
            continue
        lines += ["", f"{labels.get(tier, tier)} ({tier}, {len(skills)})"]
        for skill in skills:
            extra = "".join([f", {skill.years:g}+ years" if skill.years else "",
                             f", one of: {skill.group}" if skill.group else ""])  # fmt: skip
            lines.append(f"  {skill.name}{extra}")
            if skill.line:
                lines.append(f"      {skill.section}: {skill.line[:100]}")
    if job.unrecognised:
        lines += ["", f"tools the taxonomy does not know ({len(job.unrecognised)}): matched by name only"]
        for tool in job.unrecognised:
            extra = f", one of: {tool.group}" if tool.group else ""
            lines.append(f"  {tool.name} ({labels.get(tool.importance, tool.importance)}{extra})")
            lines.append(f"      {_section(tool)}: {_line(job, tool).strip()[:100]}")
    return "\n".join(lines) + "\n"


def _years(years: float | None) -> str:
    return f"{years:g}+" if years is not None else "-"
