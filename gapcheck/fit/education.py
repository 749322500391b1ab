"""Education: the degree level and field a job asks for against the degrees in the resume's education section.

Degree words ("BSc", "B.S.", "Bachelor of Science", "MSc", "PhD", "MBA") and fields of study with their
families come from `taxonomy/degrees.toml`. "Or a related field" lets a field of the same family count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from gapcheck.fit.check import FitCheck, Verdict
from gapcheck.memo import kept
from gapcheck.model import Document
from gapcheck.taxonomy import data_file
from gapcheck.wording import a_or_an

if TYPE_CHECKING:
    from gapcheck.job.degree import DegreeAsk


@dataclass(frozen=True)
class Level:
    id: str
    name: str
    rank: int
    field: str = ""


@dataclass
class Degree:
    """A degree named on a line: its level, the fields of study and families named with it."""

    level: Level
    line: str
    fields: set[str] = field(default_factory=set)
    families: set[str] = field(default_factory=set)


def _words_pattern(words: list[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    alternatives = []
    for word in sorted(words, key=len, reverse=True):
        escaped = re.escape(word[:-1]) + r"\.?" if word.endswith(".") else re.escape(word)
        alternatives.append(escaped.replace(r"\ ", r"\s+"))
    return re.compile(rf"(?<![\w.])(?:{'|'.join(alternatives)})(?!\w)", flags)


@dataclass(frozen=True)
class _Data:
    levels: list[tuple[Level, re.Pattern[str], re.Pattern[str] | None, re.Pattern[str] | None]]
    generic: re.Pattern[str]
    fields: list[tuple[str, frozenset[str], re.Pattern[str]]]
    field_names: list[tuple[str, re.Pattern[str]]]
    # Names read only on a resume (a thesis topic): in an ad they are skills asked too.
    resume_field_names: list[tuple[str, re.Pattern[str]]]
    field_labels: list[tuple[str, list[str]]]
    families: list[tuple[str, re.Pattern[str]]]
    related: re.Pattern[str]
    equivalent: re.Pattern[str]


@lru_cache(maxsize=1)
def _data() -> _Data:
    raw = data_file("degrees.toml")
    levels = []
    for entry in raw["level"]:
        level = Level(entry["id"], entry["name"], int(entry["rank"]), entry.get("field", ""))
        short = entry.get("abbreviations", [])
        abbreviations = loose = None
        # A short upper-case form ("BS", "MA") is a degree only before "in", "of", "/", "degree" or "(", after
        # "/", inside parentheses, or opening a line ("BS, Computer Science", "BA History"); "Boston, MA" is a place.
        if short:
            names = "|".join(re.escape(a) for a in sorted(short, key=len, reverse=True))
            abbreviations = re.compile(
                rf"(?<![\w.])(?:(?<=/)(?:{names})(?!\w)|(?<=\()(?:{names})(?=\))|(?:{names})"
                rf"(?=\s*(?:/|\(|\bin\b|\bof\b|\bdegree\b)))|^\s*(?:{names})(?=\s*[,:–-])",
                re.MULTILINE,
            )
            # In an education section, a line may also open with it before the field: "BA History".
            loose = re.compile(rf"^\s*(?:{names})(?=\s+[A-Z][a-z])", re.MULTILINE)
        levels.append((level, _words_pattern(entry["words"]), abbreviations, loose))
    return _Data(
        levels=levels,
        generic=_words_pattern(raw["generic_degree"]),
        fields=[(f["id"], frozenset(f["families"]), _words_pattern(f["names"])) for f in raw["field"]],
        # Longest name first, so "computer science and engineering" is read before "engineering".
        field_names=sorted(
            ((f["id"], _words_pattern([name])) for f in raw["field"] for name in f["names"]),
            key=lambda item: -len(item[1].pattern),
        ),
        resume_field_names=[(f["id"], _words_pattern(f["resume_names"])) for f in raw["field"] if "resume_names" in f],
        field_labels=[(f["id"], f["names"]) for f in raw["field"]],
        families=[(name, _words_pattern(words)) for name, words in raw["families"].items()],
        related=_words_pattern(raw["related_field"]),
        equivalent=_words_pattern(raw["equivalent_experience"]),
    )


def levels_in(line: str, *, education: bool = False) -> list[tuple[Level, int]]:
    """Return the degree levels a line names, with where each starts, in reading order; `education` reads
    the line as one of an education section, where "BA History" is a degree."""
    return list(_levels_in(line, education))


@kept(4096)
def _levels_in(line: str, education: bool) -> tuple[tuple[Level, int], ...]:
    """`levels_in`, kept for the lines read last: a line said again (a resume or an ad of half a million short lines,
    a long line read once per name on it) is read once."""
    line = line.replace("’", "'")
    found: list[tuple[Level, int]] = []
    for level, words, abbreviations, loose in _data().levels:
        for pattern in (words, abbreviations, loose if education else None):
            if pattern is not None:
                found += [(level, m.start()) for m in pattern.finditer(line)]
    if not found:
        bachelor = next(entry[0] for entry in _data().levels if entry[0].id == "bachelor")
        found = [(bachelor, m.start()) for m in _data().generic.finditer(line)]
    return tuple(sorted(found, key=lambda item: item[1]))


def fields_in(text: str, *, resume: bool = False) -> tuple[set[str], set[str]]:
    """Return the fields of study a text names, and the families those fields (or family names) belong to; a
    `resume`'s text is also read for the names of `resume_names`."""
    data = _data()
    fields: set[str] = set()
    families: set[str] = set()
    rest = text.replace("’", "'")
    for field_id, pattern in data.field_names + (data.resume_field_names if resume else []):
        if pattern.search(rest):
            fields.add(field_id)
            rest = pattern.sub(" ", rest)
    families |= _families_of(fields)
    for name, pattern in data.families:
        if pattern.search(rest):
            families.add(name)
    return fields, families


