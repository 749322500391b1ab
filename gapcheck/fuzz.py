"""Fuzz the read stage with broken PDFs: every case must end in text or one InputError, never a crash or a hang.

    python -m gapcheck.fuzz --cases 2000 --seed 1
    python -m gapcheck.fuzz --cases 2000 --pdf-engine pdfium     # the same cases read with PDFium

Seeds are small PDFs written here by hand (text pages, compressed streams, an object stream) and, when found,
the sample resumes in tests/fixtures/. Each case applies one to three seeded mutations to one seed (truncation,
flipped bytes, a broken xref, 10,000 nested arrays, a bogus /Filter, a lying /Length, ...) and reads the result
with `read_document`, under a per-case time bound. The command prints how many cases ended in each outcome and
exits 1 if any ended in an unhandled exception, a multi-line error or a timeout. Case `i` of seed `s` is the
same bytes on every machine, so a failure is replayed with `--only i`.

The builders (`build_pdf`, `text_pdf`, `many_pages_pdf`, `flate_bomb_pdf`, `glyph_bomb_pdf`) are also used by
the tests.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from gapcheck.deadline import time_limit

DEFAULT_CASES = 2000
DEFAULT_SEED = 9
DEFAULT_TIMEOUT = 60.0
FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"

# --------------------------------------------------------------------------------------------- building PDFs


def build_pdf(objects: Sequence[bytes], *, root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """Return a PDF whose object i+1 is `objects[i]` (the body between `obj` and `endobj`), with a valid xref."""
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        trailer_extra,
        xref,
    )
    return bytes(out)


def stream(data: bytes, attrs: bytes = b"", *, compress: bool = False) -> bytes:
    """Return the body of a stream object holding `data`, Flate-compressed if asked."""
    if compress:
        data = zlib.compress(data)
        attrs += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), attrs) + data + b"\nendstream"


def _escape_pdf_text(text: str) -> bytes:
    raw = text.encode("latin-1", "replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def page_content(lines: Sequence[str]) -> bytes:
    """Return a content stream that writes `lines` top-down in Helvetica 11."""
    parts = [b"BT /F1 11 Tf 14 TL 72 760 Td"]
    parts += [b"(" + _escape_pdf_text(line) + b") Tj T*" for line in lines]
    parts.append(b"ET")
    return b"\n".join(parts)


def text_pdf(pages: Sequence[Sequence[str]], *, compress: bool = True) -> bytes:
    """Return a PDF with one page per item of `pages`, each writing its lines in a standard font."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 "
                            b"/BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]  # fmt: skip
    kids = []
    for lines in pages:
        objects.append(stream(page_content(lines), compress=compress))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents %d 0 R >>" % len(objects)
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    return build_pdf(objects)


