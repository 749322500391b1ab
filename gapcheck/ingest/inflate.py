"""A budget on the bytes pdfminer may decompress while reading one PDF, against decompression bombs.

pdfminer.six inflates every stream it needs in one call with no size limit: a 1 MB FlateDecode stream of zeros
becomes 1 GB in memory (2 GB of RSS, half a minute), and a 20 MB file could hold twenty of them. While a PDF is
read, `decode_budget` points the decoders pdfminer.pdftypes looks up (`zlib`, `lzwdecode`, `rldecode`) at
versions that count what they produce and stop at the budget. The budget is for the whole document, so many
small streams cannot add up to a bomb either. Damaged Flate data yields what inflated before the damage, as
pdfminer's own fallback does, without its byte-at-a-time (quadratic) loop.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# What all the streams of one PDF may decompress to. The sample resumes need under 0.3 MB; CJK fonts embedded
# whole are ~20 MB. Images are not decoded to read text.
DEFAULT_DECODE_BUDGET = 100_000_000
_CHUNK = 1 << 16


class DecodeBudgetExceeded(Exception):
    """The streams of a PDF decompress to more than the budget."""


class _Budget:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.left = limit
        self.exceeded = False

    def take(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            self.exceeded = True
            raise DecodeBudgetExceeded(f"its streams decompress to more than {self.limit:,} bytes")


class _BoundedZlib:
    """Stands in for the zlib module inside pdfminer.pdftypes: `decompress` counts against the budget."""

    error = zlib.error

    def __init__(self, budget: _Budget) -> None:
        self._budget = budget

    def decompress(self, data: bytes, *args: Any, **kwargs: Any) -> bytes:
        inflater = zlib.decompressobj()
        parts: list[bytes] = []
        view = memoryview(data)
        for start in range(0, len(view), _CHUNK):
            pending = view[start : start + _CHUNK]
            while pending:
                try:
                    # At most what is left of the budget, plus one byte to tell "over" from "exactly at".
                    out = inflater.decompress(pending, max(self._budget.left, 0) + 1)
                except zlib.error:
                    return b"".join(parts)  # damaged data: keep what inflated before the damage
                self._budget.take(len(out))
                parts.append(out)
                pending = inflater.unconsumed_tail
            if inflater.eof:
                break
        return b"".join(parts)

    def decompressobj(self, *args: Any, **kwargs: Any) -> Any:
        return zlib.decompressobj(*args, **kwargs)


def _bounded_lzw(budget: _Budget) -> Any:
    from pdfminer.lzw import LZWDecoder

    def lzwdecode(data: bytes) -> bytes:
        parts = []
        for part in LZWDecoder(io.BytesIO(data)).run():
            budget.take(len(part))
            parts.append(part)
        return b"".join(parts)

    return lzwdecode


def _bounded_runlength(budget: _Budget, original: Any) -> Any:
    def rldecode(data: bytes) -> bytes:
        budget.take(64 * len(data))  # a run of two bytes gives at most 128
        result: bytes = original(data)
        budget.left += 64 * len(data) - len(result)
        return result

    return rldecode


@contextmanager
def decode_budget(limit: int = DEFAULT_DECODE_BUDGET) -> Iterator[_Budget]:
    """While the block runs, pdfminer decompresses at most `limit` bytes in all; past it, DecodeBudgetExceeded.

    pdfminer may catch the error in places and carry on, so check `budget.exceeded` after the block too.
    """
    from pdfminer import pdftypes

    budget = _Budget(limit)
    saved = (pdftypes.zlib, pdftypes.lzwdecode, pdftypes.rldecode)
    pdftypes.zlib = _BoundedZlib(budget)  # type: ignore[assignment]
    pdftypes.lzwdecode = _bounded_lzw(budget)
    pdftypes.rldecode = _bounded_runlength(budget, saved[2])
    try:
        yield budget
    finally:
        pdftypes.zlib, pdftypes.lzwdecode, pdftypes.rldecode = saved  # type: ignore[assignment]
