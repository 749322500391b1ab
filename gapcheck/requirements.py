"""Turns a job ad's extracted skills, or a role profile, into what the job needs (a `Job`).

For an ad, each skill's importance comes from its section (requirements vs nice-to-have) and from cue
phrases on its line; years are read from phrases like "3+ years of Python"; lists joined by "or", "one of"
or "such as" become alternatives groups that one member satisfies.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from gapcheck.evidence import cues
from gapcheck.model import Document, Extraction, Importance, Job, JobSkill, Mention
from gapcheck.scan import matches_within
from gapcheck.taxonomy import Role, Taxonomy

PREFERRED_SECTIONS = {"preferred"}
# Spaces in these patterns are [^\S\n]: no phrase runs across a line break, so one scan of an ad finds them all
# (see `scan.matches_within`).
_S = r"[^\S\n]"
_YEARS = re.compile(
    rf"(?:at{_S}+least{_S}+|minimum{_S}+(?:of{_S}+)?|over{_S}+|more{_S}+than{_S}+)?(\d{{1,2}})"
    rf"(?:{_S}*(?:-|–|to){_S}*\d{{1,2}})?{_S}*\+?{_S}*(?:\+{_S}*)?(?:years?|yrs?)\b",
    re.IGNORECASE,
)
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "ten": 10}
_WORD_YEARS = re.compile(rf"\b({'|'.join(_NUMBER_WORDS)}){_S}*\+?{_S}*(?:years?|yrs?)\b", re.IGNORECASE)
# What may stand between two items of one list: a comma, a slash, "or", "and", "and/or".
_LIST_GAP = re.compile(r"\s*(?:,|/|,?\s*\b(?:or|and|and/or)\b)\s*", re.IGNORECASE)
_OR_GAP = re.compile(r"\bor\b|/", re.IGNORECASE)
_AND_GAP = re.compile(r"^\s*,?\s*and\s*$", re.IGNORECASE)
# Where one clause of a sentence ends: a cue phrase speaks for the names of its own clause first.
_CLAUSE_END = re.compile(rf"[,;:()]|{_S}(?:but|while|whereas|although){_S}|{_S}[-–]{_S}", re.IGNORECASE)
# "we would like": the verb, not "frameworks like React".
_VERB_LIKE = re.compile(r"(?:would|'d|’d)\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class _Cues:
    preferred: re.Pattern[str]
    required: re.Pattern[str]
    mandatory: re.Pattern[str]
    alternatives: re.Pattern[str]


@lru_cache(maxsize=1)
def _cue_patterns() -> _Cues:
    raw = cues()["importance"]

    def words(phrases: Sequence[str]) -> re.Pattern[str]:
        alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
        return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)

    return _Cues(words(raw["preferred"]), words(raw["required"]), words(raw["mandatory"]), words(raw["alternatives"]))


# How many characters a "sentence" reaches on either side of a name: cue phrases further away do not speak for
# it, and an endless line must not make every name read all of it.
SENTENCE_REACH = 400


def _sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence or line around a span: cue phrases apply within it."""
    floor, ceiling = max(0, start - SENTENCE_REACH), min(len(text), end + SENTENCE_REACH)
    left = max(text.rfind("\n", floor, start), *(text.rfind(p, floor, start) + 1 for p in (". ", "; ")))
    right_candidates = [
        i
        for i in (text.find("\n", end, ceiling), text.find(". ", end, ceiling), text.find("; ", end, ceiling))
        if i != -1
    ]
    return left + 1 if left >= floor else floor, min(right_candidates) if right_candidates else ceiling


