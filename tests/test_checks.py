"""Resume checks (gapcheck/checks.py): contact, headings, length, results, verbs, listed-only, ad words, reading."""

from __future__ import annotations

import re

import pytest

from gapcheck import pipeline
from gapcheck.checks import (
    bullet_lines,
    check_contact,
    check_length,
    check_listed_only,
    check_read_quality,
    check_results,
    check_sections,
    check_verbs,
    resume_checks,
    word_count,
)
from gapcheck.ingest import read_text
from gapcheck.model import Document, Section

GOOD = """\
Dana Ortiz
dana@example.com | +44 20 7946 0958 | linkedin.com/in/danaortiz

Experience
Backend Developer, Acme, 2020 - Present
- Built a Python billing service that handles 2M invoices a month
- Cut API latency by 40% with Redis caching
- Led a team of 4 engineers through a Kafka migration
- Responsible for on-call rotas

Education
BSc Computer Science, 2016 - 2019

Skills
Python, Redis, Kafka, Terraform
"""


def resume(text: str) -> Document:
    return read_text(text, "resume.txt", kind="resume")


def by_id(checks):
    return {check.id: check for check in checks}


def test_contact_details_found():
    check = check_contact(resume(GOOD))
    assert check.ok, check.message
    assert any("dana@example.com" in line for line in check.evidence)


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("Dana\ndana@example.com\n", ["a phone number", "a profile link"]),
        ("Dana\n+1 (415) 555-0142 github.com/dana\n", ["an e-mail address"]),
        # A range of years is not a phone number.
        ("Dana\ndana@example.com github.com/dana\n2016 - 2019\n", ["a phone number"]),
    ],
)
def test_contact_details_missing(text, missing):
    check = check_contact(resume(text))
    assert not check.ok
    for name in missing:
        assert name in check.message


def test_standard_sections():
    assert check_sections(resume(GOOD)).ok
    check = check_sections(resume("Dana\n\nExperience\nDeveloper\n"))
    assert not check.ok and "education" in check.message and "skills" in check.message


@pytest.mark.parametrize(
    ("words", "pages", "ok"),
    [(100, 1, False), (400, 1, True), (400, 3, False), (1200, 2, False), (400, 0, True)],
)
def test_length(words, pages, ok):
    document = Document("r.pdf", " ".join(["word"] * words), pages=pages)
    assert check_length(document).ok is ok


def test_bullets_join_wrapped_lines_and_stop_at_the_next_role():
    text = (
        "Experience\nDeveloper, Acme, 2020 - Present\n- Improved the user experience\nby 30\n- Wrote tests\n"
        "Tester, Beta, 2018 - 2020\n"
    )
    assert bullet_lines(resume(text)) == ["Improved the user experience by 30", "Wrote tests"]


def test_paragraph_resumes_give_sentences():
    text = (
        "Experience\nDeveloper, Acme, 2020 - Present\n"
        "Built the billing service in Python. Reduced costs by 20% in a year.\n"
    )
    assert bullet_lines(resume(text)) == ["Built the billing service in Python.", "Reduced costs by 20% in a year."]


@pytest.mark.parametrize(
    ("line", "measurable"),
    [
        ("Cut latency by 40%", True),
        ("Saved $120K a year", True),
        ("Served 10,000 users", True),
        ("Grew revenue 3x", True),
        ("Improved user experience by 30", True),
        ("Handled 500+ tickets", True),
        ("Migrated Java 8 services to Java 17", False),
        ("Joined in 2019 and built the API", False),
        ("Wrote documentation", False),
        # Fractions, units and count nouns (the coach's review, #11).
        ("Built pipelines that ingest 4 TB a day", True),
        ("Incidents fell by half after the on-call rework", True),
        ("Cut the crash rate in half", True),
        ("Migrated 400 hosts to Ansible", True),
        ("Shipped an app rated 4.7 stars", True),
        ("Led 5 engineers", True),
        ("Wrote Java 8 services", False),  # a version before a count noun is no count
        ("Ran Kubernetes 1.28 clusters", False),
        ("Used 5 years of Java", False),  # tenure, not a result
        ("Planned the first half of the roadmap", False),
    ],
)
def test_measurable_results(line, measurable):
    assert check_results([line]).ok is measurable


