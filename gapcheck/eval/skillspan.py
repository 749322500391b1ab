"""Scores gapcheck on SkillSpan's tech job ads (Zhang et al., NAACL 2022, CC BY 4.0), read from CoNLL files.

Each file is a run of job postings, one sentence a block of "token<TAB>skill_tag<TAB>knowledge_tag" lines (BIO).
Sentences are detokenised by joining tokens with spaces, so every token keeps its character offsets, and go
through the pipeline one by one in a batch. They carry no sections: the ads' layout is lost in the data (some
postings run together with no boundary), so the score is the matcher's and its evidence rules', not the
section logic's.

- mention precision: share of gapcheck's mentions that overlap a gold SKILL or KNOWLEDGE span;
- knowledge recall: share of gold KNOWLEDGE spans that a gapcheck mention overlaps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from gapcheck.eval import Report, Score
from gapcheck.nlp import build_pipeline, find_skill_spans

DEV = "skillspan_tech_dev.conll"
TRAIN = "skillspan_tech_train.conll"


@dataclass
class Sentence:
    """One detokenised sentence with its gold spans as character offsets into `text`."""

    text: str
    skills: list[tuple[int, int]] = field(default_factory=list)
    knowledge: list[tuple[int, int]] = field(default_factory=list)


def default_folder(repo: Path | None = None) -> Path:
    """Where CI keeps the data: `../shared/data/skillspan` beside the repository."""
    from gapcheck.eval.corpus import repository_root

    return (repo or repository_root()).parent / "shared" / "data" / "skillspan"


def read_conll(path: Path) -> list[Sentence]:
    """Return the sentences of a SkillSpan CoNLL file."""
    sentences: list[Sentence] = []
    rows: list[list[str]] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line.strip():
                if rows:
                    sentences.append(_sentence(rows))
                    rows = []
                continue
            rows.append(line.split("\t"))
    if rows:
        sentences.append(_sentence(rows))
    return sentences


def _sentence(rows: Sequence[Sequence[str]]) -> Sentence:
    offsets: list[tuple[int, int]] = []
    position = 0
    for row in rows:
        offsets.append((position, position + len(row[0])))
        position += len(row[0]) + 1
    text = " ".join(row[0] for row in rows)
    return Sentence(text=text, skills=_spans(rows, 1, offsets), knowledge=_spans(rows, 2, offsets))


def _spans(rows: Sequence[Sequence[str]], column: int, offsets: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans of the BIO runs in one tag column (an I after O starts a span too)."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for index, row in enumerate(rows):
        tag = row[column] if column < len(row) else "O"
        if tag.startswith("B") or (tag.startswith("I") and start is None):
            if start is not None:
                spans.append((offsets[start][0], offsets[index - 1][1]))
            start = index
        elif not tag.startswith("I") and start is not None:
            spans.append((offsets[start][0], offsets[index - 1][1]))
            start = None
    if start is not None:
        spans.append((offsets[start][0], offsets[-1][1]))
    return spans


def evaluate(path: Path, taxonomy_files: tuple[str, ...] = (), name: str | None = None) -> Report:
    """Return mention precision and knowledge recall on one CoNLL file, with the commonest errors."""
    sentences = read_conll(path)
    docs = find_skill_spans(build_pipeline(taxonomy_files), (sentence.text for sentence in sentences))
    report = Report(
        name=name or path.stem,
        score=Score(),
        precision_label="mention precision",
        recall_label="knowledge recall",
    )
    for sentence, doc in zip(sentences, docs, strict=True):
        mentions = [(span.start_char, span.end_char, span.text, span.label_) for span in doc.spans["skills"]]
        _score_sentence(sentence, mentions, report)
    return report


def _score_sentence(sentence: Sentence, mentions: Sequence[tuple[int, int, str, str]], report: Report) -> None:
    gold = [*sentence.skills, *sentence.knowledge]
    for start, stop, text, skill in mentions:
        if any(_overlap(start, stop, span) for span in gold):
            report.score.found_right += 1
        else:
            report.score.found_wrong += 1
            report.false_positives[f"{text.lower()} ({skill})"] += 1
    for span in sentence.knowledge:
        if any(_overlap(start, stop, span) for start, stop, _, _ in mentions):
            report.score.gold_found += 1
        else:
            report.score.gold_missed += 1
            report.false_negatives[sentence.text[span[0] : span[1]].lower()] += 1


def _overlap(start: int, end: int, span: tuple[int, int]) -> bool:
    return start < span[1] and span[0] < end
