"""Scores how gapcheck reads job ads (`tests/ads/`): each `NAME.txt` ad has a `NAME.toml` gold reading.

Gold keys: `title`, `seniority` ("" for none), `years` (absent for none), `degree` (level id, "" for none),
`required` (must-have or asked), `must` (of those, the ones a recruiter reads as must-have: under "Must have",
named in the title, asked with "must"), `not_must` (names that must not be must-haves: boilerplate soft skills),
`preferred` (nice-to-have), `also` (names that may be read either way: a
broad skill the ad implies, a skill named in the duties; neither right nor wrong), `groups` (alternatives:
lists of names of which one meets the ad), `traps` (names that must not be read as any requirement, not even
as context). Names go through `Taxonomy.lookup`; a name it does not know is an error in the gold file.

Figures: required recall (gold required skills read as must-have or asked), skill precision (of the skills read
as must-have, asked or nice-to-have, the share gold names in `required`, `preferred` or `also`), trap hits,
must-haves right (gold `must` read as must-have) and must-haves wrong (gold `not_must` read as must-have),
titles right (the same words, ignoring case and punctuation), years right, groups right (each gold group's
members share one group in the reading).
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from gapcheck.eval.corpus import repository_root
from gapcheck.ingest import read_text
from gapcheck.model import Job
from gapcheck.pipeline import job_from_document, toolkit
from gapcheck.taxonomy import Taxonomy

ASKED = ("must", "required")


def default_folder() -> Path:
    return repository_root() / "tests" / "ads"


@dataclass
class AdScore:
    """One ad's reading against its gold."""

    name: str
    required_found: set[str]
    required_missed: set[str]
    right: set[str]
    wrong: set[str]
    trap_hits: set[str]
    title: tuple[str, str]
    seniority: tuple[str, str]
    years: tuple[float | None, float | None]
    degree: tuple[str, str]
    groups_right: int
    groups_total: int
    groups_wrong: list[str] = field(default_factory=list)
    must_found: set[str] = field(default_factory=set)
    must_missed: set[str] = field(default_factory=set)
    must_wrong: set[str] = field(default_factory=set)

    @property
    def title_right(self) -> bool:
        return _words(self.title[0]) == _words(self.title[1])


@dataclass
class AdsReport:
    """The figures over all ads, and the ads' own scores for the worst errors."""

    ads: list[AdScore] = field(default_factory=list)

    def _sum(self, attribute: str) -> int:
        return sum(len(getattr(ad, attribute)) for ad in self.ads)

    def _share(self, good: str, bad: str) -> float:
        """The share of `good` among `good` and `bad` over all ads (1.0 when there are none)."""
        right, wrong = self._sum(good), self._sum(bad)
        return right / (right + wrong) if right + wrong else 1.0

    @property
    def required_recall(self) -> float:
        return self._share("required_found", "required_missed")

    @property
    def precision(self) -> float:
        return self._share("right", "wrong")

    @property
    def must_recall(self) -> float:
        return self._share("must_found", "must_missed")

    @property
    def trap_hits(self) -> int:
        return self._sum("trap_hits")

    def share(self, test: str) -> float:
        checks = {
            "title": lambda ad: ad.title_right,
            "seniority": lambda ad: ad.seniority[0] == ad.seniority[1],
            "years": lambda ad: ad.years[0] == ad.years[1],
            "degree": lambda ad: ad.degree[0] == ad.degree[1],
        }
        return sum(checks[test](ad) for ad in self.ads) / len(self.ads) if self.ads else 1.0

    @property
    def groups(self) -> float:
        total = sum(ad.groups_total for ad in self.ads)
        return sum(ad.groups_right for ad in self.ads) / total if total else 1.0


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9+#]+", text.lower())


def _ids(names: list[str], taxonomy: Taxonomy, where: str) -> set[str]:
    ids = set()
    for name in names:
        skill = taxonomy.lookup(name)
        if skill is None:
            raise ValueError(f"{where}: the taxonomy does not know '{name}'")
        ids.add(skill.id)
    return ids


def score_ad(name: str, job: Job, gold: dict, taxonomy: Taxonomy) -> AdScore:
    """Return one ad's reading scored against its gold."""
    required = _ids(gold.get("required", []), taxonomy, name)
    preferred = _ids(gold.get("preferred", []), taxonomy, name)
    either = _ids(gold.get("also", []), taxonomy, name)
    traps = _ids(gold.get("traps", []), taxonomy, name)
    must = _ids(gold.get("must", []), taxonomy, name)
    not_must = _ids(gold.get("not_must", []), taxonomy, name)
    tiers = {skill.id: skill.importance for skill in job.skills}
    groups = {skill.id: skill.group for skill in job.skills}
    asked = {i for i, tier in tiers.items() if tier in ASKED}
    read = {i for i, tier in tiers.items() if tier != "context"}
    gold_groups = [_ids(group, taxonomy, name) for group in gold.get("groups", [])]
    wrong_groups = [
        " / ".join(sorted(f"{i}={groups.get(i)}" for i in group))
        for group in gold_groups
        if len({groups.get(i) for i in group}) != 1 or not groups.get(next(iter(group)))
    ]
    reading = job.reading
    return AdScore(
        name=name,
        required_found=required & asked,
        required_missed=required - asked,
        right=read & (required | preferred | either),
        wrong=read - (required | preferred | either),
        trap_hits=traps & set(tiers),
        title=(reading.title if reading else job.title, gold.get("title", "")),
        seniority=(reading.seniority if reading else "", gold.get("seniority", "")),
        years=(reading.years if reading else None, float(gold["years"]) if "years" in gold else None),
        degree=(_degree_level(job), gold.get("degree", "")),
        groups_right=len(gold_groups) - len(wrong_groups),
        groups_total=len(gold_groups),
        groups_wrong=wrong_groups,
        must_found={i for i in must if tiers.get(i) == "must"},
        must_missed={i for i in must if tiers.get(i) != "must"},
        must_wrong={i for i in not_must if tiers.get(i) == "must"},
    )