def test_results_evidence_lists_the_lines_to_improve():
    check = check_results(["Cut latency by 40%", "Wrote documentation", "Fixed bugs"])
    assert check.ok is True  # one in three is enough
    check = check_results(["Cut latency by 40%", "Wrote documentation", "Fixed bugs", "Ran meetings"])
    assert not check.ok and check.evidence == ["Wrote documentation", "Fixed bugs", "Ran meetings"]


def test_one_duty_opener_reads_in_the_singular():
    message = check_verbs(["Built the API", "Responsible for the on-call rota"]).message
    assert "; 1 opens with a duty" in message
    assert "; 2 open with a duty" in check_verbs(["Responsible for it", "Responsible for that"]).message


def test_a_weak_verb_is_named_as_the_resume_writes_it():
    message = check_verbs(["Used Angular for developing web front-ends", "Utilized D3.js for charts"]).message
    assert 'a weak verb ("Used", "Utilized")' in message
    assert "responsible for" not in message and "duty" not in message
    mixed = check_verbs(["Used Angular", "Responsible for the on-call rota"]).message
    assert 'a duty or a weak verb ("Used", "Responsible for")' in mixed


def test_the_read_quality_and_length_checks_quote_one_word_count():
    document = resume(GOOD + "- 2019 - 2020 | 40% • 3x\n")
    quality, length = check_read_quality(document), check_length(document)
    said = re.search(r"(\d+) words", quality.message).group(1)
    assert f"{said} words" in length.message
    assert int(said) == word_count(document.text) < len(document.text.split())  # numbers and bullets are not words


def test_strong_and_weak_openers():
    assert check_verbs(["Built the API", "Led the migration", "Reduced costs", "Designing the schema"]).ok
    weak = check_verbs(["Built the API", "Responsible for the on-call rota"])
    assert not weak.ok and weak.evidence == ["Responsible for the on-call rota"]
    assert not check_verbs(["The API was built", "Many tests", "Built it"]).ok


def test_read_quality_passes_on_clean_text():
    check = check_read_quality(resume(GOOD))
    assert check.ok and check.message.startswith("The text was read cleanly")


def test_read_quality_fails_on_junk_and_little_text():
    junk = Document(
        "r.pdf", "Experience\n" + "\ue000\ue001 ▯▯ ¤¤ " * 40, pages=1, sections=[Section("experience", 0, 10)]
    )
    check = check_read_quality(junk)
    assert not check.ok and check.message.startswith("this file may have been read badly: ")
    thin = Document("r.pdf", "Experience\nDeveloper", pages=3, sections=[Section("experience", 0, 10)])
    assert "only 2 words on 3 pages" in check_read_quality(thin).message
    no_sections = Document("r.pdf", "word " * 300, pages=1, diagnostics=["no 'experience' section found"])
    check = check_read_quality(no_sections)
    assert not check.ok and "section headings" in check.message
    assert check.evidence == ["no 'experience' section found"]


def test_all_checks_in_order_with_listed_only_and_ad_words(kit):
    document = resume(GOOD)
    ad = read_text(
        "Backend Developer\n\nRequirements\n- Python, Terraform, Apache Kafka and in-memory caching\n",
        "ad.txt",
        kind="job",
    )
    job = pipeline.job_from_document(kit, ad)
    analysis = pipeline.analyze_document(kit, document, job)
    checks = analysis.resume_checks
    assert [c.id for c in checks] == [
        "read-quality", "contact", "sections", "ad-words", "listed-only", "results", "verbs", "length",
    ]  # fmt: skip
    found = by_id(checks)
    assert not found["listed-only"].ok and "Terraform" in found["listed-only"].message
    assert not found["ad-words"].ok
    assert any('"in-memory caching"' in line and '"caching"' in line for line in found["ad-words"].evidence)
    # "Kafka" for "Apache Kafka" is the same word without the vendor's prefix: no advice to reword it.
    assert not any("Kafka" in line for line in found["ad-words"].evidence)
    assert not found["verbs"].ok and found["verbs"].evidence == ["Responsible for on-call rotas"]
    assert found["results"].ok


