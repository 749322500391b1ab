"""What a whole cohort lacks: scores, coverage per skill area, the gaps most students share, and progress
since an earlier run; and cohort.jsonl, the data file a batch writes and `--since` / `--force` read back.

cohort.jsonl is JSON Lines: the first line is the cohort (`CohortHeader`: version, job, summary, skipped
notes), then one line per student (`StudentRecord`, with the full analysis) in name order, then one line per
failed file (`Failure`). Each line is one JSON object with a "record" key saying which; a reader takes one
line at a time, so a cohort of any size is never in memory at once.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from gapcheck.batch.inputs import Earlier
from gapcheck.errors import InputError
from gapcheck.model import Analysis, AreaCoverage

COHORT_JSONL = "cohort.jsonl"
# What batches before JSON Lines wrote: recognised as a batch's output, never read.
OLD_COHORT_JSON = "cohort.json"
# Heatmap shades: coverage 0-19 %, 20-39 %, ... 80-100 %.
LEVELS = 5


@dataclass(frozen=True)
class CohortJob:
    """The job a batch compared every resume with."""

    title: str
    source: str
    kind: str


@dataclass(frozen=True)
class GapName:
    id: str
    name: str


@dataclass(frozen=True)
class Progress:
    """One student's change since the earlier run: score, gaps closed and gaps new."""

    earlier_score: float
    score_change: float
    closed: tuple[GapName, ...]
    new: tuple[GapName, ...]


@dataclass(frozen=True)
class GapBrief:
    """What the cohort pages need of one gap: a fraction of a `Gap`, which carries every next step in full."""

    id: str
    name: str
    area: str
    importance: str
    status: str
    priority: float
    learn: str


@dataclass(frozen=True)
class Digest:
    """What the cohort files need of one student's analysis; a batch's parent keeps only this, not the analysis."""

    score: float
    areas: tuple[AreaCoverage, ...]
    missing: tuple[GapBrief, ...]
    matched: int
    quick_wins: int
    date: str


@dataclass(frozen=True)
class Student:
    """A student whose resume was analysed: names, report, score and progress, and the digest for the pages."""

    file: str
    source: str
    report: str
    score: float
    progress: Progress | None
    digest: Digest


@dataclass(frozen=True)
class Failure:
    """A file that could not be analysed, and why: also its line of cohort.jsonl."""

    file: str
    source: str
    reason: str
    record: Literal["failure"] = "failure"


@dataclass(frozen=True)
class AreaMean:
    """A skill area the job weighs, with the cohort's mean coverage."""

    id: str
    name: str
    mean_percent: float
    students_below_half: int

    @property
    def level(self) -> int:
        return heat_level(self.mean_percent)


@dataclass(frozen=True)
class SharedGap:
    """A gap of the cohort, ranked by what teaching it is worth."""

    rank: int
    id: str
    name: str
    area: str
    area_name: str
    importance: str
    learn: str
    students: int
    missing: int
    partial: int
    share: float
    mean_priority: float
    teach_value: float


@dataclass(frozen=True)
class ClosedSkill:
    id: str
    name: str
    students: int


@dataclass(frozen=True)
class CohortProgress:
    """The cohort's change since the earlier run, over the students present in both."""

    compared: int
    mean_score_change: float | None
    gaps_closed: int
    new_gaps: int
    closed_by_skill: tuple[ClosedSkill, ...]
    new_students: tuple[str, ...]
    missing_students: tuple[str, ...]
    earlier_job: str


@dataclass(frozen=True)
class CohortSummary:
    """Score statistics, coverage per area, shared gaps ranked, and progress if asked."""

    students: int
    failed: int
    mean_score: float | None
    median_score: float | None
    min_score: float | None
    max_score: float | None
    areas: tuple[AreaMean, ...]
    gaps: tuple[SharedGap, ...]
    progress: CohortProgress | None


@dataclass(frozen=True)
class CohortHeader:
    """The first line of cohort.jsonl."""

    gapcheck_version: str
    job: CohortJob
    redacted: bool
    summary: CohortSummary
    skipped: tuple[str, ...]
    record: Literal["cohort"] = "cohort"


