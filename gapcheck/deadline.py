"""A wall-clock bound on one document's work, so a pathological file ends in an error instead of a hang.

pdfminer and a few text shapes can take minutes on hostile input that is well within the size limits; a
timer signal interrupts them. It works on POSIX in the main thread; elsewhere the block runs unbounded. PDFium
reads in a child process (`ingest.isolated`), which this process kills when the signal interrupts its wait.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from gapcheck.errors import InputError


class DocumentTimeout(InputError):
    """One document took longer than its time limit."""


def can_bound() -> bool:
    """True where a timer signal can interrupt this thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float, raise_error: Callable[[], BaseException]) -> Iterator[None]:
    """Run the block, raising `raise_error()` inside it once `seconds` have passed (0 or less: no limit)."""
    if seconds <= 0 or not can_bound():
        yield
        return

    raised: list[BaseException] = []

    def expire(signum: int, frame: Any) -> None:
        raised.append(raise_error())
        raise raised[-1]

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except Exception as error:
        # The timer can fire inside library code that then fails on its own way out ("release unlocked lock"):
        # past the limit, that is still the limit, and it is said as such.
        if raised and error is not raised[-1]:
            raise raised[-1] from error
        raise
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def document_deadline(seconds: float, source: str) -> AbstractContextManager[None]:
    """The time limit of one document: past it, a one-line DocumentTimeout that names the file and the option."""
    message = f"{source}: took longer than {seconds:g} s to analyse (raise the limit with --timeout)"
    return time_limit(seconds, lambda: DocumentTimeout(message))
