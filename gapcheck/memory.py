"""A memory bound on one document's work, as `deadline` is a time bound: a document that makes the process grow
past its budget ends in one error for that file, and a batch goes on with the others.

A thread polls this process's resident memory (from /proc, as `ingest.isolated` watches a reading child) while
the block runs; past the budget it interrupts the main thread, which raises `DocumentOverMemory` at the next
Python instruction. Without /proc (not Linux), or off the main thread, the block runs unbounded.
"""

from __future__ import annotations

import _thread
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from gapcheck.errors import InputError
from gapcheck.ingest.isolated import resident_bytes

# How much one document may add to a worker's memory. The hostile texts of issue 20 (a million characters shaped
# to be hard) add at most about 300 MB; a two-page resume adds a few MB.
DEFAULT_MAX_MEMORY_MB = 500
# How often the memory is read: a document that runs away grows by tens of megabytes in that time.
POLL_SECONDS = 0.02
# The signal whose handler raises the error: only simulated in this thread (`_thread.interrupt_main`), never sent.
_SIGNAL = signal.SIGUSR1 if hasattr(signal, "SIGUSR1") else None


class DocumentOverMemory(InputError):
    """One document made the process grow past its memory budget."""


def can_watch() -> bool:
    """True where this process's memory can be read and the main thread interrupted."""
    main = threading.current_thread() is threading.main_thread()
    return _SIGNAL is not None and main and resident_bytes(os.getpid()) > 0


@contextmanager
def memory_limit(megabytes: float, source: str) -> Iterator[None]:
    """Run the block, raising a one-line DocumentOverMemory inside it (it names `source` and --max-memory) once
    the process has grown by more than `megabytes` since the block began (0 or less: no limit)."""
    if megabytes <= 0 or not can_watch() or _SIGNAL is None:
        yield
        return
    number = _SIGNAL
    pid = os.getpid()
    most = resident_bytes(pid) + int(megabytes * 2**20)
    done = threading.Event()
    message = f"{source}: took more than {megabytes:g} MB of memory to analyse (raise the limit with --max-memory)"

    def over(signum: int, frame: Any) -> None:
        if not done.is_set():
            raise DocumentOverMemory(message)

    def watch() -> None:
        while not done.wait(POLL_SECONDS):
            if resident_bytes(pid) > most:
                _thread.interrupt_main(number)
                return

    previous = signal.signal(number, over)
    watcher = threading.Thread(target=watch, name="gapcheck-memory-watch", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        done.set()
        watcher.join()
        signal.signal(number, previous)
