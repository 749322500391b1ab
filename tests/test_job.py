"""Job ads: importance from sections and nearby cue phrases, years asked, and alternatives groups."""

from __future__ import annotations

import pytest

from gapcheck.analyze import Toolkit
from gapcheck.extract import find_skills
from gapcheck.ingest import read_text
from gapcheck.model import Job, JobSkill
from gapcheck.job import job_from_ad, years_asked

AD = """Machine Learning Engineer

Requirements
- Python is required; Docker is a plus.
- 3+ years of Java and 1 year of Go.
- Experience with React, Vue or Angular.
- Kotlin or Scala and JavaScript or TypeScript.
- Strong SQL, Airflow and Linux.
- Familiarity with MLflow.
- At least 2 years with Kubernetes.
- Two years of experience with AWS.
- Terraform required, Ansible nice to have.
- One of the following: Dagster, Prefect.

Nice to have
- Strong Rust skills.
- PostgreSQL is required.
"""


@pytest.fixture(scope="module")
def job(kit: Toolkit) -> Job:
    document = read_text(AD, "ad.txt", kind="job")
    return job_from_ad(document, find_skills(kit.nlp, kit.taxonomy, [document])[0], kit.taxonomy)


def skill(job: Job, name: str, kit: Toolkit) -> JobSkill:
    wanted = kit.taxonomy.lookup(name)
    assert wanted is not None, name
    found = {s.id: s for s in job.skills}
    assert wanted.id in found, f"{name} not found in the ad; found {sorted(found)}"
    return found[wanted.id]


IMPORTANCE = [
    ("Python", "must"),  # "is required": a must-have
    ("Docker", "preferred"),  # the cue near Docker, not the one near Python
    ("SQL", "must"),  # "Strong": a must-have
    ("Linux", "must"),  # "Strong" reaches the rest of the list
    ("Kubernetes", "required"),  # years asked, no stronger cue: asked
    ("MLflow", "preferred"),  # "familiarity with"
    ("Terraform", "must"),
    ("Ansible", "preferred"),
    ("Rust", "preferred"),  # "strong" does not lift a nice-to-have
    ("PostgreSQL", "required"),  # "required" lifts it to asked, not to a must-have
]


@pytest.mark.parametrize(("name", "importance"), IMPORTANCE)
def test_importance(job: Job, kit: Toolkit, name: str, importance: str) -> None:
    assert skill(job, name, kit).importance == importance


YEARS = [("Java", 3.0), ("Go", 1.0), ("Kubernetes", 2.0), ("AWS", 2.0), ("Python", None)]


@pytest.mark.parametrize(("name", "years"), YEARS)
def test_years(job: Job, kit: Toolkit, name: str, years: float | None) -> None:
    assert skill(job, name, kit).years == years


def test_alternatives_are_grouped(job: Job, kit: Toolkit) -> None:
    groups = {s.group for s in job.skills}
    react, vue, angular = (skill(job, n, kit).group for n in ("React", "Vue.js", "Angular"))
    assert react is not None and react == vue == angular
    assert skill(job, "Kotlin", kit).group == skill(job, "Scala", kit).group is not None
    assert skill(job, "JavaScript", kit).group == skill(job, "TypeScript", kit).group is not None
    assert skill(job, "Kotlin", kit).group != skill(job, "JavaScript", kit).group  # cut at "and"
    assert skill(job, "Dagster", kit).group == skill(job, "Prefect", kit).group is not None  # "one of"
    assert skill(job, "SQL", kit).group is None  # "and" alone lists requirements, not alternatives
    assert len(groups) >= 4


@pytest.mark.parametrize(
    ("line", "years"),
    [
        ("3+ years of Python", 3.0),
        ("at least 2 years of SQL", 2.0),
        ("two years of experience", 2.0),
        ("minimum of 5 yrs", 5.0),
        ("3-5 years in data engineering", 3.0),
        ("Python", None),
    ],
)
def test_years_asked(line: str, years: float | None) -> None:
    assert years_asked(line) == years


def test_nearest_years_phrase_wins() -> None:
    line = "3+ years of Python and 1 year of Go"
    assert years_asked(line, line.index("Python"), line.index("Python") + 6) == 3.0
    assert years_asked(line, line.index("Go"), line.index("Go") + 2) == 1.0
