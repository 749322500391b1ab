"""Job fit beyond skills: date ranges and years, degrees, titles, and the fit in `analyze` (gapcheck/fit/)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from gapcheck import pipeline
from gapcheck.cli import cli
from gapcheck.fit import assess_fit, combine, reading_of
from gapcheck.fit.education import degrees_in, education_fit
from gapcheck.fit.experience import covered_months, dated_roles, experience_fit, find_date_ranges, month_label
from gapcheck.fit.title import read_title, title_fit
from gapcheck.ingest import read_text
from gapcheck.job import JobReading
from gapcheck.model import Document, Job
from gapcheck.report import render_html
from gapcheck.taxonomy import cached_taxonomy

ROOT = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
JOHN_DOE = FIXTURES / "john_doe.pdf" if (FIXTURES / "john_doe.pdf").exists() else ROOT / "examples" / "john_doe.pdf"
JAVA_AD = ROOT / "examples" / "java-backend-ad.txt"
TODAY = dt.date(2026, 6, 15)


def resume(text: str) -> Document:
    return read_text(text, "resume.txt", kind="resume")


def ad(text: str) -> Document:
    return read_text(text, "ad.txt", kind="job")


def job_of(document: Document, title: str = "") -> Job:
    return Job(source=document.source, title=title, kind="ad", document=document)


def reading(document: Document, title: str = "") -> JobReading:
    """What the fit checks get from a job: here read from an ad's text with no skills."""
    return reading_of(job_of(document, title), None, document)


# ------------------------------------------------------------------------------------------- date ranges

# (text, [(start, end or "present", months)]) with today = 2026-06.
DATE_RANGES = [
    ("2017 – Present", [("2017-07", "present", 108)]),
    ("June 2012 – June 2015", [("2012-06", "2015-06", 37)]),
    ("June 2012 — June 2015", [("2012-06", "2015-06", 37)]),
    ("06/2018 - 03/2020", [("2018-06", "2020-03", 22)]),
    ("2019-2021", [("2019-07", "2021-06", 24)]),
    ("2019 – 2021", [("2019-07", "2021-06", 24)]),
    ("Jan 2020 to Current", [("2020-01", "present", 78)]),
    ("Sept. 2019 - now", [("2019-09", "present", 82)]),
    ("Mar 2015 – Aug 2016", [("2015-03", "2016-08", 18)]),
    ("Jan '19 - Dec '20", [("2019-01", "2020-12", 24)]),
    ("Since 2021", [("2021-07", "present", 60)]),
    # Two lines for one range, as two-column layouts give them.
    ("June 2012 –\nJune 2015", [("2012-06", "2015-06", 37)]),
    ("2017 –\nPresent", [("2017-07", "present", 108)]),
    ("June 2022 – Software Engineer, Google\nPresent Developing user interfaces", [("2022-06", "present", 49)]),
    ("Mar 2015\nAug 2016", [("2015-03", "2016-08", 18)]),
    # Not ranges: a phone number, a version, a single year, a range that starts in the future.
    ("(123) 456-7890", []),
    ("Java 8, 2019", []),
    ("2027 - 2029", []),
]


@pytest.mark.parametrize(("text", "expected"), DATE_RANGES, ids=[t for t, _ in DATE_RANGES])
def test_date_ranges_in_the_usual_forms(text, expected):
    found = find_date_ranges(text, TODAY)
    got = [(month_label(r.start), "present" if r.present else month_label(r.end - 1), r.months) for r in found]
    assert got == expected


def test_overlapping_roles_count_once():
    ranges = find_date_ranges("Jan 2018 - Dec 2019\nJan 2019 - Dec 2020\n2023 - 2024", TODAY)
    assert covered_months(ranges) == 36 + 12


