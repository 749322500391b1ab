"""Read a PDF's text lines with PDFium (pypdfium2), the optional faster engine of `--pdf-engine pdfium`.

PDFium gives each character with its box but groups nothing into lines, so this module builds the lines the way
pdfminer does with our LAParams: characters in content-stream order join one line while they overlap vertically
by half a character and stand less than two character widths apart (char_margin=2.0), and a gap wider than a
tenth of a character is a space (word_margin=0.1). The lines then go through the same `columns.reading_order`
as pdfminer's. PDFium is C code that is not thread-safe: a document is opened, read and closed in one call, in
the calling thread. pypdfium2 is imported only here, when the engine is chosen.
"""

from __future__ import annotations

import ctypes
import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any, cast

from gapcheck.errors import InputError, MissingExtra
from gapcheck.ingest.columns import TextLine
from gapcheck.ingest.hidden import FILL_MODES, RGB, STROKE_MODES, Box, HiddenText, PageDrawing
from gapcheck.ingest.pdf_common import GlyphBudget, error_detail, is_icon_font

INSTALL_HINT = "pip install 'gapcheck[pdfium]'"

LINE_OVERLAP = 0.5  # of the lower character's height, as pdfminer's line_overlap
CHAR_MARGIN = 2.0  # of the wider character's width, as pdfminer's char_margin
WORD_MARGIN = 0.1  # of the character's larger side, as pdfminer's word_margin
LINE_BREAKS = frozenset((0x0A, 0x0D))  # PDFium's own line-break guesses: our geometry decides lines
LINE_END_HYPHEN = 0x02  # what PDFium gives for a hyphen it judges to end a line
SPACES = frozenset((0x20, 0xA0, 0x09))
MAX_FORM_DEPTH = 16  # form XObjects drawn inside forms: deeper ones are not looked into
LONGEST_FONT_NAME = 4096  # bytes; a longer one is read as no name (a hostile file could ask for gigabytes)
_HIGH_SURROGATE = (0xD800, 0xDBFF)  # the first UTF-16 half of a character beyond the BMP
_LOW_SURROGATE = (0xDC00, 0xDFFF)  # and the second


def load_pypdfium2() -> Any:
    """Return the pypdfium2 module; raise MissingExtra, one line naming the extra, when it is not installed."""
    try:
        import pypdfium2
        import pypdfium2.raw  # noqa: F401 - loads the PDFium library itself, which may fail on its own
    except (ImportError, OSError) as error:
        raise MissingExtra(
            f"--pdf-engine pdfium needs pypdfium2, which cannot be imported ({error}): {INSTALL_HINT}"
        ) from None
    return pypdfium2


Character = tuple[float, float, float, float, str]  # x0, y0, x1, y1 and the text ("" for a glyph left out)


def build_lines(characters: Iterable[Character]) -> list[TextLine]:
    """Return the characters, in content-stream order, joined into lines as pdfminer's LAParams would.

    A character continues the line when it overlaps the line's last character vertically by more than half the
    lower one's height and stands less than two widths of the wider one away (pdfminer's `halign`); a gap wider
    than a tenth of a character's larger side is a space. Characters whose text is "" still shape the line.
    """
    lines: list[TextLine] = []
    parts: list[str] = []
    box = last = (0.0, 0.0, 0.0, 0.0)
    for x0, y0, x1, y1, glyph in characters:
        lx0, ly0, lx1, ly1 = last
        overlap = min(ly1, y1) - max(ly0, y0)
        if (
            not parts
            or overlap <= LINE_OVERLAP * min(ly1 - ly0, y1 - y0)
            or max(x0 - lx1, lx0 - x1) >= CHAR_MARGIN * max(lx1 - lx0, x1 - x0)
        ):
            _finish(lines, box, parts)
            parts = [glyph]
            box = (x0, y0, x1, y1)
        else:
            if glyph and x0 - lx1 > WORD_MARGIN * max(x1 - x0, y1 - y0):
                parts.append(" ")
            parts.append(glyph)
            box = (min(box[0], x0), min(box[1], y0), max(box[2], x1), max(box[3], y1))
        last = (x0, y0, x1, y1)
    _finish(lines, box, parts)
    return lines


def _finish(lines: list[TextLine], box: tuple[float, float, float, float], parts: list[str]) -> None:
    text = "".join(parts).strip()
    if text:
        lines.append(TextLine(*box, text))


