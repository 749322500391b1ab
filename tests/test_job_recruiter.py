"""A job ad read as a recruiter reads it (coach review #5, #8, #9, #12, #16): ordinary words are not tools and
a duty line asks for none, tier headings and the title set must-haves, one requirement is one unit, a heading is
never the employer, and a degree's tier follows its cue."""

from __future__ import annotations

import json

from click.testing import CliRunner

from gapcheck.cli import cli
from gapcheck.ingest import read_text
from gapcheck.model import Job
from gapcheck.open_vocabulary import find_unrecognised, opens_with_a_word
from gapcheck.pipeline import Toolkit, job_from_document


def read_ad(kit: Toolkit, text: str) -> Job:
    return job_from_document(kit, read_text(text, "ad.txt", kind="job"))


def tools(job: Job) -> dict[str, str]:
    return {tool.name: tool.importance for tool in job.unrecognised}


# ------------------------------------------------------------------------------ #5 ordinary words, duty lines


def test_a_line_opening_with_an_ordinary_word_gives_no_tool_from_it() -> None:
    assert opens_with_a_word("Develop REST APIs", listed=True)
    assert opens_with_a_word("Unit", listed=True) and opens_with_a_word("Build", listed=False)
    assert opens_with_a_word("Make sure", listed=False) and not opens_with_a_word("Make", listed=True)
    assert not opens_with_a_word("Combine", listed=False) and not opens_with_a_word("RxSwift", listed=False)
    text = "Skills\nDevelop REST APIs, Wicket, GWT\nBuild Pipelines, Zorbix\n"
    document = read_text(text, "cv.txt", kind="resume")
    names = [found.name for found in find_unrecognised(document, [], [])]
    assert "Wicket" in names and "GWT" in names and "Zorbix" in names
    assert not [name for name in names if name.split()[0] in ("Develop", "Build")], names


def test_a_tool_on_a_duty_line_is_context_not_asked(kit: Toolkit) -> None:
    job = read_ad(kit, "Backend Engineer\n\nResponsibilities\n- Hands-on with Spring Boot, Quillon and Brakka\n\n"
                  "Requirements\n- Strong Spring Boot\n- Experience with Zorbix, Kafka or Frobnik\n")  # fmt: skip
    read = tools(job)
    assert read["Quillon"] == "context" and read["Brakka"] == "context", read
    assert read["Zorbix"] == "required", read


