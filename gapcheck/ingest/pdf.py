"""Read the text of a PDF in reading order, page by page, with pdfminer.six or, when chosen, PDFium.

An engine only opens the document, counts its pages and gives each page's positioned text lines; everything
else is done once here for both: the page limit, the glyph budget, `columns.reading_order`, the notes and the
errors (every failure, whatever its type, becomes an `InputError` that names the file). pdfminer, the default,
lives in this module: one pass of its layout analysis gives the lines. Boxes are not grouped by pdfminer
(`boxes_flow=None`): that hierarchical grouping is the slow part of its analysis and our own ordering replaces
it. PDFium (`pdfium.py`, the `gapcheck[pdfium]` extra) is faster. Both are imported inside the functions so that
`gapcheck --help` stays fast.
"""

from __future__ import annotations

import io
import logging
import math
import warnings
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Any, Protocol

from gapcheck.errors import GapcheckError, InputError, NoTextLayer, UsageError
from gapcheck.ingest.columns import TextLine, reading_order
from gapcheck.ingest.hidden import FILL_MODES, RGB, STROKE_MODES, HiddenText, PageDrawing, device_colour
from gapcheck.ingest.limits import DEFAULT_LIMITS, PDF_ENGINES, Limits
from gapcheck.ingest.pdf_common import GlyphBudget, TooManyDrawings, error_detail, is_icon_font
from gapcheck.ingest.sections import heading_of_line

# Glyphs and lines made by gapcheck.ingest.quick_layout, pdfminer's own work done with fewer calls (tests turn it
# off to hold the two to the same result).
QUICK_LAYOUT = True

if TYPE_CHECKING:
    from pdfminer.layout import LAParams

# Glyphs, shapes and images a document may draw, per page of --max-pages: a dense page of 9 pt text has about
# 6,000 glyphs; at pdfminer's 50-80 µs a glyph the default 20 pages cost at most ~10-15 s.
DRAWINGS_PER_PAGE = 10_000


@dataclass
class PdfText:
    """The rows of text of each page, in reading order, and notes on how they were read."""

    pages: list[list[str]]
    two_column_pages: list[int] = field(default_factory=list)
    removed: Counter[str] = field(default_factory=Counter)
    diagnostics: list[str] = field(default_factory=list)
    hidden: HiddenText = field(default_factory=HiddenText)  # text no reader sees, left out of the rows


class OpenPdf(Protocol):
    """An open document as an engine gives it: what `read_pdf` needs and nothing more."""

    notes: list[str]  # the engine's own warnings, complete once the document is closed

    def count_pages(self, at_most: int) -> int:
        """Return the number of pages, counting no further than `at_most` (only the page tree is read)."""
        ...

    def page_lines(
        self, index: int, removed: Counter[str], budget: GlyphBudget, hidden: HiddenText | None = None
    ) -> tuple[float, list[TextLine]]:
        """Return the width of page `index` and its horizontal text lines; `budget` is charged every glyph, and
        the text no reader can see is left out of the lines and counted in `hidden`."""
        ...


@dataclass(frozen=True)
class Engine:
    """How one PDF library opens a document and words its failures, and whether it must read in a child process
    (C code that no budget or timer here can stop midway: see `isolated`)."""

    name: str
    open: Callable[[bytes], AbstractContextManager[OpenPdf]]
    input_error: Callable[[Exception, str], InputError]
    isolated: bool = False


def layout_params() -> LAParams:
    """Return the LAParams for resumes: pdfminer's line detection, no box grouping (we order lines ourselves)."""
    from pdfminer.layout import LAParams

    return LAParams(line_overlap=0.5, char_margin=2.0, line_margin=0.5, word_margin=0.1, boxes_flow=None,
                    all_texts=True)  # fmt: skip


def read_pdf(data: bytes, source: str, limits: Limits = DEFAULT_LIMITS) -> PdfText:
    """Return the text rows of every page of a PDF held in `data`; `source` names it in errors."""
    engine = pdf_engine(limits.pdf_engine)
    if engine.isolated:
        from gapcheck.ingest.isolated import run_isolated

        return run_isolated(_read_with, engine, data, source, limits, source=source, library=engine.name)
    return _read_with(engine, data, source, limits)


