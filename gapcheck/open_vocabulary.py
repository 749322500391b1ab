"""Finds the tools a document lists that the taxonomy does not know yet ("unrecognised tools").

A name is taken only from a list, where the list itself says it is a tool: a line of a skills section, a line
that a tool label opens ("Tools: Wicket, GWT"), or a line that is nothing but names with a known skill among
them ("- Spring Boot and Hibernate"). In such a list an item is taken when it looks like a product's name
(capitals, digits, dots, a vendor's prefix); running prose never gives one, as a capitalised word there is
most often a person, a place or a company. Once taken, every other place the document writes the name in the
same casing is a mention too. The word lists live in `taxonomy/open_vocabulary.toml`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from spacy.lang.en.stop_words import STOP_WORDS

from gapcheck.model import Document, FoundSkill, Mention, SectionName
from gapcheck.taxonomy import data_file

AREA = "unrecognised"
ID_PREFIX = "unrecognised:"

# The separators of a list's items: commas, semicolons, bars, bullets, brackets, a spaced dash, "and", "or", "&".
_SEPARATORS = re.compile(r"\s*(?:[,;|•·●▪■◦►✓()\[\]{}]|\s[-–—]\s|\s(?:and|or|&|and/or)\s)\s*")
# A slash splits two items ("Java/Kotlin") unless both sides are short, as in "CI/CD", "DC/OS", "PL/SQL".
_SLASH = re.compile(r"(?<=[\w+#.])/(?=[\w.])")
_BULLET = re.compile(r"\s*(?:[-*•·●▪■◦►✓–—]+|\d{1,2}[.)])\s*")
_LABEL = re.compile(r"^([A-Za-z][\w /&+.-]{0,40}?)\s*:(?:\s+|$)")
_TRIM = " \t.:!?\"'“”‘’`*_"
# The end of one sentence and the start of the next inside a line: "... (AWS, Azure). Passionate about".
_SENTENCE_BREAK = re.compile(r"[a-z0-9)\]][.!?]\s+[A-Z]")


@dataclass(frozen=True)
class _Words:
    list_sections: frozenset[str]
    tool_labels: frozenset[str]
    vendors: tuple[str, ...]
    suffixes: frozenset[str]
    max_words: int
    not_tool_words: frozenset[str]
    not_tools: frozenset[str]
    endings: tuple[str, ...]
    lead_ins: tuple[str, ...]
    adjective_endings: tuple[str, ...]
    role_nouns: frozenset[str]
    opening_words: frozenset[str]


@lru_cache(maxsize=1)
def _words() -> _Words:
    raw: dict[str, Any] = data_file("open_vocabulary.toml")
    roles = data_file("cues.toml")["roles"]["nouns"]
    return _Words(
        list_sections=frozenset(raw["list_sections"]),
        tool_labels=frozenset(raw["tool_labels"]),
        vendors=tuple(sorted(raw["vendor_prefixes"], key=len, reverse=True)),
        suffixes=frozenset(raw["product_suffixes"]),
        max_words=int(raw["max_words"]),
        not_tool_words=frozenset(raw["not_tool_words"]),
        not_tools=frozenset(raw["not_tools"]),
        endings=tuple(raw["ordinary_endings"]),
        lead_ins=tuple(sorted(raw["lead_ins"], key=len, reverse=True)),
        adjective_endings=tuple(raw["adjective_endings"]),
        role_nouns=frozenset(roles),
        opening_words=frozenset(raw["opening_words"]),
    )


def list_sections() -> frozenset[str]:
    """The sections whose every line is a list of skills."""
    return _words().list_sections


def tool_key(name: str) -> str:
    """The name two documents must share to name the same tool: case, spacing, punctuation, a vendor's prefix
    and a ".js" or "Framework" ending ignored ("Amazon ECR" = "AWS ECR", "Require.js" = "RequireJS")."""
    words = name.lower().split()
    vendors = _words().vendors
    while len(words) > 1:
        head = next((v for v in vendors if " ".join(words[: len(v.split())]) == v), None)
        if head is None or len(head.split()) >= len(words):
            break
        words = words[len(head.split()) :]
    if len(words) > 1 and words[-1] == "framework":
        words = words[:-1]
    key = re.sub(r"[^\w+#]", "", "".join(words))
    if len(key) > 4 and key.endswith("js"):
        key = key[:-2]
    return key


def _is_cased(word: str) -> bool:
    """A word written as a name: a capital first, inner capitals, or digits, dots, "+" or "#" beside letters."""
    if not any(char.isalpha() for char in word):
        return False
    if word[0].isupper() or word[0].isdigit():
        return True
    return any(char.isupper() or char.isdigit() or char in ".+#" for char in word[1:])


def _is_plain(word: str) -> bool:
    """A word as an ordinary word is written: letters only, lower case after the first."""
    return word.isalpha() and word[1:].islower()


def opens_with_a_word(item: str, listed: bool) -> bool:
    """Whether a line's first item opens with an ordinary word written with a capital only because it opens the
    line: a duty's verb ("Develop and maintain ...", "Build ..."), a generic noun ("Unit and integration
    testing"), or, outside a list of tools, an English stop word ("Make sure ..."; spaCy's list). In a tools
    list a stop word may be a product ("Make, CMake"), so there only the data's words count."""
    first = item.split()[0] if item.split() else ""
    if not _is_plain(first):
        return False
    word = first.lower()
    return word in _words().opening_words or (not listed and word in STOP_WORDS)


