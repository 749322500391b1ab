"""Job fit beyond the skills list: the title, the years of experience and the degree a job asks for, against
what the resume shows.

Each check gives a `FitCheck` (`fit/check.py`): a verdict (meets, partly, missing, unknown), what the job asks
and what the resume shows, each a dataclass of its check with the lines it was read from. A verdict is `unknown`
whenever one side says nothing readable, never a guess.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from gapcheck.fit.check import VERDICTS, FitCheck, FitSide, Verdict, YearsPart, combine
from gapcheck.fit.education import education_fit
from gapcheck.fit.experience import dated_roles, experience_fit
from gapcheck.fit.title import title_fit
from gapcheck.model import Document, Extraction, Job
from gapcheck.taxonomy import Taxonomy

if TYPE_CHECKING:
    from gapcheck.job.reading import JobReading


def reading_of(job: Job, taxonomy: Taxonomy | None, job_document: Document | None = None) -> JobReading:
    """Return what was read from the job with it; for a Job made without a reading, read its ad (or its role
    profile's summary) now."""
    from gapcheck.job import reading_of_text

    if job.reading is not None:
        return job.reading
    text = job_document
    if text is None and job.kind == "role" and taxonomy is not None:
        role = taxonomy.roles.get(job.source.removeprefix("role:"))
        if role is not None:
            text = Document(source=job.source, text=role.summary, kind="job")
    return reading_of_text(text or Document(source=job.source, text="", kind="job"), job)


def assess_fit(
    resume: Document,
    job: Job,
    *,
    extraction: Extraction | None = None,
    job_document: Document | None = None,
    taxonomy: Taxonomy | None = None,
    today: dt.date | None = None,
) -> dict[str, FitCheck]:
    """Return the title, experience and education fit of a resume for a job (ad or role profile), from what
    was read with the job (`job.reading`; `job_document` is read only for a Job made without one)."""
    reading = reading_of(job, taxonomy, job_document)
    today = today or dt.date.today()
    # Both the title and the experience checks read the dated roles: find them once.
    roles = dated_roles(resume, today, extraction, taxonomy)
    experience = experience_fit(resume, reading.years_asked, extraction=extraction, today=today, roles=roles)
    return {
        "title": title_fit(resume, job, reading, roles=roles),
        "experience": experience,
        "education": education_fit(resume, reading.degrees, experience_met=experience.verdict == "meets"),
    }


__all__ = ["FitCheck", "FitSide", "Verdict", "VERDICTS", "YearsPart", "assess_fit", "combine"]
