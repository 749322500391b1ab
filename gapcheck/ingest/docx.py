"""Read the text of a .docx with the standard library.

A .docx is a zip archive of XML files and the text lives in word/document.xml, so zipfile and ElementTree read it
without another dependency. Paragraphs become lines, tabs spaces, line breaks new lines, and each table row one
line with its cells separated by " | ". Sizes are checked before anything is decompressed (zip bombs), and XML
with a DTD is refused (entity expansion): Word never writes one.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree import ElementTree

from gapcheck.errors import InputError
from gapcheck.ingest.limits import DEFAULT_LIMITS, Limits

DOCUMENT_PART = "word/document.xml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CELL_SEPARATOR = " | "


@dataclass
class DocxText:
    """The lines of a .docx and the ones styled as headings."""

    lines: list[str]
    headings: list[str] = field(default_factory=list)


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
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo(DOCUMENT_PART)
            if info.file_size > limits.max_bytes:
                raise _too_big(source, limits)
            with archive.open(info) as part:
                # The declared size can lie: read no more than the limit allows.
                xml = part.read(limits.max_bytes + 1)
    except InputError:
        raise
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError, NotImplementedError) as error:
        raise InputError(f"{source}: is not a readable DOCX ({type(error).__name__}: {error})") from error
    if len(xml) > limits.max_bytes:
        raise _too_big(source, limits)
    if b"<!DOCTYPE" in xml[:4096] or b"<!ENTITY" in xml:
        raise InputError(f"{source}: is not a readable DOCX (its XML declares a DTD)")
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as error:
        raise InputError(f"{source}: is not a readable DOCX (broken XML: {error})") from error
    body = root.find(f"{W}body")
    result = DocxText(lines=[])
    for line, is_heading in _blocks(body if body is not None else root):
        result.lines.extend(line.split("\n"))
        if is_heading and line.strip():
            result.headings.append(line.strip())
    return result


def _too_big(source: str, limits: Limits) -> InputError:
    return InputError(
        f"{source}: its text part unpacks to more than {limits.max_bytes:,} bytes, the limit "
        "(raise it with --max-bytes)"
    )


def _blocks(element: ElementTree.Element) -> Iterator[tuple[str, bool]]:
    """Yield (text, is_heading) for each paragraph and table row, in document order."""
    for child in element:
        if child.tag == f"{W}p":
            yield _paragraph_text(child), _is_heading_paragraph(child)
        elif child.tag == f"{W}tbl":
            for row in child.iter(f"{W}tr"):
                cells = [" ".join(_paragraph_text(p) for p in cell.iter(f"{W}p")) for cell in row.iter(f"{W}tc")]
                yield CELL_SEPARATOR.join(cell.strip() for cell in cells if cell.strip()), False
        elif child.tag not in (f"{W}sectPr",):
            yield from _blocks(child)  # content controls (w:sdt), inserted text (w:ins), ...


def _paragraph_text(paragraph: ElementTree.Element) -> str:
    parts: list[str] = []
    for node in paragraph.iter():
        if node.tag == f"{W}t" and node.text:
            parts.append(node.text)
        elif node.tag in (f"{W}tab", f"{W}ptab"):
            parts.append(" ")
        elif node.tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif node.tag == f"{W}noBreakHyphen":
            parts.append("-")
    text = "".join(parts)
    if paragraph.find(f"{W}pPr/{W}numPr") is not None and text.strip():
        text = "- " + text.lstrip()  # a list item
    return text


def _is_heading_paragraph(paragraph: ElementTree.Element) -> bool:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    value = style.get(f"{W}val", "") if style is not None else ""
    return value.lower().startswith("heading")
