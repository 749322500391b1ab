"""The shared pieces of English in messages: counts with their noun, articles."""

from __future__ import annotations

import pytest

from gapcheck.wording import a_or_an, counted, plural


@pytest.mark.parametrize(
    ("number", "singular", "plural_form", "expected"),
    [(1, "word", None, "1 word"), (0, "word", None, "0 words"), (2, "word", None, "2 words"),
     (1, "opens", "open", "1 opens"), (3, "opens", "open", "3 open")],
)  # fmt: skip
def test_counted_agrees_with_its_number(number, singular, plural_form, expected):
    assert counted(number, singular, plural_form) == expected
    assert expected.endswith(plural(number, singular, plural_form))


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [("MBA", "an MBA"), ("MSc", "an MSc"), ("BSc", "a BSc"), ("Master's degree", "a Master's degree"),
     ("Associate degree", "an Associate degree"), ("Doctorate (PhD)", "a Doctorate (PhD)"),
     ("engineer", "an engineer"), ("university degree", "a university degree"), ("hour", "an hour")],
)  # fmt: skip
def test_a_or_an_goes_by_the_sound(phrase, expected):
    assert a_or_an(phrase) == expected
