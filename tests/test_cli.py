"""The command line end to end: real PDFs in, reports and JSON contracts out, errors as one line and a code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from gapcheck import __version__
from gapcheck.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = Path(__file__).parent.parent / "examples"
JOHN_DOE = FIXTURES / "john_doe.pdf"
JAVA_AD = EXAMPLES / "java-backend-ad.txt"


def run(runner: CliRunner, *args: str, input: str | None = None):
    return runner.invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


def _all_commands(group, prefix=()):
    for name, command in sorted(group.commands.items()):
        yield (*prefix, name)
        if hasattr(command, "commands"):
            yield from _all_commands(command, (*prefix, name))


@pytest.mark.parametrize("command", [(), *list(_all_commands(cli))], ids=lambda c: " ".join(c) or "gapcheck")
def test_every_command_has_help_with_an_example(runner, command):
    result = run(runner, *command, "--help")
    assert result.exit_code == 0, result.output
    assert "Example" in result.output


def test_version(runner):
    result = run(runner, "--version")
    assert result.exit_code == 0
    assert __version__ in result.output


def test_analyze_real_pdf_against_java_ad_writes_html_report(runner, tmp_path):
    target = tmp_path / "report.html"
    result = run(runner, "analyze", JOHN_DOE, "--job", JAVA_AD, "-o", target)
    assert result.exit_code == 0, result.output
    assert str(target) in result.output
    assert "score" in result.output
    html = target.read_text(encoding="utf-8")
    assert "Spring Boot" in html  # matched: the resume shows it
    assert "Kubernetes" in html  # missing: the ad requires it, the resume lacks it
    lowered = html.lower()
    assert "<script" not in lowered and "<link" not in lowered  # self-contained: nothing to load
    assert 'src="http' not in lowered and "url(http" not in lowered


def test_analyze_default_output_name_in_current_folder(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(runner, "analyze", JOHN_DOE, "--job", JAVA_AD)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "john_doe-gap-report.html").is_file()


def test_analyze_json_schema(runner):
    result = run(runner, "analyze", JOHN_DOE, "--job", JAVA_AD, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert 0 <= data["score"] <= 100
    resume_ids = {s["id"] for s in data["resume"]["skills"]}
    assert {"java", "spring-boot"} <= resume_ids
    job_skills = {s["id"]: s for s in data["job"]["skills"]}
    assert job_skills["java"]["importance"] == "must"  # the title names Java: the core of the job
    assert all(s["importance"] in ("must", "required", "preferred", "context") for s in job_skills.values())
    matched = {m["id"] for m in data["matched"]}
    assert "java" in matched
    missing = {g["id"]: g for g in data["missing"]}
    assert "kubernetes" in missing
    for gap in data["missing"]:
        assert {"id", "name", "importance", "area", "next_steps"} <= set(gap)
        assert gap["next_steps"].get("learn")
    assert data["areas"] and all({"id", "name", "percent"} <= set(a) for a in data["areas"])


def test_analyze_job_from_stdin(runner):
    ad = JAVA_AD.read_text(encoding="utf-8")
    result = run(runner, "analyze", JOHN_DOE, "--job", "-", "--format", "json", input=ad)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["job"]["source"] == "<stdin>"


def test_analyze_defaults_to_ml_engineer_role(runner):
    result = run(runner, "analyze", JOHN_DOE, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["job"]["source"] == "role:ml-engineer"
    assert "python" in {g["id"] for g in data["missing"]} | {m for g in data["missing"] for m in g["members"]}


def test_analyze_text_format_has_no_colour_codes_off_a_terminal(runner):
    result = run(runner, "analyze", JOHN_DOE, "--job", JAVA_AD, "--format", "text")
    assert result.exit_code == 0, result.output
    assert "Score" in result.output and "/100" in result.output
    assert "\033[" not in result.output


@pytest.mark.parametrize(("fmt", "check"), [("json", lambda text: json.loads(text)["score"] >= 0), ("text", None)])
def test_analyze_writes_json_or_text_to_the_output_file(runner, tmp_path, fmt, check):
    target = tmp_path / f"report.{fmt}"
    result = run(runner, "analyze", JOHN_DOE, "--job", JAVA_AD, "--format", fmt, "-o", str(target))
    assert result.exit_code == 0, result.output
    written = target.read_text(encoding="utf-8")
    assert result.stdout == ""  # the report went to the file, not to the terminal
    assert f"wrote {target}" in result.stderr
    if check is not None:
        assert check(written)
    else:
        assert "/100" in written and "\033[" not in written
    assert not list(tmp_path.glob(".*.part"))  # no temporary file left beside it


def test_analyze_json_output_never_overwrites_the_resume(runner, tmp_path):
    resume = tmp_path / "resume.txt"
    resume.write_text("Skills\nPython, SQL\n", encoding="utf-8")
    result = run(runner, "analyze", str(resume), "--role", "data-scientist", "--format", "json", "-o", str(resume))
    assert result.exit_code == 2
    assert resume.read_text(encoding="utf-8") == "Skills\nPython, SQL\n"


def test_extract_offsets_on_plain_text(runner, tmp_path):
    text = "Summary\nI build services in Java and Python.\n\nSkills\nDocker, Kubernetes, scikit-learn, SQL\n"
    source = tmp_path / "resume.txt"
    source.write_text(text, encoding="utf-8")
    result = run(runner, "extract", source)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == 1
    assert data[0]["source"] == str(source)
    read_back = source.read_text(encoding="utf-8")
    found = {}
    for skill in data[0]["skills"]:
        assert {"id", "name", "area", "mentions"} <= set(skill)
        for mention in skill["mentions"]:
            assert read_back[mention["start"] : mention["end"]].lower() == mention["text"].lower()
            assert mention["section"]
            found[skill["id"]] = mention
    assert {"java", "python", "docker", "kubernetes", "scikit-learn", "sql"} <= set(found)
    assert found["docker"]["section"] == "skills"
    assert found["java"]["section"] == "summary"


def test_extract_many_files_gives_one_object_each(runner, tmp_path):
    paths = []
    for number, skill in enumerate(["Python", "Java", "PostgreSQL"]):
        path = tmp_path / f"doc{number}.txt"
        path.write_text(f"Experience\nWrote {skill} code.\n", encoding="utf-8")
        paths.append(path)
    result = run(runner, "extract", *paths)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [item["source"] for item in data] == [str(p) for p in paths]


def test_taxonomy_show_resolves_an_alias(runner):
    result = run(runner, "taxonomy", "show", "sklearn")
    assert result.exit_code == 0, result.output
    assert "scikit-learn" in result.output


def test_roles_lists_the_default(runner):
    result = run(runner, "roles", "--format", "json")
    assert result.exit_code == 0, result.output
    assert "ml-engineer" in {row["id"] for row in json.loads(result.stdout)}


# ------------------------------------------------------------------------------------------------ errors


def _broken_inputs(tmp_path: Path) -> dict[str, Path]:
    corrupt = tmp_path / "corrupt.pdf"
    corrupt.write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 50)
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(JOHN_DOE.read_bytes()[:2000])
    unsupported = tmp_path / "program.exe"
    unsupported.write_bytes(b"MZ\x90\x00" + bytes(range(256)) * 4)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    return {"corrupt": corrupt, "truncated": truncated, "unsupported": unsupported, "empty": empty}


@pytest.mark.parametrize("case", ["missing", "corrupt", "truncated", "unsupported", "empty"])
def test_bad_resume_is_one_line_exit_1_no_output(runner, tmp_path, case, monkeypatch):
    monkeypatch.chdir(tmp_path)
    inputs = _broken_inputs(tmp_path)
    path = inputs.get(case, tmp_path / "no-such-file.pdf")
    result = runner.invoke(cli, ["analyze", str(path), "--job", str(JAVA_AD)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    message = result.stderr.strip()
    assert message.startswith("Error:") and len(message.splitlines()) == 1, message
    assert path.name in message
    assert "Traceback" not in result.output
    assert not list(tmp_path.glob("*.html"))


def test_encrypted_pdf_is_refused(runner, tmp_path):
    pypdf = pytest.importorskip("pypdf", reason="pypdf is a test dependency: pip install '.[test]'")
    reader = pypdf.PdfReader(str(JOHN_DOE))
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as stream:
        writer.write(stream)
    result = runner.invoke(cli, ["analyze", str(locked), "--job", str(JAVA_AD), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 1, result.output
    assert "encrypt" in result.stderr.lower() or "password" in result.stderr.lower()
    assert not (tmp_path / "r.html").exists()


def test_pdf_without_text_layer_says_it_needs_ocr(runner, tmp_path):
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 is a test dependency: pip install '.[test]'")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_fill_color(30, 30, 30)
    pdf.rect(20, 20, 100, 60, style="F")
    scanned = tmp_path / "scanned.pdf"
    pdf.output(str(scanned))
    result = runner.invoke(cli, ["analyze", str(scanned), "--job", str(JAVA_AD), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 1, result.output
    assert "ocr" in result.stderr.lower()
    assert not (tmp_path / "r.html").exists()


def test_empty_job_ad_from_stdin(runner, tmp_path):
    result = runner.invoke(cli, ["analyze", str(JOHN_DOE), "--job", "-", "-o", str(tmp_path / "r.html")], input="  \n")
    assert result.exit_code == 1, result.output
    assert "empty" in result.stderr.lower()
    assert not (tmp_path / "r.html").exists()


def test_unknown_role_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(cli, ["analyze", str(JOHN_DOE), "--role", "astronaut", "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2, result.output
    assert "astronaut" in result.stderr and "ml-engineer" in result.stderr
    assert not (tmp_path / "r.html").exists()


def test_report_never_overwrites_an_input(runner, tmp_path):
    ad = tmp_path / "ad.txt"
    ad.write_text(JAVA_AD.read_text(encoding="utf-8"), encoding="utf-8")
    before = ad.read_bytes()
    result = runner.invoke(cli, ["analyze", str(JOHN_DOE), "--job", str(ad), "-o", str(ad)])
    assert result.exit_code == 2, result.output
    assert ad.read_bytes() == before


def test_malformed_user_taxonomy_is_one_line(runner, tmp_path):
    bad = tmp_path / "mine.toml"
    bad.write_text('[[skill]]\nid = "x"\nname = 3\n', encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(JAVA_AD), "--taxonomy", str(bad)])
    assert result.exit_code == 1, result.output
    assert "mine.toml" in result.stderr and "name" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_python_dash_m_runs_the_cli():
    import subprocess
    import sys

    completed = subprocess.run([sys.executable, "-m", "gapcheck", "--version"], capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    assert __version__ in completed.stdout


def test_a_document_that_takes_too_long_is_stopped(runner, tmp_path, monkeypatch):
    import time

    import gapcheck.ingest

    def slow_reader(*args, **kwargs):
        time.sleep(10)

    monkeypatch.setattr(gapcheck.ingest, "read_document", slow_reader)
    started = time.monotonic()
    result = runner.invoke(cli, ["text", str(JOHN_DOE), "--timeout", "0.5"])
    assert result.exit_code == 1, result.output
    assert "took longer than 0.5 s" in result.stderr and "--timeout" in result.stderr
    assert time.monotonic() - started < 5


def test_a_pasted_ad_is_bounded_by_the_character_limit(runner, tmp_path):
    endless = "Python " * 400_000  # 2.8 million characters on one line
    result = runner.invoke(cli, ["analyze", str(JOHN_DOE), "--job", "-", "-o", str(tmp_path / "r.html")], input=endless)
    assert result.exit_code == 1, result.output
    assert "<stdin>" in result.stderr
    assert not (tmp_path / "r.html").exists()
