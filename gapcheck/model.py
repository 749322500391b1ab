"""The typed results that flow between the stages: Document -> Extraction -> Analysis.

The JSON output is these dataclasses serialised by `serialize.to_jsonable`, so the schema has one source of truth.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Literal, get_args

from gapcheck.serialize import IF_SET
from gapcheck.serialize import to_jsonable as to_jsonable  # where rank.py and older callers import it

if TYPE_CHECKING:
    from gapcheck.checks import ResumeCheck
    from gapcheck.fit.check import FitCheck
    from gapcheck.job.reading import JobReading

DocumentKind = Literal["resume", "job"]
# Every name a section can have, in one place: the kinds of heading ingest/sections.py knows in a resume and in a
# job ad, and "other" for the text before the first heading or under a heading of no known kind. "legal" (an
# ad's equal-opportunity and legal small print) is read as no requirement.
ResumeSection = Literal["summary", "skills", "experience", "education", "projects", "certifications", "awards",
                        "publications", "languages", "interests", "volunteering", "contact", "references"]  # fmt: skip
JobSection = Literal["title", "about", "responsibilities", "requirements", "preferred", "benefits", "apply", "legal"]
SectionName = Literal[ResumeSection, JobSection, "other"]
SECTION_NAMES: frozenset[str] = frozenset(get_args(SectionName))
# A recruiter's tiers, most important first: "must" (must-have: "must", "required", mandatory cues), "required"
# (asked: named among the requirements), "preferred" (nice-to-have), "context" (named only in the duties or the
# company text: never a gap on its own). `IMPORTANCE_ORDER` ranks them; scoring.toml weighs and labels them.
Importance = Literal["must", "required", "preferred", "context"]
IMPORTANCE_ORDER: tuple[Importance, ...] = ("must", "required", "preferred", "context")


@dataclass(frozen=True)
class Section:
    """A span of a document's text under one heading (`name` is the normalised section kind)."""

    name: SectionName
    start: int
    end: int
    heading: str = ""


@dataclass
class Document:
    """A document read into clean text, with its sections and what went wrong while reading it."""

    source: str
    text: str
    kind: DocumentKind = "resume"
    sections: list[Section] = field(default_factory=list)
    pages: int = 0
    diagnostics: list[str] = field(default_factory=list)
    layout: str = "text"
    # Characters of text no reader can see (white on white, 1-point, hidden), left out of `text`, by way of
    # hiding (see ingest/hidden.py); the resume checks flag it as keyword stuffing.
    hidden_text: dict[str, int] = field(default_factory=dict)

    # Where each line and each section starts, found once per text: a long document asks for the line or the
    # section of every one of its names, and a scan for each would make it quadratic.
    _index: tuple[str, list[int], list[Section], list[int] | None] | None = field(
        default=None, init=False, repr=False, compare=False, metadata={"json": False}
    )

    def _offsets(self) -> tuple[list[int], list[int] | None]:
        """The start of every line, and of every section if they follow one another in order (else None)."""
        index = self._index
        if index is None or index[0] is not self.text or index[2] is not self.sections:
            line_starts = [0]
            line_starts += (at + 1 for at in _newlines(self.text))
            sections = self.sections
            in_order = all(before.end <= after.start for before, after in zip(sections, sections[1:], strict=False))
            section_starts = [section.start for section in sections] if in_order else None
            index = self._index = (self.text, line_starts, sections, section_starts)
        return index[1], index[3]

    def section_at(self, offset: int) -> SectionName:
        """Return the name of the section holding `offset`, or "other" before the first heading."""
        _, starts = self._offsets()
        if starts is None:
            return next((s.name for s in self.sections if s.start <= offset < s.end), "other")
        at = bisect.bisect_right(starts, offset) - 1
        return self.sections[at].name if at >= 0 and offset < self.sections[at].end else "other"

    def line_bounds(self, start: int, end: int | None = None) -> tuple[int, int]:
        """Return where the line (or lines) holding text[start:end] starts and ends (before its line break)."""
        line_starts, _ = self._offsets()
        line_start = line_starts[bisect.bisect_right(line_starts, start) - 1]
        after = bisect.bisect_left(line_starts, (start if end is None else end) + 1)
        return line_start, line_starts[after] - 1 if after < len(line_starts) else len(self.text)

    def line_at(self, start: int, end: int) -> str:
        """Return the line (or lines) around a span, stripped: the evidence shown for a mention. A line longer
        than `LONGEST_LINE` is cut to `LINE_WINDOW` characters each side of the span, at spaces where it can be."""
        line_start, line_end = self.line_bounds(start, end)
        if line_end - line_start > LONGEST_LINE:
            return _window(self.text, line_start, line_end, start, end)
        return self.text[line_start:line_end].strip()


