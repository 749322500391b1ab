"""Which lines of a resume may prove a skill: experience and project bullets, skills lists and summaries can; an
employer's name, a paper's title, a heading (even one the PDF split), a line of spoken languages and the labels
of a chart cannot. The rules' words and thresholds come from `taxonomy/proof.toml`.

`Proof.blocks` answers for one mention whether its line may not prove it (with the reason, for tests and
`gapcheck extract`); `shows_use` tells a line of work that stands in a skills section from a list.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from gapcheck.fit.title import read_title
from gapcheck.ingest.sections import QUALIFIERS, RESUME_HEADINGS, heading_of_line
from gapcheck.model import Document, SectionName
from gapcheck.taxonomy import data_file

# Date ranges are looked for only to find the roles' heading lines, so any late "today" will do.
_FAR_FUTURE = dt.date(2100, 1, 1)
# What separates a role's title from its employer, place and dates on a heading line ("Engineer, Acme | 2019").
_SEGMENT = re.compile(r"\s*(?:[,|;•·@()]|\s[-–—]\s|\s+at\s+)\s*")
_BULLET = re.compile(r"\s*(?:[-*•·▪◦‣●○■➢►✓–—]|\d+[.)])\s")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def settings_with_sets(name: str, *keys: str) -> dict[str, Any]:
    """A language-data file of `taxonomy/` with the lists under `keys` as sets: they are looked up per line."""
    raw = data_file(name)
    return {**raw, **{key: frozenset(raw[key]) for key in keys}}


@lru_cache(maxsize=1)
def proof_settings() -> dict[str, Any]:
    """`taxonomy/proof.toml`, read once."""
    sets = (
        "title_sections",
        "language_sections",
        "spoken_languages",
        "list_sections",
        "rating_marks",
        "spread_sections",
    )
    return settings_with_sets("proof.toml", *sets, "name_small_words")


@lru_cache(maxsize=1)
def _collapsed_headings() -> frozenset[str]:
    """Every resume heading's words without spaces ("workexperience"), and the qualifiers, for split headings."""
    phrases = {phrase for phrases in RESUME_HEADINGS.values() for phrase in phrases} | set(QUALIFIERS)
    return frozenset(phrase.replace(" ", "") for phrase in phrases)


def _is_split_heading(line: str) -> bool:
    """A heading whose letters the PDF spaced apart ("SKILLS & AWA RDS", "EXPERI ENCE"): short, in capitals, and
    its letters read together are headings joined by "and"."""
    stripped = line.strip()
    if not stripped or len(stripped) > 40 or not stripped.isupper() or _BULLET.match(stripped):
        return False
    letters = re.sub(r"[^a-z&+]", "", stripped.lower()).replace("&", "and").replace("+", "and")
    known = _collapsed_headings()
    # Can `letters` be cut into known headings, "and" between them?
    reach = [False] * (len(letters) + 1)
    reach[0] = True
    for end in range(1, len(letters) + 1):
        reach[end] = any(
            reach[start] and (letters[start:end] in known or letters[start:end] == "and") for start in range(end)
        )
    return reach[-1] and not letters.startswith("and")


