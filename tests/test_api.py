"""The Python API (`from gapcheck import read, find_skills, load_job, analyze, render`): one test per function, the
CLI giving what the API gives, and `import gapcheck` staying light."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from gapcheck import analyze, find_skills, load_job, read, render
from gapcheck.cli import cli
from gapcheck.errors import InputError, UsageError
from gapcheck.model import Analysis, Document, Extraction, Job

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
RESUME = EXAMPLES / "john_doe.pdf"
AD = EXAMPLES / "java-backend-ad.txt"
TODAY = dt.date(2026, 1, 15)


def test_read_gives_a_document_with_text_and_sections() -> None:
    document = read(RESUME)
    assert isinstance(document, Document)
    assert document.kind == "resume" and document.source == str(RESUME)
    assert "JOHN DOE" in document.text and document.pages == 2
    assert {section.name for section in document.sections} >= {"experience", "skills"}
    ad = read(AD, kind="job")
    assert ad.kind == "job" and "Java" in ad.text
    with pytest.raises(InputError, match="missing.pdf"):
        read(EXAMPLES / "missing.pdf")


def test_find_skills_in_a_document_or_in_text() -> None:
    found = find_skills("Skills: Python, C++ and PyTorch.")
    assert isinstance(found, Extraction)
    by_id = found.by_id()
    assert {"python", "cpp", "pytorch"} <= {skill.id for skill in found.skills if skill.stated}
    assert by_id["cpp"].mentions[0].text == "C++"
    assert "pytorch" in by_id["deep-learning"].inferred_from and not by_id["deep-learning"].stated
    from_file = find_skills(read(RESUME))
    assert from_file.source == str(RESUME) and any(skill.id == "java" for skill in from_file.skills)


def test_load_job_from_an_ad_its_text_or_a_role(tmp_path: Path) -> None:
    from_file = load_job(AD)
    assert isinstance(from_file, Job) and from_file.kind == "ad" and from_file.source == str(AD)
    assert "java" in {skill.id for skill in from_file.skills}
    from_text = load_job(text=AD.read_text(encoding="utf-8"))
    assert from_text.source == "<text>"
    assert [s.id for s in from_text.skills] == [s.id for s in from_file.skills]
    role = load_job(role="data-scientist")
    assert role.kind == "role" and role.skills
    assert load_job().kind == "role"  # the default profile
    with pytest.raises(UsageError, match="unknown role 'astronaut'"):
        load_job(role="astronaut")
    with pytest.raises(UsageError, match="one of"):
        load_job(AD, role="data-scientist")
    empty = tmp_path / "empty.txt"
    empty.write_text("We are a friendly team in Leeds.", encoding="utf-8")
    with pytest.raises(InputError, match="no skills found"):
        load_job(empty)


def test_analyze_takes_paths_documents_jobs_and_roles() -> None:
    result = analyze(RESUME, load_job(AD), today=TODAY)
    assert isinstance(result, Analysis)
    assert 0 <= result.score <= 100 and result.missing
    assert analyze(read(RESUME), AD, today=TODAY).score == result.score  # an ad's path is read as the job
    by_role = analyze(RESUME, role="data-scientist", today=TODAY)
    assert by_role.job.kind == "role" and by_role.job.title != result.job.title
    with pytest.raises(UsageError, match="not both"):
        analyze(RESUME, AD, role="data-scientist")


def test_render_gives_html_json_and_text() -> None:
    result = analyze(RESUME, AD, today=TODAY)
    html = render(result)
    assert html.lstrip().lower().startswith("<!doctype html") and "Senior Java Backend Engineer" in html
    assert json.loads(render(result, "json"))["score"] == result.score
    text = render(result, "text")
    assert f"Score {result.score:g}/100" in text and "\x1b[" not in text
    assert "\x1b[" in render(result, "text", color=True)
    with pytest.raises(UsageError, match="unknown report format"):
        render(result, "pdf")  # type: ignore[arg-type]


def test_the_cli_gives_what_the_api_gives() -> None:
    from_cli = CliRunner().invoke(cli, ["analyze", str(RESUME), "--job", str(AD), "--format", "json"])
    assert from_cli.exit_code == 0, from_cli.output
    cli_data, api_data = json.loads(from_cli.output), json.loads(render(analyze(RESUME, AD), "json"))
    assert cli_data == api_data


def test_the_package_names_the_api_functions_not_the_stage_modules() -> None:
    import gapcheck.pipeline
    import gapcheck.report

    # The stages live in modules named after what they do, so importing them shadows none of the five names.
    assert gapcheck.analyze is gapcheck.api.analyze and gapcheck.render is gapcheck.api.render
    assert gapcheck.read is gapcheck.api.read and callable(gapcheck.pipeline.toolkit)
    with pytest.raises(AttributeError):
        gapcheck.no_such_thing  # noqa: B018


def test_import_gapcheck_loads_nothing_heavy() -> None:
    code = (
        "import sys, gapcheck; from gapcheck import read, find_skills, load_job\n"
        "heavy = [m for m in ('spacy', 'pdfminer', 'jinja2', 'gapcheck.ingest') if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == ""