def looks_like_a_tool(item: str, lower_case: bool = False) -> bool:
    """True when a list item looks like a product's name: "Wicket", "WebStorm", "log4j", "Apache Wicket",
    "AWS Direct Connect", "Play Framework"; not "Leadership", "Event Sourcing", "English (native)". With
    `lower_case`, in a list of tools a word in lower case counts too ("sktime", "htmx")."""
    words = _words()
    parts = item.split()
    if not 1 <= len(parts) <= words.max_words or len(item) < 2:
        return False
    lowered = " ".join(parts).lower()
    if lowered in words.not_tools or lowered.isdigit():
        return False
    for part in parts:
        bare = part.lower().strip(".,")
        if bare in words.not_tool_words or bare in words.role_nouns or bare.isdigit():
            return False
    if len(parts) == 1 and lower_case and parts[0].isalpha() and parts[0].islower() and len(parts[0]) > 3:
        return not parts[0].endswith(words.endings)
    if not all(_is_cased(part) for part in parts):
        return False
    vendor = len(parts) > 1 and any(lowered.startswith(v + " ") for v in words.vendors)
    suffix = len(parts) > 1 and parts[-1].lower() in words.suffixes
    if parts[-1].lower().endswith(words.adjective_endings):
        return False  # "Test-Driven", "Cloud-Native"
    if len(parts) > 1:
        # Title Case words ("Event Sourcing", "Trey Research") need a vendor, a product word or one name-like word.
        return vendor or suffix or not all(_is_plain(part) for part in parts)
    word = parts[0]
    if _is_plain(word) and len(word) > 3 and word.lower().endswith(words.endings):
        return False  # "Troubleshooting", "Automation"
    return not (len(word) < 2 or (word.isupper() and len(word) > 8))


class _Item(NamedTuple):
    """One item of a list line, with its offsets: a tuple, as a line of tools makes one per item and a frozen
    dataclass is slow to build."""

    start: int
    end: int
    text: str


def _items(text: str, start: int, end: int) -> Iterator[_Item]:
    """The items of a list in `text[start:end]`, trimmed, with their offsets, in order. Cut as they are read: a
    line of prose is left at its first item that is not a name, and its other items are never cut."""
    cursor = start
    for match in _SEPARATORS.finditer(text, start, end):
        yield from _piece_items(text, cursor, match.start())
        cursor = match.end()
    yield from _piece_items(text, cursor, end)


def _piece_items(text: str, start: int, end: int) -> Iterator[_Item]:
    """The items of one piece between separators: a slash between long words parts it too ("Kafka/Flink")."""
    if text.find("/", start, end) < 0:  # most pieces: one item, no slash to look at
        item = _trimmed(text, start, end)
        if item.text:
            yield item
        return
    cut = start
    for slash in _SLASH.finditer(text, start, end):
        left = text[cut : slash.start()].split()[-1:] or [""]
        right = text[slash.end() : end].split()[:1] or [""]
        if len(left[0]) > 3 or len(right[0]) > 3:
            item = _trimmed(text, cut, slash.start())
            if item.text:
                yield item
            cut = slash.end()
    item = _trimmed(text, cut, end)
    if item.text:
        yield item


def _trimmed(text: str, start: int, end: int) -> _Item:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return _Item(start, end, text[start:end])


