"""gapcheck as a library: the four stages as five functions, each giving back the typed results of `model`.

    from gapcheck import read, find_skills, load_job, analyze, render

    resume = read("resume.pdf")                      # Document: clean text and sections
    skills = find_skills(resume)                     # Extraction: skills stated (with mentions) and implied
    job = load_job("ad.txt")                         # Job: what the ad asks for (or load_job(role="data-scientist"))
    result = analyze(resume, job)                    # Analysis: score, matches, gaps, learning path, fit
    html = render(result)                            # the report as HTML, or render(result, "json" | "text")

The taxonomy and the spaCy pipeline are built once per process for each set of taxonomy files and kept
(`gapcheck.pipeline.toolkit`); every call after the first reuses them. These functions are thin over
`gapcheck.pipeline`, which the CLI and batch use too, so a library caller gets what `gapcheck analyze` gives.
Bad input raises `gapcheck.errors.InputError`, bad usage (an unknown role) `UsageError`; both are
`GapcheckError`. Unlike the CLI, no call here has a time limit: a caller that needs one sets its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from gapcheck.model import Analysis, Document, DocumentKind, Extraction, Job

if TYPE_CHECKING:
    from gapcheck.ingest import Limits

__all__ = ["analyze", "find_skills", "load_job", "read", "render"]

# User taxonomy files (TOML) merged over the built-in taxonomy; () is the built-in one alone.
TaxonomyFiles = Sequence[str | Path]
ReportFormat = Literal["html", "json", "text"]


def read(path: str | Path, *, kind: DocumentKind = "resume", limits: Limits | None = None) -> Document:
    """Return the resume or job ad at `path` (PDF, DOCX, text, Markdown, JSON Resume) read into clean text."""
    from gapcheck.ingest import Limits, read_document

    return read_document(path, kind=kind, limits=limits or Limits())


def find_skills(document: Document | str, *, taxonomy: TaxonomyFiles = ()) -> Extraction:
    """Return the skills found in a read document, or in a resume's text given as a string (a path goes
    through `read` first)."""
    from gapcheck import pipeline
    from gapcheck.ingest import read_text

    if isinstance(document, str):
        document = read_text(document, "<text>", kind="resume")
    return pipeline.extract_documents(pipeline.toolkit(taxonomy), [document])[0]


def load_job(
    ad: str | Path | Document | None = None,
    *,
    text: str | None = None,
    role: str | None = None,
    taxonomy: TaxonomyFiles = (),
    limits: Limits | None = None,
    source: str = "<text>",
) -> Job:
    """Return what a job asks for: from an ad file (or a read ad), from the ad's `text`, or from a role profile
    (`role`; the default profile when none of the three is given). `source` names pasted text in messages."""
    from gapcheck import pipeline
    from gapcheck.errors import UsageError
    from gapcheck.ingest import Limits, read_text

    if sum(given is not None for given in (ad, text, role)) > 1:
        raise UsageError("give the job as one of: an ad file, the ad's text, or a role")
    kit = pipeline.toolkit(taxonomy)
    if text is not None:
        return pipeline.job_from_document(kit, read_text(text, source, kind="job", limits=limits or Limits()))
    if ad is None:
        return pipeline.job_from_role_name(kit, role or pipeline.DEFAULT_ROLE)
    return pipeline.job_from_document(kit, ad if isinstance(ad, Document) else read(ad, kind="job", limits=limits))


def analyze(
    resume: str | Path | Document,
    job: Job | str | Path | None = None,
    *,
    role: str | None = None,
    taxonomy: TaxonomyFiles = (),
    limits: Limits | None = None,
    today: dt.date | None = None,
) -> Analysis:
    """Return the analysis of a resume (a path or a read Document) against a job: a `Job` from `load_job`, a
    job ad's path, or else the role profile `role` (default: the ml-engineer profile). `today` dates the
    analysis and the years of experience (default: today)."""
    from gapcheck import pipeline
    from gapcheck.errors import UsageError

    if job is not None and role is not None:
        raise UsageError("give either a job or a role, not both")
    kit = pipeline.toolkit(taxonomy)
    if not isinstance(job, Job):
        job = load_job(job, role=role, taxonomy=taxonomy, limits=limits)
    document = resume if isinstance(resume, Document) else read(resume, limits=limits)
    return pipeline.analyze_document(kit, document, job, today=today)


def render(analysis: Analysis, format: ReportFormat = "html", *, color: bool = False) -> str:
    """Return the report of an analysis: one self-contained HTML page, the JSON of `analyze --format json`, or
    the terminal summary (`color`: with ANSI colours)."""
    from gapcheck import report
    from gapcheck.errors import UsageError

    if format == "html":
        return report.render_html(analysis)
    if format == "json":
        return report.render_json(analysis)
    if format == "text":
        return report.render_text(analysis, color=color)
    raise UsageError(f"unknown report format '{format}'; choose html, json or text")
