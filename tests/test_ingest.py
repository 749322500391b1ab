"""Tests of the read stage: real resume PDFs, generated PDFs, DOCX, text, JSON Resume, and every input error."""

from __future__ import annotations

import io
import json
import random
import zipfile
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from gapcheck.errors import InputError, NoTextLayer, UnsupportedInput
from gapcheck.ingest import Limits, format_document, read_document, read_text
from gapcheck.ingest.cleanup import clean_lines, join_hyphenated, removal_notes, remove_page_furniture
from gapcheck.ingest.columns import TextLine, reading_order
from gapcheck.model import Document

fpdf = pytest.importorskip("fpdf")

FIXTURES = Path(__file__).parent / "fixtures"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

# The PDF engines: the reading-order and error tests below run with each; PDFium is an extra (gapcheck[pdfium]).
try:
    import pypdfium2  # noqa: F401

    NO_PDFIUM = ""
except ImportError:
    NO_PDFIUM = "needs pypdfium2 (pip install 'gapcheck[pdfium]')"
ENGINES = ["pdfminer", pytest.param("pdfium", marks=pytest.mark.skipif(bool(NO_PDFIUM), reason=NO_PDFIUM))]


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """The PDF engine a test reads with."""
    return request.param


def on(engine: str, **limits: int) -> Limits:
    """The limits to read with `engine` (and any other limit given)."""
    return Limits(pdf_engine=engine, **limits)


@cache
def real(name: str, engine: str = "pdfminer") -> Document:
    """Read a fixture PDF once per test session and engine: the template PDFs take ~0.4 s each with pdfminer."""
    return read_document(FIXTURES / name, limits=on(engine))


def body_lines(document: Document) -> list[str]:
    return [line for line in document.text.split("\n") if line.strip()]


def assert_contiguous(document: Document, expected: list[str]) -> int:
    """Assert the expected lines follow each other (blank lines aside); return the index of the first."""
    lines = body_lines(document)
    assert expected[0] in lines, f"{expected[0]!r} not a line of:\n{document.text}"
    start = lines.index(expected[0])
    assert lines[start : start + len(expected)] == expected
    return start


# --- real PDFs -------------------------------------------------------------------------------------------------

REAL_SECTIONS = {
    "barry_allen_fe.pdf": ["summary", "education", "skills", "experience", "projects"],
    "john_doe.pdf": ["summary", "skills", "experience", "education", "certifications"],
    "template-single-column.pdf": ["summary", "experience", "education", "projects", "skills"],
    "template-modern-single-column.pdf": ["summary", "experience", "education", "projects", "skills"],
    "template-two-column.pdf": ["summary", "experience", "projects", "education", "skills", "contact"],
    "template-modern-two-column.pdf": ["summary", "experience", "projects", "education", "skills", "contact"],
}


def test_every_fixture_pdf_is_covered() -> None:
    assert sorted(path.name for path in FIXTURES.glob("*.pdf")) == sorted(REAL_SECTIONS)


@pytest.mark.parametrize("name", sorted(REAL_SECTIONS))
def test_real_pdf_sections_once_and_in_reading_order(name: str, engine: str) -> None:
    document = real(name, engine)
    assert [section.name for section in document.sections] == REAL_SECTIONS[name]
    headings = [section.heading for section in document.sections]
    lines = body_lines(document)
    for heading in headings:
        assert lines.count(heading) == 1, heading
    assert [lines.index(heading) for heading in headings] == sorted(lines.index(h) for h in headings)
    for section in document.sections:
        assert document.text[section.start :].startswith(section.heading)
        assert document.section_at(section.start) == section.name


@pytest.mark.parametrize("name", sorted(REAL_SECTIONS))
def test_real_pdf_text_is_clean(name: str, engine: str) -> None:
    document = real(name, engine)
    assert "(cid:" not in document.text
    assert not any("\ue000" <= char <= "\uf8ff" for char in document.text)
    assert "  " not in document.text and "\t" not in document.text and "\u00a0" not in document.text
    assert "\n\n\n" not in document.text
    assert not any(line.startswith(("•", "●")) for line in body_lines(document))
    assert document.pages >= 1 and document.kind == "resume"


