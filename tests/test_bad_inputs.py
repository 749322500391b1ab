"""Bad input from strangers: broken and hostile files end in text or one clear error, within bounds, and nothing
in a document runs in a report or escapes the folder it was told to write in (issue #9).

The full fuzz run is `python -m gapcheck.fuzz --cases 2000`; here a quick, seeded sample of it runs. Tests run
as root, where a read-only folder does not stop a write: full disks and refused folders are simulated with
monkeypatch instead.
"""

from __future__ import annotations

import errno
import json
import os
import re
import time
import tracemalloc
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gapcheck import fuzz
from gapcheck.cli import cli
from gapcheck.errors import InputError, OutputError, TaxonomyError, UsageError
from gapcheck.ingest import Limits, read_document
from gapcheck.ingest.cleanup import clean_line
from gapcheck.output import write_atomic
from gapcheck.taxonomy import load_taxonomy

FIXTURES = Path(__file__).parent / "fixtures"
JOHN_DOE = FIXTURES / "john_doe.pdf"
HOSTILE = FIXTURES / "hostile" / "payloads.json"
PAYLOADS: list[str] = json.loads(HOSTILE.read_text(encoding="utf-8"))


def run(*args: object, input: str | None = None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


def one_line_error(result, code: int = 1) -> str:
    """Assert the command failed with `code` and one line on standard error, no traceback; return the line."""
    assert result.exit_code == code, result.output
    message = result.stderr.strip()
    assert "Traceback" not in message, message
    if code == 2:  # click prints the usage lines above a usage error
        message = message.splitlines()[-1]
    assert len(message.splitlines()) == 1 and message.startswith("Error: "), message
    return message


# ------------------------------------------------------------------------------------------------- fuzzing


def test_fuzz_sample_ends_in_text_or_one_clean_error():
    # The hand-written seeds read in milliseconds: 60 cases cover every mutation in a few seconds.
    report = fuzz.run_fuzz(60, fuzz.DEFAULT_SEED, timeout=30, fixtures=None)
    assert report.ok, [f"#{r.index} {s} {m}: {r.outcome} {r.detail}" for r, s, m in report.failures]
    assert sum(report.outcomes.values()) == 60
    assert report.outcomes["text"] and report.outcomes["InputError"]  # the sample reaches both endings


def test_fuzz_sample_on_a_real_resume():
    report = fuzz.run_fuzz(12, 5, timeout=30, fixtures=FIXTURES, only=None)
    assert report.ok, [f"#{r.index} {s} {m}: {r.outcome} {r.detail}" for r, s, m in report.failures]


def test_fuzz_cases_are_deterministic():
    seeds = fuzz.builtin_seeds()
    assert fuzz.make_case(seeds, 3, 17) == fuzz.make_case(seeds, 3, 17)
    assert fuzz.make_case(seeds, 3, 17).data != fuzz.make_case(seeds, 3, 18).data


def test_fuzz_command_prints_counts_and_exit_code(capsys):
    code = fuzz.main(["--cases", "6", "--seed", "2", "--workers", "1", "--fixtures", "/nonexistent"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "6 cases" in out and "text" in out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.sampled_from(sorted(fuzz.builtin_seeds())),
    edits=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.binary(max_size=16)), min_size=1, max_size=6),
)
def test_any_edit_of_a_pdf_reads_or_fails_cleanly(tmp_path_factory, seed, edits):
    data = bytearray(fuzz.builtin_seeds()[seed])
    for where, junk in edits:
        at = int(where * len(data))
        data[at : at + len(junk)] = junk
    path = tmp_path_factory.mktemp("hyp") / "resume.pdf"
    path.write_bytes(bytes(data))
    try:
        with fuzz.time_bound(30):
            document = read_document(path)
        assert document.text.strip()
    except InputError as error:
        assert "\n" not in str(error) and str(error).startswith(str(path))


@pytest.mark.parametrize(
    "name",
    ["deep-nesting", "huge-object-stream", "bogus-filter", "break-xref", "self-reference", "wrong-number"],
)
def test_each_structural_mutation_on_a_real_resume(tmp_path, name):
    import random

    data = fuzz.MUTATIONS[name](JOHN_DOE.read_bytes(), random.Random(name))
    case = fuzz.Case(0, "john_doe.pdf", (name,), data)
    result = fuzz.run_case(case, tmp_path, timeout=30)
    assert result.ok, (result.outcome, result.detail)


