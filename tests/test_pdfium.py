"""The PDFium engine (`--pdf-engine pdfium`): the same findings as pdfminer's, the same one-line errors within the
same bounds, nothing left open, and a one-line hint when pypdfium2 is missing. The reading-order tests of
test_ingest.py run with both engines; these are the engine's own."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from gapcheck import fuzz
from gapcheck.cli import cli
from gapcheck.errors import InputError, MissingExtra
from gapcheck.ingest import Limits, read_document
from gapcheck.ingest.hidden import PageDrawing
from gapcheck.ingest.pdf_common import GlyphBudget

pypdfium2 = pytest.importorskip("pypdfium2", reason="the pdfium extra: pip install 'gapcheck[pdfium]'")

FIXTURES = Path(__file__).parent / "fixtures"
JOHN_DOE = FIXTURES / "john_doe.pdf"
JAVA_AD = Path(__file__).parent.parent / "examples" / "java-backend-ad.txt"
REPO = Path(__file__).parent.parent
PDFIUM = Limits(pdf_engine="pdfium")
READING_COMMANDS = ["analyze", "extract", "text", "batch", "rank", "profile"]


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


# --------------------------------------------------------------------------------------- same findings


@pytest.mark.parametrize("name", sorted(path.name for path in FIXTURES.glob("*.pdf")))
def test_both_engines_find_the_same_skills_in_every_fixture(kit, name: str) -> None:
    from gapcheck.pipeline import extract_documents

    found = {}
    for engine in ("pdfminer", "pdfium"):
        document = read_document(FIXTURES / name, limits=Limits(pdf_engine=engine))
        (extraction,) = extract_documents(kit, [document])
        found[engine] = {skill.id: len(skill.mentions) for skill in extraction.skills}
    assert found["pdfium"] == found["pdfminer"]
    assert found["pdfium"]  # every fixture is a resume with skills


def test_both_engines_give_the_same_text_where_fonts_are_complete() -> None:
    # The two single-column templates differ only in blank lines: their fonts lack a FontBBox, so pdfminer puts
    # each glyph's box on the baseline while PDFium reads the descent from the embedded font (see the README).
    for name in ("john_doe.pdf", "barry_allen_fe.pdf", "template-two-column.pdf", "template-modern-two-column.pdf"):
        assert read_document(FIXTURES / name, limits=PDFIUM).text == read_document(FIXTURES / name).text, name


@pytest.mark.parametrize("name", ["template-single-column.pdf", "template-modern-single-column.pdf"])
def test_where_the_text_differs_it_is_only_blank_lines(name: str) -> None:
    pdfminer, pdfium = (read_document(FIXTURES / name, limits=Limits(pdf_engine=e)) for e in ("pdfminer", "pdfium"))
    assert pdfium.text.split() == pdfminer.text.split()
    assert [line for line in pdfium.text.splitlines() if line] == [line for line in pdfminer.text.splitlines() if line]
    assert [(s.name, s.heading) for s in pdfium.sections] == [(s.name, s.heading) for s in pdfminer.sections]


def test_spaces_in_the_text_keep_words_apart(tmp_path: Path) -> None:
    path = tmp_path / "spaced.pdf"
    path.write_bytes(fuzz.text_pdf([["Skills", "Python, SQL and   machine learning"]]))
    document = read_document(path, limits=PDFIUM)
    assert "Python, SQL and machine learning" in document.text


def word(text: str, x: float, y: float = 700, width: float = 5, height: float = 10) -> list[tuple]:
    """Characters of `text` side by side from `x`, as the engine gives them to build_lines."""
    return [(x + i * width, y, x + (i + 1) * width, y + height, char) for i, char in enumerate(text)]


def test_lines_are_built_as_pdfminer_builds_them() -> None:
    from gapcheck.ingest.pdfium import build_lines

    lines = build_lines(
        word("Python", 50)
        + word("SQL", 50 + 6 * 5 + 3)  # 3 pt apart: a space (more than a tenth of the 10 pt height)
        + word("2019", 50 + 9 * 5 + 3 + 9.9)  # 9.9 pt, under two widths (10): the same line, a word apart
        + word("Remote", 300)  # far to the right: a line of its own, as char_margin=2.0 splits it
        + word("", 0)
        + [(400, 700, 405, 710, "")]  # an icon glyph: it shapes a line but is no text
        + word("Next", 50, y=688)  # a line lower
    )
    assert [line.text for line in lines] == ["Python SQL 2019", "Remote", "Next"]
    first = lines[0]
    assert (first.x0, first.y0, first.y1) == (50, 700, 710) and first.x1 == pytest.approx(50 + 9 * 5 + 3 + 9.9 + 20)


def test_half_a_line_of_overlap_decides_the_line() -> None:
    from gapcheck.ingest.pdfium import build_lines

    superscript = [(80, 704.9, 84, 714.9, "2")]  # overlaps "x" by 5.1 of 10: the same line
    lower = [(80, 694.9, 84, 704.9, "y")]  # overlaps by 4.9 (less than half): a new line
    assert [line.text for line in build_lines(word("x", 75) + superscript)] == ["x2"]
    assert [line.text for line in build_lines(word("x", 75) + lower)] == ["x", "y"]


NON_BMP = Path(__file__).parent / "pdfium" / "non-bmp.pdf"  # see pdfium/SOURCE.md (not in fixtures/: batch reads that)


def test_characters_beyond_the_bmp_are_one_character_each(kit) -> None:
    from gapcheck.pipeline import extract_documents

    document = read_document(NON_BMP, limits=PDFIUM)  # PDFium gives each as two UTF-16 halves
    assert document.text.splitlines() == [
        "Skills",
        "\U0001d400 Python, SQL",  # a math bold A
        "Python \U0001f600 Java",  # an emoji
        "\U0001d538 Docker \u2709 dana@example.com",
    ]
    document.text.encode("utf-8")  # no lone surrogate
    assert document.text == read_document(NON_BMP).text
    (extraction,) = extract_documents(kit, [document])
    found = {skill.id: len(skill.mentions) for skill in extraction.skills}
    assert {"python": 2, "sql": 1, "java": 1, "docker": 1}.items() <= found.items()


def test_a_character_beyond_the_bmp_in_an_icon_font_is_one_icon(tmp_path: Path) -> None:
    from gapcheck.ingest.pdfium import open_pdfium

    # The same file with the math font renamed (same length, so the offsets hold) as an icon font.
    data = NON_BMP.read_bytes().replace(b"DejaVuMathTeXGyre", b"FontAwesome-Solid")
    removed: Counter[str] = Counter()
    with open_pdfium(data) as pages:
        _, lines = pages.page_lines(0, removed, GlyphBudget(10**9))
    # The whole math line is in the icon font: a line of icons, shaping the page but no text.
    assert [line.text for line in lines] == [
        "Skills",
        "Python \U0001f600 Java",
        "\U0001d538 Docker \u2709 dana@example.com",
    ]
    assert removed == {"icon-font": 1 + len("Python,SQL")}  # the math A once, not once per half
    path = tmp_path / "icons.pdf"
    path.write_bytes(data)
    assert read_document(path, limits=PDFIUM).text == read_document(path).text


class FakeTextPage:
    """A page of characters for `PdfiumPages`, answered by Python in place of PDFium's per-character calls.

    Each character is (code, box, text object); a text object is (font name or None when PDFium cannot tell it,
    font size, vertical scale of the matrix or None when PDFium cannot give the matrix)."""

    def __init__(self, characters: list[tuple[int, tuple[float, float, float, float], int]], objects: dict) -> None:
        self.characters, self.objects, self.raw = characters, objects, None

    def calls(self):
        import ctypes

        import pypdfium2.raw as pdfium_c

        from gapcheck.ingest.pdfium import _Calls

        def loose_box(handle: object, index: int, address: int) -> int:
            box = pdfium_c.FS_RECTF.from_address(address)
            box.left, box.bottom, box.right, box.top = self.characters[index][1]
            return 1

        def matrix(handle: object, index: int, address: int) -> int:
            scale = self.objects[self.characters[index][2]][2]
            if scale is None:
                return 0
            written = pdfium_c.FS_MATRIX.from_address(address)
            written.a, written.b, written.c, written.d = scale, 0, 0, scale
            return 1

        def font_info(handle: object, index: int, buffer: int, length: int, flags: int) -> int:
            name = self.objects[self.characters[index][2]][0]
            if name is None:
                return 0
            encoded = name.encode("latin-1") + b"\0"
            if len(encoded) <= length:
                ctypes.memmove(buffer, encoded, len(encoded))
            return len(encoded)

        return _Calls(
            unicode=lambda handle, index: self.characters[index][0],
            is_generated=lambda handle, index: 0,
            is_hyphen=lambda handle, index: 0,
            loose_box=loose_box,
            text_object=lambda handle, index: self.characters[index][2],
            unmapped=lambda handle, index: 0,
            matrix=matrix,
            font_size=lambda handle, index: self.objects[self.characters[index][2]][1],
            font_info=font_info,
            render_mode=lambda text_object: 0,  # fill
            fill_colour=lambda text_object, *channels: 0,  # not known: the text is seen
            stroke_colour=lambda text_object, *channels: 0,
        )

    def count_chars(self) -> int:
        return len(self.characters)

    def close(self) -> None:
        pass


def fake_page_lines(monkeypatch: pytest.MonkeyPatch, text_page: FakeTextPage) -> tuple[list[str], Counter[str]]:
    """Return the lines and the removed-glyph counts that PdfiumPages builds from the fake page."""
    from gapcheck.ingest import pdfium

    class Page:
        def get_textpage(self) -> FakeTextPage:
            return text_page

        def get_width(self) -> float:
            return 600.0

        def close(self) -> None:
            pass

    monkeypatch.setattr(pdfium, "_per_character_calls", text_page.calls)
    # No page objects to walk: nothing drawn behind or over the text, on a page that holds it all.
    monkeypatch.setattr(pdfium, "_page_drawing", lambda page, spend: (PageDrawing((0, 0, 600, 800)), {}))
    removed: Counter[str] = Counter()
    _, lines = pdfium.PdfiumPages([Page()]).page_lines(0, removed, GlyphBudget(10**9))
    return [line.text for line in lines], removed


def row(codes: list[int], text_object: int = 1, x: float = 50, width: float = 6) -> list[tuple]:
    """Characters side by side on one row, 12 pt high (the loose box: descent to ascent)."""
    return [(code, (x + i * width, 697, x + (i + 1) * width, 709), text_object) for i, code in enumerate(codes)]


def test_a_surrogate_pair_is_one_character_and_a_lone_half_none(monkeypatch: pytest.MonkeyPatch) -> None:
    text_page = FakeTextPage(
        row([0xD835, 0xDC00, ord("A"), 0xD835, ord("B"), 0xDC00, ord("C"), 0xD83D])  # pair, lone, lone, lone
        + [(0xD83D, (50, 680, 56, 692), 1), (0xDE00, (50, 680, 56, 692), 1)],  # a pair on the next row
        {1: ("ABCDEF+DejaVuSans", 10.0, 1.0)},
    )
    lines, removed = fake_page_lines(monkeypatch, text_page)
    assert lines == ["\U0001d400ABC", "\U0001f600"]
    assert removed == {"cid": 3}


def test_a_font_name_never_lingers_from_the_previous_text_object(monkeypatch: pytest.MonkeyPatch) -> None:
    long_icon_name = "ABCDEF+" + "x" * 300 + "FontAwesome"  # longer than the first buffer: asked again
    text_page = FakeTextPage(
        row([ord(c) for c in "ab"], text_object=1)
        + row([ord(c) for c in "cd"], text_object=2, x=62)
        + row([ord(c) for c in "ef"], text_object=3, x=74)
        + row([ord(c) for c in "gh"], text_object=4, x=86),
        {
            1: ("ABCDEF+FontAwesome", 10.0, 1.0),
            2: (None, 10.0, 1.0),  # PDFium cannot tell the font: not the icon font before it
            3: (long_icon_name, 10.0, 1.0),
            4: ("ABCDEF+DejaVuSans", 10.0, 1.0),
        },
    )
    lines, removed = fake_page_lines(monkeypatch, text_page)
    assert lines == ["cdgh"]
    assert removed == {"icon-font": 4}


def test_without_a_matrix_the_em_is_the_glyph_box(monkeypatch: pytest.MonkeyPatch) -> None:
    # Without the matrix, or with one that flattens the text, an em of 0 would give every character a line.
    for scale in (None, 0.0):
        text_page = FakeTextPage(row([ord(c) for c in "Python"]), {1: (None, 10.0, scale)})
        lines, _ = fake_page_lines(monkeypatch, text_page)
        assert lines == ["Python"], scale


# ---------------------------------------------------------------------------------------------- the CLI


@pytest.mark.parametrize("command", READING_COMMANDS)
def test_every_command_that_reads_files_offers_the_engine(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0, result.output
    assert "--pdf-engine [pdfminer|pdfium]" in result.output


def test_text_and_extract_with_pdfium() -> None:
    text = run("text", JOHN_DOE, "--pdf-engine", "pdfium")
    assert text.exit_code == 0, text.output
    assert text.output == run("text", JOHN_DOE).output
    extracted = run("extract", JOHN_DOE, "--pdf-engine", "pdfium", "--format", "text")
    assert extracted.exit_code == 0, extracted.output
    assert "Spring Boot" in extracted.output


def test_batch_workers_read_with_the_chosen_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    resumes = tmp_path / "in"
    resumes.mkdir()
    (resumes / "john_doe.pdf").write_bytes(JOHN_DOE.read_bytes())
    result = run("batch", resumes, "--role", "ml-engineer", "-o", tmp_path / "out", "--workers", "1",
                 "--pdf-engine", "pdfium")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "wrote 1 reports" in result.output


def test_an_unknown_engine_is_a_usage_error() -> None:
    result = run("text", JOHN_DOE, "--pdf-engine", "mupdf")
    assert result.exit_code == 2
    assert "mupdf" in result.stderr


@pytest.fixture()
def without_pypdfium2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make `import pypdfium2` fail, as where the extra is not installed."""
    for name in [name for name in sys.modules if name.startswith("pypdfium2")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "pypdfium2", None)


