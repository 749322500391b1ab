"""Text no reader can see: how each reader tells it, and how what it left out is counted and described.

A resume may carry skills a recruiter never sees (white on white, 1-point type, hidden or deleted runs, text
drawn outside the page or under a shape): the readers leave such text out of `Document.text` so no skill is
credited for it, and count it here by way of hiding, so the report, `gapcheck text` and the resume checks can
say how much was found.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gapcheck.model import Document

# How text was hidden, in the words the notes use.
WAYS = {
    "vanish": "marked hidden",
    "white": "in the background's colour",
    "tiny": "under 3 pt",
    "deleted": "in deleted revisions",
    "invisible": "drawn invisible (render mode 3)",
    "off-page": "outside the page",
    "covered": "covered by a shape",
}
# Text smaller than this is unreadable in print: 3 pt, 6 half-points in a DOCX.
MIN_POINTS = 3.0
# Two colours closer than this in every channel (0-1) look alike: #F0F0F0 text on white cannot be read.
SAME_COLOUR = 0.07
# How the reading note on hidden text opens, so that `gapcheck text` and the resume checks can find it.
HIDDEN_NOTE = "hidden text left out"
MAX_SAMPLES = 5
SAMPLE_CHARS = 80

RGB = tuple[float, float, float]
WHITE: RGB = (1.0, 1.0, 1.0)


@dataclass
class HiddenText:
    """The characters of hidden text a reader left out, by way of hiding, and a few of the hidden pieces."""

    characters: Counter[str] = field(default_factory=Counter)
    samples: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.characters.values())

    def add(self, way: str, text: str, characters: int | None = None) -> None:
        """Count `text` (or `characters` of it) as hidden in `way`; keep the first few non-blank pieces as samples."""
        self.characters[way] += len(text) if characters is None else characters
        piece = " ".join(text.split())[:SAMPLE_CHARS]
        if piece and len(self.samples) < MAX_SAMPLES and piece not in self.samples:
            self.samples.append(piece)

    def describe(self) -> str:
        """Return the reading note, "hidden text left out: 42 characters (30 in the background's colour, ...)"."""
        ways = ", ".join(f"{count:,} {WAYS.get(way, way)}" for way, count in self.characters.most_common() if count)
        examples = "; ".join(f'"{sample}"' for sample in self.samples[:3])
        return f"{HIDDEN_NOTE}: {self.total:,} characters no reader can see ({ways})" + (
            f", such as {examples}" if examples else ""
        )


def same_colour(first: RGB, second: RGB) -> bool:
    """True when text in colour `first` on `second` cannot be told apart from its background."""
    return all(abs(a - b) <= SAME_COLOUR for a, b in zip(first, second, strict=True))


def hex_colour(value: str | None) -> RGB | None:
    """Return a DOCX colour ("FFFFFF") as RGB in 0-1, or None for "auto", no colour or a malformed one."""
    if not value or len(value) != 6:
        return None
    try:
        number = int(value, 16)
    except ValueError:
        return None
    return ((number >> 16) / 255, ((number >> 8) & 0xFF) / 255, (number & 0xFF) / 255)


def hidden_text_notes(document: Document) -> list[str]:
    """Return the document's reading notes on hidden text (none when nothing was hidden)."""
    return [note for note in document.diagnostics if note.startswith(HIDDEN_NOTE)]


# ------------------------------------------------------------------------------------------ PDF pages

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in page space, y upwards
INVISIBLE_MODES = frozenset((3, 7))  # render modes that paint nothing: neither fill nor stroke
STROKE_MODES = frozenset((1, 2, 5, 6))
FILL_MODES = frozenset((0, 2, 4, 6))
# Covering a page's text takes a filled rectangle over each glyph: checking more pairs than this on one page
# (a hostile file of many glyphs and rectangles) is skipped, with a note, rather than let it take seconds.
MAX_COVER_CHECKS = 3_000_000


def device_colour(components: object, count: int) -> RGB | None:
    """Return a gray, RGB or CMYK colour (components 0-1) as RGB; None for any other colour space or value."""
    values = components if isinstance(components, (tuple, list)) else (components,)
    if len(values) != count or not all(isinstance(v, (int, float)) for v in values):
        return None
    v = [min(max(float(x), 0.0), 1.0) for x in values]  # type: ignore[union-attr]
    if count == 1:
        return (v[0], v[0], v[0])
    if count == 3:
        return (v[0], v[1], v[2])
    if count == 4:
        return ((1 - v[0]) * (1 - v[3]), (1 - v[1]) * (1 - v[3]), (1 - v[2]) * (1 - v[3]))
    return None


@dataclass
class _Shape:
    order: int
    box: Box
    colour: RGB | None  # None: not known (an image, a pattern, a colour space other than gray, RGB or CMYK)
    rectangle: bool  # a filled axis-aligned rectangle: opaque over all of its box


