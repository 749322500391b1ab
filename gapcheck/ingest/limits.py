"""The size limits every reader enforces, so that a hostile or mistaken input fails fast with a clear message."""

from __future__ import annotations

from dataclasses import dataclass

# The libraries that can read a PDF's text: pdfminer.six (always installed) and PDFium (the pdfium extra).
PDF_ENGINES = ("pdfminer", "pdfium")


@dataclass(frozen=True)
class Limits:
    """How much input gapcheck accepts; each limit has a CLI option named in the error it raises."""

    # A resume is one to three pages; 20 leaves room for a long CV without letting a book through.
    max_pages: int = 20
    # Resumes with embedded photos or fonts stay far below this.
    max_bytes: int = 20_000_000
    # spaCy's own default nlp.max_length: a longer text is not a resume or a job ad.
    max_chars: int = 1_000_000
    # Skill names found in one document. A dense twenty-page CV names a few thousand; a text that names one skill a
    # hundred thousand times is not a resume, and weighing, keeping and showing every name would take minutes.
    max_names: int = 10_000
    # Not a limit but travels with them to every reader, batch workers included: which library reads PDFs.
    pdf_engine: str = "pdfminer"


DEFAULT_LIMITS = Limits()
