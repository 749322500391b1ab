"""pdfminer's making of glyphs and of text lines, done again without its calls per glyph.

pdfminer lays out a glyph in about a dozen Python calls (the string's loop, `render_char`, the font's
`to_unichr` and `char_width`, `LTChar.__init__`, two matrix helpers, four corner products, the container's
`add`) and groups glyphs into lines with five more per pair; on a resume these calls cost about as much as
parsing the file. The two functions here compute the same numbers with the same expressions, in the same order,
so the objects they make (`LTChar`, `LTTextLineHorizontal`, `LTAnno`) equal pdfminer's to the bit; a glyph's text
and width are looked up once per font and character code. tests/test_quick_layout.py holds them to pdfminer's own
on every PDF of the suite, so a pdfminer release that changes its layout fails there, not in a report.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pdfminer.layout import LTAnno, LTChar, LTContainer, LTPage, LTTextLineHorizontal
from pdfminer.pdffont import PDFUnicodeNotDefined

_new_char = LTChar.__new__
_INF = float("inf")


def render_horizontal(
    device: Any,
    glyph_cache: dict[Any, dict[int, tuple[str, float]]],
    seq: Iterable[Any],
    matrix: tuple[float, float, float, float, float, float],
    pos: tuple[float, float],
    font: Any,
    fontsize: float,
    scaling: float,
    charspace: float,
    wordspace: float,
    rise: float,
    dxscale: float,
    ncs: Any,
    graphicstate: Any,
) -> tuple[float, float]:
    """Draw a horizontal string's glyphs into `device.cur_item` as `PDFDevice.render_string_horizontal` and
    `PDFLayoutAnalyzer.render_char` do, and return the pen's position after it (the caller checked that every
    item of `seq` is bytes or a number)."""
    known = glyph_cache.get(font)
    if known is None:
        known = glyph_cache[font] = {}
    container = device.cur_item
    if type(container).add is not LTContainer.add:  # a container that does more than keep the glyph
        append = container.add
    else:
        append = container._objs.append
    fontname = font.fontname
    descent = font.get_descent() * fontsize
    bottom, top = descent + rise, descent + rise + fontsize
    a, b, c, d, e, f = matrix
    upright = a * d * scaling > 0 and b * c <= 0
    x, y = pos
    needcharspace = False
    for item in seq:
        if not isinstance(item, bytes):
            x -= item * dxscale
            needcharspace = True
            continue
        for cid in font.decode(item):
            if needcharspace:
                x += charspace
            glyph = known.get(cid)
            if glyph is None:
                glyph = known[cid] = _glyph(device, font, cid)
            text, textwidth = glyph
            # translate_matrix(matrix, (x, y)), then LTChar's box through apply_matrix_rect
            te, tf = x * a + y * c + e, x * b + y * d + f
            adv = textwidth * fontsize * scaling
            left1, bottom1 = a * 0 + c * bottom + te, b * 0 + d * bottom + tf
            right1, bottom2 = a * adv + c * bottom + te, b * adv + d * bottom + tf
            right2, top1 = a * adv + c * top + te, b * adv + d * top + tf
            left2, top2 = a * 0 + c * top + te, b * 0 + d * top + tf
            x0, y0 = min(left1, left2, right1, right2), min(bottom1, bottom2, top1, top2)
            x1, y1 = max(left1, left2, right1, right2), max(bottom1, bottom2, top1, top2)
            if x1 < x0:
                x0, x1 = x1, x0
            if y1 < y0:
                y0, y1 = y1, y0
            char = _new_char(LTChar)
            char.__dict__.update(
                _text=text, matrix=(a, b, c, d, te, tf), fontname=fontname, ncs=ncs, graphicstate=graphicstate,
                adv=adv, upright=upright, x0=x0, y0=y0, x1=x1, y1=y1, width=x1 - x0, height=y1 - y0,
                bbox=(x0, y0, x1, y1), size=y1 - y0,
            )  # fmt: skip
            append(char)
            x += adv
            if cid == 32 and wordspace:
                x += wordspace
            needcharspace = True
    return x, y


def _glyph(device: Any, font: Any, cid: int) -> tuple[str, float]:
    try:
        text = font.to_unichr(cid)
        assert isinstance(text, str), str(type(text))
    except PDFUnicodeNotDefined:
        text = device.handle_undefined_char(font, cid)
    return text, font.char_width(cid)


def group_horizontal(laparams: Any, objs: Iterable[Any]) -> Iterator[LTTextLineHorizontal]:
    """Yield the text lines `LTLayoutContainer.group_objects` makes of `objs` when vertical text is not looked
    for (`laparams.detect_vertical` false): runs of glyphs that overlap vertically and lie near each other."""
    line_overlap, char_margin = laparams.line_overlap, laparams.char_margin
    run: list[Any] = []
    obj0 = None
    for obj1 in objs:
        if obj0 is not None:
            if obj1.y0 <= obj0.y1 and obj0.y0 <= obj1.y1:  # is_voverlap
                overlap = min(abs(obj0.y0 - obj1.y1), abs(obj0.y1 - obj1.y0))
                if obj1.x0 <= obj0.x1 and obj0.x0 <= obj1.x1:  # is_hoverlap
                    distance: float = 0
                else:
                    distance = min(abs(obj0.x0 - obj1.x1), abs(obj0.x1 - obj1.x0))
                halign = (
                    min(obj0.height, obj1.height) * line_overlap < overlap
                    and distance < max(obj0.width, obj1.width) * char_margin
                )
            else:
                halign = False
            if halign and run:
                run.append(obj1)
            elif run:
                yield _line(laparams.word_margin, run)
                run = []
            elif halign:
                run = [obj0, obj1]
            else:
                yield _line(laparams.word_margin, [obj0])
        obj0 = obj1
    if not run:
        assert obj0 is not None
        run = [obj0]
    yield _line(laparams.word_margin, run)


def _line(word_margin: float, objs: list[Any]) -> LTTextLineHorizontal:
    """An LTTextLineHorizontal holding `objs` as its `add` would have put them, a space between two glyphs
    further apart than the word margin."""
    line = LTTextLineHorizontal(word_margin)
    kept = line._objs
    x0, y0, x1, y1 = _INF, _INF, -_INF, -_INF
    last_x1 = _INF
    for obj in objs:
        if word_margin and isinstance(obj, LTChar):
            margin = word_margin * max(obj.width, obj.height)
            if last_x1 < obj.x0 - margin:
                kept.append(LTAnno(" "))
        last_x1 = obj.x1
        kept.append(obj)
        x0, y0, x1, y1 = min(x0, obj.x0), min(y0, obj.y0), max(x1, obj.x1), max(y1, obj.y1)
    line._x1 = last_x1
    line.set_bbox((x0, y0, x1, y1))
    return line


class QuickPage(LTPage):
    """An LTPage whose glyphs are grouped into lines by `group_horizontal` when vertical text is not looked for."""

    def group_objects(self, laparams: Any, objs: Iterable[Any]) -> Iterator[Any]:
        if laparams.detect_vertical:
            return super().group_objects(laparams, objs)
        return group_horizontal(laparams, objs)
