"""Job titles: the ad's title (or the role profile's name) against the resume's headline and past titles.

A title is reduced to its role words and a seniority level with the data of `taxonomy/titles.toml`:
"Senior Front-End Developer" and "Frontend Engineer III" are both {frontend, engineer} at the senior level.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from gapcheck.fit.check import FitCheck, Verdict
from gapcheck.memo import kept
from gapcheck.model import LONGEST_LINE, Document, Job
from gapcheck.serialize import IF_SET
from gapcheck.taxonomy import data_file

if TYPE_CHECKING:
    from gapcheck.fit.experience import DatedRole
    from gapcheck.job.reading import JobReading

_TOKEN = re.compile(r"[^\W_][\w+#]*")
# What separates a title from the company, place or dates on one line.
_SEGMENT = re.compile(r"\s*(?:[,|;•·@]|\s[-–—]\s|\s+at\s+|\bwith\b)\s*")


@dataclass(frozen=True)
class Title:
    """A job title read from a line: its role words (canonical), role noun and seniority level."""

    text: str
    words: frozenset[str]
    noun: str
    level: int | None
    line: str


@dataclass(frozen=True)
class _Data:
    seniority: dict[tuple[str, ...], int]
    numerals: dict[str, int]
    level_names: dict[int, str]
    synonyms: dict[tuple[str, ...], tuple[str, ...]]
    implies: dict[str, frozenset[str]]
    related: dict[str, frozenset[str]]
    neighbours: tuple[tuple[frozenset[str], frozenset[str]], ...]
    nouns: frozenset[str]
    generic: frozenset[str]
    known: frozenset[str]
    title_skills: dict[str, list[str]]
    longest_phrase: int
    # The first words of the phrases of more than one word: a token that is none starts no such phrase.
    phrase_heads: frozenset[str]


@lru_cache(maxsize=1)
def _data() -> _Data:
    raw = data_file("titles.toml")

    def words(phrase: str) -> tuple[str, ...]:
        return tuple(_TOKEN.findall(phrase.lower().replace("-", " ")))

    synonyms = {words(k): words(v) for k, v in raw["synonyms"].items()}
    seniority = {words(k): int(v) for k, v in raw["seniority"].items()}
    known = {w for phrase in [*synonyms, *synonyms.values(), *seniority] for w in phrase}
    return _Data(
        seniority=seniority,
        numerals={k.lower(): int(v) for k, v in raw["numerals"].items()},
        level_names={int(k): v for k, v in raw["level_names"].items()},
        synonyms=synonyms,
        implies={k: frozenset(v) for k, v in raw["implies"].items()},
        related={k: frozenset(v) for k, v in raw.get("related", {}).items()},
        neighbours=tuple((frozenset(n["nouns"]), frozenset(n["words"])) for n in raw.get("neighbours", [])),
        nouns=frozenset(raw["role_nouns"]),
        generic=frozenset(raw["generic"]),
        known=frozenset(known | set(raw["implies"])),
        title_skills=raw.get("title_skills", {}),
        longest_phrase=max((len(k) for k in [*synonyms, *seniority]), default=1),
        phrase_heads=frozenset(k[0] for k in [*synonyms, *seniority] if len(k) > 1),
    )


def is_role_word(word: str) -> bool:
    """Whether a word names a kind of role in titles.toml ("backend", "frontend", "data")."""
    return word.lower().replace("-", " ") in _data().known


def level_name(level: int | None) -> str:
    return _data().level_names.get(level, "") if level is not None else ""


def _canonical(tokens: list[str]) -> list[tuple[str, str]]:
    """Return (canonical word, original token) pairs, each synonym phrase replaced (longest first)."""
    data = _data()
    lowered = [t.lower() for t in tokens]
    longest = data.longest_phrase
    out: list[tuple[str, str]] = []
    index = 0
    while index < len(tokens):
        longest_here = min(longest, len(tokens) - index) if lowered[index] in data.phrase_heads else 1
        for size in range(longest_here, 0, -1):
            phrase = tuple(lowered[index : index + size])
            if phrase in data.seniority and size > 1:
                out.append((" ".join(phrase), " ".join(tokens[index : index + size])))
                index += size
                break
            if phrase in data.synonyms:
                out += [(word, " ".join(tokens[index : index + size])) for word in data.synonyms[phrase]]
                index += size
                break
        else:
            out.append((lowered[index], tokens[index]))
            index += 1
    return out


def read_title(segment: str, line: str = "", *, prose: bool = False) -> Title | None:
    """Return the title in a piece of text, or None if it names no role.

    In prose ("Highly skilled Full Stack Developer with...") only the capitalised words just before the role
    noun belong to the title; elsewhere (a title line) every word before it does.
    """
    # A heading is read by the proof rules, the inference rules and the job fit: a short one is read once.
    if len(segment) <= LONGEST_LINE and len(line) <= LONGEST_LINE:
        return _read_short_title(segment, line, prose)
    return _read_title(segment, line, prose)


@kept(4096)
def _read_short_title(segment: str, line: str, prose: bool) -> Title | None:
    return _read_title(segment, line, prose)


def _read_title(segment: str, line: str, prose: bool) -> Title | None:
    data = _data()
    pieces = _canonical(_TOKEN.findall(segment.replace("-", " ").replace("/", " ")))
    nouns = [
        i for i, (word, original) in enumerate(pieces) if word in data.nouns and (not prose or original[:1].isupper())
    ]
    if not nouns:
        return None
    # "Lead" and "Head" are seniority before another role noun ("Lead Engineer"), the role itself at the end.
    real = [i for i in nouns if pieces[i][0] not in ("lead", "head") or i == nouns[-1]]
    end = real[-1]
    start = end
    while start > 0:
        word, original = pieces[start - 1]
        if prose and not (original[:1].isupper() or word in data.known):
            break
        start -= 1
    level = None
    role_words: set[str] = set()
    for word, _ in pieces[start : end + 1]:
        if (word,) in data.seniority or tuple(word.split()) in data.seniority:
            level = max(level or 0, data.seniority.get(tuple(word.split()), 0))
            if word in data.nouns and word == pieces[end][0]:
                role_words.add(word)
        elif word not in data.generic:
            role_words.add(word)
    after = pieces[end + 1 :]
    if after and after[0][0] in data.numerals and (after[0][1].isupper() or after[0][1].isdigit()):
        level = max(level or 0, data.numerals[after[0][0]])
        after = after[1:]
    if not prose:  # "Software Engineer (Front-End)": known role words after the noun still describe it
        role_words |= {word for word, _ in after[:3] if word in data.known and (word,) not in data.seniority}
    if not role_words:
        return None
    originals = [original for _, original in pieces[start : end + 1]]
    text = " ".join(dict.fromkeys(originals)) if prose else segment.strip()
    return Title(text=text[:80], words=frozenset(role_words), noun=pieces[end][0], level=level, line=line or segment)


def titles_in_line(line: str, *, prose: bool = False) -> tuple[Title, ...]:
    """Return each title on a line split at commas, bars, " at " and dashes ("Developer, Acme, 2019"); a line
    of a resume's length said again (the same heading over many roles) is read once."""
    if len(line) <= LONGEST_LINE:
        return _titles_in_short_line(line, prose)
    return _titles_in(line, prose)


