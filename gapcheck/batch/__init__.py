"""Batch reports for a cohort: every student's gap report, and one page on what the whole cohort lacks.

    inputs --find_resumes--> Resume[] --analyze_one (in worker processes)--> Outcome[] --> OUT_DIR/
        <student>.html (one per resume), index.html (the cohort), cohort.csv, cohort.jsonl

`plan_batch` checks the command line against the disk before any work, `run_batch` runs the per-resume
function over every input and writes the files (only this parent process writes). The same inputs give the
same files byte for byte: inputs are sorted, names are derived from input names, nothing records the time.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from gapcheck.batch.cohort import (
    COHORT_JSONL,
    OLD_COHORT_JSON,
    CohortJob,
    CohortSummary,
    Failure,
    Student,
    earlier_reports,
    load_earlier,
    summarize,
)
from gapcheck.batch.inputs import Earlier, Resume, find_resumes, report_names
from gapcheck.batch.work import BatchOptions, Engine, Outcome, analyze_all, analyze_one, default_workers
from gapcheck.batch.write import CohortRun, cohort_csv, cohort_lines, render_index
from gapcheck.errors import GapcheckError, UsageError
from gapcheck.model import Job
from gapcheck.output import write_atomic

__all__ = [
    "BatchOptions",
    "BatchPlan",
    "BatchResult",
    "Engine",
    "Outcome",
    "Resume",
    "analyze_one",
    "default_workers",
    "plan_batch",
    "run_batch",
]

INDEX_HTML = "index.html"
COHORT_CSV = "cohort.csv"
# The report names this module makes (see inputs.report_names): the only files --force may delete.
_REPORT_NAME = re.compile(r"[a-z0-9][a-z0-9-]*\.html")


@dataclass
class BatchPlan:
    """What a batch will read and write, checked before any work starts."""

    out_dir: Path
    resumes: list[Resume]
    skipped: list[str] = field(default_factory=list)
    stale_reports: list[str] = field(default_factory=list)
    since: bool = False
    earlier_job: str = ""
    earlier: dict[str, Earlier] = field(default_factory=dict)


@dataclass
class BatchResult:
    """What a batch wrote: the students analysed, the files that failed, the cohort summary."""

    out_dir: Path
    students: list[Student]
    failures: list[Failure]
    summary: CohortSummary

    @property
    def index(self) -> Path:
        return self.out_dir / INDEX_HTML


def plan_batch(
    inputs: Sequence[str], out_dir: str | Path, *, force: bool = False, since: str | Path | None = None
) -> BatchPlan:
    """Return the plan of a batch; raise UsageError for an output folder that holds reports without `force`."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: is a file; -o takes a folder")
    holds_reports = out.is_dir() and any(_is_batch_output(path) for path in out.iterdir())
    if holds_reports and not force:
        raise UsageError(f"{out}: already holds reports; add --force to replace them")
    excluded = [out, *([Path(since)] if since is not None else [])]
    found = find_resumes(inputs, exclude=excluded)
    if not found.files:
        raise UsageError("no resumes found in the inputs (gapcheck reads .pdf, .docx, .txt, .md and .json files)")
    earlier: dict[str, Earlier] = {}
    earlier_job = ""
    if since is not None:
        earlier, earlier_job = load_earlier(Path(since))
    names = report_names([name for _, name in found.files])
    resumes = [Resume(source, name, names[name], earlier.get(name)) for source, name in found.files]
    stale = _earlier_reports(out) - {resume.report for resume in resumes} if holds_reports else set()
    return BatchPlan(out, resumes, found.skipped, sorted(stale), since is not None, earlier_job, earlier)


def _inputs_in(folder: Path, inputs: Sequence[Path]) -> list[Path]:
    """Return the inputs that lie in `folder`: the only ones a file written there could overwrite, so the only
    ones each write must check (checking all of them for every report costs a cohort's size squared)."""
    inside = []
    target = folder.resolve()
    for path in inputs:
        try:
            if path.resolve().parent != target:
                continue
        except OSError:
            pass  # cannot tell: keep it checked
        inside.append(path)
    return inside


