"""What both PDF engines (`pdf.py` with pdfminer, `pdfium.py`) share: the glyph budget, which fonts draw
pictograms, not text, and the one-line form of a library's error. A leaf module, so that neither engine imports
the other."""

from __future__ import annotations

import re
from functools import lru_cache

# Fonts made of pictograms (phone, e-mail, GitHub logos): their glyphs are not text.
ICON_FONT = re.compile(
    r"awesome|icomoon|glyphicon|octicon|ionicon|academicons|fontello|devicon|simple-?icons|"
    r"material-?(icons|symbols)|remixicon|bootstrap-?icons|lucide|tabler|feather|linearicons",
    re.IGNORECASE,
)


@lru_cache(maxsize=256)
def is_icon_font(fontname: str) -> bool:
    return ICON_FONT.search(fontname) is not None


def error_detail(error: BaseException) -> str:
    """Return "Type: first line of the message" (or the type alone) to put in brackets after a reading error."""
    detail = str(error).strip().splitlines()[0][:120] if str(error).strip() else ""
    return f"{type(error).__name__}: {detail}" if detail else type(error).__name__


class TooManyDrawings(Exception):
    """The document draws more glyphs and shapes than the budget of its page limit."""


class GlyphBudget:
    """The glyphs and shapes one document may draw: a small file can draw a great many (one long string, one
    content stream shared by every page, forms that draw forms ten times over), and each costs layout work."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.drawn = 0

    def spend(self, count: int) -> None:
        self.drawn += count
        if self.drawn > self.limit:
            raise TooManyDrawings(f"it draws more than {self.limit:,} glyphs and shapes")

    def room(self) -> int:
        """How many more glyphs and shapes may be drawn."""
        return self.limit - self.drawn