RESUME_WITH_ROLES = """\
Ana Lima
ana@example.com

Experience
Senior Data Engineer, Acme, Jan 2021 - Present
- Built Spark pipelines in Python
Data Analyst | Beta Ltd
Jun 2018 – Dec 2020
- Wrote SQL reports in Tableau

Education
BSc Mathematics, 2014 - 2018
"""


def test_roles_are_blocks_from_one_range_to_the_next(kit):
    document = resume(RESUME_WITH_ROLES)
    extraction = pipeline.extract_documents(kit, [document])[0]
    roles = dated_roles(document, TODAY, extraction)
    assert [r.heading for r in roles] == ["Senior Data Engineer, Acme", "Data Analyst | Beta Ltd"]
    assert "python" in roles[0].skills and "sql" not in roles[0].skills
    assert "sql" in roles[1].skills
    # The education years are not a role.
    assert len(roles) == 2


def test_years_total_and_per_skill(kit):
    document = resume(RESUME_WITH_ROLES)
    extraction = pipeline.extract_documents(kit, [document])[0]
    asked = ad("Data Engineer\n\nRequirements\n- 5+ years of experience in data engineering\n- 3+ years of Python\n")
    job = pipeline.job_from_document(kit, asked)
    check = experience_fit(document, job.reading.years_asked, extraction=extraction, today=TODAY)
    assert check.resume.years == 8.1  # June 2018 to June 2026, both months counted: 97 months
    assert check.resume.skills["python"] == 5.5
    by_what = {(p.what, p.id): p for p in check.parts}
    # "5+ years of experience in data engineering" are years in that field, from the data engineer role only
    # (5.5), not the 8.1 years of all roles: no total part stands beside the field's part.
    assert by_what[("skill", "data-engineering")].asked == 5
    assert by_what[("skill", "data-engineering")].shown == 5.5
    assert by_what[("skill", "data-engineering")].verdict == "meets"
    assert ("total", None) not in by_what
    assert by_what[("skill", "python")].verdict == "meets"
    assert check.verdict == "meets"
    assert "- 3+ years of Python" in check.job.evidence


def test_too_few_years_is_partly_or_missing(kit):
    document = resume("Experience\nDeveloper, Acme, 2024 - Present\n- Python services\n")
    for years, verdict in (("2+", "meets"), ("3+", "partly"), ("10+", "missing")):
        asked = ad(f"Developer\n\nRequirements\n- {years} years of professional experience\n- Python\n")
        check = experience_fit(document, pipeline.job_from_document(kit, asked).reading.years_asked, today=TODAY)
        assert check.verdict == verdict, years


def test_a_resume_with_no_dates_is_unknown_not_zero_years(kit):
    document = resume("Experience\nDeveloper at Acme\n- Built Python services\n\nSkills\nPython\n")
    asked = ad("Developer\n\nRequirements\n- 5+ years of experience with Python\n")
    check = experience_fit(document, pipeline.job_from_document(kit, asked).reading.years_asked, today=TODAY)
    assert check.verdict == "unknown"
    assert check.resume.years is None
    assert all(part.shown is None for part in check.parts)
    assert "No date ranges" in check.note


def test_no_years_asked_is_unknown(kit):
    asked = ad("Developer\n\nRequirements\n- Python\n")
    check = experience_fit(
        resume(RESUME_WITH_ROLES), pipeline.job_from_document(kit, asked).reading.years_asked, today=TODAY
    )
    assert check.verdict == "unknown" and check.job.summary == "no years of experience named"


def test_years_in_the_about_section_are_not_asked_of_the_candidate(kit):
    asked = ad("Developer\n\nAbout us\nWe have shipped freight for 30 years.\n\nRequirements\n- Python\n")
    check = experience_fit(
        resume(RESUME_WITH_ROLES), pipeline.job_from_document(kit, asked).reading.years_asked, today=TODAY
    )
    assert check.verdict == "unknown"


# ---------------------------------------------------------------------------------------------- degrees

