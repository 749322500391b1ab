"""`gapcheck profile`: a role profile built from real ads, written as a taxonomy file (gapcheck/profile.py)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from gapcheck.cli import cli
from gapcheck.ingest import read_text
from gapcheck.profile import build_profile, profile_toml, recurrence_threshold, role_id
from gapcheck.taxonomy import load_taxonomy

FIXTURES = Path(__file__).parent / "fixtures"
JOBS = Path(__file__).parent / "jobs"
JAVA_ADS = [
    JOBS / "rank-java-fullstack.txt",
    JOBS / "rank-java-platform.txt",
    Path(__file__).parent.parent / "examples" / "java-backend-ad.txt",
]
JOHN_DOE = FIXTURES / "john_doe.pdf"
if not JOHN_DOE.exists():
    JOHN_DOE = Path(__file__).parent.parent / "examples" / "john_doe.pdf"


@pytest.mark.parametrize(("ads", "threshold"), [(1, 1), (2, 2), (5, 2), (10, 2), (11, 3), (50, 10)])
def test_recurrence_threshold(ads, threshold):
    assert recurrence_threshold(ads) == threshold


def test_role_id():
    assert role_id("Java developer (Leeds)") == "java-developer-leeds"


def _ads(*texts: str):
    return [read_text(text, f"ad{i}.txt", kind="job") for i, text in enumerate(texts)]


def test_recurring_skills_required_or_preferred_by_frequency(kit):
    documents = _ads(
        "Developer\n\nRequirements\n- Python and SQL\n- 3+ years of experience\n\nNice to have\n- Docker\n",
        "Developer\n\nRequirements\n- Python and Docker\n- 5+ years of experience\n",
        "Developer\n\nRequirements\n- Python\n- Tableau\n- 4 years of experience\n\nNice to have\n- SQL\n",
    )
    profile = build_profile(kit, documents, "Python developer")
    by_id = {s.id: s for s in profile.skills}
    assert by_id["python"].importance == "required" and by_id["python"].weight == 1.5
    assert by_id["sql"].ads == 2 and by_id["sql"].required_in == 1 and by_id["sql"].importance == "required"
    assert by_id["docker"].importance == "required"  # named by 2 of 3, required by 1 of those 2
    assert "tableau" not in by_id  # in one ad only
    assert "4+ years of experience" in profile.summary


def test_profile_toml_is_a_valid_taxonomy_file(kit, tmp_path):
    documents = [read_text(p.read_text(encoding="utf-8"), str(p), kind="job") for p in JAVA_ADS]
    profile = build_profile(kit, documents, 'Java "backend" developer', "java-local")
    text = profile_toml(profile)
    data = tomllib.loads(text)
    (role,) = data["role"]
    assert role["id"] == "java-local" and role["name"] == 'Java "backend" developer'
    assert "java" in role["required"] and role["weights"]["java"] == 1.5
    path = tmp_path / "java-local.toml"
    path.write_text(text, encoding="utf-8")
    assert "java-local" in load_taxonomy([path]).roles


def test_profile_command_then_analyze_with_the_role(tmp_path):
    runner = CliRunner()
    out = tmp_path / "leeds.toml"
    result = runner.invoke(cli, ["profile", *map(str, JAVA_ADS), "--name", "Java developer (Leeds)", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "java-developer-leeds" in result.stdout
    result = runner.invoke(
        cli, ["analyze", str(JOHN_DOE), "--taxonomy", str(out), "--role", "java-developer-leeds", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["job"]["title"] == "Java developer (Leeds)"
    assert data["score"] > 50
    # The summary carries what most ads ask, and the fit reads it back.
    assert data["fit"]["title"]["verdict"] == "meets"
    assert data["fit"]["experience"]["verdict"] == "meets"
    assert data["fit"]["education"]["verdict"] == "meets"
    result = runner.invoke(cli, ["taxonomy", "validate", str(out)])
    assert result.exit_code == 0, result.output


def test_profile_from_a_folder_skips_bad_ads_with_exit_3(tmp_path):
    folder = tmp_path / "ads"
    folder.mkdir()
    for path in JAVA_ADS[:2]:
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "shopping.txt").write_text("milk, eggs, bread\n", encoding="utf-8")
    out = tmp_path / "p.toml"
    result = CliRunner().invoke(cli, ["profile", str(folder), "--name", "Java", "-o", str(out)])
    assert result.exit_code == 3
    assert "shopping.txt" in result.stderr
    assert tomllib.loads(out.read_text(encoding="utf-8"))["role"][0]["id"] == "java"


def test_profile_never_overwrites_an_input(tmp_path):
    ad = tmp_path / "ad.txt"
    ad.write_text(JAVA_ADS[0].read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["profile", str(ad), "--name", "Java", "-o", str(ad)])
    assert result.exit_code == 2
    assert ad.read_text(encoding="utf-8") == JAVA_ADS[0].read_text(encoding="utf-8")


@pytest.mark.parametrize("odd", ["\x7f", "\x01\x1b[31m\t", '\u2028"""\\u0041'])
def test_a_name_with_control_characters_gives_a_file_taxonomy_validate_accepts(tmp_path, odd):
    """The file is written by a TOML library: a DEL or a control character in --name (or a file name) is escaped,
    never written raw where TOML forbids it."""
    folder = tmp_path / f"ads{odd}".replace("\\", "")
    folder.mkdir()
    for path in JAVA_ADS[:2]:
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "p.toml"
    name = f"Java{odd}developer"
    result = CliRunner().invoke(cli, ["profile", str(folder), "--name", name, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert tomllib.loads(out.read_text(encoding="utf-8"))["role"][0]["name"] == name
    result = CliRunner().invoke(cli, ["taxonomy", "validate", str(out)])
    assert result.exit_code == 0, result.output