class PageDrawing:
    """What one page paints, in drawing order, to tell which text a reader cannot see.

    An engine reports each filled shape and image (`add_shape`) and asks about each glyph (`hidden_way`) as the
    page is drawn, and about covering (`covered`) once the page is done: text in render mode 3, under 3 pt,
    centred outside the visible page box, or of the colour of what lies behind it (the last filled shape drawn
    under it, else the white page) is hidden; so is text under a filled rectangle drawn after it. Behind text,
    any filled shape counts by its box (a rounded tag behind white text keeps it visible); over it, only a
    rectangle, whose box is what it paints. What cannot be known (an image, a pattern, a smooth shading, a
    page crowded with shapes) keeps text visible. Shapes are kept in a grid of GRID x GRID cells over the page,
    a few per cell, so that each glyph costs a few comparisons whatever the page draws.
    """

    GRID = 16
    PER_CELL = 16
    MAX_SHAPES = 512

    def __init__(self, visible: Box) -> None:
        self.visible = visible
        self.order = 0
        self._shapes = 0
        self._cells: list[list[_Shape] | None] = [[] for _ in range(self.GRID * self.GRID)]
        self._covers: list[_Shape] = []
        # From this drawing order on, what lies behind text is not known (a shading painted, too many shapes).
        self._unknown_from = math.inf

    def next_order(self) -> int:
        self.order += 1
        return self.order

    def add_shape(self, box: Box, colour: RGB | None, rectangle: bool) -> None:
        shape = _Shape(self.next_order(), box, colour, rectangle)
        left, bottom, right, top = self.visible
        if box[2] < left or box[0] > right or box[3] < bottom or box[1] > top:
            return  # off the page: behind nothing a reader sees
        self._shapes += 1
        if self._shapes > self.MAX_SHAPES:
            self._unknown_from = min(self._unknown_from, shape.order)
            return
        if rectangle and box[3] - box[1] >= MIN_POINTS:  # a rule or an underline covers no glyph
            self._covers.append(shape)
        (c0, r0), (c1, r1) = self._cell(box[0], box[1]), self._cell(box[2], box[3])
        for row in range(r0, r1 + 1):
            for column in range(c0, c1 + 1):
                cell = self._cells[row * self.GRID + column]
                if cell is not None:
                    cell.append(shape)
                    if len(cell) > self.PER_CELL:
                        self._cells[row * self.GRID + column] = None  # crowded: what lies behind is not known

    def add_shading(self) -> None:
        """Note a smooth shading (`sh`): it paints an area not known here, so text after it may stand on it."""
        self._unknown_from = min(self._unknown_from, self.next_order())

    def _cell(self, x: float, y: float) -> tuple[int, int]:
        left, bottom, right, top = self.visible
        width, height = max(right - left, 1e-6), max(top - bottom, 1e-6)
        column = min(max(int((x - left) / width * self.GRID), 0), self.GRID - 1)
        row = min(max(int((y - bottom) / height * self.GRID), 0), self.GRID - 1)
        return column, row

    def hidden_way(
        self, box: Box, em: float, mode: int, fill: RGB | None, stroke: RGB | None, order: float = math.inf
    ) -> str | None:
        """Return how a glyph drawn at `order` (by default now, after all shapes so far), in `box` with an em of
        `em` points, is hidden, or None if it is seen."""
        if mode in INVISIBLE_MODES:
            return "invisible"
        if 0 < em < MIN_POINTS:
            return "tiny"
        x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        left, bottom, right, top = self.visible
        if not (left <= x <= right and bottom <= y <= top):
            return "off-page"
        colours = ([fill] if mode in FILL_MODES else []) + ([stroke] if mode in STROKE_MODES else [])
        background = self._background(x, y, order)
        if background is None or not colours:
            return None
        if all(colour is not None and same_colour(colour, background) for colour in colours):
            return "white"
        return None

    def _background(self, x: float, y: float, order: float) -> RGB | None:
        column, row = self._cell(x, y)
        cell = self._cells[row * self.GRID + column]
        if cell is None:
            return None
        for shape in reversed(cell):
            x0, y0, x1, y1 = shape.box
            if shape.order < order and x0 <= x <= x1 and y0 <= y <= y1:
                return shape.colour
        return None if order > self._unknown_from else WHITE

    def covered(self, glyphs: list[tuple[Box, int]]) -> list[bool] | None:
        """Return, for each (box, order) of the page's glyphs, whether a rectangle drawn after it covers it; None
        when the page has too many glyphs and rectangles to check."""
        first = min((order for _, order in glyphs), default=0)
        covers = [shape for shape in self._covers if shape.order > first]
        if not covers:
            return [False] * len(glyphs)
        if len(covers) * len(glyphs) > MAX_COVER_CHECKS:
            return None
        return [
            any(
                shape.order > order
                and shape.box[0] <= x0 + 0.5
                and shape.box[1] <= y0 + 0.5
                and x1 - 0.5 <= shape.box[2]
                and y1 - 0.5 <= shape.box[3]
                for shape in covers
            )
            for (x0, y0, x1, y1), order in glyphs
        ]
