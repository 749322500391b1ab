"""The read stage: turn a resume or job ad (PDF, DOCX, text, Markdown, JSON Resume) into a clean `Document`.

    path --read_document--> Document(text, sections, layout, diagnostics)

The file type is judged by content (magic bytes, a parse), the extension only breaks ties. Every failure is an
`InputError` (or a subclass) whose message names the file; nothing else escapes.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gapcheck.errors import InputError, UnsupportedInput
from gapcheck.ingest.cleanup import (
    clean_line,
    clean_lines,
    join_hyphenated,
    join_lone_bullets,
    removal_notes,
    remove_page_furniture,
    tidy_blank_lines,
)
from gapcheck.ingest.limits import DEFAULT_LIMITS, Limits
from gapcheck.ingest.sections import find_sections, missing_section_notes, section_kind
from gapcheck.model import Document, DocumentKind

if TYPE_CHECKING:
    from gapcheck.ingest.hidden import HiddenText
    from gapcheck.ingest.text import DecodedText

__all__ = ["Limits", "format_document", "read_document", "read_text", "section_kind"]

SUPPORTED = ".pdf, .docx, .txt, .md, .json"
TEXT_SUFFIXES = frozenset((".txt", ".md", ".markdown", ".text", ".json", ""))


def read_document(path: Path | str, kind: DocumentKind = "resume", limits: Limits = DEFAULT_LIMITS) -> Document:
    """Return the document at `path` read into clean text with its sections; raise InputError if it cannot be."""
    source = str(path)
    path = Path(path)
    data = _read_bytes(path, source, limits)
    file_type = detect_type(data, path.suffix.lower(), source)
    if file_type == "pdf":
        return _read_pdf_document(data, source, kind, limits)
    if file_type == "docx":
        from gapcheck.ingest.docx import read_docx

        docx = read_docx(data, source, limits)
        lines, notes = clean_lines(docx.lines)
        return _assemble(source, lines, kind, "docx", 0, notes, docx.headings, limits, docx.hidden)
    if file_type == "json":
        from gapcheck.ingest.jsonresume import json_resume_lines

        lines, notes = clean_lines(json_resume_lines(_parse_json(data, source)))
        return _assemble(source, lines, kind, "json", 0, notes, (), limits)
    decoded = _decode(data, source)
    document = read_text(decoded.text, source, kind, limits)
    document.diagnostics[:0] = decoded.diagnostics
    return document


def read_text(text: str, source: str, kind: DocumentKind = "job", limits: Limits = DEFAULT_LIMITS) -> Document:
    """Return a Document for text already in memory (a job ad pasted on stdin); Markdown headings count."""
    from gapcheck.ingest.text import markdown_to_lines

    # Refused before cleaning, which takes seconds on megabytes: twice the limit leaves room for padding.
    if len(text) > 2 * limits.max_chars:
        _too_long(source, len(text), limits)
    raw_lines, headings = markdown_to_lines(text)
    lines, notes = clean_lines(raw_lines)
    removed: Counter[str] = Counter()
    headings = [clean_line(heading, removed) for heading in headings]
    return _assemble(source, lines, kind, "text", 0, notes, headings, limits)


def format_document(document: Document, sections: bool = False) -> str:
    """Return the document's clean text ending in a newline; with `sections`, "=== [name] Heading ===" lines
    open each section (and "=== [other] ... ===" the text before the first heading, if any)."""
    if not sections:
        return document.text + "\n"
    text = document.text
    parts: list[str] = []
    position = 0
    ordered = sorted(document.sections, key=lambda section: section.start)
    if text[: ordered[0].start if ordered else len(text)].strip():
        parts.append("=== [other] (before the first heading) ===\n")
    for section in ordered:
        parts.append(text[position : section.start])
        parts.append(f"=== [{section.name}] {section.heading} ===\n")
        position = section.start
    parts.append(text[position:])
    return "".join(parts) + "\n"


def detect_type(data: bytes, suffix: str, source: str) -> str:
    """Return "pdf", "docx", "json" or "text" for a file's bytes; raise UnsupportedInput for anything else."""
    from gapcheck.ingest.docx import is_docx
    from gapcheck.ingest.text import decode_text

    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if is_docx(data):
            return "docx"
        if suffix == ".docx":
            raise InputError(f"{source}: is not a readable DOCX (it has no word/document.xml)")
        raise _unsupported(source)
    if suffix == ".pdf":
        raise InputError(f"{source}: is not a readable PDF (it does not start with %PDF-)")
    if suffix == ".docx":
        raise InputError(f"{source}: is not a readable DOCX (it is not a zip archive)")
    if suffix not in TEXT_SUFFIXES:
        raise _unsupported(source, data)
    decoded = decode_text(data)
    if decoded is None:
        raise _unsupported(source, data)
    if suffix == ".json":
        return "json"
    if decoded.text.lstrip().startswith("{"):
        try:
            from gapcheck.ingest.jsonresume import looks_like_json_resume

            if looks_like_json_resume(json.loads(decoded.text)):
                return "json"
        except ValueError:
            pass
    return "text"