@pytest.mark.parametrize(
    ("name", "joined", "not_there"),
    [
        ("barry_allen_fe.pdf", "Implemented", "Imple-"),
        ("john_doe.pdf", "deployment", "deploy-"),
        (
            "template-two-column.pdf",
            "scalable backend systems, distributed architectures, and cloud-native",
            "cloud-\n",
        ),
        ("template-modern-two-column.pdf", "community-driven", "community-\n"),
    ],
)
def test_real_pdf_hyphenated_words_joined(name: str, joined: str, not_there: str, engine: str) -> None:
    text = real(name, engine).text
    assert joined in text
    assert not_there not in text


@pytest.mark.parametrize("name", ["template-two-column.pdf", "template-modern-two-column.pdf"])
def test_two_column_templates_read_left_column_then_right(name: str, engine: str) -> None:
    document = real(name, engine)
    assert document.layout == "two-column"
    assert any("two-column layout detected" in note for note in document.diagnostics)
    lines = body_lines(document)
    # The full-width header comes first: name, title, contact line.
    assert lines[0].lower() == "john doe"
    assert lines[1].lower() == "senior software engineer"
    assert lines[2].startswith("john.doe@email.com")
    # Left column, whole and in order: the summary runs into the experience section, projects end it.
    left = assert_contiguous(
        document,
        [
            "EXPERIENCE",
            "Senior Software Engineer | Jan 2023 - Present",
            "Stripe • San Francisco, CA",
        ],
    )
    assert lines[left + 3].startswith("- Designed and implemented real-time fraud detection pipeline")
    assert lines[left - 1].endswith("that scale.")
    # The right column follows the last line of the left one, whole and in order.
    end_of_left = assert_contiguous(
        document,
        [
            "optimization capabilities",
            "EDUCATION",
            "UC Berkeley | 2019",
            "Bachelor of Science, Computer Science",
            "SKILLS",
            "Go | Python | Node.js | TypeScript",
            "JavaScript | SQL | PostgreSQL",
        ],
    )
    assert end_of_left > left
    assert lines[-5:] == [
        "Feature Flags | A/B Testing",
        "Observability | Datadog | PagerDuty",
        "LINKS",
        "linkedin.com/in/johndoe",
        "github.com/johndoe",
    ]


def test_two_column_summary_is_not_interleaved_with_the_right_column(engine: str) -> None:
    text = real("template-two-column.pdf", engine).text
    start = text.index("SUMMARY")
    summary = text[start : text.index("EXPERIENCE")]
    assert "Senior Software Engineer with 5+ years" in summary
    assert "that scale." in summary
    assert "Python |" not in summary and "EDUCATION" not in summary


@pytest.mark.parametrize(
    "name",
    ["barry_allen_fe.pdf", "john_doe.pdf", "template-single-column.pdf", "template-modern-single-column.pdf"],
)
def test_one_column_pdfs_stay_one_column(name: str, engine: str) -> None:
    assert real(name, engine).layout == "one-column"
    assert not any("two-column" in note for note in real(name, engine).diagnostics)


def test_date_column_is_not_a_second_column(engine: str) -> None:
    document = real("barry_allen_fe.pdf", engine)
    assert document.layout == "one-column"
    assert "2018 – 2022 B.Tech, Computer Science and Engineering, Indian Institute of Technology" in document.text


def test_icon_font_glyphs_are_dropped_and_noted(engine: str) -> None:
    document = real("barry_allen_fe.pdf", engine)
    lines = body_lines(document)
    assert "allthe.stars@google.com" in lines and "(123) 456-7890" in lines and "bwayne" in lines
    assert any(note.startswith("removed 4 icon-font characters") for note in document.diagnostics)


def test_page_numbers_removed_across_pages(engine: str) -> None:
    document = real("john_doe.pdf", engine)
    assert document.pages == 2
    assert "1" not in body_lines(document)
    assert "removed 2 page numbers" in document.diagnostics
    assert "- Java and J2EE" in body_lines(document)


def test_pdfminer_warnings_stay_off_stderr(capfd: pytest.CaptureFixture[str]) -> None:
    read_document(FIXTURES / "template-single-column.pdf")
    assert capfd.readouterr().err == ""
    assert any("Could not get FontBBox" in note for note in real("template-single-column.pdf").diagnostics)


