"""Read the text of a PDF with pdfminer.six, in reading order, page by page.

One pass of pdfminer's layout analysis gives positioned text lines; `columns.reading_order` orders them. Boxes
are not grouped by pdfminer (`boxes_flow=None`): that hierarchical grouping is the slow part of its analysis and
our own ordering replaces it. pdfminer is imported inside the functions so that `gapcheck --help` stays fast.
Every failure inside pdfminer, whatever its type, becomes an `InputError` that names the file.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING, Any

from gapcheck.errors import InputError, NoTextLayer
from gapcheck.ingest.columns import TextLine, reading_order
from gapcheck.ingest.limits import DEFAULT_LIMITS, Limits
from gapcheck.ingest.sections import heading_of_line

if TYPE_CHECKING:
    from pdfminer.layout import LAParams

# Glyphs, shapes and images a document may draw, per page of --max-pages: a dense page of 9 pt text has about
# 6,000 glyphs; at pdfminer's 50-80 µs a glyph the default 20 pages cost at most ~10-15 s.
DRAWINGS_PER_PAGE = 10_000

# Fonts made of pictograms (phone, e-mail, GitHub logos): their glyphs are not text.
ICON_FONT = re.compile(
    r"awesome|icomoon|glyphicon|octicon|ionicon|academicons|fontello|devicon|simple-?icons|"
    r"material-?(icons|symbols)|remixicon|bootstrap-?icons|lucide|tabler|feather|linearicons",
    re.IGNORECASE,
)


@dataclass
class PdfText:
    """The rows of text of each page, in reading order, and notes on how they were read."""

    pages: list[list[str]]
    two_column_pages: list[int] = field(default_factory=list)
    removed: Counter[str] = field(default_factory=Counter)
    diagnostics: list[str] = field(default_factory=list)


def layout_params() -> LAParams:
    """Return the LAParams for resumes: pdfminer's line detection, no box grouping (we order lines ourselves)."""
    from pdfminer.layout import LAParams

    return LAParams(line_overlap=0.5, char_margin=2.0, line_margin=0.5, word_margin=0.1, boxes_flow=None,
                    all_texts=True)  # fmt: skip


def read_pdf(data: bytes, source: str, limits: Limits = DEFAULT_LIMITS) -> PdfText:
    """Return the text rows of every page of a PDF held in `data`; `source` names it in errors."""
    from gapcheck.ingest.inflate import DecodeBudgetExceeded, decode_budget

    with _quiet_pdfminer() as pdfminer_notes, decode_budget() as budget:
        try:
            result = _read_pages(data, source, limits)
            if budget.exceeded:  # pdfminer caught the error somewhere and carried on
                raise DecodeBudgetExceeded(f"its streams decompress to more than {budget.limit:,} bytes")
        except InputError:
            raise
        except (DecodeBudgetExceeded, _TooManyDrawings) as error:  # a decompression bomb, a glyph bomb
            raise InputError(f"{source}: is not a readable PDF ({error}, the limit)") from None
        except Exception as error:  # pdfminer raises anything on broken files: KeyError, RecursionError, ...
            raise _as_input_error(error, source) from error
    result.diagnostics.extend(pdfminer_notes)
    if not any(any(row for row in page) for page in result.pages):
        raise NoTextLayer(f"{source}: no text layer: run OCR first")
    blank = [str(number) for number, page in enumerate(result.pages, 1) if not any(page)]
    if blank:
        result.diagnostics.append(f"no text on page {', '.join(blank)} (a scanned image? run OCR first)")
    return result


