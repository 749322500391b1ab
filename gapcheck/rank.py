"""Ranks many saved job ads for one resume: each ad analysed as `analyze` would, best overall fit first.

A ranking is a loop over `analyze_document`, not a second implementation; an ad that cannot be read or holds
no skill is reported as a failure and left out of the ranking. The overall fit weighs the skill score beside
the title and experience fit verdicts with the weights of `taxonomy/rank.toml`, and each ad says why it ranks
above the next one: the part of the fit that tells them apart most.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from gapcheck.errors import GapcheckError
from gapcheck.ingest import Limits
from gapcheck.model import Document, to_jsonable
from gapcheck.pipeline import Toolkit, analyze_document, load_job
from gapcheck.taxonomy import data_file

# The files of a folder that are read as ads; anything else in it (notes, reports) is left alone.
AD_SUFFIXES = frozenset((".txt", ".md", ".markdown", ".pdf", ".docx"))
# Files of a folder that describe it rather than hold an ad ("README.md", "SOURCE.md").
NOT_ADS = frozenset(("readme", "source", "sources", "license", "licence", "changelog", "notes", "index"))
# The parts of the overall fit, in the order they are shown; "skills" is the analysis's score.
FIT_PARTS = ("skills", "title", "experience")
_PART_NAMES = {"skills": "skills", "title": "job title", "experience": "years of experience"}


@dataclass
class RankedJob:
    """One ad in the ranking: its overall fit and the parts it is made of, the skill score, the required skills
    the resume lacks, the fit verdicts, and why it ranks above the next ad."""

    job: str
    title: str
    score: float
    missing_required: list[str]
    fit: dict[str, Any]
    overall: float = 0.0
    parts: dict[str, dict[str, Any]] = field(default_factory=dict)
    fits: bool = False
    above_next: str = ""


@dataclass
class RankFailure:
    job: str
    error: str


@dataclass
class Ranking:
    resume: str
    jobs: list[RankedJob] = field(default_factory=list)
    failures: list[RankFailure] = field(default_factory=list)
    candidate: str = ""
    none_fit: str = ""


@lru_cache(maxsize=1)
def rank_settings() -> dict[str, Any]:
    """The weights, verdict points and threshold of `taxonomy/rank.toml`."""
    return data_file("rank.toml")


def overall_fit(score: float, fit: dict[str, Any]) -> tuple[float, dict[str, dict[str, Any]]]:
    """Return the overall fit out of 100 and its parts (points out of 100, weight, contribution), from the skill
    score and the title and experience verdicts. An unknown verdict is left out: its weight goes to the rest."""
    settings = rank_settings()
    weights, points = settings["weights"], settings["verdict_points"]
    raw: dict[str, tuple[float, str]] = {"skills": (score, f"{score:g}/100")}
    for key in ("title", "experience"):
        verdict = fit.get(key, {}).get("verdict", "unknown")
        if verdict in points:
            raw[key] = (float(points[verdict]), verdict)
    total = sum(weights[key] for key in raw) or 1.0
    parts: dict[str, dict[str, Any]] = {}
    for key in FIT_PARTS:
        if key not in raw:
            parts[key] = {"points": None, "weight": 0.0, "contribution": 0.0, "shows": "unknown"}
            continue
        value, shows = raw[key]
        weight = weights[key] / total
        parts[key] = {"points": value, "weight": round(weight, 4), "contribution": round(weight * value, 2),
                      "shows": shows}  # fmt: skip
    return round(sum(part["contribution"] for part in parts.values()), 1), parts


def why_above(upper: RankedJob, lower: RankedJob) -> str:
    """One line on why `upper` ranks above `lower`: the part whose contribution differs most in its favour."""
    if upper.overall == lower.overall:
        return f"ties with {lower.title or lower.job} ({upper.overall:g}); ordered by file name"
    gains = {key: upper.parts[key]["contribution"] - lower.parts[key]["contribution"] for key in FIT_PARTS}
    key = max(gains, key=lambda k: gains[k])
    name = lower.title or Path(lower.job).name
    return (
        f"above {name} ({upper.overall:g} vs {lower.overall:g}) mostly for its {_PART_NAMES[key]}: "
        f"{upper.parts[key]['shows']} vs {lower.parts[key]['shows']}"
    )


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
    """Return the ads ranked for the resume: best overall fit first, ties by path; unreadable ads as failures."""
    files, failures = job_files(inputs)
    ranking = Ranking(resume=resume.source, failures=failures)
    threshold = rank_settings()["fits"]["min_overall"]
    for path in files:
        try:
            job, _ = load_job(kit, job_path=path, limits=limits)
        except GapcheckError as error:
            ranking.failures.append(RankFailure(path, str(error)))
            continue
        analysis = analyze_document(kit, resume, job, today=today)
        ranking.candidate = ranking.candidate or analysis.document.candidate
        missing = [gap.name for gap in analysis.missing if gap.importance in ("must", "required")]
        fit = to_jsonable(analysis.fit)
        overall, parts = overall_fit(analysis.score, fit)
        entry = RankedJob(path, job.title, analysis.score, missing, fit, overall, parts, overall >= threshold)
        ranking.jobs.append(entry)
    ranking.jobs.sort(key=lambda entry: (-entry.overall, entry.job))
    for upper, lower in zip(ranking.jobs, ranking.jobs[1:], strict=False):
        upper.above_next = why_above(upper, lower)
    if ranking.jobs and not any(entry.fits for entry in ranking.jobs):
        best = ranking.jobs[0]
        ranking.none_fit = (
            f"No ad fits well: the best overall fit is {best.overall:g}, below {threshold:g}. "
            "Look for roles closer to the resume's titles and skills, or read the gaps of the first ad."
        )
    return ranking


def ranking_json(ranking: Ranking) -> list[dict[str, Any]]:
    """Return the ranking as the documented JSON: a list of ads, best first."""
    return [to_jsonable(entry) for entry in ranking.jobs]


def _whose(ranking: Ranking) -> str:
    return f"{ranking.candidate} ({ranking.resume})" if ranking.candidate else ranking.resume


def render_rank_text(ranking: Ranking) -> str:
    """Return the ranking as a terminal listing: rank, overall fit and its parts, title, path, missing required
    skills, fit verdicts, and why each ad is above the next."""
    count = len(ranking.jobs)
    lines = [f"gapcheck: {_whose(ranking)} against {count} job ad{'s' if count != 1 else ''}, best fit first", ""]
    if ranking.none_fit:
        lines += [ranking.none_fit, ""]
    for number, entry in enumerate(ranking.jobs, start=1):
        lines.append(f"{number:>3}. {entry.overall:5.1f}  {entry.title or '(untitled)'}  [{entry.job}]")
        lines.append(
            "       from: " + ", ".join(f"{_PART_NAMES[key]} {entry.parts[key]['shows']}" for key in FIT_PARTS)
        )
        if entry.missing_required:
            lines.append(f"       missing required: {', '.join(entry.missing_required)}")
        verdicts = ", ".join(f"{key} {check['verdict']}" for key, check in entry.fit.items())
        if verdicts:
            lines.append(f"       fit: {verdicts}")
        if entry.above_next:
            lines.append(f"       why: {entry.above_next}")
    for failure in ranking.failures:
        lines.append(f"skipped: {failure.error}")
    return "\n".join(lines) + "\n"


def render_rank_html(ranking: Ranking, *, version: str = "") -> str:
    """Return the ranking as one self-contained HTML page (inline CSS, no script)."""
    from gapcheck.report import template_environment

    template = template_environment().get_template("rank.html")
    data = {
        "resume": ranking.resume,
        "candidate": ranking.candidate,
        "none_fit": ranking.none_fit,
        "parts": [(key, _PART_NAMES[key]) for key in FIT_PARTS],
        "jobs": ranking_json(ranking),
        "failures": [to_jsonable(f) for f in ranking.failures],
        "version": version,
    }
    return template.render(r=data)
