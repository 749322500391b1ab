"""A multi-word skill name wrapped over two lines of a skills list or a bullet is found; nothing else is joined."""

from __future__ import annotations

import pytest

from gapcheck.api import find_skills
from gapcheck.wrapped_names import unwrap_names

NAMES = frozenset({("natural", "language", "processing"), ("spring", "boot"), ("test-driven", "development")})


def _stated(text: str) -> set[str]:
    return {s.id for s in find_skills(text).skills if s.stated}


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("Skills\nJavaScript, React, Agile Development, Test-Driven\nDevelopment, Responsive Design\n", "tdd"),
        ("Skills\nPython, Machine Learning, Natural Language\nProcessing, Unit Testing\n", "nlp"),
        (
            "Experience\nDeveloper, Acme (2019 - present)\n- Developed enterprise applications using Java and Spring\n"
            "Boot\n- Built a React app.\n",
            "spring-boot",
        ),
    ],
)
def test_a_name_wrapped_over_two_lines_is_found(text: str, skill: str) -> None:
    assert skill in _stated(text)


def test_a_break_is_a_space_only_inside_a_known_name() -> None:
    text = "Python, Natural Language\nProcessing\nSpring\nBoot\nSpring\nSummer"
    unwrapped = unwrap_names(text, NAMES)
    assert len(unwrapped) == len(text)  # offsets never move
    assert unwrapped == "Python, Natural Language Processing\nSpring Boot\nSpring\nSummer"


def test_a_break_between_two_items_is_kept() -> None:
    # "Spring" ends one item and "Boot" starts another: a separator stands between them, so no name spans the break.
    assert unwrap_names("Java, Spring,\nBoot camp", NAMES) == "Java, Spring,\nBoot camp"
    assert unwrap_names("Natural, Language\nProcessing", NAMES) == "Natural, Language\nProcessing"