# Lines of resumes and ads are far shorter: the longest in the test corpus has 121 characters.
LONGEST_LINE = 400
LINE_WINDOW = 80


def _newlines(text: str) -> Iterator[int]:
    at = text.find("\n")
    while at >= 0:
        yield at
        at = text.find("\n", at + 1)


def _window(text: str, line_start: int, line_end: int, start: int, end: int) -> str:
    """The part of a long line around text[start:end], cut after a space on each side where one is near, with
    an ellipsis where it is cut."""
    low, high = max(line_start, start - LINE_WINDOW), min(line_end, end + LINE_WINDOW)
    if low > line_start:
        space = text.find(" ", low, start)
        low = space + 1 if space >= 0 else low
    if high < line_end:
        space = text.rfind(" ", end, high)
        high = space if space >= 0 else high
    part = text[low:high].strip()
    return ("… " if low > line_start else "") + part + (" …" if high < line_end else "")


@dataclass
class Mention:
    """One place where a skill is named: `text == document.text[start:end]`."""

    text: str
    start: int
    end: int
    section: SectionName
    line: str = ""


@dataclass
class FoundSkill:
    """A skill found in a document, stated (with mentions) or inferred from another skill."""

    id: str
    name: str
    area: str
    mentions: list[Mention] = field(default_factory=list)
    inferred_from: list[str] = field(default_factory=list)
    listed_only: bool = False
    # Inferred from evidence other than a skill (taxonomy/inference.toml): the rules' names, the lines they read,
    # and the credit the strongest of them earns (0: the usual credit of "implied").
    inferred_by: list[str] = field(default_factory=list)
    inferred_lines: list[Mention] = field(default_factory=list)
    inferred_credit: float = 0.0
    JSON_EXTRA: ClassVar[tuple[str, ...]] = ("stated",)

    @property
    def stated(self) -> bool:
        return bool(self.mentions)


@dataclass
class JobSkill:
    """A skill a job asks for, with how much it matters."""

    id: str
    name: str
    area: str
    importance: Importance = "required"
    weight: float = 1.0
    years: float | None = None
    group: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    # Where an ad asks for it: the line and section of the mention that set its importance.
    line: str = ""
    section: str = ""


@dataclass
class Extraction:
    """The skills found in one document, and the tools it lists that the taxonomy does not know (`unrecognised`:
    each a FoundSkill whose id starts with "unrecognised:" and whose area is "unrecognised")."""

    source: str
    skills: list[FoundSkill] = field(default_factory=list)
    unrecognised: list[FoundSkill] = field(default_factory=list)

    def by_id(self) -> dict[str, FoundSkill]:
        return {skill.id: skill for skill in self.skills}


@dataclass
class Job:
    """What a job needs: read from a job ad, or taken from a built-in role profile."""

    source: str
    title: str
    kind: Literal["ad", "role"]
    skills: list[JobSkill] = field(default_factory=list)
    area_weights: dict[str, float] = field(default_factory=dict)
    # What was read from the ad (or the role's summary) besides the skills: title line, seniority, years,
    # degree, notes. Built once with the Job; the fit checks read it instead of the ad's text.
    reading: JobReading | None = field(default=None, repr=False, compare=False)
    # Tools the ad lists that the taxonomy does not know (see `open_vocabulary`, `tool_match`).
    unrecognised: list[JobSkill] = field(default_factory=list)
    # The ad as read; not part of the JSON output.
    document: Document | None = field(default=None, repr=False, compare=False, metadata={"json": False})


