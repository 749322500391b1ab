"""Hostile sizes (issue 20): texts shaped to be slow for one stage each (gapcheck/hostile.py) end with a result.

No test here times anything: `python benchmarks/run.py --hostile` gives each case's time and peak memory at the
full character limit. The cases run here at a tenth of the limit, as a resume and as a job ad: a stage that turns
quadratic again makes them take minutes, which is hard to miss.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from gapcheck import pipeline
from gapcheck.cli import cli
from gapcheck.errors import InputError, TooManyNames
from gapcheck.hostile import CASES, SIZE, hostile_text, write_cases
from gapcheck.ingest import read_document
from gapcheck.ingest.limits import DEFAULT_LIMITS
from gapcheck.model import LONGEST_LINE
from gapcheck.skills.find import find_skills

CORPUS = Path(__file__).parent / "corpus"
AD = CORPUS / "job_ml_engineer_a.txt"
RESUME = CORPUS / "resume_ml_engineer_a.txt"
# A fiftieth of the limit: every case must still end with a result or one line. At the limit itself each case
# ends (or is refused, past the skill-names limit) within seconds: their time and memory are measured by
# `python benchmarks/run.py --hostile`, not here, so that the suite stays minutes long.
TEST_SIZE = SIZE // 50


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    return {path.stem: path for path in write_cases(folder, TEST_SIZE)}


def test_every_case_is_inside_the_limits():
    for name, case in CASES.items():
        text = hostile_text(name)
        assert len(text) <= SIZE and (case.most is not None or SIZE - len(case.unit) < len(text)), name
        assert text.startswith(case.unit) and text.count(case.unit) == len(text) // len(case.unit)
        assert len(text) == len(case.unit) * case.units(SIZE)


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_hostile_resume_is_analysed(kit, cases, name):
    document = read_document(cases[name], kind="resume")
    assert document.text
    job, _ = pipeline.load_job(kit, job_path=str(AD))
    analysis = pipeline.analyze_document(kit, document, job)
    assert 0 <= analysis.score <= 100
    assert set(analysis.fit) == {"title", "experience", "education"}
    for skill in analysis.resume.skills:
        for mention in skill.mentions:
            # A mention's evidence line is cut around it on an endless line: a copy of the whole line each would
            # make the output quadratic.
            assert mention.text == document.text[mention.start : mention.end]
            assert len(mention.line) <= LONGEST_LINE + len(mention.text) + 4


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_hostile_job_ad_is_read_or_refused_in_one_line(kit, cases, name):
    document = read_document(cases[name], kind="job")
    try:
        job = pipeline.job_from_document(kit, document)
    except InputError as error:  # an ad that names no skill says so
        assert "no skills found" in str(error) and "\n" not in str(error)
        return
    assert job.skills
    resume = read_document(RESUME, kind="resume")
    assert 0 <= pipeline.analyze_document(kit, resume, job).score <= 100


def test_the_commands_finish_on_hostile_files(tmp_path, cases):
    """`text` at the character limit itself; `extract` and `analyze` on the case with the most mentions."""
    (full,) = write_cases(tmp_path, names=["cpp"])
    runner = CliRunner()
    text = runner.invoke(cli, ["text", str(full)])
    assert text.exit_code == 0, text.output
    assert text.stdout.startswith("C++ C++") and len(text.stdout) >= SIZE - 1
    refused = runner.invoke(cli, ["extract", str(full)])
    assert refused.exit_code == 1, refused.output
    (line,) = refused.stderr.strip().splitlines()
    assert "holds 250,000 skill names, over the limit of 10,000 in one document" in line
    extract = runner.invoke(cli, ["extract", str(cases["cpp"]), "--format", "text"])
    assert extract.exit_code == 0, extract.output
    assert f"C++ (cs-fundamentals) x{TEST_SIZE // 4}" in extract.stdout
    report = tmp_path / "report.html"
    analyze = runner.invoke(cli, ["analyze", str(cases["cpp"]), "--job", str(cases["cpp"]), "-o", str(report)])
    assert analyze.exit_code == 0, analyze.output
    assert report.stat().st_size > 0


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_case_names_few_skills_or_is_refused_before_they_are_weighed(kit, cases, name):
    """The names limit, scaled with the text (a fiftieth of each): a case that names more skills than a resume
    could is refused in one line that names the limit, as it is at the full size, before the evidence rules,
    the ad's reading and the report read each name; any other is found in full."""
    document = read_document(cases[name], kind="resume")
    limit = DEFAULT_LIMITS.max_names * TEST_SIZE // SIZE
    try:
        (extraction,) = find_skills(kit.nlp, kit.taxonomy, [document], max_names=limit)
    except TooManyNames as error:
        (line,) = str(error).splitlines()
        assert line.startswith(str(cases[name])) and f"over the limit of {limit:,} in one document" in line
        return
    assert sum(len(skill.mentions) for skill in extraction.skills) <= limit


def test_the_cases_are_written_by_the_module_command(tmp_path):
    from gapcheck.hostile import main

    assert main([str(tmp_path)]) == 0
    assert sorted(path.stem for path in tmp_path.iterdir()) == sorted(CASES)
    assert main([]) == 2


def test_analyze_ends_a_document_over_its_memory_budget_in_one_line(tmp_path, monkeypatch):
    """`analyze` watches one document's memory as a batch worker does (--max-memory, gapcheck/memory.py)."""
    import mmap
    import time

    from gapcheck import api
    from gapcheck.memory import DEFAULT_MAX_MEMORY_MB, can_watch

    option = next(p for p in cli.commands["analyze"].params if p.name == "max_memory")
    assert option.default == DEFAULT_MAX_MEMORY_MB
    if not can_watch():
        pytest.skip("the memory watch reads /proc: Linux only")
    real = api.read

    def hog(path, *args, **kwargs):  # grows as a runaway document would, in Python code, before reading
        held = []
        for _ in range(150):
            # Fresh pages from the kernel, written so that they are resident: memory that earlier tests freed in
            # this process would be reused by the allocator and never show as growth.
            page = mmap.mmap(-1, 2**20)
            page.write(b"x" * 2**20)
            held.append(page)
            time.sleep(0.002)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(api, "read", hog)
    report = tmp_path / "report.html"
    runner = CliRunner()
    over = runner.invoke(cli, ["analyze", str(RESUME), "--job", str(AD), "-o", str(report), "--max-memory", "50"])
    assert over.exit_code == 1, over.output
    (line,) = over.stderr.strip().splitlines()
    assert "resume_ml_engineer_a.txt" in line and "more than 50 MB of memory" in line and "--max-memory" in line
    assert not report.exists()
    unbounded = runner.invoke(cli, ["analyze", str(RESUME), "--job", str(AD), "-o", str(report), "--max-memory", "0"])
    assert unbounded.exit_code == 0, unbounded.output
    assert report.stat().st_size > 0
