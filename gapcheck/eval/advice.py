"""Measures the advice against a career coach's judgement: the advice development set in `tests/advice/`.

Each case is a resume and a target (a role profile or a job ad) with the score band a coach would give, the
gaps a coach would name first, the gaps that would be absurd near the top, and the fit verdicts; each rank order
names the ad a coach would put first for a resume. The figures: the share of scores inside their band, the
share of coach gaps found in the top 5, the number of absurd gaps in a top 5, the share of fit verdicts right,
the share of rank orders right.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gapcheck.ingest import read_document
from gapcheck.model import Analysis, Gap, Job
from gapcheck.pipeline import Toolkit, analyze_document, job_from_role_name, load_job, toolkit

CASES_FILE = "cases.toml"
TOP = 5
# The day the set was annotated: the fit checks count years up to it, so the figures do not drift with time.
TODAY = dt.date(2026, 12, 1)


def default_folder(repository: Path | None = None) -> Path:
    """tests/advice of the repository (the tests folder holds the paths the cases name)."""
    root = repository or Path(__file__).resolve().parents[2]
    return root / "tests" / "advice"


def held_out_folder(repository: Path | None = None) -> Path:
    """tests/advice-heldout: pairs a coach annotated after reading reports, kept apart so that the development
    set's figures, which rules were tuned on, are never the only ones quoted."""
    return default_folder(repository).with_name("advice-heldout")


@dataclass
class CaseResult:
    """One resume x target pair as gapcheck judged it, beside the coach's annotation."""

    resume: str
    target: str
    score: float
    band: tuple[float, float]
    top: list[str]
    coach_gaps: list[str]
    coach_found: list[str]
    absurd_found: list[str]
    fit_right: dict[str, bool] = field(default_factory=dict)
    fit_seen: dict[str, str] = field(default_factory=dict)

    @property
    def in_band(self) -> bool:
        return self.band[0] <= self.score <= self.band[1]


@dataclass
class RankResult:
    resume: str
    first: str
    ranked_first: str

    @property
    def right(self) -> bool:
        return self.first == self.ranked_first


@dataclass
class AdviceReport:
    """The figures of the advice set and the pairs behind them."""

    cases: list[CaseResult]
    ranks: list[RankResult]

    @property
    def in_band(self) -> float:
        return sum(c.in_band for c in self.cases) / len(self.cases) if self.cases else 1.0

    @property
    def coach_gaps_in_top(self) -> float:
        wanted = sum(len(c.coach_gaps) for c in self.cases)
        return sum(len(c.coach_found) for c in self.cases) / wanted if wanted else 1.0

    @property
    def absurd_in_top(self) -> int:
        return sum(len(c.absurd_found) for c in self.cases)

    @property
    def fit_right(self) -> float:
        checks = [right for c in self.cases for right in c.fit_right.values()]
        return sum(checks) / len(checks) if checks else 1.0

    @property
    def ranks_right(self) -> float:
        return sum(r.right for r in self.ranks) / len(self.ranks) if self.ranks else 1.0

    def figures(self) -> dict[str, float]:
        return {
            "pairs": len(self.cases),
            "scores_in_band": round(self.in_band, 4),
            "coach_gaps_in_top5": round(self.coach_gaps_in_top, 4),
            "absurd_gaps_in_top5": self.absurd_in_top,
            "fit_verdicts_right": round(self.fit_right, 4),
            "rank_orders_right": round(self.ranks_right, 4),
        }


def _names(gap: Gap) -> set[str]:
    return {gap.id, *gap.members}


def _target_job(kit: Toolkit, tests: Path, target: str) -> Job:
    if target.startswith("role:"):
        return job_from_role_name(kit, target.removeprefix("role:"))
    job, _ = load_job(kit, job_path=str(tests / target))
    return job


