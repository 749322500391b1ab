"""Resume checks: what an applicant can fix in the resume itself, most useful first.

Each check is a `ResumeCheck` (id, ok, message, evidence lines). The first one says whether the file looks
badly read, so a user knows when to distrust the rest of the report. Word lists and thresholds come from
`taxonomy/checks.toml`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from gapcheck.fit.experience import find_date_ranges
from gapcheck.model import Document, Extraction, Job, Requirement
from gapcheck.taxonomy import data_file

STANDARD_SECTIONS = ("experience", "education", "skills")
BULLET_SECTIONS = ("experience", "projects", "volunteering")
MAX_EVIDENCE = 5
# Date ranges are looked for only to tell a role's heading from a wrapped bullet, so any late "today" will do.
_FAR_FUTURE = dt.date(2100, 1, 1)

# Each pattern that opens with a run of characters (letters, digits) is tried only where such a run starts: tried
# inside the run too, it would read the rest of the run at every character, which is quadratic in a long word.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w/])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){1,4}(?![\w/])")
_YEARS_ONLY = re.compile(r"\s*(?:19|20)\d\d(?:\s*[-–—]\s*(?:19|20)\d\d)?\s*")
_LINK = re.compile(
    r"(?:https?://|www\.)\S+|\b(?:linkedin|github|gitlab|bitbucket|behance|dribbble|kaggle|stackoverflow|medium)"
    r"\.com/\S+",
    re.IGNORECASE,
)
_MEASURE = re.compile(
    r"(?<!\d)\d+(?:[.,]\d+)?\s*(?:%|percent\b|per\s+cent\b)"  # 30%, 12.5 percent
    r"|[$€£¥]\s*\d"  # $2M, € 40,000
    r"|\b\d+(?:[.,]\d+)?\s*[kKmMbB]\b\+?"  # 50K+, 4M
    r"|\b\d{1,3}(?:,\d{3})+\b"  # 10,000
    r"|\b\d+(?:\.\d+)?\s*[xX×]\b"  # 3x
    r"|\b\d+\+",  # 500+
)
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_COMMON_PUNCTUATION = set(".,;:!?'\"()[]{}-–—/&%$€£@#+*•·|_~<>=’‘“”…°§©®™")


@dataclass
class ResumeCheck:
    """One check of the resume: passed or not, what to do, and the lines it was judged on."""

    id: str
    ok: bool
    message: str
    evidence: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _settings() -> dict:
    return data_file("checks.toml")


@lru_cache(maxsize=1)
def _verb_forms() -> tuple[frozenset[str], tuple[str, ...]]:
    """Return every form of the strong verbs (develop, develops, developed, developing) and the weak openers."""
    verbs = _settings()["verbs"]
    forms: set[str] = set(verbs["irregular"])
    for base in verbs["strong"]:
        stem = base[:-1] if base.endswith("e") else base
        if base.endswith("y") and base[-2:-1] not in "aeiou":
            past, third = base[:-1] + "ied", base[:-1] + "ies"
        else:
            past, third = (
                (base + "d" if base.endswith("e") else base + "ed"),
                base + ("es" if base.endswith(("s", "sh", "ch", "x")) else "s"),
            )
        forms |= {base, third, past, stem + "ing"}
    weak = tuple(sorted(verbs["weak"], key=len, reverse=True))
    return frozenset(forms), weak


def _section_text(document: Document, names: Sequence[str]) -> list[tuple[int, str]]:
    """Return (offset, line) for each line of the named sections, heading lines left out."""
    lines = []
    for section in document.sections:
        if section.name not in names:
            continue
        offset = section.start
        for index, line in enumerate(document.text[section.start : section.end].split("\n")):
            if index > 0 and line.strip():
                lines.append((offset, line))
            offset += len(line) + 1
    return lines


@lru_cache(maxsize=1)
def _markers() -> tuple[str, ...]:
    """The bullet marks, longest first (read once, not once per line)."""
    return tuple(sorted(_settings()["bullets"]["markers"], key=len, reverse=True))


@lru_cache(maxsize=1)
def _marker_initials() -> frozenset[str]:
    return frozenset(marker[:1] for marker in _markers())


def _bullet_marker(line: str) -> str | None:
    stripped = line.lstrip()
    if stripped[:1] not in _marker_initials() and "" not in _marker_initials():
        return None  # most lines open with a letter: no marker to try
    for marker in _markers():
        if stripped.startswith(marker + " ") or (marker != "o" and stripped.startswith(marker) and len(stripped) > 1
                                                   and not stripped[len(marker)].isalnum()):  # fmt: skip
            return marker
    return None


def bullet_lines(document: Document) -> list[str]:
    """Return the bullets of the experience and project sections, each with its wrapped lines joined.

    A resume without bullets (paragraphs) gives its sentences instead.
    """
    bullets: list[str] = []
    open_bullet = False
    lines = _section_text(document, BULLET_SECTIONS)
    for _, line in lines:
        marker = _bullet_marker(line)
        if marker is not None:
            bullets.append(line.strip()[len(marker) :].strip())
            open_bullet = True
            continue
        words = line.split()
        continuation = words and (words[0][:1].islower() or words[0][:1].isdigit() or len(words) <= 3)
        if open_bullet and continuation and not find_date_ranges(line, _FAR_FUTURE):
            bullets[-1] += " " + line.strip()
        else:
            open_bullet = False
    if bullets:
        return bullets
    prose = " ".join(line.strip() for _, line in lines if not find_date_ranges(line, _FAR_FUTURE))
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", prose) if len(s.split()) >= 5]


@lru_cache(maxsize=1)
def _measure_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The words of a measure ("doubled") and a number after a word of change ("by 30"), built once."""
    bullets = _settings()["bullets"]
    words = "|".join(re.escape(w) for w in bullets["measure_words"])
    before = "|".join(re.escape(w) for w in bullets["result_words"])
    return (
        re.compile(rf"\b(?:{words})\b", re.IGNORECASE),
        re.compile(rf"\b(?:{before})\s+(\d+(?:\.\d+)?)\b", re.IGNORECASE),
    )


