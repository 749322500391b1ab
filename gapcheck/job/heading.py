"""An ad's title as a person states it, read from its heading line(s): the label ("Job Description:"), the years
("(10+ Years of Experience)"), the place and the team ("— Platform Team") taken off; the seniority kept apart."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from gapcheck.fit.title import is_role_word, level_name, read_title
from gapcheck.ingest.sections import heading_of_line
from gapcheck.job.text import alternation, phrases_pattern
from gapcheck.model import Document
from gapcheck.taxonomy import data_file

# How many non-empty lines from the top may hold the title.
TITLE_LINES = 8
_BULLET = re.compile(r"^\s*(?:[-*•·–]|\d+[.)])\s+")
# What separates the title from a place, a team or a company on its line.
_PARTS = re.compile(r"\s+[-–—|@]\s+|\s*[|•·]\s*|,\s+|\s+at\s+|\s+in\s+(?=[A-Z])|:\s+")
_BRACKETS = re.compile(r"\s*[(\[]([^)\]]*)[)\]]")
_SENIORITY_WORDS = {"sr": "senior", "jr": "junior", "mid level": "mid-level", "entry level": "entry-level"}


@dataclass(frozen=True)
class AdTitle:
    title: str
    line: str
    seniority: str


@dataclass(frozen=True)
class _Words:
    label: re.Pattern[str]
    prose: re.Pattern[str]
    not_title: re.Pattern[str]
    seniority: re.Pattern[str]


@lru_cache(maxsize=1)
def _words() -> _Words:
    raw = data_file("ads.toml")["title"]
    labels = alternation(raw["labels"])
    openings = "|".join(p.replace(" ", r"[\W_]+") for p in sorted(raw["prose_openings"], key=len, reverse=True))
    levels = [w.replace(" ", r"[\s-]") for w in sorted(data_file("titles.toml")["seniority"], key=len, reverse=True)]
    return _Words(
        label=re.compile(rf"^\W*(?:{labels})\s*[:–—-]\s*", re.IGNORECASE),
        prose=re.compile(
            rf"^\W*(?:{openings})\s+(?:an?\s+|the\s+)?(.+?)(?:\s+(?:to|who|at|in|for|with|that|on)\s.*)?[.!]?$",
            re.IGNORECASE,
        ),
        not_title=phrases_pattern(raw["not_title"]),
        seniority=re.compile(rf"(?<![\w-])(?:{'|'.join(levels)})\.?(?![\w-])", re.IGNORECASE),
    )


def clean_title(line: str) -> str:
    """Return the title in a heading line: "Job Description: Product Manager (10+ Years)" -> "Product Manager"."""
    words = _words()
    text = _BULLET.sub("", words.label.sub("", line.strip().strip("#*_ ").strip()))
    prose = words.prose.match(text)
    if prose:
        text = prose.group(1)
    # A bracket holds a place, the years, a contract or the stack ("(Remote)", "(10+ Years)", "(Vue)").
    text = _BRACKETS.sub("", text).strip()
    parts = [p.strip() for p in _PARTS.split(text) if p.strip()]
    with_role = [p for p in parts if read_title(p) is not None and not words.not_title.fullmatch(p.lower())]
    title = (with_role[0] if with_role else parts[0] if parts else text).strip(" -–—:|")
    # "Software Engineer II, Backend": a part after a comma that is only role words still describes the role.
    after = text[text.find(title) + len(title) :] if title in text else ""
    qualifier = re.match(r"\s*,\s*([\w-]+(?: [\w-]+)?)\s*(?:$|[,(|–—-])", after)
    if qualifier and all(is_role_word(w) for w in qualifier.group(1).split()):
        title += ", " + qualifier.group(1)
    return title


def seniority_of(title: str) -> str:
    """Return the seniority words a title holds ("Senior", "Lead", "Staff"), lower case, else the level its
    number names ("Engineer II": "mid-level"), or ""."""
    found = [_SENIORITY_WORDS.get(m.group(0).lower().rstrip(".").replace("-", " "), m.group(0).lower().rstrip("."))
             for m in _words().seniority.finditer(title)]  # fmt: skip
    if found:
        return " ".join(dict.fromkeys(found))
    read = read_title(title)
    return level_name(read.level) if read is not None and read.level is not None else ""


def ad_title(document: Document) -> AdTitle:
    """Return the ad's title: the first heading line near the top that names a role (a "Job Title:" field
    first), skipping section headings like "Summary" or "About the role"."""
    lines = [line for line in document.text.split("\n") if line.strip()][:TITLE_LINES]
    candidates: list[str] = []
    for line in lines:
        labelled = _words().label.match(line.strip())
        if labelled and line.strip()[labelled.end() :].strip():
            candidates.insert(0, line)
            continue
        if _BULLET.match(line) or len(line.strip()) > 120:
            continue
        if heading_of_line(line, "job") is not None:
            continue
        candidates.append(line)
    for line in candidates:
        title = clean_title(line)
        if read_title(title) is not None:
            return AdTitle(title[:120], line.strip(), seniority_of(title))
    fallback = next(iter(candidates), next(iter(lines), ""))
    title = clean_title(fallback) if fallback else ""
    return AdTitle(title[:120], fallback.strip(), seniority_of(title))
