"""Work kept between calls in one process, and one way to forget it all.

Several stages ask the same question of one resume (its dated roles, its degrees, its word count), and every resume
of a batch has the same short headings and names: each answer is kept (`kept`, an LRU cache). Each memo registers
here so that `forget()` empties them all: the benchmarks time every stage of a resume as one `gapcheck analyze`
meets it, not helped by the stage timed just before on the same text.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

Result = TypeVar("Result")

_FORGETS: list[Callable[[], None]] = []


def kept(maxsize: int) -> Callable[[Callable[..., Result]], Callable[..., Result]]:
    """Keep the last `maxsize` answers of the decorated function (its arguments hashable), forgotten by `forget`."""

    def keep(function: Callable[..., Result]) -> Callable[..., Result]:
        cached: Any = lru_cache(maxsize=maxsize)(function)
        _FORGETS.append(cached.cache_clear)
        return cached  # type: ignore[no-any-return]

    return keep


def on_forget(clear: Callable[[], None]) -> None:
    """Register `clear` for a memo kept by hand (a dict with its own rule for what it keeps)."""
    _FORGETS.append(clear)


def forget() -> None:
    """Empty every memo: the next analysis finds nothing of the texts read before."""
    for clear in _FORGETS:
        clear()
