"""Scores gapcheck on its own annotated corpus (`tests/corpus/`): whole documents and the trap sentences.

A document scores by skill set: precision is the share of found stated skills that are gold, recall the share
of gold skills found. Gold names go through `Taxonomy.lookup`, so they do not depend on ids; a gold name the
taxonomy does not know is a miss. A trap names skills that must and must not be found in one sentence.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gapcheck.eval import Report, Score
from gapcheck.ingest import read_text
from gapcheck.model import Document, DocumentKind
from gapcheck.nlp import build_pipeline
from gapcheck.skills.find import find_skills
from gapcheck.taxonomy import Taxonomy, cached_taxonomy

GOLD_FILE = "gold.toml"
TRAPS_FILE = "traps.toml"


def default_folder() -> Path:
    """The corpus kept in the repository, `tests/corpus/`: under the current folder, else beside the source."""
    return repository_root() / "tests" / "corpus"


def repository_root() -> Path:
    """The checkout to measure: the current folder when it holds the corpus (an installed gapcheck has no
    tests beside it), else the folder above this package (an editable install or a plain checkout)."""
    for candidate in (Path.cwd(), Path(__file__).resolve().parents[2]):
        if (candidate / "tests" / "corpus" / GOLD_FILE).is_file():
            return candidate
    return Path.cwd()


@dataclass
class DocumentScore:
    """One document's found and gold skill sets (by id, or the unknown gold name)."""

    name: str
    found: set[str]
    gold: set[str]
    unknown: list[str] = field(default_factory=list)

    @property
    def score(self) -> Score:
        right = len(self.found & self.gold)
        return Score(right, len(self.found - self.gold), right, len(self.gold - self.found))


def _read_toml(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _resolve(names: list[str], taxonomy: Taxonomy) -> tuple[set[str], list[str]]:
    """Gold ids for the names; a name the taxonomy lacks stays as "?name" so that it counts as a miss."""
    ids: set[str] = set()
    unknown: list[str] = []
    for name in names:
        skill = taxonomy.lookup(name)
        if skill is None:
            unknown.append(name)
            ids.add(f"?{name}")
        else:
            ids.add(skill.id)
    return ids, unknown


def _stated(documents: list[Document], taxonomy_files: tuple[str, ...]) -> list[set[str]]:
    extractions = find_skills(build_pipeline(taxonomy_files), cached_taxonomy(taxonomy_files), documents)
    return [{skill.id for skill in extraction.skills if skill.stated} for extraction in extractions]


def score_documents(folder: Path, taxonomy_files: tuple[str, ...] = ()) -> list[DocumentScore]:
    """Return each annotated document's found and gold skills."""
    taxonomy = cached_taxonomy(taxonomy_files)
    gold = _read_toml(folder / GOLD_FILE)
    names = sorted(gold)
    documents = [
        read_text((folder / f"{name}.txt").read_text(encoding="utf-8"), f"{name}.txt", kind=gold[name]["kind"])
        for name in names
    ]
    scores = []
    for name, found in zip(names, _stated(documents, taxonomy_files), strict=True):
        ids, unknown = _resolve(gold[name]["skills"], taxonomy)
        scores.append(DocumentScore(name=name, found=found, gold=ids, unknown=unknown))
    return scores


def evaluate_documents(folder: Path, taxonomy_files: tuple[str, ...] = ()) -> Report:
    """Return the corpus's precision and recall over all documents, and the commonest wrong skills."""
    report = Report(name="own corpus", score=Score())
    taxonomy = cached_taxonomy(taxonomy_files)
    documents = score_documents(folder, taxonomy_files)
    for document in documents:
        report.score.add(document.score)
        for skill_id in document.found - document.gold:
            report.false_positives[f"{skill_id} ({document.name})"] += 1
        for skill_id in document.gold - document.found:
            label = skill_id if skill_id.startswith("?") else taxonomy.skills[skill_id].name
            report.false_negatives[f"{label} ({document.name})"] += 1
    unknown = sorted({f"?{n}" for d in documents for n in d.unknown})
    if unknown:
        report.notes.append(f"{len(unknown)} gold names not in the taxonomy: {', '.join(unknown)}")
    return report


@dataclass
class TrapResult:
    """One trap sentence and what went wrong in it."""

    sentence: str
    found: set[str]
    expected: set[str]
    wrongly_found: list[str]
    missed: list[str]


def run_traps(folder: Path, taxonomy_files: tuple[str, ...] = ()) -> list[TrapResult]:
    """Return every trap with the skills found in it that must not be, and those missed that must be."""
    taxonomy = cached_taxonomy(taxonomy_files)
    traps = _read_toml(folder / TRAPS_FILE)["trap"]
    documents = [
        read_text(trap["sentence"], f"trap {number + 1}", kind=_kind(trap.get("kind", "resume")))
        for number, trap in enumerate(traps)
    ]
    results = []
    for trap, found in zip(traps, _stated(documents, taxonomy_files), strict=True):
        must, _ = _resolve(trap.get("must_find", []), taxonomy)
        must_not, _ = _resolve(trap.get("must_not_find", []), taxonomy)
        results.append(
            TrapResult(
                sentence=trap["sentence"],
                found=found,
                expected=must,
                wrongly_found=sorted(found & must_not),
                missed=sorted(must - found),
            )
        )
    return results


def _kind(value: str) -> DocumentKind:
    return "job" if value == "job" else "resume"


def evaluate_traps(folder: Path, taxonomy_files: tuple[str, ...] = ()) -> Report:
    """Return the trap suite's score: wrongly found names are false positives, missed ones false negatives."""
    report = Report(name="traps", score=Score())
    for result in run_traps(folder, taxonomy_files):
        right = len(result.expected & result.found)
        report.score.add(Score(right, len(result.wrongly_found), right, len(result.missed)))
        for skill_id in result.wrongly_found:
            report.false_positives[f"{skill_id}: {result.sentence!r}"] += 1
        for skill_id in result.missed:
            report.false_negatives[f"{skill_id}: {result.sentence!r}"] += 1
    return report
