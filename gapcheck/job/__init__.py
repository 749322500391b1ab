"""Reading a job ad as a recruiter does (see README, "How an ad is read"): `job_from_ad` gives the `Job` with
its `JobReading`; `job_from_role` the same for a role profile."""

from gapcheck.job.importance import importance_of
from gapcheck.job.reading import JobReading, job_from_ad, job_from_role, reading_of_text
from gapcheck.job.years import YearsAsked, years_asked

__all__ = ["JobReading", "YearsAsked", "importance_of", "job_from_ad", "job_from_role", "reading_of_text",
           "years_asked"]  # fmt: skip