def _is_batch_output(path: Path) -> bool:
    return path.name in (INDEX_HTML, COHORT_JSONL, OLD_COHORT_JSON, COHORT_CSV) or path.suffix == ".html"


def _earlier_reports(out: Path) -> set[str]:
    """Return the report files an earlier batch wrote in `out`, by its cohort.jsonl (read a line at a time); none
    if there is none or it cannot be read: then no earlier report is deleted, which is the safe mistake."""
    try:
        return {name for name in earlier_reports(out / COHORT_JSONL) if _REPORT_NAME.fullmatch(name)}
    except (OSError, GapcheckError, KeyError):
        return set()


def run_batch(
    plan: BatchPlan,
    job: Job,
    options: BatchOptions,
    *,
    workers: int = 1,
    on_outcome: Callable[[Outcome], None] | None = None,
    engine: Engine | None = None,
) -> BatchResult:
    """Analyse every resume of the plan and write the reports and the cohort files; return what was written.

    One file that cannot be read is a failure listed with its reason, never the end of the batch. This process
    keeps each student's digest (`cohort_digest`) and spools the students' lines of cohort.jsonl, as the workers
    wrote them, to an unnamed temporary file until cohort.jsonl is written in name order: a cohort's analyses can
    be hundreds of megabytes. `engine` schedules the per-resume work elsewhere (`on_dask`); by default `workers`
    local processes do it.
    """
    plan.out_dir.mkdir(parents=True, exist_ok=True)
    inputs = _inputs_in(plan.out_dir, [Path(resume.source) for resume in plan.resumes])
    students: list[Student] = []
    failures: list[Failure] = []
    # (offset, length) of each student's line in the spool, by (file, source).
    spooled: dict[tuple[str, str], tuple[int, int]] = {}
    with tempfile.TemporaryFile(dir=plan.out_dir) as spool:
        outcomes = engine(plan.resumes, job, options) if engine else analyze_all(plan.resumes, job, options, workers)
        for outcome in outcomes:
            if outcome.ok and outcome.html is not None and outcome.line is not None and outcome.digest:
                write_atomic(plan.out_dir / outcome.report, outcome.html, protected=inputs)
                data = outcome.line.encode("utf-8")
                spooled[outcome.name, outcome.source] = (spool.tell(), len(data))
                spool.write(data)
                students.append(
                    Student(
                        outcome.name,
                        outcome.source,
                        outcome.report,
                        outcome.digest.score,
                        outcome.progress,
                        outcome.digest,
                    )
                )
            else:
                failures.append(Failure(outcome.name, outcome.source, outcome.error or ""))
            if on_outcome is not None:
                on_outcome(outcome)
        students.sort(key=lambda s: (s.file, s.source))
        failures.sort(key=lambda f: (f.file, f.source))
        summary = summarize(students, failures, plan.earlier if plan.since else None, plan.earlier_job)
        run = CohortRun(
            CohortJob(job.title, job.source, job.kind), summary, students, failures, plan.skipped, options.redact
        )

        def student_lines() -> Iterator[str]:
            for student in students:
                offset, length = spooled[student.file, student.source]
                spool.seek(offset)
                yield spool.read(length).decode("utf-8")

        write_atomic(plan.out_dir / COHORT_JSONL, cohort_lines(run, student_lines()), protected=inputs)
    files = {
        COHORT_CSV: cohort_csv(students, failures),
        INDEX_HTML: render_index(run),
    }
    for name, content in files.items():
        write_atomic(plan.out_dir / name, content, protected=inputs)
    for name in plan.stale_reports:
        (plan.out_dir / name).unlink(missing_ok=True)
    return BatchResult(plan.out_dir, students, failures, summary)
