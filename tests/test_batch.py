"""`gapcheck batch`: a cohort of real resumes in, a report each plus the cohort page, CSV and JSON out."""

from __future__ import annotations

import csv
import io
import json
import pickle
import re
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from gapcheck.batch import BatchOptions, Resume, analyze_one, plan_batch
from gapcheck.batch import work as batch_work
from gapcheck.batch.cohort import read_records
from gapcheck.batch.inputs import find_resumes, report_names, slugify
from gapcheck.batch.write import CSV_COLUMNS
from gapcheck.cli import cli
from gapcheck.serialize import json_text

FIXTURES = Path(__file__).parent / "fixtures"
REAL_PDFS = ("barry_allen_fe.pdf", "john_doe.pdf", "template-two-column.pdf")
REPORT_NAME = re.compile(r"[a-z0-9][a-z0-9-]*\.html")


def run(*args: object):
    return CliRunner().invoke(cli, ["batch", *map(str, args)], catch_exceptions=False)


@pytest.fixture()
def cohort(tmp_path: Path) -> Path:
    """A folder like an instructor's: three real PDFs, bad files, a hidden file, notes and other types."""
    folder = tmp_path / "cohort"
    (folder / "week1").mkdir(parents=True)
    for name in REAL_PDFS[:2]:
        shutil.copy(FIXTURES / name, folder / name)
    shutil.copy(FIXTURES / REAL_PDFS[2], folder / "week1" / REAL_PDFS[2])
    shutil.copy(FIXTURES / "corrupt.docx", folder / "corrupt.docx")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 garbage, no objects at all\n")
    (folder / "empty.txt").write_bytes(b"")
    (folder / ".hidden.pdf").write_bytes(b"not looked at")
    (folder / "photo.png").write_bytes(b"\x89PNG not looked at")
    (folder / "README.md").write_text("# Cohort of spring\n", encoding="utf-8")
    return folder


@pytest.fixture()
def program(tmp_path: Path) -> Path:
    """An unsupported file named explicitly on the command line."""
    path = tmp_path / "setup.exe"
    path.write_bytes(b"MZ\x90\x00\x03\x00\x00\x00")
    return path


def _cohort(out: Path) -> dict:
    """cohort.jsonl read back a line at a time: the cohort record, with the students' and failures' lines."""
    records = list(read_records(out / "cohort.jsonl"))
    assert records[0]["record"] == "cohort"
    kinds = [r["record"] for r in records[1:]]
    assert kinds == sorted(kinds, key=lambda kind: kind == "failure"), "students first, then failures"
    return {
        **records[0],
        "students": [r for r in records if r["record"] == "student"],
        "failures": [r for r in records if r["record"] == "failure"],
    }


def _rows(out: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((out / "cohort.csv").read_text(encoding="utf-8"))))


def test_batch_reports_every_good_resume_lists_bad_files_and_exits_3(cohort, program, tmp_path):
    out = tmp_path / "out"
    result = run(cohort, program, "--role", "ml-engineer", "-o", out, "--workers", 1)
    assert result.exit_code == 3, result.output

    reports = sorted(p.name for p in out.glob("*.html") if p.name != "index.html")
    assert reports == ["barry-allen-fe.html", "john-doe.html", "template-two-column.html"]
    assert sorted(p.name for p in out.iterdir()) == sorted([*reports, "index.html", "cohort.csv", "cohort.jsonl"])

    data = _cohort(out)
    assert [s["file"] for s in data["students"]] == [
        "barry_allen_fe.pdf",
        "john_doe.pdf",
        "week1/template-two-column.pdf",
    ]
    for student in data["students"]:
        assert {"score", "matched", "missing", "areas", "requirements", "method"} <= set(student["analysis"])
        assert student["score"] == student["analysis"]["score"]
    reasons = {f["file"]: f["reason"] for f in data["failures"]}
    assert set(reasons) == {"broken.pdf", "corrupt.docx", "empty.txt", "setup.exe"}
    assert "is not a readable PDF" in reasons["broken.pdf"]
    assert "is not a readable DOCX" in reasons["corrupt.docx"]
    assert reasons["empty.txt"].endswith(": empty")
    assert "unsupported file type" in reasons["setup.exe"]
    assert data["skipped"] == [str(cohort / "README.md")]
    assert data["summary"]["students"] == 3 and data["summary"]["failed"] == 4
    gaps = data["summary"]["gaps"]
    assert [g["rank"] for g in gaps] == list(range(1, len(gaps) + 1))
    assert all(gaps[i]["teach_value"] >= gaps[i + 1]["teach_value"] for i in range(len(gaps) - 1))
    assert all(1 <= g["students"] <= 3 for g in gaps)

    rows = _rows(out)
    assert tuple(rows[0]) == CSV_COLUMNS
    by_file = {row["file"]: row for row in rows}
    assert by_file["john_doe.pdf"]["status"] == "ok"
    assert by_file["john_doe.pdf"]["report"] == "john-doe.html"
    assert float(by_file["john_doe.pdf"]["score"]) == data["students"][1]["score"]
    assert int(by_file["john_doe.pdf"]["missing"]) == len(data["students"][1]["analysis"]["missing"])
    assert by_file["john_doe.pdf"]["top_gaps"].count(";") == 2
    assert by_file["setup.exe"]["status"] == "failed" and "unsupported" in by_file["setup.exe"]["reason"]

    index = (out / "index.html").read_text(encoding="utf-8")
    for report in reports:
        assert f'href="{report}"' in index
    assert "Files that failed" in index and "is not a readable DOCX" in index
    assert "What to teach next" in index and gaps[0]["name"] in index
    assert 'class="heat"' in index and re.search(r'class="num lv\d">\d+(\.\d)?%', index)
    assert "failed" in result.stderr and "setup.exe" in result.stderr
    assert "skipped" in result.stderr and "README.md" in result.stderr