def test_ten_thousand_nested_arrays(tmp_path):
    seed = fuzz.builtin_seeds()["text-compressed"]
    for body in (b"[" * 10_000 + b"]" * 10_000, b"[" * 10_000, b"<< /A " * 10_000):
        data = seed.replace(b"1 0 obj\n", b"1 0 obj\n" + body + b"\n", 1)
        result = fuzz.run_case(fuzz.Case(0, "nested", ("deep",), data), tmp_path, timeout=30)
        assert result.ok, (result.outcome, result.detail)


# ------------------------------------------------------------------------------------------ resource limits


def _timed(function, *args, **kwargs):
    """Return (result or raised error, seconds, peak bytes allocated by Python)."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        outcome = function(*args, **kwargs)
    except InputError as error:
        outcome = error
    finally:
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return outcome, seconds, peak


def test_a_gigabyte_flate_bomb_is_refused_fast_and_small(tmp_path):
    path = tmp_path / "bomb.pdf"
    path.write_bytes(fuzz.flate_bomb_pdf(1 << 30))  # ~1 MB on disk, 1 GB inflated
    assert path.stat().st_size < 2_000_000
    error, seconds, peak = _timed(read_document, path)
    assert isinstance(error, InputError), error
    assert "decompress to more than" in str(error) and "\n" not in str(error)
    assert seconds < 10
    assert peak < 400_000_000  # the 100 MB budget and its copies, not a gigabyte


def test_a_bomb_of_nul_bytes_is_refused_before_the_slow_parse(tmp_path):
    # 200 MB of NUL bytes: pdfminer's lexer takes ~4.5 s a megabyte of them, so the budget must stop it first.
    path = tmp_path / "nul-bomb.pdf"
    path.write_bytes(fuzz.flate_bomb_pdf(200 << 20, fill=b"\x00"))
    error, seconds, _ = _timed(read_document, path)
    assert isinstance(error, InputError) and "decompress" in str(error)
    assert seconds < 10


def test_many_small_streams_share_one_budget(monkeypatch, tmp_path):
    from gapcheck.ingest import inflate

    monkeypatch.setattr(inflate, "DEFAULT_DECODE_BUDGET", 3_000_000)
    pages = [[f"Line {i} of page {p} " + "x" * 90 for i in range(40)] for p in range(3)]
    path = tmp_path / "fine.pdf"
    path.write_bytes(fuzz.text_pdf(pages))
    assert "Line 0 of page 2" in read_document(path).text  # far under any budget

    from gapcheck.ingest import pdf

    monkeypatch.setattr(pdf, "decode_budget", None, raising=False)  # the name is imported inside read_pdf
    with inflate.decode_budget(10_000) as budget:
        with pytest.raises(inflate.DecodeBudgetExceeded):
            from pdfminer import pdftypes

            for _ in range(3):
                pdftypes.zlib.decompress(__import__("zlib").compress(b"y" * 4_000))
    assert budget.exceeded


def test_five_thousand_pages_are_refused_by_the_page_limit(tmp_path):
    path = tmp_path / "book.pdf"
    path.write_bytes(fuzz.many_pages_pdf(5000))
    error, seconds, peak = _timed(read_document, path)
    assert isinstance(error, InputError) and "more than 20 pages" in str(error)
    assert seconds < 10 and peak < 200_000_000


def test_a_glyph_bomb_is_refused(tmp_path):
    # One small content stream shared by every page, each page drawing 15,000 glyphs. The budget is 10,000
    # glyphs a page of --max-pages; with 3 pages allowed, the third page crosses it.
    path = tmp_path / "glyphs.pdf"
    path.write_bytes(fuzz.glyph_bomb_pdf(pages=3, glyphs=15_000))
    # How fast it is refused is the benchmark's (`python benchmarks/run.py --hostile glyph-bomb`), not a test's.
    assert path.stat().st_size < 2_000
    with pytest.raises(InputError, match="more than 30,000 glyphs and shapes"):
        read_document(path, limits=Limits(max_pages=3))


def test_a_100_megabyte_text_file_is_refused_by_size_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:
        file.truncate(100_000_000)  # sparse: 100 MB by size, nothing on disk
    error, seconds, peak = _timed(read_document, path)
    assert isinstance(error, InputError) and "100.0 MB" in str(error) and "--max-bytes" in str(error)
    assert seconds < 1 and peak < 1_000_000  # refused by its size, never read


def test_a_file_that_reports_no_size_is_read_no_further_than_the_limit():
    # /dev/zero has size 0 and never ends: the reader must stop after --max-bytes.
    error, seconds, peak = _timed(read_document, "/dev/zero", limits=Limits(max_bytes=2_000_000))
    assert isinstance(error, InputError) and "limit" in str(error)
    assert seconds < 2 and peak < 10_000_000


def test_a_job_ad_of_one_endless_line_hits_the_character_limit(tmp_path):
    path = tmp_path / "ad.txt"
    path.write_text("Python SQL Docker " * 300_000, encoding="utf-8")  # 5.4 MB, no newline
    error, seconds, _ = _timed(read_document, path, kind="job")
    assert isinstance(error, InputError) and "characters" in str(error) and "\n" not in str(error)
    assert seconds < 10


def test_an_endless_line_on_standard_input_hits_the_character_limit(tmp_path):
    resume = tmp_path / "resume.txt"
    resume.write_text("Jane\n\nSkills\nPython, SQL\n")
    result = run("analyze", resume, "--job", "-", "--format", "json", input="Python SQL " * 500_000)
    assert "characters" in one_line_error(result)


def test_a_long_line_under_the_limit_gives_a_bounded_result(tmp_path):
    # Kept small, as a quick check; tests/test_hostile_sizes.py runs longer texts of this shape (issue 20: every
    # stage is linear in the number of mentions now).
    ad = tmp_path / "ad.txt"
    ad.write_text("We need Python, SQL and Docker; " * 300, encoding="utf-8")  # ~10 KB, one line
    started = time.perf_counter()
    result = run("analyze", JOHN_DOE, "--job", ad, "--format", "json")
    assert result.exit_code == 0, result.output
    assert time.perf_counter() - started < 30
    assert json.loads(result.stdout)["score"] >= 0


# ------------------------------------------------------------------------------------------ hostile text


class _Elements(HTMLParser):
    """Collect the tags, attributes and text of an HTML page as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.attributes: list[tuple[str, str, str]] = []
        self.text: list[str] = []
        self._raw_tag: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.attributes += [(tag, name, value or "") for name, value in attrs]

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


