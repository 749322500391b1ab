"""The text report: names cut at a word, and a context skill counted "to learn" is said, not left unexplained."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gapcheck.api import analyze, render
from gapcheck.report import _clip, _column

TESTS = Path(__file__).parent


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("relational databases (e.g. PostgreSQL, MySQL)", "relational databases..."),
        ("message queues (e.g. RabbitMQ, Kafka)", "message queues..."),
        ("Prometheus or Grafana or Datadog", "Prometheus or Grafana or..."),
        ("MLOps or DevOps or ML engineering", "MLOps or DevOps or ML..."),
        ("Kubernetes", "Kubernetes"),
    ],
)
def test_a_long_name_is_cut_at_a_word(name: str, expected: str) -> None:
    assert _clip(name, 28) == expected
    assert _column(name, 28) == f"{expected:<28}"


def test_one_long_word_is_still_cut_to_the_width() -> None:
    assert _clip("Supercalifragilisticexpialidocious", 12) == "Supercali..."


def test_a_context_skill_to_learn_is_named_under_the_gaps() -> None:
    analysis = analyze(TESTS / "corpus/resume_mlops_g.txt", TESTS / "ads/19-mlops.txt", today=dt.date(2026, 12, 1))
    context = [u.name for u in analysis.requirements if u.importance == "context" and u.group == "learn"]
    assert context and not analysis.missing
    text = render(analysis, "text")
    assert f"1 to learn, not ranked as the job ad names it only in passing: {context[0]}" in text
    assert "MLOps or DevOps or ML..." in text


def test_the_html_report_names_a_context_skill_to_learn_too() -> None:
    analysis = analyze(TESTS / "corpus/resume_mlops_g.txt", TESTS / "ads/19-mlops.txt", today=dt.date(2026, 12, 1))
    html = render(analysis, "html")
    assert "Not ranked, as the job ad names it only in passing: Feature engineering." in html
