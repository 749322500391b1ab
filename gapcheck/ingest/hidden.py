"""Text no reader can see: how each reader tells it, and how what it left out is counted and described.

A resume may carry skills a recruiter never sees (white on white, 1-point type, hidden or deleted runs, text
drawn outside the page or under a shape): the readers leave such text out of `Document.text` so no skill is
credited for it, and count it here by way of hiding, so the report, `gapcheck text` and the resume checks can
say how much was found.
"""

from __future__ import annotations

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

    def add(self, way: str, text: str) -> None:
        """Count `text` as hidden in `way`; keep the first few non-blank pieces as samples (bounded)."""
        self.characters[way] += len(text)
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