def assert_nothing_runs(html: str, baseline: _Elements) -> _Elements:
    """Assert the page has no script, handler, javascript: link or element that a benign page lacks."""
    page = parse(html)
    assert "script" not in page.tags and "<script" not in html.lower()
    handlers = [(tag, name) for tag, name, _ in page.attributes if name.lower().startswith("on")]
    assert not handlers, handlers
    for _tag, name, value in page.attributes:
        squeezed = "".join(value.split()).lower()
        if name.lower() in ("href", "src", "xlink:href", "action", "formaction", "data", "srcdoc"):
            assert not squeezed.startswith(("javascript:", "data:text", "vbscript:", "http:", "https:", "//")), value
        if name.lower() == "style":
            assert "url(" not in squeezed and "expression(" not in squeezed, value
    new_tags = set(page.tags) - TEMPLATE_TAGS
    assert not new_tags, f"elements no template has: {new_tags}"
    new_attributes = {name for _, name, _ in page.attributes} - TEMPLATE_ATTRIBUTES
    assert not new_attributes, f"attributes no template has: {new_attributes}"
    for tag in ("style", "meta", "head", "body", "html", "base", "link", "iframe", "textarea", "form", "img"):
        assert page.tags[tag] == baseline.tags[tag], tag
    return page


def _template_source() -> str:
    from importlib import resources

    root = resources.files("gapcheck.reports")
    return "".join(entry.read_text(encoding="utf-8") for entry in root.iterdir() if entry.name.endswith(".html"))