def _read_with(engine: Engine, data: bytes, source: str, limits: Limits) -> PdfText:
    result = PdfText(pages=[])
    try:
        with engine.open(data) as document:
            count = document.count_pages(limits.max_pages + 1)
            if count > limits.max_pages:  # checked before any page is laid out
                raise InputError(
                    f"{source}: has more than {limits.max_pages} pages, the limit (raise it with --max-pages)"
                )
            if not count:
                raise InputError(f"{source}: is not a readable PDF (it has no pages)")
            budget = GlyphBudget(DRAWINGS_PER_PAGE * limits.max_pages)
            for index in range(count):
                width, lines = document.page_lines(index, result.removed, budget, result.hidden)
                rows, two_columns = reading_order(lines, width, _is_heading)
                result.pages.append(rows)
                if two_columns:
                    result.two_column_pages.append(index + 1)
    except GapcheckError:
        raise
    except TooManyDrawings as error:  # a glyph bomb
        raise InputError(f"{source}: is not a readable PDF ({error}, the limit)") from None
    except Exception as error:  # the libraries raise anything on broken files: KeyError, RecursionError, ...
        raise engine.input_error(error, source) from error
    result.diagnostics.extend(document.notes)
    if not any(any(row for row in page) for page in result.pages):
        if result.hidden.total:
            raise InputError(f"{source}: has no text a reader can see: {result.hidden.describe()}")
        raise NoTextLayer(f"{source}: no text layer: run OCR first")
    blank = [str(number) for number, page in enumerate(result.pages, 1) if not any(page)]
    if blank:
        result.diagnostics.append(f"no text on page {', '.join(blank)} (a scanned image? run OCR first)")
    return result


def pdf_engine(name: str) -> Engine:
    """Return the engine called `name`; choosing PDFium imports pypdfium2 (MissingExtra if it is not installed)."""
    if name == "pdfium":
        from gapcheck.ingest.pdfium import load_pypdfium2, open_pdfium, pdfium_input_error

        load_pypdfium2()
        return Engine("PDFium", open_pdfium, pdfium_input_error, isolated=True)
    if name == "pdfminer":
        return Engine("pdfminer", _open_pdfminer, _pdfminer_input_error)
    raise UsageError(f"unknown PDF engine '{name}' (known: {', '.join(PDF_ENGINES)})")


@contextmanager
def _open_pdfminer(data: bytes) -> Iterator[OpenPdf]:
    """Yield the document parsed by pdfminer, its warnings collected and its decompression bounded."""
    from gapcheck.ingest.inflate import DecodeBudgetExceeded, decode_budget

    with _quiet_pdfminer() as notes, decode_budget() as budget:
        yield _PdfminerPages(data, notes)
        if budget.exceeded:  # pdfminer caught the error somewhere and carried on
            raise DecodeBudgetExceeded(f"its streams decompress to more than {budget.limit:,} bytes")


class _PdfminerPages:
    def __init__(self, data: bytes, notes: list[str]) -> None:
        from pdfminer.converter import PDFPageAggregator
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
        from pdfminer.pdfparser import PDFParser

        self.notes = notes
        self.document = PDFDocument(PDFParser(io.BytesIO(data)))
        self.pages: list[Any] = []
        resources = PDFResourceManager(caching=True)
        self.device = _counting_aggregator(PDFPageAggregator)(resources, laparams=layout_params())
        self.interpreter = _painting_interpreter(PDFPageInterpreter)(resources, self.device)

    def count_pages(self, at_most: int) -> int:
        from pdfminer.pdfpage import PDFPage

        self.pages = list(islice(PDFPage.create_pages(self.document), at_most))
        return len(self.pages)

    def page_lines(
        self, index: int, removed: Counter[str], budget: GlyphBudget, hidden: HiddenText | None = None
    ) -> tuple[float, list[TextLine]]:
        self.device.spend, self.device.room = budget.spend, budget.room
        self.device.hidden = hidden if hidden is not None else HiddenText()
        self.interpreter.process_page(self.pages[index])
        layout = self.device.get_result()
        return layout.width, list(_text_lines(layout, removed))


