"""Table-driven tests of heading recognition: (heading as written, document kind, section it names)."""

from __future__ import annotations

import pytest

from gapcheck.ingest import read_text, section_kind

HEADINGS = [
    # resumes: the usual spellings and cases
    ("WORK EXPERIENCE", "resume", "experience"),
    ("Professional Experience:", "resume", "experience"),
    ("Employment History", "resume", "experience"),
    ("Relevant Experience", "resume", "experience"),
    ("Technical Skills", "resume", "skills"),
    ("Skills & Tools", "resume", "skills"),
    ("SKILLS & AWARDS", "resume", "skills"),
    ("Core Competencies", "resume", "skills"),
    ("Programming Languages", "resume", "skills"),
    ("Education & Training", "resume", "education"),
    ("## Education", "resume", "education"),
    ("1. Education", "resume", "education"),
    ("— Projects —", "resume", "projects"),
    ("Professional Summary", "resume", "summary"),
    ("Objective", "resume", "summary"),
    ("Licenses & Certifications", "resume", "certifications"),
    ("Honors and Awards", "resume", "awards"),
    ("Publications", "resume", "publications"),
    ("Languages", "resume", "languages"),
    ("Hobbies & Interests", "resume", "interests"),
    ("Volunteer Experience", "resume", "volunteering"),
    ("Contact Information", "resume", "contact"),
    ("References", "resume", "references"),
    ("John Doe", "resume", None),
    ("Python", "resume", None),
    # job ads
    ("Job Title", "job", "title"),
    ("About Us", "job", "about"),
    ("About Acme Robotics", "job", "about"),
    ("What You'll Do", "job", "responsibilities"),
    ("Key Responsibilities:", "job", "responsibilities"),
    ("Requirements", "job", "requirements"),
    ("Qualifications", "job", "requirements"),
    ("What you bring", "job", "requirements"),
    ("Must have", "job", "requirements"),
    ("Required Skills", "job", "requirements"),
    ("Nice to have", "job", "preferred"),
    ("Nice-to-haves:", "job", "preferred"),
    ("Bonus points", "job", "preferred"),
    ("Preferred Qualifications", "job", "preferred"),
    ("Pluses", "job", "preferred"),
    ("Perks", "job", "benefits"),
    ("What we offer", "job", "benefits"),
    ("How to apply", "job", "apply"),
    ("We are hiring", "job", None),
]


@pytest.mark.parametrize(("heading", "kind", "name"), HEADINGS)
def test_section_kind(heading: str, kind: str, name: str | None) -> None:
    assert section_kind(heading, kind) == name  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "line",
    [
        "- Tools",  # a bullet item
        "Research.",  # a sentence
        "Skills: Python, SQL",  # in a resume, an inline label belongs to the entry it is in
        "Experience building large systems with many teams in several countries over the years",
    ],
)
def test_resume_lines_that_are_not_headings(line: str) -> None:
    assert read_text(f"Intro\n{line}\nmore", "cv.txt", kind="resume").sections == []


def test_sections_cover_text_from_heading_to_next_heading() -> None:
    document = read_text("Jane\nSkills\nPython\nExperience\nAcme\n", "cv.txt", kind="resume")
    skills, experience = document.sections
    assert document.text[skills.start : skills.end] == "Skills\nPython\n"
    assert (experience.start, experience.end) == (skills.end, len(document.text))
    assert document.section_at(0) == "other"
    assert document.section_at(document.text.index("Acme")) == "experience"
