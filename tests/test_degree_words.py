"""Where degree words start (`skills.find.degree_word_starts`): found quickly, and never fewer than a full scan finds,
for the names after them are kept out of the skills only where a degree stands before them."""

from __future__ import annotations

import pytest

from gapcheck.skills.find import _degree_words, degree_word_starts

TEXTS = [
    "M.Sc. Statistics, University of X (2019)\nB.Sc. Mathematics and Computer Science",
    "MS. in Data Science; MS in Physics; BS/MS in Statistics; Ph.D. Computer Science",
    "Master's degree in Computer Science or Bachelor’s in Engineering",
    "4 year degree in a technical field; Associate of Applied Science (AAS)",
    "MBA, BBA, B.Eng., BEng, BTech, LL.M., EdD — and words that look alike: MSc-level, aMS, as, be, Ms Smith",
    "Python, SQL, Spark\nDoctor of Philosophy (Machine Learning)\n",
    "bachelor of science in physics; master of science in statistics, or a 4 year degree",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_every_degree_word_a_full_scan_finds_is_found(text: str) -> None:
    full_scan = {match.start() for match in _degree_words().finditer(text)}
    assert full_scan <= set(degree_word_starts(text))


def test_degree_words_are_found_where_they_are() -> None:
    text = TEXTS[1]
    starts = degree_word_starts(text)
    assert starts == sorted(starts)
    assert {text.index(word) for word in ("MS.", "BS/MS", "Ph.D.")} <= set(starts)


def test_lower_case_degree_words_are_found() -> None:
    """Degree words are matched whatever their case: an ad written in lower case names degrees too."""
    text = "requirements: bachelor of science in physics; master of science or doctor of philosophy"
    starts = degree_word_starts(text)
    assert [text.index(word) for word in ("bachelor", "master of", "doctor of")] == starts


@pytest.mark.parametrize("text", TEXTS)
def test_a_line_read_on_its_own_gives_what_the_whole_text_gives_there(text: str) -> None:
    whole = degree_word_starts(text)
    line_start = 0
    for line in text.split("\n"):
        line_end = line_start + len(line)
        assert degree_word_starts(text, line_start, line_end) == [s for s in whole if line_start <= s < line_end]
        line_start = line_end + 1


def test_every_degree_word_has_a_head_to_be_found_by() -> None:
    from gapcheck.skills.find import _degree_heads
    from gapcheck.taxonomy import data_file

    names = [
        name for level in data_file("degrees.toml")["level"] for name in (*level["words"], *level["abbreviations"])
    ]
    heads = _degree_heads()
    for name in names:
        assert any(name.lower().startswith(head) for head in heads), name
