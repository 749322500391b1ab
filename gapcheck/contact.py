"""Contact details in resume text: e-mail addresses, phone numbers and links, found one way for every reader.

The contact check (`checks.check_contact`) asks for what is missing and `--redact` (`redact.personal_spans`)
removes what is there: both use these patterns, so a number one of them takes for a phone the other does too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# It starts only where a run of address characters starts: tried inside a long run, it would read the rest of
# the run at every character (quadratic in a long word).
EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+\s*(?:@|\(at\)|\[at\])\s*[A-Za-z0-9-]+(?:\s*(?:\.|\(dot\)|\[dot\])\s*[A-Za-z0-9-]+)*"
    r"\s*(?:\.|\(dot\)|\[dot\])\s*[A-Za-z]{2,}"
)
# "jane at example dot com": spelled out to fool scrapers, still an address.
# Each run of name characters is tried from its start only: tried from every word in it, a hyphenated chain of a
# million characters ("a-b-c-...") would be read to its end once per word.
SPELLED_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+\s+at\s+[\w-]+(?:\s+dot\s+[\w-]+)+\b", re.IGNORECASE)

SCHEME_URL = re.compile(r"\b(?:https?|ftp)://[^\s<>\"'|]+|\bwww\.[^\s<>\"'|]+", re.IGNORECASE)
# A host written without a scheme: a link when it has a path ("github.com/jane") or is one of the usual profile
# sites. A bare "name.tld" counts only in lower case, which spares product names such as ASP.NET.
_TLDS = (
    r"com|org|net|io|ai|dev|me|co|app|page|site|info|xyz|blog|tech|online|edu|design|codes|website|cloud|pro"
    r"|uk|us|ca|de|fr|eu|in|au|nl|ch|se|es|it"
)
HOST_WITH_PATH = re.compile(rf"(?<![A-Za-z0-9.-])(?:[A-Za-z0-9-]+\.)+(?:{_TLDS})/[^\s<>\"'|]*", re.IGNORECASE)
PROFILE_HOST = re.compile(
    r"\b(?:linkedin|github|gitlab|bitbucket|twitter|x|medium|kaggle|stackoverflow|behance|dribbble|huggingface)"
    r"\.(?:com|co|io)\b(?:/[^\s<>\"'|]*)?",
    re.IGNORECASE,
)
BARE_HOST = re.compile(rf"(?<![\w@.-])(?:[a-z0-9-]+\.)+(?:{_TLDS})\b(?![\w.-]*\w)")
# Links that point at a page of the applicant's own: a full address, or a host with a path.
PROFILE_LINKS = (SCHEME_URL, HOST_WITH_PATH)

# What a pattern cannot match without, in lower case: its search tries every word of a page, a look for these
# words does not.
_NEEDS = {SPELLED_EMAIL: ("dot",), SCHEME_URL: ("://", "www.")}


def may_match(pattern: re.Pattern[str], lowered: str) -> bool:
    """False when the text (`lowered`: in lower case) lacks what the pattern needs: no search can then find it."""
    needs = _NEEDS.get(pattern)
    return needs is None or any(word in lowered for word in needs)


# Digits with the separators phone numbers are written with; `is_phone` then weighs the digits.
_PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d \t().-]{6,}\d(?!\w)")
_TRAILING = " \t.,;:)"


def is_phone(number: str) -> bool:
    """True when a run of digits and separators is a phone number: 9 to 15 digits, not years or thousands."""
    digits = re.sub(r"\D", "", number)
    if not 9 <= len(digits) <= 15:
        return False
    groups = re.findall(r"\d+", number)
    # "2019 - 2021 2022" and "1,000,000" are not phone numbers: years side by side, or thousands.
    if all(len(g) == 4 and 1900 <= int(g) <= 2099 for g in groups):
        return False
    return "," not in number


def phone_numbers(text: str) -> Iterator[tuple[int, int]]:
    """Yield the (start, end) of every phone number in `text`, in order."""
    for match in _PHONE.finditer(text):
        value = match.group().rstrip(_TRAILING)
        if is_phone(value):
            yield match.start(), match.start() + len(value)