# Every element and attribute the report templates can write; anything else in a report came from a document.
TEMPLATE_TAGS = {tag.lower() for tag in re.findall(r"<([a-zA-Z][\w:-]*)", _template_source())}
TEMPLATE_ATTRIBUTES = {name.lower() for name in re.findall(r"\s([a-zA-Z][\w:-]*)=", _template_source())}


def visible(page: _Elements) -> str:
    return " ".join(" ".join(page.text).split())


def shown_as(payload: str) -> str:
    """The payload as a report shows it: cleaned the way the reader cleans a line, spaces squeezed."""
    return " ".join(clean_line(payload, Counter()).split())


def test_the_payload_suite_is_big_and_varied():
    assert len(PAYLOADS) >= 30
    joined = "\n".join(PAYLOADS)
    for needle in ("<script", "onerror", "javascript:", "<svg", "&lt;scr&#x69;pt", "</textarea>", '"><',
                   "</style>", "{{ 7*7 }}", "{% raw %}", "\u202e", "\x00", "<iframe"):  # fmt: skip
        assert needle in joined, needle
    assert max(map(len, PAYLOADS)) >= 10_000  # a very long line


def _hostile_taxonomy(tmp_path: Path) -> Path:
    """A user taxonomy whose skill names, next steps and role name are all payloads; the role requires them."""
    lines = []
    ids = []
    for number, payload in enumerate(PAYLOADS):
        skill_id = f"zz-hostile-{number}"
        ids.append(skill_id)
        lines += [
            "[[skill]]",
            f"id = {json.dumps(skill_id)}",
            f"name = {json.dumps(payload)}",
            'area = "software-engineering"',
            'kind = "tool"',
            f'aliases = ["zzhostile{number}"]',
            f"next_steps = {{ learn = {json.dumps(payload)}, project = {json.dumps(payload)} }}",
            "",
        ]
    lines += [
        "[[role]]",
        'id = "zz-hostile-role"',
        f"name = {json.dumps(PAYLOADS[0] + ' ' + PAYLOADS[1])}",
        f"summary = {json.dumps(PAYLOADS[2])}",
        f"required = {json.dumps(['python', *ids[: len(ids) // 2]])}",
        f"preferred = {json.dumps(ids[len(ids) // 2 :])}",
    ]
    path = tmp_path / "hostile.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _hostile_resume_text() -> str:
    lines = ["Jane <b>Example</b> \"'><svg onload=alert(1)>", "", "Experience"]
    for number, payload in enumerate(PAYLOADS):
        # Each line names a skill, so it is quoted as evidence; a few also name a hostile skill by its alias.
        skill = f"zzhostile{number}" if number % 3 == 0 else "Python"
        lines.append(f"- Built {skill} tools {payload[:2000]} with SQL")
    lines += ["", "Skills", "Python, SQL, Docker, Git"]
    return "\n".join(line.replace("\x00", "") for line in lines) + "\n"


def _hostile_ad_text() -> str:
    lines = [f"Senior engineer {PAYLOADS[1]} {{{{ 7*7 }}}}", "", "Requirements"]
    lines += [f"- Python and SQL {payload[:2000]}" for payload in PAYLOADS if "\x00" not in payload]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def benign_report(tmp_path_factory) -> _Elements:
    folder = tmp_path_factory.mktemp("benign")
    resume = folder / "resume.txt"
    resume.write_text("Jane Example\n\nExperience\n- Built tools with Python and SQL\n\nSkills\nPython, SQL, Docker\n")
    ad = folder / "ad.txt"
    ad.write_text("Senior engineer\n\nRequirements\n- Python, SQL, Kubernetes, Spark\n")
    out = folder / "report.html"
    result = run("analyze", resume, "--job", ad, "-o", out)
    assert result.exit_code == 0, result.output
    page = parse(out.read_text(encoding="utf-8"))
    # A role profile report and the john_doe PDF report add their own sections; allow their elements too.
    for number, args in enumerate((("--role", "ml-engineer"), ("--job", ad))):
        other = folder / f"other-{number}.html"
        assert run("analyze", JOHN_DOE, *args, "-o", other).exit_code == 0
        extra = parse(other.read_text(encoding="utf-8"))
        page.tags.update({tag: 0 for tag in extra.tags if tag not in page.tags})
        page.attributes += extra.attributes
    return page


