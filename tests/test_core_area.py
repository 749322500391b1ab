"""The core-area ceiling (taxonomy/scoring.toml [core_area]): a role profile's score stays within a few points of
the share of its core area the resume earns, and the report shows the ceiling beside the sum it lowers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from gapcheck import pipeline
from gapcheck.compare import core_area_ceiling, scoring
from gapcheck.ingest import read_document
from gapcheck.model import Analysis, AreaCoverage, Job
from gapcheck.report import render_html, render_json, render_text

TESTS = Path(__file__).parent
TODAY = dt.date(2026, 12, 1)


def against_role(kit: pipeline.Toolkit, resume: Path, role: str) -> Analysis:
    document = read_document(resume, kind="resume")
    return pipeline.analyze_document(kit, document, pipeline.job_from_role_name(kit, role), today=TODAY)


@pytest.fixture(scope="module")
def backend_as_ml(kit: pipeline.Toolkit) -> Analysis:
    """A Go backend engineer (public sample PDF) against the machine learning engineer profile."""
    return against_role(kit, TESTS / "fixtures" / "template-two-column.pdf", "ml-engineer")


def areas(core_percent: float) -> list[AreaCoverage]:
    """Area coverage as compare builds it, heaviest area first."""
    return [
        AreaCoverage("ml-algorithms", "Machine learning", 0.4, 1.0, 6.0, core_percent, 1, 4),
        AreaCoverage("software-engineering", "Software engineering", 0.3, 4.5, 4.5, 100.0, 4, 4),
    ]


def test_a_role_score_is_held_near_its_core_area_and_an_ad_is_left_alone():
    slack = float(scoring()["core_area"]["slack"])
    role, ad = Job("role:x", "X", "role"), Job("ad.txt", "X", "ad")
    held = core_area_ceiling(role, areas(20.0), 60.0)
    assert held is not None
    assert held["score"] == pytest.approx(20.0 + slack)
    assert (held["area"], held["uncapped"]) == ("ml-algorithms", 60.0)
    assert core_area_ceiling(role, areas(20.0), 20.0 + slack - 1) is None
    assert core_area_ceiling(ad, areas(20.0), 60.0) is None


def test_a_backend_engineer_is_held_near_the_ml_core_he_lacks(backend_as_ml):
    """The profile's general software skills carry about half its weight; a coach says 20-35, not near 50."""
    held = backend_as_ml.method.core_area_ceiling
    core = backend_as_ml.areas[0]
    assert held["area"] == core.id == "ml-algorithms"
    assert core.percent < 30
    assert held["uncapped"] > backend_as_ml.score == pytest.approx(core.percent + held["slack"], abs=0.05)
    assert 20 <= backend_as_ml.score <= 35
    assert backend_as_ml.verdict.startswith("Early stage")


def test_a_strong_resume_is_not_held_by_its_core(kit):
    analysis = against_role(kit, TESTS / "advice" / "resumes" / "ml_engineer_solid.txt", "ml-engineer")
    assert analysis.method.core_area_ceiling is None
    assert analysis.score >= 75


def test_the_reports_show_the_ceiling_and_the_sum_it_lowered(backend_as_ml):
    held = backend_as_ml.method.core_area_ceiling
    text = render_text(backend_as_ml)
    assert f"Score held at {held['score']:g} (from {held['uncapped']:g})" in text
    assert held["name"] in text
    html = render_html(backend_as_ml)
    assert "Core-area ceiling" in html
    assert f"held at {held['score']:g} by the core-area ceiling" in html
    assert json.loads(render_json(backend_as_ml))["method"]["core_area_ceiling"]["uncapped"] == held["uncapped"]
