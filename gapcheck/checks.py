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

from gapcheck import contact
from gapcheck.fit.experience import find_date_ranges
from gapcheck.ingest.hidden import hidden_text_notes
from gapcheck.memo import kept
from gapcheck.model import Document, Extraction, FoundSkill, Job, Requirement
from gapcheck.proof import proof_settings
from gapcheck.taxonomy import data_file
from gapcheck.wording import counted, plural, same_words

STANDARD_SECTIONS = ("experience", "education", "skills")
BULLET_SECTIONS = ("experience", "projects", "volunteering")
MAX_EVIDENCE = 5
# Date ranges are looked for only to tell a role's heading from a wrapped bullet, so any late "today" will do.
_FAR_FUTURE = dt.date(2100, 1, 1)

# Every alternative starts at a digit or a currency sign: the look-ahead says so first, so that the search skips
# the other places of a line at once instead of trying each alternative there (same matches, a third the time).
_MEASURE = re.compile(
    r"(?=[\d$€£¥])(?:"
    r"(?<!\d)\d+(?:[.,]\d+)?\s*(?:%|percent\b|per\s+cent\b)"  # 30%, 12.5 percent
    r"|[$€£¥]\s*\d"  # $2M, € 40,000
    r"|\b\d+(?:[.,]\d+)?\s*[kKmMbB]\b\+?"  # 50K+, 4M
    r"|\b\d{1,3}(?:,\d{3})+\b"  # 10,000
    r"|\b\d+(?:\.\d+)?\s*[xX×]\b"  # 3x
    r"|\b\d+\+)",  # 500+
)
_DIGIT = re.compile(r"\d")
_LAST_WORD = re.compile(r"[^\W\d_][\w+#.]*$")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_COMMON_PUNCTUATION = set(".,;:!?'\"()[]{}-–—/&%$€£@#+*•·|_~<>=’‘“”…°§©®™")


@kept(2, texts=True)
def word_count(text: str) -> int:
    """Return the number of words in a text (runs of letters; bullets, dates and numbers alone are not words):
    the one count every check quotes, so that a page never gives two (kept for the last texts: two checks count
    the same resume)."""
    return len(_WORD.findall(text))


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