def test_format_document_marks_sections(engine: str) -> None:
    shown = format_document(real("template-two-column.pdf", engine), sections=True)
    for marker in ("=== [experience] EXPERIENCE ===", "=== [education] EDUCATION ===", "=== [skills] SKILLS ==="):
        assert f"\n{marker}\n" in shown
    assert shown.startswith("=== [other] (before the first heading) ===\nJOHN DOE")
    assert (
        format_document(real("template-two-column.pdf", engine), sections=False)
        == real("template-two-column.pdf", engine).text + "\n"
    )


# --- generated PDFs --------------------------------------------------------------------------------------------


def new_pdf() -> fpdf.FPDF:
    pdf = fpdf.FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=10)
    return pdf


def write(pdf: fpdf.FPDF, x: float, y: float, text: str, size: float = 10) -> None:
    pdf.set_font_size(size)
    pdf.text(x, y, text)


def save(tmp_path: Path, pdf: fpdf.FPDF, name: str = "generated.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(bytes(pdf.output()))
    return path


def two_column_pdf(tmp_path: Path) -> Path:
    pdf = new_pdf()
    pdf.add_page()
    write(pdf, 80, 20, "Ada Lovelace", size=20)
    write(pdf, 15, 30, "ada@example.com | +44 20 7946 0000 | London | github.com/ada | linkedin.com/in/ada")
    write(pdf, 15, 45, "Experience", size=13)
    left = ["Analyst, Engine Co, 1842-1843", "Wrote the first published program", "for the Analytical Engine"]
    left += [f"Left line {i}" for i in range(1, 9)]
    for i, line in enumerate(left):
        write(pdf, 15, 55 + 6 * i, line)
    write(pdf, 130, 45, "Skills", size=13)
    for i, line in enumerate(["Mathematics", "Algorithms", "Technical writing", "Translation", "Python"]):
        write(pdf, 130, 55 + 6 * i, line)
    write(pdf, 130, 95, "Education", size=13)
    write(pdf, 130, 105, "Private tutoring")
    return save(tmp_path, pdf)


def test_generated_two_column_page(tmp_path: Path, engine: str) -> None:
    document = read_document(two_column_pdf(tmp_path), limits=on(engine))
    assert document.layout == "two-column"
    lines = body_lines(document)
    assert lines[:2] == [
        "Ada Lovelace",
        "ada@example.com | +44 20 7946 0000 | London | github.com/ada | linkedin.com/in/ada",
    ]
    assert_contiguous(document, ["Experience", "Analyst, Engine Co, 1842-1843", "Wrote the first published program"])
    assert_contiguous(document, [f"Left line {i}" for i in range(1, 9)] + ["Skills", "Mathematics", "Algorithms"])
    assert [section.name for section in document.sections] == ["experience", "skills", "education"]


def test_generated_one_column_with_right_aligned_dates(tmp_path: Path, engine: str) -> None:
    pdf = new_pdf()
    pdf.add_page()
    write(pdf, 15, 20, "Experience", size=13)
    for i in range(4):
        y = 30 + 20 * i
        write(pdf, 15, y, f"Engineer at Company {i}")
        write(pdf, 170, y, f"201{i} - 201{i + 1}")
        write(pdf, 15, y + 6, "Built data pipelines in Python and SQL for reporting across all of the teams")
    document = read_document(save(tmp_path, pdf), limits=on(engine))
    assert document.layout == "one-column"
    assert_contiguous(
        document,
        [
            "Engineer at Company 0 | 2010 - 2011",
            "Built data pipelines in Python and SQL for reporting across all of the teams",
        ],
    )


@pytest.mark.skipif(not DEJAVU.exists(), reason="needs the DejaVu Sans font for ligature glyphs")
def test_generated_ligatures_are_expanded(tmp_path: Path, engine: str) -> None:
    pdf = new_pdf()
    pdf.add_font("DejaVu", fname=str(DEJAVU))
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    pdf.text(15, 20, "Summary")
    pdf.text(15, 30, "Proﬁcient in workﬂow eﬃciency, ﬀmpeg and baﬄing problems")
    document = read_document(save(tmp_path, pdf), limits=on(engine))
    assert "Proficient in workflow efficiency, ffmpeg and baffling problems" in document.text


def test_generated_hyphenation(tmp_path: Path, engine: str) -> None:
    pdf = new_pdf()
    pdf.add_page()
    for i, line in enumerate(
        [
            "Experience",
            "Devel-",
            "oping services with a front-",
            "end in React, from 2019-",
            "2020 on, and the",
            "back-",
            "end too.",
        ]
    ):
        write(pdf, 15, 20 + 6 * i, line)
    document = read_document(save(tmp_path, pdf), limits=on(engine))
    lines = body_lines(document)
    assert lines[1:] == [
        "Developing",
        "services with a front-end",
        "in React, from 2019-",
        "2020 on, and the",
        "back-end",
        "too.",
    ]


def test_generated_repeated_headers_and_page_numbers(tmp_path: Path, engine: str) -> None:
    pdf = new_pdf()
    for page in range(1, 4):
        pdf.add_page()
        write(pdf, 15, 10, "Grace Hopper - Resume")
        write(pdf, 15, 30, "Experience" if page == 1 else f"Navy project {'ABC'[page - 1]}")
        for line in range(8):
            write(pdf, 15, 40 + 8 * line, f"Compiler work, task {'ABC'[page - 1]}{line}")
        write(pdf, 100, 290, f"Page {page} of 3")
    document = read_document(save(tmp_path, pdf), limits=on(engine))
    assert "Page" not in document.text
    assert body_lines(document).count("Grace Hopper - Resume") == 1
    assert "Compiler work, task C7" in document.text and "Navy project B" in document.text
    assert "removed 3 page numbers" in document.diagnostics


def test_encrypted_pdf(tmp_path: Path, engine: str) -> None:
    pdf = new_pdf()
    pdf.add_page()
    write(pdf, 15, 20, "Secret resume")
    pdf.set_encryption(owner_password="owner", user_password="user")
    path = save(tmp_path, pdf, "locked.pdf")
    with pytest.raises(InputError, match=r"locked\.pdf: is encrypted with a password"):
        read_document(path, limits=on(engine))


def test_owner_password_only_pdf_still_reads(tmp_path: Path, engine: str) -> None:
    pdf = new_pdf()
    pdf.add_page()
    write(pdf, 15, 20, "Skills")
    write(pdf, 15, 30, "Python, SQL")
    pdf.set_encryption(owner_password="owner")
    assert "Python, SQL" in read_document(save(tmp_path, pdf), limits=on(engine)).text


def test_image_only_pdf_needs_ocr(tmp_path: Path, engine: str) -> None:
    pdf = new_pdf()
    pdf.add_page()
    pdf.rect(20, 20, 150, 200, style="F")
    path = save(tmp_path, pdf, "scan.pdf")
    with pytest.raises(NoTextLayer, match=r"^.*scan\.pdf: no text layer: run OCR first$"):
        read_document(path, limits=on(engine))


@pytest.mark.parametrize("keep", [0.02, 0.3, 0.6, 0.9])
def test_truncated_pdf_is_an_input_error_or_partial_text(tmp_path: Path, keep: float, engine: str) -> None:
    data = (FIXTURES / "john_doe.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: int(len(data) * keep)])
    try:
        document = read_document(path, limits=on(engine))
    except InputError as error:
        assert str(error).startswith(f"{path}: ")
    else:
        assert document.text


def test_truncated_pdf_header_only(tmp_path: Path, engine: str) -> None:
    path = tmp_path / "cut.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")
    with pytest.raises(InputError, match=r"cut\.pdf: is not a readable PDF \("):
        read_document(path, limits=on(engine))


@pytest.mark.parametrize("seed", range(6))
def test_flipped_bytes_never_escape_as_other_errors(tmp_path: Path, seed: int, engine: str) -> None:
    data = bytearray(bytes(two_column_pdf(tmp_path).read_bytes()))
    rng = random.Random(seed)
    for _ in range(40):
        data[rng.randrange(10, len(data))] ^= 1 << rng.randrange(8)
    path = tmp_path / "flipped.pdf"
    path.write_bytes(bytes(data))
    try:
        read_document(path, limits=on(engine))
    except InputError as error:
        assert str(error).startswith(f"{path}: ")


@pytest.mark.parametrize(
    "exception", [KeyError("Font"), AssertionError(), RecursionError(), TypeError("x"), MemoryError()]
)
def test_any_pdfminer_failure_becomes_input_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exception: BaseException
) -> None:
    from pdfminer.pdfinterp import PDFPageInterpreter

    def broken(self: object, page: object) -> None:
        raise exception

    monkeypatch.setattr(PDFPageInterpreter, "process_page", broken)
    path = two_column_pdf(tmp_path)
    with pytest.raises(InputError, match=rf"generated\.pdf: is not a readable PDF \({type(exception).__name__}"):
        read_document(path)


