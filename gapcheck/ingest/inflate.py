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
import re
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
            pending: bytes | memoryview = view[start : start + _CHUNK]
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


# A stream's start (its dictionary's end and the keyword), the object it belongs to, and its filter names.
_STREAM = re.compile(rb">>\s*stream\r?\n")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")


def check_stream_sizes(data: bytes, limit: int = DEFAULT_DECODE_BUDGET) -> None:
    """Decompress every stream of a raw PDF that is not an image, in all no more than `limit` bytes (past it,
    DecodeBudgetExceeded), and keep nothing.

    For an engine that inflates streams inside C code (PDFium), where `decode_budget` cannot count: the common
    bomb is refused with the same words as pdfminer's. Streams are found in the bytes, not parsed, so this is no
    bound (an inline image, an encrypted stream, a filter named through an indirect object get past it): the
    bound is the memory watch on the child process that PDFium reads in (`isolated`).
    """
    budget = _Budget(limit)
    decoders = {
        b"FlateDecode": _BoundedZlib(budget).decompress,
        b"LZWDecode": lambda data: _bounded_lzw(budget)(data),
        b"RunLengthDecode": lambda data: _bounded_runlength(budget, _pdfminer_decoder("runlength", "rldecode"))(data),
        b"ASCIIHexDecode": lambda data: _pdfminer_decoder("ascii85", "asciihexdecode")(data),
        b"ASCII85Decode": lambda data: _pdfminer_decoder("ascii85", "ascii85decode")(data),
    }
    for short, name in ((b"Fl", b"FlateDecode"), (b"LZW", b"LZWDecode"), (b"RL", b"RunLengthDecode"),
                        (b"AHx", b"ASCIIHexDecode"), (b"A85", b"ASCII85Decode")):  # fmt: skip
        decoders[short] = decoders[name]
    for match in _STREAM.finditer(data):
        opening = data.rfind(b"obj", max(0, match.start() - 4096), match.start())
        dictionary = data[opening + 1 if opening >= 0 else max(0, match.start() - 4096) : match.start()]
        if _IMAGE.search(dictionary):
            continue  # images are not decoded to read text
        end = data.find(b"endstream", match.end())
        content = data[match.end() : end if end >= 0 else len(data)]
        found = _FILTER.findall(dictionary)
        if found:
            names = _NAME.findall(found[-1])
        elif b"/Filter" in dictionary and content[:1] == b"x":  # a filter named elsewhere: zlib data is guessed
            names = [b"FlateDecode"]
        else:
            continue
        for name in names:
            decode = decoders.get(name)
            if decode is None:  # an image codec or encryption: nothing more to inflate
                break
            try:
                content = decode(content)
            except DecodeBudgetExceeded:
                raise
            except Exception:  # damaged data: what it would give is bounded by what was counted
                break


def _pdfminer_decoder(module: str, name: str) -> Any:
    """Return one of pdfminer's stream decoders, imported only when a stream needs it."""
    import importlib

    return getattr(importlib.import_module(f"pdfminer.{module}"), name)