class PdfiumPages:
    """An open document as the shared reader in `pdf.py` sees it (`pdf.OpenPdf`): pages and their text lines."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.notes: list[str] = []  # PDFium reports nothing on the way: a failure is an exception

    def count_pages(self, at_most: int) -> int:
        return min(len(self.document), at_most)

    def page_lines(
        self, index: int, removed: Counter[str], budget: GlyphBudget, hidden: HiddenText | None = None
    ) -> tuple[float, list[TextLine]]:
        """Return the page's width and its text lines; the glyph budget is charged before they are built."""
        page = self.document[index]
        try:
            text_page = page.get_textpage()
            try:
                count = text_page.count_chars()
                budget.spend(count)
                seen = _Seen(_page_drawing(page, budget.spend))
                characters = list(self._characters(text_page, count, removed, seen))
                shown = seen.uncover(characters)
                seen.count(hidden if hidden is not None else HiddenText())
                return page.get_width(), build_lines(shown)
            finally:
                text_page.close()
        finally:
            page.close()

    def _characters(self, text_page: Any, count: int, removed: Counter[str], seen: _Seen) -> Iterator[Character]:
        """Yield the page's characters with pdfminer's boxes, PDFium's own spaces and line breaks left out, and
        the ones no reader can see put aside in `seen.hidden`."""
        import pypdfium2.raw as pdfium_c

        calls = _per_character_calls()
        handle = ctypes.cast(text_page.raw, ctypes.c_void_p).value
        box = pdfium_c.FS_RECTF()
        box_address = ctypes.addressof(box)
        scratch = _FontScratch(pdfium_c.FS_MATRIX(), ctypes.create_string_buffer(256), ctypes.c_int())
        # What a character's text object tells (font size as drawn, icon font or not, how it is painted), asked
        # once per object.
        objects: dict[int, _ObjectFacts] = {}
        previous: Character | None = None
        indices = iter(range(count))
        for index in indices:
            code = calls.unicode(handle, index)
            if code in LINE_BREAKS or (code in SPACES and calls.is_generated(handle, index)):
                continue  # PDFium's guesses; a real space stays, as in pdfminer, and bridges gaps
            if not calls.loose_box(handle, index, box_address):
                continue
            left, bottom, right, top = box.left, box.bottom, box.right, box.top
            text_object = calls.text_object(handle, index) or 0
            facts = objects.get(text_object)
            if facts is None:
                facts = objects[text_object] = _text_object_facts(calls, scratch, handle, index, top - bottom)
            way = seen.hidden_way(facts, text_object, (left, bottom, right, top))
            if way is not None:  # never yielded: it shapes no line
                seen.hidden.append((seen.order, way, (left, bottom, right, top), code))
                continue
            if code in SPACES:
                if previous is not None:  # PDFium puts a space's box on the baseline, zero high: it takes the
                    seen.yielded.append(seen.order)  # height of what it follows
                    yield left, previous[1], right, previous[3], " "
                continue
            unmapped = calls.unmapped(handle, index) == 1
            first = index
            if _HIGH_SURROGATE[0] <= code <= _HIGH_SURROGATE[1] and index + 1 < count:
                # PDFium gives a character beyond the BMP (an emoji, a math letter) as its two UTF-16 halves,
                # each with the whole glyph's box: one character, whose box covers both.
                low = calls.unicode(handle, index + 1)
                if _LOW_SURROGATE[0] <= low <= _LOW_SURROGATE[1]:
                    index = next(indices)
                    code = 0x10000 + ((code - _HIGH_SURROGATE[0]) << 10) + (low - _LOW_SURROGATE[0])
                    unmapped = unmapped or calls.unmapped(handle, index) == 1
                    if calls.loose_box(handle, index, box_address):
                        left, bottom = min(left, box.left), min(bottom, box.bottom)
                        right, top = max(right, box.right), max(top, box.top)
            em, icon_font = facts.em, facts.icon_font
            if icon_font:
                removed["icon-font"] += 1
                glyph = ""  # drawn, so it still shapes the line, as in pdfminer, but it is not text
            elif unmapped or not 0 < code <= 0x10FFFF or _HIGH_SURROGATE[0] <= code <= _LOW_SURROGATE[1]:
                removed["cid"] += 1  # a lone surrogate half is no character: chr() would make text that
                glyph = ""  # cannot be encoded, and spaCy fails on it
            elif code == LINE_END_HYPHEN and calls.is_hyphen(handle, first):
                glyph = "-"
            else:
                glyph = chr(code)
            # pdfminer's box, so that rows and paragraph gaps come out alike: from the font's descent, one em
            # high, not up to the font's ascent.
            previous = (left, bottom, right, bottom + em, glyph)
            seen.yielded.append(seen.order)
            yield previous

    def close(self) -> None:
        self.document.close()