def test_too_many_pages(tmp_path: Path, engine: str) -> None:
    pdf = new_pdf()
    for _ in range(3):
        pdf.add_page()
        write(pdf, 15, 20, "Page text")
    path = save(tmp_path, pdf, "long.pdf")
    with pytest.raises(InputError, match=r"long\.pdf: has more than 2 pages.*--max-pages"):
        read_document(path, limits=on(engine, max_pages=2))
    assert read_document(path, limits=on(engine, max_pages=3)).pages == 3


def test_too_many_bytes(tmp_path: Path) -> None:
    path = two_column_pdf(tmp_path)
    with pytest.raises(
        InputError, match=r"generated\.pdf: is .* over the 100 bytes limit \(raise it with --max-bytes\)"
    ):
        read_document(path, limits=Limits(max_bytes=100))


def test_too_many_characters(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Skills\n" + "Python " * 200)
    with pytest.raises(InputError, match=r"long\.txt: has 1,406 characters of text, over the 1,000 limit"):
        read_document(path, limits=Limits(max_chars=1000))


# --- DOCX ------------------------------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_bytes(body: str, extra: dict[str, str] | None = None) -> bytes:
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", xml)
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def paragraph(text: str, style: str = "", listed: bool = False) -> str:
    properties = f'<w:pStyle w:val="{style}"/>' if style else ""
    properties += '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' if listed else ""
    return f'<w:p><w:pPr>{properties}</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def table(rows: list[list[str]]) -> str:
    cells = ["".join(f"<w:tc>{paragraph(cell)}</w:tc>" for cell in row) for row in rows]
    return "<w:tbl>" + "".join(f"<w:tr>{row}</w:tr>" for row in cells) + "</w:tbl>"


def test_docx(tmp_path: Path) -> None:
    body = (
        paragraph("Jane Doe", style="Title")
        + paragraph("WORK EXPERIENCE", style="Heading1")
        + "<w:p><w:r><w:t>Data Engineer</w:t><w:tab/><w:t>2020 – 2023</w:t><w:br/><w:t>Acme ﬁnance</w:t></w:r></w:p>"
        + paragraph("Built ETL in Python and Airflow", listed=True)
        + paragraph("Side Quests", style="Heading2")
        + paragraph("Chess engine in Rust")
        + paragraph("Technical Skills")
        + table([["Languages", "Python, SQL"], ["Cloud", "AWS"]])
    )  # fmt: skip
    path = tmp_path / "resume.docx"
    path.write_bytes(docx_bytes(body))
    document = read_document(path)
    assert document.layout == "docx"
    assert body_lines(document) == [
        "Jane Doe",
        "WORK EXPERIENCE",
        "Data Engineer 2020 – 2023",
        "Acme finance",
        "- Built ETL in Python and Airflow",
        "Side Quests",
        "Chess engine in Rust",
        "Technical Skills",
        "Languages | Python, SQL",
        "Cloud | AWS",
    ]
    assert [(s.name, s.heading) for s in document.sections] == [
        ("experience", "WORK EXPERIENCE"),
        ("other", "Side Quests"),  # a heading style with an unknown name still ends the section before
        ("skills", "Technical Skills"),
    ]


def test_docx_judged_by_content_not_extension(tmp_path: Path) -> None:
    path = tmp_path / "resume.txt"
    path.write_bytes(docx_bytes(paragraph("Skills") + paragraph("Go")))
    assert read_document(path).layout == "docx"


def test_docx_zip_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    path.write_bytes(docx_bytes(paragraph(" " * 3_000_000)))
    assert path.stat().st_size < 50_000
    with pytest.raises(
        InputError, match=r"bomb\.docx: its text part unpacks to more than 1,000,000 bytes.*--max-bytes"
    ):
        read_document(path, limits=Limits(max_bytes=1_000_000))


def test_docx_with_dtd_is_refused(tmp_path: Path) -> None:
    xml = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><w:document xmlns:w="x"/>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", xml)
    path = tmp_path / "dtd.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match=r"dtd\.docx: is not a readable DOCX \(its XML declares a DTD\)"):
        read_document(path)


def test_zip_without_document_part(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    (tmp_path / "sheet.docx").write_bytes(buffer.getvalue())
    (tmp_path / "sheet.xlsx").write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match=r"sheet\.docx: is not a readable DOCX"):
        read_document(tmp_path / "sheet.docx")
    with pytest.raises(UnsupportedInput, match=r"sheet\.xlsx: unsupported file type"):
        read_document(tmp_path / "sheet.xlsx")


def test_broken_docx_xml(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><w:body>")
    path = tmp_path / "broken.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match=r"broken\.docx: is not a readable DOCX \(broken XML"):
        read_document(path)


# --- text and Markdown -----------------------------------------------------------------------------------------

RESUME_TEXT = (
    "Jos\u00e9 N\u00fa\u00f1ez\n\nSKILLS\nPython, SQL \u2013 caf\u00e9 na\u00efve\n\nWork Experience:\nData engineer\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_text_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "resume.txt"
    path.write_bytes(RESUME_TEXT.encode(encoding))
    document = read_document(path)
    assert document.text == RESUME_TEXT.strip()
    assert [section.name for section in document.sections] == ["skills", "experience"]
    assert document.layout == "text"
    assert ("decoded as cp1252" in document.diagnostics) == (encoding == "cp1252")


def test_markdown(tmp_path: Path) -> None:
    path = tmp_path / "resume.md"
    path.write_text(
        "# Jane Doe\n\n## Experience\n\n* **Senior** engineer at *Acme*, `kubectl` daily\n"
        "+ Built snake_case APIs, 2*3 tests\n\nSide Quests\n----------\n\nChess\n\n---\n\n## Education ##\nMIT\n",
        encoding="utf-8",
    )
    document = read_document(path)
    assert body_lines(document) == [
        "Jane Doe",
        "Experience",
        "- Senior engineer at Acme, kubectl daily",
        "- Built snake_case APIs, 2*3 tests",
        "Side Quests",
        "Chess",
        "Education",
        "MIT",
    ]
    assert [(s.name, s.heading) for s in document.sections] == [
        ("other", "Jane Doe"),
        ("experience", "Experience"),
        ("other", "Side Quests"),
        ("education", "Education"),
    ]


def test_read_text_job_ad_with_inline_headings() -> None:
    ad = (
        "Senior Data Engineer\nAbout Acme\nWe build rockets.\nWhat you'll do:\n- Build pipelines\n"
        "Requirements: Python, SQL, 5+ years\nNice to have:\n- Kafka\nPerks\nGood coffee\nHow to apply\nEmail us"
    )
    document = read_text(ad, "<stdin>")
    assert document.kind == "job" and document.source == "<stdin>"
    assert [s.name for s in document.sections] == [
        "about",
        "responsibilities",
        "requirements",
        "preferred",
        "benefits",
        "apply",
    ]
    assert document.section_at(document.text.index("Python")) == "requirements"
    assert document.section_at(document.text.index("Kafka")) == "preferred"
    assert document.section_at(document.text.index("Senior")) == "other"
    assert document.diagnostics == []


def test_read_text_empty() -> None:
    with pytest.raises(InputError, match=r"^<stdin>: empty"):
        read_text(" \n\t\n", "<stdin>")


def test_missing_sections_are_noted() -> None:
    assert read_text("Jane\nPython", "x.txt", kind="resume").diagnostics == [
        "no 'experience' section found",
        "no 'skills' section found",
    ]
    assert read_text("Build things", "ad.txt").diagnostics == ["no 'requirements' section found"]


# --- JSON Resume -----------------------------------------------------------------------------------------------

JSON_RESUME = {
    "basics": {
        "name": "Richard Hendricks",
        "label": "Programmer",
        "email": "richard@piedpiper.example",
        "summary": "Compression expert.",
        "location": {"city": "Palo Alto", "region": "CA"},
        "profiles": [{"network": "GitHub", "url": "https://github.com/rh"}],
    },
    "work": [
        {
            "name": "Pied Piper",
            "position": "CEO",
            "startDate": "2013-12-01",
            "summary": "Founded the company.",
            "highlights": ["Built a middle-out compression engine in C++"],
        }
    ],
    "projects": [{"name": "Box", "description": "A storage appliance", "keywords": ["Go", "Kubernetes"]}],
    "education": [{"institution": "Stanford", "area": "Computer Science", "studyType": "BS", "courses": ["CS101"]}],
    "skills": [{"name": "Web Development", "keywords": ["HTML", "JavaScript"]}, {"name": 3}, "junk"],
    "certificates": [{"name": "AWS Solutions Architect", "issuer": "Amazon", "date": "2021"}],
}


def test_json_resume(tmp_path: Path) -> None:
    path = tmp_path / "resume.json"
    path.write_text(json.dumps(JSON_RESUME))
    document = read_document(path)
    assert document.layout == "json"
    assert [s.name for s in document.sections] == [
        "summary", "experience", "projects", "education", "skills", "certifications",
    ]  # fmt: skip
    text = document.text
    assert text.startswith(
        "Richard Hendricks\nProgrammer\nrichard@piedpiper.example | Palo Alto, CA | GitHub: https://github.com/rh"
    )
    assert (
        "CEO, Pied Piper (2013-12-01 - present)\nFounded the company.\n- Built a middle-out compression engine in C++"
        in text
    )
    assert "Technologies: Go, Kubernetes" in text
    assert "BS in Computer Science, Stanford" in text and "Courses: CS101" in text
    assert "Web Development: HTML, JavaScript" in text
    assert "AWS Solutions Architect, Amazon (2021)" in text
    assert document.section_at(text.index("middle-out")) == "experience"


def test_json_resume_judged_by_content(tmp_path: Path) -> None:
    path = tmp_path / "resume.txt"
    path.write_text(json.dumps(JSON_RESUME))
    assert read_document(path).layout == "json"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", r"bad\.json: is not valid JSON \(Expecting property name"),
        ("[1, 2]", r"bad\.json: is JSON but not a JSON Resume"),
        ('{"title": "x"}', r"bad\.json: is JSON but not a JSON Resume"),
        ('{"basics": {"name": ["x"]}, "work": "none"}', r"bad\.json: empty"),
    ],
)
def test_bad_json(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(InputError, match=message):
        read_document(path)


# --- files that cannot be read ---------------------------------------------------------------------------------

UNSUPPORTED = "unsupported file type (gapcheck reads .pdf, .docx, .txt, .md, .json)"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("tool.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"),
        ("notes.rtf", b"{\\rtf1\\ansi Python}"),
        ("resume.html", b"<html>Python</html>"),
    ],
)
def test_unsupported_types(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnsupportedInput) as caught:
        read_document(path)
    assert str(caught.value) == f"{path}: {UNSUPPORTED}"


def test_old_word_doc_gets_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "resume.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(UnsupportedInput, match=r"save a \.doc as \.docx"):
        read_document(path)


def test_pdf_extension_without_pdf_content(tmp_path: Path) -> None:
    path = tmp_path / "resume.pdf"
    path.write_text("just text")
    with pytest.raises(InputError, match=r"resume\.pdf: is not a readable PDF \(it does not start with %PDF-\)"):
        read_document(path)


def test_pdf_judged_by_content(tmp_path: Path) -> None:
    path = tmp_path / "resume.txt"
    path.write_bytes((FIXTURES / "john_doe.pdf").read_bytes())
    assert read_document(path).pages == 2


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.pdf: no such file$"):
        read_document(tmp_path / "nope.pdf")


def test_source_is_the_path_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("cv.txt").write_text("Skills\nPython")
    assert read_document("cv.txt").source == "cv.txt"
    with pytest.raises(InputError) as caught:
        read_document("missing.txt")
    assert str(caught.value) == "missing.txt: no such file"


def test_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"is a folder, not a file"):
        read_document(tmp_path)


@pytest.mark.parametrize(("name", "content"), [("empty.pdf", b""), ("empty.txt", b""), ("blank.md", b" \n\n\t\n")])
def test_empty(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=rf"{name.replace('.', '[.]')}: empty"):
        read_document(path)


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Skills")

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)  # chmod does not stop root, who runs CI containers
    with pytest.raises(InputError, match=r"secret\.txt: permission denied$"):
        read_document(path)


