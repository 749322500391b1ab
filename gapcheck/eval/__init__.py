"""Measures how well gapcheck finds skills: on our annotated corpus, the trap suite and SkillSpan.

Run `python -m gapcheck.eval` from the repository; `tests/test_eval.py` holds each figure above its floor.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Score:
    """Counts behind precision (of what was found, how much is right) and recall (of the gold, how much was found).

    They are counted apart because on SkillSpan a found mention and a gold span are different units.
    """

    found_right: int = 0
    found_wrong: int = 0
    gold_found: int = 0
    gold_missed: int = 0

    def add(self, other: Score) -> None:
        self.found_right += other.found_right
        self.found_wrong += other.found_wrong
        self.gold_found += other.gold_found
        self.gold_missed += other.gold_missed

    @property
    def precision(self) -> float:
        found = self.found_right + self.found_wrong
        return self.found_right / found if found else 1.0

    @property
    def recall(self) -> float:
        gold = self.gold_found + self.gold_missed
        return self.gold_found / gold if gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    """One corpus's figures and its most frequent mistakes."""

    name: str
    score: Score
    false_positives: Counter[str] = field(default_factory=Counter)
    false_negatives: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    # Some corpora score two different things (SkillSpan: mention precision, knowledge recall).
    precision_label: str = "precision"
    recall_label: str = "recall"
