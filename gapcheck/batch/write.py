"""The cohort files a batch writes beside the reports: cohort.json, cohort.csv and the index.html summary."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from gapcheck import __version__
from gapcheck.batch.cohort import LEVELS, heat_level
from gapcheck.report import template_environment

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


# Where a student's analysis goes in the outline of cohort.json; a string no JSON text of ours can hold, as
# json.dumps writes the NUL character as an escape.
_ANALYSIS_MARK = "\x00analysis\x00"
# A student's "report" key as `cohort_json` lays it out: a key of an item of the "students" list, indented 2 a
# level. The analyses inside are indented deeper, so their keys never look like it.
_STUDENT_REPORT = re.compile(r'^ {6}"report": "([^"\\]*)",?\n?$')


@dataclass(frozen=True)
class CohortRun:
    """What one batch run produced, as the cohort files show it."""

    job: dict[str, Any]
    summary: dict[str, Any]
    students: Sequence[dict[str, Any]]
    failures: Sequence[dict[str, Any]]
    skipped: Sequence[str]
    redacted: bool


def cohort_json(run: CohortRun, analysis_json: Callable[[dict[str, Any]], str]) -> Iterator[str]:
    """Yield cohort.json in pieces: the summary, every student's full analysis, the failures and the skipped
    notes. A student's analysis is `analysis_json(student)`, its JSON text as `Outcome.for_cohort` makes it, so
    that the analyses of a whole cohort (100 MB for 500) never have to be in memory at once."""
    data = {
        "gapcheck_version": __version__,
        "job": run.job,
        "redacted": run.redacted,
        "summary": run.summary,
        "students": [
            {
                "file": student["file"],
                "source": student["source"],
                "report": student["report"],
                "score": student["score"],
                "progress": student["progress"],
                "analysis": _ANALYSIS_MARK,
            }
            for student in run.students
        ],
        "failures": list(run.failures),
        "skipped": list(run.skipped),
    }
    outline = json.dumps(data, indent=2, ensure_ascii=False).split(json.dumps(_ANALYSIS_MARK))
    yield outline[0]
    for student, rest in zip(run.students, outline[1:], strict=True):
        yield analysis_json(student)
        yield rest
    yield "\n"


def student_reports(lines: Iterable[str]) -> Iterator[str]:
    """Yield the students' report names from the lines of a cohort.json that `cohort_json` wrote: read line by
    line, as the file holds every analysis of a cohort (a hundred megabytes for 500 resumes)."""
    for line in lines:
        match = _STUDENT_REPORT.match(line)
        if match:
            yield match.group(1)


def cohort_csv(students: Sequence[dict[str, Any]], failures: Sequence[dict[str, Any]]) -> str:
    """Return cohort.csv: one row per student, failed files included with their reason."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    rows = [_student_row(student) for student in students] + [_failure_row(failure) for failure in failures]
    for row in sorted(rows, key=lambda r: r["file"]):
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return buffer.getvalue()


def _student_row(student: dict[str, Any]) -> dict[str, Any]:
    analysis = student["digest"]
    progress = student["progress"] or {}
    return {
        "file": student["file"],
        "status": "ok",
        "score": analysis["score"],
        "matched": analysis["matched"],
        "quick_wins": analysis["quick_wins"],
        "missing": len(analysis["missing"]),
        "missing_required": sum(1 for gap in analysis["missing"] if gap["importance"] in ("must", "required")),
        "top_gaps": "; ".join(gap["name"] for gap in analysis["missing"][:TOP_GAPS]),
        "score_change": progress.get("score_change", ""),
        "gaps_closed": len(progress["closed"]) if progress else "",
        "new_gaps": len(progress["new"]) if progress else "",
        "report": student["report"],
        "reason": "",
    }


def _failure_row(failure: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(CSV_COLUMNS, "")
    return {**row, "file": failure["file"], "status": "failed", "reason": failure["reason"]}


def _cell(value: Any) -> Any:
    # A text cell starting with = + - @ is run as a formula by spreadsheets: quote it (OWASP's advice).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def render_index(run: CohortRun) -> str:
    """Return index.html: the cohort page with scores, the heatmap, the gaps to teach next and the failures."""
    areas = run.summary["areas"]
    rows = []
    for student in run.students:
        analysis = student["digest"]
        by_area = {area["id"]: area for area in analysis["areas"]}
        cells = []
        for area in areas:
            found = by_area.get(area["id"])
            cells.append(
                {
                    "percent": found["percent"],
                    "met": found["met"],
                    "total": found["total"],
                    "level": heat_level(found["percent"]),
                }
                if found
                else None
            )
        rows.append(
            {
                "file": student["file"],
                "report": student["report"],
                "score": analysis["score"],
                "matched": analysis["matched"],
                "missing": len(analysis["missing"]),
                "top_gaps": [gap["name"] for gap in analysis["missing"][:TOP_GAPS]],
                "progress": student["progress"],
                "cells": cells,
            }
        )
    dates = sorted({student["digest"]["date"] for student in run.students})
    template = template_environment().get_template("cohort.html")
    return template.render(
        job=run.job,
        summary=run.summary,
        areas=[{**area, "level": heat_level(area["mean_percent"])} for area in areas],
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
