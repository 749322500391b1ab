"""Scores gapcheck on SkillSpan's tech job ads (Zhang et al., NAACL 2022, CC BY 4.0), read from CoNLL files.

Each file is a run of job postings, one sentence a block of "token<TAB>skill_tag<TAB>knowledge_tag" lines (BIO).
Sentences are detokenised by joining tokens with spaces, so every token keeps its character offsets; the
sentences of one posting, one a line, become one job-ad Document that goes through the ordinary extraction.

- mention precision: share of gapcheck's mentions that overlap a gold SKILL or KNOWLEDGE span;
- knowledge recall: share of gold KNOWLEDGE spans that a gapcheck mention overlaps.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from gapcheck.eval import Report, Score
from gapcheck.extract import find_skills
from gapcheck.ingest.sections import find_sections
from gapcheck.model import Document
from gapcheck.nlp import build_pipeline
from gapcheck.taxonomy import cached_taxonomy

DEV = "skillspan_tech_dev.conll"
TRAIN = "skillspan_tech_train.conll"
# A posting's header: its title line, then the company's address line, then this line.
_POSTING_MARK = "Date posted:"
_HEADER_LINES = 2


@dataclass
class Sentence:
    """One detokenised sentence with its gold spans as character offsets into `text`."""

    text: str
    skills: list[tuple[int, int]] = field(default_factory=list)
    knowledge: list[tuple[int, int]] = field(default_factory=list)


def default_folder(repo: Path | None = None) -> Path:
    """Where CI keeps the data: `../shared/data/skillspan` beside the repository."""
    root = repo or Path(__file__).resolve().parents[2]
    return root.parent / "shared" / "data" / "skillspan"


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


def postings(sentences: Sequence[Sentence]) -> Iterator[list[Sentence]]:
    """Split the run of sentences into postings: each starts two lines before its "Date posted:" line."""
    starts = [
        max(0, index - _HEADER_LINES)
        for index, sentence in enumerate(sentences)
        if sentence.text.startswith(_POSTING_MARK)
    ]
    bounds = sorted({0, *starts, len(sentences)})
    for first, last in zip(bounds, bounds[1:], strict=False):
        if last > first:
            yield list(sentences[first:last])


def evaluate(path: Path, taxonomy_files: tuple[str, ...] = (), name: str | None = None) -> Report:
    """Return mention precision and knowledge recall on one CoNLL file, with the commonest errors."""
    taxonomy = cached_taxonomy(taxonomy_files)
    nlp = build_pipeline(taxonomy_files)
    groups = list(postings(read_conll(path)))
    documents = []
    for number, group in enumerate(groups):
        text = "\n".join(sentence.text for sentence in group)
        documents.append(
            Document(source=f"{path.name}#{number}", text=text, kind="job", sections=find_sections(text, "job"))
        )
    report = Report(
        name=name or path.stem,
        score=Score(),
        precision_label="mention precision",
        recall_label="knowledge recall",
    )
    for group, extraction in zip(groups, find_skills(nlp, taxonomy, documents), strict=True):
        mentions = sorted(
            ((m.start, m.end, m.text, s.id) for s in extraction.skills for m in s.mentions), key=lambda m: m[0]
        )
        _score_posting(group, mentions, report)
    return report


def _score_posting(group: Sequence[Sentence], mentions: Sequence[tuple[int, int, str, str]], report: Report) -> None:
    offset = 0
    for sentence in group:
        end = offset + len(sentence.text)
        here = [(start - offset, stop - offset, text, skill) for start, stop, text, skill in mentions
                if offset <= start < end]  # fmt: skip
        gold = [*sentence.skills, *sentence.knowledge]
        for start, stop, text, skill in here:
            if any(_overlap(start, stop, span) for span in gold):
                report.score.found_right += 1
            else:
                report.score.found_wrong += 1
                report.false_positives[f"{text.lower()} ({skill})"] += 1
        for span in sentence.knowledge:
            if any(_overlap(start, stop, span) for start, stop, _, _ in here):
                report.score.gold_found += 1
            else:
                report.score.gold_missed += 1
                report.false_negatives[sentence.text[span[0] : span[1]].lower()] += 1
        offset = end + 1


def _overlap(start: int, end: int, span: tuple[int, int]) -> bool:
    return start < span[1] and span[0] < end