def test_gapcheck_job_lists_the_unrecognised_tools(tmp_path) -> None:
    ad = tmp_path / "ad.txt"
    ad.write_text("iOS Engineer\n\nRequirements\n- Swift and SwiftUI\n- Combine or Skyvern\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["job", str(ad), "--format", "json"])
    assert result.exit_code == 0, result.output
    found = {tool["name"]: tool for tool in json.loads(result.output)["unrecognised"]}
    assert found["Skyvern"]["line"] == "- Combine or Skyvern" and found["Skyvern"]["section"] == "requirements"
    result = runner.invoke(cli, ["job", str(ad)])
    assert "tools the taxonomy does not know (2)" in result.output and "  Skyvern (asked" in result.output


# ------------------------------------------------------------------------------ #16 employer, #12 degree


def test_a_section_heading_is_never_the_employer(kit: Toolkit) -> None:
    job = read_ad(kit, "Product Manager\n\nSummary\nWe are looking for a Product Manager to own our payments "
                  "platform for customers.\n\nRequirements\n- Experience with Jira\n\nAbout Acme\n"
                  "Acme is a payments company.\n")  # fmt: skip
    assert job.reading is not None
    assert "Summary" not in job.reading.employer and "Acme" in job.reading.employer


def test_a_degree_takes_the_tier_of_its_own_cue(kit: Toolkit) -> None:
    job = read_ad(kit, "Product Manager\n\nRequirements\n- Strong SQL skills\n- MBA or Bachelor's degree preferred\n"
                  "- Experience with Jira\n")  # fmt: skip
    assert job.reading is not None
    (ask,) = job.reading.degrees
    assert ask.importance == "preferred" and job.reading.degree.endswith("(preferred)")
    job = read_ad(kit, "Data Analyst\n\nRequirements\n- Bachelor's degree in Statistics\n- Strong SQL skills\n")
    assert job.reading is not None and job.reading.degrees[0].importance == "required"


# ------------------------------------------------------------------------------ #8 tiers


def tiers(job: Job) -> dict[str, str]:
    return {skill.id: skill.importance for skill in job.skills}


def test_a_heading_that_states_the_tier_makes_its_skills_must_haves(kit: Toolkit) -> None:
    for heading in ("Must have", "Essential criteria", "Minimum qualifications", "Required qualifications",
                    "Basic qualifications"):  # fmt: skip
        job = read_ad(kit, f"Data Engineer\n\n{heading}\n- Python and SQL\n- Good communication skills\n\n"
                      "Nice to have\n- Experience with Airflow\n")  # fmt: skip
        read = tiers(job)
        assert read["python"] == read["sql"] == "must", (heading, read)
        assert read["communication"] == "required" and read["airflow"] == "preferred", (heading, read)
    job = read_ad(kit, "Data Engineer\n\nRequirements\n- Python and SQL\n")
    assert tiers(job)["python"] == "required"


def test_strong_makes_no_soft_skill_a_must_have_but_must_does(kit: Toolkit) -> None:
    job = read_ad(kit, "BI Analyst\n\nRequirements\n- Strong attention to detail and good communication skills\n"
                  "- Strong SQL\n- You must have excellent teamwork\n")  # fmt: skip
    read = tiers(job)
    assert read["attention-to-detail"] == "required" and read["communication"] == "required", read
    assert read["sql"] == "must" and read["teamwork"] == "must", read


def test_the_skill_the_title_names_is_a_must_have(kit: Toolkit) -> None:
    job = read_ad(kit, "Senior Java Backend Engineer\n\nRequirements\n- 5+ years of professional experience with "
                  "Java\n- Experience with Docker\n")  # fmt: skip
    read = tiers(job)
    assert read["java"] == "must" and read["docker"] == "required", read


# ------------------------------------------------------------------------------ #9 one requirement, one unit


def groups(job: Job) -> dict[str, str | None]:
    return {skill.id: skill.group for skill in job.skills}


def test_a_narrower_name_beside_its_broader_one_is_one_requirement(kit: Toolkit) -> None:
    job = read_ad(kit, "Java Developer\n\nRequirements\n- 5+ years with Java/Java EE\n- SQL (SQL Server)\n"
                  "- Strong experience with Spring and Hibernate\n- Experience with ORM technologies (JPA2, "
                  "Hibernate)\n- Experience with SQL and Docker\n- Kotlin\n")  # fmt: skip
    read = groups(job)
    assert read["java"] == read["java-ee"] is not None, read
    assert read["sql"] == read["sql-server"] is not None, read
    assert read["hibernate"] == read["orm"] is not None, read
    assert read.get("kotlin") is None and read.get("docker") is None, read
    job = read_ad(kit, "Data Engineer\n\nRequirements\n- SQL (PostgreSQL)\n- Python (pandas)\n- Docker\n")
    read = groups(job)
    assert read["sql"] == read["postgresql"] is not None, read  # a dialect in brackets: one requirement
    assert read.get("python") is None and read.get("pandas") is None, read  # a tool with its library: both asked


def test_unrecognised_alternatives_are_one_requirement(kit: Toolkit) -> None:
    from gapcheck.compare import compare
    from gapcheck.skills.find import find_skills

    job = read_ad(kit, "iOS Engineer\n\nMust have\n- Swift and SwiftUI\n- Combine or Skyvern\n"
                  "- Zorbix, Docker and Git\n")  # fmt: skip
    assert {tool.name: tool.group for tool in job.unrecognised} == {
        "Combine": "Combine or Skyvern", "Skyvern": "Combine or Skyvern", "Zorbix": None}  # fmt: skip
    resume = read_text("Skills\nSwift, SwiftUI, Skyvern, Quillon\n\nExperience\n- Built the app in Swift with "
                       "Skyvern\n", "cv.txt", kind="resume")  # fmt: skip
    extraction = find_skills(kit.nlp, kit.taxonomy, [resume])[0]
    analysis = compare(resume, extraction, job, kit.taxonomy)
    units = {unit.name: unit for unit in analysis.unrecognised}
    assert set(units) == {"Combine or Skyvern", "Zorbix"}, units
    either = units["Combine or Skyvern"]
    assert either.status == "shown" and either.matched_by == "unrecognised:skyvern" and either.importance == "must"
    assert units["Zorbix"].status == "missing"