def object_stream_pdf(lines: Sequence[str]) -> bytes:
    """Return a one-page PDF 1.5 whose catalog, page tree, page and font sit in a compressed object stream."""
    inner = [
        b"<< /Type /Catalog /Pages 3 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    header, body, offset = [], b"", 0
    for number, item in enumerate(inner, 2):
        header.append(b"%d %d" % (number, offset))
        body += item + b"\n"
        offset += len(item) + 1
    head = b" ".join(header) + b"\n"
    objstm = stream(head + body, b" /Type /ObjStm /N %d /First %d" % (len(inner), len(head)), compress=True)
    content = stream(page_content(lines), compress=True)
    # Objects 2-5 live in object 1; a classic xref cannot point into it, so this relies on pdfminer's
    # fallback scan, which finds object streams: a seed that exercises that path on purpose.
    pdf = bytearray(b"%PDF-1.5\n")
    pdf += b"1 0 obj\n" + objstm + b"\nendobj\n6 0 obj\n" + content + b"\nendobj\n"
    pdf += b"trailer\n<< /Size 7 /Root 2 0 R >>\n%%EOF\n"
    return bytes(pdf)


def many_pages_pdf(count: int) -> bytes:
    """Return a PDF of `count` pages that all share one small content stream, written by hand in a blink."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               stream(page_content(["Page of a very long document. Python, SQL."]))]  # fmt: skip
    first = len(objects) + 1
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
    page += b"/Contents 4 0 R >>"
    objects += [page] * count
    kids = b" ".join(b"%d 0 R" % number for number in range(first, first + count))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count)
    return build_pdf(objects)


def flate_bomb_pdf(decompressed_bytes: int, *, fill: bytes = b" ") -> bytes:
    """Return a one-page PDF whose content stream inflates to about `decompressed_bytes` of `fill`."""
    chunk = fill * (1 << 20)
    prefix = b"BT /F1 11 Tf 72 760 Td (Decompression bomb) Tj ET\n"
    data = _repeated_deflate(prefix, chunk, max(1, decompressed_bytes // len(chunk)))
    return _one_page_pdf(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")


def inline_image_bomb_pdf(decompressed_bytes: int) -> bytes:
    """Return a one-page PDF whose content stream holds an inline image that inflates to about
    `decompressed_bytes` of zeros: a scan of the file's streams never sees it, only a reader of the page does."""
    chunk = b"\0" * (1 << 20)
    repeats = max(1, decompressed_bytes // len(chunk))
    image = _repeated_deflate(b"", chunk, repeats)
    content = (
        b"BT /F1 11 Tf 72 760 Td (Inline bomb) Tj ET\nq 10 0 0 10 0 0 cm "
        b"BI /W 16384 /H %d /CS /G /BPC 8 /F /Fl ID\n" % (repeats * 64) + image + b"\nEI Q\n"
    )
    return _one_page_pdf(stream(content, compress=True))


def _repeated_deflate(prefix: bytes, chunk: bytes, repeats: int) -> bytes:
    """Return zlib data of `prefix` and then `chunk` `repeats` times, made in a fraction of a second.

    A megabyte of one byte deflates to about a kilobyte; after a full flush the deflater starts afresh, so that
    kilobyte is written once and repeated. The checksum is computed over the repeats: the data is valid to its end.
    """
    head = zlib.compressobj(9)
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)  # no zlib header: a segment to repeat
    segment = raw.compress(chunk) + raw.flush(zlib.Z_FULL_FLUSH)
    checksum = zlib.adler32(prefix)
    for _ in range(repeats):
        checksum = zlib.adler32(chunk, checksum)
    # A final, empty fixed-Huffman block (bits 1, 01, then the 7-bit end code) and the checksum close it.
    data = head.compress(prefix) + head.flush(zlib.Z_FULL_FLUSH) + segment * repeats + b"\x03\x00"
    return data + checksum.to_bytes(4, "big")


def _one_page_pdf(contents: bytes) -> bytes:
    """Return a PDF of one page in Helvetica whose content stream is the object `contents`."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
        b"/Contents 5 0 R >>",
        contents,
    ]
    return build_pdf(objects)


def glyph_bomb_pdf(pages: int, glyphs: int) -> bytes:
    """Return a PDF of `pages` pages that all share one small content stream drawing `glyphs` glyphs."""
    content = stream(b"BT /F1 2 Tf 0 0 Td (" + b"x" * glyphs + b") Tj ET", compress=True)
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
    page += b"/Contents 4 0 R >>"
    kids = b" ".join(b"%d 0 R" % number for number in range(5, 5 + pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", content, *[page] * pages]  # fmt: skip
    return build_pdf(objects)


SEED_LINES = [
    "Jane Example",
    "Summary",
    "Data scientist with five years of Python, SQL and machine learning.",
    "Experience",
    "- Built forecasting models with scikit-learn and pandas; deployed them with Docker on AWS.",
    "Education",
    "MSc Statistics, 2019",
    "Skills",
    "Python, R, SQL, PyTorch, Kubernetes, Git",
]


def builtin_seeds() -> dict[str, bytes]:
    """Return the hand-written seed PDFs, small so that a case reads in milliseconds."""
    return {
        "text-compressed": text_pdf([SEED_LINES]),
        "text-plain": text_pdf([SEED_LINES], compress=False),
        "two-pages": text_pdf([SEED_LINES[:5], SEED_LINES[5:]]),
        "object-stream": object_stream_pdf(SEED_LINES),
        "twelve-pages": many_pages_pdf(12),
    }


def load_seeds(fixtures: Path | None = FIXTURES) -> dict[str, bytes]:
    """Return the built-in seeds plus every PDF in `fixtures` (the sample resumes), by name."""
    seeds = builtin_seeds()
    if fixtures is not None and fixtures.is_dir():
        for path in sorted(fixtures.glob("*.pdf")):
            seeds[path.name] = path.read_bytes()
    return seeds


# ------------------------------------------------------------------------------------------------ mutations

Mutation = Callable[[bytes, random.Random], bytes]

_STREAM = re.compile(rb"stream\r?\n")
_NUMBER = re.compile(rb"(?<![\w.])-?\d+(?![\w.])")
_NAME = re.compile(rb"/[A-Za-z][A-Za-z0-9]*")
_DICT_KEY_VALUE = re.compile(rb"/(Length|Count|N|First|Size|Prev|W|Index|Columns|Predictor|Colors|BitsPerComponent)"
                             rb"\s+(-?\d+)")  # fmt: skip
_FILTER = re.compile(rb"/Filter\s*(/\w+|\[[^\]]*\])")
_BOGUS_FILTERS = (b"/LZWDecode", b"/ASCII85Decode", b"/ASCIIHexDecode", b"/RunLengthDecode", b"/CCITTFaxDecode",
                  b"/DCTDecode", b"/JBIG2Decode", b"/Crypt", b"/Nonsense", b"[/FlateDecode /FlateDecode]",
                  b"[/ASCII85Decode /LZWDecode /FlateDecode]", b"[]", b"42", b"(FlateDecode)",
                  b"/FlateDecode /DecodeParms << /Predictor 15 /Columns 0 >>",
                  b"/FlateDecode /DecodeParms << /Predictor 2 /Colors 99999 /Columns -3 /BitsPerComponent 0 >>",
                  b"/FlateDecode /DecodeParms [null]")  # fmt: skip
_EXTREME_NUMBERS = (b"0", b"-1", b"-2147483649", b"2147483648", b"99999999999999999999999", b"1e308", b"3.5",
                    b"007", b"+", b"-", b".", b"1.2.3", b"NaN", b"65535", b"4294967296")  # fmt: skip
_JUNK_TOKENS = (b"<<", b">>", b"[", b"]", b"(", b")", b"<", b">", b"{", b"}", b"/", b"\\", b"obj", b"endobj",
                b"stream", b"endstream", b"R", b"0 R", b"999999 0 R", b"xref", b"trailer", b"startxref",
                b"%%EOF", b"null", b"true", b"\x00", b"\xff\xfe", b"%PDF-1.7", b"BT", b"ET", b"Tj", b"TJ", b"Do",
                b"BI ID EI", b"/Type /Page", b"/Type /Pages", b"/Kids [1 0 R]", b"/Parent 2 0 R")  # fmt: skip


def truncate(data: bytes, rng: random.Random) -> bytes:
    """Cut the file short (a failed download)."""
    return data[: rng.randrange(0, len(data))]


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    """Flip random bits in up to 32 random bytes (a bad disk, a bad transfer)."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 32)):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def random_bytes(data: bytes, rng: random.Random) -> bytes:
    """Overwrite a run of bytes with random ones."""
    start = rng.randrange(len(data))
    length = min(rng.randint(1, 4096), len(data) - start)
    return data[:start] + rng.randbytes(length) + data[start + length :]


def delete_range(data: bytes, rng: random.Random) -> bytes:
    """Delete a run of bytes."""
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randint(1, 2048) :]


