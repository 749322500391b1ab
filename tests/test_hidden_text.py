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

from gapcheck import analyze as pipeline
from gapcheck.checks import resume_checks
from gapcheck.cli import cli
from gapcheck.ingest import read_document
from gapcheck.model import Document

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
VISIBLE = '<w:p><w:r><w:t>Skills</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">Python, SQL </w:t></w:r>'
HIDDEN_WORDS = "Kubernetes Terraform"


@pytest.fixture(scope="module")
def kit() -> pipeline.Toolkit:
    return pipeline.toolkit()


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
