"""`gapcheck batch --engine dask`: the batch's per-resume work scheduled on a dask.distributed cluster.

The work is the local engine's, chunk for chunk (`work._analyze_chunk`: `analyze_one` on each resume, each
outcome `for_cohort`); only the scheduling differs, and the parent writes every file as before, so the outputs
are the same bytes. Without `scheduler` a LocalCluster of `workers` (default: one per core) runs here; with one,
the cluster at that address. Workers read the resumes from the paths the parent found, so on a real
cluster the inputs (and any --taxonomy file) must sit on a folder mounted at the same path on every machine.

A dask worker runs its tasks in a thread, where no timer signal can stop a document (`deadline`). So each worker
keeps one child process (`ChildPool`, a worker plugin) that builds the toolkit once and runs the chunks in its
main thread, as a local batch worker does: --timeout holds per file, and a child that dies (out of memory) fails
the files of its chunk, as locally, and is started again. A worker must be allowed children: the workers of a
cluster of one's own are started with DASK_DISTRIBUTED__WORKER__DAEMON=False (dask makes them daemons otherwise).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import uuid
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import dask
from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker

from gapcheck.batch.inputs import Resume
from gapcheck.batch.work import BatchOptions, Outcome, _analyze_chunk, _start_worker, chunked, default_workers
from gapcheck.errors import InputError
from gapcheck.model import Job

# The worker plugin's name, with one batch's own tail: batches that share a cluster each keep their own child
# per worker (registering a plugin under a name in use would tear down another batch's children mid-chunk).
PLUGIN = "gapcheck-child"
# dask's housekeeping, made rare where it only costs CPU that the workers' children need: a statistical profiler
# sampling every worker thread each 10 ms, a check every 20 ms that the event loop is not blocked, and work
# stealing, which moves tasks between workers every 100 ms (the chunks are of a size and few are in flight).
QUIET = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.scheduler.work-stealing": False,
    "logging.distributed": "error",
}
# Seconds to wait for a scheduler given with --scheduler before saying it cannot be reached.
CONNECT_TIMEOUT = "10s"


class ChildPool(WorkerPlugin):
    """On each dask worker: one child process with the toolkit built, in which the worker's chunks run."""

    def __init__(self, taxonomy_files: tuple[str, ...], name: str = PLUGIN) -> None:
        self.taxonomy_files = taxonomy_files
        self.name = name
        self.pool: ProcessPoolExecutor | None = None
        self.warm: Future[None] | None = None

    def setup(self, worker: Any = None) -> None:
        if multiprocessing.current_process().daemon:
            raise RuntimeError(
                "a dask worker may not start processes here: start the workers with "
                "DASK_DISTRIBUTED__WORKER__DAEMON=False"
            )
        self._start()

    def teardown(self, worker: Any = None) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def _start(self) -> None:
        # Not forked from here: a dask worker has threads of its own, which a fork would copy mid-step. A fork server
        # with gapcheck imported starts the children, so that the import is paid once per machine, not per child.
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["gapcheck.batch.work"])
        self.pool = ProcessPoolExecutor(
            1,
            mp_context=context,
            initializer=_start_worker,
            initargs=(self.taxonomy_files,),
        )
        self.warm = self.pool.submit(_ready)  # the toolkit is built now, while the first chunk is on its way

    def run(self, chunk: Sequence[Resume], job: Job, options: BatchOptions) -> list[Outcome]:
        """Return the outcomes of one chunk, analysed in the child; its files fail if the child dies."""
        assert self.pool is not None, "set up by the worker before any task"
        try:
            return self.pool.submit(_analyze_chunk, chunk, job, options).result()
        except BrokenProcessPool:
            self.pool.shutdown(wait=False)
            self._start()
            reason = "the worker process stopped (out of memory?) while this file was in the batch"
            return [_failed(resume, reason) for resume in chunk]


def _ready() -> None:
    """A no-op for the child: its initializer has built the toolkit by the time this runs."""


def run_chunk(plugin_name: str, chunk: Sequence[Resume], job: Job, options: BatchOptions) -> list[Outcome]:
    """The dask task: one chunk of resumes, run in this worker's child process of this batch."""
    plugin = get_worker().plugins[plugin_name]
    assert isinstance(plugin, ChildPool)
    return plugin.run(chunk, job, options)


def _failed(resume: Resume, reason: str) -> Outcome:
    return Outcome(resume.source, resume.name, resume.report, error=f"{resume.source}: {reason}")


def analyze_on_dask(
    resumes: Sequence[Resume],
    job: Job,
    options: BatchOptions,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
) -> Iterator[Outcome]:
    """Yield the outcome of every resume, `for_cohort`, as it is ready, from a dask cluster (see the module)."""
    with dask.config.set(QUIET):
        cluster = None
        if scheduler is None:
            # The workers are threads of this process: the work runs in each one's child process (`ChildPool`), so
            # a worker process of its own would only add a process, its start-up and a copy of every result.
            cluster = LocalCluster(
                n_workers=workers or default_workers(),
                threads_per_worker=1,
                processes=False,
                memory_limit=0,  # a worker holds no data, only a child's results on their way here
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
        try:
            client = Client(cluster if cluster is not None else scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as error:
            if cluster is not None:
                cluster.close()
            raise InputError(f"cannot reach the dask scheduler at {scheduler} ({error})") from None
        try:
            yield from _scheduled(client, resumes, job, options)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def _scheduled(client: Client, resumes: Sequence[Resume], job: Job, options: BatchOptions) -> Iterator[Outcome]:
    name = f"{PLUGIN}-{uuid.uuid4().hex[:12]}"
    try:
        try:
            client.register_plugin(ChildPool(options.taxonomy_files, name), name=name)
        except Exception as error:  # noqa: BLE001 - a worker that cannot set up: one line, not a traceback
            raise InputError(f"the dask workers cannot run gapcheck: {error}") from None
        yield from _submitted(client, name, resumes, job, options)
    finally:
        # This batch's children end; a shared cluster's workers go on. A cluster already lost has nothing to end.
        with contextlib.suppress(Exception):
            client.unregister_worker_plugin(name)


def _submitted(
    client: Client, name: str, resumes: Sequence[Resume], job: Job, options: BatchOptions
) -> Iterator[Outcome]:
    slots = max(1, sum(client.nthreads().values()))
    chunks = iter(chunked(resumes, slots))
    job_data = client.scatter(job, broadcast=True)
    # A few chunks in flight per worker, no more, as in the local engine: results are let go once handed on.
    running = as_completed()
    submitted: dict[Any, Sequence[Resume]] = {}

    def submit() -> bool:
        chunk = next(chunks, None)
        if chunk is None:
            return False
        future = client.submit(run_chunk, name, chunk, job_data, options, pure=False)
        submitted[future.key] = chunk
        running.add(future)
        return True

    for _ in range(2 * slots):
        if not submit():
            break
    for future in running:
        chunk = submitted.pop(future.key)
        try:
            yield from future.result()
        except Exception as error:  # noqa: BLE001 - a lost worker fails its chunk's files, never the batch
            yield from (_failed(resume, f"the dask task failed ({type(error).__name__}: {error})") for resume in chunk)
        future.release()
        submit()