class _Seen:
    """What a page draws (`drawing`, each text object's drawing order in `orders`), the characters put aside as
    hidden, and the drawing order of each character yielded, to find the covered ones once all are read."""

    def __init__(self, drawn: tuple[PageDrawing, dict[int, int]]) -> None:
        self.drawing, self.orders = drawn
        self.hidden: list[tuple[int, str, Box, int]] = []  # (order, way, box, code point)
        self.yielded: list[int] = []
        self.order = 0

    def hidden_way(self, facts: _ObjectFacts, text_object: int, box: Box) -> str | None:
        """Return how the character is hidden, or None; note its text object's drawing order in `order`."""
        self.order = self.orders.get(text_object, self.drawing.order)
        painted = [c for c, modes in ((facts.fill, FILL_MODES), (facts.stroke, STROKE_MODES)) if facts.mode in modes]
        if painted and all(colour is False for colour in painted):
            return "invisible"  # painted fully transparent
        fill, stroke = (None if c is False else c for c in (facts.fill, facts.stroke))
        return self.drawing.hidden_way(box, facts.em, facts.mode, fill, stroke, self.order)  # type: ignore[arg-type]

    def uncover(self, characters: list[Character]) -> list[Character]:
        """Return the characters no rectangle drawn after them covers; the covered ones join `hidden`."""
        covered = self.drawing.covered([(c[:4], order) for c, order in zip(characters, self.yielded, strict=True)])
        if not any(covered):
            return characters
        shown = []
        for character, order, hide in zip(characters, self.yielded, covered, strict=True):
            if not hide:
                shown.append(character)
            elif character[4]:
                self.hidden.append((order, "covered", character[:4], ord(character[4][0])))
        return shown

    def count(self, hidden: HiddenText) -> None:
        """Count the hidden characters by way, each run of one way one piece with spaces where glyphs stand apart."""
        pieces: list[tuple[str, list[str], list[int]]] = []
        last: Box | None = None
        for _, way, box, code in sorted(self.hidden, key=lambda item: item[0]):
            size = max(box[3] - box[1], 1.0)
            if not pieces or pieces[-1][0] != way:
                pieces.append((way, [], [0]))
            elif last is not None and (box[0] - last[2] > 0.2 * size or abs(box[1] - last[1]) > 0.5 * size):
                if code not in SPACES and pieces[-1][1][-1:] != [" "]:
                    pieces[-1][1].append(" ")
            if _LOW_SURROGATE[0] <= code <= _LOW_SURROGATE[1]:
                continue  # the second half of a character counted at its first (which shows as none)
            printable = 0 < code <= 0x10FFFF and not _HIGH_SURROGATE[0] <= code <= _LOW_SURROGATE[1]
            pieces[-1][1].append(" " if code in SPACES else chr(code) if printable else "")
            pieces[-1][2][0] += 1
            last = box
        for way, parts, count in pieces:
            hidden.add(way, "".join(parts), characters=count[0])