@dataclass(frozen=True)
class StudentRecord:
    """A student's line of cohort.jsonl: who, the report, the score, the progress and the full analysis."""

    file: str
    source: str
    report: str
    score: float
    progress: Progress | None
    analysis: Analysis | dict[str, Any]
    record: Literal["student"] = "student"


def read_records(path: Path) -> Iterator[dict[str, Any]]:
    """Yield the records of a cohort.jsonl, one line at a time; raise InputError for a file in another format."""
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            try:
                record = json.loads(line)
            except ValueError as error:
                raise InputError(f"{path}: line {number} is not JSON ({error})") from None
            if not isinstance(record, dict) or record.get("record") not in ("cohort", "student", "failure"):
                raise InputError(f"{path}: line {number} is not a record of `gapcheck batch`")
            if (number == 1) != (record["record"] == "cohort"):
                raise InputError(f"{path}: line {number}: the cohort record must come first, and once")
            yield record


def load_earlier(folder: Path) -> tuple[dict[str, Earlier], str]:
    """Return each student's earlier score and gaps, by name, and the earlier job's title, from a batch's
    cohort.jsonl."""
    path = Path(folder) / COHORT_JSONL
    students: dict[str, Earlier] = {}
    title = ""
    try:
        for record in read_records(path):
            if record["record"] == "cohort":
                title = str(record["job"]["title"])
            elif record["record"] == "student":
                gaps = {gap["id"]: gap["name"] for gap in record["analysis"]["missing"]}
                students[record["file"]] = Earlier(float(record["analysis"]["score"]), gaps)
    except FileNotFoundError:
        if (Path(folder) / OLD_COHORT_JSON).is_file():
            raise InputError(
                f"{path}: not found; {OLD_COHORT_JSON} beside it is from an older gapcheck: run that batch again"
            ) from None
        raise InputError(f"{path}: not found; --since takes the output folder of an earlier `gapcheck batch`") from None
    except (OSError, KeyError, TypeError) as error:
        raise InputError(f"{path}: is not a cohort.jsonl written by `gapcheck batch` ({error})") from None
    return students, title


def earlier_reports(path: Path) -> Iterator[str]:
    """Yield the report names of the students of a cohort.jsonl."""
    for record in read_records(path):
        if record["record"] == "student":
            yield str(record["report"])


def cohort_digest(analysis: Analysis) -> Digest:
    """Return the digest of one student's analysis (see `Digest`)."""
    return Digest(
        analysis.score,
        tuple(analysis.areas),
        tuple(
            GapBrief(g.id, g.name, g.area, g.importance, g.status, g.priority, g.next_steps.get("learn", ""))
            for g in analysis.missing
        ),
        len(analysis.matched),
        len(analysis.quick_wins),
        analysis.method.date,
    )


def student_progress(earlier: Earlier, analysis: Analysis) -> Progress:
    """Return one student's change since the earlier run: score, gaps closed and gaps new."""
    now = {gap.id: gap.name for gap in analysis.missing}
    return Progress(
        earlier.score,
        round(analysis.score - earlier.score, 1),
        tuple(GapName(i, earlier.gaps[i]) for i in sorted(earlier.gaps) if i not in now),
        tuple(GapName(i, now[i]) for i in sorted(now) if i not in earlier.gaps),
    )


def summarize(
    students: Sequence[Student],
    failures: Sequence[Failure],
    earlier: dict[str, Earlier] | None = None,
    earlier_job: str = "",
) -> CohortSummary:
    """Return the cohort summary: score statistics, coverage per area, shared gaps ranked, progress if asked."""
    digests = [student.digest for student in students]
    scores = [digest.score for digest in digests]
    return CohortSummary(
        students=len(students),
        failed=len(failures),
        mean_score=round(statistics.fmean(scores), 1) if scores else None,
        median_score=round(statistics.median(scores), 1) if scores else None,
        min_score=min(scores) if scores else None,
        max_score=max(scores) if scores else None,
        areas=area_means(digests),
        gaps=shared_gaps(digests),
        progress=cohort_progress(students, failures, earlier, earlier_job) if earlier is not None else None,
    )


