"""Removes personal details from resume text, so reports can be shared with a class.

What counts as personal: e-mail addresses, phone numbers, street addresses, URLs (profile links and any other),
and the name line (the first non-empty line of a resume). Each is replaced by a short placeholder such as
`[email]`, so a reader still sees that something was there.

`redact_text` works on a whole resume text. `Redactor` remembers what was personal in one resume, so that a
fragment quoted elsewhere (an evidence line, a note that repeats the resume's words) is cleaned the same way, and
`redact_analysis` applies it to every string an Analysis carries, so that a field added later is covered too.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from gapcheck.contact import BARE_HOST, EMAIL, HOST_WITH_PATH, PROFILE_HOST, SCHEME_URL, SPELLED_EMAIL, phone_numbers
from gapcheck.model import LONGEST_LINE, Analysis, Mention

PLACEHOLDER = {"email": "[email]", "url": "[url]", "phone": "[phone]", "address": "[address]", "name": "[name]"}

_STREET_WORDS = (
    "street st avenue ave road rd boulevard blvd lane ln drive dr court ct place pl way terrace parkway pkwy"
    " highway hwy circle cir square sq crescent close row walk"
).split()
# "221B Baker Street, London" or "1600 Amphitheatre Pkwy, Mountain View, CA 94043": a number, capitalised words
# and a street word, then the rest of that part of the line (a contact line often separates its parts with |).
# Case matters: "led 3 teams in the first place" is not an address.
_STREET_SUFFIX = "|".join([w.capitalize() for w in _STREET_WORDS] + [w.upper() for w in _STREET_WORDS])
_STREET = re.compile(rf"(?<![\w-])\d{{1,6}}[A-Za-z]?,?\s+(?:[A-Z][\w'.-]*\s+){{1,4}}(?:{_STREET_SUFFIX})\b\.?[^|•·\n]*")
_STREET_AFTER = re.compile(
    r"\b[A-ZÄÖÜ][\wäöüß-]*(?:straße|strasse|str\.|weg|gasse|platz|allee|laan|straat|gatan|vej)\s+\d+[a-z]?\b"
    r"[^|•·\n]*"
)
_PO_BOX = re.compile(r"\bP\.?\s?O\.?\s+Box\s+\d+[^|•·\n]*", re.IGNORECASE)
# A city's name is a few words: unbounded, the run before the comma would be read to the end of a long line from
# each capitalised word in it.
_CITY_STATE_ZIP = re.compile(r"\b[A-Z][A-Za-z .'-]{0,60},\s*[A-Z]{2}\s+\d{5}(?:-\d{4})?\b")
# Lines above the name that only say what the document is.
_TITLE_LINE = re.compile(r"^\W*(?:resume|résumé|cv|curriculum vitae)\W*$", re.IGNORECASE)
# Two to four words of letters, each capitalised or in capitals: "Jane Q. Doe", "JOHN DOE", "Anne-Marie O'Neil".
_NAME_LIKE = re.compile(r"(?:[A-ZÀ-Þ][\w'’.-]*\.?)(?:\s+[A-ZÀ-Þ][\w'’.-]*\.?){1,3}")
# How far down the top of a resume the name is looked for when the first line is something else.
NAME_SEARCH_LINES = 5

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("email", EMAIL),
    ("email", SPELLED_EMAIL),
    ("url", SCHEME_URL),
    ("url", PROFILE_HOST),
    ("url", HOST_WITH_PATH),
    ("url", BARE_HOST),
    ("address", _STREET),
    ("address", _STREET_AFTER),
    ("address", _PO_BOX),
    ("address", _CITY_STATE_ZIP),
)


@dataclass(frozen=True)
class Span:
    """A stretch of text that is personal: `text[start:end]`, of one kind (a key of PLACEHOLDER)."""

    start: int
    end: int
    kind: str


def name_lines(text: str) -> list[tuple[int, int]]:
    """Return the offsets of the name line: the first non-empty line (after a bare "Resume" or "CV" title), and,
    when that line does not look like a name (a location, a job title), also the first line near the top that
    does, such as "Barry Allen" under "Mountain View, CA"."""
    found: list[tuple[int, int]] = []
    position = 0
    seen = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped and not _TITLE_LINE.match(stripped):
            start = position + line.index(stripped[0])
            if not found:
                found.append((start, start + len(stripped)))
            if _NAME_LIKE.fullmatch(stripped):
                if found[0][0] != start:
                    found.append((start, start + len(stripped)))
                break
            seen += 1
            if seen >= NAME_SEARCH_LINES:
                break
        position += len(line)
    return found


def personal_spans(text: str, *, with_name_line: bool = True) -> list[Span]:
    """Return the personal details in `text`, sorted and not overlapping (a longer span wins)."""
    found: list[Span] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            value = match.group().rstrip(" \t.,;:)")
            if value:
                found.append(Span(match.start(), match.start() + len(value), kind))
    found += [Span(start, end, "phone") for start, end in phone_numbers(text)]
    if with_name_line:
        for start, end in name_lines(text):
            found.append(Span(start, end, "name"))
            if end - start > LONGEST_LINE:
                continue  # a first line of a page's length is no name to look for again (nor a regex to build)
            # The name said again further down ("References: Jane Doe"), in any case.
            for match in re.compile(re.escape(text[start:end]), re.IGNORECASE).finditer(text, end):
                found.append(Span(match.start(), match.end(), "name"))
    return _merge(found)


def _merge(spans: Iterable[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            if span.end > last.end:
                merged[-1] = Span(last.start, span.end, last.kind)
            continue
        merged.append(span)
    return merged


def _replace(text: str, spans: Iterable[Span]) -> str:
    parts: list[str] = []
    position = 0
    for span in spans:
        parts.append(text[position : span.start])
        parts.append(PLACEHOLDER[span.kind])
        position = span.end
    parts.append(text[position:])
    return "".join(parts)


def redact_text(text: str, *, with_name_line: bool = True) -> str:
    """Return a resume's text with every personal detail replaced by a placeholder such as `[email]`."""
    return _replace(text, personal_spans(text, with_name_line=with_name_line))