Status = Literal["shown", "worded-differently", "implied", "listed-only", "related", "missing"]


@dataclass
class Requirement:
    """One scored unit of the job: a skill, or a group of alternatives that any member satisfies."""

    id: str
    name: str
    area: str
    importance: Importance
    weight: float
    credit: float
    status: Status
    members: list[str] = field(default_factory=list)
    matched_by: str | None = None
    resume_words: str = ""
    job_words: str = ""
    evidence: list[Mention] = field(default_factory=list)
    note: str = ""
    years: float | None = None
    group: str = ""
    why: str = ""
    factors: dict[str, float] = field(default_factory=dict)
    next_steps: dict[str, str] = field(default_factory=dict)
    lead: str = ""
    JSON_EXTRA: ClassVar[tuple[str, ...]] = ("points",)

    @property
    def points(self) -> float:
        return round(self.weight * self.credit, 4)


@dataclass
class Gap:
    """A requirement the resume does not fully meet, with its rank and what to do about it."""

    id: str
    name: str
    area: str
    importance: Importance
    status: Status
    priority: float
    rank: int
    next_steps: dict[str, str]
    reason: str
    members: list[str] = field(default_factory=list)
    group: str = ""
    learn_id: str = ""
    gain: float = 0.0
    # Beyond the first few (scoring.toml [gaps] in_full) a report lists a gap in one line, not in full.
    folded: bool = False


@dataclass
class PathStep:
    """One step of the learning path: prerequisites come before what needs them."""

    order: int
    id: str
    name: str
    area: str
    reason: str
    next_steps: dict[str, str]
    kind: Literal["gap", "prerequisite"] = "gap"
    gap_rank: int | None = None
    needed_for: list[str] = field(default_factory=list)


@dataclass
class AreaCoverage:
    """How much of what the job weighs in one skill area the resume meets."""

    id: str
    name: str
    weight: float
    earned: float
    possible: float
    percent: float
    met: int
    total: int


@dataclass(frozen=True)
class Method:
    """How the score was made: versions, the job, the date, the formula and every weight it used."""

    gapcheck_version: str
    taxonomy_version: str
    job: str
    job_kind: str
    job_title: str
    date: str
    formula: str
    earned: float
    possible: float
    importance_weights: dict[str, float]
    credits: dict[str, float]
    area_weights: dict[str, float]
    # Whether the role's ML ranking of skills applied, and its weights (compare.ml_ranking).
    ml_ranking: dict[str, Any]
    groups: dict[str, str]
    unrecognised_weight: float
    # The core area's ceiling when it held the score down (compare.core_area_ceiling); absent from the JSON otherwise.
    core_area_ceiling: dict[str, Any] | None = field(default=None, metadata=IF_SET)
    # True when personal details were left out (`--redact`); absent from the JSON otherwise.
    redacted: bool | None = field(default=None, metadata=IF_SET)


@dataclass(frozen=True)
class DocumentSummary:
    """The resume as read: its file, pages, layout, the sections found, reading notes and the candidate's name
    (empty when none was read, or left out by --redact)."""

    source: str
    pages: int
    layout: str
    sections: list[SectionName]
    diagnostics: list[str]
    candidate: str = ""


@dataclass
class Analysis:
    """The comparison of one resume with one job: the score, its breakdown, the gaps and the path."""

    score: float
    resume: Extraction
    job: Job
    requirements: list[Requirement]
    matched: list[Requirement]
    quick_wins: list[Requirement]
    missing: list[Gap]
    path: list[PathStep]
    areas: list[AreaCoverage]
    method: Method
    document: DocumentSummary
    verdict: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    # "title", "experience" and "education", in that order (see fit/).
    fit: dict[str, FitCheck] = field(default_factory=dict)
    resume_checks: list[ResumeCheck] = field(default_factory=list)
    # The job's unrecognised tools, scored like requirements (in the score, not in `requirements`).
    unrecognised: list[Requirement] = field(default_factory=list)
    # Quick wins beyond the first few (scoring.toml [quick_wins] in_full): a report names them in one line.
    more_quick_wins: list[Requirement] = field(default_factory=list)