@dataclass
class Proof:
    """What of one resume may not prove a skill, built once per document and looked up per mention in
    logarithmic time (a resume may hold tens of thousands of lines and names)."""

    line_starts: list[int] = field(default_factory=list)  # of the non-empty lines, sorted
    # Whole lines that prove nothing, by their start: headings, paper titles, chart labels.
    line_blocked: dict[int, str] = field(default_factory=dict)
    # Lines of spoken languages, by their start: only the languages are read from them.
    language_lines: set[int] = field(default_factory=set)
    # Research topics that hold a soft skill's name: sorted, disjoint (start, end).
    topics: list[tuple[int, int]] = field(default_factory=list)
    # The employer and place segments of a role's heading lines, by the line's start.
    segments: dict[int, list[tuple[int, int]]] = field(default_factory=dict)

    def line_of(self, offset: int) -> int:
        """The start of the non-empty line that holds `offset`."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return self.line_starts[index] if index >= 0 else 0

    def segment_of(self, offset: int) -> tuple[int, int] | None:
        """The employer or place segment that holds `offset`, or None."""
        return next(((a, b) for a, b in self.segments.get(self.line_of(offset), ()) if a <= offset < b), None)

    def blocks(self, start: int, skill_id: str, named_segments: dict[int, int] | None = None) -> str:
        """Why the mention starting at `start` of `skill_id` proves nothing, or "" when its line may prove it.
        `named_segments` counts, per heading line start, the segments holding a name: a line of two or more
        such segments is a list of tools after a title, not an employer."""
        line = self.line_of(start)
        if line in self.line_blocked:
            return self.line_blocked[line]
        index = bisect.bisect_right(self.topics, (start, float("inf"))) - 1
        if index >= 0 and self.topics[index][0] <= start < self.topics[index][1]:
            return "a research topic, not the skill"
        if line in self.language_lines and skill_id not in proof_settings()["spoken_languages"]:
            return "a line of spoken languages"
        if self.segment_of(start) is not None and (named_segments or {}).get(line, 0) < 2:
            return "the employer or place of a role"
        return ""


def read_proof(document: Document, names: Sequence[tuple[int, int, str]] = ()) -> Proof:
    """Return what in the resume may not prove a skill. `names` are the skill names found, (start, end, skill
    id): a line with two spoken languages is a line of languages wherever it stands, and a chart's label is one
    name alone on its line."""
    if document.kind != "resume":
        return Proof()
    settings = proof_settings()
    text = document.text
    lines = _lines(text)
    proof = Proof(line_starts=[start for start, _ in lines])
    section_of = _sections_of(document, proof.line_starts)
    names_on: dict[int, list[tuple[int, int, str]]] = {}
    for name in sorted(names):
        names_on.setdefault(proof.line_of(name[0]), []).append(name)
    spoken = settings["spoken_languages"]
    for index, (start, end) in enumerate(lines):
        line, section, on_line = text[start:end], section_of[start], names_on.get(start, [])
        # Headings, recognised or split by the PDF.
        if heading_of_line(line) is not None or _is_split_heading(line):
            proof.line_blocked[start] = "a heading"
        # Paper titles.
        elif section in settings["title_sections"] and _is_title_case(line, settings):
            proof.line_blocked[start] = "a paper or talk title"
        # Chart labels: one name alone, perhaps with a rating or a share, beside another short line.
        elif section not in settings["list_sections"] and _is_label_line(text, lines, index, on_line, settings):
            proof.line_blocked[start] = "a chart's label"
        # Lines of spoken languages: one that names a spoken language in a languages section ("Italian (basic)";
        # a line of "Python, Java" under a "Languages" heading stays a list of skills), or two anywhere.
        named = sum(skill in spoken for _, _, skill in on_line)
        if named >= 2 or (named and section in settings["language_sections"]):
            proof.language_lines.add(start)
    # Research topics and technical terms that hold a soft skill's name ("emergent communication").
    proof.topics = [match.span() for match in _topics().finditer(text)] if _may_name_a_topic(text) else []
    # Role headings: the employer and the place. The headline above the first heading too.
    for line_start, line_end in _heading_lines(document, lines):
        found = _other_segments(text, line_start, line_end)
        if found:
            proof.segments[line_start] = found
    return proof


def _sections_of(document: Document, starts: list[int]) -> dict[int, SectionName]:
    """The section name of each of the sorted offsets, in one walk (`Document.section_at` for each)."""
    sections = sorted(document.sections, key=lambda s: s.start)
    result: dict[int, SectionName] = {}
    index = 0
    for offset in starts:
        while index < len(sections) and sections[index].end <= offset:
            index += 1
        inside = index < len(sections) and sections[index].start <= offset
        result[offset] = sections[index].name if inside else "other"
    return result


def _is_label_line(
    text: str, lines: list[tuple[int, int]], index: int, on_line: list[tuple[int, int, str]], settings: dict[str, Any]
) -> bool:
    """A chart's label: one name alone on a short line, perhaps with rating marks or a share, next to another
    short line."""
    start, end = lines[index]
    if len(on_line) != 1:
        return False
    rest = text[start : on_line[0][0]] + text[on_line[0][1] : end]
    if any(not (c.isspace() or c.isdigit() or c in settings["rating_marks"]) for c in rest):
        return False
    neighbours = lines[max(0, index - 1) : index] + lines[index + 1 : index + 2]
    return _is_label(text[start:end], settings) and any(_is_short(text[a:b], settings) for a, b in neighbours)


@lru_cache(maxsize=1)
def _topics() -> re.Pattern[str]:
    """The topics of proof.toml as one pattern of whole words, case-insensitive. Words of a topic in square
    brackets must follow but are not part of it: "conflict resolution [algorithms]" blocks the soft skill, not
    the algorithms the line shows."""
    topics = sorted(proof_settings()["topics"], key=len, reverse=True)
    alternatives = "|".join(_topic_pattern(topic) for topic in topics)
    return re.compile(rf"(?<![\w-])(?:{alternatives})", re.IGNORECASE)


# The characters that match an ASCII letter case-insensitively without lowering to it (İ, ı, ſ, K).
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")


def _may_name_a_topic(text: str) -> bool:
    """False when no topic can be in the text: one of each topic's words is missing from its lower case (a few
    look-ups of a word, where the topics' pattern is tried at every place of the text). Most resumes name none."""
    if any(char in text for char in _FOLDS_TO_ASCII):
        return True
    lower = text.lower()
    return any(all(word in lower for word in words) for words in _topic_words())