def _has_measure(line: str) -> bool:
    measure_words, after_change = _measure_patterns()
    if not _DIGIT.search(line):  # a cheap scan first: most lines have no number, and both number patterns need one
        return bool(measure_words.search(line))
    if _MEASURE.search(line) or measure_words.search(line):
        return True
    # "by 30", "to 12 engineers": a bare number after a word of change, not a year or a version ("Java 8").
    return any(not re.fullmatch(r"(?:19|20)\d\d", m.group(1)) for m in after_change.finditer(line))


def _opening(line: str) -> str:
    match = _WORD.search(line)
    return match.group(0).lower() if match else ""


# ------------------------------------------------------------------------------------------------ checks


def _is_odd_character(c: str) -> bool:
    """A character that is neither a letter, a digit nor common punctuation, or that no font shows."""
    return (
        not c.isalnum() and c not in _COMMON_PUNCTUATION or unicodedata.category(c) in ("Co", "Cn", "Cc", "Cs")
        or c == "\ufffd"
    )  # fmt: skip


def check_read_quality(document: Document) -> ResumeCheck:
    """Fail when the text looks badly read: odd characters, little text for its pages, no standard sections."""
    settings = _settings()["read"]
    # Each distinct character is judged once: a page has thousands of characters but only a few dozen kinds.
    counts = Counter(document.text)
    visible = sum(n for c, n in counts.items() if not c.isspace())
    odd = sum(n for c, n in counts.items() if not c.isspace() and _is_odd_character(c))
    words = len(document.text.split())
    reasons = []
    if visible and odd / visible > settings["max_odd_share"]:
        reasons.append(f"{100 * odd / visible:.0f}% of its characters are neither letters nor punctuation")
    if "(cid:" in document.text:
        reasons.append("the PDF's fonts have no character map, so some letters came out as codes")
    if document.pages and words / document.pages < settings["min_words_per_page"]:
        reasons.append(f"only {words} words on {document.pages} page{'s' if document.pages > 1 else ''}")
    found = {s.name for s in document.sections}
    if not found & set(STANDARD_SECTIONS):
        reasons.append("none of the usual section headings (experience, education, skills) was found")
    evidence = list(document.diagnostics)
    if reasons:
        message = "this file may have been read badly: " + "; ".join(reasons)
        message += ". Check the text with `gapcheck text`, or try another export (single-column PDF, DOCX, TXT)."
        return ResumeCheck("read-quality", False, message, evidence)
    pages = f" on {document.pages} page{'s' if document.pages != 1 else ''}" if document.pages else ""
    return ResumeCheck("read-quality", True, f"The text was read cleanly: {words} words{pages}.", evidence)


def check_contact(document: Document) -> ResumeCheck:
    """Pass when the resume has an e-mail address, a phone number and a profile link."""
    text = document.text
    email = _EMAIL.search(text)
    phone = next(
        (m for m in _PHONE.finditer(text) if 7 <= sum(c.isdigit() for c in m.group(0)) <= 15
         and not _YEARS_ONLY.fullmatch(m.group(0))),
        None,
    )  # fmt: skip
    link = _LINK.search(text)
    found = {"an e-mail address": email, "a phone number": phone, "a profile link (LinkedIn, GitHub, a website)": link}
    missing = [name for name, match in found.items() if match is None]
    evidence = list(dict.fromkeys(document.line_at(m.start(), m.end()) for m in found.values() if m is not None))
    if missing:
        return ResumeCheck("contact", False, "Add " + " and ".join(missing) + " near the top.", evidence)
    return ResumeCheck("contact", True, "E-mail, phone and a profile link were found.", evidence)


def check_sections(document: Document) -> ResumeCheck:
    """Pass when the headings applicant-tracking parsers look for (experience, education, skills) are there."""
    found = {s.name: s.heading for s in document.sections}
    missing = [name for name in STANDARD_SECTIONS if name not in found]
    evidence = [found[name] for name in STANDARD_SECTIONS if name in found]
    if missing:
        message = (
            "No heading was recognised for " + ", ".join(missing) + ". Parsers look for plain headings such as "
            '"Experience", "Education" and "Skills".'
        )
        return ResumeCheck("sections", False, message, evidence)
    return ResumeCheck("sections", True, "The experience, education and skills headings were found.", evidence)