def area_means(digests: Sequence[Digest]) -> tuple[AreaMean, ...]:
    """Return each skill area the job weighs, in the digests' order, with the cohort's mean coverage."""
    areas: dict[str, tuple[str, list[float]]] = {}
    for digest in digests:
        for area in digest.areas:
            areas.setdefault(area.id, (area.name, []))[1].append(area.percent)
    return tuple(
        AreaMean(area_id, name, round(statistics.fmean(percents), 1), sum(1 for p in percents if p < 50))
        for area_id, (name, percents) in areas.items()
    )


def shared_gaps(digests: Sequence[Digest]) -> tuple[SharedGap, ...]:
    """Return the gaps of the cohort, most worth teaching first: by how many students lack each, times its
    mean priority (how much it matters to the job), then by the number of students, then by name."""
    first: dict[str, tuple[GapBrief, str]] = {}
    students: dict[str, int] = {}
    missing: dict[str, int] = {}
    priority_sum: dict[str, float] = {}
    for digest in digests:
        area_names = {area.id: area.name for area in digest.areas}
        for gap in digest.missing:
            first.setdefault(gap.id, (gap, area_names.get(gap.area, gap.area)))
            students[gap.id] = students.get(gap.id, 0) + 1
            missing[gap.id] = missing.get(gap.id, 0) + (gap.status == "missing")
            priority_sum[gap.id] = priority_sum.get(gap.id, 0.0) + gap.priority
    total = len(digests)
    ranked = sorted(first, key=lambda i: (-round(priority_sum[i], 6), -students[i], first[i][0].name, i))
    return tuple(
        SharedGap(
            rank=rank,
            id=gap.id,
            name=gap.name,
            area=gap.area,
            area_name=area_name,
            importance=gap.importance,
            learn=gap.learn,
            students=students[gap_id],
            missing=missing[gap_id],
            partial=students[gap_id] - missing[gap_id],
            share=round(100 * students[gap_id] / total, 1),
            mean_priority=round(priority_sum[gap_id] / students[gap_id], 2),
            teach_value=round(priority_sum[gap_id], 2),
        )
        for rank, gap_id in enumerate(ranked, start=1)
        for gap, area_name in (first[gap_id],)
    )


def cohort_progress(
    students: Sequence[Student],
    failures: Sequence[Failure],
    earlier: dict[str, Earlier],
    earlier_job: str,
) -> CohortProgress:
    """Return the cohort's change since the earlier run, over the students present in both."""
    compared = [(student, student.progress) for student in students if student.progress is not None]
    changes = [progress.score_change for _, progress in compared]
    closed: dict[str, tuple[str, int]] = {}
    for _, progress in compared:
        for gap in progress.closed:
            closed[gap.id] = (gap.name, closed.get(gap.id, (gap.name, 0))[1] + 1)
    present = {student.file for student in students} | {failure.file for failure in failures}
    return CohortProgress(
        compared=len(compared),
        mean_score_change=round(statistics.fmean(changes), 1) if changes else None,
        gaps_closed=sum(len(progress.closed) for _, progress in compared),
        new_gaps=sum(len(progress.new) for _, progress in compared),
        closed_by_skill=tuple(
            sorted(
                (ClosedSkill(gap_id, name, count) for gap_id, (name, count) in closed.items()),
                key=lambda g: (-g.students, g.name, g.id),
            )
        ),
        new_students=tuple(student.file for student in students if student.progress is None),
        missing_students=tuple(sorted(name for name in earlier if name not in present)),
        earlier_job=earlier_job,
    )


def heat_level(percent: float) -> int:
    """Return the heatmap shade (0 to LEVELS - 1) for a coverage percentage."""
    return max(0, min(LEVELS - 1, int(percent // (100 / LEVELS))))