def test_hostile_resume_and_ad_text_shows_as_text(tmp_path, benign_report):
    resume = tmp_path / "resume.txt"
    resume.write_text(_hostile_resume_text(), encoding="utf-8")
    ad = tmp_path / "ad.txt"
    ad.write_text(_hostile_ad_text(), encoding="utf-8")
    out = tmp_path / "report.html"
    result = run("analyze", resume, "--job", ad, "-o", out, "--taxonomy", _hostile_taxonomy(tmp_path))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    page = assert_nothing_runs(html, benign_report)
    text = visible(page)
    assert "Senior engineer" in text and "{{ 7*7 }}" in text  # the job title, literally, not 49
    quoted = [p for p in PAYLOADS if "\x00" not in p and shown_as(p[:2000]) in text]
    assert len(quoted) >= 5, "the evidence quotes should show some hostile resume lines"


def test_hostile_taxonomy_names_show_as_text_in_the_report(tmp_path, benign_report):
    resume = tmp_path / "resume.txt"
    resume.write_text("Jane\n\nExperience\n- Built services in Python and SQL\n\nSkills\nPython, SQL\n")
    out = tmp_path / "report.html"
    taxonomy = _hostile_taxonomy(tmp_path)
    result = run("analyze", resume, "--role", "zz-hostile-role", "-o", out, "--taxonomy", taxonomy)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    text = visible(assert_nothing_runs(html, benign_report))
    missing = [p for p in PAYLOADS if shown_as(p.replace("\x00", "")) not in text.replace("\x00", "")]
    # Every hostile skill is missing from the resume, so each name is listed among the gaps, as text.
    assert not missing, missing[:3]
    assert "{{ 7*7 }}" in text and "{% raw %}" in text


def test_a_hostile_file_name_shows_as_text(tmp_path, benign_report):
    resume = tmp_path / "<img src=x onerror=alert(1)>.txt"
    resume.write_text("Jane\n\nExperience\n- Python and SQL\n\nSkills\nPython\n")
    ad = tmp_path / '"><svg onload=alert(2)> {{ 7*7 }}.txt'
    ad.write_text("Engineer\n\nRequirements\n- Python, SQL, Docker\n")
    out = tmp_path / "report.html"
    result = run("analyze", resume, "--job", ad, "-o", out)
    assert result.exit_code == 0, result.output
    text = visible(assert_nothing_runs(out.read_text(encoding="utf-8"), benign_report))
    assert "<img src=x onerror=alert(1)>.txt" in text
    assert '"><svg onload=alert(2)> {{ 7*7 }}.txt' in text


def test_hostile_text_in_json_and_terminal_output_stays_data(tmp_path):
    resume = tmp_path / "resume.txt"
    resume.write_text(_hostile_resume_text(), encoding="utf-8")
    result = run("analyze", resume, "--role", "ml-engineer", "--format", "json")
    assert result.exit_code == 0, result.output
    json.loads(result.stdout)
    result = run("analyze", resume, "--role", "ml-engineer", "--format", "text")
    assert result.exit_code == 0, result.output


