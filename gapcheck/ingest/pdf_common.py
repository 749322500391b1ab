"""What both PDF engines (`pdf.py` with pdfminer, `pdfium.py`) share: which fonts draw pictograms, not text, and
the one-line form of a library's error. A leaf module, so that neither engine imports the other."""

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
