"""What a whole cohort lacks: scores, coverage per skill area, the gaps most students share, and progress
since an earlier run. Everything here is plain data computed from the students' analysis JSON."""

from __future__ import annotations

import json
import statistics
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from gapcheck.batch.inputs import Earlier
from gapcheck.errors import InputError

COHORT_JSON = "cohort.json"
# Heatmap shades: coverage 0-19 %, 20-39 %, ... 80-100 %.
LEVELS = 5


def load_earlier(folder: Path) -> tuple[dict[str, Earlier], dict[str, Any]]:
    """Return each student's earlier score and gaps, by name, and the earlier job, from a batch's cohort.json."""
    path = Path(folder) / COHORT_JSON
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        students = {
            student["file"]: Earlier(
                float(student["analysis"]["score"]),
                {gap["id"]: gap["name"] for gap in student["analysis"]["missing"]},
            )
            for student in data["students"]
        }
        return students, dict(data.get("job", {}))
    except FileNotFoundError:
        raise InputError(f"{path}: not found; --since takes the output folder of an earlier `gapcheck batch`") from None
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise InputError(f"{path}: is not a cohort.json written by `gapcheck batch` ({error})") from None


def cohort_digest(analysis: dict[str, Any]) -> dict[str, Any]:
    """Return what the cohort files need of one student's analysis (JSON data): the score, the area coverage, the
    gaps, how many skills matched and are quick wins, and the date. A batch's parent keeps only this."""
    return {
        "score": analysis["score"],
        "areas": analysis["areas"],
        "missing": analysis["missing"],
        "matched": len(analysis["matched"]),
        "quick_wins": len(analysis["quick_wins"]),
        "date": analysis["method"]["date"],
    }


def student_progress(earlier: Earlier, analysis: dict[str, Any]) -> dict[str, Any]:
    """Return one student's change since the earlier run: score, gaps closed and gaps new."""
    now = {gap["id"]: gap["name"] for gap in analysis["missing"]}
    return {
        "earlier_score": earlier.score,
        "score_change": round(analysis["score"] - earlier.score, 1),
        "closed": [{"id": i, "name": earlier.gaps[i]} for i in sorted(earlier.gaps) if i not in now],
        "new": [{"id": i, "name": now[i]} for i in sorted(now) if i not in earlier.gaps],
    }


def summarize(
    students: Sequence[dict[str, Any]],
    failures: Sequence[dict[str, Any]],
    earlier: dict[str, Earlier] | None = None,
    earlier_job: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Return the cohort summary: score statistics, coverage per area, shared gaps ranked, progress if asked."""
    analyses = [student["digest"] for student in students]
    scores = [analysis["score"] for analysis in analyses]
    summary: dict[str, Any] = {
        "students": len(students),
        "failed": len(failures),
        "mean_score": round(statistics.fmean(scores), 1) if scores else None,
        "median_score": round(statistics.median(scores), 1) if scores else None,
        "min_score": min(scores) if scores else None,
        "max_score": max(scores) if scores else None,
        "areas": area_means(analyses),
        "gaps": shared_gaps(analyses),
        "progress": None,
    }
    if earlier is not None:
        summary["progress"] = cohort_progress(students, failures, earlier, earlier_job or {})
    return summary


def area_means(analyses: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return each skill area the job weighs, in the analyses' (or digests') order, with the cohort's mean
    coverage."""
    areas: dict[str, dict[str, Any]] = {}
    for analysis in analyses:
        for area in analysis["areas"]:
            entry = areas.setdefault(area["id"], {"id": area["id"], "name": area["name"], "percents": []})
            entry["percents"].append(area["percent"])
    return [
        {
            "id": entry["id"],
            "name": entry["name"],
            "mean_percent": round(statistics.fmean(entry["percents"]), 1),
            "students_below_half": sum(1 for p in entry["percents"] if p < 50),
        }
        for entry in areas.values()
    ]


def shared_gaps(analyses: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the gaps of the cohort, most worth teaching first: by how many students lack each, times its
    mean priority (how much it matters to the job), then by the number of students, then by name."""
    gaps: dict[str, dict[str, Any]] = {}
    for analysis in analyses:
        area_names = {area["id"]: area["name"] for area in analysis["areas"]}
        for gap in analysis["missing"]:
            entry = gaps.setdefault(
                gap["id"],
                {
                    "id": gap["id"],
                    "name": gap["name"],
                    "area": gap["area"],
                    "area_name": area_names.get(gap["area"], gap["area"]),
                    "importance": gap["importance"],
                    "learn": gap["next_steps"].get("learn", ""),
                    "students": 0,
                    "missing": 0,
                    "priority_sum": 0.0,
                },
            )
            entry["students"] += 1
            entry["missing"] += gap["status"] == "missing"
            entry["priority_sum"] += gap["priority"]
    total = len(analyses)
    ranked = sorted(gaps.values(), key=lambda g: (-round(g["priority_sum"], 6), -g["students"], g["name"], g["id"]))
    result = []
    for rank, entry in enumerate(ranked, start=1):
        priority_sum = entry.pop("priority_sum")
        result.append(
            {
                "rank": rank,
                **entry,
                "partial": entry["students"] - entry["missing"],
                "share": round(100 * entry["students"] / total, 1),
                "mean_priority": round(priority_sum / entry["students"], 2),
                "teach_value": round(priority_sum, 2),
            }
        )
    return result


def cohort_progress(
    students: Sequence[dict[str, Any]],
    failures: Sequence[dict[str, Any]],
    earlier: dict[str, Earlier],
    earlier_job: dict[str, Any],
) -> dict[str, Any]:
    """Return the cohort's change since the earlier run, over the students present in both."""
    compared = [student for student in students if student["progress"] is not None]
    changes = [student["progress"]["score_change"] for student in compared]
    closed: dict[str, dict[str, Any]] = {}
    for student in compared:
        for gap in student["progress"]["closed"]:
            closed.setdefault(gap["id"], {"id": gap["id"], "name": gap["name"], "students": 0})["students"] += 1
    present = {student["file"] for student in students} | {failure["file"] for failure in failures}
    return {
        "compared": len(compared),
        "mean_score_change": round(statistics.fmean(changes), 1) if changes else None,
        "gaps_closed": sum(len(student["progress"]["closed"]) for student in compared),
        "new_gaps": sum(len(student["progress"]["new"]) for student in compared),
        "closed_by_skill": sorted(closed.values(), key=lambda g: (-g["students"], g["name"], g["id"])),
        "new_students": [student["file"] for student in students if student["progress"] is None],
        "missing_students": sorted(name for name in earlier if name not in present),
        "earlier_job": earlier_job.get("title", ""),
    }


def heat_level(percent: float) -> int:
    """Return the heatmap shade (0 to LEVELS - 1) for a coverage percentage."""
    return max(0, min(LEVELS - 1, int(percent // (100 / LEVELS))))