def test_batch_reports_show_hostile_names_and_text_as_text(tmp_path, benign_report):
    inputs = tmp_path / "in"
    inputs.mkdir()
    names = ["<img src=x onerror=alert(1)>.txt", '"><script>alert(2)<%2Fscript>.txt', "javascript:alert(3).txt",
             "{{ 7*7 }}.txt", "\u202etxt.exe\u202c.txt", "x" * 200 + ".txt"]  # fmt: skip
    for number, name in enumerate(names):
        (inputs / name).write_text(_hostile_resume_text() if number % 2 == 0 else "Jane\n\nSkills\nPython, SQL\n")
    (inputs / "<iframe src=javascript:alert(4)>.pdf").write_bytes(b"%PDF-1.4 broken")  # a failure row
    out = tmp_path / "out"
    result = run("batch", inputs, "--role", "zz-hostile-role", "-o", out, "--workers", "1",
                 "--taxonomy", _hostile_taxonomy(tmp_path))  # fmt: skip
    assert result.exit_code in (0, 3), result.output
    written = sorted(p.name for p in out.iterdir())
    assert "index.html" in written
    index_html = (out / "index.html").read_text(encoding="utf-8")
    index = parse(index_html)
    assert "script" not in index.tags and "<script" not in index_html.lower()
    assert not [(t, n) for t, n, _ in index.attributes if n.lower().startswith("on")]
    for _tag, name, value in index.attributes:
        if name == "href":
            assert value.startswith("#") or (value.endswith(".html") and "/" not in value and ":" not in value), value
    text = visible(index)
    for name in names[:4]:
        assert name in text, name
    assert "<iframe src=javascript:alert(4)>.pdf" in text  # the failed file, listed as text
    for report in out.glob("*.html"):
        if report.name != "index.html":
            assert_nothing_runs(report.read_text(encoding="utf-8"), benign_report)


# ----------------------------------------------------------------------------------------------- file safety


@pytest.fixture()
def resume(tmp_path: Path) -> Path:
    path = tmp_path / "resume.txt"
    path.write_text("Jane\n\nExperience\n- Built services in Python and SQL\n\nSkills\nPython, SQL, Docker\n")
    return path


def test_output_over_the_resume_is_refused(resume):
    before = resume.read_bytes()
    message = one_line_error(run("analyze", resume, "--role", "ml-engineer", "-o", resume), code=2)
    assert "input" in message
    assert resume.read_bytes() == before


def test_output_over_the_job_ad_or_taxonomy_is_refused(resume, tmp_path):
    ad = tmp_path / "ad.txt"
    ad.write_text("Engineer\n\nRequirements\n- Python, SQL\n")
    before = ad.read_bytes()
    one_line_error(run("analyze", resume, "--job", ad, "-o", ad), code=2)
    assert ad.read_bytes() == before
    extra = tmp_path / "mine.toml"
    extra.write_text('never_skills = ["zzz"]\n')
    one_line_error(run("analyze", resume, "--role", "ml-engineer", "--taxonomy", extra, "-o", extra), code=2)
    assert extra.read_text() == 'never_skills = ["zzz"]\n'


def test_output_through_a_symlink_or_dotted_path_to_the_resume_is_refused(resume, tmp_path):
    link = tmp_path / "link.html"
    link.symlink_to(resume)
    before = resume.read_bytes()
    one_line_error(run("analyze", resume, "--role", "ml-engineer", "-o", link), code=2)
    sub = tmp_path / "sub"
    sub.mkdir()
    one_line_error(run("analyze", resume, "--role", "ml-engineer", "-o", sub / ".." / resume.name), code=2)
    assert resume.read_bytes() == before


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp(monkeypatch, tmp_path):
    target = tmp_path / "report.html"
    target.write_text("old report")

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    for name in ("replace", "fsync"):
        with monkeypatch.context() as patch:
            patch.setattr(os, name, full_disk)
            with pytest.raises(OutputError, match="No space left"):
                write_atomic(target, "new report")
        assert target.read_text() == "old report"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"], name


def test_an_interrupted_write_leaves_no_temp(monkeypatch, tmp_path):
    target = tmp_path / "report.html"
    target.write_text("old report")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new report")
    assert target.read_text() == "old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_a_full_disk_is_one_line_and_exit_1(monkeypatch, resume, tmp_path):
    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", full_disk)
    out = tmp_path / "report.html"
    message = one_line_error(run("analyze", resume, "--role", "ml-engineer", "-o", out))
    assert "No space left" in message and str(out) in message
    assert not out.exists() and not list(tmp_path.glob("*.part"))


def test_a_refused_folder_is_one_line_and_exit_1(monkeypatch, resume, tmp_path):
    # As root a chmod 0o555 folder is still writable, so refuse the temp file the way the kernel would.
    import tempfile

    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    message = one_line_error(run("analyze", resume, "--role", "ml-engineer", "-o", tmp_path / "r.html"))
    assert "Permission denied" in message


