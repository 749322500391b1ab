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
    _sampling: bool = field(default=False, repr=False)  # the last piece is being sampled

    @property
    def total(self) -> int:
        return sum(self.characters.values())

    def add(self, way: str, text: str, characters: int | None = None, continues: bool = False) -> None:
        """Count `text` (or `characters` of it) as hidden in `way`; keep the first few non-blank pieces as samples.
        With `continues`, the text goes on the last piece (a parser gives long text in chunks)."""
        self.characters[way] += len(text) if characters is None else characters
        if continues and self._sampling:
            if len(self.samples[-1]) < SAMPLE_CHARS:
                self.samples[-1] = " ".join((self.samples[-1] + text).split())[:SAMPLE_CHARS]
            return
        piece = " ".join(text.split())[:SAMPLE_CHARS]
        self._sampling = bool(piece) and len(self.samples) < MAX_SAMPLES and piece not in self.samples
        if self._sampling:
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
    return (
        abs(first[0] - second[0]) <= SAME_COLOUR
        and abs(first[1] - second[1]) <= SAME_COLOUR
        and abs(first[2] - second[2]) <= SAME_COLOUR
    )


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
        # The last drawing order of a rectangle over all of each cell, and over all of the page: kept however
        # crowded a cell is, so that many shapes drawn over text cannot hide that they cover it.
        self._cell_covered = [0] * (self.GRID * self.GRID)
        # The largest rectangles over each cell, a few: what may cover a glyph there, kept when the cell is
        # crowded (the smallest go first: a glyph's cover is larger than it).
        self._rectangles: list[list[_Shape]] = [[] for _ in range(self.GRID * self.GRID)]
        self._page_covered = 0
        # From this drawing order on, what lies behind text is not known (a shading painted, too many shapes).
        self._unknown_from = math.inf
        # The drawing order of the last rectangle that may cover text: a glyph drawn after it is never covered,
        # which spares most glyphs of most pages the look at the grid.
        self._last_cover = 0
        # The colours text could vanish into: the page's white and every known shape colour in the grid; a glyph
        # whose colour is like none of them is seen wherever it stands (asked once per colour until one is added).
        self._backgrounds: list[RGB] = [WHITE]
        self._could_vanish: dict[RGB, bool] = {}

    def next_order(self) -> int:
        self.order += 1
        return self.order

    def wants(self, box: Box) -> bool:
        """True unless a shape in `box` would change nothing: past MAX_SHAPES only one over the whole page does
        (an engine may then spare itself reading its colour and outline)."""
        if self._shapes < self.MAX_SHAPES:
            return True
        left, bottom, right, top = self.visible
        return box[0] <= left and box[1] <= bottom and box[2] >= right and box[3] >= top

    def add_shape(self, box: Box, colour: RGB | None, rectangle: bool) -> None:
        # A rule or an underline, however drawn, covers no glyph.
        shape = _Shape(self.next_order(), box, colour, rectangle and box[3] - box[1] >= MIN_POINTS)
        left, bottom, right, top = self.visible
        if box[2] < left or box[0] > right or box[3] < bottom or box[1] > top:
            return  # off the page: behind nothing a reader sees
        if shape.rectangle:
            self._last_cover = shape.order
            if box[0] <= left and box[1] <= bottom and box[2] >= right and box[3] >= top:
                self._page_covered = shape.order
        self._shapes += 1
        if self._shapes > self.MAX_SHAPES:
            self._unknown_from = min(self._unknown_from, shape.order)
            return
        if colour is not None and colour not in self._backgrounds:
            self._backgrounds.append(colour)
            self._could_vanish.clear()
        (c0, r0), (c1, r1) = self._cell(box[0], box[1]), self._cell(box[2], box[3])
        width, height = (right - left) / self.GRID, (top - bottom) / self.GRID
        for row in range(r0, r1 + 1):
            for column in range(c0, c1 + 1):
                index = row * self.GRID + column
                if shape.rectangle and (
                    box[0] <= left + column * width
                    and box[1] <= bottom + row * height
                    and box[2] >= left + (column + 1) * width
                    and box[3] >= bottom + (row + 1) * height
                ):
                    self._cell_covered[index] = shape.order
                elif shape.rectangle:  # over part of the cell: it may cover some glyph there
                    _keep_largest(self._rectangles[index], shape, self.PER_CELL)
                cell = self._cells[index]
                if cell is not None:
                    cell.append(shape)
                    if len(cell) > self.PER_CELL:
                        self._cells[index] = None  # crowded: what lies behind is not known

    def add_shading(self) -> None:
        """Note a smooth shading (`sh`): it paints an area not known here, so text after it may stand on it."""
        self._unknown_from = min(self._unknown_from, self.next_order())

    def _cell(self, x: float, y: float) -> tuple[int, int]:
        left, bottom, right, top = self.visible
        grid = self.GRID
        column = min(max(int((x - left) / max(right - left, 1e-6) * grid), 0), grid - 1)
        row = min(max(int((y - bottom) / max(top - bottom, 1e-6) * grid), 0), grid - 1)
        return column, row

    def _cell_index(self, x: float, y: float) -> int:
        column, row = self._cell(x, y)
        return row * self.GRID + column

    def hidden_way(
        self, box: Box, em: float, mode: int, fill: RGB | None, stroke: RGB | None, order: float = math.inf
    ) -> str | None:
        """Return how a glyph drawn at `order` (by default now, after all shapes so far), in `box` with an em of
        `em` points, is hidden, or None if it is seen."""
        return self.hidden_ways([box], em, mode, fill, stroke, order)[0]

    def hidden_ways(
        self, boxes: list[Box], em: float, mode: int, fill: RGB | None, stroke: RGB | None, order: float = math.inf
    ) -> list[str | None]:
        """`hidden_way` for glyphs drawn alike (one string: one em, render mode and colour), each in its box; what
        depends on the string is decided once, so a page of text costs a bounds check a glyph."""
        if mode in INVISIBLE_MODES:
            return ["invisible"] * len(boxes)
        if 0 < em < MIN_POINTS:
            return ["tiny"] * len(boxes)
        # The colours the glyph is painted in; one not known (a pattern, a spot colour) keeps it seen.
        painted = fill if mode in FILL_MODES else stroke
        both = mode in FILL_MODES and mode in STROKE_MODES
        by_colour = painted is not None and not (both and stroke is None) and self._may_vanish(painted)
        left, bottom, right, top = self.visible
        if not by_colour and boxes:
            x0s, y0s, x1s, y1s = zip(*boxes, strict=True)
            if min(x0s) >= left and max(x1s) <= right and min(y0s) >= bottom and max(y1s) <= top:
                return [None] * len(boxes)  # all of the string on the page, in a colour that shows anywhere
        ways: list[str | None] = []
        for box in boxes:
            x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
            if not (left <= x <= right and bottom <= y <= top):
                ways.append("off-page")
            elif not by_colour:
                ways.append(None)
            else:
                background = self._background(x, y, order)
                seen = (
                    background is None
                    or not same_colour(painted, background)  # type: ignore[arg-type]
                    or (both and not same_colour(stroke, background))  # type: ignore[arg-type]
                )
                ways.append(None if seen else "white")
        return ways

    @property
    def last_cover(self) -> int:
        """The drawing order of the last rectangle that may cover text (0: none yet)."""
        return self._last_cover

    def _may_vanish(self, painted: RGB) -> bool:
        """True when `painted` is like some colour the glyph could stand on (white or a shape's)."""
        answer = self._could_vanish.get(painted)
        if answer is None:
            answer = self._could_vanish[painted] = any(same_colour(painted, b) for b in self._backgrounds)
        return answer

    def _background(self, x: float, y: float, order: float) -> RGB | None:
        cell = self._cells[self._cell_index(x, y)]
        if cell is None:
            return None
        for shape in reversed(cell):
            x0, y0, x1, y1 = shape.box
            if shape.order < order and x0 <= x <= x1 and y0 <= y <= y1:
                return shape.colour
        return None if order > self._unknown_from else WHITE

    def covered(self, glyphs: list[tuple[Box, int]]) -> list[bool]:
        """Return, for each (box, order) of the page's glyphs, whether filled rectangles drawn after it cover its
        box: one rectangle over all of it, or rectangles over all of each cell it touches, or all of the page."""
        last = self._last_cover
        return [order < last and self._covers(box, order) for box, order in glyphs]

    def _covers(self, box: Box, order: int) -> bool:
        if self._page_covered > order:
            return True
        (c0, r0), (c1, r1) = self._cell(box[0], box[1]), self._cell(box[2], box[3])
        if all(self._cell_covered[row * self.GRID + column] > order
               for row in range(r0, r1 + 1) for column in range(c0, c1 + 1)):  # fmt: skip
            return True
        return any(
            shape.order > order
            and shape.box[0] <= box[0] + 0.5
            and shape.box[1] <= box[1] + 0.5
            and box[2] - 0.5 <= shape.box[2]
            and box[3] - 0.5 <= shape.box[3]
            for shape in self._rectangles[self._cell_index((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)]
        )


def _keep_largest(shapes: list[_Shape], shape: _Shape, most: int) -> None:
    """Add `shape` to `shapes`, keeping the `most` largest by area (the earlier one on a tie)."""
    if len(shapes) < most:
        shapes.append(shape)
        return
    smallest = min(range(len(shapes)), key=lambda i: _area(shapes[i].box))
    if _area(shape.box) > _area(shapes[smallest].box):
        shapes[smallest] = shape


def _area(box: Box) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])
