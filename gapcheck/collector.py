"""The garbage collector around start-up: gapcheck builds a large pipeline once and keeps it to the end.

Importing spaCy and building the pipeline allocate hundreds of thousands of objects that live as long as the
process; the cyclic collector traces them again and again while they are made, at every later full
collection, and once more at exit: about 0.2 s of a one-shot `gapcheck analyze`. So the CLI makes collection
rare during its start-up, and once the pipeline is built everything made so far is moved out of the
collector's sight (`gc.freeze`) and the usual thresholds return, for the documents that follow. A command
that never builds the pipeline keeps the rare collection: rare, not off, so it never grows without bound.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# Allocations between two young-generation collections during start-up (Python's default is 700).
START_UP_THRESHOLD = 100_000

# Allocations between two young-generation collections while one document is read and analysed. Reading a PDF
# makes tens of thousands of short-lived layout objects (a glyph, a line, a box), freed by their counts, none in
# a cycle; at Python's 700 the collector traced the survivors some twenty times a page, about 3 ms of a two-page
# resume. The document's size is bounded (gapcheck.ingest.limits), so what waits for a collection is too.
DOCUMENT_THRESHOLD = 20_000

_usual: tuple[int, int, int] | None = None
_own = False  # whether this process is gapcheck's (the CLI, a batch worker), not a program using it as a library


def pause_for_start_up() -> None:
    """Make cyclic collection rare until `start_up_done`; for a process about to build the pipeline."""
    global _usual
    if _usual is None:
        _usual = gc.get_threshold()
        gc.set_threshold(START_UP_THRESHOLD, *_usual[1:])


def start_up_done() -> None:
    """If `pause_for_start_up` ran, set what exists now (modules, the pipeline) aside from later collections and
    bring back the usual thresholds. A program that uses gapcheck as a library never paused: its collector is
    left as it is."""
    global _usual, _own
    if _usual is None:
        return
    _own = True
    gc.freeze()
    gc.set_threshold(*_usual)
    _usual = None


@contextmanager
def one_document() -> Iterator[None]:
    """Make young-generation collection rarer while one document is worked on, in gapcheck's own processes; a
    program using gapcheck as a library keeps its collector as it is."""
    if not _own:
        yield
        return
    usual = gc.get_threshold()
    gc.set_threshold(max(DOCUMENT_THRESHOLD, usual[0]), *usual[1:])
    try:
        yield
    finally:
        gc.set_threshold(*usual)