@pytest.mark.parametrize(
    "args",
    [
        ["text", JOHN_DOE],
        ["analyze", JOHN_DOE, "--job", JAVA_AD, "--format", "json"],
        ["extract", JOHN_DOE],
        ["rank", JOHN_DOE, JAVA_AD],
        ["batch", FIXTURES, "--role", "ml-engineer", "-o", "OUT"],
    ],
    ids=lambda args: args[0],
)
def test_missing_pypdfium2_is_one_line_naming_the_extra(
    without_pypdfium2: None, args: list[object], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = run(*[out if arg == "OUT" else arg for arg in args], "--pdf-engine", "pdfium")
    assert result.exit_code == 1, result.output
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1 and "Traceback" not in message, message
    assert message.startswith("Error: --pdf-engine pdfium needs pypdfium2")
    assert "pip install 'gapcheck[pdfium]'" in message
    assert not out.exists()  # a batch fails before it starts


def test_missing_pypdfium2_for_a_library_caller(without_pypdfium2: None) -> None:
    with pytest.raises(MissingExtra, match=r"pip install 'gapcheck\[pdfium\]'"):
        read_document(JOHN_DOE, limits=PDFIUM)
    assert read_document(JOHN_DOE).text  # pdfminer needs nothing more


def test_help_and_the_default_engine_never_import_pypdfium2() -> None:
    code = (
        "import sys\n"
        "from gapcheck.cli import cli\n"
        "for args in (['--help'], ['text', sys.argv[1]]):\n"
        "    try:\n"
        "        cli.main(args, standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print('pypdfium2' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    completed = subprocess.run(
        [sys.executable, "-c", code, str(JOHN_DOE)], capture_output=True, text=True, env=env, cwd=REPO
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip().splitlines()[-1] == "False"


# ---------------------------------------------------------------------------------- errors and bounds


def test_corrupt_pdf_is_not_readable(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    with pytest.raises(InputError, match=r"^.*broken\.pdf: is not a readable PDF \(PdfiumError: .+\)$"):
        read_document(path, limits=PDFIUM)


def test_a_failure_inside_the_engine_becomes_input_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gapcheck.ingest import pdfium

    def broken(self: object, *args: object) -> None:
        raise KeyError("Font")

    monkeypatch.setattr(pdfium.PdfiumPages, "page_lines", broken)
    with pytest.raises(InputError, match=r"john_doe\.pdf: is not a readable PDF \(KeyError: 'Font'\)$"):
        read_document(JOHN_DOE, limits=PDFIUM)


def test_the_page_limit_is_checked_before_any_page_is_loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gapcheck.ingest import pdfium

    loaded = []
    monkeypatch.setattr(pdfium.PdfiumPages, "page_lines", lambda self, *args: loaded.append(args))
    path = tmp_path / "book.pdf"
    path.write_bytes(fuzz.many_pages_pdf(5000))
    with pytest.raises(InputError, match=r"book\.pdf: has more than 20 pages, the limit \(raise it with --max-pages\)"):
        read_document(path, limits=PDFIUM)
    assert loaded == []


def test_a_glyph_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "glyphs.pdf"
    path.write_bytes(fuzz.glyph_bomb_pdf(pages=3, glyphs=15_000))  # 45,000 glyphs; 3 pages allow 30,000
    with pytest.raises(InputError, match=r"glyphs\.pdf: is not a readable PDF \(it draws more than 30,000 glyphs"):
        read_document(path, limits=Limits(max_pages=3, pdf_engine="pdfium"))


@pytest.mark.parametrize("fill", [b" ", b"\x00"])
def test_a_flate_bomb_is_refused_before_pdfium_inflates_it(tmp_path: Path, fill: bytes) -> None:
    import resource
    import time

    path = tmp_path / "bomb.pdf"
    path.write_bytes(fuzz.flate_bomb_pdf(1 << 30, fill=fill))  # PDFium alone would take 2 GB for it
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    with pytest.raises(InputError, match=r"bomb\.pdf: is not a readable PDF \(its streams decompress to more than"):
        read_document(path, limits=PDFIUM)
    assert time.perf_counter() - started < 10
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before
    assert grown_kb < 600_000  # the 100 MB budget and its copies, not a gigabyte


def test_streams_in_other_filters_count_too() -> None:
    import zlib

    from gapcheck.ingest.inflate import DecodeBudgetExceeded, check_stream_sizes

    twice = zlib.compress(zlib.compress(b" " * 2_000_000))  # Flate over Flate: 2 MB from a few hundred bytes
    pdf = b"1 0 obj\n<< /Length %d /Filter [/FlateDecode /FlateDecode] >>\nstream\n" % len(twice)
    pdf += twice + b"\nendstream\nendobj\n"
    check_stream_sizes(pdf, limit=3_000_000)
    with pytest.raises(DecodeBudgetExceeded):
        check_stream_sizes(pdf, limit=1_500_000)
    image = pdf.replace(b"<< /Length", b"<< /Subtype /Image /Length")
    check_stream_sizes(image, limit=1_500_000)  # images are not decoded to read text


def test_a_chain_of_ascii85_and_flate_counts_too() -> None:
    import base64
    import zlib

    from gapcheck.ingest.inflate import DecodeBudgetExceeded, check_stream_sizes

    encoded = base64.a85encode(zlib.compress(b" " * 2_000_000)) + b"~>"
    pdf = b"1 0 obj\n<< /Filter [/ASCII85Decode /FlateDecode] >>\nstream\n" + encoded + b"\nendstream\nendobj\n"
    check_stream_sizes(pdf, limit=3_000_000)
    with pytest.raises(DecodeBudgetExceeded):
        check_stream_sizes(pdf, limit=1_500_000)


def test_every_document_and_page_is_closed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gapcheck.ingest import pdfium

    # What PDFium opened and what our code closed itself, written to a file: the engine may read in a forked
    # child, whose memory this test never sees. pypdfium2 also closes a page and its text page when their
    # document closes (`_by_parent=True`): that would hide a `finally` that never ran, so it is not counted.
    log = tmp_path / "log"
    log.touch()

    def record(event: str, kind: str, thing: object) -> None:
        with log.open("a") as out:
            out.write(f"{event} {kind} {id(thing)}\n")

    def record_opening(cls: type, method: str, kind: str) -> None:
        real = getattr(cls, method)

        def opening(self: object, *args: object, **kwargs: object) -> object:
            result = real(self, *args, **kwargs)
            record("open", kind, self if method == "__init__" else result)
            return result

        monkeypatch.setattr(cls, method, opening)

    def record_closing(cls: type, kind: str) -> None:
        real = cls.close

        def closing(self: object, *args: object, **kwargs: object) -> object:
            if not kwargs.get("_by_parent") and getattr(self, "raw", None):
                record("close", kind, self)
            return real(self, *args, **kwargs)

        monkeypatch.setattr(cls, "close", closing)

    record_opening(pypdfium2.PdfDocument, "__init__", "document")
    record_opening(pypdfium2.PdfDocument, "get_page", "page")
    record_opening(pypdfium2.PdfPage, "get_textpage", "text-page")
    record_closing(pypdfium2.PdfDocument, "document")
    record_closing(pypdfium2.PdfPage, "page")
    record_closing(pypdfium2.PdfTextPage, "text-page")

    def events() -> Counter[str]:
        return Counter(line.rsplit(" ", 1)[0] for line in log.read_text().splitlines())

    def unclosed() -> list[str]:
        opened, closed = (Counter(line.split(" ", 1)[1] for line in log.read_text().splitlines() if line.startswith(e))
                          for e in ("open", "close"))  # fmt: skip
        return sorted((opened - closed) + (closed - opened))

    read_document(JOHN_DOE, limits=PDFIUM)
    assert events() == {"open document": 1, "open page": 2, "open text-page": 2,  # john_doe.pdf has two pages
                        "close document": 1, "close page": 2, "close text-page": 2}  # fmt: skip
    assert unclosed() == []

    def broken(characters: object) -> None:
        raise ValueError("mid-page")  # inside page_lines, while the page and its text page are open

    log.write_text("")
    monkeypatch.setattr(pdfium, "build_lines", broken)
    with pytest.raises(InputError, match=r"john_doe\.pdf: is not a readable PDF \(ValueError: mid-page\)$"):
        read_document(JOHN_DOE, limits=PDFIUM)
    assert events() == {"open document": 1, "open page": 1, "open text-page": 1,  # it failed on the first page
                        "close document": 1, "close page": 1, "close text-page": 1}  # fmt: skip
    assert unclosed() == []


def test_fuzz_sample_with_pdfium_ends_in_text_or_one_clean_error() -> None:
    report = fuzz.run_fuzz(60, fuzz.DEFAULT_SEED, timeout=30, fixtures=FIXTURES, engine="pdfium")
    assert report.ok, [f"#{r.index} {s} {m}: {r.outcome} {r.detail}" for r, s, m in report.failures]
    assert report.outcomes["text"] and report.outcomes["InputError"]
