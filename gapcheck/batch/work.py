"""The unit of work of a batch, `analyze_one`, and the loop that spreads it over processes.

`analyze_one(resume, job, options)` is a top-level function of picklable arguments that returns picklable results
and writes nothing, so a cluster executor (dask.distributed, Ray) can run it unchanged; only the parent
process writes files. `analyze_all` hands the parent each outcome `for_cohort`: the student's line of
cohort.jsonl already written and a small digest for the cohort pages, so that the parent, which has a core of
its own to share with the workers, only writes files.
"""

from __future__ import annotations

import dataclasses
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from gapcheck import collector
from gapcheck.batch.cohort import Digest, Progress, StudentRecord, cohort_digest, student_progress
from gapcheck.batch.inputs import Resume
from gapcheck.deadline import document_deadline
from gapcheck.errors import GapcheckError
from gapcheck.ingest import Limits, read_document
from gapcheck.memory import DEFAULT_MAX_MEMORY_MB, memory_limit
from gapcheck.model import Analysis, Job
from gapcheck.pipeline import analyze_document, toolkit
from gapcheck.redact import redact_analysis
from gapcheck.report import render_html_data
from gapcheck.serialize import json_line, to_jsonable

DEFAULT_TIMEOUT = 60.0
# Resumes sent to a worker at once: fewer round trips, and still small enough to spread the work evenly.
MAX_CHUNK = 8


@dataclass(frozen=True)
class BatchOptions:
    """What every resume of a batch is read and reported with."""

    taxonomy_files: tuple[str, ...] = ()
    limits: Limits = field(default_factory=Limits)
    redact: bool = False
    # Seconds one document may take; 0 means no limit.
    timeout: float = DEFAULT_TIMEOUT
    # Megabytes one document may add to the memory of the process analysing it; 0 means no limit.
    max_memory: float = DEFAULT_MAX_MEMORY_MB


@dataclass
class Outcome:
    """What became of one resume: its analysis and HTML report, or the reason it failed."""

    source: str
    name: str
    report: str
    analysis: Analysis | None = None
    html: str | None = None
    progress: Progress | None = None
    error: str | None = None
    # Set by `for_cohort` in place of `analysis`: the student's line of cohort.jsonl, and the analysis' digest.
    line: str | None = None
    digest: Digest | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def for_cohort(self) -> Outcome:
        """Return this outcome as a batch's parent needs it: the student's line of cohort.jsonl (`json_line` of a
        `StudentRecord`) and its `cohort_digest`, instead of the analysis (150 KB of objects a resume)."""
        if self.analysis is None:
            return self
        record = StudentRecord(self.name, self.source, self.report, self.analysis.score, self.progress, self.analysis)
        return dataclasses.replace(self, analysis=None, line=json_line(record), digest=cohort_digest(self.analysis))


# What schedules the per-resume work: given the resumes, the job and the options, it yields every outcome
# `for_cohort`, in any order (`analyze_all` with local processes, `on_dask.analyze_on_dask`).
Engine = Callable[[Sequence[Resume], Job, BatchOptions], Iterator[Outcome]]


def analyze_one(resume: Resume, job: Job, options: BatchOptions) -> Outcome:
    """Return the analysis and report of one resume, or its failure; never raises for a bad document."""
    try:
        with (
            document_deadline(options.timeout, resume.source),
            memory_limit(options.max_memory, resume.source),
            collector.one_document(),
        ):
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
    progress = student_progress(resume.earlier, analysis) if resume.earlier else None
    # `progress` is for a banner in report.html; a template that does not use it ignores it.
    html = render_html_data(to_jsonable(analysis), progress=progress)
    return Outcome(resume.source, resume.name, resume.report, analysis=analysis, html=html, progress=progress)


