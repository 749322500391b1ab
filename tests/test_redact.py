"""Redaction: personal details leave resume text, skills and ordinary numbers stay."""

from __future__ import annotations

import pytest

from gapcheck import pipeline
from gapcheck.ingest import read_text
from gapcheck.redact import Redactor, name_lines, personal_spans, redact_analysis, redact_text

# (line of a resume, what must vanish, the placeholder that must take its place)
PERSONAL = [
    ("Contact: jane.doe@example.com", "jane.doe@example.com", "[email]"),
    ("Mail jane_doe+jobs@mail.example.co.uk today", "jane_doe+jobs@mail.example.co.uk", "[email]"),
    ("Write to jane (at) example (dot) org", "example (dot) org", "[email]"),
    ("jane at example dot com", "jane at example dot com", "[email]"),
    ("Phone: +1 (415) 555-0142", "555-0142", "[phone]"),
    ("Tel 020 7946 0958", "7946 0958", "[phone]"),
    ("Call +44 20 7946 0958 after six", "7946 0958", "[phone]"),
    ("Mobile: 415.555.0142", "415.555.0142", "[phone]"),
    ("Reach me at 4155550142", "4155550142", "[phone]"),
    ("linkedin.com/in/janedoe", "janedoe", "[url]"),
    ("GitHub: https://github.com/janedoe/ml-projects", "janedoe", "[url]"),
    ("Portfolio: www.janedoe.dev", "janedoe", "[url]"),
    ("See janedoe.dev for demos", "janedoe", "[url]"),
    ("Blog at http://example.org/~jane?x=1", "example.org", "[url]"),
    ("Twitter x.com/jane_codes", "jane_codes", "[url]"),
    ("221B Baker Street, London NW1 6XE", "Baker Street", "[address]"),
    ("1600 Amphitheatre Pkwy, Mountain View, CA 94043 | jane@x.io", "Amphitheatre", "[address]"),
    ("Lives at 42 Elm Rd.", "42 Elm", "[address]"),
    ("Springfield, IL 62704", "62704", "[address]"),
    ("Hauptstraße 5, 10115 Berlin", "Hauptstraße 5", "[address]"),
    ("P.O. Box 1234, Anytown", "Box 1234", "[address]"),
]

# Lines with nothing personal in them, which must come back unchanged.
ORDINARY = [
    "Python 3.11, Node.js, ASP.NET Core and Vue.js",
    "Software Engineer, Acme Corp, 2019 - 2021",
    "Jan 2018 - Dec 2020 2021 2022",
    "Led 3 teams in the first place and shipped 12 services",
    "Grew revenue by 1,200,000 dollars",
    "Improved accuracy from 91.5% to 99.2%",
    "Trained models on 8 GPUs for 36 hours",
    "Used scikit-learn, TensorFlow 2.15 and C++17",
    "Wrote about it on the team wiki",
]


@pytest.mark.parametrize(("line", "secret", "placeholder"), PERSONAL, ids=[p[0] for p in PERSONAL])
def test_personal_detail_is_replaced(line: str, secret: str, placeholder: str) -> None:
    redacted = redact_text(line, with_name_line=False)
    assert secret not in redacted
    assert placeholder in redacted


@pytest.mark.parametrize("line", ORDINARY)
def test_ordinary_text_is_kept(line: str) -> None:
    assert redact_text(line, with_name_line=False) == line


def test_name_line_is_the_first_non_empty_line_and_goes_everywhere() -> None:
    text = "\n\n  Jane Q. Doe  \nData Scientist\nReferences available from JANE Q. DOE on request"
    redacted = redact_text(text)
    assert "Jane" not in redacted and "JANE" not in redacted
    assert redacted.splitlines()[2].strip() == "[name]"
    assert "Data Scientist" in redacted


def test_a_resume_title_is_not_the_name() -> None:
    text = "Curriculum Vitae\nJane Doe\nPython developer"
    assert redact_text(text) == "Curriculum Vitae\n[name]\nPython developer"


