"""Compares a resume's skills with what a job needs: the score and its breakdown, the gaps, the learning path.

Every requirement lands in one of four groups, which the report names: shown (with evidence), worded
differently or implied (use the ad's words), listed only (show it in a project), and true gap (learn it).
The weights and credits come from `taxonomy/scoring.toml`, and every requirement carries the factors of its
weight and the reason for its credit, so the score can be recomputed by hand from the breakdown.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence
from typing import Any

from gapcheck import __version__
from gapcheck.infer import rules as inference_rules
from gapcheck.model import (
    IMPORTANCE_ORDER,
    Analysis,
    AreaCoverage,
    Document,
    DocumentSummary,
    Extraction,
    FoundSkill,
    Gap,
    Job,
    JobSkill,
    Mention,
    Method,
    PathStep,
    Requirement,
    Status,
)
from gapcheck.taxonomy import NEXT_STEP_KEYS, Taxonomy, data_file
from gapcheck.tool_match import tool_requirements, tool_weight
from gapcheck.wording import same_words

STATUSES: tuple[Status, ...] = ("shown", "worded-differently", "implied", "listed-only", "related", "missing")
# Statuses whose evidence is the resume's own lines about the skill itself.
MATCHED = ("shown", "worded-differently", "listed-only")
# Statuses fixed by editing the resume rather than by learning.
QUICK_WINS = ("worded-differently", "implied", "listed-only")
GAPS = ("related", "missing")
# The tiers an ad asks for outright: must-have and asked.
ASKED = ("must", "required")

# The four groups the report sorts requirements into, in the order it shows them.
GROUP_LABELS = {
    "shown": "Shown, with evidence",
    "reword": "Worded differently or implied: use the ad's words",
    "show-in-project": "Listed only: show it in a project",
    "learn": "True gap: learn it",
}
GROUP_OF_STATUS = {
    "shown": "shown",
    "worded-differently": "reword",
    "implied": "reword",
    "listed-only": "show-in-project",
    "related": "learn",
    "missing": "learn",
}
FORMULA = (
    "weight = importance weight x skill weight x area weight (nice-to-haves scaled down when together they weigh "
    "more than [importance] pluses_max_share of the rest); points = weight x credit; "
    "score = 100 x total points / total weight"
)


def scoring() -> dict[str, Any]:
    """Return the weights, credits and verdict bands of `taxonomy/scoring.toml`."""
    return data_file("scoring.toml")


# ------------------------------------------------------------------------------------------ weights


def ml_ranking(job: Job, taxonomy: Taxonomy) -> dict[str, Any]:
    """Return whether the article's language ranking applies to this job, why, and the weights it gives."""
    config = scoring()["ml_roles"]
    role = taxonomy.roles.get(config["ranking_role"])
    off: dict[str, Any] = {"applied": False, "role": config["ranking_role"], "reason": "", "weights": {}}
    if job.kind == "role":
        # A role profile's own weights already apply; the ranking role is just one profile among others.
        return off
    if role is None:
        return {**off, "reason": f"role profile '{config['ranking_role']}' not found"}
    ml_skills = set(config["skills"])
    for job_skill in job.skills:
        if job_skill.importance not in ASKED or job_skill.id not in taxonomy.skills:
            continue
        hits = ml_skills & {job_skill.id, *taxonomy.implied_by(job_skill.id)}
        if hits:
            reason = f"the ad requires {job_skill.name}"
            return {**off, "applied": True, "reason": reason, "weights": _language_weights(role.weights, taxonomy)}
    words = sorted(config["title_words"], key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", re.IGNORECASE)
    match = pattern.search(job.title)
    if match:
        reason = f'the title says "{match.group(0)}"'
        return {**off, "applied": True, "reason": reason, "weights": _language_weights(role.weights, taxonomy)}
    return off


def _language_weights(weights: dict[str, float], taxonomy: Taxonomy) -> dict[str, float]:
    return {skill_id: w for skill_id, w in weights.items() if _is_language(skill_id, taxonomy)}


def _is_language(skill_id: str, taxonomy: Taxonomy) -> bool:
    skill = taxonomy.skills.get(skill_id)
    return skill is not None and skill.kind == "language"


def _weight_factors(job_skill: JobSkill, job: Job, ranking: dict[str, Any]) -> tuple[dict[str, float], list[str]]:
    """Return the three factors of a requirement's weight and a phrase for each one that is not 1."""
    importance = float(scoring()["importance"][job_skill.importance])
    skill_weight, skill_label = job_skill.weight, "role weight"
    if ranking["applied"] and job_skill.id in ranking["weights"]:
        skill_weight, skill_label = ranking["weights"][job_skill.id], "ML language rank"
    area_weight = job.area_weights.get(job_skill.area, 1.0)
    phrases = [f"{job_skill.importance} {importance:g}"]
    if skill_weight != 1.0:
        phrases.append(f"{skill_label} {skill_weight:g}")
    if area_weight != 1.0:
        phrases.append(f"area {area_weight:g}")
    return {"importance": importance, "skill": float(skill_weight), "area": float(area_weight)}, phrases


# ---------------------------------------------------------------------------------------- assessing


def _in_use_sections() -> set[str]:
    return set(scoring()["evidence"]["in_use"])


def _best_first(mentions: Iterable[Mention]) -> list[Mention]:
    """Mentions ordered as evidence: lines showing use first, skills lists last; one per line."""
    in_use = _in_use_sections()
    seen: set[str] = set()
    ordered = []
    for mention in sorted(mentions, key=lambda m: (m.section not in in_use, m.section == "skills", m.start)):
        if mention.line not in seen:
            seen.add(mention.line)
            ordered.append(mention)
    return ordered


def _side_line_only(evidence: Sequence[Mention], resume: dict[str, FoundSkill]) -> bool:
    """True when the only line that shows a skill in use is one line of a side project ([evidence] side), on a
    resume whose work history shows other skills: one hackathon line ("... using ML forecasting, Hackathon
    winner") is a taste of the skill, not the experience a line of work shows."""
    in_use = _in_use_sections()
    side = set(scoring()["evidence"].get("side", []))
    lines = {m.line or m.text for m in evidence if m.section in in_use}
    if len(lines) != 1 or not all(m.section in side for m in evidence if m.section in in_use):
        return False
    return any(m.section == "experience" for found in resume.values() for m in found.mentions)


def _kind_shown(source: FoundSkill, skill_id: str, taxonomy: Taxonomy) -> bool:
    """True when `source` is a kind of `skill_id` (its direct narrower skill) that the resume shows in use."""
    return source.stated and not _claimed_only(source) and skill_id in taxonomy.skills[source.id].broader


def _hinted_only(found: FoundSkill, resume: dict[str, FoundSkill], taxonomy: Taxonomy) -> bool:
    """True for a skill that only skills named in a list (or the summary) imply from afar, through the taxonomy's
    relations with no rule of inference.toml behind it: "A/B Testing" in a list of tools (a kind of experimental
    design) hints at statistics, it does not show it. A listed kind of the skill itself ("Git" for version
    control) still implies it."""
    if found.stated or found.inferred_by or not found.inferred_from:
        return False
    sources = [resume[s] for s in found.inferred_from if s in resume]
    return (
        bool(sources)
        and all(
            source.stated and _claimed_only(source) and found.id not in taxonomy.skills[source.id].broader
            for source in sources
        )
        and not _ruled(found.id, {source.id for source in sources}, taxonomy)
    )


def _ruled(skill_id: str, sources: set[str], taxonomy: Taxonomy) -> bool:
    """True when a rule of inference.toml implies `skill_id` from one of `sources`: a coach's own judgement."""
    return any(
        sources & set(rule.skills)
        and any(skill_id == i or (i in taxonomy.skills and skill_id in taxonomy.implied_by(i)) for i in rule.implies)
        for rule in inference_rules()
    )


def _claimed_only(found: FoundSkill) -> bool:
    """True for a skill the resume only claims: named in skills lists, or in lines that state rather than show
    ([evidence] claims: the summary's "Proficient in Go, Python and Node.js"), never in a line of work. A coach
    credits it as listed, and asks for a line that shows it."""
    if found.listed_only or not found.mentions:
        return found.listed_only
    claims = scoring()["evidence"].get("claims", [])  # a few section names: asked for every skill, kept as read
    if not any(m.section in claims for m in found.mentions):
        return False
    from gapcheck.checks import strong_verb_forms
    from gapcheck.proof import shows_use
    from gapcheck.skills.find import LISTING_SECTIONS

    verbs = strong_verb_forms()
    return all(
        m.section in claims or (m.section in LISTING_SECTIONS and not shows_use(m.line, m.section, verbs))
        for m in found.mentions
    )


def _shown_through(skill_id: str, resume: dict[str, FoundSkill], taxonomy: Taxonomy) -> list[FoundSkill]:
    """Resume skills shown in use that imply `skill_id` (Spring Boot in experience shows Spring; PyTorch code,
    by a rule of inference.toml, shows the Python the skills list names)."""
    own = resume[skill_id].inferred_from if skill_id in resume else []
    return [
        found
        for found in resume.values()
        if found.stated and not _claimed_only(found) and (skill_id in taxonomy.implied_by(found.id) or found.id in own)
    ]


def _names(mention: Mention, found: FoundSkill, job_skill: JobSkill) -> bool:
    """True when a line of another skill holds this skill's own words: the ad's, or the resume's for it."""
    if mention.section not in _in_use_sections():
        return False
    wordings = [*(m.text for m in job_skill.mentions), *(m.text for m in found.mentions), found.name]
    return any(same_words(mention.text, words) for words in wordings)


def _related_stated(skill_id: str, resume: dict[str, FoundSkill], taxonomy: Taxonomy) -> FoundSkill | None:
    """Return a stated resume skill related to `skill_id` (either way round), preferring one shown in use."""
    related = taxonomy.related_either_way(skill_id)
    # Called for each skill the job asks for, over every resume skill: `mentions` is `stated` without a call.
    candidates = [
        found for found in resume.values() if found.mentions and found.id in related and found.id in taxonomy.skills
    ]
    candidates.sort(key=_claimed_only)
    return candidates[0] if candidates else None


def ordered_steps(steps: dict[str, str]) -> dict[str, str]:
    """Next steps in the order of the article's path: learn, then practise, then the resume, then certify."""
    known = [key for key in NEXT_STEP_KEYS if key in steps]
    return {key: steps[key] for key in [*known, *(k for k in steps if k not in known)]}


def _assess(
    job_skill: JobSkill, resume: dict[str, FoundSkill], taxonomy: Taxonomy, job: Job, ranking: dict[str, Any]
) -> Requirement:
    """Score one skill the job asks for against the resume: its status, credit, evidence and reasons."""
    found = resume.get(job_skill.id)
    job_words = job_skill.mentions[0].text if job_skill.mentions else job_skill.name
    status: Status = "missing"
    implied_credit: float | None = None
    matched_by: str | None = None
    evidence: list[Mention] = []
    resume_words = ""
    note = ""
    how = "not on the resume"
    if found is not None and found.stated:
        matched_by = found.id
        claimed = _claimed_only(found)
        through = _shown_through(job_skill.id, resume, taxonomy) if claimed else []
        # A line of the other skill proves this one only when it holds its words ("Spring Boot" names Spring);
        # otherwise ("React" for JavaScript) the skill is implied through it, never shown by it.
        naming = [m for m in _best_first(m for f in through for m in f.mentions) if _names(m, found, job_skill)]
        evidence = [*naming, *_best_first(found.mentions)] if naming else _best_first(found.mentions)
        resume_words = found.mentions[0].text
        same = not job_skill.mentions or any(
            same_words(mine.text, theirs.text) for mine in found.mentions for theirs in job_skill.mentions
        )
        reword = "" if same else f' (the resume says "{resume_words}", the ad "{job_words}")'
        if through and not naming:
            status = "implied"
            lines = _best_first(m for f in through for m in f.mentions)
            evidence = [*lines, *_best_first(found.mentions)]
            names = ", ".join(f.name for f in through)
            how = f"listed in the {found.mentions[0].section} section, implied through {names} in {lines[0].section}"
            note = (
                f'Listed, and implied through {names} ("{lines[0].line or lines[0].text}"): name "{job_words}" '
                "in that line."
            )
            implied_credit = float(scoring()["implied"]["through"])
            matched_by = through[0].id
        elif claimed and not through:
            status = "listed-only"
            how = f"listed in the {found.mentions[0].section} section only"
            note = "Named in a skills list only: show it in an experience or project line"
            where = sorted({m.section for m in found.mentions})
            if "summary" in where:
                how = f"named in the {' and '.join(where)} section{'s' if len(where) > 1 else ''} only"
                note = "Named in the summary or a skills list only: show it in an experience or project line"
            note += f', in the ad\'s words "{job_words}".' if not same else "."
        elif not same:
            status = "worded-differently"
            how = f"shown in {evidence[0].section} in other words{reword}"
            note = f'The resume says "{resume_words}" where the ad says "{job_words}": use the ad\'s words.'
        else:
            status = "shown"
            how = f"shown in {evidence[0].section}"
            if through:
                how += " through " + ", ".join(f.name for f in through)
    elif found is not None and _hinted_only(found, resume, taxonomy):
        status = "related"
        sources = [resume[s] for s in found.inferred_from if s in resume]
        matched_by = sources[0].id
        evidence = _best_first(m for source in sources for m in source.mentions)
        resume_words = evidence[0].text if evidence else ""
        names = ", ".join(source.name for source in sources)
        how = f"only hinted at by {names}, which the resume lists but never shows in use"
        note = f"Not on the resume; {names}, named only in a list, earns partial credit."
    elif found is not None and (found.inferred_from or found.inferred_by):
        status = "implied"
        sources = [resume[s] for s in found.inferred_from if s in resume]
        matched_by = found.inferred_from[0] if found.inferred_from else None
        evidence = _best_first([*(m for source in sources for m in source.mentions), *found.inferred_lines])
        resume_words = evidence[0].text if evidence else ""
        names = ", ".join([*(taxonomy.skills[s].name for s in found.inferred_from), *found.inferred_by])
        how = f"implied by {names}"
        note = f'Implied by {names} but never named: write "{job_words}" in the line where you used it.'
        if not any(_kind_shown(source, found.id, taxonomy) for source in sources):
            # Only a kind of the skill shown in use (PyTorch code for deep learning) makes its line the place to
            # name it; a looser implication (spaCy "for preprocessing" for entity recognition) proves no line.
            note = (
                f'Implied by {names}, never shown: if you did "{job_words}", say so in a line of work that shows it;'
                " if not, it is a skill to learn."
            )
        if not found.inferred_from:
            # Read from a degree, the years or a title, not from a skill: nothing to reword, a line to add.
            note = f'Implied by {names}: if the job stresses "{job_words}", name it in a line that shows it.'
        cap = _background_cap(found)
        if cap < 1.0:
            # Only a degree (a rule of inference.toml with `max_credit`) suggests it: capped, and the note asks for
            # a line that shows it.
            implied_credit = min(_implied_credit(found, resume), cap)
            how = f"only suggested by {names}"
            note = f'Only suggested by {names}: show "{job_words}" in a line of work or a project.'
    elif (related := _related_stated(job_skill.id, resume, taxonomy)) is not None:
        status = "related"
        matched_by = related.id
        evidence = _best_first(related.mentions)
        resume_words = related.mentions[0].text
        how = f"the related {related.name} is on the resume"
        note = f"Not on the resume; the related {related.name} earns partial credit."
    factors, phrases = _weight_factors(job_skill, job, ranking)
    weight = round(factors["importance"] * factors["skill"] * factors["area"], 4)
    credit = float(scoring()["credit"][status])
    if implied_credit is not None:
        credit = implied_credit
    elif status == "implied" and found is not None:
        credit = _implied_credit(found, resume)
    elif status in ("shown", "worded-differently") and _side_line_only(evidence, resume):
        credit = float(scoring()["evidence"]["side_line_credit"])
        how += ", in one side-project line only while the work history never shows it"
        note = note or f'Shown in one side-project line only: show "{job_words}" in a line of your work.'
    years = f"; the ad asks for {job_skill.years:g}+ years" if job_skill.years else ""
    why = f"Weight {weight:g} = {' × '.join(phrases)}{years}. {how[:1].upper() + how[1:]}: credit {credit:g}."
    return Requirement(
        id=job_skill.id,
        name=job_skill.name,
        area=job_skill.area,
        importance=job_skill.importance,
        weight=weight,
        credit=credit,
        status=status,
        members=[job_skill.id],
        matched_by=matched_by,
        resume_words=resume_words,
        job_words=job_words,
        evidence=evidence,
        note=note,
        years=job_skill.years,
        group=GROUP_OF_STATUS[status],
        why=why,
        factors=factors,
        next_steps={} if status == "shown" else ordered_steps(taxonomy.next_steps(job_skill.id)),
        lead=job_skill.id,
    )


def _implied_credit(found: FoundSkill, resume: dict[str, FoundSkill]) -> float:
    """The credit of an implied skill: a rule's own credit, or more when a skill that implies it is shown in use,
    or when two kinds of evidence agree (a computing degree and years of software work)."""
    credit = float(scoring()["credit"]["implied"])
    in_use = any(resume[s].stated and not _claimed_only(resume[s]) for s in found.inferred_from if s in resume)
    if in_use or len(found.inferred_by) + bool(found.inferred_from) >= 2:
        credit = float(scoring()["implied"]["in_use"])
    return max(credit, found.inferred_credit)


def _background_cap(found: FoundSkill) -> float:
    """The most a skill implied only by rules (no skill of the resume behind it) may earn: the largest
    `max_credit` of those rules, so that one rule without a cap lifts it (1.0 when nothing caps it)."""
    caps = {rule.name: rule.max_credit for rule in inference_rules()}
    if found.inferred_from or not found.inferred_by:
        return 1.0
    return max(caps.get(name, 1.0) for name in found.inferred_by)


def _missing_prerequisites(skill_id: str, known: set[str], taxonomy: Taxonomy) -> int:
    """How many prerequisites (transitively) of a skill the resume lacks: a rough cost of learning it."""
    seen: set[str] = set()
    stack = list(taxonomy.skills[skill_id].prerequisites)
    while stack:
        current = stack.pop()
        if current in seen or current in known or current not in taxonomy.skills:
            continue
        seen.add(current)
        stack.extend(taxonomy.skills[current].prerequisites)
    return len(seen)


def _scaled_credit(member: Requirement, heaviest: Requirement) -> float:
    """A member's credit scaled by its weight against the group's heaviest member: within "Java, C++ or Scala"
    the article's ranking makes Scala count for less than Java."""
    top = heaviest.factors.get("skill", 1.0) or 1.0
    return round(member.credit * min(1.0, member.factors.get("skill", 1.0) / top), 4)


def _merge_group(label: str, members: list[Requirement], known: set[str], taxonomy: Taxonomy) -> Requirement:
    """One requirement for alternatives: the heaviest member's weight, and the best credit a member gives, each
    member's credit scaled by its weight against the heaviest."""
    heaviest = max(members, key=lambda r: (r.weight, -members.index(r)))
    best = max(members, key=lambda r: (_scaled_credit(r, heaviest), r.weight, -members.index(r)))
    credit = _scaled_credit(best, heaviest)
    # For a gap, the member to learn: the one partly there, then the best ranked (Java before Scala), then the
    # one with fewest missing prerequisites.
    lead = best
    if best.status in GAPS:
        lead = min(
            members,
            key=lambda r: (
                -_scaled_credit(r, heaviest),
                -r.weight,
                _missing_prerequisites(r.id, known, taxonomy),
                members.index(r),
            ),
        )
    importance = min((m.importance for m in members), key=IMPORTANCE_ORDER.index)
    names = ", ".join(m.name for m in members)
    why = f"Any one of {names} will do; best: {best.name}. {best.why}"
    if credit < best.credit:
        why += f" It counts {credit / best.credit:.0%} of the group's first choice {heaviest.name}: credit {credit:g}."
    if heaviest is not best:
        why += f" The group weighs as its heaviest member, {heaviest.name}: {heaviest.weight:g}."
    note = best.note
    if best.status in GAPS:
        note = f"Any one of {names} will do; {lead.name} is the nearest for you."
    return Requirement(
        id="group:" + "+".join(m.id for m in members),
        name=label,
        area=best.area if best.credit > 0 else lead.area,
        importance=importance,
        weight=heaviest.weight,
        credit=credit,
        status=best.status,
        members=[m.id for m in members],
        matched_by=best.matched_by,
        resume_words=best.resume_words,
        job_words=" or ".join(m.job_words for m in members),
        evidence=best.evidence,
        note=note,
        years=max((m.years for m in members if m.years is not None), default=None),
        group=best.group,
        why=why,
        factors=heaviest.factors,
        next_steps=lead.next_steps,
        lead=lead.id,
    )


def requirements(
    resume: Extraction, job: Job, taxonomy: Taxonomy, ranking: dict[str, Any] | None = None
) -> list[Requirement]:
    """Return the job's scored units, groups of alternatives merged into one, in the job's order."""
    found = resume.by_id()
    known = set(found)
    ranking = ranking if ranking is not None else ml_ranking(job, taxonomy)
    order: list[Requirement | str] = []
    grouped: dict[str, list[Requirement]] = {}
    for job_skill in _ranked_languages_grouped(job.skills, ranking, taxonomy):
        assessed = _assess(job_skill, found, taxonomy, job, ranking)
        if job_skill.group is None:
            order.append(assessed)
            continue
        if job_skill.group not in grouped:
            grouped[job_skill.group] = []
            order.append(job_skill.group)
        grouped[job_skill.group].append(assessed)
    units = []
    for item in order:
        if isinstance(item, Requirement):
            units.append(item)
        else:
            members = grouped[item]
            units.append(members[0] if len(members) == 1 else _merge_group(item, members, known, taxonomy))
    return units


def _ranked_languages_grouped(skills: list[JobSkill], ranking: dict[str, Any], taxonomy: Taxonomy) -> list[JobSkill]:
    """For a machine learning ad, the languages it names outside any group, but the first (Python when named,
    else the best ranked), become one group "one more of": the article ranks languages, it asks no one for all."""
    if not ranking["applied"]:
        return list(skills)
    weights = ranking["weights"]
    loose = [s for s in skills if s.group is None and s.id in weights]
    if len(loose) < 3:
        # One language, or two (Python and one more): nothing to group; the second is already "one more".
        return list(skills)
    lead = next((s for s in loose if s.id == "python"), None) or max(loose, key=lambda s: weights[s.id])
    others = [s for s in loose if s is not lead]
    names = [taxonomy.skills[s.id].name for s in others]
    label = "one more language: " + ", ".join(names[:-1]) + " or " + names[-1]
    return [dataclasses.replace(s, group=label) if s in others else s for s in skills]


def _pluses_capped(units: list[Requirement]) -> list[Requirement]:
    """Scale the nice-to-haves down when together they outweigh a share of the rest: a coach reads a long list
    of pluses as pluses, and a strong candidate who lacks half of them is still strong."""
    share = float(scoring()["importance"].get("pluses_max_share", 0) or 0)
    pluses = [u for u in units if u.importance == "preferred"]
    rest = sum(u.weight for u in units if u.importance in ("must", "required"))
    total = sum(u.weight for u in pluses)
    if not share or not rest or total <= share * rest:
        return units
    factor = round(share * rest / total, 4)
    for unit in pluses:
        unit.weight = round(unit.weight * factor, 4)
        unit.factors = {**unit.factors, "pluses": factor}
        unit.why += (
            f" The nice-to-haves together are scaled by {factor:g} to weigh {share:.0%} of the rest:"
            f" weight {unit.weight:g}."
        )
    return units


# ------------------------------------------------------------------------------- gaps, path, areas


def _is_soft(unit: Requirement, taxonomy: Taxonomy) -> bool:
    """A soft skill (every member of a group one): a coach names it after every skill to learn."""
    kinds = set(scoring()["gaps"]["late_kinds"])
    return all(m in taxonomy.skills and taxonomy.skills[m].kind in kinds for m in unit.members)


def _centrality(unit: Requirement, mentions: dict[str, int], needed_by: dict[str, int]) -> float:
    """How central a requirement is to the target: its role (or language-rank) weight, its area's weight, how
    often the ad names it, and how many of the target's other skills build on it, as a prerequisite or as a kind
    of it (each further mention and each skill built on it add a quarter, up to four)."""
    repeats = max((mentions.get(m, 1) for m in unit.members), default=1)
    builds = max((needed_by.get(m, 0) for m in unit.members), default=0)
    boost = 1 + 0.25 * min(repeats - 1, 4) + 0.25 * min(builds, 4)
    return round(unit.factors.get("skill", 1.0) * unit.factors.get("area", 1.0) * boost, 4)


def _closeness(unit: Requirement, on_way: frozenset[str] | set[str], taxonomy: Taxonomy) -> tuple[float, float]:
    """How close the candidate already is: partial credit first (a related skill on the resume), then the share
    of the skill's prerequisites the resume has or the target itself asks for. A prerequisite the target asks is
    on the candidate's way to it (learning Node.js, the ad's first gap, brings Express within reach), so it does
    not push the ad's own stack behind practices that need nothing, such as Git and code review."""
    prerequisites = taxonomy.skills[unit.lead].prerequisites if unit.lead in taxonomy.skills else []
    met = sum(p in on_way for p in prerequisites) / len(prerequisites) if prerequisites else 1.0
    return (round(unit.credit, 4), round(met, 4))


def _gaps(
    units: Sequence[Requirement],
    possible: float,
    taxonomy: Taxonomy,
    job: Job | None = None,
    known: frozenset[str] | set[str] = frozenset(),
) -> list[Gap]:
    """The requirements not met, as a coach names them: by importance tier (must-have, asked, nice-to-have),
    then by how central the skill is to the target, then by how close the candidate is to it (partial credit,
    prerequisites met), then by how many other gaps it opens; soft skills come after every skill to learn.
    Context skills are never gaps."""
    open_units = [u for u in units if u.status in GAPS and u.importance != "context"]
    mentions = {s.id: len(s.mentions) for s in job.skills} if job is not None else {}
    asked = {m for u in units for m in u.members if m in taxonomy.skills}
    # What the candidate has, or will learn on the way as another gap of the target.
    on_way = set(known) | asked
    # The target's other skills that build on a skill: need it first, or are a kind of it (React is front-end work).
    needed_by: dict[str, int] = {}
    for other in asked:
        for skill_id in {*taxonomy.skills[other].prerequisites, *taxonomy.implied_by(other)} - {other}:
            needed_by[skill_id] = needed_by.get(skill_id, 0) + 1
    leads = {u.lead for u in open_units}

    def unlocks(unit: Requirement) -> int:
        return sum(unit.lead in taxonomy.skills[other].prerequisites for other in leads if other != unit.lead)

    ranked = sorted(
        enumerate(open_units),
        key=lambda item: (
            _is_soft(item[1], taxonomy),
            IMPORTANCE_ORDER.index(item[1].importance),
            -_centrality(item[1], mentions, needed_by),
            tuple(-part for part in _closeness(item[1], on_way, taxonomy)),
            -unlocks(item[1]),
            item[0],
        ),
    )
    labels = scoring()["importance_labels"]
    gaps = []
    for rank, (_, unit) in enumerate(ranked, start=1):
        priority = round(unit.weight * (1 - unit.credit), 4)
        gain = round(100 * priority / possible, 1) if possible else 0.0
        reason = f"{labels[unit.importance]}, weight {unit.weight:g}; learning it adds up to {gain:g} points"
        if unit.status == "related" and unit.matched_by is not None:
            reason += f" (the related {taxonomy.skills[unit.matched_by].name} already earns partial credit)"
        distinct = list(dict.fromkeys(unit.members))  # an alias the ad also named (OpenSearch) is one skill
        if len(distinct) > 1:
            names = [taxonomy.skills[m].name if m in taxonomy.skills else m for m in distinct]
            reason += f"; any one of {', '.join(names[:-1])} or {names[-1]} will do"
        gaps.append(
            Gap(
                id=unit.id,
                name=unit.name,
                area=unit.area,
                importance=unit.importance,
                status=unit.status,
                priority=priority,
                rank=rank,
                next_steps=unit.next_steps,
                reason=reason,
                members=unit.members,
                group=unit.group,
                learn_id=unit.lead,
                gain=gain,
                folded=rank > int(scoring()["gaps"]["in_full"]),
            )
        )
    return gaps


def learning_path(gaps: Sequence[Gap], resume: Extraction, taxonomy: Taxonomy) -> list[PathStep]:
    """Order the gaps, with their missing prerequisites, so that no skill comes before what it needs.

    Gaps are taken in rank order; before each, every prerequisite the resume lacks is placed (depth first),
    including prerequisites the job never named. A skill is placed once, where it is first needed.
    """
    known = {skill.id for skill in resume.skills}
    steps: dict[str, PathStep] = {}

    def place(skill_id: str, trail: tuple[str, ...]) -> None:
        if skill_id in steps or skill_id in trail or skill_id not in taxonomy.skills:
            return
        skill = taxonomy.skills[skill_id]
        for prerequisite in skill.prerequisites:
            if prerequisite not in known:
                place(prerequisite, (*trail, skill_id))
                if prerequisite in steps and skill.name not in steps[prerequisite].needed_for:
                    steps[prerequisite].needed_for.append(skill.name)
        steps[skill_id] = PathStep(
            order=len(steps) + 1,
            id=skill_id,
            name=skill.name,
            area=skill.area,
            reason="",
            next_steps=ordered_steps(taxonomy.next_steps(skill_id)),
            kind="prerequisite",
        )

    for gap in gaps:
        lead = gap.learn_id or gap.id
        place(lead, ())
        if lead in steps and steps[lead].gap_rank is None:
            steps[lead].kind = "gap"
            steps[lead].gap_rank = gap.rank
    for step in steps.values():
        before = f"needed before {', '.join(step.needed_for)}" if step.needed_for else ""
        if step.kind == "gap":
            step.reason = f"gap #{step.gap_rank}" + (f"; also {before}" if before else "")
        else:
            step.reason = f"not named by the job, but {before}"
    return sorted(steps.values(), key=lambda step: step.order)


def _area_coverage(units: Sequence[Requirement], taxonomy: Taxonomy) -> list[AreaCoverage]:
    """Per skill area: the share of the job's weight it carries and how much of it the resume earns."""
    areas: dict[str, AreaCoverage] = {}
    for unit in units:
        area = taxonomy.areas.get(unit.area)
        entry = areas.setdefault(
            unit.area, AreaCoverage(unit.area, area.name if area else unit.area, 0.0, 0.0, 0.0, 0.0, 0, 0)
        )
        entry.possible += unit.weight
        entry.earned += unit.points
        entry.total += 1
        entry.met += unit.status not in GAPS
    total = sum(a.possible for a in areas.values()) or 1.0
    for entry in areas.values():
        entry.weight = round(entry.possible / total, 4)
        entry.percent = round(100 * entry.earned / entry.possible, 1) if entry.possible else 0.0
        entry.earned = round(entry.earned, 4)
        entry.possible = round(entry.possible, 4)
    return sorted(areas.values(), key=lambda a: (-a.possible, a.id))


def core_area_ceiling(job: Job, areas: Sequence[AreaCoverage], score: float) -> dict[str, Any] | None:
    """The ceiling a role's core area puts on the score, when it lowers the score; else None.

    A coach reads a role profile by the area it is built around (the one carrying the most weight): a resume
    with little of that area is a stretch for the role however much of its general skills it has. The score is
    kept at most `slack` points above the share of the core area earned. Ads are left alone: an ad's areas are
    the ones its asks happen to fall in, not a declared core."""
    rule = scoring().get("core_area", {})
    if job.kind != "role" or not rule.get("role_profiles") or not areas:
        return None
    core = areas[0]
    limit = round(core.percent + float(rule["slack"]), 1)
    if score <= limit:
        return None
    return {
        "area": core.id,
        "name": core.name,
        "percent": core.percent,
        "slack": float(rule["slack"]),
        "uncapped": score,
        "score": limit,
    }


def quick_wins(units: Sequence[Requirement], taxonomy: Taxonomy) -> list[Requirement]:
    """The edits worth making, most valuable first (tier, then weight, then the credit still to gain). A soft
    skill that is only implied is left out: the edit would be a cliche ("good communication skills")."""
    late = set(scoring()["gaps"]["late_kinds"])

    def soft(unit: Requirement) -> bool:
        return all((s := taxonomy.skills.get(m)) is not None and s.kind in late for m in unit.members)

    wins = [u for u in units if u.status in QUICK_WINS and not (u.status == "implied" and soft(u))]
    return sorted(wins, key=lambda u: (IMPORTANCE_ORDER.index(u.importance), -u.weight, u.credit, units.index(u)))


def _counts(units: Sequence[Requirement]) -> dict[str, int]:
    counts = {"requirements": len(units)}
    counts.update({group: sum(u.group == group for u in units) for group in GROUP_LABELS})
    counts.update({status: sum(u.status == status for u in units) for status in STATUSES})
    counts["required"] = sum(u.importance in ASKED for u in units)
    counts["required_gaps"] = sum(u.importance in ASKED and u.status in GAPS for u in units)
    return counts


def verdict(score: float, counts: dict[str, int]) -> str:
    """One line a coach would say first: the band of the score, what is met, and what to do next."""
    band = next(b for b in scoring()["verdict"] if score >= b["min"])
    met = counts["requirements"] - counts["learn"]
    wins = counts["reword"] + counts["show-in-project"]
    parts = [f"{met} of {counts['requirements']} requirements met"]
    if wins:
        parts.append(f"{wins} quick win{'s' if wins != 1 else ''}")
    gaps = counts["required_gaps"]
    parts.append(f"{gaps} required skill{'s' if gaps != 1 else ''} to learn" if gaps else "no required skill missing")
    advice = band["advice"] if wins else band.get("advice_no_wins", band["advice"])
    return f"{band['text']}: {', '.join(parts)}. Next: {advice}."


def _today(today: dt.date | None) -> dt.date:
    """The report's date: given, or SOURCE_DATE_EPOCH (reproducible output), or today."""
    if today is not None:
        return today
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def compare(
    document: Document, resume: Extraction, job: Job, taxonomy: Taxonomy, today: dt.date | None = None
) -> Analysis:
    """Return the full analysis of one resume against one job."""
    ranking = ml_ranking(job, taxonomy)
    units = _pluses_capped(requirements(resume, job, taxonomy, ranking))
    tools = tool_requirements(resume, job, taxonomy)
    possible = round(sum(u.weight for u in (*units, *tools)), 4)
    earned = round(sum(u.points for u in (*units, *tools)), 4)
    score = round(100 * earned / possible, 1) if possible else 0.0
    areas = _area_coverage(units, taxonomy)
    ceiling = core_area_ceiling(job, areas, score)
    if ceiling:
        score = ceiling["score"]
    known = {skill.id for skill in resume.skills}
    gaps = _gaps(units, possible, taxonomy, job, known)
    counts = _counts(units)
    weights = scoring()
    wins = quick_wins(units, taxonomy)
    return Analysis(
        score=score,
        resume=resume,
        job=job,
        requirements=units,
        matched=[u for u in units if u.status in MATCHED],
        quick_wins=wins[: int(weights["quick_wins"]["in_full"])],
        more_quick_wins=wins[int(weights["quick_wins"]["in_full"]) :],
        missing=gaps,
        path=learning_path(gaps, resume, taxonomy),
        areas=areas,
        method=Method(
            gapcheck_version=__version__,
            taxonomy_version=taxonomy.version,
            job=job.source,
            job_kind=job.kind,
            job_title=job.title,
            date=_today(today).isoformat(),
            formula=FORMULA,
            earned=earned,
            possible=possible,
            importance_weights=dict(weights["importance"]),
            credits=dict(weights["credit"]),
            area_weights=dict(job.area_weights),
            ml_ranking=ranking,
            groups=dict(GROUP_LABELS),
            unrecognised_weight=tool_weight(),
            core_area_ceiling=ceiling,
        ),
        document=DocumentSummary(
            source=document.source,
            pages=document.pages,
            layout=document.layout,
            sections=sorted({s.name for s in document.sections}),
            diagnostics=list(document.diagnostics),
        ),
        verdict=verdict(score, counts),
        counts=counts,
        unrecognised=tools,
    )