@lru_cache(maxsize=1)
def _topic_words() -> tuple[tuple[str, ...], ...]:
    """The words of each topic that must be in its match, in lower case (not those in square brackets)."""
    return tuple(tuple(topic.partition("[")[0].lower().split()) for topic in proof_settings()["topics"])


def _topic_pattern(topic: str) -> str:
    head, _, context = topic.partition("[")
    words = re.escape(head.strip()).replace(r"\ ", r"\s+")
    if not context:
        return rf"{words}(?![\w-])"
    after = re.escape(context.rstrip("]").strip()).replace(r"\ ", r"\s+")
    return rf"{words}(?=\s+{after}(?![\w-]))"


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line."""
    found, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            found.append((offset, offset + len(line)))
        offset += len(line) + 1
    return found


def _is_title_case(line: str, settings: dict[str, Any]) -> bool:
    words = [word for word in _WORD.findall(line) if len(word) >= 4]
    if not words:
        return False
    return sum(word[:1].isupper() for word in words) / len(words) >= settings["title_case_share"]


def _is_short(line: str, settings: dict[str, Any]) -> bool:
    stripped = line.strip()
    return bool(stripped) and len(stripped.split()) <= settings["label_max_words"] and stripped[-1] not in ".,;"


def _is_label(line: str, settings: dict[str, Any]) -> bool:
    """A short line of capitalised words, perhaps with rating marks or a share: the label of a chart."""
    stripped = line.strip()
    if not _is_short(stripped, settings) or _BULLET.match(stripped) or ":" in stripped or "," in stripped:
        return False
    words = [w for w in stripped.split() if not all(c.isdigit() or c in settings["rating_marks"] for c in w)]
    return bool(words) and all(word[:1].isupper() or not word[:1].isalpha() for word in words)


def _heading_lines(document: Document, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The lines that head a role (its date line, the short lines just above it, a short line just below it)
    and the headline lines above the first section."""
    from gapcheck.fit.experience import find_date_ranges

    text = document.text
    first = min((s.start for s in document.sections), default=len(text))
    # The headline: a short line near the top that names a role ("Research Scientist, Machine Learning").
    heads = [
        (a, b) for a, b in lines[:4]
        if b <= first and _is_heading_like(text[a:b]) and any(read_title(p) for p in _SEGMENT.split(text[a:b]))
    ]  # fmt: skip
    roles = [s for s in document.sections if s.name in ("experience", "projects", "volunteering")]
    index_of = {start: i for i, (start, _) in enumerate(lines)}
    for section in roles:
        for dates in find_date_ranges(text[section.start : section.end], _FAR_FUTURE):
            offset = section.start + dates.offset
            line_start = text.rfind("\n", 0, offset) + 1
            i = index_of.get(line_start)
            if i is None or not _is_date_line(text[slice(*lines[i])]):
                continue  # a date inside a bullet ("- Led the 2019 - 2020 migration") heads no role
            picked = [i]
            titled = any(read_title(piece) for piece in _SEGMENT.split(text[slice(*lines[i])]))
            for step in () if titled else (-1, -2):  # "Software Engineer / Acme" above a date alone on its line
                j = i + step
                if j < 0 or lines[j][0] < section.start or not _is_heading_like(text[slice(*lines[j])]):
                    break
                picked.append(j)
            if i + 1 < len(lines) and lines[i + 1][1] <= section.end and _is_heading_like(text[slice(*lines[i + 1])]):
                picked.append(i + 1)  # "Stripe | San Francisco, CA" under "Engineer | Jan 2023 - Present"
            heads += [lines[j] for j in picked]
    return sorted(set(heads))


def _is_date_line(line: str) -> bool:
    """A role's date line: not a bullet nor a sentence, and short ("Engineer, Acme, Jun 2019 - Present")."""
    stripped = line.strip()
    return not _BULLET.match(stripped) and stripped[-1:] != "." and len(stripped.split()) <= 16


def _is_heading_like(line: str) -> bool:
    """A short line that is not a bullet nor a sentence: part of a role's heading."""
    stripped = line.strip()
    return (
        bool(stripped) and not _BULLET.match(stripped) and len(stripped.split()) <= 8 and stripped[-1] not in ".;"
        and heading_of_line(stripped) is None
    )  # fmt: skip


