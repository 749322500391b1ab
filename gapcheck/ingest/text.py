"""Read plain text and Markdown: decode the bytes, turn Markdown marks into plain lines, note the headings."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

_ATX_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_RULE = re.compile(r"^\s*([-=_*~])(?:\s*\1){2,}\s*$")  # "---", "===", "* * *": decoration, or a Setext underline
_RULE_MARKS = frozenset("-=_*~")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_CODE = re.compile(r"`([^`\n]+)`")
_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


@dataclass
class DecodedText:
    """Text and how it was decoded."""

    text: str
    encoding: str
    diagnostics: list[str] = field(default_factory=list)


def decode_text(data: bytes) -> DecodedText | None:
    """Return the text of `data` (UTF-8, UTF-8 or UTF-16 with a BOM, else cp1252), or None if it is binary."""
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = data.decode("utf-16", errors="replace"), "utf-16"
    else:
        if b"\x00" in data:
            return None
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = data.decode("cp1252", errors="replace"), "cp1252"
    # Text has no NULs and hardly any control characters; an executable or an image has many.
    if "\x00" in text or len(_BINARY_CONTROLS.findall(text[:65536])) > 0.01 * min(len(text), 65536) + 2:
        return None
    notes = [] if encoding in ("utf-8", "utf-8-sig") else [f"decoded as {encoding}"]
    if "\ufffd" in text:
        notes.append(f"replaced {text.count(chr(0xFFFD))} undecodable bytes")
    return DecodedText(text=text, encoding=encoding, diagnostics=notes)


def markdown_to_lines(text: str) -> tuple[list[str], list[str]]:
    """Return the lines with Markdown heading marks, rules and light emphasis removed, and the heading lines.

    Works on plain text too: a text resume with "=====" under its headings reads the same way.
    """
    lines: list[str] = []
    headings: list[str] = []
    for raw in text.splitlines():
        # Cheap looks first, as each line of half a million is read: a heading has "#" in its first four
        # characters, a rule starts with one of its marks.
        heading = _ATX_HEADING.match(raw) if "#" in raw[:4] else None
        if heading:
            line = _strip_emphasis(heading.group(2))
            headings.append(line)
            lines.append(line)
        elif raw.lstrip()[:1] in _RULE_MARKS and _RULE.match(raw):
            # An underline makes the line above a heading (Setext); on its own it is decoration.
            if lines and lines[-1].strip() and raw.strip()[0] in "=-":
                headings.append(lines[-1].strip())
            lines.append("")
        else:
            lines.append(_strip_emphasis(raw))
    return lines, headings


def _strip_emphasis(line: str) -> str:
    if "*" not in line and "_" not in line and "`" not in line:
        return line
    line = _STRONG.sub(r"\2", line)
    line = _EMPHASIS.sub(r"\1", line)
    return _CODE.sub(r"\1", line)