# (line, level id, field ids)
DEGREES = [
    ("BSc Computer Science", "bachelor", {"computer-science"}),
    ("B.S. in Statistics", "bachelor", {"statistics"}),
    ("B.S in Mathematics", "bachelor", {"mathematics"}),
    ("Bachelor of Science in Computer Science, State University, 2016", "bachelor", {"computer-science"}),
    ("Bachelor’s degree in Computer Science or a related field", "bachelor", {"computer-science"}),
    ("BS, Computer Science", "bachelor", {"computer-science"}),
    ("B.Tech, Computer Science and Engineering", "bachelor", {"computer-science"}),
    ("MSc Data Science", "master", {"data-science"}),
    ("M.S. Electrical Engineering", "master", {"electrical-engineering"}),
    ("Master's in Economics", "master", {"economics"}),
    ("PhD in Physics", "doctorate", {"physics"}),
    ("Ph.D., Computer Science", "doctorate", {"computer-science"}),
    ("MBA, Harvard Business School", "mba", {"business"}),
    ("Associate of Applied Science", "associate", set()),
    ("BS/MS in Computer Science", "master", {"computer-science"}),
    ("BA History", "bachelor", set()),
]


@pytest.mark.parametrize(("line", "level", "fields"), DEGREES, ids=[d[0] for d in DEGREES])
def test_degree_words(line, level, fields):
    (degree,) = degrees_in(line, education=True)
    assert degree.level.id == level
    assert degree.fields == fields


@pytest.mark.parametrize("line", ["Boston, MA", "MS Office, Excel", "Scrum Master", "Mastered Kubernetes", "BA"])
def test_words_that_are_not_degrees(line):
    assert degrees_in(line) == []


def test_an_abbreviation_before_a_field_counts_only_in_an_education_section():
    assert degrees_in("BA History") == []
    assert [d.level.id for d in degrees_in("BA History", education=True)] == ["bachelor"]


def _education(resume_text: str, ad_text: str):
    return education_fit(resume(resume_text), reading(ad(ad_text)).degrees)


AD_BACHELOR_CS = "Developer\n\nRequirements\n- Bachelor's degree in Computer Science or a related field\n"


def test_same_field_meets():
    check = _education("Education\nB.S. in Computer Science, 2016\n", AD_BACHELOR_CS)
    assert check.verdict == "meets"
    assert check.job.evidence == ("- Bachelor's degree in Computer Science or a related field",)
    assert check.resume.evidence == ("B.S. in Computer Science, 2016",)


def test_related_field_meets_only_when_the_ad_allows_it():
    assert _education("Education\nBSc Software Engineering\n", AD_BACHELOR_CS).verdict == "meets"
    strict = "Developer\n\nRequirements\n- Bachelor's degree in Computer Science\n"
    assert _education("Education\nBSc Software Engineering\n", strict).verdict == "partly"
    assert _education("Education\nBA History\n", AD_BACHELOR_CS).verdict == "partly"


def test_a_higher_degree_meets_a_lower_ask_and_a_lower_one_is_partly():
    assert _education("Education\nPhD in Computer Science\n", AD_BACHELOR_CS).verdict == "meets"
    phd = "Researcher\n\nRequirements\n- PhD in Computer Science or a related field\n"
    check = _education("Education\nMSc Computer Science\n", phd)
    assert check.verdict == "partly" and "Master" in check.note


def test_a_lower_degree_in_another_field_is_missing_and_named_with_its_article():
    phd = "Scientist\n\nRequirements\n- PhD in Computer Science\n"
    check = _education("Education\nMBA, London Business School, 1999\nBSc Economics, 1996\n", phd)
    assert check.verdict == "missing"
    assert "highest degree is an MBA" in check.note and "asks for a Doctorate" in check.note
    lenient = "Scientist\n\nRequirements\n- PhD in Computer Science or equivalent experience\n"
    assert _education("Education\nMBA, London Business School\n", lenient).verdict == "partly"