def _families_of(fields: Iterable[str]) -> set[str]:
    lookup = {field_id: families for field_id, families, _ in _data().fields}
    return {family for f in fields for family in lookup.get(f, ())}


def degrees_in(text: str, *, education: bool = False) -> list[Degree]:
    """Return the degrees named in a text, one per line that names a level; a line's fields belong to its degree."""
    return [
        Degree(level, line, set(fields), set(families))
        for level, line, fields, families in _degrees_in(text, education)
    ]


@kept(2, texts=True)
def _degrees_in(text: str, education: bool) -> tuple[tuple[Level, str, frozenset[str], frozenset[str]], ...]:
    """`degrees_in`, kept for the last texts: the inference rules and the education check read the same section."""
    return tuple(
        (degree.level, degree.line, frozenset(degree.fields), frozenset(degree.families))
        for degree in _read_degrees(text, education)
    )


def _read_degrees(text: str, education: bool) -> list[Degree]:
    lines = text.split("\n")
    found = []
    for index, line in enumerate(lines):
        levels = levels_in(line, education=education)
        if not levels:
            continue
        after = line[levels[0][1] :]
        fields, families = fields_in(after, resume=True)
        if not fields and index + 1 < len(lines) and not levels_in(lines[index + 1], education=education):
            fields, families = fields_in(lines[index + 1], resume=True)
        best = max(levels, key=lambda item: item[0].rank)[0]
        degree = Degree(best, line.strip(), fields, families)
        if best.field:
            degree.fields.add(best.field)
            degree.families |= _families_of({best.field})
        found.append(degree)
    return found


def _field_match(ask: DegreeAsk, degree: Degree) -> str:
    """ "same", "related", "other" or "unnamed" (the resume's degree names no field); "same" if none is asked."""
    if not ask.fields and not ask.families:
        return "same"
    if not degree.fields:
        return "unnamed"
    if set(ask.fields) & degree.fields:
        return "same"
    # A field the ad names that is a whole family ("Computer Science, Engineering or equivalent") takes any field
    # of that family: a B.Eng. in software engineering is an engineering degree.
    if set(ask.fields) & _family_names() & degree.families:
        return "same"
    wanted = set(ask.families) | _families_of(set(ask.fields))
    if not ask.fields and set(ask.families) & degree.families:
        return "same"  # the ad names only a family ("a STEM field")
    return "related" if wanted & degree.families else "other"


@lru_cache(maxsize=1)
def _family_names() -> frozenset[str]:
    """The names of the families of fields: a field with one of these ids is a broad field ("engineering")."""
    return frozenset(family for _, families, _ in _data().fields for family in families)


def field_name(field_id: str) -> str:
    return next((names[0] for fid, names in _data().field_labels if fid == field_id), field_id)


def degree_words() -> _Data:
    """Return the degree words of taxonomy/degrees.toml, compiled once."""
    return _data()