@lru_cache(maxsize=1024)
def _titles_in_short_line(line: str, prose: bool) -> tuple[Title, ...]:
    return _titles_in(line, prose)


def _titles_in(line: str, prose: bool) -> tuple[Title, ...]:
    parts = [line] if prose else _SEGMENT.split(line)
    found = []
    whole = line.strip()  # once: every title of the line shares it
    for part in parts:
        title = read_title(part, whole, prose=prose)
        if title is not None:
            found.append(title)
    return tuple(found)


def resume_titles(document: Document, roles: Sequence[DatedRole]) -> list[Title]:
    """Return the resume's headline (the lines above the first section and the summary's opening) and the
    titles of its dated roles (`roles`: `experience.dated_roles`, which the caller finds, as the experience
    check needs them too and experience.py reads titles with this module), most recent first as written."""
    text = document.text
    first_section = min((s.start for s in document.sections), default=len(text))
    found: list[Title] = []
    for line in text[:first_section].split("\n")[:8]:
        if "@" in line or "http" in line or sum(c.isdigit() for c in line) > 6:
            continue
        found += titles_in_line(line)
    for section in document.sections:
        if section.name == "summary":
            opening = " ".join(text[section.start : section.end].split("\n")[1:3])
            found += titles_in_line(opening.split(".")[0], prose=True)
    for role in roles:
        found += titles_in_line(role.heading)
    found += _undated_entry_titles(document)
    kept: dict[tuple[frozenset[str], int | None, str], Title] = {}
    for title in found:
        kept.setdefault((title.words, title.level, title.text), title)  # a dated role's heading, read first, wins
    return list(kept.values())


# An experience entry's heading line: not a bullet, not a sentence, a few words ("CEO, Tailspin Analytics").
_ENTRY_BULLET = re.compile(r"\s*(?:[-*•·▪◦‣●○■➢►✓–—]|\d+[.)])\s")
ENTRY_MAX_WORDS = 12


def _undated_entry_titles(document: Document) -> list[Title]:
    """The titles on the heading lines of the experience sections, dated or not: an entry without dates
    ("Chief Executive Officer, Tailspin Analytics") still says what the person was."""
    found: list[Title] = []
    for section in document.sections:
        if section.name != "experience":
            continue
        for line in document.text[section.start : section.end].split("\n")[1:]:
            stripped = line.strip()
            if (
                not stripped
                or _ENTRY_BULLET.match(line)
                or stripped.endswith(".")
                or len(stripped.split()) > ENTRY_MAX_WORDS
            ):
                continue
            found += titles_in_line(stripped)
    return found