def insert_junk(data: bytes, rng: random.Random) -> bytes:
    """Insert PDF syntax out of place, or random bytes."""
    junk = rng.choice(_JUNK_TOKENS) if rng.random() < 0.7 else rng.randbytes(rng.randint(1, 512))
    at = rng.randrange(len(data) + 1)
    return data[:at] + b" " + junk + b" " + data[at:]


def duplicate_chunk(data: bytes, rng: random.Random) -> bytes:
    """Repeat a chunk of the file in another place (objects defined twice, streams overlapping)."""
    start = rng.randrange(len(data))
    chunk = data[start : start + rng.randint(1, 8192)]
    at = rng.randrange(len(data) + 1)
    return data[:at] + chunk * rng.randint(1, 4) + data[at:]


def break_xref(data: bytes, rng: random.Random) -> bytes:
    """Break the cross-reference table: a wrong startxref, shifted offsets, or no table at all."""
    choice = rng.randrange(4)
    if choice == 0:
        return re.sub(rb"startxref\s+\d+", b"startxref\n%d" % rng.randrange(len(data) * 2), data)
    if choice == 1:
        return re.sub(rb"(\d{10}) (\d{5}) n", lambda m: b"%010d %s n" % (rng.randrange(len(data) + 100),
                      m.group(2)), data)  # fmt: skip
    if choice == 2:
        return re.sub(rb"xref\s.*?trailer", b"trailer", data, flags=re.DOTALL)
    return re.sub(rb"/Prev\s+\d+|/Size\s+\d+", b"/Prev %d" % rng.randrange(len(data)), data)