def judge(analysis: Analysis, case: dict[str, Any]) -> CaseResult:
    """Compare one analysis with the coach's annotation of its pair."""
    top = analysis.missing[:TOP]
    named = set().union(*(_names(g) for g in top)) if top else set()
    coach = list(case.get("coach_gaps", []))
    fit_right, fit_seen = {}, {}
    for check, verdict in case.get("fit", {}).items():
        seen = getattr(analysis.fit.get(check), "verdict", "unknown")
        fit_seen[check] = seen
        fit_right[check] = seen == verdict
    return CaseResult(
        resume=case["resume"],
        target=case["target"],
        score=analysis.score,
        band=(float(case["band"][0]), float(case["band"][1])),
        top=[g.name for g in top],
        coach_gaps=coach,
        coach_found=[g for g in coach if g in named],
        absurd_found=[g for g in case.get("absurd", []) if g in named],
        fit_right=fit_right,
        fit_seen=fit_seen,
    )


def evaluate(folder: Path | None = None, taxonomy_files: tuple[str, ...] = ()) -> AdviceReport:
    """Run every case and rank order of the advice set in `folder` (tests/advice) and judge them."""
    from gapcheck.rank import rank_jobs

    folder = folder or default_folder()
    tests = folder.parent
    data = tomllib.loads((folder / CASES_FILE).read_text(encoding="utf-8"))
    kit = toolkit(taxonomy_files)
    resumes: dict[str, Any] = {}

    def resume(path: str) -> Any:
        if path not in resumes:
            resumes[path] = read_document(str(tests / path), kind="resume")
        return resumes[path]

    cases = []
    for case in data.get("case", []):
        job = _target_job(kit, tests, case["target"])
        cases.append(judge(analyze_document(kit, resume(case["resume"]), job, today=TODAY), case))
    ranks = []
    for order in data.get("rank", []):
        ranking = rank_jobs(kit, resume(order["resume"]), [str(tests / ad) for ad in order["ads"]], today=TODAY)
        best = Path(ranking.jobs[0].job).relative_to(tests).as_posix() if ranking.jobs else ""
        ranks.append(RankResult(order["resume"], order["first"], best))
    return AdviceReport(cases, ranks)


def format_advice(report: AdviceReport, *, all_pairs: bool = False, title: str = "advice") -> str:
    """The figures as text, then each pair that misses its band, a coach gap or holds an absurd gap."""
    figures = report.figures()
    ranks = f"   rank orders right {report.ranks_right:.1%}" if report.ranks else ""
    lines = [
        f"== {title} ({figures['pairs']} pairs, {len(report.ranks)} rank orders)",
        f"   scores in band {report.in_band:.1%}   coach gaps in top {TOP} {report.coach_gaps_in_top:.2f}"
        f"   absurd gaps in top {TOP} {report.absurd_in_top}   fit verdicts right {report.fit_right:.1%}{ranks}",
    ]
    for case in report.cases:
        wrong_fit = {k: v for k, v in case.fit_seen.items() if not case.fit_right[k]}
        missed = [g for g in case.coach_gaps if g not in case.coach_found]
        if not all_pairs and case.in_band and not case.absurd_found and not missed and not wrong_fit:
            continue
        mark = "ok " if case.in_band else "OUT"
        lines.append(
            f"   {mark} {case.score:5.1f} in {case.band[0]:g}-{case.band[1]:g}  {Path(case.resume).stem}"
            f" x {case.target}"
        )
        lines.append(f"         top {TOP}: {', '.join(case.top) or '-'}")
        if missed:
            lines.append(f"         coach gaps not in top {TOP}: {', '.join(missed)}")
        if case.absurd_found:
            lines.append(f"         ABSURD in top {TOP}: {', '.join(case.absurd_found)}")
        if wrong_fit:
            lines.append("         fit wrong: " + ", ".join(f"{k} {v}" for k, v in wrong_fit.items()))
    for rank in report.ranks:
        if not rank.right:
            lines.append(f"   rank: {Path(rank.resume).stem} first {rank.ranked_first}, coach: {rank.first}")
    return "\n".join(lines)
