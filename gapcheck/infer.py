"""Inference from evidence: the skills a coach reads in a resume that never names them.

The rules are data (`taxonomy/inference.toml`): specific methods imply their concept, published research implies
evaluation and the mathematics, a computing degree implies CS fundamentals, years of work imply everyday soft
skills, a senior title implies teamwork. A skill a rule implies is added to the extraction as inferred (never as
stated), with the rule's name and the line that implies it, so the report can say why.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from gapcheck.model import Document, Extraction, FoundSkill, Mention
from gapcheck.taxonomy import Taxonomy, data_file

CONDITIONS = ("skills", "degree_fields", "words", "years", "titles", "from_titles")
RULE_KEYS = frozenset((*CONDITIONS, "name", "implies", "credit", "max_credit", "min_skills", "degree_level",
                       "sections", "role_areas", "role_titles"))  # fmt: skip


@dataclass(frozen=True)
class Rule:
    name: str
    implies: tuple[str, ...] = ()
    credit: float = 0.0
    # The most a skill implied by this rule alone may earn (a degree suggests linear algebra, never proves it).
    max_credit: float = 1.0
    skills: tuple[str, ...] = ()
    min_skills: int = 1
    degree_fields: tuple[str, ...] = ()
    degree_level: str = "bachelor"
    words: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    years: float = 0.0
    role_areas: tuple[str, ...] = ()
    role_titles: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    from_titles: bool = False


@dataclass
class _Hit:
    """What one rule found: the resume skills or lines that meet its condition."""

    sources: list[str] = field(default_factory=list)
    lines: list[Mention] = field(default_factory=list)


def rules_data() -> dict[str, Any]:
    return data_file("inference.toml")


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The rules of `taxonomy/inference.toml`, read once."""
    found = []
    for raw in rules_data().get("rule", []):
        values: dict[str, Any] = {key: tuple(value) if isinstance(value, list) else value for key, value in raw.items()}
        found.append(Rule(**values))
    return tuple(found)


def rule_errors(taxonomy: Taxonomy, data: dict[str, Any] | None = None) -> list[str]:
    """Every problem of `taxonomy/inference.toml` (or `data`, parsed from a file like it): unknown keys, skills,
    areas, degree fields or levels, a credit out of range, a rule with no condition or with two."""
    errors: list[str] = []
    degrees = data_file("degrees.toml")
    levels = {level["id"] for level in degrees["level"]}
    fields = {entry["id"] for entry in degrees["field"]}
    raw_rules = (rules_data() if data is None else data).get("rule", [])
    if not isinstance(raw_rules, list):
        return ["taxonomy/inference.toml: 'rule' must be an array of tables"]
    for number, raw in enumerate(raw_rules, start=1):
        if not isinstance(raw, dict):
            errors.append(f"taxonomy/inference.toml: rule #{number} is not a table")
            continue
        where = f"taxonomy/inference.toml: rule #{number} ({raw.get('name', 'unnamed')})"
        unknown = sorted(set(raw) - RULE_KEYS)
        if unknown:
            errors.append(f"{where}: unknown key '{unknown[0]}'")
            continue
        shape = _shape_error(raw)
        if shape:
            errors.append(f"{where}: {shape}")
            continue
        conditions = [key for key in CONDITIONS if raw.get(key)]
        if len(conditions) != 1:
            errors.append(f"{where}: needs exactly one condition of {', '.join(CONDITIONS)}, not {len(conditions)}")
        if not raw.get("name") or not (raw.get("implies") or raw.get("from_titles")):
            errors.append(f"{where}: needs a name and the skills it implies")
        if not 0 <= raw.get("credit", 0.0) < 1:
            errors.append(f"{where}: credit must be a number from 0 up to (not including) 1, the credit of shown")
        if not 0 <= raw.get("max_credit", 1.0) <= 1:
            errors.append(f"{where}: max_credit must be a number from 0 to 1")
        for key in ("implies", "skills"):
            unknown_ids = [s for s in raw.get(key, []) if s not in taxonomy.skills]
            errors += [f"{where}: {key} '{s}' is not a known skill id" for s in unknown_ids]
        errors += [f"{where}: area '{a}' is not a known area" for a in raw.get("role_areas", [])
                   if a not in taxonomy.areas]  # fmt: skip
        errors += [f"{where}: degree field '{f}' is not in degrees.toml" for f in raw.get("degree_fields", [])
                   if f not in fields]  # fmt: skip
        if raw.get("degree_level", "bachelor") not in levels:
            errors.append(f"{where}: degree level '{raw['degree_level']}' is not in degrees.toml")
    return errors


