"""Whose resume it is: the candidate's name read from the top lines, so a report says whom it is about.

A name is given only when the reading is safe: one of the first lines, two to four capitalised words and
nothing else, not a section heading, not a job title, not a skill gapcheck found, and none of the words of
`taxonomy/names.toml`. Otherwise the name is empty and the report names the file alone: a wrong name on a
report handed to someone is worse than none.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from gapcheck.fit.title import read_title
from gapcheck.ingest.sections import heading_of_line
from gapcheck.model import Document, Extraction
from gapcheck.proof import settings_with_sets
from gapcheck.taxonomy import Taxonomy

# A word of a name: a capital, then letters, with inner apostrophes or hyphens ("O'Neil", "Anne-Marie"), or an
# initial ("J.", "J").
_NAME_WORD = re.compile(r"[^\W\d_][^\W\d_]*(?:['’-][^\W\d_]+)*\.?")


# What parts a top line into the name and what follows it ("Sofia Lindqvist - Frontend Developer",
# "Jane Doe | jane@example.com").
_SEPARATOR = re.compile(r"\s+[-–—|·•]\s+|\s*[|·•]\s*")


@lru_cache(maxsize=1)
def _names_data() -> dict[str, Any]:
    """`taxonomy/names.toml`, read once."""
    return settings_with_sets("names.toml", "not_name_words", "credentials")


def candidate_name(document: Document, extraction: Extraction | None = None, taxonomy: Taxonomy | None = None) -> str:
    """Return the candidate's name as written at the top of the resume ("JOHN DOE" as "John Doe"), or "" when
    no line there is surely a name. A line that is a skill's name is none, whether the extraction took it as
    proof of the skill or not ("Machine Learning" as a headline)."""
    data = _names_data()
    first_section = min((s.start for s in document.sections), default=len(document.text))
    skill_spans = [(m.start, m.end) for s in (extraction.skills if extraction else ()) for m in s.mentions]
    offset = 0
    looked = 0
    for line in document.text.split("\n"):
        start, offset = offset, offset + len(line) + 1
        if start >= first_section or looked >= data["top_lines"]:
            break
        if not line.strip():
            continue
        looked += 1
        segment = _SEPARATOR.split(line.strip())[0]
        name = _name_in_line(segment, data)
        if not name:
            continue
        seg_start = start + line.find(segment)
        seg_end = seg_start + len(segment)
        if any(a < seg_end and seg_start < b for a, b in skill_spans):
            continue  # "Julia Python": a skill gapcheck read as such is not a name
        if taxonomy is not None and taxonomy.lookup(name) is not None:
            continue  # "Machine Learning"
        return name
    return ""


def _name_in_line(line: str, data: dict[str, Any]) -> str:
    """The name the whole line is, or ""."""
    text = " ".join(line.split())
    parts = [part.strip() for part in text.split(",")]
    if any(part.lower() not in data["credentials"] for part in parts[1:]):
        return ""  # "Google HQ, Mountain View, CA": a place, not a name
    words = parts[0].split()
    while words and words[-1].lower() in data["credentials"]:
        words.pop()
    while words and words[0].lower() in data["credentials"]:
        words.pop(0)
    if not data["min_words"] <= len(words) <= data["max_words"]:
        return ""
    for word in words:
        if not _NAME_WORD.fullmatch(word) or not word[:1].isupper() or word.lower() in data["not_name_words"]:
            return ""
    if sum(len(word.rstrip(".")) > 1 for word in words) < 2:
        return ""  # initials alone ("J. D.") say too little
    candidate = " ".join(words)
    if heading_of_line(candidate) is not None or read_title(candidate) is not None:
        return ""  # "Work Experience", "Senior Data Engineer"
    if candidate.isupper():
        candidate = " ".join(word.capitalize() if len(word) > 2 else word for word in words)
    return candidate