@dataclass(frozen=True)
class DegreeAskedSide:
    """The job's side of the education check: the degree level and fields asked (None: no degree named), whether
    a related field or equivalent experience will do, and how much it matters."""

    summary: str
    level: str | None
    fields: tuple[str, ...]
    related_field_ok: bool
    equivalent_experience_ok: bool
    importance: str | None
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class DegreeShown:
    level: str
    fields: tuple[str, ...]
    line: str


@dataclass(frozen=True)
class DegreesShownSide:
    """The resume's side of the education check: every degree found, the best match first in `evidence`."""

    summary: str
    degrees: tuple[DegreeShown, ...]
    evidence: tuple[str, ...]


def education_fit(resume: Document, asks: Sequence[DegreeAsk], *, experience_met: bool = False) -> FitCheck:
    """Return the degree the job asks for (`asks`, read with the job) against the best matching degree of the
    resume's education section. `experience_met`: the resume meets the years the job asks, so an ad that accepts
    equivalent experience is met by a near miss (a related field, or one level lower in the field)."""
    from gapcheck.job.degree import degree_asked

    ask = degree_asked(asks)
    job_side = DegreeAskedSide(
        summary=ask.describe() if ask else "no degree named",
        level=ask.level.id if ask else None,
        fields=tuple(sorted(ask.fields)) if ask else (),
        related_field_ok=ask.related_ok if ask else False,
        equivalent_experience_ok=ask.experience_ok if ask else False,
        importance=ask.importance if ask else None,
        evidence=tuple(a.line for a in asks),
    )
    sections = [s for s in resume.sections if s.name == "education"]
    where = "\n".join(resume.text[s.start : s.end] for s in sections) if sections else resume.text
    degrees = degrees_in(where, education=bool(sections))
    resume_side = DegreesShownSide(
        summary="no degree found",
        degrees=tuple(DegreeShown(d.level.id, tuple(sorted(d.fields)), d.line) for d in degrees),
        evidence=tuple(d.line for d in degrees),
    )
    if ask is None:
        if degrees:
            resume_side = replace(resume_side, summary="; ".join(d.line for d in degrees))
        return FitCheck("unknown", job_side, resume_side, "The job names no degree.")
    if not degrees:
        if not sections:
            return FitCheck("unknown", job_side, resume_side, "No education section or degree was found.")
        verdict: Verdict = "partly" if ask.experience_ok else "missing"
        note = "The education section names no degree."
        if ask.experience_ok:
            note += " The ad accepts equivalent experience instead."
        return FitCheck(verdict, job_side, resume_side, note)
    order = {"same": 3, "related": 2, "unnamed": 1, "other": 0}
    best = max(degrees, key=lambda d: (d.level.rank >= ask.level.rank, order[_field_match(ask, d)], d.level.rank))
    match = _field_match(ask, best)
    evidence = tuple(dict.fromkeys([best.line, *(d.line for d in degrees)]))
    resume_side = replace(resume_side, summary=best.line, evidence=evidence)
    if best.level.rank < ask.level.rank:
        note = f"The resume's highest degree is {a_or_an(best.level.name)}; the job asks for {a_or_an(ask.level.name)}."
        # A lower degree in another field is no step toward the one asked (an MBA for a PhD in computer science).
        lower: Verdict = "missing" if match == "other" else "partly"
        if match == "other":
            note += " Its field is another one."
        if ask.experience_ok:
            note += " The ad accepts equivalent experience instead."
            lower = "meets" if experience_met and match in ("same", "related") else "partly"
            if lower == "meets":
                note += " The years of experience it asks are shown."
        return FitCheck(lower, job_side, resume_side, note)
    if match == "same" or (match == "related" and ask.related_ok):
        note = "The degree's level and field fit." if match == "same" else "A related field, which the ad accepts."
        return FitCheck("meets", job_side, resume_side, note)
    note = {
        "related": "The level fits; the field is related, but the ad does not say a related field will do.",
        "other": "The level fits; the field is another one.",
        "unnamed": "The level fits; the resume's degree names no field.",
    }[match]
    if ask.experience_ok and experience_met and match in ("related", "unnamed"):
        note += " The ad accepts equivalent experience, and the years of experience it asks are shown."
        return FitCheck("meets", job_side, resume_side, note)
    return FitCheck("partly", job_side, resume_side, note)