class Redactor:
    """What was personal in one resume's text, to clean the fragments of it that an analysis quotes."""

    def __init__(self, text: str) -> None:
        self.spans = personal_spans(text)
        # Longest first, so that "Jane Doe, jane@x.io" goes before a shorter detail inside it.
        pieces = {text[s.start : s.end]: s.kind for s in self.spans if s.end - s.start >= 3}
        ordered = sorted(pieces, key=lambda piece: (-len(piece), piece))
        self._kinds = {piece.lower(): pieces[piece] for piece in ordered}
        self._pattern = re.compile("|".join(map(re.escape, ordered)), re.IGNORECASE) if ordered else None

    def covers(self, start: int, end: int) -> Span | None:
        """Return the personal span that overlaps `text[start:end]`, if any."""
        for span in self.spans:
            if span.start < end and start < span.end:
                return span
        return None

    def scrub(self, fragment: str) -> str:
        """Return a fragment of the resume (or a sentence quoting it) without the personal details found in it."""
        if self._pattern is None:
            return fragment
        return self._pattern.sub(lambda match: PLACEHOLDER[self._kinds[match.group().lower()]], fragment)

    def mention(self, mention: Mention) -> None:
        """Clean one mention in place: its line always, its text when it is part of a personal detail."""
        span = self.covers(mention.start, mention.end)
        if span is not None:
            mention.text = PLACEHOLDER[span.kind]
        mention.line = self.scrub(mention.line)


# Fields that hold taxonomy names and codes, never resume text: scrubbing them could only break them.
_NOT_RESUME_TEXT = frozenset(
    ("id", "name", "area", "members", "status", "importance", "group", "matched_by", "learn_id", "inferred_from")
    + ("kind", "needed_for", "source", "job", "method", "counts", "sections", "layout", "next_steps")
)


def redact_analysis(analysis: Analysis, text: str) -> Analysis:
    """Return a copy of `analysis` in which no resume text (of `text`, the resume read) shows a personal detail.

    Every string the analysis carries is cleaned, whatever field holds it, except taxonomy names and codes and
    the job (an ad is not personal). The file name stays: it belongs to whoever runs gapcheck.
    """
    redactor = Redactor(text)
    result = copy.deepcopy(analysis)
    _scrub_fields(result, redactor)
    # The name read from the resume goes, whichever line it stood on.
    result.document = dataclasses.replace(result.document, candidate="")
    result.method = dataclasses.replace(result.method, redacted=True)
    return result


def _scrub_fields(value: Any, redactor: Redactor) -> Any:
    """Return `value` with every string in it scrubbed, changing dataclasses, dicts and lists in place (a frozen
    dataclass is returned scrubbed as a new one)."""
    if isinstance(value, Mention):
        redactor.mention(value)
        return value
    if isinstance(value, str):
        return redactor.scrub(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = [item for item in dataclasses.fields(value) if item.name not in _NOT_RESUME_TEXT]
        if value.__dataclass_params__.frozen:  # type: ignore[attr-defined]
            changes = {item.name: _scrub_fields(getattr(value, item.name), redactor) for item in fields if item.init}
            return dataclasses.replace(value, **changes)
        for item in fields:
            setattr(value, item.name, _scrub_fields(getattr(value, item.name), redactor))
    elif isinstance(value, dict):
        for key in list(value):
            if key not in _NOT_RESUME_TEXT:
                value[key] = _scrub_fields(value[key], redactor)
    elif isinstance(value, list):
        value[:] = [_scrub_fields(item, redactor) for item in value]
    elif isinstance(value, tuple):
        return tuple(_scrub_fields(item, redactor) for item in value)
    return value
