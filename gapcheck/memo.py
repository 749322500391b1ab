"""Work kept between calls in one process, and one way to forget it all.

Several stages ask the same question of one resume (its dated roles, its degrees, its word count: memos of whole
texts, `texts=True`), and every resume of a batch has the same short headings and names (memos of short pieces):
each answer is kept (`kept`, an LRU cache). Each memo registers here so that the benchmarks can empty them: the
whole analysis of a resume is timed with the memos of whole texts forgotten (`forget(texts_only=True)`: what a
batch worker knows from the resumes before, nothing of this one), each stage with all of them forgotten, so that
no stage is helped by the one timed just before on the same text.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

Result = TypeVar("Result")

_FORGETS: list[tuple[Callable[[], None], bool]] = []  # (clear, of whole texts)


def kept(maxsize: int, texts: bool = False) -> Callable[[Callable[..., Result]], Callable[..., Result]]:
    """Keep the last `maxsize` answers of the decorated function (its arguments hashable), forgotten by `forget`;
    `texts` marks a memo of whole documents' texts."""

    def keep(function: Callable[..., Result]) -> Callable[..., Result]:
        cached: Any = lru_cache(maxsize=maxsize)(function)
        _FORGETS.append((cached.cache_clear, texts))
        return cached  # type: ignore[no-any-return]

    return keep


def on_forget(clear: Callable[[], None], texts: bool = False) -> None:
    """Register `clear` for a memo kept by hand (a dict with its own rule for what it keeps)."""
    _FORGETS.append((clear, texts))


def forget(texts_only: bool = False) -> None:
    """Empty every memo (only those of whole texts with `texts_only`): the next analysis finds nothing of the
    texts read before."""
    for clear, of_texts in _FORGETS:
        if of_texts or not texts_only:
            clear()
