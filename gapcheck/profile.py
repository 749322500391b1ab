"""Builds a role profile from many real job ads (a local market), written as a user taxonomy file.

A skill enters the profile when it recurs: it is named in at least `recurrence_threshold(n)` of the n ads,
that is 2 ads, or 20% of them when that is more (with a single ad, that ad's skills). It is required when
it is named by at least half of the ads and required by at least half of those that name it, else
preferred. Its weight is 0.5 plus the share of ads that name it (1.5 when every ad does). The years and the
degree that most ads ask for go into the summary, in words the fit checks read back.
"""

from __future__ import annotations

import math
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import tomli_w

from gapcheck.errors import GapcheckError, UsageError
from gapcheck.fit.education import field_name
from gapcheck.ingest import Limits, read_document
from gapcheck.job.degree import degree_asked
from gapcheck.job.reading import JobReading
from gapcheck.model import Document
from gapcheck.pipeline import Toolkit, job_from_document


@dataclass
class ProfileSkill:
    id: str
    name: str
    ads: int
    required_in: int
    importance: str
    weight: float


@dataclass
class Profile:
    """A role profile built from ads, with the counts behind each choice."""

    id: str
    name: str
    summary: str
    ads: int
    threshold: int
    skills: list[ProfileSkill] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def recurrence_threshold(ads: int) -> int:
    """Return in how many of `ads` ads a skill must be named to count: 2, or 20% when more, at most all."""
    return min(ads, max(2, math.ceil(0.2 * ads)))


def role_id(name: str) -> str:
    """Return a role id made from a name: "Java Backend (Berlin)" -> "java-backend-berlin"."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if not slug:
        raise UsageError(f"cannot make a role id from the name '{name}'; give one with --id")
    return slug


def _most_common_years(readings: Sequence[JobReading]) -> float | None:
    """The median of the total years each ad asks for (read with the ad), if most ads ask."""
    asks = [reading.years for reading in readings if reading.years is not None]
    if not asks or len(asks) * 2 < len(readings):
        return None
    return float(math.floor(statistics.median(asks)))


def _most_common_degree(readings: Sequence[JobReading]) -> str | None:
    """The degree most ads ask for, in words ("a Bachelor's degree in computer science or a related field")."""
    levels: Counter[str] = Counter()
    names: dict[str, str] = {}
    fields: Counter[str] = Counter()
    related = 0
    for reading in readings:
        lowest = degree_asked(reading.degrees)
        if lowest is None:
            continue
        levels[lowest.level.id] += 1
        names[lowest.level.id] = lowest.level.name
        fields.update(lowest.fields)
        related += lowest.related_ok
    if not levels:
        return None
    level, count = levels.most_common(1)[0]
    if count * 2 < len(readings):
        return None
    text = f"a {names[level]}"
    common = [f for f, n in fields.most_common(2) if n * 2 >= count]
    if common:
        text += " in " + " or ".join(field_name(f) for f in common)
        if related * 2 >= count:
            text += " or a related field"
    return text


def build_profile(kit: Toolkit, documents: Sequence[Document], name: str, profile_id: str | None = None) -> Profile:
    """Return the role profile of these ads: the recurring skills, required or preferred, weighted by frequency."""
    jobs, read, failures = [], [], []
    for document in documents:
        try:
            jobs.append(job_from_document(kit, document))
            read.append(document)
        except GapcheckError as error:
            failures.append(str(error))
    if not jobs:
        raise UsageError("no job ad could be used to build the profile" + (f": {failures[0]}" if failures else ""))
    total = len(jobs)
    threshold = recurrence_threshold(total)
    named: Counter[str] = Counter()
    required: Counter[str] = Counter()
    names: dict[str, str] = {}
    order: dict[str, int] = {}
    for job in jobs:
        for skill in job.skills:
            if skill.importance == "context":  # named in the duties only: not asked
                continue
            named[skill.id] += 1
            required[skill.id] += skill.importance in ("must", "required")
            names[skill.id] = skill.name
            order.setdefault(skill.id, len(order))
    skills = []
    for skill_id, count in sorted(named.items(), key=lambda item: (-item[1], -required[item[0]], order[item[0]])):
        if count < threshold:
            continue
        importance = "required" if count * 2 >= total and required[skill_id] * 2 >= count else "preferred"
        weight = round(0.5 + count / total, 2)
        skills.append(ProfileSkill(skill_id, names[skill_id], count, required[skill_id], importance, weight))
    summary = f"Built by gapcheck from {total} job ad{'s' if total != 1 else ''}."
    readings = [job.reading for job in jobs if job.reading is not None]
    years = _most_common_years(readings)
    degree = _most_common_degree(readings)
    asks = [f"{years:g}+ years of experience"] if years else []
    asks += [degree] if degree else []
    if asks:
        summary += " Most ask for " + " and ".join(asks) + "."
    return Profile(
        id=profile_id or role_id(name),
        name=name,
        summary=summary,
        ads=total,
        threshold=threshold,
        skills=skills,
        sources=[d.source for d in read],
        failures=failures,
    )


def profile_from_files(
    kit: Toolkit, paths: Sequence[str], name: str, profile_id: str | None = None, limits: Limits | None = None
) -> Profile:
    """Read the ad files and return their profile; an ad that cannot be read is listed in `failures`."""
    documents, failures = [], []
    for path in paths:
        try:
            documents.append(read_document(path, kind="job", limits=limits or Limits()))
        except GapcheckError as error:
            failures.append(str(error))
    if not documents:
        raise UsageError("no job ad could be read" + (f": {failures[0]}" if failures else ""))
    profile = build_profile(kit, documents, name, profile_id)
    profile.failures = failures + profile.failures
    return profile


def toml_comment(text: str) -> str:
    """`text` made fit for a TOML comment, which may hold no control character but the tab: each shown escaped."""
    return "".join(char if char == "\t" or unicodedata.category(char) != "Cc" else ascii(char)[1:-1] for char in text)


def profile_toml(profile: Profile) -> str:
    """Return the profile as a user taxonomy file (TOML) that `--taxonomy FILE --role ID` accepts."""
    header = [
        f"Role profile built by `gapcheck profile` from {profile.ads} job ads. Use it with:",
        f"  gapcheck analyze RESUME --taxonomy THIS_FILE --role {profile.id}",
        f"A skill is kept when at least {profile.threshold} of the {profile.ads} ads name it (2 ads, or 20% of",
        "them when that is more). It is required when at least half of the ads name it and at least half of",
        "those require it. Its weight is 0.5 plus the share of ads that name it.",
        "Ads: " + ", ".join(" ".join(source.split()) for source in profile.sources),
        "Skills: importance, how many ads name it, how many of those require it.",
    ]
    header += [
        f"  {skill.id} ({skill.name}): {skill.importance}, in {skill.ads} of {profile.ads} ads, required in "
        f"{skill.required_in}"
        for skill in profile.skills
    ]
    role = {
        "id": profile.id,
        "name": profile.name,
        "summary": profile.summary,
        **{i: [s.id for s in profile.skills if s.importance == i] for i in ("required", "preferred")},
        "weights": {skill.id: skill.weight for skill in profile.skills},
    }
    comments = "".join(f"# {toml_comment(line)}\n" for line in header)
    return comments + "\n" + tomli_w.dumps({"role": [role]}, multiline_strings=False)