def _degree_level(job: Job) -> str:
    from gapcheck.job.degree import degree_asked

    ask = degree_asked(job.reading.degrees) if job.reading else None
    return ask.level.id if ask else ""


def evaluate(folder: Path | None = None, taxonomy_files: tuple[str, ...] = ()) -> AdsReport:
    """Read every ad of the folder and score its reading."""
    folder = folder or default_folder()
    kit = toolkit(taxonomy_files)
    report = AdsReport()
    for gold_path in sorted(folder.glob("*.toml")):
        ad_path = gold_path.with_suffix(".txt")
        with gold_path.open("rb") as handle:
            gold = tomllib.load(handle)
        document = read_text(ad_path.read_text(encoding="utf-8"), ad_path.name, kind="job")
        job = job_from_document(kit, document)
        report.ads.append(score_ad(gold_path.stem, job, gold, kit.taxonomy))
    return report


def format_ads(report: AdsReport, top: int = 10) -> str:
    """Return the figures and the commonest mistakes, as text."""
    lines = [
        f"== job ads ({len(report.ads)} ads)",
        f"   required recall {report.required_recall:.3f}   skill precision {report.precision:.3f}"
        f"   trap hits {report.trap_hits}",
        f"   titles right {report.share('title'):.3f}   years right {report.share('years'):.3f}"
        f"   seniority right {report.share('seniority'):.3f}   degree right {report.share('degree'):.3f}"
        f"   groups right {report.groups:.3f}",
        f"   must-haves right {report.must_recall:.3f} ({report._sum('must_found')} of "
        f"{report._sum('must_found') + report._sum('must_missed')})   must-haves wrong {report._sum('must_wrong')}",
    ]
    errors: dict[str, Counter[str]] = {"missed required": Counter(), "read but not asked": Counter(),
                                       "trap hits": Counter(), "must-have not read as one": Counter(),
                                       "read as must-have, gold says not": Counter()}  # fmt: skip
    for ad in report.ads:
        errors["missed required"].update(f"{i} ({ad.name})" for i in ad.required_missed)
        errors["read but not asked"].update(f"{i} ({ad.name})" for i in ad.wrong)
        errors["trap hits"].update(f"{i} ({ad.name})" for i in ad.trap_hits)
        errors["must-have not read as one"].update(f"{i} ({ad.name})" for i in ad.must_missed)
        errors["read as must-have, gold says not"].update(f"{i} ({ad.name})" for i in ad.must_wrong)
    for title, counter in errors.items():
        if counter:
            lines.append(f"   {title}:")
            lines.extend(f"     {label}" for label, _ in counter.most_common(top))
    for ad in report.ads:
        if not ad.title_right:
            lines.append(f"   title: {ad.name}: read {ad.title[0]!r}, gold {ad.title[1]!r}")
        if ad.years[0] != ad.years[1]:
            lines.append(f"   years: {ad.name}: read {ad.years[0]}, gold {ad.years[1]}")
        if ad.seniority[0] != ad.seniority[1]:
            lines.append(f"   seniority: {ad.name}: read {ad.seniority[0]!r}, gold {ad.seniority[1]!r}")
        for group in ad.groups_wrong:
            lines.append(f"   group: {ad.name}: {group}")
        if ad.degree[0] != ad.degree[1]:
            lines.append(f"   degree: {ad.name}: read {ad.degree[0]!r}, gold {ad.degree[1]!r}")
    return "\n".join(lines)


def as_json(report: AdsReport) -> dict[str, object]:
    return {
        "name": "job ads",
        "ads": len(report.ads),
        "required_recall": round(report.required_recall, 4),
        "precision": round(report.precision, 4),
        "trap_hits": report.trap_hits,
        "titles_right": round(report.share("title"), 4),
        "years_right": round(report.share("years"), 4),
        "seniority_right": round(report.share("seniority"), 4),
        "degree_right": round(report.share("degree"), 4),
        "groups_right": round(report.groups, 4),
        "must_right": round(report.must_recall, 4),
        "must_wrong": report._sum("must_wrong"),
    }
