"""Text no reader can see is no skill: hidden DOCX runs and invisible PDF text are left out, counted and flagged.

Every file is generated here, one per way of hiding, each with a visible skill (Python) and a hidden one
(Kubernetes): the visible one must be found, the hidden one not, and the document, `gapcheck text` and the resume
checks must say that hidden text was found.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from gapcheck import pipeline
from gapcheck.checks import resume_checks
from gapcheck.cli import cli
from gapcheck.errors import InputError
from gapcheck.ingest import read_document
from gapcheck.model import Document

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
VISIBLE = '<w:p><w:r><w:t>Skills</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">Python, SQL </w:t></w:r>'
HIDDEN_WORDS = "Kubernetes Terraform"


def skills(kit: pipeline.Toolkit, document: Document) -> set[str]:
    return {skill.name for skill in pipeline.extract_documents(kit, [document])[0].skills if skill.mentions}


def write_docx(path: Path, body: str, styles: str = "") -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>',
        )
        if styles:
            archive.writestr("word/styles.xml", f'<w:styles xmlns:w="{W_NS}">{styles}</w:styles>')
    path.write_bytes(buffer.getvalue())
    return path


def run(properties: str, text: str = HIDDEN_WORDS, tag: str = "w:t") -> str:
    return f"<w:r><w:rPr>{properties}</w:rPr><{tag}>{text}</{tag}></w:r>"


# (case, the paragraph's XML after the visible runs, styles.xml content, the way it is counted)
DOCX_CASES = [
    ("vanish", run("<w:vanish/>"), "", "vanish"),
    ("white", run('<w:color w:val="FFFFFF"/>'), "", "white"),
    ("near-white", run('<w:color w:val="FAFAFA"/>'), "", "white"),
    ("white-theme", run('<w:color w:val="000000" w:themeColor="background1"/>'), "", "white"),
    ("white-on-white-shading", run('<w:color w:val="FFFFFF"/><w:shd w:val="clear" w:fill="FFFFFF"/>'), "", "white"),
    ("tiny", run('<w:sz w:val="2"/>'), "", "tiny"),
    ("deleted", f"<w:del><w:r><w:delText>{HIDDEN_WORDS}</w:delText></w:r></w:del>", "", "deleted"),
    ("deleted-t", f"<w:del><w:r><w:t>{HIDDEN_WORDS}</w:t></w:r></w:del>", "", "deleted"),
    ("moved-away", f"<w:moveFrom><w:r><w:t>{HIDDEN_WORDS}</w:t></w:r></w:moveFrom>", "", "deleted"),
    (
        "hidden-character-style",
        run('<w:rStyle w:val="Secret"/>'),
        '<w:style w:type="character" w:styleId="Base"><w:rPr><w:vanish/></w:rPr></w:style>'
        '<w:style w:type="character" w:styleId="Secret"><w:basedOn w:val="Base"/></w:style>',
        "vanish",
    ),
    (
        "tiny-default",
        run("") + '</w:p><w:p><w:r><w:rPr><w:sz w:val="22"/></w:rPr><w:t>Go</w:t></w:r>',
        '<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="4"/></w:rPr></w:rPrDefault></w:docDefaults>',
        "tiny",
    ),
]


def docx_case(tmp_path: Path, case: str, hidden: str, styles: str) -> Path:
    # The visible runs of the tiny-default case carry their own size; the others need none.
    visible = VISIBLE.replace("<w:r>", '<w:r><w:rPr><w:sz w:val="22"/></w:rPr>') if case == "tiny-default" else VISIBLE
    return write_docx(tmp_path / f"{case}.docx", visible + hidden + "</w:p>", styles)


@pytest.mark.parametrize(("case", "hidden", "styles", "way"), DOCX_CASES, ids=[c[0] for c in DOCX_CASES])
def test_hidden_docx_text_is_no_skill(
    kit: pipeline.Toolkit, tmp_path: Path, case: str, hidden: str, styles: str, way: str
) -> None:
    document = read_document(docx_case(tmp_path, case, hidden, styles))
    assert "Kubernetes" not in document.text
    found = skills(kit, document)
    assert {"Python", "SQL"} <= found
    assert not {"Kubernetes", "Terraform"} & found
    assert document.hidden_text == {way: len(HIDDEN_WORDS)}
    assert any(note.startswith("hidden text left out: 20 characters") for note in document.diagnostics)


@pytest.mark.parametrize(
    "properties",
    [
        '<w:color w:val="FFFFFF"/><w:shd w:val="clear" w:fill="1F3864"/>',  # white on a dark run shading
        '<w:color w:val="FFFFFF"/><w:highlight w:val="black"/>',
        '<w:color w:val="808080"/>',  # grey is faint, not hidden
        '<w:sz w:val="12"/>',  # 6 pt
        '<w:vanish w:val="false"/>',
        '<w:color w:val="auto"/>',
    ],
)
def test_visible_docx_text_is_kept(kit: pipeline.Toolkit, tmp_path: Path, properties: str) -> None:
    document = read_document(write_docx(tmp_path / "visible.docx", VISIBLE + run(properties) + "</w:p>"))
    assert {"Python", "Kubernetes", "Terraform"} <= skills(kit, document)
    assert document.hidden_text == {}
    assert not any(note.startswith("hidden text") for note in document.diagnostics)


def test_white_text_on_a_dark_cell_or_paragraph_is_kept(tmp_path: Path) -> None:
    white = run('<w:color w:val="FFFFFF"/>')
    cell = f'<w:tbl><w:tr><w:tc><w:tcPr><w:shd w:val="clear" w:fill="000000"/></w:tcPr><w:p>{white}</w:p></w:tc>'
    cell += f"<w:tc><w:p>{white}</w:p></w:tc></w:tr></w:tbl>"  # the second cell is white on the page: hidden
    shaded = f'<w:p><w:pPr><w:shd w:val="clear" w:fill="2E74B5"/></w:pPr>{white}</w:p>'
    document = read_document(write_docx(tmp_path / "cells.docx", VISIBLE + "</w:p>" + cell + shaded))
    assert document.text.splitlines() == ["Skills", "Python, SQL", HIDDEN_WORDS, HIDDEN_WORDS]
    assert document.hidden_text == {"white": len(HIDDEN_WORDS)}


def test_hidden_text_check_and_text_command(kit: pipeline.Toolkit, tmp_path: Path) -> None:
    path = docx_case(tmp_path, "white", run('<w:color w:val="FFFFFF"/>'), "")
    document = read_document(path)
    extraction = pipeline.extract_documents(kit, [document])[0]
    checks = resume_checks(document, extraction)
    assert [check.id for check in checks][:2] == ["read-quality", "hidden-text"]
    hidden = checks[1]
    assert not hidden.ok and "20 characters of text no reader can see" in hidden.message
    assert "keyword stuffing" in hidden.message
    assert hidden.evidence and '"Kubernetes Terraform"' in hidden.evidence[0]
    result = CliRunner().invoke(cli, ["text", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "Skills\nPython, SQL\n"
    assert result.stderr.startswith("note: hidden text left out: 20 characters no reader can see (20 in the")


def test_no_hidden_text_check_without_hidden_text(kit: pipeline.Toolkit, tmp_path: Path) -> None:
    document = read_document(write_docx(tmp_path / "plain.docx", VISIBLE + "</w:p>"))
    checks = resume_checks(document, pipeline.extract_documents(kit, [document])[0])
    assert "hidden-text" not in {check.id for check in checks}
    assert CliRunner().invoke(cli, ["text", str(tmp_path / "plain.docx")]).stderr == ""


# --- PDF ---------------------------------------------------------------------------------------------------------

fpdf = pytest.importorskip("fpdf")

try:
    import pypdfium2  # noqa: F401

    NO_PDFIUM = ""
except ImportError:
    NO_PDFIUM = "needs pypdfium2 (pip install 'gapcheck[pdfium]')"
ENGINES = ["pdfminer", pytest.param("pdfium", marks=pytest.mark.skipif(bool(NO_PDFIUM), reason=NO_PDFIUM))]


def visible_page() -> fpdf.FPDF:
    """A page with a skills heading and a visible skills line, ready for the hidden text of one case."""
    pdf = fpdf.FPDF(unit="pt", format="letter")
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.text(72, 100, "Skills")
    pdf.text(72, 120, "Python, SQL")
    return pdf


def hide_white(pdf: fpdf.FPDF) -> None:
    pdf.set_text_color(255, 255, 255)
    pdf.text(72, 300, HIDDEN_WORDS)


def hide_page_coloured(pdf: fpdf.FPDF) -> None:
    pdf.set_fill_color(235, 242, 250)
    pdf.rect(0, 250, 612, 200, style="F")  # a tinted band behind the text, drawn first
    pdf.set_text_color(235, 242, 250)
    pdf.text(72, 300, HIDDEN_WORDS)


def hide_render_mode(pdf: fpdf.FPDF) -> None:
    pdf.text_mode = "INVISIBLE"
    pdf.text(72, 300, HIDDEN_WORDS)
    pdf.text_mode = "FILL"


def hide_tiny(pdf: fpdf.FPDF) -> None:
    pdf.set_font("helvetica", size=2)
    pdf.text(72, 300, HIDDEN_WORDS)


def hide_off_page(pdf: fpdf.FPDF) -> None:
    pdf.text(-400, 300, HIDDEN_WORDS)


def hide_covered(pdf: fpdf.FPDF) -> None:
    pdf.text(72, 300, HIDDEN_WORDS)
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(60, 280, 300, 30, style="F")  # drawn after the text, over it


PDF_CASES = {
    "white": (hide_white, "white"),
    "page-coloured": (hide_page_coloured, "white"),
    "render-mode-3": (hide_render_mode, "invisible"),
    "tiny": (hide_tiny, "tiny"),
    "off-page": (hide_off_page, "off-page"),
    "covered": (hide_covered, "covered"),
}


def pdf_case(tmp_path: Path, case: str) -> Path:
    pdf = visible_page()
    PDF_CASES[case][0](pdf)
    path = tmp_path / f"{case}.pdf"
    pdf.output(str(path))
    return path


def read_pdf_resume(path: Path, engine: str) -> Document:
    from gapcheck.ingest import Limits

    return read_document(path, limits=Limits(pdf_engine=engine))


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("case", list(PDF_CASES))
def test_hidden_pdf_text_is_no_skill(kit: pipeline.Toolkit, tmp_path: Path, case: str, engine: str) -> None:
    document = read_pdf_resume(pdf_case(tmp_path, case), engine)
    assert document.text == "Skills\nPython, SQL"
    found = skills(kit, document)
    assert {"Python", "SQL"} <= found
    assert not {"Kubernetes", "Terraform"} & found
    way = PDF_CASES[case][1]
    assert document.hidden_text == {way: len(HIDDEN_WORDS)}
    note = next(note for note in document.diagnostics if note.startswith("hidden text left out"))
    assert '"Kubernetes Terraform"' in note


def test_text_outside_the_crop_box_is_hidden(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    pdf = visible_page()
    pdf.text(72, 700, HIDDEN_WORDS)  # inside the media box, below the crop box
    path = tmp_path / "cropped.pdf"
    pdf.output(str(path))
    reader = pypdf.PdfReader(path)
    writer = pypdf.PdfWriter()
    page = writer.add_page(reader.pages[0])
    page.cropbox = pypdf.generic.RectangleObject((0, 200, 612, 792))  # PDF space: y = 92 from the top is out
    writer.write(path)
    for engine in ["pdfminer"] + ([] if NO_PDFIUM else ["pdfium"]):
        document = read_pdf_resume(path, engine)
        assert document.text == "Skills\nPython, SQL", engine
        assert document.hidden_text == {"off-page": 20}, engine


def draw_visible_cases(pdf: fpdf.FPDF) -> None:
    pdf.set_fill_color(31, 56, 100)
    pdf.rect(40, 280, 250, 60, style="F")  # a dark sidebar, drawn first
    pdf.set_text_color(255, 255, 255)
    pdf.text(72, 300, "Kubernetes")  # white on it: seen
    pdf.set_fill_color(200, 30, 30)
    pdf.rect(40, 380, 250, 60, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.text(72, 400, "Terraform")
    pdf.set_text_color(128, 128, 128)
    pdf.text(72, 500, "Docker")  # grey on white: faint, not hidden
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("helvetica", size=5)
    pdf.text(72, 520, "Ansible")  # 5 pt: small print, not hidden
    pdf.set_font("helvetica", size=11)
    pdf.text(72, 600, "PostgreSQL")
    pdf.set_fill_color(230, 230, 230)
    pdf.rect(300, 580, 100, 30, style="F")  # drawn after, beside the text: covers nothing
    pdf.set_draw_color(0, 0, 0)
    pdf.rect(60, 585, 100, 25, style="D")  # a frame around it, not a fill


@pytest.mark.parametrize("engine", ENGINES)
def test_visible_pdf_text_is_kept(kit: pipeline.Toolkit, tmp_path: Path, engine: str) -> None:
    pdf = visible_page()
    draw_visible_cases(pdf)
    path = tmp_path / "visible.pdf"
    pdf.output(str(path))
    document = read_pdf_resume(path, engine)
    assert {"Python", "SQL", "Kubernetes", "Terraform", "Docker", "Ansible", "PostgreSQL"} <= skills(kit, document)
    assert document.hidden_text == {}


@pytest.mark.parametrize("engine", ENGINES)
def test_hidden_pdf_text_check_and_text_command(tmp_path: Path, engine: str) -> None:
    path = pdf_case(tmp_path, "white")
    result = CliRunner().invoke(cli, ["text", "--pdf-engine", engine, str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "Skills\nPython, SQL\n"
    assert result.stderr.startswith("note: hidden text left out: 20 characters no reader can see")


def hide_covered_by_many(pdf: fpdf.FPDF) -> None:
    pdf.text(72, 300, HIDDEN_WORDS)
    pdf.set_fill_color(255, 255, 255)
    for shift in range(40):  # more shapes than a cell keeps: the cover is still seen
        pdf.rect(60 - shift / 10, 280, 300, 30, style="F")


@pytest.mark.parametrize("engine", ENGINES)
def test_text_under_many_rectangles_is_covered(tmp_path: Path, engine: str) -> None:
    pdf = visible_page()
    hide_covered_by_many(pdf)
    path = tmp_path / "crowded.pdf"
    pdf.output(str(path))
    document = read_pdf_resume(path, engine)
    assert document.text == "Skills\nPython, SQL"
    assert document.hidden_text == {"covered": len(HIDDEN_WORDS)}


@pytest.mark.parametrize("engine", ENGINES)
def test_a_pdf_whose_text_is_all_hidden_says_so(tmp_path: Path, engine: str) -> None:
    pdf = fpdf.FPDF(unit="pt", format="letter")
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    hide_white(pdf)
    path = tmp_path / "all-white.pdf"
    pdf.output(str(path))
    with pytest.raises(InputError, match=r"all-white\.pdf: has no text a reader can see: hidden text left out: 20 "):
        read_pdf_resume(path, engine)


def test_a_docx_whose_text_is_all_hidden_says_so(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "all-hidden.docx", "<w:p>" + run("<w:vanish/>") + "</w:p>")
    with pytest.raises(InputError, match=r"all-hidden\.docx: has no text a reader can see: .*20 marked hidden"):
        read_document(path)


@pytest.mark.parametrize("engine", ENGINES)
def test_opacity_decides(kit: pipeline.Toolkit, tmp_path: Path, engine: str) -> None:
    pdf = visible_page()
    pdf.text(72, 300, "Kubernetes")
    with pdf.local_context(fill_opacity=0.3):
        pdf.set_fill_color(255, 230, 0)
        pdf.rect(60, 280, 300, 30, style="F")  # a translucent highlight over the text: it is seen through it
    with pdf.local_context(fill_opacity=0):
        pdf.text(72, 400, "Terraform")  # fully transparent: not seen
    path = tmp_path / "opacity.pdf"
    pdf.output(str(path))
    document = read_pdf_resume(path, engine)
    found = skills(kit, document)
    assert "Kubernetes" in found and "Terraform" not in found
    assert document.hidden_text == {"invisible": len("Terraform")}


def test_white_text_in_a_styled_table_is_kept(tmp_path: Path) -> None:
    # A table style may give the header row a dark shading that only styles.xml says: white text there is read.
    white = run('<w:color w:val="FFFFFF"/>')
    styled = f'<w:tbl><w:tblPr><w:tblStyle w:val="GridTable4-Accent1"/></w:tblPr><w:tr><w:tc><w:p>{white}</w:p></w:tc>'
    inner = f'<w:tbl><w:tr><w:tc><w:tcPr><w:shd w:fill="000000"/></w:tcPr><w:p>{white}</w:p></w:tc></w:tr></w:tbl>'
    styled += f"<w:tc>{inner}<w:p/></w:tc></w:tr></w:tbl>"  # white on a dark nested cell
    document = read_document(write_docx(tmp_path / "styled.docx", VISIBLE + "</w:p>" + styled))
    assert document.text.splitlines() == ["Skills", "Python, SQL", f"{HIDDEN_WORDS} | {HIDDEN_WORDS}"]
    assert document.hidden_text == {}


def test_white_text_beside_a_floating_shape_is_kept(tmp_path: Path) -> None:
    # Templates put the name in white on a dark band drawn as a shape behind the text; its colour is not read, so
    # white text in a file with such a shape is not called hidden.
    anchor = (
        '<w:p><w:r><w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
        'wordprocessingDrawing" behindDoc="1"/></w:drawing></w:r></w:p>'
    )
    body = anchor + VISIBLE + run('<w:color w:val="FFFFFF"/>') + "</w:p>"
    document = read_document(write_docx(tmp_path / "band.docx", body))
    assert document.text.splitlines() == ["Skills", f"Python, SQL {HIDDEN_WORDS}"]
    assert document.hidden_text == {}


def test_the_default_paragraph_style_counts(tmp_path: Path) -> None:
    styles = (
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:rPr><w:vanish/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Shown"><w:rPr><w:vanish w:val="0"/></w:rPr></w:style>'
    )
    shown = VISIBLE.replace("<w:p>", '<w:p><w:pPr><w:pStyle w:val="Shown"/></w:pPr>')
    body = shown + "</w:p><w:p>" + run("") + "</w:p>"  # the second paragraph names no style: Normal, hidden
    document = read_document(write_docx(tmp_path / "normal.docx", body, styles))
    assert document.text.splitlines() == ["Skills", "Python, SQL"]
    assert document.hidden_text == {"vanish": len(HIDDEN_WORDS)}


def test_a_colour_asked_before_a_shape_of_that_colour_is_asked_again() -> None:
    """The drawing answers "seen" once per text colour until a shape adds a background it could vanish into: a
    grey glyph is seen on the white page, hidden once a grey rectangle lies under it, and still seen beside it."""
    from gapcheck.ingest.hidden import PageDrawing

    grey = (0.5, 0.5, 0.5)
    drawing = PageDrawing((0.0, 0.0, 600.0, 800.0))
    assert drawing.hidden_way((100, 100, 106, 110), 10.0, 0, grey, None) is None
    drawing.add_shape((90.0, 90.0, 300.0, 120.0), grey, True)
    assert drawing.hidden_way((100, 100, 106, 110), 10.0, 0, grey, None) == "white"
    assert drawing.hidden_way((400, 400, 406, 410), 10.0, 0, grey, None) is None


def test_only_a_rectangle_drawn_after_a_glyph_covers_it() -> None:
    """A glyph drawn after the last covering rectangle is never covered (the short cut), one drawn before is."""
    from gapcheck.ingest.hidden import PageDrawing

    drawing = PageDrawing((0.0, 0.0, 600.0, 800.0))
    before = drawing.next_order()
    drawing.add_shape((90.0, 90.0, 300.0, 120.0), (0.0, 0.0, 0.0), True)
    after = drawing.next_order()
    assert drawing.covered([((100, 100, 106, 110), before), ((100, 100, 106, 110), after)]) == [True, False]