# --- cleanup and columns, without files ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("•  Built APIs", "- Built APIs"),
        ("● Built", "- Built"),
        ("▪Built", "- Built"),
        ("◦ Built", "- Built"),
        ("* Built", "- Built"),
        ("\uf0b7 Built", "- Built"),
        ("-5% latency", "-5% latency"),
        ("(cid:240) bwayne", "bwayne"),
        ("\ue0a0 github.com/x", "github.com/x"),
        ("Python\u00a0\u00a0and\tGo ", "Python and Go"),
        ("oﬃce ﬂow", "office flow"),
        ("zero\u200bwidth", "zerowidth"),
    ],
)
def test_clean_line(raw: str, clean: str) -> None:
    assert clean_lines([raw])[0] == [clean]


def test_clean_lines_notes_removals() -> None:
    lines, notes = clean_lines(["(cid:1)(cid:2) a", "\ue000 b", "•", "Lone bullet item"])
    assert lines == ["a", "b", "- Lone bullet item"]
    assert notes == ["removed 3 icon-font characters (2 unmapped glyphs like (cid:240), 1 private-use symbol)"]


def test_reading_notes_count_in_the_singular_and_the_plural() -> None:
    assert removal_notes(Counter(), joined=1) == ["joined 1 word hyphenated across a line break"]
    assert removal_notes(Counter(), joined=2) == ["joined 2 words hyphenated across a line break"]
    assert removal_notes(Counter({"cid": 1})) == ["removed 1 icon-font character (1 unmapped glyph like (cid:240))"]
    pages = [["Jane Doe", "Experience", "1"], ["Jane Doe", "Skills", "2"]]
    assert remove_page_furniture(pages)[1] == [
        "removed 2 page numbers",
        "removed 1 header/footer line repeated on several pages",
    ]


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["Devel-", "oping apps"], ["Developing", "apps"]),
        (["cloud-", "native infra"], ["cloud-native", "infra"]),
        (["event-", "driven design"], ["event-driven", "design"]),
        (["end-to-", "end tests"], ["end-to-end", "tests"]),
        (["from 2019-", "2020"], ["from 2019-", "2020"]),
        (["Java -", "great"], ["Java -", "great"]),
        (["Micro-", "Services"], ["Micro-", "Services"]),
        (["soft\u00ad", "ware"], ["software"]),
        # the document itself settles it: "onboarding" is written whole elsewhere, "data-heavy" with a hyphen
        (["on-", "boarding and onboarding"], ["onboarding", "and onboarding"]),
        (["data-", "heavy work, data-heavy"], ["data-heavy", "work, data-heavy"]),
    ],
)
def test_join_hyphenated(lines: list[str], joined: list[str]) -> None:
    assert join_hyphenated(lines)[0] == joined


