"""Hostile DOCX files: each is refused with one line naming the limit, or read, in bounded memory and time.

The files are small on disk and build in memory here; what each would cost unbounded (gigabytes of entities, a
gigabyte zip member) is what the streaming reader in ingest/docx.py must never materialise. Time and memory per
case are measured outside the tests (no timed tests): `python benchmarks/hostile_docx.py`.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from gapcheck.errors import InputError
from gapcheck.ingest import Limits, read_document
from gapcheck.ingest import docx as docx_module

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def write_docx(path: Path, xml: bytes, *, styles: bytes | None = None) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", xml)
        if styles is not None:
            archive.writestr("word/styles.xml", styles)
    path.write_bytes(buffer.getvalue())
    return path


def document_xml(body: str, encoding: str = "utf-8") -> bytes:
    declaration = f'<?xml version="1.0" encoding="{encoding.upper()}"?>'
    return (declaration + f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>').encode(encoding)


def test_utf16_entity_expansion_is_refused(tmp_path: Path) -> None:
    # Seven levels of ten: 90 million characters once expanded; in UTF-16 no byte string "<!ENTITY" is there to see.
    entities = (
        '<!ENTITY a "'
        + "x" * 90
        + '">'
        + "".join(f'<!ENTITY {chr(98 + level)} "' + f"&{chr(97 + level)};" * 10 + '">' for level in range(6))
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE w:document [{entities}]>'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&g;</w:t></w:r></w:p></w:body></w:document>'
    ).encode("utf-16")
    assert b"<!ENTITY" not in xml
    path = write_docx(tmp_path / "laughs.docx", xml)
    assert path.stat().st_size < 2_000
    with pytest.raises(InputError, match=r"laughs\.docx: is not a readable DOCX \(its XML declares a DTD\)$"):
        read_document(path)


def test_dtd_without_entities_is_refused(tmp_path: Path) -> None:
    xml = f'<?xml version="1.0"?><!DOCTYPE w:document><w:document xmlns:w="{W_NS}"/>'.encode()
    with pytest.raises(InputError, match=r"declares a DTD"):
        read_document(write_docx(tmp_path / "doctype.docx", xml))


def test_zip_bomb_member_is_refused_at_the_byte_limit(tmp_path: Path) -> None:
    body = "<w:p><w:r><w:t>" + " " * 5_000_000 + "</w:t></w:r></w:p>"
    path = write_docx(tmp_path / "bomb.docx", document_xml(body))
    assert path.stat().st_size < 20_000
    with pytest.raises(InputError, match=r"bomb\.docx: its text part unpacks to more than 1,000,000 bytes.*"):
        read_document(path, limits=Limits(max_bytes=1_000_000))


def test_zip_bomb_member_whose_header_lies_is_one_line(tmp_path: Path) -> None:
    # Headers that claim 1,000 bytes: zipfile inflates no more than that and then finds the checksum wrong.
    body = "<w:p><w:r><w:t>" + " " * 5_000_000 + "</w:t></w:r></w:p>"
    path = write_docx(tmp_path / "bomb.docx", document_xml(body))
    true_size = zipfile.ZipFile(path).getinfo("word/document.xml").file_size.to_bytes(4, "little")
    path.write_bytes(path.read_bytes().replace(true_size, (1000).to_bytes(4, "little")))
    assert zipfile.ZipFile(path).getinfo("word/document.xml").file_size == 1000
    with pytest.raises(InputError, match=r"bomb\.docx: is not a readable DOCX \(BadZipFile: Bad CRC-32"):
        read_document(path, limits=Limits(max_bytes=1_000_000))


def test_parts_share_one_byte_budget(tmp_path: Path) -> None:
    # Each part under the limit, the two together over it: the budget is the file's, not each part's.
    styles = f'<w:styles xmlns:w="{W_NS}">'.encode() + b" " * 600_000 + b"</w:styles>"
    path = write_docx(tmp_path / "two.docx", document_xml("<w:p/>" + " " * 600_000), styles=styles)
    with pytest.raises(InputError, match=r"two\.docx: its text part unpacks to more than 1,000,000 bytes"):
        read_document(path, limits=Limits(max_bytes=1_000_000))


def test_long_paragraph_is_read(tmp_path: Path) -> None:
    body = "<w:p><w:r><w:t>Skills</w:t></w:r></w:p><w:p><w:r><w:t>" + "Python " * 128_571 + "</w:t></w:r></w:p>"
    path = write_docx(tmp_path / "long.docx", document_xml(body, "utf-16"))
    document = read_document(path)
    assert document.text.startswith("Skills\nPython Python")
    assert document.text.count("Python") == 128_571


def test_text_over_the_character_limit_is_refused_while_streaming(tmp_path: Path) -> None:
    body = ("<w:p><w:r><w:t>" + "Go Rust " * 1000 + "</w:t></w:r></w:p>") * 40  # 320,000 characters
    path = write_docx(tmp_path / "long.docx", document_xml(body))
    with pytest.raises(InputError, match=r"long\.docx: has more than 200,000 characters of text before cleaning, "
                                         r"over the 100,000 limit"):  # fmt: skip
        read_document(path, limits=Limits(max_chars=100_000))


def test_hidden_text_does_not_count_against_the_character_limit(tmp_path: Path) -> None:
    hidden = "<w:r><w:rPr><w:vanish/></w:rPr><w:t>" + "Kubernetes " * 30_000 + "</w:t></w:r>"
    path = write_docx(tmp_path / "hidden.docx", document_xml("<w:p><w:r><w:t>Go</w:t></w:r>" + hidden + "</w:p>"))
    document = read_document(path, limits=Limits(max_chars=100_000))
    assert document.text == "Go"
    assert document.hidden_text == {"vanish": 330_000}


def test_too_many_tags_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_module, "MAX_ELEMENTS", 1_000)
    path = write_docx(tmp_path / "tags.docx", document_xml("<w:p>" + "<w:r/>" * 2_000 + "</w:p>"))
    with pytest.raises(InputError, match=r"tags\.docx: is not a readable DOCX \(its XML holds more than 1,000 tags"):
        read_document(path)


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "deep.docx", document_xml("<w:sdt>" * 5_000 + "</w:sdt>" * 5_000))
    with pytest.raises(InputError, match=r"deep\.docx: is not a readable DOCX \(its XML nests deeper than 256"):
        read_document(path)


def test_a_tag_with_too_many_attributes_is_refused(tmp_path: Path) -> None:
    attributes = " ".join(f'a{number}=">"' for number in range(5_000))  # ">" in values: no tag-length guess
    path = write_docx(tmp_path / "attributes.docx", document_xml(f"<w:p><w:r {attributes}><w:t>Go</w:t></w:r></w:p>"))
    with pytest.raises(InputError, match=r"attributes\.docx: .*a tag of its XML has more than 1,000 attributes"):
        read_document(path)


def test_word_attribute_counts_are_read(tmp_path: Path) -> None:
    # Word's own runs carry a handful of attributes each; thousands of them in a chunk are no attack.
    run = '<w:r w:rsidR="00A1" w:rsidRPr="00B2" w:rsidDel="00C3"><w:t xml:space="preserve">Go </w:t></w:r>'
    path = write_docx(tmp_path / "word.docx", document_xml("<w:p>" + run * 3_000 + "</w:p>"))
    assert read_document(path).text.count("Go") == 3_000


def test_broken_styles_part_is_one_line(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "styles.docx", document_xml("<w:p/>"), styles=b"<styles><style>")
    with pytest.raises(InputError, match=r"styles\.docx: is not a readable DOCX \(broken XML"):
        read_document(path)