def check_ad_words(requirements: Sequence[Requirement]) -> ResumeCheck:
    """Pass unless the resume names a skill in other words than the ad: use the ad's exact words."""
    reworded = [r for r in requirements if r.status == "worded-differently"]
    evidence = [f'the ad says "{r.job_words}", the resume says "{r.resume_words}"' for r in reworded]
    if reworded:
        message = (
            f"{len(reworded)} skill{'s are' if len(reworded) > 1 else ' is'} named otherwise than in the ad: "
            "use the ad's exact words, as keyword filters match them literally."
        )
        return ResumeCheck("ad-words", False, message, evidence)
    return ResumeCheck("ad-words", True, "The skills the resume shares with the ad are in the ad's words.", [])


def check_listed_only(extraction: Extraction) -> ResumeCheck:
    """Pass unless some skills are only listed in the skills section, never shown in experience or projects."""
    listed = [s for s in extraction.skills if s.listed_only and s.stated]
    evidence = list(dict.fromkeys(s.mentions[0].line or s.mentions[0].text for s in listed))[:MAX_EVIDENCE]
    if listed:
        names = ", ".join(s.name for s in listed[:10]) + (" ..." if len(listed) > 10 else "")
        message = (
            f"{len(listed)} skill{'s are' if len(listed) > 1 else ' is'} only listed, never shown in experience or "
            f"projects: {names}. Add a line that shows each one in use."
        )
        return ResumeCheck("listed-only", False, message, evidence)
    return ResumeCheck("listed-only", True, "Every listed skill is also shown in experience or projects.", [])


def check_results(bullets: Sequence[str]) -> ResumeCheck:
    """Pass when enough bullets show a measurable result (a number, a percentage, an amount)."""
    if not bullets:
        return ResumeCheck("results", False, "No experience or project bullets were found to check for results.")
    with_measure = [b for b in bullets if _has_measure(b)]
    share = len(with_measure) / len(bullets)
    counted = f"{len(with_measure)} of {len(bullets)} experience and project lines show a measurable result"
    if share >= _settings()["bullets"]["min_measurable_share"]:
        return ResumeCheck("results", True, counted + ".", with_measure[:MAX_EVIDENCE])
    without = [b for b in bullets if b not in with_measure]
    message = counted + ": add numbers (how many, how much faster, what percentage, what amount) where you can."
    return ResumeCheck("results", False, message, without[:MAX_EVIDENCE])


def check_verbs(bullets: Sequence[str]) -> ResumeCheck:
    """Pass when most bullets open with a strong verb and none with a duty phrase ("responsible for")."""
    if not bullets:
        return ResumeCheck("verbs", False, "No experience or project bullets were found to check their verbs.")
    strong, weak = _verb_forms()
    weak_lines = [b for b in bullets if b.lower().startswith(weak)]
    strong_lines = [b for b in bullets if _opening(b) in strong and b not in weak_lines]
    share = len(strong_lines) / len(bullets)
    counted = f"{len(strong_lines)} of {len(bullets)} lines open with a strong verb"
    if weak_lines:
        message = f'{counted}; {len(weak_lines)} open with a duty ("responsible for", "helped"): say what you did.'
        return ResumeCheck("verbs", False, message, weak_lines[:MAX_EVIDENCE])
    if share < _settings()["bullets"]["min_strong_share"]:
        others = [b for b in bullets if b not in strong_lines]
        return ResumeCheck(
            "verbs", False, counted + ": start each with what you did (built, led, cut).", others[:MAX_EVIDENCE]
        )
    return ResumeCheck("verbs", True, counted + ".", [])


def check_length(document: Document) -> ResumeCheck:
    """Pass when the resume is neither too short to show much nor too long to be read."""
    limits = _settings()["length"]
    words = len(_WORD.findall(document.text))
    pages = f"{document.pages} page{'s' if document.pages != 1 else ''}, " if document.pages else ""
    size = f"{pages}{words} words"
    if words < limits["min_words"]:
        return ResumeCheck("length", False, f"{size}: short; say more about what you did and how it went.")
    if document.pages > limits["max_pages"] or words > limits["max_words"]:
        return ResumeCheck(
            "length", False, f"{size}: long; keep to {limits['max_pages']} pages and the most relevant work."
        )
    return ResumeCheck("length", True, f"{size}: a good length.")


def resume_checks(
    document: Document, extraction: Extraction, requirements: Sequence[Requirement] = (), job: Job | None = None
) -> list[ResumeCheck]:
    """Return the resume checks, most useful first; the ad-wording check only when the job is an ad."""
    bullets = bullet_lines(document)
    checks = [check_read_quality(document), check_contact(document), check_sections(document)]
    if job is not None and job.kind == "ad":
        checks.append(check_ad_words(requirements))
    checks += [check_listed_only(extraction), check_results(bullets), check_verbs(bullets), check_length(document)]
    return checks
