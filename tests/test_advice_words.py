"""Table-driven tests of what the advice says about the resume's words against the ad's (issue 16, coach review
#1, #2, #3, #10, #15): a named product never stands for another, the same word is never "worded differently",
and a skill proved only through another skill is implied, not shown."""

from __future__ import annotations

import pytest

from gapcheck import pipeline
from gapcheck.checks import resume_checks
from gapcheck.ingest import read_text
from gapcheck.model import Analysis, Document, Requirement
from gapcheck.wording import same_words

RESUME = "Jane Doe\njane@example.com\n\nExperience\nEngineer, Acme (2019-2024)\n- {line}\n\nSkills\n{skills}\n"
AD = "Engineer\n\nRequirements\n- {need}\n"


def analysis_document(line: str, skills: str = "Git") -> Document:
    return read_text(RESUME.format(line=line, skills=skills), "cv.txt", kind="resume")


def analysed(kit, line: str, need: str, skills: str = "Git") -> Analysis:
    resume = analysis_document(line, skills)
    ad = read_text(AD.format(need=need), "ad.txt", kind="job")
    return pipeline.analyze_document(kit, resume, pipeline.job_from_document(kit, ad))


def requirement(analysis: Analysis, name: str) -> Requirement:
    units = [u for u in analysis.requirements if u.name == name]
    assert units, f"no requirement {name!r}: {[u.name for u in analysis.requirements]}"
    return units[0]


# (resume line, ad requirement, the ad's skill as the report names it): the resume names another product.
OTHER_PRODUCTS = [
    ("Moved hosting to Azure App Service.", "Experience with Azure Functions", "Azure Functions"),
    ("Automated approvals with Azure Logic Apps.", "Experience with Azure Functions", "Azure Functions"),
    ("Built the churn model's feature engineering in pandas.", "Experience with feature stores", "Feature stores"),
    ("Wrote the data layer with Entity Framework Core.", "Experience with JDBC", "JDBC"),
    ("Built the reading app in Swift with UIKit.", "Experience with SwiftUI", "SwiftUI"),
    (
        "Ran user studies with Hotjar heatmaps.",
        "Experience with web analytics and Google Analytics",
        "Google Analytics",
    ),
    (
        "Made the checkout WCAG 2.1 compliant with ARIA labels.",
        "Experience with accessibility on iOS",
        "Mobile accessibility",
    ),
]


@pytest.mark.parametrize(
    ("line", "need", "name"), OTHER_PRODUCTS, ids=[c[2] + "<-" + c[0][:30] for c in OTHER_PRODUCTS]
)
def test_another_product_is_never_the_ads_word(kit, line: str, need: str, name: str) -> None:
    unit = requirement(analysed(kit, line, need), name)
    assert unit.status not in ("shown", "worded-differently"), unit.why
    assert unit.credit < 1.0
    assert "use the ad's words" not in unit.note


# (resume line, ad requirement, skill): the same thing in other forms still counts as evidence of it.
SAME_SKILL = [
    ("Implemented responsive and accessible web design in React.", "Web accessibility", "Web accessibility"),
    ("Shipped VoiceOver support for the whole app.", "Experience with accessibility on iOS", "Mobile accessibility"),
    ("Wrote the data layer with EF Core.", "Entity Framework", "Entity Framework"),
]


@pytest.mark.parametrize(("line", "need", "name"), SAME_SKILL, ids=[c[2] + "<-" + c[0][:30] for c in SAME_SKILL])
def test_the_same_skill_in_other_forms_is_matched(kit, line: str, need: str, name: str) -> None:
    unit = requirement(analysed(kit, line, need), name)
    assert unit.status in ("shown", "worded-differently"), unit.why


# (resume's words, ad's words, same words?): one rule for the report's status and the resume check.
WORDINGS = [
    ("HTML5", "HTML", True),
    ("CSS3", "CSS", True),
    ("Python 3", "Python", True),
    ("Airflow", "Apache Airflow", True),
    ("Apache Airflow", "Airflow", True),
    ("React", "React.js", True),
    ("ReactJS", "React", True),
    ("Linux servers", "Linux", True),
    ("data quality checks", "Data quality", True),
    ("unit tests", "Unit testing", False),
    ("REST", "RESTful APIs", False),
    ("Entity Framework", "Entity Framework Core", False),
    ("data quality", "data quality checks", False),
    ("S3", "S", False),
    ("MySQL", "SQL", False),
]


@pytest.mark.parametrize(("resume", "ad", "same"), WORDINGS, ids=[f"{c[0]}|{c[1]}" for c in WORDINGS])
def test_same_words(resume: str, ad: str, same: bool) -> None:
    assert same_words(resume, ad) is same


# (resume line, ad requirement): the resume already has the ad's word, so no "use the ad's words" advice anywhere.
ALREADY_THE_ADS_WORD = [
    ("Built pages in HTML5 and CSS3 for the store.", "HTML and CSS"),
    ("Scheduled the pipelines in Airflow.", "Apache Airflow"),
    ("Built the dashboard in React.", "React.js"),
    ("Ran the Linux servers of the shop.", "Linux"),
]


@pytest.mark.parametrize(("line", "need"), ALREADY_THE_ADS_WORD, ids=[c[1] for c in ALREADY_THE_ADS_WORD])
def test_no_reword_advice_for_the_ads_own_word(kit, line: str, need: str) -> None:
    analysis = analysed(kit, line, need)
    assert not [u.name for u in analysis.requirements if u.status == "worded-differently"]
    checks = {
        c.id: c for c in resume_checks(analysis_document(line), analysis.resume, analysis.requirements, analysis.job)
    }
    assert checks["ad-words"].ok, checks["ad-words"].message


# (resume line, skills list, ad requirement, skill, status, the skill the credit comes through): a listed skill is
# shown by another skill's line only when that line holds its words; otherwise it is implied through it.
THROUGH = [
    (
        "Built the dashboard in React and Redux.",
        "JavaScript, React, Redux",
        "JavaScript",
        "JavaScript",
        "implied",
        "React",
    ),
    ("Trained the ranking model in PyTorch.", "Python, PyTorch", "Python", "Python", "implied", "PyTorch"),
    ("Built the billing services with Spring Boot.", "Spring, Spring Boot", "Spring", "Spring", "shown", "Spring"),
]


@pytest.mark.parametrize(
    ("line", "skills", "need", "name", "status", "via"), THROUGH, ids=[c[3] + "<-" + c[5] for c in THROUGH]
)
def test_a_skill_proved_through_another_is_implied_unless_the_line_names_it(
    kit, line: str, skills: str, need: str, name: str, status: str, via: str
) -> None:
    analysis = analysed(kit, line, need, skills=skills)
    unit = requirement(analysis, name)
    assert unit.status == status, unit.why
    checks = {c.id: c for c in analysis.resume_checks}
    if status == "implied":
        assert kit.taxonomy.skills[unit.matched_by].name == via
        assert via in unit.why and f'name "{need}"' in unit.note
        # The other skill's line is the reason, quoted; the report and the listed-only check say the same.
        assert line.rstrip(".") in unit.note
        assert f"{name} (implied through {via})" in checks["listed-only"].message
    else:
        assert via in unit.evidence[0].line and unit.evidence[0].section == "experience"
        assert f" {name}," not in checks["listed-only"].message and not checks["listed-only"].message.endswith(name)