def deep_nesting(data: bytes, rng: random.Random) -> bytes:
    """Put 10,000 nested arrays or dictionaries where an object's value should be."""
    depth = rng.choice((1000, 10_000, 50_000))
    opener, closer = rng.choice(((b"[", b"]"), (b"<< /A ", b">>"), (b"[<< /K ", b">>]")))
    balanced = rng.random() < 0.5
    nested = opener * depth + (closer * depth if balanced else b"")
    spots = [m.end() for m in re.finditer(rb"\d+ 0 obj\s*", data)] or [len(data) // 2]
    at = rng.choice(spots)
    return data[:at] + nested + b"\n" + data[at:]


def bogus_filter(data: bytes, rng: random.Random) -> bytes:
    """Replace a stream's /Filter with another, a chain, an unknown one, or broken predictor parameters."""
    found = list(_FILTER.finditer(data))
    bogus = rng.choice(_BOGUS_FILTERS)
    if not found:
        match = _STREAM.search(data)
        if match is None:
            return data
        at = data.rfind(b">>", 0, match.start())
        return data[:at] + b" /Filter " + bogus + b" " + data[at:] if at > 0 else data
    target = rng.choice(found)
    return data[: target.start()] + b"/Filter " + bogus + data[target.end() :]


def wrong_number(data: bytes, rng: random.Random) -> bytes:
    """Give a structural number (/Length, /Count, /N, /First, /Size, /W...) a lying or absurd value."""
    found = list(_DICT_KEY_VALUE.finditer(data))
    if not found:
        found = list(_NUMBER.finditer(data))
        if not found:
            return data
        target = rng.choice(found)
        return data[: target.start()] + rng.choice(_EXTREME_NUMBERS) + data[target.end() :]
    target = rng.choice(found)
    value = rng.choice((*_EXTREME_NUMBERS, b"%d" % rng.randrange(1 << 31), b"%d" % (int(target.group(2)) + 7)))
    return data[: target.start(2)] + value + data[target.end(2) :]


def swap_names(data: bytes, rng: random.Random) -> bytes:
    """Swap PDF names (/Page for /Font, /Contents for /Kids...), breaking the object types."""
    found = list(_NAME.finditer(data))
    if len(found) < 2:
        return data
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        target, other = rng.choice(found), rng.choice(found)
        out[target.start() : target.end()] = other.group().ljust(len(target.group()))[: len(target.group())]
    return bytes(out)


def self_reference(data: bytes, rng: random.Random) -> bytes:
    """Make the page tree point at itself or at a page as its own parent (reference loops)."""
    numbers = [int(m.group(1)) for m in re.finditer(rb"(\d+) 0 obj", data)] or [1]
    target = rng.choice(numbers)
    choice = rng.randrange(3)
    if choice == 0:
        return re.sub(rb"/Kids\s*\[", b"/Kids [%d 0 R " % target, data, count=1)
    if choice == 1:
        return re.sub(rb"/Parent\s+\d+ 0 R", b"/Parent %d 0 R" % target, data)
    return re.sub(rb"/Contents\s+\d+ 0 R", b"/Contents [%d 0 R %d 0 R]" % (target, target), data, count=1)


def huge_object_stream(data: bytes, rng: random.Random) -> bytes:
    """Append an object stream that claims a huge number of objects, or holds thousands of them."""
    count = rng.choice((100_000, 1_000_000, 2**31))
    if rng.random() < 0.5:
        head = b" ".join(b"%d %d" % (1000 + i, i * 4) for i in range(20_000)) + b"\n"
        body = head + b"null" * 20_000
        attrs = b" /Type /ObjStm /N 20000 /First %d" % len(head)
    else:
        body = b"1 0 2 5\n<< >> [ ]"
        attrs = b" /Type /ObjStm /N %d /First 8" % count
    extra = b"\n900 0 obj\n" + stream(body, attrs, compress=True) + b"\nendobj\n"
    at = data.rfind(b"xref")
    at = at if at > 0 else len(data)
    return data[:at] + extra + data[at:]


def corrupt_stream_data(data: bytes, rng: random.Random) -> bytes:
    """Damage the bytes inside one stream (a compressed font or content stream no longer inflates)."""
    found = list(_STREAM.finditer(data))
    if not found:
        return flip_bytes(data, rng)
    start = rng.choice(found).end()
    end = data.find(b"endstream", start)
    end = end if end > start else min(len(data), start + 1000)
    if end - start < 2:
        return data
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(start, end)] = rng.randrange(256)
    return bytes(out)


