"""Contact details (gapcheck/contact.py) are one set of patterns: the contact check and --redact agree on what
is a phone number, an e-mail address and a link."""

from __future__ import annotations

import pytest

from gapcheck.checks import check_contact
from gapcheck.ingest import read_text
from gapcheck.redact import redact_text

PHONES = [
    ("5551234567", True),
    ("+1 (415) 555-0142", True),
    ("415.555.0142", True),
    ("Tel 020 7946 0958", True),
    ("+44 20 7946 0958", True),
    ("2016 - 2019", False),  # a range of years
    ("2019 2020 2021", False),
    ("1,000,000 users", False),  # thousands
    ("2019-01-15", False),  # a date has too few digits for a phone
    ("ref 12345", False),
]


def asks_for(text: str, what: str) -> bool:
    """True when the contact check of a resume holding `text` asks to add `what`."""
    check = check_contact(read_text(f"Dana Ortiz\n{text}\n", "resume.txt", kind="resume"))
    return what in check.message


@pytest.mark.parametrize(("text", "is_phone"), PHONES)
def test_the_check_and_redaction_agree_on_phone_numbers(text, is_phone):
    assert asks_for(text, "a phone number") is not is_phone
    assert ("[phone]" in redact_text(f"Dana Ortiz\n{text}\n")) is is_phone


def test_ten_digits_in_a_row_are_a_phone_number_to_both():
    assert not asks_for("5551234567", "a phone number")
    assert "5551234567" not in redact_text("Dana Ortiz\nCall 5551234567\n")


@pytest.mark.parametrize(
    ("text", "kind", "asked"),
    [
        ("dana@example.com", "[email]", "an e-mail address"),
        ("dana (at) example (dot) com", "[email]", "an e-mail address"),
        ("https://dana.dev", "[url]", "a profile link"),
        ("github.com/dana", "[url]", "a profile link"),
        ("linkedin.com/in/dana-ortiz", "[url]", "a profile link"),
    ],
)
def test_the_check_and_redaction_agree_on_e_mail_and_links(text, kind, asked):
    assert not asks_for(text, asked)
    assert kind in redact_text(f"Dana Ortiz\n{text}\n")