def test_an_output_folder_that_does_not_exist_is_one_line(resume, tmp_path):
    message = one_line_error(run("analyze", resume, "--role", "ml-engineer", "-o", tmp_path / "no" / "r.html"))
    assert "does not exist" in message


def test_batch_output_names_stay_in_the_output_folder(tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    (tmp_path / "evil.txt").write_text("Jane\n\nSkills\nPython, SQL\n")
    odd = ["ﾟ･✿ヾ╲(｡◕‿◕｡)╱✿･ﾟ.txt", "..\u2215..\u2215etc\u2215passwd.txt", "a" * 250 + ".txt", "CON.txt",
           "index.txt", "cohort.md", " .txt", "\u202eexe.txt"]  # fmt: skip
    for name in odd:
        (work / name).write_text("Jane\n\nSkills\nPython\n")
    absolute = tmp_path / "abs" / "resume.txt"
    absolute.parent.mkdir()
    absolute.write_text("Jane\n\nSkills\nSQL\n")
    monkeypatch.chdir(work)
    before = {p for p in tmp_path.rglob("*")}
    out = tmp_path / "out"
    result = run("batch", "../evil.txt", str(absolute), *odd, "--role", "ml-engineer", "-o", out, "--workers", "1")
    assert result.exit_code in (0, 3), result.output
    created = {p for p in tmp_path.rglob("*")} - before
    assert created, result.output
    assert all(p.parent == out or p == out for p in created), sorted(map(str, created))
    names = [p.name for p in out.iterdir()]
    assert all(len(name.encode()) <= 255 and "/" not in name and not name.startswith(".") for name in names)
    reports = [n for n in names if n.endswith(".html") and n != "index.html"]
    assert len(reports) == len(odd) + 2  # one report per input, none overwrote another or index.html


def test_batch_never_writes_over_an_input(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "index.html.txt").write_text("Jane\n\nSkills\nPython\n")
    (folder / "a.txt").write_text("Jane\n\nSkills\nPython\n")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = run("batch", folder, "--role", "ml-engineer", "-o", folder, "--workers", "1", "--force")
    assert result.exit_code in (0, 2, 3), result.output
    for name, data in before.items():
        assert (folder / name).read_bytes() == data


def test_batch_timeout_stops_a_slow_document(tmp_path, monkeypatch):
    import gapcheck.batch.work as work

    real = work.read_document

    def slow(path, *args, **kwargs):
        if "slow" in str(path):
            time.sleep(30)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(work, "read_document", slow)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "slow.txt").write_text("Jane\n\nSkills\nPython\n")
    (folder / "fast.txt").write_text("Jane\n\nSkills\nPython\n")
    started = time.perf_counter()
    result = run("batch", folder, "--role", "ml-engineer", "-o", tmp_path / "out", "--workers", "1", "--timeout", "1")
    assert time.perf_counter() - started < 20
    assert result.exit_code == 3, result.output
    from gapcheck.batch.cohort import read_records

    failures = [r for r in read_records(tmp_path / "out" / "cohort.jsonl") if r["record"] == "failure"]
    assert [f["file"] for f in failures] == ["slow.txt"]
    assert "--timeout" in failures[0]["reason"]


# ------------------------------------------------------------------------------------------- user taxonomy

SKILL = '[[skill]]\nid = "zz-tool"\nname = "ZZ tool"\narea = "software-engineering"\nkind = "tool"\n'


