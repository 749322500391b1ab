"""Clean text lines from any reader: glyph junk, ligatures, bullets, spacing, hyphenation, page furniture.

Every reader hands its lines to `clean_lines`, so a PDF, a DOCX and a text file come out alike.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from gapcheck.ingest.compounds import KEEP_AFTER, KEEP_BEFORE
from gapcheck.wording import counted

LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})

# Spaces of every width become a plain space; invisible marks go.
_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200d\u2060\ufeff]")
_RUNS_OF_SPACES = re.compile(r" {2,}")

# Glyphs a PDF font does not map to Unicode come out as "(cid:123)"; icon fonts use the private-use area.
_CID = re.compile(r"\(cid:\d+\)")
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff\U000f0000-\U0010ffff]")

# Symbol and Wingdings bullets live in the private-use area, so they are recognised before it is cleared.
_PRIVATE_BULLETS = "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06e\uf0e0"
_BULLET = re.compile(r"^(?:[•●▪◦■□►▸‣⁃∙·○◆◇✓✔➢➤➔→❖" + _PRIVATE_BULLETS + r"]\s*|[-*+–—]\s+)(?=\S)")
_BULLET_STARTS = frozenset("•●▪◦■□►▸‣⁃∙·○◆◇✓✔➢➤➔→❖" + _PRIVATE_BULLETS + "-*+–—")
_LONE_BULLET = re.compile(r"^[•●▪◦■□►▸‣⁃∙·○◆◇✓✔➢➤➔→❖" + _PRIVATE_BULLETS + r"*+–—-]$")

# A word broken at the end of a line ("Devel-"), and the start of the line that continues it ("oping").
_BROKEN_WORD = re.compile(r"([^\W\d_]+)([-\u2010\u00ad])$")
_HYPHENS = ("-", "\u2010", "\u00ad")
LONGEST_WORD = 100  # letters; a hyphenated word is looked for only this far from the end of its line
_CONTINUATION = re.compile(r"[a-zß-ÿ]")
_WORDS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

_PAGE_NUMBER = re.compile(
    r"^[-–— ]*(?:page\s*)?\d{1,3}(?:\s*(?:/|of)\s*\d{1,3})?[-–— ]*$|^page\s*\d{1,3}\b.*$", re.IGNORECASE
)


def clean_line(line: str, removed: Counter[str]) -> str:
    """Return one line with ligatures expanded, junk glyphs removed, bullets as "- " and single spaces.

    `removed` counts what was dropped, by kind ("cid", "private-use"), for the document's diagnostics.
    """
    if line.isascii() and line.isprintable():  # most lines: no ligature, odd space, mark or private glyph
        line = _BULLET.sub("- ", line.strip())
        if "(cid:" in line:
            line, count = _CID.subn("", line)
            removed["cid"] += count
        return _RUNS_OF_SPACES.sub(" ", line).strip() if "  " in line else line.strip()
    line = line.translate(LIGATURES)
    line = _SPACES.sub(" ", line)
    line = _INVISIBLE.sub("", line).strip()
    line = _BULLET.sub("- ", line)
    if "(cid:" in line:
        line, count = _CID.subn("", line)
        removed["cid"] += count
    line, count = _PRIVATE_USE.subn("", line)
    removed["private-use"] += count
    line = _drop_soft_hyphens(line)
    return _RUNS_OF_SPACES.sub(" ", line).strip()


def join_lone_bullets(lines: list[str]) -> list[str]:
    """Return the lines with a bullet that stands alone on its line moved onto the line that follows."""
    out: list[str] = []
    pending = False
    for line in lines:
        if len(line) == 1 and _LONE_BULLET.match(line):
            pending = True
            continue
        if pending and line:
            line = "- " + line
            pending = False
        out.append(line)
    return out


def join_hyphenated(lines: list[str]) -> tuple[list[str], int]:
    """Return the lines with words hyphenated across a line break made whole, and how many were joined.

    Joins only when the hyphen ends a line right after a letter and the next line starts in lower case. The
    hyphen stays when the document writes the pair with a hyphen elsewhere, or when it looks like a compound
    ("cloud-native", "community-driven"); it goes when the document writes the joined word elsewhere.
    """
    words: set[str] | None = None  # the document's words, read at the first break found
    out = list(lines)
    emptied: set[int] = set()
    joined = 0
    for i in range(len(out) - 1):
        if not out[i].endswith(_HYPHENS):
            continue
        # Only the line's tail: on a long run of letters that fails to match, a search from the start is quadratic.
        match = _BROKEN_WORD.search(out[i], max(0, len(out[i]) - LONGEST_WORD))
        following = out[i + 1]
        if not match or not _CONTINUATION.match(following):
            continue
        token, _, rest = following.partition(" ")
        second = _WORDS.match(token)
        if second is None:
            continue
        first, hyphen = match.group(1), match.group(2)
        if words is None:
            words = _known_words(lines)
        keep = hyphen != "\u00ad" and _keeps_hyphen(first.lower(), second.group(0).split("-")[0].lower(), words)
        out[i] = out[i][: match.start(2)] + ("-" if keep else "") + token
        out[i + 1] = rest
        if not rest:
            emptied.add(i + 1)
        joined += 1
    return [line.replace("\u00ad", "") for i, line in enumerate(out) if i not in emptied], joined


def _known_words(lines: Iterable[str]) -> set[str]:
    words: set[str] = set()
    for word in _WORDS.findall("\n".join(lines).lower()):
        words.add(word)
        parts = word.split("-")
        words.update(f"{a}-{b}" for a, b in zip(parts, parts[1:], strict=False))
    return words


def _keeps_hyphen(first: str, second: str, words: set[str]) -> bool:
    if first + second in words:
        return False
    if f"{first}-{second}" in words:
        return True
    return first in KEEP_AFTER or second in KEEP_BEFORE


def tidy_blank_lines(lines: Iterable[str]) -> list[str]:
    """Return the lines with no blank line at either end and never two blank lines in a row."""
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return out


def clean_lines(lines: Iterable[str]) -> tuple[list[str], list[str]]:
    """Return cleaned lines and diagnostics saying what was removed or joined."""
    removed: Counter[str] = Counter()
    cleaned = _clean_all(list(lines), removed)
    cleaned, joined = join_hyphenated(join_lone_bullets(cleaned))
    return tidy_blank_lines(cleaned), removal_notes(removed, joined)


def _clean_all(lines: list[str], removed: Counter[str]) -> list[str]:
    """`clean_line` of every line, with each pattern run once over the whole text rather than once per line: the
    same result (no pattern reaches across a line break), without half a million calls for half a million
    short lines."""
    text = "\n".join(lines)
    if text.count("\n") != len(lines) - 1:  # a line that holds a line break: clean it on its own
        return [clean_line(line, removed) for line in lines]
    text = _INVISIBLE.sub("", _SPACES.sub(" ", text.translate(LIGATURES)))
    lines = [line.strip() for line in text.split("\n")]
    lines = [_BULLET.sub("- ", line) if line[:1] in _BULLET_STARTS else line for line in lines]
    text = "\n".join(lines)
    if "(cid:" in text:
        text, count = _CID.subn("", text)
        removed["cid"] += count
    text, count = _PRIVATE_USE.subn("", text)
    removed["private-use"] += count
    if "\u00ad" in text:
        lines = [_drop_soft_hyphens(line) for line in text.split("\n")]
        text = "\n".join(lines)
    return [line.strip() for line in _RUNS_OF_SPACES.sub(" ", text).split("\n")]


def _drop_soft_hyphens(line: str) -> str:
    """A soft hyphen only matters at the end of a line, where it marks a word broken by the typesetter."""
    return line[:-1].replace("\u00ad", "") + line[-1] if "\u00ad" in line[:-1] else line


def removal_notes(removed: Counter[str], joined: int = 0) -> list[str]:
    """Return human-readable diagnostics for the counts `clean_line` (and the PDF reader) collected."""
    notes = []
    glyphs = removed["cid"] + removed["private-use"] + removed["icon-font"]
    if glyphs:
        kinds = [
            counted(removed[key], one, many)
            for key, one, many in (
                ("cid", "unmapped glyph like (cid:240)", "unmapped glyphs like (cid:240)"),
                ("private-use", "private-use symbol", None),
                ("icon-font", "from icon fonts", "from icon fonts"),
            )
            if removed[key]
        ]
        notes.append(f"removed {counted(glyphs, 'icon-font character')} ({', '.join(kinds)})")
    if joined:
        notes.append(f"joined {counted(joined, 'word')} hyphenated across a line break")
    return notes


def remove_page_furniture(pages: list[list[str]]) -> tuple[list[list[str]], list[str]]:
    """Return the pages without page numbers and headers/footers repeated on several pages, with notes.

    Only the first and last two non-blank lines of a page are looked at. A line repeated word for word (a name
    in the header) is kept on the first page it appears on; a line that differs only by the page's own number
    ("Jane Doe - page 2") goes everywhere.
    """
    edges = [_edge_indexes(page) for page in pages]
    drop: list[set[int]] = [set() for _ in pages]
    for page_number, (page, indexes) in enumerate(zip(pages, edges, strict=True)):
        drop[page_number].update(i for i in indexes if _PAGE_NUMBER.match(page[i]))
    page_numbers = sum(len(d) for d in drop)

    repeated = 0
    if len(pages) >= 2:
        seen: dict[str, list[tuple[int, int]]] = {}
        for page_number, (page, indexes) in enumerate(zip(pages, edges, strict=True)):
            for i in indexes:
                if i not in drop[page_number]:
                    seen.setdefault(_furniture_key(page[i], page_number + 1), []).append((page_number, i))
        for key, places in seen.items():
            pages_with_it = {page_number for page_number, _ in places}
            if len(pages_with_it) >= max(2, (len(pages) + 1) // 2):
                start = 0 if "#page#" in key else 1
                for page_number, i in places[start:]:
                    drop[page_number].add(i)
                    repeated += 1

    notes = []
    if page_numbers:
        notes.append(f"removed {counted(page_numbers, 'page number')}")
    if repeated:
        notes.append(f"removed {counted(repeated, 'header/footer line')} repeated on several pages")
    kept = [[line for i, line in enumerate(page) if i not in gone] for page, gone in zip(pages, drop, strict=True)]
    return kept, notes


def _furniture_key(line: str, page_number: int) -> str:
    """Return the line, lower-case, with the page's own number (if it stands in it) replaced by "#page#"."""
    return re.sub(rf"(?<!\d){page_number}(?!\d)", "#page#", line.lower(), count=1)


def _edge_indexes(page: list[str]) -> list[int]:
    filled = [i for i, line in enumerate(page) if line.strip()]
    return sorted(set(filled[:2] + filled[-2:]))