def _page_drawing(page: Any, spend: Callable[[int], None]) -> tuple[PageDrawing, dict[int, int]]:
    """Return what the page paints, in drawing order, and the drawing order of each text object.

    Every object is charged to the glyph budget, as pdfminer charges shapes. A form XObject counts as a shape of
    unknown colour over its box (what lies behind its text is not looked into), and its text is drawn after it.
    """
    import pypdfium2.raw as pdfium_c

    # The page's bounding box: its crop box within its media box, either inherited from the page tree (the
    # boxes one asks for one by one are the page's own, or US Letter when it has none).
    visible = page.get_bbox()
    drawing = PageDrawing(visible)
    orders: dict[int, int] = {}
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    corners = [ctypes.c_float() for _ in range(4)]
    rgba = [ctypes.c_uint() for _ in range(4)]

    def bounds(item: Any) -> Box | None:
        if not pdfium_c.FPDFPageObj_GetBounds(item, *(ctypes.byref(c) for c in corners)):
            return None
        return corners[0].value, corners[1].value, corners[2].value, corners[3].value

    def walk(count: int, get: Callable[[int], Any], depth: int) -> None:
        for number in range(count):
            item = get(number)
            spend(1)
            kind = pdfium_c.FPDFPageObj_GetType(item)
            if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
                orders[ctypes.cast(item, ctypes.c_void_p).value or 0] = drawing.next_order()
            elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                box = bounds(item)
                modes = ctypes.byref(fill_mode), ctypes.byref(stroke)
                if box is None or not pdfium_c.FPDFPath_GetDrawMode(item, *modes):
                    continue
                if fill_mode.value == pdfium_c.FPDF_FILLMODE_NONE or not drawing.wants(box):
                    continue
                known = pdfium_c.FPDFPageObj_GetFillColor(item, *(ctypes.byref(c) for c in rgba))
                alpha = rgba[3].value if known else 255
                if alpha == 0:
                    continue  # paints nothing
                rgb = tuple(c.value / 255 for c in rgba[:3]) if known and alpha == 255 else None
                drawing.add_shape(box, rgb, alpha == 255 and _is_rectangle(item))  # type: ignore[arg-type]
            elif kind in (pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_SHADING):
                box = bounds(item)
                if box is not None:
                    drawing.add_shape(box, None, False)
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
                box = bounds(item)
                if box is not None:
                    drawing.add_shape(box, None, False)
                walk(pdfium_c.FPDFFormObj_CountObjects(item), partial(pdfium_c.FPDFFormObj_GetObject, item), depth + 1)

    walk(pdfium_c.FPDFPage_CountObjects(page.raw), partial(pdfium_c.FPDFPage_GetObject, page.raw), 0)
    return drawing, orders


def _is_rectangle(path: Any) -> bool:
    """True when a path object is one axis-aligned rectangle as drawn (its points, through its matrix, all at
    its corners): only such a shape paints the whole of its box."""
    import pypdfium2.raw as pdfium_c

    count = pdfium_c.FPDFPath_CountSegments(path)
    if not 4 <= count <= 5:
        return False
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(path, ctypes.byref(matrix)):
        return False
    x, y = ctypes.c_float(), ctypes.c_float()
    points = []
    for number in range(count):
        segment = pdfium_c.FPDFPath_GetPathSegment(path, number)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO or (kind == pdfium_c.FPDF_SEGMENT_MOVETO) != (number == 0):
            return False
        if not pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
            return False
        points.append((matrix.a * x.value + matrix.c * y.value + matrix.e,
                       matrix.b * x.value + matrix.d * y.value + matrix.f))  # fmt: skip
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return all(
        min(abs(px - min(xs)), abs(px - max(xs))) < 0.5 and min(abs(py - min(ys)), abs(py - max(ys))) < 0.5
        for px, py in points
    )


def _object_colour(getter: Any, text_object: int | None) -> RGB | None | bool:
    """Return a text object's fill or stroke colour: RGB, None when not known, False when fully transparent."""
    if not text_object:
        return None
    colour = (ctypes.c_uint * 4)()
    if not getter(text_object, *(ctypes.addressof(colour) + 4 * i for i in range(4))):
        return None
    if colour[3] == 0:
        return False
    return (colour[0] / 255, colour[1] / 255, colour[2] / 255) if colour[3] == 255 else None


@dataclass(frozen=True)
class _ObjectFacts:
    em: float
    icon_font: bool
    mode: int  # the text render mode: 3 paints nothing
    fill: RGB | None | bool  # None: not known; False: fully transparent
    stroke: RGB | None | bool


@dataclass(frozen=True)
class _Calls:
    unicode: Any
    is_generated: Any
    is_hyphen: Any
    loose_box: Any
    text_object: Any
    unmapped: Any
    matrix: Any
    font_size: Any
    font_info: Any
    render_mode: Any
    fill_colour: Any
    stroke_colour: Any


@dataclass
class _FontScratch:
    """The buffers PDFium writes a text object's matrix and font into, made once a page."""

    matrix: Any
    font: Any
    flags: Any


