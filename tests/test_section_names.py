"""Section names are one type (`model.SectionName`): every name a reader gives and every list of names the code
and the data keep are in it, and it holds no name nothing gives."""

from __future__ import annotations

from gapcheck import checks
from gapcheck.ingest.sections import JOB_HEADINGS, RESUME_HEADINGS, find_sections
from gapcheck.model import SECTION_NAMES
from gapcheck.skills import find
from gapcheck.taxonomy import data_file

# Read by the code but given by no heading table yet: an ad's legal small print (no requirement comes from it).
NOT_YET_GIVEN = {"legal"}


def test_every_section_a_heading_gives_is_a_section_name():
    assert set(RESUME_HEADINGS) | set(JOB_HEADINGS) <= SECTION_NAMES
    marked = find_sections("Intro\nMy Odd Heading\ntext\n", marked_headings=["My Odd Heading"])
    assert [section.name for section in marked] == ["other"]


def test_no_section_name_is_dead():
    given = set(RESUME_HEADINGS) | set(JOB_HEADINGS) | {"other"}
    assert SECTION_NAMES - given <= NOT_YET_GIVEN


def test_every_list_of_sections_names_real_sections():
    cues = data_file("cues.toml")["ambiguous"]
    lists = {
        "find.LISTING_SECTIONS": find.LISTING_SECTIONS,
        "find.NON_REQUIREMENT_SECTIONS": find.NON_REQUIREMENT_SECTIONS,
        "checks.STANDARD_SECTIONS": checks.STANDARD_SECTIONS,
        "checks.BULLET_SECTIONS": checks.BULLET_SECTIONS,
        "cues.toml skill_sections": cues["skill_sections"],
        "cues.toml requirement_sections": cues["requirement_sections"],
    }
    for where, names in lists.items():
        assert set(names) <= SECTION_NAMES, (where, set(names) - SECTION_NAMES)
