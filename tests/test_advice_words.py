"""Table-driven tests of what the advice says about the resume's words against the ad's (issue 16, coach review
#1, #2, #3, #10, #15): a named product never stands for another, the same word is never "worded differently",
and a skill proved only through another skill is implied, not shown."""

from __future__ import annotations

import pytest

from gapcheck import analyze
from gapcheck.ingest import read_text
from gapcheck.model import Analysis, Requirement

RESUME = "Jane Doe\njane@example.com\n\nExperience\nEngineer, Acme (2019-2024)\n- {line}\n\nSkills\n{skills}\n"
AD = "Engineer\n\nRequirements\n- {need}\n"


def analysed(kit, line: str, need: str, skills: str = "Git") -> Analysis:
    resume = read_text(RESUME.format(line=line, skills=skills), "cv.txt", kind="resume")
    ad = read_text(AD.format(need=need), "ad.txt", kind="job")
    return analyze.analyze_document(kit, resume, analyze.job_from_document(kit, ad))


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
    ("Ran user studies with Hotjar heatmaps.", "Experience with web analytics and Google Analytics", "Google Analytics"),
    ("Made the checkout WCAG 2.1 compliant with ARIA labels.", "Experience with accessibility on iOS", "Mobile accessibility"),
]


@pytest.mark.parametrize(("line", "need", "name"), OTHER_PRODUCTS, ids=[c[2] + "<-" + c[0][:30] for c in OTHER_PRODUCTS])
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
