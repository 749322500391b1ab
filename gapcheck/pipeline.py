"""The whole pipeline as plain functions: read, find skills, compare. The CLI and batch both call these.

A `Toolkit` holds what is built once per process (the taxonomy and the spaCy pipeline); everything else is
a pure function of its inputs, so a batch worker or a cluster executor can call `analyze_path` unchanged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import cast

from spacy.language import Language

from gapcheck import collector
from gapcheck.candidate import candidate_name
from gapcheck.checks import resume_checks
from gapcheck.compare import compare
from gapcheck.errors import InputError, UsageError
from gapcheck.fit import assess_fit
from gapcheck.ingest import Limits, read_document, read_text
from gapcheck.job import job_from_ad, job_from_role
from gapcheck.model import Analysis, Document, Extraction, Job
from gapcheck.nlp import COMPONENT, SkillFinder, build_pipeline
from gapcheck.skills.find import find_skills
from gapcheck.taxonomy import Taxonomy
from gapcheck.tool_match import job_tools

DEFAULT_ROLE = "ml-engineer"


@dataclass(frozen=True)
class Toolkit:
    """The taxonomy and pipeline for one set of user taxonomy files, built once per process."""

    taxonomy: Taxonomy
    nlp: Language
    taxonomy_files: tuple[str, ...] = ()


def toolkit(taxonomy_files: Sequence[str | Path] = ()) -> Toolkit:
    """Return the toolkit for these user taxonomy files, built once per process."""
    return _built_toolkit(tuple(str(p) for p in taxonomy_files))


@lru_cache(maxsize=8)
def _built_toolkit(files: tuple[str, ...]) -> Toolkit:
    nlp = build_pipeline(files)
    # The skill finder holds the taxonomy it was built from (perhaps loaded from the cache): no second parse.
    kit = Toolkit(cast(SkillFinder, nlp.get_pipe(COMPONENT)).taxonomy, nlp, files)
    collector.start_up_done()
    return kit


def extract_documents(kit: Toolkit, documents: Sequence[Document]) -> list[Extraction]:
    """Return the skills found in each document, with one pass of the pipeline."""
    return find_skills(kit.nlp, kit.taxonomy, documents)


def job_from_role_name(kit: Toolkit, name: str) -> Job:
    """Return a built-in or user role profile as a Job, or a usage error listing the known roles."""
    role = kit.taxonomy.roles.get(name)
    if role is None:
        known = ", ".join(sorted(kit.taxonomy.roles))
        raise UsageError(f"unknown role '{name}'; known roles: {known}")
    return job_from_role(role, kit.taxonomy)


def job_from_document(kit: Toolkit, document: Document) -> Job:
    """Return what a job ad asks for; an ad in which no skill is found is an error, not an empty job."""
    if not document.text.strip():
        raise InputError(f"{document.source}: the job ad is empty")
    extraction = extract_documents(kit, [document])[0]
    job = job_from_ad(document, extraction, kit.taxonomy)
    job.document = document
    job.unrecognised = job_tools(job, extraction, document)
    if not job.skills:
        raise InputError(f"{document.source}: no skills found in the job ad; is it the right file?")
    return job


def load_job(
    kit: Toolkit,
    *,
    job_path: str | None = None,
    job_text: str | None = None,
    role: str | None = None,
    limits: Limits | None = None,
) -> tuple[Job, Document | None]:
    """Return the job to compare against: an ad from a file or pasted text, else a role profile."""
    if job_path is not None and job_text is not None:
        raise UsageError("give the job ad either as a file or on standard input, not both")
    if job_text is not None:
        document = read_text(job_text, "<stdin>", kind="job", limits=limits or Limits())
    elif job_path is not None:
        document = read_document(job_path, kind="job", limits=limits or Limits())
    else:
        return job_from_role_name(kit, role or DEFAULT_ROLE), None
    return job_from_document(kit, document), document


def analyze_document(kit: Toolkit, document: Document, job: Job, today: dt.date | None = None) -> Analysis:
    """Return the analysis of one read resume against one job, with the job fit and the resume checks."""
    extraction = extract_documents(kit, [document])[0]
    analysis = compare(document, extraction, job, kit.taxonomy, today=today)
    analysis.fit = assess_fit(
        document, job, extraction=extraction, job_document=job.document, taxonomy=kit.taxonomy, today=today
    )
    analysis.resume_checks = resume_checks(document, extraction, analysis.requirements, job)
    analysis.document = replace(analysis.document, candidate=candidate_name(document, extraction, kit.taxonomy))
    return analysis


def analyze_path(kit: Toolkit, path: str | Path, job: Job, limits: Limits | None = None) -> Analysis:
    """Read one resume file and return its analysis: the unit of work of `analyze` and `batch`."""
    with collector.one_document():
        document = read_document(path, kind="resume", limits=limits or Limits())
        return analyze_document(kit, document, job)
