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

# Allocations between two young-generation collections during start-up (Python's default is 700).
START_UP_THRESHOLD = 100_000

_usual: tuple[int, int, int] | None = None


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
    global _usual
    if _usual is None:
        return
    gc.freeze()
    gc.set_threshold(*_usual)
    _usual = None