def test_join_hyphenated_is_linear_on_a_line_of_one_endless_word() -> None:
    import time

    # A PDF can draw one string of 30,000 letters (a fuzz case did, read by PDFium); a search for the broken
    # word from the line's start took 17 s on it.
    started = time.perf_counter()
    for line in ("x" * 30_000, "x" * 30_000 + "1-", "x" * 30_000 + "-"):
        join_hyphenated([line, "next line"])
    assert time.perf_counter() - started < 1
    assert join_hyphenated(["a " + "x" * 300 + "-", "ray"]) == (["a " + "x" * 300 + "ray"], 1)


def test_page_furniture() -> None:
    pages = [["Jane Doe", "Skills", "Python", "1/2"], ["Jane Doe", "Go", "Page 2 of 2"]]
    kept, notes = remove_page_furniture(pages)
    assert kept == [["Jane Doe", "Skills", "Python"], ["Go"]]
    assert notes == ["removed 2 page numbers", "removed 1 header/footer line repeated on several pages"]


def test_single_page_keeps_a_lone_year_line() -> None:
    assert remove_page_furniture([["Skills", "Python", "2019"]])[0] == [["Skills", "Python", "2019"]]


def test_date_gutter_is_one_column() -> None:
    lines = [TextLine(50, 800, 120, 810, "Experience")]
    for i in range(6):
        y = 780 - 40 * i
        lines.append(TextLine(50, y, 95, y + 10, f"201{i} - 201{i + 1}"))
        lines.append(TextLine(110, y, 540, y + 10, f"Engineer number {i} building systems at a company"))
        lines.append(TextLine(110, y - 12, 540, y - 2, "Developed services in Python and Go for many teams"))
    rows, two_columns = reading_order(lines, page_width=595)
    assert not two_columns
    assert rows[1] == "2010 - 2011 | Engineer number 0 building systems at a company"