def text_operators(data: bytes, rng: random.Random) -> bytes:
    """Add a page content stream of odd text operators: huge font sizes, strange matrices, endless TJ arrays."""
    ops = rng.choice((
        b"BT /F1 1e30 Tf 0 0 Td (overflow) Tj ET",
        b"BT /F1 11 Tf 0 0 0 0 0 0 Tm (singular matrix) Tj ET",
        b"BT /F1 11 Tf [" + b"(a) -99999 " * 20_000 + b"] TJ ET",
        b"BT /F9 11 Tf (no such font) Tj ET",
        b"q " * 5000 + b"BT /F1 11 Tf (deep graphics state) Tj ET" + b" Q" * 5000,
        b"BT /F1 11 Tf (" + b"x" * 200_000 + b") Tj ET",
        b"BT /F1 11 Tf <" + b"0" * 9999 + b"> Tj ET",
        b"/Im1 Do /NoSuch Do BI /W 1 /H 1 ID \x00 EI",
    ))  # fmt: skip
    return re.sub(rb"BT\b", ops.replace(b"\\", b"\\\\") + b" BT", data, count=1) if b"BT" in data else data + ops


MUTATIONS: dict[str, Mutation] = {
    "truncate": truncate,
    "flip-bytes": flip_bytes,
    "random-bytes": random_bytes,
    "delete-range": delete_range,
    "insert-junk": insert_junk,
    "duplicate-chunk": duplicate_chunk,
    "break-xref": break_xref,
    "deep-nesting": deep_nesting,
    "bogus-filter": bogus_filter,
    "wrong-number": wrong_number,
    "swap-names": swap_names,
    "self-reference": self_reference,
    "huge-object-stream": huge_object_stream,
    "corrupt-stream-data": corrupt_stream_data,
    "text-operators": text_operators,
}