@pytest.mark.parametrize(
    ("case", "content", "words"),
    [
        ("nested arrays", "x = " + "[" * 10_000 + "]" * 10_000, ["nested too deeply"]),
        ("nested inline tables", "x = " + "{a=" * 10_000 + "1" + "}" * 10_000, ["nested too deeply"]),
        ("endless dotted key", "a" + ".a" * 50_000 + " = 1", ["dotted key"]),
        ("endless dotted table", "[" + ".".join(["t"] * 5_000) + "]", ["dotted key"]),
        ("binary junk", bytes(range(256)) * 50, ["UTF-8"]),
        ("NUL bytes", b"\x00" * 1000, ["TOML"]),
        ("a PDF passed as taxonomy", JOHN_DOE.read_bytes()[:5000], ["mine.toml"]),
        ("skill is a string", 'skill = "python"\n', ["skill", "list"]),
        ("skill entry is a number", "skill = [1]\n", ["skill #1"]),
        ("aliases not a list", SKILL + 'aliases = "zz"\n', ["zz-tool", "aliases"]),
        ("alias not a string", SKILL + "aliases = [1, 2]\n", ["zz-tool", "aliases"]),
        ("alias too long", SKILL + f'aliases = ["{"z" * 5000}"]\n', ["zz-tool", "alias"]),
        ("name is a table", SKILL.replace('name = "ZZ tool"', "name = {a = 1}"), ["zz-tool", "name"]),
        (
            "broader cycle",
            SKILL
            + 'broader = ["zz-two"]\n'
            + SKILL.replace("zz-tool", "zz-two").replace("ZZ tool", "ZZ two")
            + 'broader = ["zz-tool"]\n',
            ["cycle", "zz-tool"],
        ),  # fmt: skip
        (
            "role weight not a number",
            '[[role]]\nid = "r"\nname = "R"\nweights = { python = "heavy" }\n',
            ["role 'r'", "python"],
        ),  # fmt: skip
        ("role group of one", '[[role]]\nid = "r"\nname = "R"\n[[role.groups]]\nany = ["python"]\n', ["role 'r'"]),
        ("next step not text", SKILL + "next_steps = { learn = 3 }\n", ["zz-tool", "next_steps"]),
    ],
)
def test_malformed_user_taxonomy_gives_a_clear_error(tmp_path, case, content, words):
    path = tmp_path / "mine.toml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    started = time.perf_counter()
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy([path])
    assert time.perf_counter() - started < 5
    message = str(caught.value)
    assert "\n" not in message and len(message) < 1000, message[:300]
    for word in words:
        assert word in message, message
    result = run("taxonomy", "validate", path)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output


def test_a_ten_megabyte_alias_list_is_refused_by_size(tmp_path):
    aliases = json.dumps([f"alias number {i}" for i in range(600_000)])
    path = tmp_path / "mine.toml"
    path.write_text(SKILL + f"aliases = {aliases}\n", encoding="utf-8")
    assert path.stat().st_size > 10_000_000
    # Refused by its size before it is parsed; how fast is the benchmark's (`--hostile alias-list`).
    with pytest.raises(TaxonomyError, match="mine.toml: .* bytes, more than"):
        load_taxonomy([path])


def test_an_alias_list_under_the_size_limit_but_too_long_names_the_skill(tmp_path):
    aliases = json.dumps([f"alias number {i}" for i in range(100_000)])  # ~2 MB
    path = tmp_path / "mine.toml"
    path.write_text(SKILL + f"aliases = {aliases}\n", encoding="utf-8")
    with pytest.raises(TaxonomyError, match="skill 'zz-tool': 100000 aliases"):
        load_taxonomy([path])


def test_a_malformed_taxonomy_on_analyze_is_one_line(resume, tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text("x = " + "[" * 10_000)
    message = one_line_error(run("analyze", resume, "--role", "ml-engineer", "--taxonomy", path, "--format", "json"))
    assert "mine.toml" in message


def test_reading_errors_never_raise_anything_but_input_error(tmp_path):
    cases = {
        "folder.pdf": None,
        "empty.pdf": b"",
        "header-only.pdf": b"%PDF-1.7\n",
        "zip.docx": b"PK\x03\x04" + b"\x00" * 100,
        "nul.txt": b"abc\x00def",
        "utf16.txt": "\ufeffJane\n\nSkills\nPython\n".encode("utf-16"),
        "bom-only.txt": b"\xef\xbb\xbf",
        "deep.json": b'{"basics": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        "deep-resume.json": b'{"skills": ' + b'{"a":' * 50_000 + b"1" + b"}" * 50_000 + b"}",
        "huge-number.json": b'{"basics": {"name": 1' + b"0" * 100_000 + b"}}",
    }
    for name, data in cases.items():
        path = tmp_path / name
        if data is None:
            path.mkdir()
        else:
            path.write_bytes(data)
        try:
            read_document(path)
        except InputError as error:
            assert "\n" not in str(error), (name, str(error))
        except UsageError:
            pytest.fail(name)
