"""Ranks many saved job ads for one resume: each ad analysed as `analyze` would, best score first.

A ranking is a loop over `analyze_document`, not a second implementation; an ad that cannot be read or holds
no skill is reported as a failure and left out of the ranking.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gapcheck.analyze import Toolkit, analyze_document, load_job
from gapcheck.errors import GapcheckError
from gapcheck.ingest import Limits
from gapcheck.model import Document, to_jsonable

# The files of a folder that are read as ads; anything else in it (notes, reports) is left alone.
AD_SUFFIXES = frozenset((".txt", ".md", ".markdown", ".pdf", ".docx"))
# Files of a folder that describe it rather than hold an ad ("README.md", "SOURCE.md").
NOT_ADS = frozenset(("readme", "source", "sources", "license", "licence", "changelog", "notes", "index"))


@dataclass
class RankedJob:
    """One ad in the ranking: its score, the required skills the resume lacks, and the fit verdicts."""

    job: str
    title: str
    score: float
    missing_required: list[str]
    fit: dict[str, Any]


@dataclass
class RankFailure:
    job: str
    error: str


@dataclass
class Ranking:
    resume: str
    jobs: list[RankedJob] = field(default_factory=list)
    failures: list[RankFailure] = field(default_factory=list)


def job_files(inputs: Sequence[str]) -> tuple[list[str], list[RankFailure]]:
    """Return the ad files named or found (one level deep, sorted) in the given folders, and empty folders."""
    files: list[str] = []
    failures: list[RankFailure] = []
    for given in inputs:
        path = Path(given)
        if not path.is_dir():
            files.append(given)
            continue
        found = sorted(
            str(path / entry.name)
            for entry in path.iterdir()
            if entry.is_file()
            and not entry.name.startswith(".")
            and entry.suffix.lower() in AD_SUFFIXES
            and entry.stem.lower() not in NOT_ADS
        )
        if not found:
            failures.append(
                RankFailure(given, f"{given}: no job ad files ({', '.join(sorted(AD_SUFFIXES))}) in this folder")
            )
        files += found
    return list(dict.fromkeys(files)), failures


def rank_jobs(
    kit: Toolkit,
    resume: Document,
    inputs: Sequence[str],
    *,
    limits: Limits | None = None,
    today: dt.date | None = None,
) -> Ranking:
    """Return the ads ranked for the resume: best score first, ties by path; unreadable ads as failures."""
    files, failures = job_files(inputs)
    ranking = Ranking(resume=resume.source, failures=failures)
    for path in files:
        try:
            job, _ = load_job(kit, job_path=path, limits=limits)
        except GapcheckError as error:
            ranking.failures.append(RankFailure(path, str(error)))
            continue
        analysis = analyze_document(kit, resume, job, today=today)
        missing = [gap.name for gap in analysis.missing if gap.importance in ("must", "required")]
        fit = to_jsonable(analysis.fit)
        ranking.jobs.append(RankedJob(path, job.title, analysis.score, missing, fit))
    ranking.jobs.sort(key=lambda entry: (-entry.score, entry.job))
    return ranking


def ranking_json(ranking: Ranking) -> list[dict[str, Any]]:
    """Return the ranking as the documented JSON: a list of ads, best first."""
    return [to_jsonable(entry) for entry in ranking.jobs]


def render_rank_text(ranking: Ranking) -> str:
    """Return the ranking as a terminal listing: rank, score, title, path, missing required skills, fit."""
    count = len(ranking.jobs)
    lines = [f"gapcheck: {ranking.resume} against {count} job ad{'s' if count != 1 else ''}, best fit first", ""]
    for number, entry in enumerate(ranking.jobs, start=1):
        lines.append(f"{number:>3}. {entry.score:5.1f}  {entry.title or '(untitled)'}  [{entry.job}]")
        if entry.missing_required:
            lines.append(f"       missing required: {', '.join(entry.missing_required)}")
        verdicts = ", ".join(f"{key} {check['verdict']}" for key, check in entry.fit.items())
        if verdicts:
            lines.append(f"       fit: {verdicts}")
    for failure in ranking.failures:
        lines.append(f"skipped: {failure.error}")
    return "\n".join(lines) + "\n"


def render_rank_html(ranking: Ranking, *, version: str = "") -> str:
    """Return the ranking as one self-contained HTML page (inline CSS, no script)."""
    from gapcheck.render import template_environment

    template = template_environment().get_template("rank.html")
    data = {
        "resume": ranking.resume,
        "jobs": ranking_json(ranking),
        "failures": [to_jsonable(f) for f in ranking.failures],
        "version": version,
    }
    return template.render(r=data)