def test_outputs_are_self_contained_and_escaped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    hostile = "<script>alert(1)</script>"
    (folder / "<b>odd<b> & co.txt").write_text(
        f"Sam Smith\n{hostile}\nPython developer, PyTorch and SQL.\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    result = run(folder, "--role", "ml-engineer", "-o", out, "--workers", 1)
    assert result.exit_code == 0, result.output
    for page in out.glob("*.html"):
        html = page.read_text(encoding="utf-8").lower()
        assert "<script" not in html and "<b>odd" not in html, page.name
        assert "<link" not in html and 'src="http' not in html and "url(http" not in html
        assert "content-security-policy" in html
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;odd&lt;b&gt; &amp; co.txt" in index
    assert _rows(out)[0]["report"] == "b-odd-b-co.html"


def test_csv_quotes_cells_a_spreadsheet_would_run(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "=cmd.txt").write_text("Sam Smith\nPython developer.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run(folder, "--role", "ml-engineer", "-o", out, "--workers", 1).exit_code == 0
    assert _rows(out)[0]["file"] == "'=cmd.txt"


def test_same_inputs_give_the_same_files_byte_for_byte_with_one_or_two_workers(cohort, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    assert run(cohort, "--role", "ml-engineer", "-o", first, "--workers", 1).exit_code == 3
    assert run(cohort, "--role", "ml-engineer", "-o", second, "--workers", 2).exit_code == 3
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_an_output_folder_with_reports_needs_force_and_stale_reports_go(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("ann.txt", "bob.txt"):
        (folder / name).write_text(f"{name}\nPython and SQL developer.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run(folder, "--role", "ml-engineer", "-o", out, "--workers", 1).exit_code == 0
    (out / "notes.txt").write_text("mine", encoding="utf-8")

    again = run(folder, "--role", "ml-engineer", "-o", out, "--workers", 1)
    assert again.exit_code == 2
    assert "--force" in again.stderr

    (folder / "bob.txt").unlink()
    forced = run(folder, "--role", "ml-engineer", "-o", out, "--workers", 1, "--force")
    assert forced.exit_code == 0, forced.output
    assert not (out / "bob.html").exists()  # bob's report from the earlier run is gone
    assert (out / "ann.html").exists() and (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert not list(out.glob(".*.part"))  # no half-written file left behind


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("--job", "no-such-ad.txt"), 1, "no such file"),
        (("--role", "astronaut"), 2, "unknown role"),
        ((), 2, "either --job"),
        (("--role", "ml-engineer", "--job", "ad.txt"), 2, "either --job"),
    ],
)
def test_bad_usage_stops_before_any_work(tmp_path, args, code, message):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ann.txt").write_text("Ann Lee\nPython developer.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run(folder, *args, "-o", out, "--workers", 1)
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert not out.exists() or not list(out.iterdir())


def test_no_resumes_in_the_inputs_is_a_usage_error(tmp_path):
    (tmp_path / "in").mkdir()
    result = run(tmp_path / "in", "--role", "ml-engineer", "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "no resumes found" in result.stderr


def test_report_names_are_safe_distinct_and_stable():
    names = [
        "../../etc/passwd.pdf",
        "a/résumé.pdf",
        "b/resume.pdf",
        "Zoë Ünïcødé.docx",
        "😀.txt",
        "index.pdf",
        "cohort.jsonl",
        "CON.txt",
        "x" * 300 + ".pdf",
        "dup.pdf",
        "dup.txt",
    ]
    chosen = report_names(names)
    files = list(chosen.values())
    assert len(set(files)) == len(files)
    assert all(REPORT_NAME.fullmatch(f) and len(f) < 100 for f in files)
    assert chosen["../../etc/passwd.pdf"] == "passwd.html"
    assert chosen["Zoë Ünïcødé.docx"] == "zoe-unicde.html"  # ø has no ASCII decomposition
    assert chosen["😀.txt"].startswith("resume-")  # no letters left: "resume", which three names share
    assert chosen["index.pdf"] not in ("index.html", "cohort.html")
    assert chosen["a/résumé.pdf"].startswith("resume-") and chosen["b/resume.pdf"].startswith("resume-")
    assert report_names(list(reversed(names))) == chosen  # a name does not depend on the order
    # A file literally named like another's hashed name does not take its place.
    tricky = [*names, chosen["dup.pdf"].removesuffix(".html") + ".md"]
    assert len(set(report_names(tricky).values())) == len(tricky)
    assert slugify("  --  ") == "resume"


def test_inputs_outside_the_current_folder_write_only_inside_out_dir(tmp_path, monkeypatch):
    (tmp_path / "x.txt").write_text("Ann Lee\nPython developer.\n", encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    before = {p for p in tmp_path.rglob("*")}
    result = run("../x.txt", "--role", "ml-engineer", "-o", "out", "--workers", 1)
    assert result.exit_code == 0, result.output
    created = {p for p in tmp_path.rglob("*")} - before
    assert created and all(work / "out" in p.parents or p == work / "out" for p in created)
    assert (work / "out" / "x.html").exists()


def test_the_output_folder_inside_an_input_folder_is_not_read_again(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ann.txt").write_text("Ann Lee\nPython developer.\n", encoding="utf-8")
    out = folder / "reports"
    assert run(folder, "--role", "ml-engineer", "-o", out, "--workers", 1).exit_code == 0
    assert [resume.name for resume in plan_batch([str(folder)], out, force=True).resumes] == ["ann.txt"]


def test_a_file_given_twice_is_read_once(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ann.txt").write_text("Ann\n", encoding="utf-8")
    found = find_resumes([str(folder), str(folder / "ann.txt")])
    assert [name for _, name in found.files] == ["ann.txt"]


def test_unit_of_work_is_picklable_and_times_out(tmp_path, monkeypatch):
    from gapcheck import pipeline

    path = tmp_path / "ann.txt"
    path.write_text("Ann Lee\nann@example.com\nPython and PyTorch developer.\n", encoding="utf-8")
    job, _ = pipeline.load_job(pipeline.toolkit(), role="ml-engineer")
    resume = Resume(str(path), "ann.txt", "ann.html")
    options = BatchOptions(redact=True, timeout=5)
    outcome = analyze_one(*pickle.loads(pickle.dumps((resume, job, options))))
    assert outcome.ok, outcome.error
    assert pickle.loads(pickle.dumps(outcome)).analysis == outcome.analysis
    text = json_text(outcome.analysis)
    assert "ann@example.com" not in text + (outcome.html or "")

    def slow(*args, **kwargs):
        time.sleep(5)

    monkeypatch.setattr(batch_work, "read_document", slow)
    started = time.monotonic()
    stuck = analyze_one(resume, job, BatchOptions(timeout=0.3))
    assert time.monotonic() - started < 3
    assert not stuck.ok and "took longer than 0.3 s" in stuck.error and "--timeout" in stuck.error


def test_redact_keeps_personal_details_out_of_every_output(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "student-07.txt").write_text(
        "Maria Gonzalez\n"
        "maria.gonzalez@example.com | +1 (415) 555-0199 | linkedin.com/in/mariag | 12 Oak Avenue, Springfield\n"
        "Experience\n"
        "Trained PyTorch models in Python; notes at https://github.com/mariag/notes\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run(folder, "--role", "ml-engineer", "-o", out, "--workers", 1, "--redact")
    assert result.exit_code == 0, result.output
    texts = {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()}
    for name, text in texts.items():
        for secret in ("Maria", "Gonzalez", "maria.gonzalez", "555-0199", "mariag", "Oak Avenue"):
            assert secret not in text, (name, secret)
    assert "[email]" in texts["cohort.jsonl"] and "student-07.txt" in texts["index.html"]
    assert _cohort(out)["redacted"] is True
    assert "Personal details" in texts["index.html"]


def _resume(skills: str) -> str:
    return f"Student\nExperience\nBuilt data pipelines in Python and SQL. {skills}\n"


def test_since_shows_each_students_progress_and_the_cohorts(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ann.txt").write_text(_resume(""), encoding="utf-8")
    (folder / "bob.txt").write_text(_resume("Used Docker."), encoding="utf-8")
    week1 = tmp_path / "week1"
    assert run(folder, "--role", "ml-engineer", "-o", week1, "--workers", 1).exit_code == 0
    earlier = _cohort(week1)
    ann_before = earlier["students"][0]
    learnt = next(
        gap for gap in ann_before["analysis"]["missing"] if gap["status"] == "missing" and len(gap["name"]) > 3
    )
    (folder / "ann.txt").write_text(_resume(f"Applied {learnt['name']} in a capstone project."), encoding="utf-8")
    (folder / "cid.txt").write_text(_resume(""), encoding="utf-8")

    week2 = tmp_path / "week2"
    result = run(folder, "--role", "ml-engineer", "-o", week2, "--workers", 1, "--since", week1)
    assert result.exit_code == 0, result.output
    data = _cohort(week2)
    ann, bob, cid = data["students"]
    assert learnt["id"] in [gap["id"] for gap in ann["progress"]["closed"]]
    assert ann["progress"]["score_change"] > 0
    assert ann["progress"]["earlier_score"] == ann_before["score"]
    assert bob["progress"] == {"earlier_score": bob["score"], "score_change": 0.0, "closed": [], "new": []}
    assert cid["progress"] is None
    progress = data["summary"]["progress"]
    assert progress["compared"] == 2 and progress["gaps_closed"] >= 1
    assert progress["mean_score_change"] == round(ann["progress"]["score_change"] / 2, 1)
    assert progress["new_students"] == ["cid.txt"]
    assert learnt["id"] in [gap["id"] for gap in progress["closed_by_skill"]]

    rows = {row["file"]: row for row in _rows(week2)}
    assert float(rows["ann.txt"]["score_change"]) > 0 and int(rows["ann.txt"]["gaps_closed"]) >= 1
    assert rows["cid.txt"]["score_change"] == ""
    index = (week2 / "index.html").read_text(encoding="utf-8")
    assert "Progress since the earlier run" in index and learnt["name"] in index
    assert f"+{ann['progress']['score_change']:.1f}" in index


def test_since_needs_an_earlier_batch_folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ann.txt").write_text(_resume(""), encoding="utf-8")
    result = run(folder, "--role", "ml-engineer", "-o", tmp_path / "out", "--since", tmp_path)
    assert result.exit_code == 1
    assert "cohort.jsonl: not found" in result.stderr
    (tmp_path / "cohort.json").write_text("{}", encoding="utf-8")  # a batch of an older gapcheck
    result = run(folder, "--role", "ml-engineer", "-o", tmp_path / "out", "--since", tmp_path)
    assert result.exit_code == 1 and "older gapcheck" in result.stderr
    (tmp_path / "cohort.jsonl").write_text('{"record": "student"}\n', encoding="utf-8")
    result = run(folder, "--role", "ml-engineer", "-o", tmp_path / "out", "--since", tmp_path)
    assert result.exit_code == 1 and "the cohort record must come first" in result.stderr
    assert "Traceback" not in result.output


def test_acceptance_the_fixtures_folder(tmp_path):
    """`gapcheck batch tests/fixtures/ --role ml-engineer -o out/`, as the issue asks, on two workers."""
    out = tmp_path / "out"
    result = run(FIXTURES, "--role", "ml-engineer", "-o", out, "--workers", 2)
    assert result.exit_code == 3, result.output
    data = _cohort(out)
    reported = {student["file"] for student in data["students"]}
    assert {path.name for path in FIXTURES.glob("*.pdf")} <= reported
    for student in data["students"]:
        assert (out / student["report"]).is_file()
    assert "corrupt.docx" in {failure["file"] for failure in data["failures"]}
    assert (out / "index.html").is_file() and (out / "cohort.csv").is_file()
    # What --force reads back, line by line, is what was written: the students' reports, none from the analyses.
    from gapcheck.batch.cohort import earlier_reports

    read_back = list(earlier_reports(out / "cohort.jsonl"))
    assert read_back == [student["report"] for student in data["students"]]
    # Each line is one JSON object, however many line breaks the resumes' text holds.
    lines = (out / "cohort.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 + len(data["students"]) + len(data["failures"])


def test_earlier_reports_are_read_from_the_students_alone(tmp_path):
    from gapcheck.batch import COHORT_JSONL, _earlier_reports

    lines = [
        {"record": "cohort", "job": {"title": "x"}},
        {"record": "student", "file": "a.pdf", "report": "a.html", "analysis": {"report": "not-a-student.html"}},
        {"record": "student", "file": "b.pdf", "report": "../escape.html"},
        {"record": "student", "file": "c.pdf", "report": "c-2f3a.html"},
        {"record": "failure", "file": "d.pdf", "report": "d.html"},
    ]
    (tmp_path / COHORT_JSONL).write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    assert _earlier_reports(tmp_path) == {"a.html", "c-2f3a.html"}
    (tmp_path / COHORT_JSONL).write_text(json.dumps(lines, indent=2), encoding="utf-8")  # another format: none
    assert _earlier_reports(tmp_path) == set()


# ------------------------------------------------------------------------------------- memory per document


def _three_resumes(folder: Path) -> Path:
    folder.mkdir()
    for name in ("ann", "hog", "bo"):
        (folder / f"{name}.txt").write_text(f"{name.title()} Lee\nExperience\nPython and PyTorch developer.\n")
    return folder


def _hog_for(name: str, megabytes: int):
    """A reader that, for the file called `name`, grows the process by `megabytes` a little at a time (as a
    runaway document would, in Python code) before reading it. The in-process test grows by less than the
    batch test: memory it frees stays resident in this process, and forked workers would reuse it unseen."""
    real = batch_work.read_document

    def read(path, *args, **kwargs):
        if Path(path).name == name:
            held = []
            for _ in range(megabytes):
                held.append(b"x" * 2**20)  # written, so resident (calloc may leave zeros unmapped)
                time.sleep(0.002)
        return real(path, *args, **kwargs)

    return read


def test_a_document_over_its_memory_budget_fails_alone(tmp_path, monkeypatch):
    from gapcheck import pipeline
    from gapcheck.memory import can_watch

    if not can_watch():
        pytest.skip("the memory watch reads /proc: Linux only")
    folder = _three_resumes(tmp_path / "in")
    monkeypatch.setattr(batch_work, "read_document", _hog_for("hog.txt", 150))
    job, _ = pipeline.load_job(pipeline.toolkit(), role="ml-engineer")
    options = BatchOptions(max_memory=50)
    hog = analyze_one(Resume(str(folder / "hog.txt"), "hog.txt", "hog.html"), job, options)
    assert not hog.ok and "\n" not in hog.error
    assert "more than 50 MB of memory" in hog.error and "--max-memory" in hog.error
    ann = analyze_one(Resume(str(folder / "ann.txt"), "ann.txt", "ann.html"), job, options)
    assert ann.ok, ann.error
    assert analyze_one(Resume(str(folder / "hog.txt"), "hog.txt", "hog.html"), job, BatchOptions(max_memory=0)).ok


def test_batch_workers_watch_memory_and_the_batch_goes_on(tmp_path, monkeypatch):
    from gapcheck.memory import can_watch

    if not can_watch():
        pytest.skip("the memory watch reads /proc: Linux only")
    folder = _three_resumes(tmp_path / "in")
    monkeypatch.setattr(batch_work, "read_document", _hog_for("hog.txt", 300))  # forked workers inherit it
    out = tmp_path / "out"
    result = run(folder, "--role", "ml-engineer", "-o", out, "--workers", 2, "--max-memory", 50)
    assert result.exit_code == 3, result.output
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed:")]
    assert len(failed) == 1 and "hog.txt" in failed[0] and "--max-memory" in failed[0]
    assert (out / "ann.html").exists() and (out / "bo.html").exists() and not (out / "hog.html").exists()


def test_a_worker_that_dies_fails_its_file_and_the_pool_recovers(tmp_path, monkeypatch):
    import os

    folder = _three_resumes(tmp_path / "in")
    real = batch_work.read_document

    def crash(path, *args, **kwargs):
        if Path(path).name == "hog.txt":
            os._exit(1)  # as the system's out-of-memory killer would end it
        return real(path, *args, **kwargs)

    monkeypatch.setattr(batch_work, "read_document", crash)
    out = tmp_path / "out"
    result = run(folder, "--role", "ml-engineer", "-o", out, "--workers", 2)
    assert result.exit_code == 3, result.output
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed:")]
    assert len(failed) == 1 and "hog.txt" in failed[0] and "worker process stopped" in failed[0]
    assert (out / "ann.html").exists() and (out / "bo.html").exists()


def test_the_cli_default_memory_budget_is_the_documented_one():
    from gapcheck.memory import DEFAULT_MAX_MEMORY_MB

    option = next(p for p in cli.commands["batch"].params if p.name == "max_memory")
    assert option.default == DEFAULT_MAX_MEMORY_MB == BatchOptions().max_memory