def _counting_aggregator(base: type) -> type:
    """Return a PDFPageAggregator that charges every glyph, shape and image it lays out to `spend` (pdfminer
    spends ~50 µs laying out each glyph, so the glyph budget bounds its work) and leaves out, before layout,
    every glyph no reader can see (see `hidden.PageDrawing`), counting it in `hidden`."""
    from pdfminer.layout import LTRect
    from pdfminer.utils import apply_matrix_rect

    from gapcheck.ingest.quick_layout import QuickPage, render_horizontal

    quick = QUICK_LAYOUT

    class CountingAggregator(base):  # type: ignore[misc, valid-type]
        spend: Callable[[int], None] = staticmethod(lambda count: None)
        room: Callable[[], float] = staticmethod(lambda: math.inf)
        hidden: HiddenText = HiddenText()
        opacity: tuple[float, float] = (1.0, 1.0)  # fill and stroke, as the interpreter's `gs` set them

        def begin_page(self, page: Any, ctm: Any) -> None:
            super().begin_page(page, ctm)
            if quick:
                self.cur_item.__class__ = QuickPage
                self.glyph_cache = getattr(self, "glyph_cache", {})  # the fonts stay the document's
            self.colours = getattr(self, "colours", {})
            self.opacity = (1.0, 1.0)  # what a page left set does not carry to the next
            boxes = [_normal(apply_matrix_rect(ctm, box)) for box in (page.mediabox, page.cropbox)]
            visible = (*(max(a, b) for a, b in zip(boxes[0][:2], boxes[1][:2], strict=True)),
                       *(min(a, b) for a, b in zip(boxes[0][2:], boxes[1][2:], strict=True)))  # fmt: skip
            self.drawing = PageDrawing(visible)  # type: ignore[arg-type]
            self.painting = 0
            # The seen glyphs of each string, with the drawing order of each, for the covering check at the
            # page's end; and the hidden ones as (drawing order, way, glyph), counted then.
            self.strings: list[tuple[Any, list[Any], Sequence[int]]] = []
            self.hidden_glyphs: list[tuple[int, str, Any]] = []

        def render_string(self, textstate: Any, seq: Any, ncs: Any, graphicstate: Any) -> Any:
            container = self.cur_item
            start = len(container._objs)
            # A string makes at most one glyph a byte: when the budget has room for that many, its glyphs are
            # charged once it is drawn; else each is charged before it is made, so that one endless string cannot
            # fill the memory first.
            most, odd = 0, False
            for item in seq:
                if isinstance(item, bytes):
                    most += len(item)
                elif not isinstance(item, (int, float)):
                    odd = True  # pdfminer warns and skips it, glyph by glyph
            if odd or most > self.room():
                self.render_char = self._charged_render_char  # the instance's, over the class's
                try:
                    result = super().render_string(textstate, seq, ncs, graphicstate)
                finally:
                    del self.render_char
            else:
                result = super().render_string(textstate, seq, ncs, graphicstate)
                self.spend(len(container._objs) - start)
            if len(container._objs) > start:
                self._judge_string(container, start, textstate, graphicstate)
            return result

        def render_string_horizontal(self, seq: Any, matrix: Any, pos: Any, *rest: Any) -> Any:
            if not quick or "render_char" in self.__dict__:  # glyphs charged one by one: pdfminer's loop
                return super().render_string_horizontal(seq, matrix, pos, *rest)
            return render_horizontal(self, self.glyph_cache, seq, matrix, pos, *rest)

        def _charged_render_char(self, *args: Any, **kwargs: Any) -> Any:
            self.spend(1)
            return super().render_char(*args, **kwargs)

        def _judge_string(self, container: Any, start: int, textstate: Any, state: Any) -> None:
            """Leave out of the page the glyphs of the string just drawn that no reader can see. A string's
            glyphs share its render mode (`Tr`), colours, opacity and em; only their boxes differ."""
            glyphs = container._objs[start:]
            # The em's height on the page: the text matrix's second column through the CTM (mult_matrix's c and d).
            (_, _, c1, d1, _, _), (a0, b0, c0, d0, _, _) = textstate.matrix, self.ctm
            em = abs(textstate.fontsize) * math.hypot(a0 * c1 + c0 * d1, b0 * c1 + d0 * d1)
            fill, stroke = self._string_colours(state)
            mode, (fill_opacity, stroke_opacity) = textstate.render, self.opacity
            if fill_opacity < 1 or stroke_opacity < 1:
                painted = [
                    o for o, modes in ((fill_opacity, FILL_MODES), (stroke_opacity, STROKE_MODES)) if mode in modes
                ]
                if painted and not any(painted):
                    mode = 3  # painted fully transparent: invisible
                fill, stroke = (None if fill_opacity < 1 else fill), (None if stroke_opacity < 1 else stroke)
            ways = self.drawing.hidden_ways([glyph.bbox for glyph in glyphs], em, mode, fill, stroke)
            first = self.drawing.order + 1
            self.drawing.order += len(glyphs)
            orders: Sequence[int] = range(first, first + len(glyphs))
            if any(ways):
                seen = [(glyph, order) for glyph, order, way in zip(glyphs, orders, ways, strict=True) if way is None]
                self.hidden_glyphs.extend(
                    (order, way, glyph) for glyph, order, way in zip(glyphs, orders, ways, strict=True) if way
                )
                glyphs, orders = [glyph for glyph, _ in seen], [order for _, order in seen]
                container._objs[start:] = glyphs  # never laid out: they shape no line
            if glyphs:
                self.strings.append((container, glyphs, orders))

        def _string_colours(self, state: Any) -> tuple[RGB | None, RGB | None]:
            """The fill and stroke colours of `state` as RGB, worked out once per document for each pair of
            colours and spaces (a page sets a handful; it draws thousands of strings)."""
            key = (state.ncolor, state.ncs, state.scolor, state.scs)
            try:
                return self.colours[key]
            except KeyError:
                found = self.colours[key] = (_colour(state.ncolor, state.ncs), _colour(state.scolor, state.scs))
                return found
            except TypeError:  # a colour given as a list: not a key
                return _colour(state.ncolor, state.ncs), _colour(state.scolor, state.scs)

        def paint_path(self, gstate: Any, stroke: bool, fill: bool, evenodd: bool, path: Any) -> Any:
            self.spend(1)
            before = len(self.cur_item._objs)
            self.painting += 1  # pdfminer paints each subpath by calling itself: the shapes are noted once
            try:
                result = super().paint_path(gstate, stroke, fill, evenodd, path)
            finally:
                self.painting -= 1
            opacity = self.opacity[0]
            if fill and not self.painting and opacity > 0:
                # A rectangle covers only when it is the path's one subpath (a frame drawn as two, even-odd,
                # paints only between them) and opaque; a translucent shape's colour mixes with what is under it.
                single = sum(1 for segment in path if segment[0] == "m") <= 1 and opacity == 1
                colour = _colour(gstate.ncolor, gstate.ncs) if opacity == 1 else None
                for item in self.cur_item._objs[before:]:
                    self.drawing.add_shape(item.bbox, colour, single and isinstance(item, LTRect))
            return result

        def render_image(self, *args: Any, **kwargs: Any) -> Any:
            self.spend(1)
            result = super().render_image(*args, **kwargs)
            if self.cur_item._objs:  # what an image shows is not known: text on it may be of any colour
                self.drawing.add_shape(self.cur_item._objs[-1].bbox, None, False)
            return result

        def end_page(self, page: Any) -> Any:
            last_cover = self.drawing.last_cover
            for container, glyphs, orders in self.strings:
                if orders[0] >= last_cover:
                    continue  # no rectangle was drawn after the string began: none of it is covered
                covered = self.drawing.covered(
                    [(glyph.bbox, order) for glyph, order in zip(glyphs, orders, strict=True)]
                )
                if any(covered):
                    hide = {id(glyph) for glyph, hit in zip(glyphs, covered, strict=True) if hit}
                    self.hidden_glyphs.extend(
                        (order, "covered", glyph)
                        for glyph, order in zip(glyphs, orders, strict=True)
                        if id(glyph) in hide
                    )
                    container._objs = [item for item in container._objs if id(item) not in hide]
            _count_hidden(self.hidden, self.hidden_glyphs)
            self.strings, self.hidden_glyphs = [], []
            return super().end_page(page)

    return CountingAggregator


