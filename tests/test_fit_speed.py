"""The shortcuts that keep the fit checks and the report fast give what the plain code gives: the job side read
once per ad (and never stale for the next ad), date ranges looked for on year lines only, `to_jsonable`'s fast
path for exact types."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import re

import pytest

from gapcheck.fit import reading_of
from gapcheck.fit.education import education_fit
from gapcheck.fit.experience import _match_starts, _matches, _patterns, dated_roles, experience_fit
from gapcheck.fit.title import title_fit
from gapcheck.ingest import read_text
from gapcheck.job.reading import candidate_lines, read_needs
from gapcheck.model import Document, Job, JobSkill, Mention, to_jsonable

TODAY = dt.date(2026, 6, 15)
RESUME = read_text(
    "Jane Roe\nBackend Engineer\n\nExperience\nBackend Engineer, Acme | Jan 2018 - Present\n- Built APIs in Java\n\n"
    "Education\nBSc in Computer Science, 2017\n",
    "resume.txt",
    kind="resume",
)
AD_A = "Senior Backend Engineer\n\nRequirements\n- 5+ years of experience\n- MSc in Computer Science\n"
AD_B = "Data Analyst\n\nRequirements\n- 2+ years of experience\n- Bachelor's degree in Statistics\n"


def ad(text: str) -> Document:
    return read_text(text, "ad.txt", kind="job")


def job_of(document: Document) -> Job:
    return Job(source=document.source, title=document.text.split("\n")[0], kind="ad", document=document)


def fit_of(text: str) -> dict:
    document = ad(text)
    job = job_of(document)
    reading = reading_of(job, None, document)
    return {
        "education": education_fit(RESUME, reading.degrees),
        "experience": experience_fit(RESUME, reading.years_asked, today=TODAY),
        "title": title_fit(RESUME, job, reading, roles=dated_roles(RESUME, TODAY)),
    }


def test_the_job_side_is_read_for_each_ad_not_kept_from_the_last():
    first, second, again = fit_of(AD_A), fit_of(AD_B), fit_of(AD_A)
    assert first == again
    assert first["education"].job.level == "master"
    assert second["education"].job.level == "bachelor"
    assert first["experience"].job.years == 5 and second["experience"].job.years == 2
    assert first["title"].job.title != second["title"].job.title


def test_the_same_text_with_other_sections_is_another_ad():
    document = ad(AD_A)
    plain = Document(document.source, document.text, kind="job")  # no sections: "Requirements" is not known
    assert [a.line for a in reading_of(job_of(document), None, document).degrees] == [
        a.line for a in reading_of(job_of(plain), None, plain).degrees
    ]
    about = dataclasses.replace(document, sections=[dataclasses.replace(s, name="about") for s in document.sections])
    assert reading_of(job_of(about), None, about).degrees == ()  # lines under "about" say nothing of the candidate


def test_a_job_with_a_reading_is_not_read_again():
    document = ad(AD_A)
    job = job_of(document)
    job.reading = reading_of(job, None, ad(AD_B))
    assert reading_of(job, None, document) is job.reading


def test_years_asked_per_skill_still_come_from_the_job():
    document = ad(AD_A + "- 3+ years of Java\n")
    start = document.text.index("Java")
    java = JobSkill(
        "java", "Java", "languages", years=3.0, mentions=[Mention("Java", start, start + 4, "requirements")]
    )
    asks = read_needs(document, [java], title="").years_asked
    assert [(a.skill, a.years) for a in asks] == [("java", 3.0), (None, 5.0)]
    assert [(a.skill, a.years) for a in read_needs(document, [], title="").years_asked] == [(None, 5.0), (None, 3.0)]
    assert len(candidate_lines(document)) == 5


# Lines with and without years, dates at line ends and starts, ranges over two lines, look-alikes of years.
DATE_TEXTS = [
    "Backend Engineer, Acme | Jan 2018 - Present\n- Built APIs\nData Analyst 2015 – 2017",
    "June 2022 – Software Engineer, Google\nPresent Developing user interfaces",
    "Mar 2015\nAug 2016\n\n  2019\n  now  \nSince 2021 at Initech",
    "Jan '19 - Dec ’20, SEPT. 2019 to date, 06/2018 - 03/2020, $2019 - 2020, x2019-2021, 12019 - 2020",
    "Summer 2019 till\n\ndate\nſince 2020\n1/2020-2/2021 (Contract)\nVersion 2.0.1 since 199",
]


@pytest.mark.parametrize("text", DATE_TEXTS)
def test_date_ranges_are_the_ones_a_full_scan_finds(text):
    line_starts, word_starts = _match_starts(text)
    for kind, pattern in _patterns().items():
        starts = line_starts if kind == "stacked" else word_starts
        full = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in _matches(pattern, text, starts)] == full


class Colour(enum.StrEnum):
    RED = "red"


class Counts(dict):
    pass


@dataclasses.dataclass
class Point:
    x: int
    label: Colour
    tags: tuple = ()
    extra: dict = dataclasses.field(default_factory=dict)
    hidden: str = dataclasses.field(default="", metadata={"json": False})


def test_to_jsonable_takes_subclasses_and_tuples_as_before():
    value = {"p": Point(1, Colour.RED, ("a", Point(2, Colour.RED)), Counts(n=1)), "c": Counts(a=[1, (2, 3)])}
    assert to_jsonable(value) == {
        "p": {"x": 1, "label": Colour.RED, "tags": ["a", {"x": 2, "label": Colour.RED, "tags": [], "extra": {}}],
              "extra": {"n": 1}},
        "c": {"a": [1, [2, 3]]},
    }  # fmt: skip
    assert type(to_jsonable(Counts(a=1))) is dict
    assert to_jsonable(Point) is Point  # a class is not an instance to turn into a dict
    assert to_jsonable(re.compile("x")) == re.compile("x")