def test_lowest_of_alternatives_is_asked():
    check = _education("Education\nBSc Statistics\n", "Analyst\n\nRequirements\n- BS/MS in Statistics\n")
    assert check.verdict == "meets" and check.job.level == "bachelor"


def test_mba_preferred_is_preferred():
    check = _education("Education\nMBA\n", "Manager\n\nRequirements\n- Python\n\nNice to have\n- MBA preferred\n")
    assert check.job.importance == "preferred" and check.verdict == "meets"


def test_education_unknown_without_an_ask_or_a_section():
    assert _education("Education\nBSc Maths\n", "Developer\n\nRequirements\n- Python\n").verdict == "unknown"
    assert _education("Experience\nDeveloper, 2019 - 2021\n", AD_BACHELOR_CS).verdict == "unknown"


def test_education_section_without_a_degree_is_missing_unless_experience_counts():
    assert _education("Education\nState University\n", AD_BACHELOR_CS).verdict == "missing"
    lenient = "Developer\n\nRequirements\n- Bachelor's degree in Computer Science or equivalent experience\n"
    assert _education("Education\nState University\n", lenient).verdict == "partly"


# ----------------------------------------------------------------------------------------------- titles

TITLE_WORDS = [
    ("Front End Engineer", {"frontend", "engineer"}, None),
    ("Frontend Developer", {"frontend", "engineer"}, None),
    ("Senior Front-End Developer", {"frontend", "engineer"}, 3),
    ("Software Engineer III", {"engineer"}, 3),
    ("Sr. Full-Stack Developer", {"fullstack", "engineer"}, 3),
    ("Junior Data Analyst", {"data", "analyst"}, 1),
    ("Lead Data Scientist", {"data", "scientist"}, 4),
    ("Tech Lead", {"tech", "lead"}, 4),
]


@pytest.mark.parametrize(("title", "words", "level"), TITLE_WORDS, ids=[t[0] for t in TITLE_WORDS])
def test_title_words_and_seniority(title, words, level):
    found = read_title(title)
    assert found is not None
    assert found.words == words and found.level == level


# (ad title, resume headline and role line, verdict)
TITLE_FITS = [
    ("Front End Engineer", "Frontend Developer", "meets"),
    ("Senior Frontend Engineer", "Senior Front-End Developer", "meets"),
    ("Senior Frontend Engineer", "Frontend Developer", "partly"),
    ("Senior Software Engineer", "Software Engineer III", "meets"),
    ("Staff Software Engineer", "Software Engineer II", "partly"),
    ("Backend Engineer", "Full Stack Developer", "meets"),
    ("Java Backend Engineer", "Software Developer", "partly"),
    ("Backend Engineer", "Frontend Developer", "missing"),
    ("Data Scientist", "Frontend Developer", "missing"),
    ("Quantum Wizard", "Frontend Developer", "unknown"),
]


@pytest.mark.parametrize(("asked", "shown", "verdict"), TITLE_FITS, ids=[f"{a} <- {s}" for a, s, _ in TITLE_FITS])
def test_title_fit(asked, shown, verdict):
    document = resume(f"Sam Roe\n{shown}\n\nExperience\n{shown}, Acme, 2020 - Present\n- Built things\n")
    posting = ad(f"{asked}\n\nRequirements\n- Python\n")
    check = title_fit(document, job_of(posting, asked), reading(posting, asked), roles=dated_roles(document, TODAY))
    assert check.verdict == verdict, check.note
    if verdict != "unknown":
        assert check.job.evidence == (asked,)
        assert any(shown in line for line in check.resume.evidence)


def test_title_from_a_summary_sentence():
    document = resume("Sam Roe\n\nSummary\nHighly skilled Full Stack Developer with 5 years of experience.\n")
    posting = ad("Frontend Engineer\n\nRequirements\n- React\n")
    check = title_fit(
        document, job_of(posting), reading(posting, "Frontend Engineer"), roles=dated_roles(document, TODAY)
    )
    assert check.verdict == "meets" and check.resume.title == "Full Stack Developer"


