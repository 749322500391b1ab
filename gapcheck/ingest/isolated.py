"""Run a reader that works inside C code (PDFium) in a child process whose memory is watched, so that a file
that makes the library allocate without bound, or crash, ends in one error for that file and never takes the
process (a batch, the CLI) down with it.

PDFium inflates streams and lays out pages in C, where neither the decompression budget, the glyph budget nor
the timer signal of `deadline` can stop it midway; a child process can be stopped. The child is forked (so it
starts at once, with the pipeline already built), reads, and sends back what it read or the error it raised,
pickled through a pipe. This process polls the child's resident memory while it waits and kills it once it has
grown more than `MEMORY_HEADROOM` past its size at the fork. Without `os.fork` (not POSIX) the reader runs here.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
from collections.abc import Callable
from typing import Any, TypeVar

from gapcheck.errors import GapcheckError, InputError

# How much a child may grow past its size at the fork: reading the text of a long resume with PDFium takes a few
# megabytes; a decompression bomb takes gigabytes.
MEMORY_HEADROOM = 256 * 2**20
# How often the child's memory is read while waiting for it: a bomb grows by 1-2 GB a second.
POLL_SECONDS = 0.01

_Result = TypeVar("_Result")


def run_isolated(read: Callable[..., _Result], *arguments: Any, source: str, library: str) -> _Result:
    """Return `read(*arguments)` computed in a forked child; re-raise the GapcheckError it raised. If the child
    outgrows its memory or dies, raise a one-line InputError that names `source` and the `library`."""
    if not hasattr(os, "fork"):
        return read(*arguments)
    incoming, outgoing = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: read, send, and leave without running anything of the parent's
        os.close(incoming)
        _send(outgoing, read, arguments, source)
        os._exit(0)
    os.close(outgoing)
    try:
        payload, outgrown = _receive(incoming, pid, _resident_bytes(os.getpid()) + MEMORY_HEADROOM)
    finally:
        os.close(incoming)
        _end(pid)
    if outgrown:
        limit = MEMORY_HEADROOM // 2**20
        raise InputError(f"{source}: is not a readable PDF (reading it takes more than {limit} MB, the limit)")
    if not payload:
        raise InputError(f"{source}: is not a readable PDF ({library} stopped on it)")
    kind, value = pickle.loads(payload)
    if kind == "error":
        raise value
    return value  # type: ignore[no-any-return]


def _send(outgoing: int, read: Callable[..., Any], arguments: tuple[Any, ...], source: str) -> None:
    """In the child: run the reader and write its result, or its error as a GapcheckError, to `outgoing`."""
    try:
        try:
            outcome: tuple[str, Any] = ("result", read(*arguments))
        except GapcheckError as error:
            outcome = ("error", error)
        except MemoryError:
            outcome = ("error", InputError(f"{source}: is not a readable PDF (it needs more memory than there is)"))
        payload = pickle.dumps(outcome)
        with os.fdopen(outgoing, "wb") as pipe:
            pipe.write(payload)
    except BaseException:  # noqa: BLE001 - the parent reports a child that sent nothing; nothing may escape here
        pass


def _receive(incoming: int, pid: int, most_bytes: int) -> tuple[bytes, bool]:
    """Read all the child writes; return it, and True if the child grew past `most_bytes` first (then killed)."""
    chunks: list[bytes] = []
    while True:
        ready, _, _ = select.select([incoming], [], [], POLL_SECONDS)
        if ready:
            chunk = os.read(incoming, 1 << 16)
            if not chunk:
                return b"".join(chunks), False
            chunks.append(chunk)
        elif _resident_bytes(pid) > most_bytes:
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


def _resident_bytes(pid: int) -> int:
    """The resident memory of a process, from /proc (0 where there is none: then nothing is killed for size)."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0