def _unsupported(source: str, data: bytes = b"") -> UnsupportedInput:
    hint = "; save a .doc as .docx first" if data.startswith(b"\xd0\xcf\x11\xe0") else ""
    return UnsupportedInput(f"{source}: unsupported file type (gapcheck reads {SUPPORTED}{hint})")


def _read_bytes(path: Path, source: str, limits: Limits) -> bytes:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputError(f"{source}: is a folder, not a file")
        if size > limits.max_bytes:
            raise InputError(
                f"{source}: is {_megabytes(size)}, over the {_megabytes(limits.max_bytes)} limit "
                "(raise it with --max-bytes)"
            )
        with path.open("rb") as file:
            data = file.read(limits.max_bytes + 1)
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except PermissionError:
        raise InputError(f"{source}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{source}: is a folder, not a file") from None
    except OSError as error:
        raise InputError(f"{source}: cannot be read ({error.strerror or error})") from None
    if len(data) > limits.max_bytes:  # a pipe or special file that reported no size
        raise InputError(f"{source}: is over the {_megabytes(limits.max_bytes)} limit (raise it with --max-bytes)")
    if not data:
        raise InputError(f"{source}: empty")
    return data


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size:,} bytes"


def _decode(data: bytes, source: str) -> DecodedText:
    from gapcheck.ingest.text import decode_text

    decoded = decode_text(data)
    if decoded is None:
        raise _unsupported(source, data)
    return decoded


def _parse_json(data: bytes, source: str) -> dict[str, Any]:
    from gapcheck.ingest.jsonresume import looks_like_json_resume

    text = _decode(data, source).text
    if not text.strip():
        raise InputError(f"{source}: empty")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"{source}: is not valid JSON ({error.msg} at line {error.lineno})") from None
    except RecursionError:
        raise InputError(f"{source}: is not valid JSON (nested too deeply)") from None
    except ValueError as error:  # a number of more than 4,300 digits
        raise InputError(f"{source}: is not valid JSON ({str(error).split(';')[0]})") from None
    if not looks_like_json_resume(value):
        raise InputError(
            f"{source}: is JSON but not a JSON Resume (expected an object with basics, work, education or skills)"
        )
    return value


def _read_pdf_document(data: bytes, source: str, kind: DocumentKind, limits: Limits) -> Document:
    from gapcheck.ingest.pdf import read_pdf

    pdf = read_pdf(data, source, limits)
    removed = pdf.removed
    pages = [[clean_line(row, removed) for row in page] for page in pdf.pages]
    pages, furniture_notes = remove_page_furniture(pages)
    lines: list[str] = []
    for page in pages:
        lines += [*page, ""]
    lines, joined = join_hyphenated(join_lone_bullets(lines))
    notes = [
        f"two-column layout detected on page {number}: read the left column, then the right"
        for number in pdf.two_column_pages
    ]
    notes += removal_notes(removed, joined) + furniture_notes + pdf.diagnostics
    layout = "two-column" if pdf.two_column_pages else "one-column"
    return _assemble(source, tidy_blank_lines(lines), kind, layout, len(pdf.pages), notes, (), limits, pdf.hidden)


def _assemble(
    source: str,
    lines: list[str],
    kind: DocumentKind,
    layout: str,
    pages: int,
    diagnostics: list[str],
    headings: tuple[str, ...] | list[str],
    limits: Limits,
    hidden: HiddenText | None = None,
) -> Document:
    text = "\n".join(lines).strip()
    if not text and hidden is not None and hidden.total:
        raise InputError(f"{source}: has no text a reader can see: {hidden.describe()}")
    if not text:
        raise InputError(f"{source}: empty (no text after cleaning)")
    if len(text) > limits.max_chars:
        _too_long(source, len(text), limits)
    sections = find_sections(text, kind, headings)
    if hidden is not None and hidden.total:
        diagnostics = [*diagnostics, hidden.describe()]
    return Document(
        source=source,
        text=text,
        kind=kind,
        sections=sections,
        pages=pages,
        diagnostics=diagnostics + missing_section_notes(sections, kind),
        layout=layout,
        hidden_text=dict(hidden.characters) if hidden is not None else {},
    )


def _too_long(source: str, length: int, limits: Limits) -> None:
    raise InputError(
        f"{source}: has {length:,} characters of text, over the {limits.max_chars:,} limit "
        "(far more than a resume or a job ad)"
    )