def test_no_title_on_the_resume_is_unknown():
    posting = ad("Frontend Engineer\n\nRequirements\n- React\n")
    document = resume("Skills\nReact, CSS\n")
    check = title_fit(
        document, job_of(posting), reading(posting, "Frontend Engineer"), roles=dated_roles(document, TODAY)
    )
    assert check.verdict == "unknown"


# ------------------------------------------------------------------------------------- the whole fit


def test_combine():
    assert combine(["meets", "unknown"]) == "meets"
    assert combine(["meets", "missing"]) == "partly"
    assert combine(["missing", "unknown"]) == "missing"
    assert combine(["unknown"]) == combine([]) == "unknown"


def test_role_profile_compares_the_title_and_leaves_the_rest_unknown(kit):
    role = next(iter(kit.taxonomy.roles.values()))
    job = pipeline.job_from_role_name(kit, role.id)
    fit = assess_fit(resume(RESUME_WITH_ROLES), job, taxonomy=kit.taxonomy, today=TODAY)
    assert fit["title"].job.title == role.name or fit["title"].verdict == "unknown"
    if not any(ch.isdigit() for ch in role.summary) and "degree" not in role.summary.lower():
        assert fit["experience"].verdict == "unknown" and fit["education"].verdict == "unknown"


def test_role_summary_can_say_years_and_degree(kit):
    from gapcheck.taxonomy import Role

    role = Role(
        id="tmp-role", name="Data Engineer", summary="Most ask for 5+ years of experience and a BSc in Mathematics."
    )
    kit.taxonomy.roles["tmp-role"] = role
    try:
        job = pipeline.job_from_role_name(kit, "tmp-role")
        fit = assess_fit(resume(RESUME_WITH_ROLES), job, taxonomy=kit.taxonomy, today=TODAY)
    finally:
        del kit.taxonomy.roles["tmp-role"]
    assert fit["title"].verdict == "meets"
    assert fit["experience"].verdict == "meets"
    assert fit["education"].verdict == "meets"