LIST_KEYS = ("implies", "skills", "degree_fields", "words", "sections", "role_areas", "role_titles", "titles")


def _shape_error(raw: dict[str, Any]) -> str:
    """What is of the wrong type in a rule ("'implies' must be a list of strings"), or ""."""
    for key in LIST_KEYS:
        if key in raw and not (isinstance(raw[key], list) and all(isinstance(v, str) for v in raw[key])):
            return f"'{key}' must be a list of strings"
    for key in ("years", "min_skills", "credit", "max_credit"):
        if key in raw and (isinstance(raw[key], bool) or not isinstance(raw[key], (int, float))):
            return f"'{key}' must be a number"
    for key in ("name", "degree_level"):
        if key in raw and not isinstance(raw[key], str):
            return f"'{key}' must be a string"
    if "from_titles" in raw and not isinstance(raw["from_titles"], bool):
        return "'from_titles' must be true or false"
    return ""


# ------------------------------------------------------------------------------------------- conditions


def _skills_hit(rule: Rule, found: dict[str, FoundSkill]) -> _Hit | None:
    present = [s for s in rule.skills if s in found]
    if len(present) < rule.min_skills:
        return None
    stated = [s for s in present if found[s].stated]
    return _Hit(sources=stated or present)


def _mention(document: Document, start: int, end: int) -> Mention:
    return Mention(document.text[start:end], start, end, document.section_at(start), document.line_at(start, end))


def _words_hit(rule: Rule, document: Document) -> _Hit | None:
    pattern = _words(rule.words, case=True)
    sections = [s for s in document.sections if not rule.sections or s.name in rule.sections]
    for section in sections:
        match = pattern.search(document.text, section.start, section.end)
        if match:
            return _Hit(lines=[_mention(document, match.start(), match.end())])
    return None


def _degrees(document: Document) -> list[tuple[Any, Mention]]:
    """The degrees of the resume's education sections, each with its line: read once for every degree rule."""
    from gapcheck.fit.education import degrees_in

    found = []
    for section in (s for s in document.sections if s.name == "education"):
        cursor = section.start  # the degrees come in reading order: each is looked for after the one before
        for degree in degrees_in(document.text[section.start : section.end], education=True):
            start = document.text.find(degree.line, cursor, section.end)
            if start < 0:
                continue
            cursor = start + len(degree.line)
            found.append((degree, _mention(document, start, cursor)))
    return found


def _degree_hit(rule: Rule, degrees: list[tuple[Any, Mention]]) -> _Hit | None:
    rank = next(int(level["rank"]) for level in data_file("degrees.toml")["level"] if level["id"] == rule.degree_level)
    for degree, line in degrees:
        if degree.level.rank >= rank and degree.fields & set(rule.degree_fields):
            return _Hit(lines=[line])
    return None


def _roles(document: Document, extraction: Extraction, today: dt.date) -> list[Any]:
    from gapcheck.fit.experience import dated_roles

    return dated_roles(document, today, extraction)


def _years_hit(rule: Rule, document: Document, roles: list[Any], taxonomy: Taxonomy) -> _Hit | None:
    from gapcheck.fit.experience import covered_months

    titles = _words(rule.role_titles) if rule.role_titles else None
    chosen = [
        role
        for role in roles
        if (
            not rule.role_areas
            or any(s in taxonomy.skills and taxonomy.skills[s].area in rule.role_areas for s in role.skills)
        )
        and (titles is None or titles.search(_title(role.heading)))
    ]
    if not chosen or covered_months([role.dates for role in chosen]) < rule.years * 12:
        return None
    lines = [_mention(document, role.block_start, role.block_start + len(role.heading)) for role in chosen[:2]]
    return _Hit(lines=lines)