def _read_pages(data: bytes, source: str, limits: Limits) -> PdfText:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    document = PDFDocument(PDFParser(io.BytesIO(data)))
    # Listing the pages only reads the page tree: the limit is checked before any page is laid out.
    pages = list(islice(PDFPage.create_pages(document), limits.max_pages + 1))
    if len(pages) > limits.max_pages:
        raise InputError(f"{source}: has more than {limits.max_pages} pages, the limit (raise it with --max-pages)")
    if not pages:
        raise InputError(f"{source}: is not a readable PDF (it has no pages)")
    resources = PDFResourceManager(caching=True)
    device = _counting_aggregator(PDFPageAggregator)(resources, laparams=layout_params())
    device.budget = DRAWINGS_PER_PAGE * limits.max_pages
    interpreter = PDFPageInterpreter(resources, device)
    result = PdfText(pages=[])
    for number, page in enumerate(pages, 1):
        interpreter.process_page(page)
        layout = device.get_result()
        lines = list(_text_lines(layout, result.removed))
        rows, two_columns = reading_order(lines, layout.width, _is_heading)
        result.pages.append(rows)
        if two_columns:
            result.two_column_pages.append(number)
    return result


class _TooManyDrawings(Exception):
    pass


def _counting_aggregator(base: type) -> type:
    """Return a PDFPageAggregator that stops once the document has drawn `budget` glyphs, shapes and images.

    pdfminer spends ~50 µs laying out each glyph, and a small file can draw a great many: one long string, one
    content stream shared by every page, forms that draw forms ten times over. Counting bounds that work.
    """

    class CountingAggregator(base):  # type: ignore[misc, valid-type]
        budget = 0
        drawn = 0

        def _count(self) -> None:
            self.drawn += 1
            if self.drawn > self.budget:
                raise _TooManyDrawings(f"it draws more than {self.budget:,} glyphs and shapes")

        def render_char(self, *args: Any, **kwargs: Any) -> Any:
            self._count()
            return super().render_char(*args, **kwargs)

        def paint_path(self, *args: Any, **kwargs: Any) -> Any:
            self._count()
            return super().paint_path(*args, **kwargs)

        def render_image(self, *args: Any, **kwargs: Any) -> Any:
            self._count()
            return super().render_image(*args, **kwargs)

    return CountingAggregator


def _is_heading(text: str) -> bool:
    return heading_of_line(text) is not None


def _text_lines(container: Any, removed: Counter[str]) -> Iterator[TextLine]:
    """Yield every horizontal text line in a page (also inside figures), icon-font glyphs left out."""
    from pdfminer.layout import LTChar, LTTextLineHorizontal

    for item in container:
        if isinstance(item, LTTextLineHorizontal):
            text = []
            for char in item:
                glyph = char.get_text()
                if isinstance(char, LTChar) and _is_icon_font(char.fontname):
                    removed["icon-font"] += 1
                    continue
                if glyph.startswith("(cid:"):
                    removed["cid"] += 1
                    continue
                text.append(glyph)
            line = "".join(text).strip()
            if line:
                yield TextLine(item.x0, item.y0, item.x1, item.y1, line)
        elif hasattr(item, "__iter__") and not isinstance(item, LTChar):
            yield from _text_lines(item, removed)


@lru_cache(maxsize=256)
def _is_icon_font(fontname: str) -> bool:
    return ICON_FONT.search(fontname) is not None


def _as_input_error(error: Exception, source: str) -> InputError:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    if isinstance(error, PDFPasswordIncorrect):
        return InputError(f"{source}: is encrypted with a password: save an unprotected copy first")
    if isinstance(error, PDFEncryptionError):
        return InputError(f"{source}: is encrypted in a way gapcheck cannot read ({error})")
    detail = str(error).strip().splitlines()[0][:120] if str(error).strip() else ""
    reason = f"{type(error).__name__}: {detail}" if detail else type(error).__name__
    return InputError(f"{source}: is not a readable PDF ({reason})")


@contextmanager
def _quiet_pdfminer() -> Iterator[list[str]]:
    """Keep pdfminer's warnings off stderr and yield them, counted, as notes for the diagnostics."""
    logger = logging.getLogger("pdfminer")
    messages: Counter[str] = Counter()

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages[record.getMessage()[:200]] += 1

    handler = Collect(logging.WARNING)
    saved = (logger.level, logger.propagate)
    # A WARNING level also spares the cost of pdfminer's many debug() calls.
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    logger.addHandler(handler)
    notes: list[str] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield notes
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
        notes.extend(
            f"pdfminer: {message}" + (f" ({count} times)" if count > 1 else "") for message, count in messages.items()
        )
