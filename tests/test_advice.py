"""Advice a coach would sign: inference from evidence, the role profiles as a coach reads the article, and gaps
ranked by what matters. The resumes are those of the advice set (tests/advice/resumes, written for it)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gapcheck import pipeline
from gapcheck.compare import scoring
from gapcheck.infer import rule_errors, rules
from gapcheck.ingest import read_document, read_text
from gapcheck.model import Analysis
from gapcheck.taxonomy import load_taxonomy

RESUMES = Path(__file__).parent / "advice" / "resumes"
TODAY = dt.date(2026, 12, 1)

# A typical strong resume for each role, and one from another trade.
STRONG_AND_UNRELATED = [
    ("core-ml-engineer", "ml_researcher", "nurse"),
    ("ml-engineer", "ml_engineer_solid", "chef"),
    ("applied-ml-engineer", "applied_ml", "accountant"),
    ("ml-software-engineer", "ml_software_engineer", "teacher"),
    ("data-engineer", "data_engineer", "accountant"),
    ("data-scientist", "data_scientist", "chef"),
    ("frontend-developer", "frontend", "teacher"),
    ("full-stack-developer", "fullstack", "nurse"),
]


def against_role(kit: pipeline.Toolkit, resume: str, role: str) -> Analysis:
    document = read_document(RESUMES / f"{resume}.txt", kind="resume")
    return pipeline.analyze_document(kit, document, pipeline.job_from_role_name(kit, role), today=TODAY)


def requirement(analysis: Analysis, skill_id: str):  # noqa: ANN201
    return next(u for u in analysis.requirements if skill_id in u.members)


# ------------------------------------------------------------------------------------------ role profiles


@pytest.mark.parametrize(
    ("role", "strong", "unrelated"), STRONG_AND_UNRELATED, ids=[r[0] for r in STRONG_AND_UNRELATED]
)
def test_a_strong_resume_scores_75_or_more_and_an_unrelated_one_25_or_less(kit, role, strong, unrelated):
    assert against_role(kit, strong, role).score >= 75
    assert against_role(kit, unrelated, role).score <= 25


def test_every_role_is_in_tiers_and_asks_no_one_for_more_than_two_languages(kit):
    """Programming languages (not HTML, CSS or SQL): at most two asked, a group of alternatives counting as one."""

    def programming(skill_id: str) -> bool:
        skill = kit.taxonomy.skills[skill_id]
        return skill.kind == "language" and skill.area == "cs-fundamentals"

    for role in kit.taxonomy.roles.values():
        assert role.must, f"{role.id} names no must-have"
        alone = [s for s in [*role.must, *role.required] if programming(s)]
        grouped = [g for g in role.groups if g.importance != "preferred" and all(map(programming, g.any))]
        assert len(alone) + len(grouped) <= 2, f"{role.id} asks for {alone} and {len(grouped)} language groups"


def test_the_articles_ranking_scales_a_languages_credit_within_its_group(kit):
    """Python is the must; one more language is a group: Java (first rank) counts in full, Scala (last) less."""
    role = kit.taxonomy.roles["ml-engineer"]
    assert "python" in role.must
    job = pipeline.job_from_role_name(kit, "ml-engineer")
    with_java, with_scala = (
        pipeline.analyze_document(kit, read_text(f"Experience\n- Wrote services in {lang}.\n", "r.txt", "resume"), job)
        for lang in ("Java", "Scala")
    )
    java, scala = requirement(with_java, "java"), requirement(with_scala, "scala")
    assert java.id == scala.id and len(java.members) > 3
    assert java.credit == 1.0
    assert scala.credit == pytest.approx(role.weights["scala"] / role.weights["java"])
    assert "counts" in scala.why


def test_an_ml_ad_asks_for_python_plus_one_more_language_not_all_of_them(kit, tmp_path):
    ad = tmp_path / "ad.txt"
    ad.write_text("Machine Learning Engineer\n\nRequirements\n- Python, Java, C++ and Scala\n- Machine learning\n")
    job, _ = pipeline.load_job(kit, job_path=str(ad))
    resume = read_text("Experience\n- Built machine learning models in Python and C++.\n", "r.txt", "resume")
    analysis = pipeline.analyze_document(kit, resume, job, today=TODAY)
    assert requirement(analysis, "python").members == ["python"]
    languages = requirement(analysis, "java")
    assert set(languages.members) == {"java", "cpp", "scala"}
    assert languages.credit > 0 and languages.status == "shown"
    assert not {"java", "scala"} & {m for g in analysis.missing for m in g.members}


# --------------------------------------------------------------------------------------------- inference


def test_research_at_top_venues_implies_the_concepts_and_never_shows_them(kit):
    analysis = against_role(kit, "ml_researcher", "core-ml-engineer")
    for skill_id in ("machine-learning-algorithms", "model-evaluation", "linear-algebra", "accuracy-error-measures"):
        unit = requirement(analysis, skill_id)
        assert unit.status == "implied", unit.why
        assert "top venues" in unit.why
        assert any("NeurIPS" in m.line or "ICML" in m.line for m in unit.evidence)
    found = analysis.resume.by_id()["model-evaluation"]
    assert not found.stated and found.inferred_by


def test_a_cs_degree_and_years_of_software_work_imply_the_fundamentals(kit):
    analysis = against_role(kit, "ml_software_engineer", "ml-software-engineer")
    for skill_id in ("data-structures", "algorithms"):
        unit = requirement(analysis, skill_id)
        assert unit.status == "implied"
        assert "a computing degree" in unit.why and "years of software work" in unit.why
        assert any("Cornell" in m.line for m in unit.evidence)
        # Two kinds of evidence agree: more than a single inference earns.
        assert unit.credit == scoring()["implied"]["in_use"]
    assert not {"data-structures", "algorithms"} & {m for g in analysis.missing for m in g.members}


def test_seniority_implies_teamwork_and_communication(kit):
    found = read_text(
        "Experience\nSenior Director of Sales, Contoso (2015 - 2024)\n- Grew revenue.\n", "s.txt", "resume"
    )
    extraction = pipeline.extract_documents(kit, [found])[0].by_id()
    for skill_id in ("teamwork", "communication", "leadership"):
        assert skill_id in extraction and not extraction[skill_id].stated
        assert extraction[skill_id].inferred_by
        assert "Senior Director" in extraction[skill_id].inferred_lines[0].line


def test_nothing_is_inferred_from_a_job_ad_or_a_bare_resume(kit):
    ad = read_text("Requirements\n- Senior engineer, BSc Computer Science, 5 years of software work.\n", "ad.txt",
                   kind="job")  # fmt: skip
    assert not [s for s in pipeline.extract_documents(kit, [ad])[0].skills if s.inferred_by]
    bare = read_text("Hobbies\nGardening and chess.\n", "r.txt", "resume")
    assert not pipeline.extract_documents(kit, [bare])[0].skills


def test_the_shipped_rules_are_valid_and_the_validator_catches_bad_ones(kit):
    assert rules() and rule_errors(kit.taxonomy) == []
    bad = {
        "rule": [
            {"name": "two conditions", "skills": ["python"], "years": 3, "implies": ["algorithms"]},
            {"name": "unknown skill", "skills": ["no-such-skill"], "implies": ["algorithms"]},
            {"name": "credit of shown", "skills": ["python"], "implies": ["algorithms"], "credit": 1.0},
            {"name": "typo", "skils": ["python"], "implies": ["algorithms"]},
            {"name": "not a list", "skills": "python", "implies": ["algorithms"]},
            {"name": "unknown field", "degree_fields": ["alchemy"], "implies": ["algorithms"]},
        ]
    }
    errors = rule_errors(load_taxonomy(), bad)
    for number, words in enumerate(("exactly one condition", "no-such-skill", "credit", "unknown key", "list",
                                    "alchemy"), start=1):  # fmt: skip
        assert any(f"rule #{number} " in e and words in e for e in errors), (number, errors)


# ------------------------------------------------------------------------------------------------- gaps


def test_the_researchers_top_gaps_hold_nothing_absurd(kit):
    for role in ("core-ml-engineer", "ml-engineer"):
        top = {m for g in against_role(kit, "ml_researcher", role).missing[:5] for m in g.members}
        absurd = {"java", "r", "javascript", "linear-algebra", "model-evaluation", "machine-learning-algorithms",
                  "accuracy-error-measures", "data-structures", "teamwork", "communication"}  # fmt: skip
        assert not top & absurd, (role, top & absurd)


def test_soft_skills_never_lead_the_gaps_of_a_manager(kit):
    document = read_text(
        "Jane Roe\n\nExperience\nProduct Manager, Contoso (2012 - 2024)\n- Owned the roadmap.\n", "pm.txt", "resume"
    )
    analysis = pipeline.analyze_document(kit, document, pipeline.job_from_role_name(kit, "ml-engineer"), today=TODAY)
    soft = [g.rank for g in analysis.missing if kit.taxonomy.skills[g.learn_id].kind == "soft skill"]
    assert not soft or min(soft) > len(analysis.missing) - len(soft)


def test_a_career_changers_gaps_start_with_the_must_haves(kit):
    analysis = against_role(kit, "chef", "ml-engineer")
    assert [g.importance for g in analysis.missing[:5]] == ["must"] * 5
    assert analysis.missing[0].learn_id == "python"
    assert sum(not g.folded for g in analysis.missing) == scoring()["gaps"]["in_full"]


def test_a_language_group_gap_teaches_the_best_ranked_language(kit):
    analysis = against_role(kit, "chef", "ml-engineer")
    group = next(g for g in analysis.missing if "scala" in g.members)
    ranking = kit.taxonomy.roles["ml-engineer"].weights
    assert ranking[group.learn_id] == max(ranking[m] for m in group.members)
    assert group.rank > 5


def test_a_venue_name_outside_its_sections_implies_nothing(kit):
    """ "ACL" is an access control list in a network engineer's experience, not a paper at ACL."""
    resume = read_text("Experience\nNetwork Engineer, Contoso (2020 - 2022)\n- Wrote ACL rules for Cisco routers.\n",
                       "r.txt", "resume")  # fmt: skip
    found = pipeline.extract_documents(kit, [resume])[0].by_id()
    assert "machine-learning-algorithms" not in found and "research-skills" not in found