def test_name_under_a_location_line_is_found() -> None:
    text = "Google HQ, Mountain View, CA, USA\nBarry Allen\n(123) 456-7890\nFront-End Developer"
    lines = [text[start:end] for start, end in name_lines(text)]
    assert lines == ["Google HQ, Mountain View, CA, USA", "Barry Allen"]
    assert "Barry" not in redact_text(text)


def test_whole_contact_line() -> None:
    text = (
        "JOHN DOE\nSENIOR SOFTWARE ENGINEER\n"
        "john.doe@email.com , +1 (415) 555-0142 , San Francisco, CA , linkedin.com/in/johndoe , github.com/johndoe\n"
    )
    redacted = redact_text(text)
    assert redacted.splitlines() == [
        "[name]",
        "SENIOR SOFTWARE ENGINEER",
        "[email] , [phone] , San Francisco, CA , [url] , [url]",
    ]


def test_spans_are_sorted_and_disjoint() -> None:
    text = "Jane Doe\njane@x.com https://x.com/jane 221 Main Street, Springfield, IL 62704"
    spans = personal_spans(text)
    assert [s.kind for s in spans] == ["name", "email", "url", "address"]
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))


def test_redaction_is_idempotent() -> None:
    text = "Jane Doe\njane@x.com | +1 415 555 0142 | github.com/jane\n12 Oak Avenue, Springfield"
    once = redact_text(text)
    assert redact_text(once, with_name_line=False) == once


def test_redactor_scrubs_quoted_fragments_with_what_it_learnt() -> None:
    redactor = Redactor("Jane Doe\nworks in Python")
    assert redactor.scrub('the resume says "Jane Doe knows Python"') == 'the resume says "[name] knows Python"'


RESUME = """Jane Doe
jane.doe@example.com | +1 (415) 555-0142 | github.com/janedoe | 12 Oak Avenue, Springfield
Summary
Machine learning engineer. Jane Doe builds models in Python with PyTorch and scikit-learn.
Experience
Built a recommender in Python and PyTorch; code at https://github.com/janedoe/recsys
"""


def test_redact_analysis_cleans_every_piece_of_resume_text_and_keeps_the_score() -> None:
    kit = pipeline.toolkit()
    job, _ = pipeline.load_job(kit, role="ml-engineer")
    document = read_text(RESUME, "jane.txt", kind="resume")
    analysis = pipeline.analyze_document(kit, document, job)
    redacted = redact_analysis(analysis, document.text)
    from gapcheck.report import render_html, render_json

    for output in (render_json(redacted), render_html(redacted)):
        for secret in ("Jane", "jane.doe", "555-0142", "janedoe", "Oak Avenue"):
            assert secret not in output, secret
    assert "jane.txt" in render_json(redacted)  # the file name is the instructor's: kept
    assert redacted.score == analysis.score
    assert [u.status for u in redacted.requirements] == [u.status for u in analysis.requirements]
    # The original is not touched.
    assert any("Jane Doe" in m.line for s in analysis.resume.skills for m in s.mentions)
    lines = [m.line for s in redacted.resume.skills for m in s.mentions]
    assert any("[name] builds models in Python" in line for line in lines)
    # A skill named inside a link shows the link's placeholder, not the link.
    texts = {m.text for s in redacted.resume.skills for m in s.mentions if m.start > RESUME.index("https")}
    assert texts <= {"[url]"} or not texts
    assert redacted.method.redacted is True


def test_redact_analysis_drops_the_candidate_name_whichever_line_it_stood_on() -> None:
    """The report's "whose it is" name is personal too: "Sofia Lindqvist - Frontend Developer" is a name line
    that the line rules keep whole, and the name read from it must not survive in a redacted report."""
    kit = pipeline.toolkit()
    job, _ = pipeline.load_job(kit, role="frontend-developer")
    text = "Sofia Lindqvist - Frontend Developer\n\nExperience\nDeveloper, Acme, 2020 - Present\n- Built React apps\n"
    document = read_text(text, "sofia.txt", kind="resume")
    analysis = pipeline.analyze_document(kit, document, job)
    assert analysis.document.candidate == "Sofia Lindqvist"
    redacted = redact_analysis(analysis, document.text)
    assert redacted.document.candidate == ""
    from gapcheck.report import render_html

    assert "Lindqvist" not in render_html(redacted)