def test_acceptance_john_doe_against_the_java_ad():
    result = CliRunner().invoke(cli, ["analyze", str(JOHN_DOE), "--job", str(JAVA_AD), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    fit = data["fit"]
    assert set(fit) == {"title", "experience", "education"}
    for check in fit.values():
        assert check["verdict"] in ("meets", "partly", "missing", "unknown")
        assert check["job"]["evidence"] and check["resume"]["evidence"]
    assert fit["experience"]["verdict"] == "meets"
    assert any("5+ years" in line and "Java" in line for line in fit["experience"]["job"]["evidence"])
    assert any("June 2018 - Present" in line for line in fit["experience"]["resume"]["evidence"])
    assert any("July 2016 - June 2018" in line for line in fit["experience"]["resume"]["evidence"])
    assert fit["experience"]["resume"]["years"] >= 9.5
    assert fit["education"]["verdict"] == "meets"
    assert "Bachelor of Science in Computer Science" in fit["education"]["resume"]["evidence"][0]
    # The ad asks for a Senior; john_doe's titles name no seniority: said, not guessed.
    assert fit["title"]["verdict"] == "partly" and "seniority" in fit["title"]["note"]
    assert [c["id"] for c in data["resume_checks"]][:3] == ["read-quality", "contact", "sections"]
    assert all(set(c) == {"id", "ok", "message", "evidence"} for c in data["resume_checks"])
    # The ad's Document rides on the Job but stays out of the JSON.
    assert "document" not in data["job"]


def test_fit_partial_renders_escaped(kit):
    document = resume(RESUME_WITH_ROLES.replace("Acme", "<script>alert(1)</script>"))
    posting = ad("Senior Data Engineer\n\nRequirements\n- 5+ years of Python\n- BSc in Mathematics\n")
    job = pipeline.job_from_document(kit, posting)
    analysis = pipeline.analyze_document(kit, document, job, today=TODAY)
    html = render_html(analysis)
    assert 'id="fit"' in html and 'id="check-contact"' in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    for verdict in (c.verdict for c in analysis.fit.values()):
        assert f"fit-verdict-{verdict}" in html


# ------------------------------------------------------------------------------------- the language data


def test_titles_data_is_consistent():
    from gapcheck.taxonomy import data_file

    data = data_file("titles.toml")
    skills = cached_taxonomy().skills
    assert all(skill in skills for ids in data["title_skills"].values() for skill in ids)
    nouns = set(data["role_nouns"])
    assert len(nouns) == len(data["role_nouns"])
    for phrase, level in data["seniority"].items():
        assert phrase == phrase.lower() and isinstance(level, int)
        assert phrase not in data["synonyms"], f"'{phrase}' is both a seniority word and a synonym"
    assert set(map(int, data["level_names"])) >= set(data["seniority"].values()) | set(data["numerals"].values())
    for phrase, canonical in data["synonyms"].items():
        assert phrase == phrase.lower() and canonical == canonical.lower()
    for word, implied in data["implies"].items():
        assert word not in implied


def test_degrees_data_is_consistent():
    from gapcheck.taxonomy import data_file

    data = data_file("degrees.toml")
    ids = [level["id"] for level in data["level"]]
    assert len(ids) == len(set(ids))
    owners: dict[str, str] = {}
    for level in data["level"]:
        assert level["rank"] > 0
        for word in [*level["words"], *level["abbreviations"]]:
            assert owners.setdefault(word.lower(), level["id"]) == level["id"], f"'{word}' is in two levels"
        for short in level["abbreviations"]:
            assert short.isupper(), "abbreviations are matched in upper case only"
    field_ids = [f["id"] for f in data["field"]]
    assert len(field_ids) == len(set(field_ids))
    names: dict[str, str] = {}
    for entry in data["field"]:
        for name in entry["names"]:
            assert names.setdefault(name, entry["id"]) == entry["id"], f"field name '{name}' is in two fields"
    families = {family for entry in data["field"] for family in entry["families"]}
    assert set(data["families"]) <= families
    for level in data["level"]:
        assert not level.get("field") or level["field"] in field_ids


def test_dates_data_is_consistent():
    from gapcheck.taxonomy import data_file

    data = data_file("dates.toml")
    assert set(data["months"].values()) == set(range(1, 13))
    assert all(1 <= month <= 12 for month in data["seasons"].values())
    assert 1 <= data["year_only_month"] <= 12


# ------------------------------------------------------------------------------- the coach's cases (issue 16)
COACH = Path(__file__).parent / "coach"


def coach_fit(kit, resume_name: str, ad_name: str) -> dict:
    document = read_text((COACH / resume_name).read_text(encoding="utf-8"), resume_name, kind="resume")
    asked = read_text((COACH / ad_name).read_text(encoding="utf-8"), ad_name, kind="job")
    job = pipeline.job_from_document(kit, asked)
    return pipeline.analyze_document(kit, document, job, today=TODAY).fit


def test_an_old_resume_is_counted_up_to_its_own_date_not_today(kit):
    """Updated March 2015: "Jan 2012 - Present" ran three years as far as the resume says, not fourteen."""
    fit = coach_fit(kit, "dated_2015.txt", "ad_frontend.txt")["experience"]
    assert fit.resume.years == 4.8  # Jun 2010 - Dec 2011 and Jan 2012 - Mar 2015
    assert fit.resume.summary.endswith("to 2015-03")
    assert "Updated March 2015" in fit.note


@pytest.mark.parametrize(
    ("text", "years"),
    [
        # A graduation still to come dates the resume: the internship ran until then at most.
        ("Experience\nIntern, Acme, Jun 2013 - Present\n- Java\n\nEducation\nBSc, Expected May 2015\n", 2.0),
        # A paper's year says nothing of when the resume was written: a running role runs to today.
        ("Experience\nScientist, Acme, Sep 2019 - Present\n- Java\n\nPublications\nA paper. NeurIPS 2021.\n", 6.8),
    ],
)
def test_only_a_date_the_resume_gives_as_its_own_stops_a_running_role(text, years):
    roles = dated_roles(resume(text), TODAY)
    assert sum(r.dates.months for r in roles) / 12 == pytest.approx(years, abs=0.05)


def test_years_of_front_end_come_only_from_front_end_work(kit):
    """The issue's "meets 2 years of front-end" for an ML researcher: his years are not front-end years, while a
    web developer's JavaScript, HTML and CSS roles are, though no bullet says "front-end"."""
    researcher = coach_fit(kit, "ml_researcher.txt", "ad_frontend.txt")["experience"]
    assert researcher.verdict == "missing"
    assert all(part.what == "skill" for part in researcher.parts)
    developer = coach_fit(kit, "dated_2015.txt", "ad_frontend.txt")["experience"]
    (part,) = developer.parts
    assert part.id == "frontend-development" and part.verdict == "meets" and part.shown == 4.8


@pytest.mark.parametrize(
    "heading",
    ["CEO, Tailspin Analytics", "Tailspin Analytics — CEO", "Founder & CEO | Tailspin", "Chief Executive Officer"],
)
def test_a_ceo_title_is_read_from_the_experience_entries(heading):
    """No headline at all: the title comes from the roles, and "CEO" is the chief executive officer."""
    document = resume(f"Robert Lang\nrobert@lang.vc\n\nExperience\n{heading}\n2014 - Present\n- Grew revenue\n")
    asked = ad("Chief Executive Officer\n\nRequirements\n- 10+ years of leadership\n")
    title = "Chief Executive Officer"
    check = title_fit(document, job_of(asked, title), reading(asked, title), roles=dated_roles(document, TODAY))
    assert check.verdict == "meets", check.note
    assert "No headline" not in check.note


def test_a_ceo_meets_years_of_leadership_and_a_pm_ranks_product_management_years(kit):
    ceo = coach_fit(kit, "ceo.txt", "ad_ceo.txt")
    assert ceo["title"].verdict == "meets"
    leadership = next(part for part in ceo["experience"].parts if part.id == "leadership")
    assert leadership.verdict == "meets"
    pm = coach_fit(kit, "pm_20_years.txt", "ad_product_manager.txt")
    assert pm["title"].verdict == "meets"
    management = next(part for part in pm["experience"].parts if part.id == "product-management")
    assert management.shown >= 20 and management.verdict == "meets"


def test_an_undated_experience_entry_still_gives_its_title():
    document = resume(
        "Robert Lang\n\nExperience\nChief Executive Officer, Tailspin Analytics\n- Grew revenue to $60M\n"
    )
    asked = ad("CEO\n\nRequirements\n- Leadership\n")
    check = title_fit(document, job_of(asked, "CEO"), reading(asked, "CEO"), roles=dated_roles(document, TODAY))
    assert check.verdict == "meets", check.note
    assert "Chief Executive Officer, Tailspin Analytics" in check.resume.evidence


@pytest.mark.parametrize(
    ("shown", "asked", "verdict"),
    [("Web Developer", "Front-End Engineer", "partly"), ("Frontend Developer", "Full Stack Developer", "partly"),
     ("Data Scientist", "Front-End Engineer", "missing"), ("Frontend Developer", "Backend Developer", "missing")],
)  # fmt: skip
def test_a_related_title_partly_meets(shown, asked, verdict):
    document = resume(f"Experience\n{shown}, Acme, 2019 - Present\n- Built things\n")
    ad_document = ad(f"{asked}\n\nRequirements\n- HTML\n")
    assert (
        title_fit(
            document, job_of(ad_document, asked), reading(ad_document, asked), roles=dated_roles(document, TODAY)
        ).verdict
        == verdict
    )


def _analysed_fit(kit, resume_text: str, ad_text: str) -> dict:
    document = read_text(resume_text, "resume.txt", kind="resume")
    job = pipeline.job_from_document(kit, read_text(ad_text, "ad.txt", kind="job"))
    return pipeline.analyze_document(kit, document, job, today=TODAY).fit


JAVA_ROLES = """Maya Nowak
Java Backend Developer

Experience
Backend Developer, Northwind Traders
2020 - Present
- Built order services with Spring Boot and Kafka
Java Developer, Wide World Importers
2016 - 2020
- Wrote integration tests for the billing system

Skills
Java, Spring Boot, Kafka
"""
FIVE_YEARS_OF_JAVA = "Senior Java Engineer\n\nRequirements\n- 5+ years of Java\n"


def test_a_roles_title_and_its_framework_count_toward_the_language_asked(kit):
    """The coach's #4: "Java Developer" is Java work though no bullet says Java, and Spring Boot is Java."""
    fit = _analysed_fit(kit, JAVA_ROLES, FIVE_YEARS_OF_JAVA)["experience"]
    (part,) = fit.parts
    assert part.id == "java" and part.verdict == "meets"
    assert part.shown == 10.0  # mid-2016 to June 2026
    assert any(line.startswith("Java Developer") for line in part.evidence)
    assert any(line.startswith("Backend Developer") for line in part.evidence)  # through Spring Boot


def test_a_title_word_that_is_the_employers_name_is_not_a_skill(kit):
    text = JAVA_ROLES.replace("Java Developer, Wide World Importers", "Developer, Java House Coffee").replace(
        "Spring Boot and Kafka", "Kafka"
    )
    (part,) = _analysed_fit(kit, text, FIVE_YEARS_OF_JAVA)["experience"].parts
    assert part.verdict != "meets" and not part.evidence


IOS_RESUME = """Lena Ortiz
Senior iOS Developer

Summary
Six years building iOS apps in Swift.

Experience
Mobile Lead, Relecloud
2020 - Present
- Led the app team's planning

Skills
Swift, iOS
"""


def test_a_summarys_stated_years_are_evidence_when_no_dated_role_shows_the_skill(kit):
    ad_text = "iOS Developer\n\nRequirements\n- 5+ years building iOS apps\n"
    fit = _analysed_fit(kit, IOS_RESUME, ad_text)["experience"]
    part = next(p for p in fit.parts if p.id == "ios-development")
    assert part.verdict == "meets" and part.shown == 6.0
    assert part.evidence == ("Six years building iOS apps in Swift.",)


def test_a_title_naming_the_platform_counts_its_years(kit):
    text = IOS_RESUME.replace("Mobile Lead, Relecloud", "Senior iOS Developer, Relecloud").replace(
        "Six years building iOS apps in Swift.", "I build apps."
    )
    ad_text = "iOS Developer\n\nRequirements\n- 5+ years building iOS apps\n"
    fit = _analysed_fit(kit, text, ad_text)["experience"]
    part = next(p for p in fit.parts if p.id == "ios-development")
    assert part.verdict == "meets" and part.evidence == ("Senior iOS Developer, Relecloud (2020 - Present)",)


def test_a_summary_that_states_fewer_years_than_the_running_roles_give_is_flagged(kit):
    text = IOS_RESUME.replace("Six years building iOS apps in Swift.", "Developer with two years of experience.")
    fit = _analysed_fit(kit, text, "Developer\n\nRequirements\n- 3+ years of experience\n- Swift\n")["experience"]
    assert "The resume states 2 years" in fit.note and "counted to today, give 6" in fit.note