def test_many_degree_lines_are_read_in_order_and_the_first_is_quoted(kit):
    lines = "\n".join(f"BSc Computer Science, University {i}, 2019" for i in range(400))
    resume = read_text(f"Education\n{lines}\n", "r.txt", "resume")
    found = pipeline.extract_documents(kit, [resume])[0].by_id()
    assert found["data-structures"].inferred_by == ["a computing degree"]
    assert found["data-structures"].inferred_lines[0].line == "BSc Computer Science, University 0, 2019"


def _inferred(kit: pipeline.Toolkit, text: str) -> dict:
    return pipeline.extract_documents(kit, [read_text(text, "r.txt", "resume")])[0].by_id()


def test_services_architecture_implies_system_design(kit):
    text = "Experience\nSoftware Engineer, Acme (2019 - 2024)\n- Led the move to event-driven microservices.\n"
    found = _inferred(kit, text)
    assert "system-design" in found and not found["system-design"].stated
    assert {"microservices", "event-driven-architecture"} & set(found["system-design"].inferred_from)


def test_an_nlp_library_implies_nlp_but_no_entity_recognition(kit):
    found = _inferred(
        kit, "Experience\nResearch Engineer, Acme (2021 - 2024)\n- Used spaCy and NLTK for preprocessing.\n"
    )
    assert "nlp" in found and "named-entity-recognition" not in found


def test_detail_heavy_work_implies_attention_to_detail_and_a_bare_sre_title_no_complexity(kit):
    accountant = _inferred(kit, "Experience\nSenior Accountant, Midwest Foods (2016 - 2024)\n- Ran month-end close.\n")
    assert "attention-to-detail" in accountant and accountant["attention-to-detail"].inferred_by == [
        "detail-heavy work"
    ]
    sre = _inferred(kit, "Experience\nSRE, Trey Research (2018 - 2024)\n- Ran the on-call rotation.\n")
    assert "computational-complexity" not in sre