@dataclass(frozen=True)
class Case:
    """One fuzz case: which seed, which mutations, and the bytes they make."""

    index: int
    seed_name: str
    mutations: tuple[str, ...]
    data: bytes


def make_case(seeds: dict[str, bytes], seed: int, index: int) -> Case:
    """Return case `index` of run `seed`: the same bytes for the same seeds, on every machine."""
    rng = random.Random(f"gapcheck-fuzz:{seed}:{index}")
    fixtures = sorted(name for name in seeds if name.endswith(".pdf"))
    built_in = sorted(name for name in seeds if not name.endswith(".pdf"))
    # The real resumes take ~0.5 s a case, the hand-written seeds ~0.02 s: a third of the cases use the former.
    seed_name = rng.choice(fixtures if fixtures and (rng.random() < 0.35 or not built_in) else built_in)
    data = seeds[seed_name]
    applied = []
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        name = rng.choice(sorted(MUTATIONS))
        if data:
            data = MUTATIONS[name](data, rng)
        applied.append(name)
    return Case(index, seed_name, tuple(applied), data)


# -------------------------------------------------------------------------------------------------- running


class CaseTimeout(BaseException):
    """A case ran past its time bound (a BaseException, so that no `except Exception` in the reader hides it)."""


def time_bound(seconds: float) -> AbstractContextManager[None]:
    """Raise CaseTimeout in this block after `seconds` (POSIX, main thread; no bound elsewhere)."""
    return time_limit(seconds, CaseTimeout)


@dataclass(frozen=True)
class Result:
    """How one case ended: `outcome` is "text", an error class name, "unhandled ..." or "timeout"."""

    index: int
    outcome: str
    ok: bool
    seconds: float
    detail: str = ""


def run_case(case: Case, folder: Path, timeout: float = DEFAULT_TIMEOUT, engine: str = "pdfminer") -> Result:
    """Read the case's bytes as a .pdf file with the PDF `engine` and classify the ending."""
    from gapcheck.errors import GapcheckError
    from gapcheck.ingest import Limits, read_document

    path = folder / f"case-{case.index}.pdf"
    path.write_bytes(case.data)
    started = time.perf_counter()
    try:
        with time_bound(timeout):
            document = read_document(path, limits=Limits(pdf_engine=engine))
        outcome, ok, detail = "text", bool(document.text.strip()), ""
    except CaseTimeout:
        outcome, ok, detail = "timeout", False, f"no result after {timeout:g} s"
    except GapcheckError as error:
        message = str(error)
        one_line = "\n" not in message and message.startswith(f"{path}: ") and len(message) < 400
        outcome, ok = type(error).__name__, one_line
        detail = _reason(message[len(str(path)) + 2 :]) if one_line else f"bad message: {message!r}"
    except RecursionError as error:
        outcome, ok, detail = "unhandled RecursionError", False, str(error)[:200]
    except Exception as error:  # noqa: BLE001 - this is what the fuzzer looks for
        outcome, ok, detail = f"unhandled {type(error).__name__}", False, str(error)[:200]
    finally:
        path.unlink(missing_ok=True)
    return Result(case.index, outcome, ok, time.perf_counter() - started, detail)


def _reason(message: str) -> str:
    """The kind of an error message, for counting: numbers and quoted details left out."""
    kind = re.sub(r"\d[\d,.]*", "N", message)
    kind = re.sub(r"(\(\w+(Error|Exception|Warning)?)[:)].*", r"\1)", kind)
    return kind[:90]


def _run_chunk(
    args: tuple[dict[str, bytes], int, list[int], float, str],
) -> list[tuple[Result, str, tuple[str, ...]]]:
    seeds, seed, indexes, timeout, engine = args
    results = []
    with tempfile.TemporaryDirectory(prefix="gapcheck-fuzz-") as folder:
        for index in indexes:
            case = make_case(seeds, seed, index)
            results.append((run_case(case, Path(folder), timeout, engine), case.seed_name, case.mutations))
    return results


