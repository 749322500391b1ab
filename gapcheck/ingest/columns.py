"""Put the text lines of a page in reading order: one column top to bottom, or two columns one after the other.

Pure geometry on positioned lines, so it is tested without PDFs. Coordinates are PDF points, y grows upwards.
A page has two columns when some vertical gutter splits its lines into a left and a right group with no line
crossing it, except full-width lines above both columns (the name and contact line) or below them (a footer),
and both groups are substantial: each holds a section heading, or a fair share of the text. A narrow column of
dates beside the entries is not a second column: it holds neither.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from statistics import median


@dataclass(frozen=True)
class TextLine:
    """One line of text on a page and its bounding box."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def height(self) -> float:
        return max(self.y1 - self.y0, 0.1)


@dataclass(frozen=True)
class Gutter:
    """Where a two-column page splits: lines left of `x` form the left column."""

    x: float
    top: float  # lines entirely above this are the page header
    bottom: float  # lines entirely below this are the page footer


MIN_COLUMN_LINES = 3
MIN_COLUMN_SHARE = 0.15  # of the characters between header and footer, when a column has no heading
MIN_VERTICAL_OVERLAP = 0.5  # of the shorter column's height: columns sit side by side, not stacked
PIECE_SEPARATOR = " | "  # between pieces of one row that stand far apart ("Engineer | Jan 2023 - Present")


def reading_order(
    lines: Sequence[TextLine], page_width: float, is_heading: Callable[[str], bool] = lambda text: False
) -> tuple[list[str], bool]:
    """Return the page's rows of text in reading order ("" marks a paragraph gap), and whether it had two columns."""
    gutter = find_gutter(lines, page_width, is_heading)
    if gutter is None:
        return _rows_text(lines), False
    header = [line for line in lines if line.y0 >= gutter.top]
    footer = [line for line in lines if line.y1 <= gutter.bottom and line.y0 < gutter.top]
    body = [line for line in lines if gutter.bottom < line.y1 and line.y0 < gutter.top]
    left = [line for line in body if line.x1 <= gutter.x]
    right = [line for line in body if line.x1 > gutter.x]
    rows: list[str] = []
    for group in (header, left, right, footer):
        if group:
            rows.extend([*_rows_text(group), ""])
    return rows[:-1], True


def find_gutter(
    lines: Sequence[TextLine], page_width: float, is_heading: Callable[[str], bool] = lambda text: False
) -> Gutter | None:
    """Return the gutter of a two-column page, or None when the page reads as one column."""
    best: tuple[float, Gutter] | None = None
    for x in sorted({line.x0 for line in lines if 0.15 * page_width < line.x0 < 0.85 * page_width}):
        gutter_x = x - 0.5
        right = [line for line in lines if line.x0 >= gutter_x]
        if len(right) < MIN_COLUMN_LINES:
            continue
        top = max(line.y1 for line in right)
        left = [line for line in lines if line.x1 <= gutter_x and line.y0 < top]
        if len(left) < MIN_COLUMN_LINES:
            continue
        bottom = min(line.y0 for line in (*left, *right))
        crossing = [line for line in lines if line.x0 < gutter_x < line.x1]
        if any(line.y0 < top and line.y1 > bottom for line in crossing):
            continue
        if not _side_by_side(left, right) or not _both_substantial(left, right, is_heading):
            continue
        clearance = min(line.x0 for line in right) - max(line.x1 for line in left)
        if best is None or clearance > best[0]:
            best = (clearance, Gutter(x=gutter_x, top=top, bottom=bottom))
    return best[1] if best else None


def _side_by_side(left: Sequence[TextLine], right: Sequence[TextLine]) -> bool:
    left_top, left_bottom = max(line.y1 for line in left), min(line.y0 for line in left)
    right_top, right_bottom = max(line.y1 for line in right), min(line.y0 for line in right)
    overlap = min(left_top, right_top) - max(left_bottom, right_bottom)
    shorter = min(left_top - left_bottom, right_top - right_bottom)
    return overlap >= MIN_VERTICAL_OVERLAP * shorter


def _both_substantial(left: Sequence[TextLine], right: Sequence[TextLine], is_heading: Callable[[str], bool]) -> bool:
    if any(is_heading(line.text) for line in left) and any(is_heading(line.text) for line in right):
        return True
    left_chars = sum(len(line.text) for line in left)
    right_chars = sum(len(line.text) for line in right)
    total = left_chars + right_chars
    return min(left_chars, right_chars) >= MIN_COLUMN_SHARE * total


def _rows_text(lines: Sequence[TextLine]) -> list[str]:
    """Return lines grouped into rows (top to bottom), pieces of a row joined left to right."""
    rows = group_rows(lines)
    if not rows:
        return []
    typical_height = median(line.height for line in lines)
    out: list[str] = []
    previous_bottom: float | None = None
    for row in rows:
        top = max(line.y1 for line in row)
        if previous_bottom is not None and previous_bottom - top > typical_height:
            out.append("")
        out.append(_join_row(row))
        previous_bottom = min(line.y0 for line in row)
    return out


def group_rows(lines: Sequence[TextLine]) -> list[list[TextLine]]:
    """Return the lines as rows, top to bottom: lines that overlap vertically by half a line share one."""
    rows: list[list[TextLine]] = []
    anchor: TextLine | None = None
    for line in sorted(lines, key=lambda line: (-line.y1, line.x0)):
        if anchor is not None:
            overlap = min(anchor.y1, line.y1) - max(anchor.y0, line.y0)
            # Half the taller line's height: small contact lines beside a big name stay rows of their own.
            if overlap >= 0.5 * max(anchor.height, line.height):
                rows[-1].append(line)
                continue
        rows.append([line])
        anchor = line
    return [sorted(row, key=lambda line: line.x0) for row in rows]


def _join_row(row: Sequence[TextLine]) -> str:
    text = row[0].text.strip()
    for before, line in zip(row, row[1:], strict=False):
        piece = line.text.strip()
        if not piece:
            continue
        near = line.x0 - before.x1 < max(before.height, line.height)  # a wide, justified word space
        lone_bullet = len(text) == 1 and not text.isalnum()
        text += " " + piece if near or lone_bullet or not text else PIECE_SEPARATOR + piece
    return text
