"""What in an ad asks nothing of the candidate: the employer's own name, legal and benefits lines wherever they
stand, and a job board's header fields. The words are data (taxonomy/ads.toml)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from gapcheck.ingest.sections import heading_of_line
from gapcheck.job.text import alternation, cue_patterns, phrases_pattern, sentence_of
from gapcheck.model import Document, Mention
from gapcheck.taxonomy import data_file

# Sections of an ad that ask nothing of the candidate: a skill named only there is no requirement at all.
SILENT_SECTIONS = frozenset({"about", "benefits", "legal", "apply", "title"})
# A company name: one to four capitalised words ("Red Hat", "OpenAI", "Acme Data Corp").
_NAME = r"((?:[A-Z][\w&.'’-]*|[A-Z0-9]{2,})(?: (?:[A-Z][\w&.'’-]*|of|for|and|&)){0,3})"


@dataclass(frozen=True)
class _Words:
    lines: re.Pattern[str]
    field_label: re.Pattern[str]
    before: re.Pattern[str]
    after: re.Pattern[str]
    opening_at: re.Pattern[str]
    company: re.Pattern[str]
    not_names: frozenset[str]


@lru_cache(maxsize=1)
def _words() -> _Words:
    raw = data_file("ads.toml")
    labels, before, after = (alternation(words) for words in (raw["boilerplate"]["field_labels"],
                             raw["employer"]["before"], raw["employer"]["after"]))  # fmt: skip
    return _Words(
        lines=phrases_pattern(raw["boilerplate"]["lines"]),
        field_label=re.compile(rf"^\W*(?:{labels})\s*:", re.IGNORECASE),
        before=re.compile(rf"(?:^|(?<=[\s(]))(?i:{before})\s+{_NAME}(?=[\s,.!:;)’']|$)", re.MULTILINE),
        after=re.compile(rf"(?:^|(?<=[.!?]\s)|(?<=\n))\W*{_NAME},?\s+(?i:{after})\b", re.MULTILINE),
        opening_at=re.compile(rf"(?:^|(?<=[.!?]\s)|(?<=\n))\W*(?i:at)\s+{_NAME},", re.MULTILINE),
        company=phrases_pattern(raw["employer"]["company_words"]),
        not_names=frozenset(raw["employer"]["not_names"]),
    )


def employer_names(document: Document) -> tuple[str, ...]:
    """Return the names the ad gives its employer ("About Red Hat", "Join OpenAI", "Acme is a ...")."""
    words = _words()
    found: list[str] = []
    for section in document.sections:
        if section.name == "about" and section.heading.lower().startswith("about "):
            found.append(section.heading[6:].strip())
    text = document.text
    for pattern in (words.before, words.opening_at):
        found += [match.group(1) for match in pattern.finditer(text)]
    cues = cue_patterns()
    for match in words.after.finditer(text):
        _, end = sentence_of(text, match.end(), match.end())
        rest = text[match.end() : end]
        if words.company.search(rest) and not (cues.preferred.search(rest) or cues.mandatory.search(rest)):
            found.append(match.group(1))
    headings = {section.heading.strip().lower() for section in document.sections}
    names = []
    for name in found:
        name = re.sub(r"(?:\s(?:of|for|and|&))+$", "", name.strip(" .,'’")).removesuffix("’s").removesuffix("'s")
        if not name or name.lower() in words.not_names or name.split()[0].lower() in words.not_names:
            continue
        # A section heading is never the employer ("Summary" above "We are looking for ...").
        if name.lower() in headings or heading_of_line(name, "job") is not None:
            continue
        names.append(name)
    return tuple(dict.fromkeys(names))


def employer_spans(document: Document, names: tuple[str, ...]) -> list[tuple[int, int]]:
    """Return where the employer's names stand in the ad."""
    spans = []
    for name in names:
        spans += [m.span() for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", document.text)]
    return sorted(spans)


def asks_nothing(
    document: Document, mention: Mention, employer: list[tuple[int, int]], quiet_lines: dict[int, bool] | None = None
) -> bool:
    """Whether a mention is no requirement: in a silent section, on a legal or benefits line, in a header field
    ("Grade: SEO"), or part of the employer's name. `employer` is sorted by start (as `employer_spans` gives
    it); `quiet_lines` keeps each line's answer, so a long line naming many skills is read once."""
    if mention.section in SILENT_SECTIONS:
        return True
    at = bisect.bisect_right(employer, (mention.start, len(document.text) + 1)) - 1
    if at >= 0 and employer[at][0] <= mention.start and mention.end <= employer[at][1]:
        return True
    start, end = document.line_bounds(mention.start)
    if quiet_lines is not None and start in quiet_lines:
        return quiet_lines[start]
    line = document.text[start:end]
    words = _words()
    quiet = bool(words.lines.search(line) or words.field_label.match(line))
    if quiet_lines is not None:
        quiet_lines[start] = quiet
    return quiet