def _clause_of(text: str, sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """The bounds of the clause around a span, inside its sentence."""
    low, high = sentence
    left = max((m.end() for m in matches_within(_CLAUSE_END, text, low, start)), default=low)
    right = next((m.start() for m in matches_within(_CLAUSE_END, text, end, high)), high)
    return left, right


def _nearest(matches: Sequence[re.Match[str]], start: int, end: int) -> re.Match[str] | None:
    """The match closest to the span [start, end)."""

    def distance(match: re.Match[str]) -> int:
        return max(start - match.end(), match.start() - end, 0)

    return min(matches, key=distance, default=None)


def importance_of(document: Document, mention: Mention) -> Importance:
    """Required or preferred, from the cue phrases nearest the mention and from its section.

    A cue speaks for the names of its own clause ("Python is required, Docker is a plus"); a name whose clause
    has none takes the nearest cue of its sentence ("strong Python, SQL and Docker"). In a nice-to-have section
    only "must", "required" and the like make a skill required: "strong Go" there is still a bonus.
    """
    patterns = _cue_patterns()
    text, start, end = document.text, mention.start, mention.end
    sentence = _sentence_of(text, start, end)
    in_preferred = mention.section in PREFERRED_SECTIONS
    for low, high in (_clause_of(text, sentence, start, end), sentence):
        found = [
            (kind, match)
            for kind, pattern in (("preferred", patterns.preferred), ("mandatory", patterns.mandatory),
                                  ("required", patterns.required))
            for match in matches_within(pattern, text, low, high)
            if not (match.start() < end and start < match.end())
        ]  # fmt: skip
        # "not required" is one preferred cue, not also a "required".
        found = [(kind, match) for kind, match in found if not _inside_longer(match, [m for _, m in found])]
        if not found:
            continue
        nearest = _nearest([match for _, match in found], start, end)
        kind = next(kind for kind, match in found if match is nearest)
        if kind == "preferred":
            return "preferred"
        if kind == "mandatory" or not in_preferred:
            return "required"
        return "preferred"
    return "preferred" if in_preferred else "required"


def _inside_longer(match: re.Match[str], others: Sequence[re.Match[str]]) -> bool:
    return any(
        other.start() <= match.start() and match.end() <= other.end() and other.end() - other.start() > len(match[0])
        for other in others
    )


def years_asked(line: str, start: int = 0, end: int | None = None) -> float | None:
    """Return the years a line asks for ("3+ years", "at least two years"), or None.

    With the mention's offsets, the phrase nearest the mention wins: "3+ years of Python and 1 year of Go".
    """
    end = start if end is None else end
    return _years_in([*_YEARS.finditer(line), *_WORD_YEARS.finditer(line)], start, end)


def _years_in(matches: list[re.Match[str]], start: int, end: int) -> float | None:
    nearest = _nearest(matches, start, end)
    if nearest is None:
        return None
    value = nearest.group(1)
    return float(value) if value.isdigit() else float(_NUMBER_WORDS[value.lower()])


def _groups(document: Document, mentions: list[tuple[str, Mention]]) -> dict[str, str]:
    """Map skill id -> group label for runs of skills joined by "or" / introduced by "one of", "such as".

    "Java or Kotlin and JavaScript or TypeScript" is two groups: a run with both is cut at its "and"s.
    """
    patterns = _cue_patterns()
    text = document.text
    groups: dict[str, str] = {}
    ordered = sorted(mentions, key=lambda item: item[1].start)
    index = 0
    while index < len(ordered):
        run = [ordered[index]]
        gaps: list[str] = []
        while index + 1 < len(ordered):
            gap = text[run[-1][1].end : ordered[index + 1][1].start]
            if not _LIST_GAP.fullmatch(gap):
                break
            index += 1
            run.append(ordered[index])
            gaps.append(gap)
        sentence_start, _ = _sentence_of(text, run[0][1].start, run[0][1].end)
        lead_in = text[sentence_start : run[0][1].start][-40:]
        introduced = [m for m in patterns.alternatives.finditer(lead_in)
                      if not (m.group(0).lower() == "like" and _VERB_LIKE.search(lead_in[: m.start()]))]  # fmt: skip
        for piece in _split_at_and(run, gaps):
            ids = list(dict.fromkeys(skill_id for skill_id, _ in piece.members))
            if len(ids) >= 2 and (piece.has_or or introduced):
                label = " or ".join(dict.fromkeys(m.text for _, m in piece.members))
                for skill_id in ids:
                    groups.setdefault(skill_id, label)
        index += 1
    return groups


@dataclass
class _Piece:
    members: list[tuple[str, Mention]]
    has_or: bool = False


def _split_at_and(run: list[tuple[str, Mention]], gaps: list[str]) -> list[_Piece]:
    """Cut a run of names at its "and"s when it also has an "or"; otherwise keep it whole."""
    has_or = any(_OR_GAP.search(gap) for gap in gaps)
    if not has_or:
        return [_Piece(run)]
    pieces = [_Piece([run[0]])]
    for gap, member in zip(gaps, run[1:], strict=True):
        if _AND_GAP.match(gap):
            pieces.append(_Piece([member]))
        else:
            pieces[-1].members.append(member)
            pieces[-1].has_or = pieces[-1].has_or or bool(_OR_GAP.search(gap))
    return pieces


def job_from_ad(document: Document, extraction: Extraction, taxonomy: Taxonomy) -> Job:
    """Return what an ad asks for: each stated skill with its importance, years and alternatives group."""
    stated = [skill for skill in extraction.skills if skill.stated]
    mentions = [(skill.id, mention) for skill in stated for mention in skill.mentions]
    groups = _groups(document, mentions)
    skills = []
    for found in stated:
        levels = [importance_of(document, mention) for mention in found.mentions]
        importance: Importance = "required" if "required" in levels else "preferred"
        years = [y for m in found.mentions if (y := _years_of(document, m)) is not None]
        skills.append(
            JobSkill(
                id=found.id,
                name=found.name,
                area=found.area,
                importance=importance,
                years=max(years) if years else None,
                group=groups.get(found.id),
                mentions=found.mentions,
            )
        )
    return Job(source=document.source, title=job_title(document), kind="ad", skills=skills)


def _years_of(document: Document, mention: Mention) -> float | None:
    """`years_asked` of the mention's sentence, from one scan of the whole ad."""
    low, high = _sentence_of(document.text, mention.start, mention.end)
    found = [match for pattern in (_YEARS, _WORD_YEARS) for match in matches_within(pattern, document.text, low, high)]
    return _years_in(found, mention.start, mention.end)


def job_title(document: Document) -> str:
    """The ad's title: its first non-empty line, or a "title" section's first line."""
    for section in document.sections:
        if section.name == "title":
            return document.text[section.start : section.end].strip().splitlines()[-1][:120]
    for line in document.text.splitlines():
        if line.strip():
            return line.strip()[:120]
    return ""


def job_from_role(role: Role, taxonomy: Taxonomy) -> Job:
    """Return a role profile as a Job: its required and preferred skills, weights and groups."""
    skills: list[JobSkill] = []
    seen: set[str] = set()

    def add(skill_id: str, importance: Importance, group: str | None = None) -> None:
        if skill_id in seen:
            return
        seen.add(skill_id)
        skill = taxonomy.skills[skill_id]
        weight = role.weights.get(skill_id, 1.0)
        skills.append(JobSkill(skill.id, skill.name, skill.area, importance, weight, group=group))

    for group in role.groups:
        for member in group.any:
            add(member, group.importance, group.name)  # type: ignore[arg-type]
    for skill_id in role.required:
        add(skill_id, "required")
    for skill_id in role.preferred:
        add(skill_id, "preferred")
    return Job(
        source=f"role:{role.id}",
        title=role.name,
        kind="role",
        skills=skills,
        area_weights=dict(role.area_weights),
    )
