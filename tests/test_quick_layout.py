"""gapcheck.ingest.quick_layout makes pdfminer's glyphs and lines itself: held here to pdfminer's own, to the bit,
on every real PDF of the suite and on generated pages that use what a text matrix can do (rotation, character and
word spacing, horizontal scaling, rise, numbers inside a TJ array)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import fpdf
import pytest

from gapcheck.fuzz import build_pdf
from gapcheck.ingest import pdf
from gapcheck.ingest.hidden import HiddenText
from gapcheck.ingest.pdf_common import GlyphBudget

FIXTURES = Path(__file__).parent / "fixtures"
REAL = sorted(FIXTURES.glob("*.pdf")) + sorted((Path(__file__).parent / "pdfium").glob("*.pdf"))


def dump(item: Any) -> Any:
    """Everything of a laid-out item that later reading could look at."""
    fields = {key: value for key, value in vars(item).items() if key not in ("ncs", "graphicstate", "_objs")}
    children = [dump(child) for child in item] if hasattr(item, "_objs") else []
    kind = next(cls.__name__ for cls in type(item).__mro__ if cls.__module__.startswith("pdfminer"))
    return (kind, repr(sorted(fields.items())), children)


def laid_out(path: Path, quick: bool, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    monkeypatch.setattr(pdf, "QUICK_LAYOUT", quick)
    pages: list[Any] = []
    with pdf._open_pdfminer(path.read_bytes()) as document:
        hidden = HiddenText()
        for index in range(document.count_pages(20)):
            lines = document.page_lines(index, Counter(), GlyphBudget(10**6), hidden)
            layout = document.device.get_result()  # type: ignore[attr-defined]
            pages.append((dump(layout), lines))
        pages.append(repr(vars(hidden)))
    result = pdf.read_pdf(path.read_bytes(), str(path))
    pages.append((result.pages, result.two_column_pages, result.diagnostics, result.removed))
    return pages


def matrix_page(tmp_path: Path) -> Path:
    page = fpdf.FPDF(unit="pt", format="letter")
    page.add_page()
    page.set_font("helvetica", size=11)
    page.text(72, 80, "Skills: Python, SQL, Docker")
    page.set_char_spacing(1.5)
    page.text(72, 100, "Spaced out: Kubernetes")
    page.set_char_spacing(0)
    page.set_stretching(80)
    page.text(72, 120, "Narrow: TensorFlow and PyTorch")
    page.set_stretching(100)
    with page.rotation(30, 200, 300):
        page.text(200, 300, "Turned: machine learning")
    with page.rotation(180, 300, 400):
        page.text(300, 400, "Upside down: Java")
    page.char_vpos = "SUP"
    page.text(72, 140, "Raised 2")
    page.char_vpos = "LINE"
    page.set_xy(72, 160)
    page.multi_cell(300, 14, "Justified words spread over a line: " + "statistics and probability " * 6,
                    align="J")  # fmt: skip
    page.set_text_color(255, 255, 255)
    page.text(72, 500, "White words no one sees")
    page.set_text_color(0, 0, 0)
    page.set_font("helvetica", size=2)
    page.text(72, 520, "tiny words")
    return_path = tmp_path / "matrix.pdf"
    page.output(str(return_path))
    return return_path


def tj_page(tmp_path: Path) -> Path:
    """A page written by hand: a TJ array with kerning numbers, Tw word spacing, Tz scaling and Ts rise."""
    content = (
        b"BT /F1 12 Tf 72 700 Td [(Py) -120 (thon) 250 (, SQL)] TJ ET\n"
        b"BT /F1 12 Tf 2 Tw 72 680 Td (word spaced words here) Tj ET\n"
        b"BT /F1 12 Tf 150 Tz 72 660 Td (wide words) Tj ET\n"
        b"BT /F1 12 Tf 3 Ts 72 640 Td (risen words) Tj ET\n"
        b"BT /F1 12 Tf 0.5 0 0 2 72 600 Tm (scaled matrix) Tj ET\n"
        b"BT /F1 12 Tf -1 0 0 1 300 580 Tm (mirrored) Tj ET\n"
        b"BT /F1 12 Tf -100 Tz 400 560 Td (backwards) Tj ET\n"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
    ]
    path = tmp_path / "tj.pdf"
    path.write_bytes(build_pdf(objects))
    return path


@pytest.mark.parametrize("path", REAL, ids=[path.name for path in REAL])
def test_real_resumes_are_laid_out_as_pdfminer_does(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert laid_out(path, True, monkeypatch) == laid_out(path, False, monkeypatch)


@pytest.mark.parametrize("make", [matrix_page, tj_page])
def test_every_text_matrix_is_laid_out_as_pdfminer_does(
    make: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make(tmp_path)
    quick = laid_out(path, True, monkeypatch)
    assert quick == laid_out(path, False, monkeypatch)
    text = "\n".join("\n".join(page) for page in quick[-1][0])
    assert "Python" in text.replace(" ", "")  # the page was read, not refused
