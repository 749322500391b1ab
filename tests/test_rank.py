"""`gapcheck rank`: one resume against many saved ads, best fit first (gapcheck/rank.py)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from gapcheck.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"
JOBS = Path(__file__).parent / "jobs"
RANK_ADS = sorted(JOBS.glob("rank-*.txt"))
JOHN_DOE = FIXTURES / "john_doe.pdf"
if not JOHN_DOE.exists():
    JOHN_DOE = Path(__file__).parent.parent / "examples" / "john_doe.pdf"

FRONTEND_RESUME = """\
Maya Chen
Frontend Developer
maya@example.com | +1 415 555 0199 | github.com/mayachen

Experience
Frontend Developer, Pixel Co, Mar 2021 - Present
- Built a React and TypeScript design system with Redux state, used by 12 teams
- Cut page load time by 35% with code splitting
- Made every form pass accessibility audits with responsive layouts in HTML and CSS

Education
BSc Computer Science, 2017 - 2021

Skills
React, TypeScript, JavaScript, Redux, HTML, CSS, Figma
"""


def rank_json(runner: CliRunner, *args: str):
    result = runner.invoke(cli, ["rank", *args, "--format", "json"])
    return result, json.loads(result.stdout) if result.stdout.strip() else None


def test_fixture_ads_exist():
    assert len(RANK_ADS) >= 3


def test_the_ad_of_the_resumes_own_role_comes_first(runner):
    result, ranked = rank_json(runner, str(JOHN_DOE), *map(str, RANK_ADS))
    assert result.exit_code == 0, result.output
    assert ranked[0]["job"].endswith("rank-java-fullstack.txt")
    assert ranked[-1]["job"].endswith("rank-data-scientist.txt")
    overall = [entry["overall"] for entry in ranked]
    assert overall == sorted(overall, reverse=True)
    for entry in ranked:
        assert set(entry) == {"job", "title", "score", "missing_required", "fit", "overall", "parts", "fits",
                              "above_next"}  # fmt: skip
        assert set(entry["fit"]) == {"title", "experience", "education"}
        assert set(entry["parts"]) == {"skills", "title", "experience"}
    assert ranked[0]["title"] == "Full Stack Java Developer"
    assert ranked[0]["fit"]["title"]["verdict"] == "meets"
    assert "Python" in ranked[-1]["missing_required"]


def test_a_frontend_resume_puts_the_frontend_ad_first(runner, tmp_path):
    resume = tmp_path / "maya.txt"
    resume.write_text(FRONTEND_RESUME, encoding="utf-8")
    result, ranked = rank_json(runner, str(resume), str(JOBS))
    assert result.exit_code == 0, result.output
    assert ranked[0]["job"] == str(JOBS / "rank-frontend.txt")
    # The folder's SOURCE.md describes the fixtures and is not read as an ad.
    assert not any(entry["job"].endswith("SOURCE.md") for entry in ranked)


def test_ties_are_ordered_by_path(runner, tmp_path):
    for name in ("b.txt", "a.txt"):
        shutil.copy(JOBS / "rank-frontend.txt", tmp_path / name)
    resume = tmp_path / "maya.txt"
    resume.write_text(FRONTEND_RESUME, encoding="utf-8")
    result, ranked = rank_json(runner, str(resume), str(tmp_path / "b.txt"), str(tmp_path / "a.txt"))
    assert result.exit_code == 0, result.output
    assert [Path(entry["job"]).name for entry in ranked] == ["a.txt", "b.txt"]


def test_a_bad_ad_is_reported_and_skipped_with_exit_3(runner, tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("Call the recruiter on Monday.\n", encoding="utf-8")
    result, ranked = rank_json(runner, str(JOHN_DOE), str(RANK_ADS[0]), str(bad), str(tmp_path / "gone.txt"))
    assert result.exit_code == 3
    assert len(ranked) == 1
    assert "notes.txt" in result.stderr and "gone.txt" in result.stderr


def test_all_ads_bad_is_exit_1(runner, tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("Call the recruiter on Monday.\n", encoding="utf-8")
    result = runner.invoke(cli, ["rank", str(JOHN_DOE), str(bad)])
    assert result.exit_code == 1
    assert "no job ad could be read" in result.stderr


def test_text_is_the_default(runner):
    result = runner.invoke(cli, ["rank", str(JOHN_DOE), *map(str, RANK_ADS)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "best fit first" in lines[0]
    assert "rank-java-fullstack.txt" in lines[2]
    assert "fit: title meets" in result.stdout


def test_html_is_one_escaped_self_contained_page(runner, tmp_path):
    ad = tmp_path / "evil.txt"
    ad.write_text("<script>alert(1)</script> Engineer\n\nRequirements\n- Java and SQL\n", encoding="utf-8")
    out = tmp_path / "ranking.html"
    result = runner.invoke(
        cli, ["rank", str(JOHN_DOE), str(ad), *map(str, RANK_ADS), "--format", "html", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html and "&lt;script&gt;" in html
    assert "http://" not in html and "https://" not in html
    assert html.index("rank-java-fullstack.txt") < html.index("rank-data-scientist.txt")


def test_rank_never_overwrites_an_input(runner):
    before = RANK_ADS[0].read_bytes()
    result = runner.invoke(cli, ["rank", str(JOHN_DOE), str(RANK_ADS[0]), "-o", str(RANK_ADS[0])])
    assert result.exit_code == 2
    assert RANK_ADS[0].read_bytes() == before


# ------------------------------------------------------------------------------------------ overall fit
COACH = Path(__file__).parent / "coach"


def test_a_product_manager_ranks_the_product_manager_ad_first_though_skills_alone_are_close():
    """The issue's case: a PM's skill scores against a PM ad and a full-stack ad that asks for Jira, SQL and Scrum
    are near each other; the title and the years in the field put the PM ad first, and say so."""
    from gapcheck.rank import overall_fit

    fit = {"title": {"verdict": "meets"}, "experience": {"verdict": "meets"}}
    other = {"title": {"verdict": "missing"}, "experience": {"verdict": "missing"}}
    pm, _ = overall_fit(50.0, fit)
    fullstack, _ = overall_fit(50.4, other)
    assert pm > fullstack + 20


def test_an_unknown_verdict_gives_its_weight_to_the_other_parts():
    from gapcheck.rank import overall_fit, rank_settings

    overall, parts = overall_fit(80.0, {"title": {"verdict": "unknown"}, "experience": {"verdict": "meets"}})
    weights = rank_settings()["weights"]
    expected = (80 * weights["skills"] + 100 * weights["experience"]) / (weights["skills"] + weights["experience"])
    assert overall == round(expected, 1)
    assert parts["title"]["points"] is None and parts["title"]["weight"] == 0
    assert abs(sum(part["weight"] for part in parts.values()) - 1) < 1e-3


def test_a_20_year_product_manager_ranks_the_pm_ad_first_and_says_why(runner):
    ads = sorted(COACH.glob("ad_*.txt"))
    result, ranked = rank_json(runner, str(COACH / "pm_20_years.txt"), *map(str, ads))
    assert result.exit_code == 0, result.output
    assert ranked[0]["job"].endswith("ad_product_manager.txt")
    assert ranked[0]["fits"] and ranked[0]["fit"]["title"]["verdict"] == "meets"
    assert ranked[0]["above_next"].startswith("above ")
    assert ranked[-1]["above_next"] == ""
    # The front-end ad asks for years of front-end work: a PM's 20 years elsewhere do not meet them.
    frontend = next(entry for entry in ranked if entry["job"].endswith("ad_frontend.txt"))
    assert frontend["fit"]["experience"]["verdict"] == "missing"


def test_when_no_ad_fits_the_ranking_says_so_first(runner):
    result = runner.invoke(cli, ["rank", str(COACH / "ceo.txt"), str(COACH / "ad_frontend.txt"),
                                 str(COACH / "ad_ml_research.txt")])  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("gapcheck: David Rosenthal (")
    assert lines[2].startswith("No ad fits well: the best overall fit is")
    assert "why: above " in result.stdout


def test_the_html_ranking_names_the_candidate_the_parts_and_why(runner, tmp_path):
    out = tmp_path / "ranking.html"
    ads = sorted(COACH.glob("ad_*.txt"))
    result = runner.invoke(cli, ["rank", str(COACH / "pm_20_years.txt"), *map(str, ads), "--format", "html",
                                 "-o", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "Margaret Okafor" in html
    assert "Why it ranks here: above " in html
    assert "job title: meets" in html and "No ad fits well" not in html


def test_the_rank_data_is_sound():
    from gapcheck.rank import FIT_PARTS, rank_settings

    settings = rank_settings()
    assert set(settings["weights"]) == set(FIT_PARTS) and all(w > 0 for w in settings["weights"].values())
    assert settings["verdict_points"]["meets"] == 100 and settings["verdict_points"]["missing"] == 0
    assert 0 < settings["fits"]["min_overall"] < 100