@lru_cache(maxsize=64)
def _words(words: tuple[str, ...], *, case: bool = False) -> re.Pattern[str]:
    """Any of `words` as a whole word (a hyphen joins words); any case unless `case`."""
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])", 0 if case else re.IGNORECASE)


_EMPLOYER_AFTER = re.compile(r",|\s[-–—|@]\s|\s+at\s+|\(")  # compiled once: it splits every role's heading


def _title(heading: str) -> str:
    """The title part of a role's heading: what comes before the employer ("Senior Accountant, Midwest Foods")."""
    return _EMPLOYER_AFTER.split(heading, maxsplit=1)[0]


def _titles_hit(rule: Rule, document: Document, roles: list[Any]) -> _Hit | None:
    pattern = _words(rule.titles)
    for role in roles:
        if pattern.search(_title(role.heading)):
            return _Hit(lines=[_mention(document, role.block_start, role.block_start + len(role.heading))])
    return None


def _title_skills(document: Document, roles: list[Any]) -> dict[str, _Hit]:
    """The skills each dated role's title names ("Data Engineer": data engineering), with the title's line."""
    from gapcheck.fit.title import read_title, skills_of_title

    hits: dict[str, _Hit] = {}
    for role in roles:
        title = read_title(_title(role.heading))
        for skill_id in skills_of_title(title) if title is not None else []:
            hit = hits.setdefault(skill_id, _Hit())
            if not hit.lines:
                hit.lines.append(_mention(document, role.block_start, role.block_start + len(role.heading)))
    return hits


# ------------------------------------------------------------------------------------------------ apply


def infer(document: Document, extraction: Extraction, taxonomy: Taxonomy, today: dt.date | None = None) -> None:
    """Add to `extraction` (in place) every skill the rules imply and the resume does not state."""
    found = extraction.by_id()
    roles: list[Any] | None = None
    degrees: list[tuple[Any, Mention]] | None = None
    for rule in rules():
        if rule.skills:
            hit = _skills_hit(rule, found)
        elif rule.words:
            hit = _words_hit(rule, document)
        elif rule.degree_fields:
            degrees = _degrees(document) if degrees is None else degrees
            hit = _degree_hit(rule, degrees)
        else:
            if roles is None:
                roles = _roles(document, extraction, today or dt.date.today())
            if rule.from_titles:
                for skill_id, title_hit in _title_skills(document, roles).items():
                    if skill_id in taxonomy.skills:
                        _add(found, extraction, taxonomy, skill_id, rule, title_hit)
                continue
            hit = _years_hit(rule, document, roles, taxonomy) if rule.years else _titles_hit(rule, document, roles)
        if hit is None:
            continue
        for skill_id in rule.implies:
            for implied in (skill_id, *taxonomy.implied_by(skill_id)):
                _add(found, extraction, taxonomy, implied, rule, hit)


def _add(
    found: dict[str, FoundSkill], extraction: Extraction, taxonomy: Taxonomy, skill_id: str, rule: Rule, hit: _Hit
) -> None:
    entry = found.get(skill_id)
    if entry is not None and entry.stated:
        # Named in a skills list only, it may still be shown in use through the skills that imply it: Python
        # listed, PyTorch code in experience. The comparison reads those sources as its evidence.
        if entry.listed_only:
            entry.inferred_from += [s for s in hit.sources if s != skill_id and s not in entry.inferred_from]
        return
    if entry is None:
        skill = taxonomy.skills[skill_id]
        entry = found[skill_id] = FoundSkill(id=skill.id, name=skill.name, area=skill.area)
        extraction.skills.append(entry)
    sources = [s for s in hit.sources if s != skill_id]
    entry.inferred_from += [s for s in sources if s not in entry.inferred_from]
    if not sources and rule.name not in entry.inferred_by:
        entry.inferred_by.append(rule.name)
        shown = {x.line for x in entry.inferred_lines}
        entry.inferred_lines += [m for m in hit.lines if m.line not in shown]
    entry.inferred_credit = max(entry.inferred_credit, rule.credit)
