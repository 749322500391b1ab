"""Job ads: importance from sections and nearby cue phrases, years asked, and alternatives groups."""

from __future__ import annotations

import pytest

from gapcheck.ingest import read_text
from gapcheck.job import job_from_ad, years_asked
from gapcheck.model import Job, JobSkill
from gapcheck.pipeline import Toolkit
from gapcheck.skills.find import find_skills

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


# ------------------------------------------------------------------------------ reading a whole ad


def read_ad(kit: Toolkit, text: str) -> Job:
    from gapcheck.pipeline import job_from_document

    return job_from_document(kit, read_text(text, "ad.txt", kind="job"))


def tiers(job: Job) -> dict[str, str]:
    return {s.id: s.importance for s in job.skills}


# (ad text, {skill id: tier it must have}, skill ids that must not be read at all)
ADS = [
    (  # duties are context when the ad has requirements; generic qualities ask nothing
        "Java Developer\n\nResponsibilities\n- Build high-volume, low-latency services with high availability\n"
        "- Deploy with Docker\n- Support continuous improvement\n\nRequirements\n- Java\n- Spring\n",
        {"java": "must", "spring": "required", "docker": "context"},  # the title's Java is the core: must
        {"latency", "reliability-engineering", "lean"},
    ),
    (  # a generic quality counts when a requirement asks for experience of it, never as a must-have
        "Java Developer\n\nRequirements\n- Strong experience with low-latency systems\n- Java\n",
        {"latency": "required", "java": "must"},
        set(),
    ),
    (  # benefits, legal and header fields ask nothing
        "Data Analyst\nGrade: SEO\n\nRequirements\n- SQL\n- Python\n\nBenefits\n- A bonus scheme\n"
        "- Home office budget\n- Access to Arts and Entertainment Program\n\n"
        "We are an equal opportunity employer and make reasonable accommodations.\n",
        {"sql": "required", "python": "required"},
        {"seo", "scheme", "office-suite", "ms-access", "make"},
    ),
    (  # the employer's own name is never a requirement
        "DevOps Engineer\n\nAbout Red Hat\nRed Hat is an open source company with customers around the world.\n\n"
        "Requirements\n- Ansible\n- Kubernetes\n",
        {"ansible": "required", "kubernetes": "required"},
        {"rhel"},
    ),
    (  # ... nor its products named where it describes itself
        "Research Engineer\n\nAbout the role\nAt OpenAI, we build the models behind ChatGPT.\n\nRequirements\n"
        "- PyTorch\n- CUDA\n",
        {"pytorch": "required", "cuda": "required"},
        {"openai-api"},
    ),
    (  # tiers from cue phrases: must-have, nice-to-have; repetition makes a must-have
        "Backend Engineer\n\nRequirements\n- Go is a must\n- Kafka is a plus\n- Python for tooling\n"
        "- Python services in production\n- Python scripting and SQL\n",
        {"go": "must", "apache-kafka": "preferred", "python": "must", "sql": "required"},
        set(),
    ),
    (  # an ad with no requirements section: what it names is asked
        "Frontend Developer\n\nWe need someone who knows React and TypeScript.\n",
        {"react": "required", "typescript": "required"},
        set(),
    ),
]


@pytest.mark.parametrize(("text", "wanted", "absent"), ADS)
def test_an_ad_is_read_as_a_recruiter_does(kit: Toolkit, text: str, wanted: dict, absent: set) -> None:
    read = tiers(read_ad(kit, text))
    for skill_id, tier in wanted.items():
        assert read.get(skill_id) == tier, (skill_id, read)
    assert not absent & set(read), absent & set(read)


# (list line, groups of skill ids that must share one group, skill ids that must have none)
LISTS = [
    ("- Proficiency in front end languages such as HTML, CSS, and JavaScript", [], {"html", "css", "javascript"}),
    ("- Experience with one of React.js, Vue.js or Angular", [{"react", "vue", "angular"}], set()),
    ("- 5+ years with Java/Java EE", [{"java", "java-ee"}], set()),  # one requirement, named twice
    ("- Experience with message brokers (e.g. RabbitMQ)", [{"message-queues", "rabbitmq"}], set()),
    ("- Proficiency in Java, Spring and SQL", [], {"java", "spring", "sql"}),
    ("- At least one of Go, Rust", [{"go", "rust"}], set()),
    ("- CI tools, e.g. Jenkins, GitLab CI etc.", [{"jenkins", "gitlab-ci"}], set()),
    ("- Frameworks like React, Vue and Angular", [{"react", "vue", "angular"}], set()),
    ("- Python or Scala and Docker or Kubernetes", [{"python", "scala"}, {"docker", "kubernetes"}], set()),
    ("- PostgreSQL and/or MySQL", [{"postgresql", "mysql"}], set()),
    ("- Java, Go, etc.", [{"java", "go"}], set()),
    ("- Spring/Spring Boot", [{"spring", "spring-boot"}], set()),
    ("- SIEM tools, e.g. Splunk", [{"siem", "splunk"}], set()),
    ("- Strong Python (pandas, scikit-learn)", [], {"python", "pandas", "scikit-learn"}),
    ("- Python (pandas, NumPy) or R", [{"python", "r"}], {"pandas", "numpy"}),
]


@pytest.mark.parametrize(("line", "together", "alone"), LISTS)
def test_lists_are_read_by_meaning(kit: Toolkit, line: str, together: list, alone: set) -> None:
    job = read_ad(kit, f"Engineer\n\nRequirements\n{line}\n- Git\n")
    groups = {s.id: s.group for s in job.skills}
    for members in together:
        assert len({groups.get(m) for m in members}) == 1 and groups.get(next(iter(members))), (members, groups)
    for skill_id in alone:
        assert skill_id in groups and groups[skill_id] is None, (skill_id, groups)
    if len(together) == 2:
        first, second = (groups[next(iter(m))] for m in together)
        assert first != second