def _painting_interpreter(base: type) -> type:
    """Return a PDFPageInterpreter that tells the device what pdfminer skips and hidden text depends on: each
    smooth shading (`sh`, an area of colours not known here) and the opacity set by graphics state dictionaries
    (`gs`: a translucent shape covers nothing, fully transparent text is invisible), saved and restored with
    `q`/`Q` and around forms."""
    from pdfminer.pdftypes import resolve1

    class PaintingInterpreter(base):  # type: ignore[misc, valid-type]
        def do_sh(self, name: object) -> None:
            drawing = getattr(self.device, "drawing", None)
            if drawing is not None:
                drawing.add_shading()

        def do_gs(self, name: object) -> None:
            try:
                states = resolve1((self.resources or {}).get("ExtGState")) or {}
                state = resolve1(states.get(getattr(name, "name", name))) or {}
                fill, stroke = self.device.opacity
                fill = _opacity(resolve1(state.get("ca", fill)))
                stroke = _opacity(resolve1(state.get("CA", stroke)))
                mask = resolve1(state.get("SMask"))
                blend = resolve1(state.get("BM"))
                if (mask is not None and getattr(mask, "name", None) != "None") or (
                    blend is not None and getattr(blend, "name", None) not in ("Normal", "Compatible")
                ):  # a soft mask or a blend mode: what is painted mixes with what lies under it
                    fill, stroke = min(fill, 0.5), min(stroke, 0.5)
                self.device.opacity = (fill, stroke)
            except Exception:  # a broken dictionary changes nothing, as pdfminer's own `gs` did
                pass

        def init_state(self, ctm: Any) -> None:
            super().init_state(ctm)
            self.opacities: list[tuple[float, float]] = []

        def do_q(self) -> None:
            self.opacities.append(self.device.opacity)
            super().do_q()

        def do_Q(self) -> None:
            if self.opacities:
                self.device.opacity = self.opacities.pop()
            super().do_Q()

        def do_Do(self, name: object) -> None:
            saved = self.device.opacity
            try:
                super().do_Do(name)
            finally:
                self.device.opacity = saved

    return PaintingInterpreter