def skills_of_title(title: Title) -> list[str]:
    """Return the skill ids a title shows by itself ("Data Engineer" is data engineering), from titles.toml."""
    table = _data().title_skills
    return [skill for key, skills in table.items() if set(key.split()) <= title.words for skill in skills]


def _expand(words: frozenset[str]) -> frozenset[str]:
    implies = _data().implies
    return words | {w for word in words for w in implies.get(word, ())}


def _closeness(asked: Title, shown: Title) -> int:
    """2: the same role; 1: the same role noun, and the resume's title is either plain ("Software Engineer"),
    shares a word with the job's or has a related one ("Web Developer" for a "Front-End Engineer" job, titles.toml
    [related]); 0: another role ("Frontend Engineer" for a "Backend Engineer" job)."""
    shown_words = _expand(shown.words)
    if asked.words <= shown_words:
        return 2
    if asked.noun != shown.noun:
        return 1 if _neighbours(asked, shown) else 0
    plain = shown.words <= {shown.noun}
    related = _data().related
    near = any(word in related.get(other, ()) for word in asked.words for other in shown.words)
    return 1 if plain or near or (asked.words & shown_words) - {asked.noun} else 0


def _neighbours(asked: Title, shown: Title) -> bool:
    """Whether two titles with different role nouns name neighbouring work (titles.toml [[neighbours]]): both
    nouns in one group, and each title with a field word of that group (the job's anywhere on its title line)."""
    line = asked.line.replace("-", " ").replace("/", " ")
    asked_words = asked.words | {word for word, _ in _canonical(_TOKEN.findall(line))}
    return any(
        {asked.noun, shown.noun} <= nouns and asked_words & words and shown.words & words
        for nouns, words in _data().neighbours
    )


@dataclass(frozen=True)
class TitleSide:
    """A side of the title check: the title (the closest the resume shows), its role words, its seniority and
    the lines it was read from; the resume's side also lists every title found (`titles`)."""

    summary: str
    title: str
    words: tuple[str, ...]
    level: str
    evidence: tuple[str, ...]
    titles: tuple[str, ...] | None = field(default=None, metadata=IF_SET)


def _side(title: Title | None, summary: str = "no title found", titles: tuple[str, ...] | None = None) -> TitleSide:
    if title is None:
        return TitleSide(summary, "", (), "", (), titles)
    return TitleSide(title.text, title.text, tuple(sorted(title.words)), level_name(title.level), (title.line,), titles)


@lru_cache(maxsize=32)
def _wanted_title(title: str, line: str) -> Title | None:
    """Return the title a job asks for, read once per job; the evidence is the ad's line that holds it."""
    return read_title(title, line or title)


def title_fit(resume: Document, job: Job, reading: JobReading, *, roles: Sequence[DatedRole]) -> FitCheck:
    """Return the job's title (`reading`: read with the job) against the closest title the resume shows (its
    headline and the titles of its dated `roles`), role words and seniority."""
    wanted = _wanted_title(reading.title or job.title, reading.title_line)
    shown = resume_titles(resume, roles)
    titles = tuple(t.text for t in shown)
    if wanted is None:
        note = f'The {"ad" if job.kind == "ad" else "role"} title "{job.title}" names no role gapcheck knows.'
        return FitCheck("unknown", _side(None, summary=job.title or "no title found"), _side(None, titles=titles), note)
    if not shown:
        return FitCheck("unknown", _side(wanted), _side(None, titles=titles), "No headline or job title was found.")
    best = max(shown, key=lambda t: (_closeness(wanted, t), t.level or 0))
    closeness = _closeness(wanted, best)
    same_kind = [t for t in shown if _closeness(wanted, t) > 0]
    top_level = max((t.level for t in same_kind if t.level is not None), default=None)
    verdict: Verdict
    if closeness == 0:
        verdict = "missing"
        note = f'No title on the resume is the same kind of role as "{wanted.text}".'
    elif closeness == 1 and best.noun != wanted.noun:
        verdict = "partly"
        note = f'The resume shows a neighbouring role ("{best.text}"), not a "{wanted.text}" role.'
    elif closeness == 1:
        verdict = "partly"
        note = f'The resume shows {wanted.noun} titles, but none is a "{wanted.text}" role.'
    else:
        verdict = "meets"
        note = "The resume shows the same role."
    if closeness and wanted.level is not None:
        if top_level is None:
            verdict = "partly"
            note += f" The job asks for a {level_name(wanted.level)} title; the resume's titles name no seniority."
        elif top_level < wanted.level:
            verdict = "partly"
            note += f" The job asks for a {level_name(wanted.level)} title; the resume shows {level_name(top_level)}."
    evidence = tuple(dict.fromkeys([best.line, *(t.line for t in same_kind if t is not best)]))[:4]
    resume_side = replace(_side(best, titles=titles), evidence=evidence, level=level_name(top_level))
    return FitCheck(verdict, _side(wanted), resume_side, note)