def strong_verb_forms() -> frozenset[str]:
    """Every form of the strong verbs of checks.toml ("build", "built", "building"): what a line of work opens
    with."""
    return _verb_forms()[0]


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
def _measure_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The words of a measure ("doubled"), a number after a word of change ("by 30"), a fraction after one ("by
    half") and a number before a unit or count noun ("4 TB", "400 hosts"), built once from checks.toml."""
    bullets = _settings()["bullets"]

    def alternatives(key: str) -> str:
        return "|".join(re.escape(w) for w in sorted(bullets[key], key=len, reverse=True))

    return (
        re.compile(rf"\b(?:{alternatives('measure_words')})\b", re.IGNORECASE),
        re.compile(rf"\b(?:{alternatives('result_words')})\s+(\d+(?:\.\d+)?)\b", re.IGNORECASE),
        re.compile(rf"\b(?:{alternatives('result_words')}|in)\s+(?:{alternatives('fraction_words')})\b", re.IGNORECASE),
        re.compile(rf"(?<![\w.])(\d+(?:[.,]\d+)?)\s*(?:{alternatives('unit_words')})(?![\w/])", re.IGNORECASE),
    )


@lru_cache(maxsize=1)
def _measure_phrases() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words of a measure and the fractions, in lower case: what `_may_name_a_measure` looks for."""
    bullets = _settings()["bullets"]
    return tuple(w.lower() for w in bullets["measure_words"]), tuple(w.lower() for w in bullets["fraction_words"])


def _may_name_a_measure(line: str) -> tuple[bool, bool]:
    """Whether the line may hold a word of a measure, and a fraction: an ASCII line in lower case holds any such
    word its patterns match (case-insensitive), and a few look-ups of a word cost less than a search of the
    patterns at every place of the line. Other lines are searched."""
    if not line.isascii():
        return True, True
    lower = line.lower()
    words, fractions = _measure_phrases()
    return any(word in lower for word in words), any(fraction in lower for fraction in fractions)


def _has_measure(line: str) -> bool:
    measure_words, after_change, fraction, before_unit = _measure_patterns()
    may_word, may_fraction = _may_name_a_measure(line)
    named = (may_word and measure_words.search(line)) or (may_fraction and fraction.search(line))
    if not _DIGIT.search(line):  # a cheap scan first: most lines have no number, and the number patterns need one
        return bool(named)
    if named or _MEASURE.search(line):
        return True
    # "by 30", "to 12 engineers", "400 hosts": a bare number after a word of change or before a unit, not a year
    # or a version ("Java 8", "in 2019").
    numbers = [m.group(1) for m in after_change.finditer(line)]
    numbers += [m.group(1) for m in before_unit.finditer(line) if not _after_a_name(line, m.start(1))]
    return any(not re.fullmatch(r"(?:19|20)\d\d", number) for number in numbers)


def _after_a_name(line: str, at: int) -> bool:
    """True when the number at `at` follows a capitalised name inside the line: a version ("Java 8 services"),
    not a count ("Migrated 400 hosts", whose capital is only the line's opening)."""
    before = line[:at].rstrip()
    word = _LAST_WORD.search(before)
    return word is not None and word.group(0)[:1].isupper() and bool(_WORD.search(before[: word.start()]))


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


# Past this many kinds of space and odd character, one count of every character beats a count per kind.
_FEW_KINDS = 32


def _visible_and_odd(text: str) -> tuple[int, int]:
    """How many characters of the text are not spaces, and how many of those are odd (`_is_odd_character`).
    Each distinct character is judged once: a page has thousands of characters but only a few dozen kinds, and
    few of them are spaces or odd, so those few are counted alone."""
    kinds = set(text)
    spaces = [c for c in kinds if c.isspace()]
    odd = [c for c in kinds if not c.isspace() and _is_odd_character(c)]
    if len(spaces) + len(odd) > _FEW_KINDS:
        counts = Counter(text)
        return len(text) - sum(counts[c] for c in spaces), sum(counts[c] for c in odd)
    return len(text) - sum(text.count(c) for c in spaces), sum(text.count(c) for c in odd)


def check_read_quality(document: Document) -> ResumeCheck:
    """Fail when the text looks badly read: odd characters, little text for its pages, no standard sections."""
    settings = _settings()["read"]
    visible, odd = _visible_and_odd(document.text)
    words = word_count(document.text)
    reasons = []
    if visible and odd / visible > settings["max_odd_share"]:
        reasons.append(f"{100 * odd / visible:.0f}% of its characters are neither letters nor punctuation")
    if "(cid:" in document.text:
        reasons.append("the PDF's fonts have no character map, so some letters came out as codes")
    if document.pages and words / document.pages < settings["min_words_per_page"]:
        reasons.append(f"only {counted(words, 'word')} on {counted(document.pages, 'page')}")
    found = {s.name for s in document.sections}
    if not found & set(STANDARD_SECTIONS):
        reasons.append("none of the usual section headings (experience, education, skills) was found")
    evidence = list(document.diagnostics)
    if reasons:
        message = "this file may have been read badly: " + "; ".join(reasons)
        message += ". Check the text with `gapcheck text`, or try another export (single-column PDF, DOCX, TXT)."
        return ResumeCheck("read-quality", False, message, evidence)
    pages = f" on {counted(document.pages, 'page')}" if document.pages else ""
    return ResumeCheck("read-quality", True, f"The text was read cleanly: {counted(words, 'word')}{pages}.", evidence)


def check_hidden_text(document: Document) -> ResumeCheck:
    """Fail when the file holds text no reader can see (white on white, 1-point, hidden): keyword stuffing."""
    characters = sum(document.hidden_text.values())
    if not characters:
        return ResumeCheck("hidden-text", True, "No hidden text was found.")
    message = (
        f"{characters:,} characters of text no reader can see were found (white on white, tiny or hidden text): "
        "recruiters and applicant-tracking systems treat hidden keywords as keyword stuffing, and gapcheck "
        "credits no skill for them. Remove them, and show each skill where a reader sees it."
    )
    return ResumeCheck("hidden-text", False, message, hidden_text_notes(document))


def check_contact(document: Document) -> ResumeCheck:
    """Pass when the resume has an e-mail address, a phone number and a profile link."""
    text = document.text
    email = _first(text, (contact.EMAIL, contact.SPELLED_EMAIL))
    phone = next(contact.phone_numbers(text), None)
    link = _first(text, contact.PROFILE_LINKS) or _bare_domain(document)
    found = {"an e-mail address": email, "a phone number": phone, "a profile link (LinkedIn, GitHub, a website)": link}
    missing = [name for name, where in found.items() if where is None]
    evidence = list(dict.fromkeys(document.line_at(*where) for where in found.values() if where is not None))
    if missing:
        return ResumeCheck("contact", False, "Add " + " and ".join(missing) + " near the top.", evidence)
    return ResumeCheck("contact", True, "E-mail, phone and a profile link were found.", evidence)


def _first(text: str, patterns: Sequence[re.Pattern[str]]) -> tuple[int, int] | None:
    """The (start, end) of the earliest match of any of the patterns, or None."""
    lowered = text.lower()
    found = [
        (m.start(), m.end())
        for pattern in patterns
        if contact.may_match(pattern, lowered) and (m := pattern.search(text))
    ]
    return min(found, default=None)


def _bare_domain(document: Document) -> tuple[int, int] | None:
    """A bare web address ("janedoe.dev") where contact details stand: above the first heading or in a contact
    section; elsewhere a lower-case "name.tld" is too often something else."""
    text = document.text
    first = min((s.start for s in document.sections), default=len(text))
    zones = [(0, first)] + [(s.start, s.end) for s in document.sections if s.name == "contact"]
    for start, end in zones:
        match = contact.BARE_HOST.search(text, start, end)
        if match is not None:
            return match.start(), match.end()
    return None


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
    # The report's status already applies wording.same_words; asking it again keeps a merged group honest too.
    reworded = [
        r for r in requirements if r.status == "worded-differently" and not same_words(r.resume_words, r.job_words)
    ]
    evidence = [f'the ad says "{r.job_words}", the resume says "{r.resume_words}"' for r in reworded]
    if reworded:
        message = (
            f"{len(reworded)} skill{'s are' if len(reworded) > 1 else ' is'} named otherwise than in the ad: "
            "use the ad's exact words, as keyword filters match them literally."
        )
        return ResumeCheck("ad-words", False, message, evidence)
    return ResumeCheck("ad-words", True, "The skills the resume shares with the ad are in the ad's words.", [])


def check_listed_only(extraction: Extraction, requirements: Sequence[Requirement] = ()) -> ResumeCheck:
    """Pass unless some skills are only listed in the skills section, never shown in experience or projects.

    It agrees with the report: a skill the report shows (a line of another skill holds its words, "Spring Boot"
    for Spring) is not listed only, and one it calls implied through another skill says so."""
    # Spoken languages are listed, never shown in a project: no advice to "show English in use". A skill the
    # comparison found shown through a more specific one (Agile through Scrum in a bullet) is not advised either,
    # as the report shows it matched.
    spoken = proof_settings()["spoken_languages"]
    status = {unit.id: unit for unit in requirements}
    shown = {unit.matched_by or unit.id for unit in requirements if unit.status in ("shown", "worded-differently")}
    listed = [s for s in extraction.skills if s.listed_only and s.stated and s.id not in spoken | shown]
    evidence = list(dict.fromkeys(s.mentions[0].line or s.mentions[0].text for s in listed))[:MAX_EVIDENCE]
    if listed:
        names_of = {s.id: s.name for s in extraction.skills}

        def name(skill: FoundSkill) -> str:
            unit = status.get(skill.id)
            if unit is None or unit.status != "implied" or unit.matched_by not in names_of:
                return skill.name
            return f"{skill.name} (implied through {names_of[unit.matched_by]})"

        names = ", ".join(name(s) for s in listed[:10]) + (" ..." if len(listed) > 10 else "")
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
    tally = f"{len(with_measure)} of {len(bullets)} experience and project lines show a measurable result"
    if share >= _settings()["bullets"]["min_measurable_share"]:
        return ResumeCheck("results", True, tally + ".", with_measure[:MAX_EVIDENCE])
    without = [b for b in bullets if b not in with_measure]
    message = tally + ": add numbers (how many, how much faster, what percentage, what amount) where you can."
    return ResumeCheck("results", False, message, without[:MAX_EVIDENCE])


def check_verbs(bullets: Sequence[str]) -> ResumeCheck:
    """Pass when most bullets open with a strong verb and none with a duty phrase ("responsible for")."""
    if not bullets:
        return ResumeCheck("verbs", False, "No experience or project bullets were found to check their verbs.")
    strong, weak = _verb_forms()
    weak_lines = [b for b in bullets if b.lower().startswith(weak)]
    strong_lines = [b for b in bullets if _opening(b) in strong and b not in weak_lines]
    share = len(strong_lines) / len(bullets)
    tally = f"{len(strong_lines)} of {len(bullets)} lines open with a strong verb"
    if weak_lines:
        opens = plural(len(weak_lines), "opens", "open")
        message = f"{tally}; {len(weak_lines)} {opens} with {_weak_openers(weak_lines, weak)}: say what you did."
        return ResumeCheck("verbs", False, message, weak_lines[:MAX_EVIDENCE])
    if share < _settings()["bullets"]["min_strong_share"]:
        others = [b for b in bullets if b not in strong_lines]
        return ResumeCheck(
            "verbs", False, tally + ": start each with what you did (built, led, cut).", others[:MAX_EVIDENCE]
        )
    return ResumeCheck("verbs", True, tally + ".", [])


def _weak_openers(lines: Sequence[str], weak: tuple[str, ...]) -> str:
    """What the weak lines open with, in the resume's own words: a duty ("Responsible for") is a phrase, a weak
    verb ("Used") one word; the message names only what the resume says."""
    said = [line[: max((len(w) for w in weak if line.lower().startswith(w)), default=0)] for line in lines]
    said = list(dict.fromkeys(s for s in said if s))
    duties = any(" " in s for s in said)
    verbs = any(" " not in s for s in said)
    kind = "a duty or a weak verb" if duties and verbs else "a duty" if duties else "a weak verb"
    return kind + " (" + ", ".join(f'"{s}"' for s in said[:4]) + ")"


def check_length(document: Document) -> ResumeCheck:
    """Pass when the resume is neither too short to show much nor too long to be read."""
    limits = _settings()["length"]
    words = word_count(document.text)
    pages = f"{counted(document.pages, 'page')}, " if document.pages else ""
    size = f"{pages}{counted(words, 'word')}"
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
    if document.hidden_text:  # only when some was found: most files have none
        checks.insert(1, check_hidden_text(document))
    if job is not None and job.kind == "ad":
        checks.append(check_ad_words(requirements))
    checks += [
        check_listed_only(extraction, requirements),
        check_results(bullets),
        check_verbs(bullets),
        check_length(document),
    ]
    return checks
