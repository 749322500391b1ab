"""The seams where gapcheck relies on its PDF libraries' internals, tested so that a new release that moves them
fails here (and pyproject.toml's upper bounds on pdfminer.six and pypdfium2 are raised only once this passes).

- ingest/inflate.py swaps the decoders pdfminer.pdftypes looks up (zlib, lzwdecode, rldecode) for counting ones.
- ingest/pdf.py charges each glyph, shape and image through PDFPageAggregator's render_char, paint_path and
  render_image.
- ingest/pdfium.py calls PDFium's per-character functions through its own ctypes signatures.
"""

from __future__ import annotations

import ctypes
import io
import zlib

import pytest

from gapcheck import fuzz
from gapcheck.ingest.inflate import DecodeBudgetExceeded, decode_budget

BUDGET = 1_000


def lzw_run(codes: int) -> bytes:
    """LZW data (9-bit codes, as PDF writes them) that decodes to 'A', 'AA', 'AAA'...: codes*(codes+1)/2 bytes."""
    sequence = [256, 65, *range(258, 258 + codes - 1)]
    bits = "".join(format(code, "09b") for code in sequence)
    bits += "0" * (-len(bits) % 8)
    return bytes(int(bits[i : i + 8], 2) for i in range(0, len(bits), 8))


STREAMS = {
    "FlateDecode": zlib.compress(b" " * 50_000),
    "LZWDecode": lzw_run(200),  # 20,100 bytes
    "RunLengthDecode": bytes([129, 0x41]) * 100 + bytes([128]),  # 100 runs of 128: 12,800 bytes
}


@pytest.mark.parametrize("name", sorted(STREAMS))
def test_pdfminer_decodes_streams_through_the_counting_decoders(name):
    from pdfminer.pdftypes import PDFStream
    from pdfminer.psparser import LIT

    def stream() -> PDFStream:
        return PDFStream({"Filter": LIT(name)}, STREAMS[name])

    assert len(stream().get_data()) > 10 * BUDGET  # the data is sound: outside the budget it decodes whole
    with pytest.raises(DecodeBudgetExceeded), decode_budget(BUDGET) as budget:
        stream().get_data()
    assert budget.exceeded


def test_pdfminer_lays_out_every_glyph_through_the_counted_hooks():
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    from gapcheck.ingest.pdf import _counting_aggregator

    text = "Python and SQL"

    def spent_with(room: int) -> list[int]:
        spent: list[int] = []
        resources = PDFResourceManager()
        device = _counting_aggregator(PDFPageAggregator)(resources, laparams=LAParams())
        device.spend, device.room = spent.append, lambda: room
        interpreter = PDFPageInterpreter(resources, device)
        for page in PDFPage.get_pages(io.BytesIO(fuzz.text_pdf([[text]]))):
            interpreter.process_page(page)
        return spent

    # With room for the string, its glyphs are charged together once drawn; without, each before it is made.
    assert sum(spent_with(10**6)) == len(text) and len(spent_with(10**6)) < len(text)
    assert spent_with(0) == [1] * len(text)


# The fields of ingest/pdfium.py's `_Calls` and the PDFium functions they are made from.
PDFIUM_CALLS = {
    "unicode": "FPDFText_GetUnicode",
    "is_generated": "FPDFText_IsGenerated",
    "is_hyphen": "FPDFText_IsHyphen",
    "loose_box": "FPDFText_GetLooseCharBox",
    "text_object": "FPDFText_GetTextObject",
    "unmapped": "FPDFText_HasUnicodeMapError",
    "matrix": "FPDFText_GetMatrix",
    "font_size": "FPDFText_GetFontSize",
    "font_info": "FPDFText_GetFontInfo",
    "render_mode": "FPDFTextObj_GetTextRenderMode",
    "fill_colour": "FPDFPageObj_GetFillColor",
    "stroke_colour": "FPDFPageObj_GetStrokeColor",
}


def test_pdfium_functions_keep_the_signatures_gapcheck_calls_them_with():
    pytest.importorskip("pypdfium2", reason="the pdfium extra: pip install 'gapcheck[pdfium]'")
    import dataclasses

    import pypdfium2.raw as pdfium_c

    from gapcheck.ingest.pdfium import _per_character_calls

    calls = _per_character_calls()
    assert {field.name for field in dataclasses.fields(calls)} == set(PDFIUM_CALLS)
    for field, name in PDFIUM_CALLS.items():
        ours, theirs = getattr(calls, field), getattr(pdfium_c, name)
        assert len(ours._argtypes_) == len(theirs.argtypes), name
        for mine, real in zip(ours._argtypes_, theirs.argtypes, strict=True):
            assert ctypes.sizeof(mine) == ctypes.sizeof(real), name
        assert ctypes.sizeof(ours._restype_) == ctypes.sizeof(theirs.restype), name
