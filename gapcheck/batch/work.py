"""The unit of work of a batch, `analyze_one`, and the loop that spreads it over processes.

`analyze_one(resume, job, options)` is a top-level function of picklable arguments that returns plain data
and writes nothing, so a cluster executor (dask.distributed, Ray) can run it unchanged; only the parent
process writes files.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from gapcheck.analyze import analyze_document, toolkit
from gapcheck.batch.cohort import student_progress
from gapcheck.batch.inputs import Resume
from gapcheck.errors import GapcheckError, InputError
from gapcheck.ingest import Limits, read_document
from gapcheck.model import Job
from gapcheck.redact import redact_analysis
from gapcheck.render import analysis_to_json, render_html

DEFAULT_TIMEOUT = 60.0


@dataclass(frozen=True)
class BatchOptions:
    """What every resume of a batch is read and reported with."""

    taxonomy_files: tuple[str, ...] = ()
    limits: Limits = field(default_factory=Limits)
    redact: bool = False
    # Seconds one document may take; 0 means no limit.
    timeout: float = DEFAULT_TIMEOUT


@dataclass
class Outcome:
    """What became of one resume: its analysis (JSON data) and HTML report, or the reason it failed."""

    source: str
    name: str
    report: str
    analysis: dict[str, Any] | None = None
    html: str | None = None
    progress: dict[str, Any] | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class DocumentTimeout(InputError):
    """One document took longer than the batch's --timeout."""


def analyze_one(resume: Resume, job: Job, options: BatchOptions) -> Outcome:
    """Return the analysis and report of one resume, or its failure; never raises for a bad document."""
    try:
        with _deadline(options.timeout, resume.source):
            return _analyze(resume, job, options)
    except GapcheckError as error:
        return Outcome(resume.source, resume.name, resume.report, error=str(error))
    except Exception as error:  # noqa: BLE001 - one odd file must not stop the others
        reason = f"{resume.source}: internal error ({type(error).__name__}: {error})"
        return Outcome(resume.source, resume.name, resume.report, error=reason)


def _analyze(resume: Resume, job: Job, options: BatchOptions) -> Outcome:
    document = read_document(resume.source, kind="resume", limits=options.limits)
    analysis = analyze_document(toolkit(options.taxonomy_files), document, job)
    if options.redact:
        analysis = redact_analysis(analysis, document.text)
    data = analysis_to_json(analysis)
    progress = student_progress(resume.earlier, data) if resume.earlier else None
    # `progress` is for a banner in report.html; a template that does not use it ignores it.
    html = render_html(analysis, progress=progress)
    return Outcome(resume.source, resume.name, resume.report, analysis=data, html=html, progress=progress)


@contextlib.contextmanager
def _deadline(seconds: float, source: str) -> Iterator[None]:
    """Raise DocumentTimeout in this block after `seconds`, where POSIX signals allow it (the main thread)."""
    usable = seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise DocumentTimeout(f"{source}: took longer than {seconds:g} s to analyse (raise the limit with --timeout)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def default_workers() -> int:
    """Return the number of cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _start_worker(taxonomy_files: tuple[str, ...]) -> None:
    """Build the pipeline once per worker process; Ctrl-C is the parent's to handle."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    toolkit(taxonomy_files)


def analyze_all(resumes: Sequence[Resume], job: Job, options: BatchOptions, workers: int = 1) -> Iterator[Outcome]:
    """Yield the outcome of every resume as it is ready, from `workers` processes (1: in this process)."""
    if workers <= 1 or len(resumes) <= 1:
        for resume in resumes:
            yield analyze_one(resume, job, options)
        return
    yield from _analyze_in_pool(resumes, job, options, min(workers, len(resumes)))


def _analyze_in_pool(resumes: Sequence[Resume], job: Job, options: BatchOptions, workers: int) -> Iterator[Outcome]:
    executor = ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(options.taxonomy_files,))
    try:
        pending: dict[Future[Outcome], Resume] = {
            executor.submit(analyze_one, resume, job, options): resume for resume in resumes
        }
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=lambda f: pending[f].name):
                resume = pending.pop(future)
                yield _result(future, resume)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _result(future: Future[Outcome], resume: Resume) -> Outcome:
    try:
        return future.result()
    except BrokenProcessPool:
        reason = f"{resume.source}: the worker process stopped (out of memory?) while this file was in the batch"
        return Outcome(resume.source, resume.name, resume.report, error=reason)
