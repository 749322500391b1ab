"""Scores the open vocabulary on the own corpus: the unrecognised tools gapcheck reads from each document and
trap sentence, against the `tools` named in `gold.toml` and `traps.toml`.

A tool counts by its normalised name (`open_vocabulary.tool_key`), so "Drone CI" and "drone-ci" are one.
Precision is the share of the unrecognised tools read that are gold; recall the share of gold tools read.
Resumes and job ads are scored apart. In the traps no tool is gold unless a trap names it: every tool read
from their prose is a false positive.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gapcheck import pipeline
from gapcheck.eval import Report, Score
from gapcheck.eval.corpus import GOLD_FILE, TRAPS_FILE, _kind, _read_toml
from gapcheck.ingest import read_text
from gapcheck.open_vocabulary import tool_key


@dataclass
class ToolResult:
    """The unrecognised tools read from one document or trap, and those that should be, by normalised name."""

    name: str
    kind: str
    found: dict[str, str]  # key -> name as read
    gold: dict[str, str]  # key -> name as annotated

    @property
    def score(self) -> Score:
        right = len(self.found.keys() & self.gold.keys())
        return Score(right, len(self.found.keys() - self.gold.keys()), right, len(self.gold.keys() - self.found.keys()))


def _results(names: list[str], texts: list[str], kinds: list[str], gold: list[list[str]], files: tuple[str, ...]):
    kit = pipeline.toolkit(files)
    documents = [read_text(text, name, kind=_kind(kind)) for name, text, kind in zip(names, texts, kinds, strict=True)]
    extractions = pipeline.extract_documents(kit, documents)
    return [
        ToolResult(
            name=name,
            kind=kind,
            found={tool_key(tool.name): tool.name for tool in extraction.unrecognised},
            gold={tool_key(tool): tool for tool in tools},
        )
        for name, kind, tools, extraction in zip(names, kinds, gold, extractions, strict=True)
    ]


def document_results(folder: Path, taxonomy_files: tuple[str, ...] = ()) -> list[ToolResult]:
    """The unrecognised tools of every annotated document."""
    gold = _read_toml(folder / GOLD_FILE)
    names = sorted(gold)
    texts = [(folder / f"{name}.txt").read_text(encoding="utf-8") for name in names]
    kinds = [gold[name]["kind"] for name in names]
    return _results(names, texts, kinds, [gold[name].get("tools", []) for name in names], taxonomy_files)


def trap_results(folder: Path, taxonomy_files: tuple[str, ...] = ()) -> list[ToolResult]:
    """The unrecognised tools of every trap sentence."""
    traps = _read_toml(folder / TRAPS_FILE)["trap"]
    return _results(
        [trap["sentence"] for trap in traps],
        [trap["sentence"] for trap in traps],
        [trap.get("kind", "resume") for trap in traps],
        [trap.get("tools", []) for trap in traps],
        taxonomy_files,
    )


def _report(name: str, results: list[ToolResult]) -> Report:
    report = Report(name=name, score=Score())
    for result in results:
        report.score.add(result.score)
        label = result.name if "\n" not in result.name and len(result.name) < 40 else repr(result.name[:60])
        for key in result.found.keys() - result.gold.keys():
            report.false_positives[f"{result.found[key]} ({label})"] += 1
        for key in result.gold.keys() - result.found.keys():
            report.false_negatives[f"{result.gold[key]} ({label})"] += 1
    return report


def evaluate(folder: Path, taxonomy_files: tuple[str, ...] = ()) -> list[Report]:
    """The open vocabulary's figures: on the resumes, on the job ads, and on the traps."""
    documents = document_results(folder, taxonomy_files)
    return [
        _report("unrecognised tools, resumes", [r for r in documents if r.kind == "resume"]),
        _report("unrecognised tools, job ads", [r for r in documents if r.kind == "job"]),
        _report("unrecognised tools, traps", trap_results(folder, taxonomy_files)),
    ]
