"""Read the text of a .docx with the standard library and defusedxml, in bounded memory.

A .docx is a zip archive of XML files and the text lives in word/document.xml. Paragraphs become lines, tabs
spaces, line breaks new lines, and each table row one line with its cells separated by " | ". The XML is never
held whole nor built into a tree: it is decompressed in chunks, counted against --max-bytes as it unpacks (zip
bombs, a size header that lies), and fed to a parser that refuses any DTD (entity expansion: Word never writes
one, in any encoding) and hands each tag and piece of text to `_DocumentTarget`, which keeps only the text of
the lines and counts it against the character limit as it comes. Memory stays bounded whatever the file holds.

Text a reader cannot see (hidden runs, white on a white background, under 3 pt, deleted revisions) is left out
of the lines and counted in `DocxText.hidden`; the formatting that decides it comes from the run, its character
style, its paragraph's style and the document defaults (word/styles.xml).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any

from gapcheck.errors import InputError
from gapcheck.ingest.hidden import RGB, WHITE, HiddenText, hex_colour, same_colour
from gapcheck.ingest.limits import DEFAULT_LIMITS, Limits

DOCUMENT_PART = "word/document.xml"
STYLES_PART = "word/styles.xml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CELL_SEPARATOR = " | "
# Large chunks: expat scans an unfinished tag again from its start on every feed, quadratic in small chunks.
CHUNK = 1 << 20
# Word nests a few dozen levels at most (tables in text boxes in tables); deeper is a hostile file.
MAX_DEPTH = 256
# Text before cleaning, as `read_text` allows: twice the character limit leaves room for padding.
RAW_TEXT_FACTOR = 2
# A resume's document.xml holds some thousands of tags; each costs a few microseconds to stream, so a file of
# millions of empty tags (20 MB of "<w:r/>") is refused rather than read for tens of seconds.
MAX_ELEMENTS = 1_000_000
# Word writes a few dozen attributes to a tag at most. Expat gives all of a tag's attributes at once, so a tag of
# a million is megabytes of strings and seconds of work before any handler could count them: a chunk that holds
# this many in a row is refused before it is parsed. `="` is counted first, as few chunks need the exact look.
MAX_ATTRIBUTES = 1000
_ATTRIBUTES = re.compile(rb"""(?:\s[^\s<>="']+\s*=\s*(?:"[^"<]*"|'[^'<]*')){%d}""" % MAX_ATTRIBUTES)
MIN_HALF_POINTS = 6  # w:sz counts half-points: under 3 pt is unreadable
OFF = frozenset(("0", "false", "off"))
THEME_COLOURS = {"background1": WHITE, "light1": WHITE, "text1": (0.0, 0.0, 0.0), "dark1": (0.0, 0.0, 0.0)}
NOT_WHITE: RGB = (0.5, 0.5, 0.5)  # a highlight or shading of some colour other than white
# The tags looked at most, named once.
T, DEL_TEXT, R, P, RPR, PPR, TCPR = (f"{W}{name}" for name in ("t", "delText", "r", "p", "rPr", "pPr", "tcPr"))
TBL, TR, TC, SHD, PSTYLE, NUMPR, VAL = (f"{W}{name}" for name in ("tbl", "tr", "tc", "shd", "pStyle", "numPr", "val"))
STYLE, TBLPR, TBLSTYLE = f"{W}style", f"{W}tblPr", f"{W}tblStyle"


class _TooMuchText(Exception):
    pass


class _TooDeep(Exception):
    pass


class _TooManyElements(Exception):
    pass


class _TooManyAttributes(Exception):
    pass


class _ShapeFound(Exception):
    pass


@dataclass
class DocxText:
    """The lines of a .docx, the ones styled as headings, and the hidden text left out of them."""

    lines: list[str]
    headings: list[str] = field(default_factory=list)
    hidden: HiddenText = field(default_factory=HiddenText)


@dataclass(frozen=True)
class _Format:
    """What of a run's formatting decides whether it can be seen; None means "not set here"."""

    vanish: bool | None = None
    color: RGB | None = None  # None: automatic (black on light, white on dark)
    half_points: int | None = None
    fill: RGB | None = None  # the run's own shading or highlight

    def over(self, base: _Format) -> _Format:
        """Return this formatting laid over `base`: what is set here wins."""
        pairs = zip(self._values(), base._values(), strict=True)
        return _Format(*(mine if mine is not None else theirs for mine, theirs in pairs))

    def _values(self) -> tuple[Any, ...]:
        return (self.vanish, self.color, self.half_points, self.fill)


def is_docx(data: bytes) -> bool:
    """Return True if `data` is a zip archive holding word/document.xml."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return DOCUMENT_PART in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def read_docx(data: bytes, source: str, limits: Limits = DEFAULT_LIMITS) -> DocxText:
    """Return the text lines of a .docx held in `data`; `source` names it in errors."""
    unpacked = _Counter(limits.max_bytes)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            styles = _Styles()
            if STYLES_PART in archive.namelist():
                _parse(archive, STYLES_PART, styles, unpacked, source, limits)
            shapes = _Shapes()
            try:  # a first pass, stopped at the first shape: white text may stand on one
                _parse(archive, DOCUMENT_PART, shapes, _Counter(limits.max_bytes), source, limits)
            except _ShapeFound:
                shapes.found = True
            target = _DocumentTarget(styles, RAW_TEXT_FACTOR * limits.max_chars, shapes.found)
            _parse(archive, DOCUMENT_PART, target, unpacked, source, limits)
    except InputError:
        raise
    except _TooDeep:
        raise InputError(f"{source}: is not a readable DOCX (its XML nests deeper than {MAX_DEPTH} levels)") from None
    except _TooManyElements:
        raise InputError(
            f"{source}: is not a readable DOCX (its XML holds more than {MAX_ELEMENTS:,} tags, far more than a resume)"
        ) from None
    except _TooManyAttributes:
        raise InputError(
            f"{source}: is not a readable DOCX (a tag of its XML has more than {MAX_ATTRIBUTES:,} attributes)"
        ) from None
    except _TooMuchText:
        raise InputError(
            f"{source}: has more than {RAW_TEXT_FACTOR * limits.max_chars:,} characters of text before cleaning, "
            f"over the {limits.max_chars:,} limit (far more than a resume or a job ad)"
        ) from None
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as error:
        raise InputError(f"{source}: is not a readable DOCX ({type(error).__name__}: {error})") from error
    return target.result


class _Counter:
    """The bytes all parts of one file may unpack to, counted as they come out of the decompressor."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.left = limit


def _parse(archive: zipfile.ZipFile, name: str, target: Any, unpacked: _Counter, source: str, limits: Limits) -> None:
    """Stream the XML part `name` into `target` through a parser that refuses DTDs, counting unpacked bytes."""
    from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
    from defusedxml.ElementTree import DefusedXMLParser, ParseError

    info = archive.getinfo(name)
    if info.file_size > unpacked.left:  # the declared size: refused before anything is inflated
        raise _too_big(source, limits)
    parser = DefusedXMLParser(target=target, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    try:
        with archive.open(info) as part:
            for chunk in _chunks(part, unpacked, lambda: _too_big(source, limits)):
                parser.feed(chunk)
        parser.close()
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden):
        raise InputError(f"{source}: is not a readable DOCX (its XML declares a DTD)") from None
    except ParseError as error:
        raise InputError(f"{source}: is not a readable DOCX (broken XML: {error})") from None


def _chunks(part: IO[bytes], unpacked: _Counter, too_big: Callable[[], InputError]) -> Any:
    """Yield the part's bytes a chunk at a time; past the budget (the declared size can lie), `too_big()`."""
    while True:
        chunk = part.read(min(CHUNK, unpacked.left + 1))
        if not chunk:
            return
        unpacked.left -= len(chunk)
        if unpacked.left < 0:
            raise too_big()
        if chunk.count(b'="') + chunk.count(b"='") >= MAX_ATTRIBUTES and _ATTRIBUTES.search(chunk):
            raise _TooManyAttributes
        yield chunk


def _too_big(source: str, limits: Limits) -> InputError:
    return InputError(
        f"{source}: its text part unpacks to more than {limits.max_bytes:,} bytes, the limit "
        "(raise it with --max-bytes)"
    )


# ------------------------------------------------------------------------------------------ formatting


def _on(element_attrib: dict[str, str]) -> bool:
    return element_attrib.get(f"{W}val", "true").lower() not in OFF


def _shading(attrib: dict[str, str]) -> RGB | None:
    """The colour a w:shd paints behind text: its fill, or its pattern colour when the pattern is solid."""
    if attrib.get(f"{W}val") == "solid":
        return hex_colour(attrib.get(f"{W}color"))
    if attrib.get(f"{W}themeFill") in THEME_COLOURS:
        return THEME_COLOURS[attrib[f"{W}themeFill"]]
    return hex_colour(attrib.get(f"{W}fill"))


def _text_colour(attrib: dict[str, str]) -> RGB | None:
    theme = attrib.get(f"{W}themeColor")  # Word draws the theme colour when both are given
    if theme in THEME_COLOURS:
        return THEME_COLOURS[theme]
    return hex_colour(attrib.get(f"{W}val"))


def _read_property(tag: str, attrib: dict[str, str], properties: dict[str, Any]) -> None:
    """Note a run property that bears on visibility (w:vanish, w:color, w:sz, w:shd, w:highlight)."""
    if tag in (f"{W}vanish", f"{W}specVanish"):
        properties["vanish"] = _on(attrib)
    elif tag == f"{W}color":
        properties["color"] = _text_colour(attrib)
    elif tag == f"{W}sz":
        try:
            properties["half_points"] = int(attrib.get(f"{W}val", ""))
        except ValueError:
            pass
    elif tag == f"{W}shd":
        properties["fill"] = _shading(attrib)
    elif tag == f"{W}highlight":
        value = attrib.get(f"{W}val", "none")
        properties["fill"] = None if value == "none" else WHITE if value == "white" else NOT_WHITE


class _Styles:
    """A parser target that keeps, from word/styles.xml, each style's visibility formatting and its parent."""

    def __init__(self) -> None:
        self.formats: dict[str, dict[str, Any]] = {}
        self.parents: dict[str, str] = {}
        self.defaults: dict[str, Any] = {}
        self._stack: list[str] = []
        self._style: str | None = None
        self.elements = 0
        self.default_paragraph = ""

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self._stack.append(tag)
        self.elements += 1
        if len(self._stack) > MAX_DEPTH:
            raise _TooDeep
        if self.elements > MAX_ELEMENTS:
            raise _TooManyElements
        if tag == STYLE:
            self._style = attrib.get(f"{W}styleId", "")
            self.formats.setdefault(self._style, {})
            if attrib.get(f"{W}type") == "paragraph" and attrib.get(f"{W}default", "0").lower() in ("1", "true", "on"):
                self.default_paragraph = self._style  # the style of a paragraph that names none
        elif tag == f"{W}basedOn" and self._style is not None:
            self.parents[self._style] = attrib.get(f"{W}val", "")
        elif len(self._stack) >= 2 and self._stack[-2] == RPR:
            if self._style is not None:
                _read_property(tag, attrib, self.formats[self._style])
            elif f"{W}rPrDefault" in self._stack:
                _read_property(tag, attrib, self.defaults)

    def end(self, tag: str) -> None:
        self._stack.pop()
        if tag == STYLE:
            self._style = None

    def data(self, text: str) -> None:
        pass

    def close(self) -> None:
        pass

    def format_of(self, style: str | None) -> _Format:
        """Return the formatting of `style` with its ancestors' beneath it (a loop of basedOn is cut)."""
        chain: list[str] = []
        while style and style in self.formats and style not in chain and len(chain) < 32:
            chain.append(style)
            style = self.parents.get(style)
        result = _Format()
        for name in chain:
            result = _Format(**self.formats[name]).over(result)
        return result


# ------------------------------------------------------------------------------------------ document

# Where text may stand on a drawing: a floating DrawingML object, a text box, or any VML shape.
SHAPE_TAGS = frozenset(
    ("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}anchor", f"{W}txbxContent")
)
VML = "{urn:schemas-microsoft-com:vml}"


class _Shapes:
    """A parser target that stops (`_ShapeFound`) at the first drawing text may stand on, bounded as the other."""

    def __init__(self) -> None:
        self.found = False
        self.depth = 0
        self.elements = 0

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.depth += 1
        self.elements += 1
        if self.depth > MAX_DEPTH:
            raise _TooDeep
        if self.elements > MAX_ELEMENTS:
            raise _TooManyElements
        if tag in SHAPE_TAGS or tag.startswith(VML):
            raise _ShapeFound

    def end(self, tag: str) -> None:
        self.depth -= 1

    def data(self, text: str) -> None:
        pass

    def close(self) -> None:
        pass


@dataclass
class _Run:
    properties: dict[str, Any] = field(default_factory=dict)
    style: str | None = None
    hidden: str | None = None  # the way it is hidden, decided at its first text
    decided: bool = False


@dataclass
class _Paragraph:
    parts: list[str] = field(default_factory=list)
    style: str = ""
    fill: RGB | None = None
    listed: bool = False


class _DocumentTarget:
    """A parser target that turns the tags and text of word/document.xml into lines, keeping nothing else.

    Text goes to the outermost open paragraph (a text box's text joins the paragraph that anchors it); a
    paragraph in a table cell goes to its cell, and each row of an outermost table becomes one line.
    """

    def __init__(self, styles: _Styles, max_chars: int, shapes: bool = False) -> None:
        self.styles = styles
        self.shapes = shapes
        self.max_chars = max_chars
        self.kept = 0
        self.result = DocxText(lines=[])
        self._stack: list[str] = []
        self._paragraphs: list[_Paragraph] = []
        self._runs: list[_Run] = []
        self._deleted = 0  # open w:del / w:moveFrom elements
        self._tables = 0
        self._cells: list[str] | None = None  # the current outermost row's cells
        self._cell: list[str] | None = None  # the current cell's paragraphs
        self._cell_fills: list[RGB | None] = []  # each open cell's own shading, innermost last
        self._table_styled: list[bool] = []  # each open table: whether a table style may shade its cells
        self._page: RGB | None = None
        self._text_open = False
        self._deleted_text_open = False
        self.elements = 0
        self._hidden_run = -1
        self._handlers()

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        stack = self._stack
        parent = stack[-1] if stack else ""
        stack.append(tag)
        self.elements += 1
        if len(stack) > MAX_DEPTH:
            raise _TooDeep
        if self.elements > MAX_ELEMENTS:
            raise _TooManyElements
        handler = self._starts.get(tag)
        if handler is not None:
            handler(attrib, parent)
        elif parent == RPR and self._runs and len(stack) > 2 and stack[-3] == R:  # the run's, not the paragraph mark's
            _read_property(tag, attrib, self._runs[-1].properties)
        elif parent == PPR and self._paragraphs:
            paragraph = self._paragraphs[-1]
            if tag == PSTYLE:
                paragraph.style = attrib.get(VAL, "")
            elif tag == NUMPR:
                paragraph.listed = True
            elif tag == SHD:
                paragraph.fill = _shading(attrib)
        elif parent == TCPR and tag == SHD and self._cell_fills:
            self._cell_fills[-1] = _shading(attrib)
        elif parent == TBLPR and tag == TBLSTYLE and self._table_styled:
            self._table_styled[-1] = True

    def end(self, tag: str) -> None:
        self._stack.pop()
        handler = self._ends.get(tag)
        if handler is not None:
            handler()

    def _handlers(self) -> None:
        """Build the tag -> handler tables once: a hostile file can hold a million tags, so each costs little."""

        def text_open(attrib: dict[str, str], parent: str) -> None:
            self._text_open = True

        def deleted_text_open(attrib: dict[str, str], parent: str) -> None:
            self._deleted_text_open = True

        def run(attrib: dict[str, str], parent: str) -> None:
            self._runs.append(_Run())

        def paragraph(attrib: dict[str, str], parent: str) -> None:
            self._paragraphs.append(_Paragraph())

        def character(text: str) -> Callable[[dict[str, str], str], None]:
            def add(attrib: dict[str, str], parent: str) -> None:
                if parent == R:  # a tab stop or a break in the paragraph's properties is no text
                    self._add(text)

            return add

        def deleted(attrib: dict[str, str], parent: str) -> None:
            self._deleted += 1

        def run_style(attrib: dict[str, str], parent: str) -> None:
            if parent == RPR and self._runs and len(self._stack) > 2 and self._stack[-3] == R:
                self._runs[-1].style = attrib.get(VAL)

        def table(attrib: dict[str, str], parent: str) -> None:
            self._tables += 1
            self._table_styled.append(False)

        def row(attrib: dict[str, str], parent: str) -> None:
            if self._tables == 1:
                self._cells = []

        def cell(attrib: dict[str, str], parent: str) -> None:
            self._cell_fills.append(None)
            if self._tables == 1:
                self._cell = []

        def background(attrib: dict[str, str], parent: str) -> None:
            self._page = hex_colour(attrib.get(f"{W}color"))

        self._starts: dict[str, Callable[[dict[str, str], str], None]] = {
            T: text_open, DEL_TEXT: deleted_text_open, R: run, P: paragraph,
            f"{W}tab": character(" "), f"{W}ptab": character(" "), f"{W}br": character("\n"),
            f"{W}cr": character("\n"), f"{W}noBreakHyphen": character("-"), f"{W}del": deleted,
            f"{W}moveFrom": deleted, f"{W}rStyle": run_style, TBL: table, TR: row, TC: cell,
            f"{W}background": background,
        }  # fmt: skip
        self._ends: dict[str, Callable[[], None]] = {
            T: self._close_text, DEL_TEXT: self._close_text, R: self._end_run, P: self._end_paragraph,
            f"{W}del": self._end_deleted, f"{W}moveFrom": self._end_deleted, TBL: self._end_table, TC: self._end_cell,
            TR: self._end_row,
        }  # fmt: skip

    def _close_text(self) -> None:
        self._text_open = self._deleted_text_open = False

    def _end_run(self) -> None:
        self._runs.pop()

    def _end_paragraph(self) -> None:
        paragraph = self._paragraphs.pop()
        if not self._paragraphs:
            self._finish(paragraph)

    def _end_deleted(self) -> None:
        self._deleted -= 1

    def _end_table(self) -> None:
        self._tables -= 1
        if self._table_styled:
            self._table_styled.pop()

    def _end_cell(self) -> None:
        if self._cell_fills:
            self._cell_fills.pop()
        if self._tables == 1 and self._cell is not None and self._cells is not None:
            self._cells.append(" ".join(self._cell))
            self._cell = None

    def _end_row(self) -> None:
        if self._tables == 1 and self._cells is not None:
            row = CELL_SEPARATOR.join(cell.strip() for cell in self._cells if cell.strip())
            self._cells = None
            self.result.lines.extend(row.split("\n"))

    def data(self, text: str) -> None:
        if self._text_open:
            self._add(text)
        elif self._deleted_text_open and self._paragraphs:
            self._hide("deleted", text)

    def _hide(self, way: str, text: str) -> None:
        """Count hidden text; the text of one run, however the parser chunks it, is one sample."""
        run = id(self._runs[-1]) if self._runs else 0
        self.result.hidden.add(way, text, continues=run == self._hidden_run)
        self._hidden_run = run

    def close(self) -> None:
        pass

    def _add(self, text: str) -> None:
        """Add a run's text to the open paragraph, or count it as hidden; refuse past the character limit."""
        if not self._paragraphs:
            return
        way = self._hidden_way()
        if way is not None:
            self._hide(way, text)
            return
        self.kept += len(text)
        if self.kept > self.max_chars:
            raise _TooMuchText
        self._paragraphs[0].parts.append(text)

    def _hidden_way(self) -> str | None:
        if self._deleted:
            return "deleted"
        if not self._runs:
            return None
        run = self._runs[-1]
        if not run.decided:  # a run's properties come before its text: decided once, at its first text
            run.hidden, run.decided = self._judge(run), True
        return run.hidden

    def _judge(self, run: _Run) -> str | None:
        paragraph = self._paragraphs[-1]
        styles = self.styles
        base = styles.format_of(paragraph.style or styles.default_paragraph).over(_Format(**styles.defaults))
        looks = _Format(**run.properties).over(styles.format_of(run.style).over(base))
        if looks.vanish:
            return "vanish"
        if looks.half_points is not None and looks.half_points < MIN_HALF_POINTS:
            return "tiny"
        if looks.color is not None:
            cell = next((fill for fill in reversed(self._cell_fills) if fill is not None), None)
            fills = (looks.fill, paragraph.fill, cell, self._page)
            background = next((fill for fill in fills if fill is not None), None)
            if background is None and (self.shapes or any(self._table_styled)):
                # A table style may shade the cell (a dark header row), a floating shape or a text box may lie
                # behind the text (a dark band with the name in white): their colours are not read here.
                return None
            if same_colour(looks.color, background or WHITE):
                return "white"
        return None

    def _finish(self, paragraph: _Paragraph) -> None:
        text = "".join(paragraph.parts)
        if paragraph.listed and text.strip():
            text = "- " + text.lstrip()  # a list item
        if self._cell is not None and self._tables >= 1:
            self._cell.append(text)
            return
        self.result.lines.extend(text.split("\n"))
        if paragraph.style.lower().startswith("heading") and text.strip():
            self.result.headings.append(text.strip())