def test_no_ad_words_check_for_a_role_profile(kit):
    document = resume(GOOD)
    extraction = pipeline.extract_documents(kit, [document])[0]
    role = next(iter(kit.taxonomy.roles))
    checks = resume_checks(document, extraction, [], pipeline.job_from_role_name(kit, role))
    assert "ad-words" not in {c.id for c in checks}


def test_verb_data_is_consistent():
    from gapcheck.taxonomy import data_file

    verbs = data_file("checks.toml")["verbs"]
    assert len(verbs["strong"]) == len(set(verbs["strong"]))
    weak_openers = {phrase.split()[0] for phrase in verbs["weak"]}
    assert not weak_openers & (set(verbs["strong"]) | set(verbs["irregular"]))


@pytest.mark.parametrize(
    ("contact", "has_link"),
    [
        ("jane@example.com | +1 415 555 0100 | janedoe.dev", True),
        ("jane@example.com · +44 20 7946 0321 · weizhang.ai · github.com/weizhang", True),
        ("jane@example.com | +1 415 555 0100 | www.janedoe.com", True),
        ("jane@example.com | +1 415 555 0100 | portfolio: jane-doe.design/work", True),
        # An e-mail's domain is not a profile, nor a technology with a dot in its name.
        ("jane.doe@example.com | +1 415 555 0100", False),
        ("jane@example.com | +1 415 555 0100 | ASP.NET and Node.js", False),
    ],
)
def test_a_bare_domain_at_the_top_is_a_profile_link(contact, has_link):
    document = read_text(f"Jane Doe\n{contact}\n\nExperience\nBuilt things at shop.com\n", "r.txt", kind="resume")
    check = check_contact(document)
    assert check.ok is has_link
    assert ("Add a profile link" in check.message) is not has_link


def test_a_domain_in_the_body_is_not_a_profile_link():
    document = read_text("Jane Doe\njane@example.com | +1 415 555 0100\n\nExperience\nBuilt shop.com checkout\n",
                         "r.txt", kind="resume")  # fmt: skip
    assert not check_contact(document).ok


def test_spoken_languages_are_not_advised_to_be_shown_in_a_project(kit):
    text = "Jane Doe\n\nExperience\nEngineer, Acme, 2020 - Present\n- Built Java services\n\nSkills\nDocker\n\n"
    document = resume(text + "Languages\nEnglish (native), Spanish (fluent)\n")
    check = check_listed_only(pipeline.extract_documents(kit, [document])[0])
    assert not check.ok and "Docker" in check.message
    assert "English" not in check.message and "Spanish" not in check.message


def test_a_skill_the_report_shows_through_a_bullet_is_not_called_listed_only(kit):
    """Agile is listed, and proved through Scrum and user stories in a bullet: the report calls it implied through
    them (coach review #3: proved through another skill is not "shown"), and the resume fixes say the same."""
    from pathlib import Path

    coach = Path(__file__).parent / "coach"
    document = read_text((coach / "pm_20_years.txt").read_text(encoding="utf-8"), "pm.txt", kind="resume")
    ad = read_text((coach / "ad_product_manager.txt").read_text(encoding="utf-8"), "ad.txt", kind="job")
    analysis = pipeline.analyze_document(kit, document, pipeline.job_from_document(kit, ad))
    agile = next(unit for unit in analysis.requirements if unit.id == "agile")
    assert agile.status == "implied" and agile.matched_by
    listed = next(check for check in analysis.resume_checks if check.id == "listed-only")
    assert "Agile" not in listed.message or "Agile (implied through" in listed.message