def _opacity(value: object) -> float:
    return min(max(float(value), 0.0), 1.0) if isinstance(value, (int, float)) else 1.0


def _normal(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = box
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


# Colour spaces whose components say the colour: gray, RGB or CMYK by their count.
_DEVICE_SPACES = frozenset(("DeviceGray", "CalGray", "DeviceRGB", "CalRGB", "DeviceCMYK", "ICCBased"))


def _colour(components: Any, space: Any) -> RGB | None:
    """Return a pdfminer colour as RGB, or None when its colour space (a pattern, a spot colour) hides it."""
    if space is None or getattr(space, "name", None) not in _DEVICE_SPACES:
        return None
    return device_colour(components, space.ncomponents)


def _count_hidden(hidden: HiddenText, glyphs: list[tuple[int, str, Any]]) -> None:
    """Count a page's hidden glyphs by way: each run of one way is one piece, with a space where glyphs stand
    apart (for the note's samples; spaces are not counted)."""
    pieces: list[tuple[str, list[str], list[int]]] = []
    last = None
    for _, way, glyph in sorted(glyphs, key=lambda item: item[0]):
        if not pieces or pieces[-1][0] != way:
            pieces.append((way, [], [0]))
        elif last is not None and (glyph.x0 - last.x1 > 0.2 * glyph.size or abs(glyph.y0 - last.y0) > 0.5 * glyph.size):
            pieces[-1][1].append(" ")
        text = glyph.get_text()
        pieces[-1][1].append(text)
        pieces[-1][2][0] += len(text)
        last = glyph
    for way, parts, count in pieces:
        hidden.add(way, "".join(parts), characters=count[0])


def _is_heading(text: str) -> bool:
    return heading_of_line(text) is not None


def _text_lines(container: Any, removed: Counter[str]) -> Iterator[TextLine]:
    """Yield every horizontal text line in a page (also inside figures), icon-font glyphs left out (a line with
    neither an icon font nor an unmapped glyph is taken whole, as pdfminer joins it)."""
    from pdfminer.layout import LTChar, LTTextLineHorizontal

    for item in container:
        if isinstance(item, LTTextLineHorizontal):
            fonts = {char.fontname for char in item if isinstance(char, LTChar)}
            whole = item.get_text()
            if "(cid:" not in whole and not any(is_icon_font(font) for font in fonts):
                line = whole.strip()  # most lines: nothing of them to leave out
                if line:
                    yield TextLine(item.x0, item.y0, item.x1, item.y1, line)
                continue
            text = []
            for char in item:
                glyph = char.get_text()
                if isinstance(char, LTChar) and is_icon_font(char.fontname):
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


def _pdfminer_input_error(error: Exception, source: str) -> InputError:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    from gapcheck.ingest.inflate import DecodeBudgetExceeded

    if isinstance(error, PDFPasswordIncorrect):
        return InputError(f"{source}: is encrypted with a password: save an unprotected copy first")
    if isinstance(error, PDFEncryptionError):
        return InputError(f"{source}: is encrypted in a way gapcheck cannot read ({error})")
    if isinstance(error, DecodeBudgetExceeded):  # a decompression bomb
        return InputError(f"{source}: is not a readable PDF ({error}, the limit)")
    return InputError(f"{source}: is not a readable PDF ({error_detail(error)})")


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
