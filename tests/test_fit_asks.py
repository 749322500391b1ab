"""How fit verdicts read what an ad asks (coach review 2): years in a field the work shows, alternatives read as
one ask, a total that belongs to a field's ask, a stated floor of years, broad degree fields, research headings
and neighbouring titles."""

from __future__ import annotations

import pytest
from test_fit import TODAY
from test_fit import _analysed_fit as _fit  # the whole analysis of a resume and an ad's text, fit checks only

from gapcheck.fit import reading_of
from gapcheck.fit.education import education_fit
from gapcheck.fit.experience import _claim_disagrees
from gapcheck.ingest import read_text
from gapcheck.ingest.sections import section_kind
from gapcheck.model import Job

BACKEND = """Sam Reyes
Senior Software Engineer

Summary
Engineer building backend systems.

Experience
Senior Software Engineer, Tailspin Payments
Jan 2020 - Present
- Built payment microservices in Go on Apache Kafka
Software Engineer, Fabrikam
Jan 2018 - Dec 2019
- Built the order service on Django with a Redis cache
"""


def test_roles_whose_work_is_back_end_count_as_back_end_years(kit):
    """No bullet says "backend", but microservices on Kafka and an API with Redis are back-end work."""
    fit = _fit(kit, BACKEND, "Backend Engineer\n\nRequirements\n- 4+ years of backend development experience\n")
    (part,) = fit["experience"].parts
    assert part.id == "backend-development"
    assert part.shown == 8.5 and part.verdict == "meets"
    assert len(part.evidence) == 2


JAVA = """Maya Nowak

Experience
Java Developer, Northwind Traders
2019 - Present
- Built order services in Java with Spring Boot
"""


def test_a_slash_between_two_skills_is_one_ask(kit):
    fit = _fit(kit, JAVA, "Java Engineer\n\nRequirements\n- 5+ years of hands-on experience with Java/Java EE\n")
    check = fit["experience"]
    assert {p.id for p in check.parts} == {"java", "java-ee"}
    assert check.verdict == "meets"


def test_an_or_between_two_fields_is_one_ask_but_and_is_two(kit):
    react = "Ana Li\n\nExperience\nFrontend Developer, Acme\n2019 - Present\n- Built the shop in React\n"
    either = _fit(kit, react, "Frontend Engineer\n\nRequirements\n- 3+ years of React or Vue experience\n")
    assert len(either["experience"].parts) == 2 and either["experience"].verdict == "meets"
    both = _fit(kit, react, "Frontend Engineer\n\nRequirements\n- 3+ years of React and Vue experience\n")
    assert both["experience"].verdict == "partly"
    slash_and = _fit(kit, react, "Frontend Engineer\n\nRequirements\n- 3+ years of React/Redux and Vue\n")
    assert slash_and["experience"].verdict == "partly"


NURSE = """Kim Park

Experience
Charge Nurse, Banner Medical Center
2015 - Present
- Led a team of twelve nurses on the ICU
"""


def test_a_total_met_in_another_field_does_not_lift_a_field_ask(kit):
    ad = "Product Manager (10+ Years of Experience)\n\nRequirements\n- 10+ years of experience in product management\n"
    check = _fit(kit, NURSE, ad)["experience"]
    assert check.verdict == "missing"
    assert [p.what for p in check.parts] == ["skill"]


def test_a_total_above_the_field_years_still_counts():
    """Only a total no greater than the field's years belongs to it: 10 in all and 3 of Python are two asks."""
    from gapcheck.fit.experience import experience_fit
    from gapcheck.job.years import YearsAsked

    document = read_text(NURSE, "resume.txt", kind="resume")
    asks = [YearsAsked(10, "required", "10+ years of experience"), YearsAsked(3, "required", "3+ years of Python",
                                                                             "python", "Python")]  # fmt: skip
    check = experience_fit(document, asks, today=TODAY)
    assert [p.what for p in check.parts] == ["total", "skill"]
    assert check.verdict == "partly"


@pytest.mark.parametrize(
    ("claim", "shown", "disagrees"),
    [("Engineer with 5+ years of backend work", 7.5, False), ("Engineer with over five years of work", 7.5, False),
     ("Engineer with 5 years of backend work", 7.5, True), ("Engineer with 5+ years of backend work", 2.5, True)],
)  # fmt: skip
def test_years_stated_as_a_floor_agree_with_more(claim, shown, disagrees):
    assert bool(_claim_disagrees([claim], shown)) is disagrees


@pytest.mark.parametrize(
    ("heading", "kind"),
    [("Research and engineering", "experience"), ("Research Experience", "experience"),
     ("Research & Development", "experience"), ("Research", "publications"),
     ("Publications and talks", "publications")],
)  # fmt: skip
def test_a_research_heading_that_reads_as_work_is_experience(heading, kind):
    assert section_kind(heading) == kind


RESEARCHER = """Julia Chen
NLP Research Engineer

Research and engineering
Allen Lab for Language, Research Engineer (2022 - present)
  Fine-tuned transformer models for question answering in natural language processing.

Publications
Three papers at ACL on cross-lingual transfer learning.
"""


def test_the_roles_under_a_research_and_engineering_heading_are_counted(kit):
    check = _fit(kit, RESEARCHER, "NLP Scientist\n\nRequirements\n- 3+ years of industry experience in NLP\n")[
        "experience"
    ]
    assert check.resume.years == 4.0
    assert check.verdict == "meets"


