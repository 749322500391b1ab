"""What implied credit and quick wins may say (issue 16, coach review #6 and #7): a computing degree only suggests
its maths, quick wins are few and most valuable first, and no cliche is ever advised."""

from __future__ import annotations

import pytest

from gapcheck import pipeline
from gapcheck.compare import quick_wins, scoring
from gapcheck.infer import rule_errors
from gapcheck.ingest import read_text
from gapcheck.model import IMPORTANCE_ORDER
from gapcheck.proof import proof_settings
from gapcheck.report import render_html, render_text
from gapcheck.taxonomy import cached_taxonomy

BACKEND = """Sam Lee
sam@example.com | github.com/samlee

Experience
Senior Backend Engineer, Acme (2015-2024)
- Built the payments API in Go and Node.js on PostgreSQL.
- Ran the services on Kubernetes with Datadog dashboards.

Education
Bachelor of Science, Computer Science, 2014

Skills
Go, Node.js, PostgreSQL, Kubernetes, Datadog

Languages
English, French, Spanish
"""


@pytest.fixture(scope="module")
def backend_vs_ml(kit):
    document = read_text(BACKEND, "cv.txt", kind="resume")
    return pipeline.analyze_document(kit, document, pipeline.job_from_role_name(kit, "ml-engineer"))


@pytest.mark.parametrize("name", ["Linear algebra", "Probability"])
def test_a_computing_degree_only_suggests_its_maths(backend_vs_ml, name):
    units = [u for u in backend_vs_ml.requirements if u.name == name]
    assert units, [u.name for u in backend_vs_ml.requirements]
    assert units[0].credit <= 0.35 and "only suggested" in units[0].why.lower()


def test_spoken_languages_never_imply_communication():
    taxonomy = cached_taxonomy()
    for language in proof_settings()["spoken_languages"]:
        assert "communication" not in taxonomy.implied_by(language), language


def test_quick_wins_are_few_most_valuable_first_and_never_a_cliche(backend_vs_ml, kit):
    shown, more = backend_vs_ml.quick_wins, backend_vs_ml.more_quick_wins
    assert len(shown) <= scoring()["quick_wins"]["in_full"]
    everything = [*shown, *more]
    assert everything == quick_wins(backend_vs_ml.requirements, kit.taxonomy)
    keys = [(IMPORTANCE_ORDER.index(u.importance), -u.weight) for u in everything]
    assert keys == sorted(keys)
    soft = set(scoring()["gaps"]["late_kinds"])
    for unit in everything:
        kinds = {kit.taxonomy.skills[m].kind for m in unit.members if m in kit.taxonomy.skills}
        assert not (unit.status == "implied" and kinds <= soft), unit.name
        assert "communication skills" not in unit.note.lower()


@pytest.mark.parametrize(("max_credit", "ok"), [(0.35, True), (1.0, True), (1.5, False), ("high", False)])
def test_max_credit_is_validated(max_credit, ok):
    rule = {"name": "x", "degree_fields": ["computer-science"], "implies": ["calculus"], "max_credit": max_credit}
    assert (rule_errors(cached_taxonomy(), {"rule": [rule]}) == []) is ok


def test_reports_fold_the_quick_wins_beyond_the_first_few(backend_vs_ml):
    more = backend_vs_ml.more_quick_wins
    assert more, "the example should have more quick wins than are shown in full"
    text = render_text(backend_vs_ml)
    assert f"Quick wins ({len(backend_vs_ml.quick_wins) + len(more)})" in text
    assert f"{len(more)} more, each worth less: " in text and more[-1].name in text
    page = render_html(backend_vs_ml)
    assert f"{len(more)} more quick win" in page
