"""Run a reader that works inside C code (PDFium) in a child process whose memory is watched, so that a file
that makes the library allocate without bound, or crash, ends in one error for that file and never takes the
process (a batch, the CLI) down with it.

PDFium inflates streams and lays out pages in C, where neither the decompression budget, the glyph budget nor
the timer signal of `deadline` can stop it midway; a child process can be stopped. The child is forked (so it
starts at once, with the pipeline already built), reads, and sends back what it read or the error it raised,
pickled through a pipe. This process polls the child's resident memory (from /proc) while it waits and kills it
once it has grown about `MEMORY_HEADROOM` past this process's size; `deadline`'s timer kills it too. Without
/proc (not Linux) there is no memory bound, only the time limit; without `os.fork` the reader runs here.
"""

from __future__ import annotations

import ctypes
import os
import pickle
import select
import signal
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

from gapcheck.errors import GapcheckError, InputError

# How much a child may grow past its size at the fork: reading the text of a long resume with PDFium takes a few
# megabytes; a decompression bomb takes gigabytes.
MEMORY_HEADROOM = 256 * 2**20
# How often the child's memory is read while waiting for it: a bomb grows by 1-2 GB a second.
POLL_SECONDS = 0.01

_Result = TypeVar("_Result")


class ChildReaderFailed(RuntimeError):
    """The reader raised something other than a GapcheckError in its child: a bug, not a bad file. The child's
    traceback is attached as a note (shown with GAPCHECK_DEBUG=1)."""


def run_isolated(read: Callable[..., _Result], *arguments: Any, source: str, library: str) -> _Result:
    """Return `read(*arguments)` computed in a forked child; re-raise the GapcheckError it raised. If the child
    outgrows its memory or dies, raise a one-line InputError that names `source` and the `library`."""
    if not hasattr(os, "fork"):
        return read(*arguments)
    parent = os.getpid()
    # No timer or Ctrl-C between the fork and the try that ends the child: it would be left unwatched.
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
    try:
        incoming, outgoing = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(incoming)
            os.close(outgoing)
            raise
    except OSError:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        raise
    if pid == 0:  # the child: read, send, and leave without running anything of the parent's
        try:
            os.close(incoming)
            _die_with(parent)
            _send(outgoing, read, arguments, source)
        finally:
            os._exit(0)
    try:
        os.close(outgoing)
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        payload, outgrown = _receive(incoming, pid, resident_bytes(parent) + MEMORY_HEADROOM)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        os.close(incoming)
        _end(pid)
    if outgrown:
        limit = MEMORY_HEADROOM // 2**20
        raise InputError(f"{source}: is not a readable PDF (reading it takes more than {limit} MB, the limit)")
    try:
        kind, value = pickle.loads(payload)
    except Exception:  # noqa: BLE001 - nothing, or half of it: the child was stopped from outside or crashed
        raise InputError(f"{source}: is not a readable PDF ({library} stopped on it)") from None
    if kind == "error":
        raise value
    if kind == "bug":
        failure = ChildReaderFailed(f"{value[0]} (in the process that read {source} with {library})")
        failure.add_note(value[1])
        raise failure
    return value  # type: ignore[no-any-return]


_HELD_SIGNALS = {signal.SIGALRM, signal.SIGINT}
# prctl's option that sends the child a signal when its parent dies (Linux).
_PR_SET_PDEATHSIG = 1


def _die_with(parent: int) -> None:
    """In the child: be killed if the parent dies first (killed, or a batch pool torn down), for nobody would
    watch its memory or time any more. Linux only; elsewhere the child ends when its reading does."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the call above
        os._exit(1)


def _send(outgoing: int, read: Callable[..., Any], arguments: tuple[Any, ...], source: str) -> None:
    """In the child: run the reader and write to `outgoing` its result, its GapcheckError, or, for any other
    exception (a bug), its one-line description and traceback."""
    try:
        outcome: tuple[str, Any] = ("result", read(*arguments))
    except GapcheckError as error:
        outcome = ("error", error)
    except MemoryError:
        outcome = ("error", InputError(f"{source}: is not a readable PDF (it needs more memory than there is)"))
    except Exception as error:  # noqa: BLE001 - sent to the parent, which raises it as a bug
        outcome = ("bug", (f"{type(error).__name__}: {error}", traceback.format_exc()))
    try:
        payload = pickle.dumps(outcome)
    except Exception as error:  # noqa: BLE001 - a result that cannot travel is a bug too
        payload = pickle.dumps(("bug", (f"{type(error).__name__}: {error}", traceback.format_exc())))
    with os.fdopen(outgoing, "wb") as pipe:
        pipe.write(payload)


def _receive(incoming: int, pid: int, most_bytes: int) -> tuple[bytes, bool]:
    """Read all the child writes; return it, and True if the child grew past `most_bytes` first (then killed)."""
    chunks: list[bytes] = []
    waiting = select.poll()
    waiting.register(incoming, select.POLLIN)
    while True:
        if waiting.poll(POLL_SECONDS * 1000):
            chunk = os.read(incoming, 1 << 16)
            if not chunk:
                return b"".join(chunks), False
            chunks.append(chunk)
        elif resident_bytes(pid) > most_bytes:
            return b"", True


def _end(pid: int) -> None:
    """Make sure the child is gone and reaped, whatever happened (a timeout in this process included)."""
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def resident_bytes(pid: int) -> int:
    """The resident memory of a process, from /proc (0 where there is none: then nothing is killed for size)."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0