class _Ranges:
    """Sorted, non-overlapping character ranges, asked how much of an item they cover."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        self.ranges = sorted(set(ranges))
        self.starts = [start for start, _ in self.ranges]

    def covered(self, start: int, end: int) -> int:
        """How many characters of `start:end` the ranges cover (asked for every item of every list line)."""
        ranges = self.ranges
        index = max(0, bisect.bisect_right(self.starts, start) - 1)
        total = 0
        while index < len(ranges):
            low, high = ranges[index]
            if low >= end:
                break
            overlap = (high if high < end else end) - (low if low > start else start)
            if overlap > 0:
                total += overlap
            index += 1
        return total

    def touches(self, start: int, end: int) -> bool:
        return self.covered(start, end) > 0


@lru_cache(maxsize=1)
def _any_lead_in() -> re.Pattern[str]:
    """Any lead-in phrase anywhere: most lines hold none, and one search tells."""
    return re.compile("|".join(map(re.escape, _words().lead_ins)))


def _lead_in_end(text: str, start: int, end: int) -> int:
    """Where the names begin after a lead-in phrase near the start ("3+ years of experience with ..."), or -1."""
    head = text[start : min(end, start + 80)].lower()
    if not _any_lead_in().search(head):
        return -1
    for phrase in _words().lead_ins:
        at = head.find(phrase)
        if at >= 0 and (at == 0 or not head[at - 1].isalnum()) and not _SEPARATORS.search(head, 0, at):
            after = at + len(phrase)
            if after == len(head) or not head[after].isalnum():
                return start + after
    return -1


def _label(text: str, start: int, end: int) -> tuple[int, bool]:
    """Where the list after a label begins ("Tools: ..."), and whether the label names tools."""
    if text.find(":", start, end) < 0:
        return start, False  # most lines: no label, and no slice to match against
    match = _LABEL.match(text[start:end])
    if match is None:
        return start, False
    words = re.split(r"[\s/&+-]+", match.group(1).lower())
    is_tool_label = len(words) <= 4 and any(word in _words().tool_labels for word in words)
    return start + match.end(), is_tool_label


def _line_names(
    document: Document, start: int, end: int, section: SectionName, known: _Ranges, stated: _Ranges
) -> list[_Item]:
    """The unrecognised tools a line lists: none unless the line is a list in one of these ways. A line of a
    skills section or after a tool label is a list, whatever else it holds. Any other line is one only when
    every item is a name, with a known skill among them or after a lead-in ("Experience with X, Y or Z"), or
    as a bullet of names among a job ad's requirements. `section`: the line's, which the caller has."""
    text = document.text
    bullet = _BULLET.match(text, start, end)
    body_start = bullet.end() if bullet else start
    body_start, labelled = _label(text, body_start, end)
    listed = labelled or section in _words().list_sections
    lead = _lead_in_end(text, body_start, end)
    if lead >= 0:
        body_start = lead
    asked_list = bullet is not None and document.kind == "job" and section in _requirement_sections()
    if not (listed or lead >= 0 or asked_list or stated.touches(body_start, end)):
        return []  # most lines of prose: nothing on them makes them a list
    if not listed and _SENTENCE_BREAK.search(text, body_start, end):
        return []  # two sentences on one line: prose
    names: list[_Item] = []
    unknown: list[_Item] = []
    known_items = 0
    has_stated = False
    index = -1
    for index, item in enumerate(_items(text, body_start, end)):
        letters = sum(map(str.isalnum, item.text))
        covered = known.covered(item.start, item.end)
        # Outside a list, a known item is the name alone ("Spring Boot", not "testing with JUnit").
        if (covered * 2 >= letters) if listed else (letters - covered <= 1 and covered):
            known_items += 1
            has_stated = has_stated or stated.touches(item.start, item.end)
        elif looks_like_a_tool(item.text) and not (index == 0 and opens_with_a_word(item.text, listed)):
            names.append(item)
        elif listed:
            unknown.append(item)
        else:
            return []  # a word that is neither a name nor a known skill: prose, not a list
    if listed:
        # In a clean list of tools (every other item a name or a single word), a word in lower case beside two
        # other names is a tool too ("sktime", "htmx"); a line that runs on into prose gives none.
        if known_items + len(names) >= 2 and all(len(item.text.split()) == 1 for item in unknown):
            names += [item for item in unknown if looks_like_a_tool(item.text, lower_case=True)]
        return sorted(names, key=lambda item: item.start)
    if index < 1:
        return []  # fewer than two items
    return names if has_stated or lead >= 0 or asked_list else []


@lru_cache(maxsize=1)
def _requirement_sections() -> frozenset[str]:
    return frozenset(data_file("cues.toml")["ambiguous"]["requirement_sections"])


def find_unrecognised(
    document: Document,
    known: Iterable[tuple[int, int]],
    stated: Iterable[tuple[int, int]],
    skipped_sections: Iterable[str] = (),
) -> list[FoundSkill]:
    """Return the tools the document lists that the taxonomy does not know, each with every mention.

    `known`: the character ranges of every name the taxonomy matched (stated or not); `stated`: those of the
    skills found. Lines in `skipped_sections` (a job ad's company text) give nothing.
    """
    known_ranges, stated_ranges = _Ranges(known), _Ranges(stated)
    skipped = set(skipped_sections)
    text = document.text
    found: dict[str, FoundSkill] = {}
    lines: dict[int, str] = {}
    for line in re.finditer(r"[^\n]+", text):
        section = document.section_at(line.start())
        if section in skipped:
            continue
        for item in _line_names(document, line.start(), line.end(), section, known_ranges, stated_ranges):
            key = tool_key(item.text)
            if not key:
                continue
            entry = found.setdefault(key, FoundSkill(id=ID_PREFIX + key, name=" ".join(item.text.split()), area=AREA))
            entry.mentions.append(_mention(document, item.start, item.end, section, line.start(), lines))
    _add_other_mentions(document, found, known_ranges, skipped, lines)
    for entry in found.values():
        entry.mentions.sort(key=lambda mention: mention.start)
        entry.listed_only = all(m.section in list_sections() for m in entry.mentions)
    return sorted(found.values(), key=lambda entry: (entry.mentions[0].start, entry.id))


def _mention(
    document: Document, start: int, end: int, section: SectionName, line_start: int, lines: dict[int, str]
) -> Mention:
    """A mention, its line read once per line (`lines`, by the line's start): a list line holds many. A line too
    long to show whole is cut around each mention (`Document.line_at`), so it is not shared."""
    line = lines.get(line_start)
    if line is None:
        line = document.line_at(start, end)
        if not line.startswith("… ") and not line.endswith(" …"):
            lines[line_start] = line
    return Mention(text=document.text[start:end], start=start, end=end, section=section, line=line)


# A run of a name's characters: where another mention of a tool may start.
_WORD_START = re.compile(r"(?<![\w.+#-])[\w.+#]")


def _first_word(text: str, start: int = 0) -> str:
    match = _WORD.match(text, start)
    return match.group() if match else ""


_WORD = re.compile(r"[\w+#]+(?:\.[\w+#]+)*")  # dots inside a name only: "Zorbix.js", not "Frobnik."


def _add_other_mentions(
    document: Document, found: dict[str, FoundSkill], known: _Ranges, skipped: set[str], lines: dict[int, str]
) -> None:
    """Every other place the document writes a tool's spelling, in the same casing, as a whole word: one pass
    over the text, looking up the spellings that begin with each word's first two characters."""
    if not found:
        return
    text = document.text
    by_head: dict[str, list[tuple[str, FoundSkill]]] = {}
    taken_starts: set[int] = set()
    for entry in found.values():
        for spelling in {mention.text for mention in entry.mentions}:
            by_head.setdefault(_first_word(spelling), []).append((spelling, entry))
        for mention in entry.mentions:
            taken_starts.update(range(mention.start, mention.end))
    for heads in by_head.values():
        heads.sort(key=lambda pair: len(pair[0]), reverse=True)
    line_start, next_break = 0, text.find("\n")
    for word in _WORD_START.finditer(text):
        start = word.start()
        while 0 <= next_break < start:  # the words come in order: the line they are on moves forward only
            line_start, next_break = next_break + 1, text.find("\n", next_break + 1)
        for spelling, entry in by_head.get(_first_word(text, start), ()):
            end = start + len(spelling)
            if not text.startswith(spelling, start) or _WORD_AFTER.match(text, end):
                continue
            if start in taken_starts or known.touches(start, end):
                break
            section = document.section_at(start)
            if section not in skipped:
                entry.mentions.append(_mention(document, start, end, section, line_start, lines))
                taken_starts.update(range(start, end))
            break


_WORD_AFTER = re.compile(r"[\w+#]|[.-]\w")


def spans_of(spans: Sequence[Any]) -> list[tuple[int, int]]:
    """The character ranges of spaCy spans."""
    return [(span.start_char, span.end_char) for span in spans]