@dataclass
class Report:
    """Counts of a fuzz run and the cases that failed."""

    outcomes: Counter[str]
    reasons: Counter[str]
    failures: list[tuple[Result, str, tuple[str, ...]]]
    slowest: list[tuple[Result, str, tuple[str, ...]]]
    seconds: float

    @property
    def ok(self) -> bool:
        return not self.failures


def run_fuzz(
    cases: int = DEFAULT_CASES,
    seed: int = DEFAULT_SEED,
    *,
    workers: int = 1,
    timeout: float = DEFAULT_TIMEOUT,
    fixtures: Path | None = FIXTURES,
    only: Sequence[int] | None = None,
    engine: str = "pdfminer",
) -> Report:
    """Run the cases (in `workers` processes, read with the PDF `engine`) and return the count of each outcome
    and every failure."""
    seeds = load_seeds(fixtures)
    indexes = list(only) if only else list(range(cases))
    started = time.perf_counter()
    results: list[tuple[Result, str, tuple[str, ...]]] = []
    if workers <= 1:
        results = _run_chunk((seeds, seed, indexes, timeout, engine))
    else:
        chunks = [indexes[i :: workers * 8] for i in range(workers * 8)]
        with ProcessPoolExecutor(workers) as pool:
            for part in pool.map(_run_chunk, [(seeds, seed, chunk, timeout, engine) for chunk in chunks if chunk]):
                results.extend(part)
    results.sort(key=lambda item: item[0].index)
    outcomes = Counter(result.outcome for result, _, _ in results)
    reasons = Counter(f"{r.outcome}: {r.detail}" for r, _, _ in results if r.ok and r.outcome != "text")
    failures = [item for item in results if not item[0].ok]
    slowest = sorted(results, key=lambda item: -item[0].seconds)[:5]
    return Report(outcomes, reasons, failures, slowest, time.perf_counter() - started)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the fuzzer from the command line; return 0 when every case ended in text or one clean error."""
    parser = argparse.ArgumentParser(prog="python -m gapcheck.fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=DEFAULT_CASES, help="number of cases (default %(default)s)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="run seed (default %(default)s)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes (default: all cores)")
    parser.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per case (default 60, as batch --timeout)"
    )
    parser.add_argument("--fixtures", type=Path, default=FIXTURES, help="folder of seed PDFs besides the built-in")
    parser.add_argument("--only", type=int, nargs="+", help="replay these case numbers")
    parser.add_argument("--reasons", action="store_true", help="also count the errors by message")
    parser.add_argument("--save", type=Path, help="write the failing cases' bytes into this folder")
    parser.add_argument("--pdf-engine", choices=["pdfminer", "pdfium"], default="pdfminer", help="the PDF reader")
    args = parser.parse_args(argv)
    report = run_fuzz(
        args.cases,
        args.seed,
        workers=args.workers,
        timeout=args.timeout,
        fixtures=args.fixtures,
        only=args.only,
        engine=args.pdf_engine,
    )
    total = sum(report.outcomes.values())
    print(f"gapcheck fuzz: {total} cases, seed {args.seed}, {args.pdf_engine}, {report.seconds:.1f} s")
    for outcome, count in report.outcomes.most_common():
        print(f"  {count:6}  {outcome}")
    if args.reasons:
        print("errors by kind:")
        for reason, count in report.reasons.most_common():
            print(f"  {count:6}  {reason}")
    print("slowest: " + ", ".join(f"#{r.index} {r.seconds:.2f} s ({s}: {'+'.join(m)})" for r, s, m in report.slowest))
    if args.save and report.failures:
        args.save.mkdir(parents=True, exist_ok=True)
        seeds = load_seeds(args.fixtures)
        for result, _, _ in report.failures:
            (args.save / f"case-{result.index}.pdf").write_bytes(make_case(seeds, args.seed, result.index).data)
    for result, seed_name, mutations in report.failures:
        print(f"FAIL #{result.index} ({seed_name}: {' + '.join(mutations)}): {result.outcome}: {result.detail}")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