def default_workers() -> int:
    """Return the number of cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _start_worker(taxonomy_files: tuple[str, ...]) -> None:
    """Build the pipeline once per worker process, with the collector set up as the CLI's (see `collector`):
    a forked worker finds it built and frozen already, one started afresh (spawn, forkserver: the default from
    Python 3.14) builds it now. Ctrl-C is the parent's to handle."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    collector.pause_for_start_up()
    toolkit(taxonomy_files)
    collector.start_up_done()  # toolkit() does it when it builds; a forked worker's is built already


def _analyze_chunk(resumes: Sequence[Resume], job: Job, options: BatchOptions) -> list[Outcome]:
    """The task of one worker: a few resumes, each `for_cohort`."""
    return [analyze_one(resume, job, options).for_cohort() for resume in resumes]


def analyze_all(resumes: Sequence[Resume], job: Job, options: BatchOptions, workers: int = 1) -> Iterator[Outcome]:
    """Yield the outcome of every resume, `for_cohort`, as it is ready, from `workers` processes (1: in this
    process), in no particular order."""
    if workers <= 1 or len(resumes) <= 1:
        for resume in resumes:
            yield analyze_one(resume, job, options).for_cohort()
        return
    yield from _analyze_in_pool(resumes, job, options, min(workers, len(resumes)))


def chunked(resumes: Sequence[Resume], workers: int) -> list[Sequence[Resume]]:
    """The resumes in the chunks that workers are sent (any engine): at most MAX_CHUNK, about four per worker."""
    size = max(1, min(MAX_CHUNK, len(resumes) // (4 * workers)))
    return [resumes[start : start + size] for start in range(0, len(resumes), size)]


def _analyze_in_pool(resumes: Sequence[Resume], job: Job, options: BatchOptions, workers: int) -> Iterator[Outcome]:
    chunks = chunked(resumes, workers)[::-1]  # popped from the end
    # A worker that dies (killed for memory by the system, a crash in C code) breaks the whole pool, and every
    # chunk in flight with it. The pool is started again for the others, and the resumes of those chunks are
    # then tried one at a time, alone in a pool of one: a resume that breaks that pool is the one that failed.
    suspects: list[Sequence[Resume]] = []
    while chunks:
        yield from _run_pool(chunks, job, options, workers, 2 * workers, suspects)
    for resume in [resume for chunk in suspects for resume in chunk]:
        broken: list[Sequence[Resume]] = []
        yield from _run_pool([[resume]], job, options, 1, 1, broken)
        if broken:
            yield _worker_died(resume)


def _run_pool(
    chunks: list[Sequence[Resume]],
    job: Job,
    options: BatchOptions,
    workers: int,
    in_flight: int,
    broken: list[Sequence[Resume]],
) -> Iterator[Outcome]:
    """Run `chunks` (popped from the end) in one pool of `workers` processes, `in_flight` chunks at a time,
    until they are done or the pool breaks; then the chunks it was running go to `broken`."""
    executor = ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(options.taxonomy_files,))
    # A few chunks in flight per worker, no more: finished results are let go as soon as they are handed on, so
    # the parent never holds a cohort's analyses, and each wait looks at a handful of futures, not all of them.
    pending: dict[Future[list[Outcome]], Sequence[Resume]] = {}
    healthy = True
    try:
        while True:
            while healthy and len(pending) < in_flight and chunks:
                chunk = chunks.pop()
                try:
                    pending[executor.submit(_analyze_chunk, chunk, job, options)] = chunk
                except BrokenProcessPool:
                    chunks.append(chunk)
                    healthy = False
            if not pending:
                break
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                chunk = pending.pop(future)
                try:
                    outcomes = future.result()
                except BrokenProcessPool:
                    broken.append(chunk)
                    healthy = False
                    continue
                yield from outcomes
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _worker_died(resume: Resume) -> Outcome:
    reason = f"{resume.source}: the worker process stopped (out of memory?) while it analysed this file"
    return Outcome(resume.source, resume.name, resume.report, error=reason)
