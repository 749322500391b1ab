"""Job fit beyond the skills list: the title, the years of experience and the degree a job asks for, against
what the resume shows.

Each check gives a `FitCheck`: a verdict (meets, partly, missing, unknown), what the job asks and what the
resume shows, each with the lines it was read from. A verdict is `unknown` whenever one side says nothing
readable, never a guess.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from gapcheck.model import Document, Extraction, Job, SectionName
from gapcheck.taxonomy import Taxonomy

Verdict = Literal["meets", "partly", "missing", "unknown"]
VERDICTS: tuple[Verdict, ...] = ("meets", "partly", "missing", "unknown")
# Sections of an ad that say nothing about the candidate ("founded 20 years ago", "a degree of freedom").
NOT_ABOUT_THE_CANDIDATE = frozenset({"about", "benefits", "apply"})


@dataclass
class FitCheck:
    """One fit verdict with both sides: `job` and `resume` each hold a `summary` and their `evidence` lines."""

    verdict: Verdict
    job: dict[str, Any]
    resume: dict[str, Any]
    note: str = ""
    parts: list[dict[str, Any]] = field(default_factory=list)


def combine(verdicts: Iterable[Verdict]) -> Verdict:
    """Return the verdict of several parts: unknown parts are left out; all met meets, none met is missing."""
    known = [v for v in verdicts if v != "unknown"]
    if not known:
        return "unknown"
    if all(v == "meets" for v in known):
        return "meets"
    if all(v == "missing" for v in known):
        return "missing"
    return "partly"


def ad_lines(document: Document) -> list[tuple[int, SectionName, str]]:
    """Return (offset, section, line) for each non-empty line of an ad that may describe the candidate."""
    lines = []
    offset = 0
    for line in document.text.split("\n"):
        section = document.section_at(offset)
        if line.strip() and section not in NOT_ABOUT_THE_CANDIDATE:
            lines.append((offset, section, line))
        offset += len(line) + 1
    return lines


_Read = TypeVar("_Read")


def read_once_per_ad(read: Callable[[Document], _Read]) -> Callable[[Document], _Read]:
    """Memoise `read` on the ad's text and sections, all it reads of the ad: a batch compares hundreds of
    resumes with one ad. What it returns is shared between calls, so it must be immutable (tuples, frozen)."""

    @functools.lru_cache(maxsize=32)
    def read_ad(text: str, sections: tuple[Any, ...]) -> _Read:
        return read(Document(source="", text=text, kind="job", sections=list(sections)))

    @functools.wraps(read)
    def read_memoised(asked: Document) -> _Read:
        return read_ad(asked.text, tuple(asked.sections))

    return read_memoised


def job_document_of(job: Job, taxonomy: Taxonomy | None, job_document: Document | None) -> Document | None:
    """Return the text a job's needs are read from: the ad itself, or a role profile's summary."""
    if job_document is not None:
        return job_document
    if job.kind == "role" and taxonomy is not None:
        role = taxonomy.roles.get(job.source.removeprefix("role:"))
        if role is not None and role.summary.strip():
            return Document(source=job.source, text=role.summary, kind="job")
    return None


def assess_fit(
    resume: Document,
    job: Job,
    *,
    extraction: Extraction | None = None,
    job_document: Document | None = None,
    taxonomy: Taxonomy | None = None,
    today: dt.date | None = None,
) -> dict[str, FitCheck]:
    """Return the title, experience and education fit of a resume for a job (ad or role profile)."""
    from gapcheck.fit.education import education_fit
    from gapcheck.fit.experience import dated_roles, experience_fit
    from gapcheck.fit.title import title_fit

    asked = job_document_of(job, taxonomy, job_document)
    today = today or dt.date.today()
    # Both the title and the experience checks read the dated roles: find them once.
    roles = dated_roles(resume, today, extraction)
    return {
        "title": title_fit(resume, job, asked, today=today, roles=roles),
        "experience": experience_fit(resume, job, asked, extraction=extraction, today=today, roles=roles),
        "education": education_fit(resume, asked),
    }


__all__ = ["FitCheck", "Verdict", "VERDICTS", "assess_fit", "combine"]
