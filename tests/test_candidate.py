"""Whose resume it is: the candidate's name read from the top lines (gapcheck/candidate.py), never a heading, a
job title or a skill, and none when unsure."""

from __future__ import annotations

import pytest

from gapcheck import pipeline
from gapcheck.candidate import candidate_name
from gapcheck.ingest import read_text

BODY = "\n\nExperience\nEngineer, Acme, 2020 - Present\n- Built Python services\n"

CASES = [
    ("Jane Doe\njane@example.com", "Jane Doe"),
    ("JOHN DOE\nSENIOR SOFTWARE ENGINEER", "John Doe"),
    ("Sofia Lindqvist - Frontend Developer", "Sofia Lindqvist"),
    ("Anne-Marie O'Neil, PhD\nBoston", "Anne-Marie O'Neil"),
    ("Julia Chen\nNLP Research Engineer", "Julia Chen"),  # Julia the language stays a name here
    ("Google HQ, Mountain View, CA, USA\nBarry Allen\n(123) 456-7890", "Barry Allen"),
    ("Curriculum Vitae\nMaria Garcia", "Maria Garcia"),
    # Not names: a heading, a job title, skills, a sentence, contact details, initials only.
    ("Senior Data Engineer\nberlin", ""),
    ("Machine Learning\nDeep Learning", ""),
    ("Python Java Go", ""),
    ("I build fast web interfaces for small teams.", ""),
    ("jane@example.com | +1 415 555 0100", ""),
    ("J. D.\nBoston", ""),
    ("Work Experience", ""),
]


@pytest.mark.parametrize(("top", "name"), CASES)
def test_the_name_at_the_top_or_none(kit, top, name):
    document = read_text(top + BODY, "resume.txt", kind="resume")
    extraction = pipeline.extract_documents(kit, [document])[0]
    assert candidate_name(document, extraction, kit.taxonomy) == name


def test_a_name_below_the_top_lines_is_not_read(kit):
    top = "Resume\n2026\nUpdated\nPortfolio\nJane Doe"
    document = read_text(top + BODY, "resume.txt", kind="resume")
    assert candidate_name(document, pipeline.extract_documents(kit, [document])[0], kit.taxonomy) == ""


def test_a_name_inside_a_section_is_not_read(kit):
    document = read_text("Summary\nJane Doe\nBuilt things." + BODY, "resume.txt", kind="resume")
    assert candidate_name(document, pipeline.extract_documents(kit, [document])[0], kit.taxonomy) == ""