def _education(resume_text: str, ad_text: str, *, experience_met: bool = False):
    ad = read_text(ad_text, "ad.txt", kind="job")
    reading = reading_of(Job(source=ad.source, title="", kind="ad", document=ad), None, ad)
    document = read_text(resume_text, "resume.txt", kind="resume")
    return education_fit(document, reading.degrees, experience_met=experience_met)


BROAD = (
    "MLOps Engineer\n\nRequirements\n- Bachelor's degree in Computer Science, Engineering or equivalent experience\n"
)


@pytest.mark.parametrize(
    ("degree", "verdict"),
    [("B.Eng. Software Engineering", "meets"), ("BSc Mechanical Engineering", "meets"), ("BSc Physics", "partly"),
     ("BA History", "partly")],
)  # fmt: skip
def test_a_broad_field_the_ad_names_takes_any_field_of_its_family(kit, degree, verdict):
    assert _education(f"Education\n{degree}, Tokyo Institute of Technology\n", BROAD).verdict == verdict


def test_equivalent_experience_lifts_a_near_miss_only_when_the_years_are_shown(kit):
    strict = "Developer\n\nRequirements\n- Bachelor's degree in Computer Science or equivalent experience\n"
    related = "Education\nBSc Mathematics\n"
    assert _education(related, strict).verdict == "partly"
    check = _education(related, strict, experience_met=True)
    assert check.verdict == "meets" and "equivalent experience" in check.note
    assert _education("Education\nBA Marketing\n", strict, experience_met=True).verdict == "partly"
    without = "Developer\n\nRequirements\n- Bachelor's degree in Computer Science\n"
    assert _education(related, without, experience_met=True).verdict == "partly"


def test_a_phd_whose_thesis_is_in_the_field_meets_and_is_the_evidence(kit):
    text = (
        "Julia Chen\n\nAbout\nI wrote simulation code in Julia during my PhD.\n\nResearch and engineering\n"
        "University of Edinburgh, PhD researcher (2017 - 2022)\n  Thesis on natural language processing.\n"
    )
    ad = "NLP Scientist\n\nRequirements\n- PhD or MSc in Computer Science, Machine Learning or a related field\n"
    check = _education(text, ad)
    assert check.verdict == "meets"
    assert check.resume.summary == "University of Edinburgh, PhD researcher (2017 - 2022)"


def test_resume_only_field_names_are_not_read_in_an_ad():
    """A thesis topic names the field of a resume's degree; in an ad's degree line it stays a skill asked."""
    from gapcheck.fit.education import fields_in
    from gapcheck.taxonomy import data_file

    line = "Thesis on natural language processing"
    assert fields_in(line, resume=True)[0] == {"data-science"} and not fields_in(line)[0]
    names = {name for entry in data_file("degrees.toml")["field"] for name in entry["names"]}
    for entry in data_file("degrees.toml")["field"]:
        assert not set(entry.get("resume_names", [])) & names


@pytest.mark.parametrize(
    ("shown", "asked", "verdict"),
    [("Research Scientist, Machine Learning", "Research Engineer", "partly"),
     ("NLP Research Engineer", "Data Scientist, NLP", "partly"),
     ("Machine Learning Engineer", "Research Scientist", "partly"),
     ("Data Engineer", "Data Scientist", "missing"), ("Software Engineer", "Research Scientist", "missing"),
     ("Research Engineer", "Research Engineer", "meets")],
)  # fmt: skip
def test_neighbouring_research_titles_partly_meet(shown, asked, verdict):
    from gapcheck.fit.experience import dated_roles
    from gapcheck.fit.title import title_fit

    document = read_text(f"Experience\n{shown}, Acme, 2019 - Present\n- Built things\n", "resume.txt", kind="resume")
    ad = read_text(f"{asked}\n\nRequirements\n- Python\n", "ad.txt", kind="job")
    job = Job(source=ad.source, title=asked, kind="ad", document=ad)
    check = title_fit(document, job, reading_of(job, None, ad), roles=dated_roles(document, TODAY))
    assert check.verdict == verdict, check.note
    if verdict == "partly":
        assert "neighbouring role" in check.note


def test_neighbour_groups_name_role_nouns():
    from gapcheck.taxonomy import data_file

    data = data_file("titles.toml")
    for group in data["neighbours"]:
        assert len(group["nouns"]) >= 2 and set(group["nouns"]) <= set(data["role_nouns"])
        assert group["words"] and not set(group["words"]) & set(data["role_nouns"])


PHD_THEN_INDUSTRY = """Julia Chen

Experience
Research Engineer, Allen Lab for Language (2022 - present)
  Built question answering models in natural language processing.
University of Edinburgh, PhD researcher (2017 - 2022)
  Thesis on natural language processing for low-resource languages.
"""


@pytest.mark.parametrize(("ask", "shown", "verdict"), [("industry experience in NLP", 4.0, "partly"),
                                                        ("experience in NLP", 9.0, "meets")])  # fmt: skip
def test_years_of_a_phd_are_not_industry_years(kit, ask, shown, verdict):
    check = _fit(kit, PHD_THEN_INDUSTRY, f"NLP Scientist\n\nRequirements\n- 6+ years of {ask}\n")["experience"]
    (part,) = check.parts
    assert part.shown == shown and part.verdict == verdict
