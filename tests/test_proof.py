"""Which resume lines may prove a skill (gapcheck/proof.py, used by skills/find.py): bullets, skills lists and
summaries can; an employer's name, a paper's title, a heading (even one the PDF split), a line of spoken
languages and a chart's labels cannot. Table-driven: (resume, skills that must be found, skills that must not,
skills that must be shown in use rather than listed only)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gapcheck import pipeline
from gapcheck.ingest import read_document, read_text
from gapcheck.proof import _is_split_heading

ROLE = "Experience\nEngineer, Acme, 2020 - Present\n- Built the billing service in Java\n\n"

CASES = [
    (  # an employer's name on the line under the title and dates
        "Experience\nSoftware Engineer | Jan 2021 - Present\nFigma | San Francisco, CA\n- Built React components\n",
        ["React"], ["Figma"], ["React"],
    ),
    (  # an employer after "at", and on the title's line
        "Experience\nData Engineer at Snowflake, 2019 - 2022\n- Built pipelines in Python and Airflow\n",
        ["Python", "Apache Airflow"], ["Snowflake"], ["Python"],
    ),
    (  # tools after the title are a list, not an employer
        "Experience\nData Engineer | Python | Apache Spark | Airflow | 2019 - 2022\n- Built pipelines\n",
        ["Python", "Apache Spark", "Apache Airflow"], [], [],
    ),
    (  # a date inside a bullet heads no role: its names stand
        "Experience\nEngineer, Acme, 2018 - Present\n- Moved billing to Kafka in 2019 - 2020, with Snowflake\n",
        ["Apache Kafka", "Snowflake"], [], ["Apache Kafka"],
    ),
    (  # a line of work after the dates is no employer's name
        "Experience\nAcme Corp, 2019 - 2021: built Kafka pipelines and dashboards\n",
        ["Apache Kafka"], [], ["Apache Kafka"],
    ),
    (  # paper titles prove nothing; a sentence about the papers does
        ROLE + "Publications\nEmergent Communication in Multi-Agent Reinforcement Learning. NeurIPS 2021.\n"
        "Scalable Policy Optimization with Kubernetes Clusters. ICML 2020.\n"
        "Three more papers at ACL and EMNLP on cross-lingual transfer learning.\n",
        ["transfer learning"], ["Communication", "Kubernetes", "Reinforcement learning"], [],
    ),
    (  # a research topic that holds a soft skill's name is not the skill
        "Summary\nResearcher working on emergent communication and communication-efficient training.\n\n" + ROLE,
        ["Java"], ["Communication"], [],
    ),
    (  # a technical term that holds a soft skill's name: the algorithms stand, the soft skill does not
        "Experience\nEngineer, Acme, 2020 - Present\n- Wrote conflict resolution algorithms for offline sync in Go\n"
        "- Handled conflict resolution for the team and mentoring\n",
        ["Algorithms", "Go", "Conflict resolution"], [], ["Algorithms"],
    ),
    (  # the same term alone proves no soft skill
        "Experience\nEngineer, Acme, 2020 - Present\n- Wrote conflict resolution algorithms for offline sync in Go\n",
        ["Algorithms", "Go"], ["Conflict resolution"], ["Algorithms"],
    ),
    (  # a heading the PDF split apart ("AWARDS" as "AWA RDS") is not Amazon RDS
        ROLE + "SKILLS & AWA RDS\nPython, Docker, Git\n",
        ["Python", "Docker"], ["Amazon RDS"], [],
    ),
    (  # a line of spoken languages proves only the languages
        ROLE + "Languages\nEnglish (native), Italian (basic), French: excellent communication\n",
        ["English", "Italian", "French"], ["Communication"], [],
    ),
    (  # a "Languages" heading over programming languages is still a list of skills
        ROLE + "Languages\nPython, Scala, SQL\n",
        ["Python", "Scala", "SQL"], [], [],
    ),
    (  # a chart's labels, with their rating marks, in the summary
        "Summary\nData person who likes clean pipelines.\nMachine Learning\n●●●●○\nStatistics\n●●●○○\n\n" + ROLE,
        ["Java"], ["Machine learning", "Statistics"], ["Java"],
    ),
    (  # the headline names a role; its field is not a skill shown
        "Wei Zhang\nResearch Scientist, Machine Learning\n\n" + ROLE,
        ["Java"], ["Machine learning"], [],
    ),
    (  # a listed skill a bullet names with words between its words is shown there
        "Experience\nEngineer, Acme, 2020 - Present\n- Implemented responsive and accessible web design\n\n"
        "Skills\nResponsive Design, Figma\n",
        ["Responsive web design", "Figma"], [], ["Responsive web design"],
    ),
    (  # a bullet of work inside a skills section shows its skills in use
        "Jane Doe\n\nSkills and Experience\n- Built a Flask API with Redis caching for 2M users\nDocker, Git\n",
        ["Flask", "Redis", "Docker"], [], ["Flask", "Redis"],
    ),
]  # fmt: skip


def skills_of(kit, text: str) -> dict[str, bool]:
    """Found stated skills by lower-case name, with whether each is shown in use (not listed only)."""
    document = read_text(text, "resume.txt", kind="resume")
    extraction = pipeline.extract_documents(kit, [document])[0]
    return {skill.name.lower(): not skill.listed_only for skill in extraction.skills if skill.stated}


@pytest.mark.parametrize(("text", "found", "not_found", "shown"), CASES)
def test_only_lines_that_can_prove_a_skill_prove_it(kit, text, found, not_found, shown):
    skills = skills_of(kit, text)
    for name in found:
        assert name.lower() in skills, (name, sorted(skills))
    for name in not_found:
        assert name.lower() not in skills, (name, sorted(skills))
    for name in shown:
        assert skills[name.lower()], f"{name} is shown in a bullet but marked listed only"


@pytest.mark.parametrize(
    ("line", "split"),
    [("SKILLS & AWA RDS", True), ("EXPERI ENCE", True), ("WORK EXPERIENCE", True), ("AWS RDS", False),
     ("Awa rds", False), ("PYTHON", False), ("- SKILLS", False)],
)  # fmt: skip
def test_split_headings(line, split):
    assert _is_split_heading(line) is split


def test_the_ml_researcher_paper_titles_and_languages_prove_nothing(kit):
    """The issue's case, in a whole resume: neither his papers' titles nor his topic ("emergent communication")
    show Communication or Kubernetes, his research-area labels not Optimization; JAX, CUDA and reinforcement
    learning are shown by his bullets."""
    document = read_document(str(Path(__file__).parent / "coach" / "ml_researcher.txt"))
    extraction = pipeline.extract_documents(kit, [document])[0]
    found = {skill.id: skill for skill in extraction.skills if skill.stated}
    assert "kubernetes" not in found and "optimization" not in found and "communication" not in found
    assert all(m.section != "publications" for skill in found.values() for m in skill.mentions)
    for skill in ("jax", "cuda", "reinforcement-learning", "pytorch"):
        assert not found[skill].listed_only


def test_the_proof_data_is_sound(kit):
    """proof.toml's spoken languages are taxonomy skills, its topics and small words lower case and unique."""
    from gapcheck.proof import proof_settings

    settings = proof_settings()
    assert settings["spoken_languages"] <= set(kit.taxonomy.skills)
    for key in ("topics", "name_small_words"):
        values = list(settings[key])
        assert values == [value.lower() for value in values] and len(values) == len(set(values)), key
    assert 0 < settings["title_case_share"] <= 1 and settings["spread_max_gap"] >= 0
