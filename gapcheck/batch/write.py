"""The cohort files a batch writes beside the reports: cohort.jsonl, cohort.csv and the index.html summary."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from gapcheck import __version__
from gapcheck.batch.cohort import (
    LEVELS,
    CohortHeader,
    CohortJob,
    CohortSummary,
    Failure,
    Progress,
    Student,
    heat_level,
)
from gapcheck.report import template_environment
from gapcheck.serialize import json_line

TOP_GAPS = 3
# The gaps the cohort page shows in full; the rest fold away under a summary line.
TEACH_ROWS = 10
CSV_COLUMNS = (
    "file",
    "status",
    "score",
    "matched",
    "quick_wins",
    "missing",
    "missing_required",
    "top_gaps",
    "score_change",
    "gaps_closed",
    "new_gaps",
    "report",
    "reason",
)


@dataclass(frozen=True)
class CohortRun:
    """What one batch run produced, as the cohort files show it."""

    job: CohortJob
    summary: CohortSummary
    students: Sequence[Student]
    failures: Sequence[Failure]
    skipped: Sequence[str]
    redacted: bool


@dataclass(frozen=True)
class HeatCell:
    """One student's coverage of one area, as the heatmap shows it."""

    percent: float
    met: int
    total: int
    level: int


@dataclass(frozen=True)
class StudentRow:
    """One student's row of the cohort page."""

    file: str
    report: str
    score: float
    matched: int
    missing: int
    top_gaps: tuple[str, ...]
    progress: Progress | None
    cells: tuple[HeatCell | None, ...]


def cohort_lines(run: CohortRun, student_lines: Iterable[str]) -> Iterator[str]:
    """Yield cohort.jsonl line by line: the cohort record, every student's line (`student_lines`, in the order of
    `run.students`, each as the worker wrote it with `json_line`), then the failures."""
    yield json_line(CohortHeader(__version__, run.job, run.redacted, run.summary, tuple(run.skipped)))
    yield from student_lines
    for failure in run.failures:
        yield json_line(failure)


def cohort_csv(students: Sequence[Student], failures: Sequence[Failure]) -> str:
    """Return cohort.csv: one row per student, failed files included with their reason."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    rows = [_student_row(student) for student in students] + [_failure_row(failure) for failure in failures]
    for row in sorted(rows, key=lambda r: r["file"]):
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return buffer.getvalue()


def _student_row(student: Student) -> dict[str, Any]:
    digest = student.digest
    progress = student.progress
    return {
        "file": student.file,
        "status": "ok",
        "score": digest.score,
        "matched": digest.matched,
        "quick_wins": digest.quick_wins,
        "missing": len(digest.missing),
        "missing_required": sum(1 for gap in digest.missing if gap.importance in ("must", "required")),
        "top_gaps": "; ".join(gap.name for gap in digest.missing[:TOP_GAPS]),
        "score_change": progress.score_change if progress else "",
        "gaps_closed": len(progress.closed) if progress else "",
        "new_gaps": len(progress.new) if progress else "",
        "report": student.report,
        "reason": "",
    }


def _failure_row(failure: Failure) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(CSV_COLUMNS, "")
    return {**row, "file": failure.file, "status": "failed", "reason": failure.reason}


def _cell(value: Any) -> Any:
    # A text cell starting with = + - @ is run as a formula by spreadsheets: quote it (OWASP's advice).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def render_index(run: CohortRun) -> str:
    """Return index.html: the cohort page with scores, the heatmap, the gaps to teach next and the failures."""
    areas = run.summary.areas
    rows = []
    for student in run.students:
        digest = student.digest
        by_area = {area.id: area for area in digest.areas}
        cells = tuple(
            HeatCell(found.percent, found.met, found.total, heat_level(found.percent)) if found else None
            for found in (by_area.get(area.id) for area in areas)
        )
        rows.append(
            StudentRow(
                student.file,
                student.report,
                digest.score,
                digest.matched,
                len(digest.missing),
                tuple(gap.name for gap in digest.missing[:TOP_GAPS]),
                student.progress,
                cells,
            )
        )
    dates = sorted({student.digest.date for student in run.students})
    template = template_environment().get_template("cohort.html")
    return template.render(
        job=run.job,
        summary=run.summary,
        areas=areas,
        rows=rows,
        failures=run.failures,
        skipped=run.skipped,
        redacted=run.redacted,
        dates=dates,
        legend=_legend(),
        teach_rows=TEACH_ROWS,
        version=__version__,
    )


def _legend() -> list[tuple[int, str]]:
    step = 100 // LEVELS
    return [
        (level, f"{level * step} to {100 if level == LEVELS - 1 else (level + 1) * step - 1}%")
        for level in range(LEVELS)
    ]