def _text_object_facts(
    calls: _Calls, scratch: _FontScratch, handle: int | None, index: int, box_height: float
) -> _ObjectFacts:
    """Return the em as drawn (the font size scaled by the matrix), whether the font is an icon font, and how
    the character's text object paints (render mode, fill and stroke colours)."""
    size = calls.font_size(handle, index)
    matrix = scratch.matrix
    em = size * math.hypot(matrix.c, matrix.d) if calls.matrix(handle, index, ctypes.addressof(matrix)) else 0.0
    if not em > 0:
        # No matrix, or one that flattens the text: an em of 0 would put every character on a line of its own.
        # The glyph's loose box is the text as drawn (descent to ascent, a little over an em) and alike for the
        # characters of one object, so it keeps the line together; the bare font size is the last resort.
        em = box_height if box_height > 0 else size
    font, flags = scratch.font, ctypes.addressof(scratch.flags)
    font[0] = b"\0"  # PDFium writes the name only when it fits: no name may linger from the last object
    # The name's length with its NUL, 0 on failure.
    needed = calls.font_info(handle, index, ctypes.addressof(font), len(font), flags)
    if len(font) < needed <= LONGEST_FONT_NAME:
        font = scratch.font = ctypes.create_string_buffer(needed)
        needed = calls.font_info(handle, index, ctypes.addressof(font), len(font), flags)
    name = font.value.decode("latin-1") if 0 < needed <= len(font) else ""
    text_object = calls.text_object(handle, index)
    mode = calls.render_mode(text_object) if text_object else 0
    fill, stroke = (_object_colour(getter, text_object) for getter in (calls.fill_colour, calls.stroke_colour))
    return _ObjectFacts(em, is_icon_font(name), mode, fill, stroke)


@lru_cache(maxsize=1)
def _per_character_calls() -> _Calls:
    """Return the PDFium functions called for every character, typed with plain pointers.

    They run several times a character, most of this engine's time: pypdfium2's typed handles cost a third more
    per call, and a text object comes back as an address that can key a dict.
    """
    import pypdfium2.raw as pdfium_c

    pointer, number = ctypes.c_void_p, ctypes.c_int

    def plain(function: Any, result: Any, *arguments: Any) -> Any:
        return ctypes.CFUNCTYPE(result, *arguments)(cast(int, ctypes.cast(function, pointer).value))

    return _Calls(
        unicode=plain(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint, pointer, number),
        is_generated=plain(pdfium_c.FPDFText_IsGenerated, number, pointer, number),
        is_hyphen=plain(pdfium_c.FPDFText_IsHyphen, number, pointer, number),
        loose_box=plain(pdfium_c.FPDFText_GetLooseCharBox, number, pointer, number, pointer),
        text_object=plain(pdfium_c.FPDFText_GetTextObject, pointer, pointer, number),
        unmapped=plain(pdfium_c.FPDFText_HasUnicodeMapError, number, pointer, number),
        matrix=plain(pdfium_c.FPDFText_GetMatrix, number, pointer, number, pointer),
        font_size=plain(pdfium_c.FPDFText_GetFontSize, ctypes.c_double, pointer, number),
        font_info=plain(
            pdfium_c.FPDFText_GetFontInfo, ctypes.c_ulong, pointer, number, pointer, ctypes.c_ulong, pointer
        ),
        render_mode=plain(pdfium_c.FPDFTextObj_GetTextRenderMode, number, pointer),
        fill_colour=plain(pdfium_c.FPDFPageObj_GetFillColor, number, pointer, *[pointer] * 4),
        stroke_colour=plain(pdfium_c.FPDFPageObj_GetStrokeColor, number, pointer, *[pointer] * 4),
    )


@contextmanager
def open_pdfium(data: bytes) -> Iterator[PdfiumPages]:
    """Yield the document open in PDFium and close it however the block ends (its pages are closed as read)."""
    from gapcheck.ingest.inflate import check_stream_sizes

    pypdfium2 = load_pypdfium2()
    check_stream_sizes(data)  # PDFium inflates without a limit: a decompression bomb is refused before it
    pages = PdfiumPages(pypdfium2.PdfDocument(data))
    try:
        yield pages
    finally:
        pages.close()


def pdfium_input_error(error: Exception, source: str) -> InputError:
    """Return the one-line InputError for a failure inside PDFium, worded as for pdfminer's."""
    import pypdfium2.raw as pdfium_c

    from gapcheck.ingest.inflate import DecodeBudgetExceeded

    if isinstance(error, DecodeBudgetExceeded):
        return InputError(f"{source}: is not a readable PDF ({error}, the limit)")
    code = getattr(error, "err_code", None)
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        return InputError(f"{source}: is encrypted with a password: save an unprotected copy first")
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return InputError(f"{source}: is encrypted in a way gapcheck cannot read (unsupported security handler)")
    return InputError(f"{source}: is not a readable PDF ({error_detail(error)})")