def _other_segments(text: str, line_start: int, line_end: int) -> list[tuple[int, int]]:
    """The segments of a heading line that are not a job title: the employer, the place (char ranges)."""
    line = text[line_start:line_end]
    found = []
    cursor = 0
    for piece in _SEGMENT.split(line):
        if not piece:
            continue
        at = line.find(piece, cursor)
        cursor = at + len(piece)
        if piece.strip() and read_title(piece) is None and _is_a_name(piece):
            found.append((line_start + at, line_start + at + len(piece)))
    return found


def _is_a_name(piece: str) -> bool:
    """An employer's or a place's name: a few words, each capitalised but the small ones ("Bank of America");
    "2019 - 2021: built Kafka pipelines" is a line of work, not a name."""
    words = _WORD.findall(piece)
    small = proof_settings()["name_small_words"]
    return 0 < len(words) <= proof_settings()["name_max_words"] and all(
        word[:1].isupper() or word.lower() in small for word in words
    )


def shows_use(line: str, section: str, strong_verbs: frozenset[str]) -> bool:
    """True for a line of work (a bullet that opens with what was done, "Built a Flask API with ...") in a skills
    section, which shows its skills in use there too; False for a list of names, and in other sections."""
    if section not in proof_settings()["use_line_sections"]:
        return False
    stripped = _BULLET.sub("", line, count=1).strip()
    words = stripped.split()
    if len(words) < proof_settings()["use_line_min_words"]:
        return False
    return words[0].lower().strip(",.:;") in strong_verbs


class SpreadFinder:
    """Finds where a bullet of work names a listed skill with words between its words ("responsive and accessible
    web design" for Responsive Design). The lines of the work sections are kept in lower case, joined: a look
    finds the lines that hold the name's first word in one search, and cuts only those into words (each once)."""

    def __init__(self, document: Document) -> None:
        settings = proof_settings()
        self.max_gap: int = settings["spread_max_gap"]
        self.spans: list[tuple[int, int]] = []  # per line: its start and end in the text
        text = document.text
        for section in document.sections:
            if section.name not in settings["spread_sections"]:
                continue
            for match in re.finditer(r"[^\n]+", text[section.start : section.end]):
                self.spans.append((section.start + match.start(), section.start + match.end()))
        self.text = text
        lowered = [text[start:end].lower() for start, end in self.spans]
        self.joined = "\n".join(lowered)  # the lines in lower case, one after another
        self.starts: list[int] = []  # where each line starts in `joined`
        offset = 0
        for line in lowered:
            self.starts.append(offset)
            offset += len(line) + 1
        # A word's lower case is a piece of its line's but for a Greek capital sigma, which lowers by what follows
        # it: a text that has one has every line cut into words.
        self.every_line = any("Σ" in text[start:end] for start, end in self.spans)
        self.words: dict[int, list[tuple[str, int, int]]] = {}  # per line read: (word, start, end) in the text

    def find(self, names: Sequence[str]) -> tuple[int, int] | None:
        """The (start, end) of the first stretch that names one of `names` in order, or None. Only names of two
        words or more count, each word of three letters or more."""
        for name in names:
            words = [word.lower() for word in _WORD.findall(name)]
            if len(words) < 2 or any(len(word) < 3 for word in words):
                continue
            for line in self._lines_holding(words[0]):
                tokens = self._words_of(line)
                for position, token in enumerate(tokens):
                    if token[0] != words[0]:
                        continue
                    end = self._rest_in_order(tokens, position, words[1:])
                    if end is not None:
                        return token[1], end
        return None

    def _lines_holding(self, word: str) -> list[int]:
        """The lines, in order, whose lower case holds `word` (as a piece of a word or more)."""
        if self.every_line:
            return list(range(len(self.spans)))
        lines: list[int] = []
        at = self.joined.find(word)
        while at >= 0:
            line = bisect.bisect_right(self.starts, at) - 1
            if not lines or lines[-1] != line:
                lines.append(line)
            at = self.joined.find(word, at + 1)
        return lines

    def _words_of(self, line: int) -> list[tuple[str, int, int]]:
        """The words of a line with their offsets in the text, cut the first time the line is read."""
        words = self.words.get(line)
        if words is None:
            start, end = self.spans[line]
            words = self.words[line] = [
                (m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(self.text, start, end)
            ]
        return words

    def _rest_in_order(self, tokens: list[tuple[str, int, int]], at: int, words: list[str]) -> int | None:
        """Where the last of `words` ends, each found within `max_gap` words of the one before, or None."""
        end = None
        for word in words:
            step = next(
                (i for i in range(at + 1, min(len(tokens), at + 2 + self.max_gap)) if tokens[i][0] == word), None
            )
            if step is None:
                return None
            at, end = step, tokens[step][2]
        return end