TITLES = [
    ("Job Description: Product Manager (10+ Years of Experience)\n", "Product Manager", ""),
    ("Summary\n- Work on our payments platform\n\nSenior Data Engineer\n", "Senior Data Engineer", "senior"),
    ("Full-Stack Developer — Platform Team\n", "Full-Stack Developer", ""),
    ("Staff Frontend Engineer | Berlin (hybrid)\n", "Staff Frontend Engineer", "staff"),
    ("JOB TITLE: Lead Backend Engineer\nLOCATION: Dublin\n", "Lead Backend Engineer", "lead"),
    ("We're hiring a Junior Python Developer to join Acme in Leeds.\n", "Junior Python Developer", "junior"),
    ("Sr. Java Developer (Remote)\n", "Sr. Java Developer", "senior"),
    ("Software Engineer II, Backend (Python)\nSan Francisco, CA\n", "Software Engineer II, Backend", "mid-level"),
    ("Data Analyst, Marketing\nHelix Games · Stockholm\n", "Data Analyst", ""),
]


@pytest.mark.parametrize(("top", "title", "seniority"), TITLES)
def test_title_and_seniority(kit: Toolkit, top: str, title: str, seniority: str) -> None:
    job = read_ad(kit, top + "\nRequirements\n- Python\n- SQL\n")
    assert job.title == title
    assert job.reading is not None and job.reading.seniority == seniority


def test_the_reading_carries_years_degree_lines_and_notes(kit: Toolkit) -> None:
    job = read_ad(kit, "Data Engineer\n\nRequirements\n- 5+ years of experience\n- BSc in Computer Science\n"
                       "- Python\n- SQL\n")  # fmt: skip
    reading = job.reading
    assert reading is not None and reading.years == 5 and reading.degree.startswith("Bachelor")
    assert reading.notes == ("this ad names only 2 skills: each weighs a lot",)
    python = next(s for s in job.skills if s.id == "python")
    assert python.line == "- Python" and python.section == "requirements"
    plain = read_ad(kit, "Data Engineer\n\nWe use Python, SQL, Spark, Kafka, Airflow, dbt, Docker and AWS daily.\n")
    assert plain.reading is not None
    assert any("no requirements section" in note for note in plain.reading.notes)
    assert not any("names only" in note for note in plain.reading.notes)


def test_a_role_profile_is_read_too(kit: Toolkit) -> None:
    from gapcheck.pipeline import job_from_role_name

    job = job_from_role_name(kit, "data-engineer")
    assert job.reading is not None and job.reading.title == job.title and job.reading.notes == ()


def test_gapcheck_job_command(tmp_path) -> None:
    import json

    from click.testing import CliRunner

    from gapcheck.cli import cli

    ad = tmp_path / "ad.txt"
    ad.write_text("Senior Data Engineer\n\nRequirements\n- 5+ years of Python\n- Kafka or Kinesis\n\n"
                  "Nice to have\n- dbt\n", encoding="utf-8")  # fmt: skip
    runner = CliRunner()
    result = runner.invoke(cli, ["job", "--help"])
    assert result.exit_code == 0 and "gapcheck job ad.txt" in result.output
    result = runner.invoke(cli, ["job", str(ad), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["title"] == "Senior Data Engineer" and data["seniority"] == "senior" and data["years"] == 5
    by_id = {r["id"]: r for r in data["requirements"]}
    assert by_id["python"]["line"] == "- 5+ years of Python" and by_id["dbt"]["importance"] == "preferred"
    assert by_id["apache-kafka"]["group"] == by_id["amazon-kinesis"]["group"] is not None
    result = runner.invoke(cli, ["job", str(ad)])
    assert result.exit_code == 0 and "nice-to-have (preferred, 1)" in result.output
    assert "note: this ad names only 3 skills" in result.output
    result = runner.invoke(cli, ["job", str(tmp_path / "missing.txt")])
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_the_report_and_the_summary_say_when_an_ad_names_few_skills(kit: Toolkit) -> None:
    from gapcheck.pipeline import analyze_document
    from gapcheck.report import render_html, render_text

    job = read_ad(kit, "Data Engineer\n\nRequirements\n- Python\n- SQL\n- Airflow\n- dbt\n- Kafka\n")
    resume = read_text("Sam Roe\nData Engineer\n\nSkills\nPython, SQL\n", "resume.txt", kind="resume")
    analysis = analyze_document(kit, resume, job)
    assert "this ad names only 5 skills: each weighs a lot" in render_text(analysis, color=False)
    html = render_html(analysis)
    assert 'id="job-notes"' in html and "This ad names only 5 skills: each weighs a lot." in html
    full = read_ad(kit, "Data Engineer\n\nRequirements\n- Python, SQL, Airflow, dbt, Kafka, Spark, Docker, AWS\n")
    assert 'id="job-notes"' not in render_html(analyze_document(kit, resume, full))


def test_ad_language_data_is_sound(kit: Toolkit) -> None:
    from gapcheck.taxonomy import data_file

    raw = data_file("ads.toml")
    assert set(raw["generic"]["qualities"]) <= set(kit.taxonomy.skills)
    kinds_of: dict[str, list[str]] = {}
    for kind, phrases in raw["sections"].items():
        for phrase in phrases:
            kinds_of.setdefault(phrase, []).append(kind)
    assert not {phrase: kinds for phrase, kinds in kinds_of.items() if len(kinds) > 1}
    words = [w for table in raw.values() for value in table.values() for w in value if isinstance(w, str)]
    assert all(w == w.lower() and w == w.strip() for w in words)
