"""Table-driven tests of `gapcheck.compare`: statuses, groups of alternatives, weights, gaps and the path.

Everything is built by hand (a small taxonomy, Extraction and Job objects), so no PDF, no spaCy and no
change in the shipped taxonomy can move these results.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from gapcheck.compare import (
    GROUP_LABELS,
    GROUP_OF_STATUS,
    compare,
    learning_path,
    ml_ranking,
    requirements,
    scoring,
)
from gapcheck.model import Document, Extraction, FoundSkill, Job, JobSkill, Mention
from gapcheck.taxonomy import Area, Role, RoleGroup, Skill, Taxonomy

AREAS = ["cs-fundamentals", "ml-algorithms", "probability-statistics", "web-mobile", "databases", "cloud-mlops",
         "software-engineering", "data-engineering"]  # fmt: skip


def _skill(id: str, name: str, area: str, kind: str = "tool", **relations: list[str]) -> Skill:
    return Skill(id=id, name=name, area=area, kind=kind, **relations)


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    skills = [
        _skill("python", "Python", "cs-fundamentals", "language"),
        _skill("java", "Java", "cs-fundamentals", "language"),
        _skill("r", "R", "cs-fundamentals", "language"),
        _skill("cpp", "C++", "cs-fundamentals", "language"),
        _skill("go", "Go", "cs-fundamentals", "language"),
        _skill("kotlin", "Kotlin", "cs-fundamentals", "language", related=["java"]),
        _skill("statistics", "statistics", "probability-statistics", "concept"),
        _skill("ab-testing", "A/B testing", "probability-statistics", "method", prerequisites=["statistics"]),
        _skill("machine-learning", "machine learning", "ml-algorithms", "concept",
               prerequisites=["statistics", "python"]),
        _skill("deep-learning", "deep learning", "ml-algorithms", "concept", broader=["machine-learning"],
               prerequisites=["machine-learning"]),
        _skill("pytorch", "PyTorch", "ml-algorithms", "library", broader=["deep-learning"],
               prerequisites=["python", "deep-learning"]),
        _skill("spring", "Spring", "web-mobile", "framework"),
        _skill("spring-boot", "Spring Boot", "web-mobile", "framework", broader=["spring"], prerequisites=["java"]),
        _skill("sql", "SQL", "databases", "language"),
        _skill("postgresql", "PostgreSQL", "databases", related=["mysql"], prerequisites=["sql"]),
        _skill("mysql", "MySQL", "databases"),
        _skill("rest", "REST APIs", "software-engineering", "concept", aliases=["REST", "RESTful APIs"]),
        _skill("docker", "Docker", "cloud-mlops"),
        _skill("linux", "Linux", "cs-fundamentals", "platform"),
        _skill("kubernetes", "Kubernetes", "cloud-mlops", "platform", prerequisites=["docker", "linux"]),
        _skill("kafka", "Apache Kafka", "data-engineering"),
        _skill("rabbitmq", "RabbitMQ", "data-engineering", related=["kafka"]),
        _skill("teamwork", "teamwork", "software-engineering", "soft skill"),
    ]  # fmt: skip
    for skill in skills:
        if skill.id == "kubernetes":
            skill.next_steps = {"certification": "Certified Kubernetes Application Developer (CKAD).",
                                "learn": "Run a cluster locally with kind and deploy a service to it."}  # fmt: skip
    roles = {
        "ml-engineer": Role(
            id="ml-engineer",
            name="Machine learning engineer",
            required=["python", "machine-learning", "statistics"],
            preferred=["pytorch", "docker"],
            weights={"python": 3, "java": 3, "r": 3, "cpp": 2, "pytorch": 2},
            area_weights={"ml-algorithms": 1.5},
            groups=[RoleGroup("a systems language", "preferred", ["cpp", "kotlin"])],
        )
    }
    general = {
        kind: {"learn": "Learn {name}.", "project": "Build with {name}.", "resume": "Show {name}."}
        for kind in ("language", "library", "framework", "tool", "platform", "concept", "method")
    }
    return Taxonomy(
        version="test",
        areas={a: Area(a, a.replace("-", " ").capitalize()) for a in AREAS},
        skills={s.id: s for s in skills},
        roles=roles,
        kind_next_steps=general,
    )


# ------------------------------------------------------------------------------------------- builders


def found(skill_id: str, taxonomy: Taxonomy, *where: str, inferred_from: tuple[str, ...] = ()) -> FoundSkill:
    """A resume skill; each `where` is "section" or "section:the words", e.g. "skills:REST"."""
    skill = taxonomy.skills[skill_id]
    mentions = []
    for index, place in enumerate(where):
        section, _, words = place.partition(":")
        words = words or skill.name
        mentions.append(
            Mention(words, 100 * index, 100 * index + len(words), section, f"- Used {words} ({section} line {index})")
        )
    return FoundSkill(
        id=skill_id,
        name=skill.name,
        area=skill.area,
        mentions=mentions,
        inferred_from=list(inferred_from),
        listed_only=bool(mentions) and all(m.section == "skills" for m in mentions),
    )


def resume_of(taxonomy: Taxonomy, *skills: FoundSkill) -> Extraction:
    return Extraction(source="resume.txt", skills=list(skills))


def ask(
    skill_id: str, taxonomy: Taxonomy, importance: str = "required", words: str | None = None, group: str | None = None
) -> JobSkill:
    skill = taxonomy.skills[skill_id]
    text = words or skill.name
    mention = Mention(text, 0, len(text), "requirements", text)
    return JobSkill(skill.id, skill.name, skill.area, importance, group=group, mentions=[mention])  # type: ignore[arg-type]


def ad(*skills: JobSkill, title: str = "Backend Developer") -> Job:
    return Job(source="ad.txt", title=title, kind="ad", skills=list(skills))


def document() -> Document:
    return Document(source="resume.txt", text="", kind="resume")


# -------------------------------------------------------------------------------------------- statuses

STATUS_CASES = [
    # (case, resume skills as (id, where..., inferred_from), job skill (id, words), status, matched_by)
    ("shown in the ad's words", [("java", ["experience"], ())], ("java", "Java"), "shown", "java"),
    ("case and plural do not count as other words", [("rest", ["experience:RESTful API"], ())],
     ("rest", "RESTful APIs"), "shown", "rest"),
    ("shown under another name", [("rest", ["experience:REST"], ())], ("rest", "RESTful APIs"),
     "worded-differently", "rest"),
    ("implied by a narrower skill", [("pytorch", ["skills"], ()), ("deep-learning", [], ("pytorch",))],
     ("deep-learning", "deep learning"), "implied", "pytorch"),
    ("listed in the skills section only", [("docker", ["skills"], ())], ("docker", "Docker"), "listed-only",
     "docker"),
    ("listed only, but shown in use through a narrower skill",
     [("spring", ["skills"], ()), ("spring-boot", ["experience"], ())], ("spring", "Spring"), "shown", "spring"),
    ("a related skill earns partial credit", [("mysql", ["experience"], ())], ("postgresql", "PostgreSQL"),
     "related", "mysql"),
    ("related either way round", [("java", ["experience"], ())], ("kotlin", "Kotlin"), "related", "java"),
    ("missing", [("java", ["experience"], ())], ("kubernetes", "Kubernetes"), "missing", None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "resume_skills", "job_skill", "status", "matched_by"), STATUS_CASES, ids=[c[0] for c in STATUS_CASES]
)
def test_status(taxonomy, case, resume_skills, job_skill, status, matched_by):
    resume = resume_of(taxonomy, *(found(i, taxonomy, *w, inferred_from=f) for i, w, f in resume_skills))
    skill_id, words = job_skill
    (unit,) = requirements(resume, ad(ask(skill_id, taxonomy, words=words)), taxonomy)
    assert unit.status == status, unit.why
    assert unit.credit == scoring()["credit"][status]
    assert unit.matched_by == matched_by
    assert unit.group == GROUP_OF_STATUS[status]
    assert unit.why.startswith("Weight ") and f"credit {unit.credit:g}" in unit.why


def test_implied_by_a_skill_shown_in_use_earns_more_than_by_a_listed_one(taxonomy):
    """PyTorch in a project line is better evidence of deep learning than PyTorch in a skills list."""
    credits = {}
    for where in ("projects", "skills"):
        resume = resume_of(
            taxonomy, found("pytorch", taxonomy, where), found("deep-learning", taxonomy, inferred_from=["pytorch"])
        )
        (unit,) = requirements(resume, ad(ask("deep-learning", taxonomy)), taxonomy)
        assert unit.status == "implied"
        credits[where] = unit.credit
    assert credits == {"projects": scoring()["implied"]["in_use"], "skills": scoring()["credit"]["implied"]}
    assert credits["projects"] > credits["skills"]


def test_every_status_belongs_to_one_of_four_groups():
    assert set(GROUP_OF_STATUS.values()) == set(GROUP_LABELS) and len(GROUP_LABELS) == 4
    assert set(GROUP_OF_STATUS) == set(scoring()["credit"])


def test_worded_differently_uses_the_ads_words(taxonomy):
    resume = resume_of(taxonomy, found("rest", taxonomy, "experience:REST"))
    (unit,) = requirements(resume, ad(ask("rest", taxonomy, words="RESTful APIs")), taxonomy)
    assert (unit.resume_words, unit.job_words) == ("REST", "RESTful APIs")
    assert '"RESTful APIs"' in unit.note and "use the ad's words" in unit.note


def test_role_profiles_have_no_wording_to_match(taxonomy):
    resume = resume_of(taxonomy, found("rest", taxonomy, "experience:REST"))
    job = Job("role:x", "X", "role", [JobSkill("rest", "REST APIs", "software-engineering")])
    (unit,) = requirements(resume, job, taxonomy)
    assert unit.status == "shown"


def test_evidence_quotes_lines_in_use_before_the_skills_list(taxonomy):
    resume = resume_of(taxonomy, found("java", taxonomy, "skills", "summary", "experience"))
    (unit,) = requirements(resume, ad(ask("java", taxonomy)), taxonomy)
    assert [m.section for m in unit.evidence] == ["experience", "summary", "skills"]


def test_next_steps_follow_the_articles_order(taxonomy):
    (unit,) = requirements(resume_of(taxonomy), ad(ask("kubernetes", taxonomy)), taxonomy)
    assert list(unit.next_steps) == ["learn", "project", "resume", "certification"]
    assert unit.next_steps["learn"].startswith("Run a cluster")


# ---------------------------------------------------------------------------------------------- groups


def test_a_group_is_satisfied_by_any_member(taxonomy):
    resume = resume_of(taxonomy, found("rabbitmq", taxonomy, "experience"))
    job = ad(ask("kafka", taxonomy, group="Kafka or RabbitMQ"), ask("rabbitmq", taxonomy, group="Kafka or RabbitMQ"))
    (unit,) = requirements(resume, job, taxonomy)
    assert unit.name == "Kafka or RabbitMQ"
    assert unit.members == ["kafka", "rabbitmq"]
    assert (unit.status, unit.credit, unit.matched_by) == ("shown", 1.0, "rabbitmq")


def test_a_missing_group_suggests_the_member_nearest_to_the_resume(taxonomy):
    # Kubernetes needs Docker and Linux first; Kafka needs nothing: learn Kafka.
    job = ad(ask("kubernetes", taxonomy, group="k8s or Kafka"), ask("kafka", taxonomy, group="k8s or Kafka"))
    analysis = compare(document(), resume_of(taxonomy), job, taxonomy)
    (gap,) = analysis.missing
    assert gap.learn_id == "kafka" and gap.members == ["kubernetes", "kafka"]
    assert [step.id for step in analysis.path] == ["kafka"]


def test_a_missing_groups_reason_names_its_distinct_skills(taxonomy):
    # The ad names three options, two of them one skill (an alias): the reason names the two, not "3" nor "2".
    label = "Kafka or RabbitMQ or AMQP"
    job = ad(ask("kafka", taxonomy, group=label), ask("rabbitmq", taxonomy, group=label))
    (gap,) = compare(document(), resume_of(taxonomy), job, taxonomy).missing
    assert gap.reason.endswith(f"; any one of {taxonomy.skills['kafka'].name} or RabbitMQ will do")
    assert "alternatives" not in gap.reason


def test_a_group_weighs_as_its_heaviest_member(taxonomy):
    job = ad(ask("java", taxonomy, "preferred", group="g"), ask("go", taxonomy, "required", group="g"))
    (unit,) = requirements(resume_of(taxonomy, found("java", taxonomy, "experience")), job, taxonomy)
    assert unit.importance == "required" and unit.weight == 1.0 and unit.credit == 1.0


# --------------------------------------------------------------------------------------------- weights

WEIGHT_CASES = [
    # (case, title, job skills (id, importance), skill -> expected weight, ranking applied)
    ("required counts double preferred", "Backend Developer", [("java", "required"), ("go", "preferred")],
     {"java": 1.0, "go": 0.5}, False),
    ("ML title: languages take the article's ranking", "Senior Machine Learning Engineer",
     [("python", "required"), ("java", "preferred"), ("go", "required"), ("sql", "required")],
     {"python": 3.0, "java": 1.5, "go": 1.0, "sql": 1.0}, True),
    ("ML by a required ML skill", "Platform Engineer", [("deep-learning", "required"), ("r", "required")],
     {"deep-learning": 1.0, "r": 3.0}, True),
    ("ML by a skill that implies ML", "Engineer", [("pytorch", "required"), ("cpp", "required")],
     {"pytorch": 1.0, "cpp": 2.0}, True),
    ("a preferred ML skill does not make an ML role", "Backend Developer",
     [("java", "required"), ("machine-learning", "preferred")], {"java": 1.0, "machine-learning": 0.5}, False),
    ("'ml' must be a whole word", "HTML Developer", [("python", "required")], {"python": 1.0}, False),
    ("AI in the title", "AI/ML Engineer", [("python", "required")], {"python": 3.0}, True),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "title", "asked", "weights", "applied"), WEIGHT_CASES, ids=[c[0] for c in WEIGHT_CASES]
)
def test_weights(taxonomy, case, title, asked, weights, applied):
    job = ad(*(ask(i, taxonomy, imp) for i, imp in asked), title=title)
    ranking = ml_ranking(job, taxonomy)
    assert ranking["applied"] is applied
    units = {u.id: u for u in requirements(resume_of(taxonomy), job, taxonomy, ranking)}
    assert {i: units[i].weight for i in weights} == weights
    for unit in units.values():
        assert unit.weight == pytest.approx(unit.factors["importance"] * unit.factors["skill"] * unit.factors["area"])
        assert ("ML language rank" in unit.why) == (applied and unit.factors["skill"] != 1.0)


def test_role_profile_weights_and_area_weights(taxonomy):
    from gapcheck.job import job_from_role

    job = job_from_role(taxonomy.roles["ml-engineer"], taxonomy)
    assert not ml_ranking(job, taxonomy)["applied"]  # the role's own weights already apply
    units = {u.id: u for u in requirements(resume_of(taxonomy), job, taxonomy)}
    assert units["python"].weight == 3.0
    assert units["machine-learning"].weight == 1.5  # area weight of ml-algorithms
    assert units["pytorch"].weight == pytest.approx(0.5 * 2 * 1.5)
    assert units["group:cpp+kotlin"].weight == 1.0  # preferred 0.5 x C++ 2


# ------------------------------------------------------------------------------- score, gaps and path


def test_score_is_earned_over_possible(taxonomy):
    resume = resume_of(
        taxonomy,
        found("java", taxonomy, "experience"),
        found("docker", taxonomy, "skills"),
        found("mysql", taxonomy, "experience"),
    )
    job = ad(ask("java", taxonomy), ask("docker", taxonomy), ask("postgresql", taxonomy),
             ask("kubernetes", taxonomy, "preferred"))  # fmt: skip
    analysis = compare(document(), resume, job, taxonomy, today=dt.date(2026, 1, 1))
    # java 1 x 1 + docker 1 x 0.8 + postgresql 1 x 0.25 + kubernetes 0.5 x 0 = 2.05 of 3.5
    assert analysis.method.earned == pytest.approx(2.05)
    assert analysis.method.possible == pytest.approx(3.5)
    assert analysis.score == round(100 * 2.05 / 3.5, 1)
    assert analysis.method.date == "2026-01-01"
    assert analysis.counts == analysis.counts | {"shown": 1, "show-in-project": 1, "learn": 2, "required_gaps": 1}
    assert analysis.verdict.startswith("Partial match: 2 of 4 requirements met")


def test_gaps_rank_by_tier_then_closeness_then_what_they_unlock(taxonomy):
    resume = resume_of(taxonomy, found("mysql", taxonomy, "experience"))
    job = ad(
        ask("kafka", taxonomy, "preferred"),
        ask("postgresql", taxonomy),  # required, related: closer than Kubernetes
        ask("kubernetes", taxonomy),  # required, missing
        ask("docker", taxonomy, "preferred"),  # preferred, missing, but Kubernetes needs it
    )
    analysis = compare(document(), resume, job, taxonomy)
    assert [g.id for g in analysis.missing] == ["postgresql", "kubernetes", "docker", "kafka"]
    assert [g.rank for g in analysis.missing] == [1, 2, 3, 4]
    # The two nice-to-haves (0.5 each) weigh more than a quarter of the two required skills: scaled to 0.25 each.
    assert analysis.method.possible == 2.5
    assert analysis.missing[1].gain == round(100 * 1 / 2.5, 1)
    assert "partial credit" in analysis.missing[0].reason


def test_many_nice_to_haves_are_scaled_to_a_share_of_the_rest(taxonomy):
    share = scoring()["importance"]["pluses_max_share"]
    pluses = ["kafka", "docker", "linux", "mysql", "rabbitmq", "go"]
    job = ad(ask("java", taxonomy), ask("sql", taxonomy), *(ask(p, taxonomy, "preferred") for p in pluses))
    resume = resume_of(taxonomy, found("java", taxonomy, "experience"), found("sql", taxonomy, "experience"))
    analysis = compare(document(), resume, job, taxonomy)
    preferred = [u for u in analysis.requirements if u.importance == "preferred"]
    assert sum(u.weight for u in preferred) == pytest.approx(share * 2, abs=0.01)
    assert all("scaled by" in u.why and u.factors["pluses"] < 1 for u in preferred)
    # Lacking every plus costs the share, not three times the core.
    assert analysis.score == pytest.approx(100 / (1 + share), abs=0.1)
    few = compare(document(), resume, ad(ask("java", taxonomy), ask("sql", taxonomy), ask("go", taxonomy, "preferred")),
                  taxonomy)  # fmt: skip
    assert [u.weight for u in few.requirements if u.importance == "preferred"] == [0.5]


def test_a_must_have_leads_and_a_central_skill_comes_before_a_peripheral_one(taxonomy):
    job = ad(
        ask("kafka", taxonomy),
        dataclasses.replace(ask("docker", taxonomy), weight=2.0),  # required, twice as central as Kafka
        ask("kubernetes", taxonomy, "must"),
    )
    analysis = compare(document(), resume_of(taxonomy), job, taxonomy)
    assert [g.id for g in analysis.missing] == ["kubernetes", "docker", "kafka"]


def test_a_soft_skill_never_leads_the_gaps(taxonomy):
    job = ad(ask("teamwork", taxonomy, "must"), ask("kafka", taxonomy, "preferred"))
    analysis = compare(document(), resume_of(taxonomy), job, taxonomy)
    assert [g.id for g in analysis.missing] == ["kafka", "teamwork"]


def test_gaps_beyond_the_first_few_are_folded(taxonomy):
    job = ad(*(ask(skill_id, taxonomy) for skill_id in taxonomy.skills))
    analysis = compare(document(), resume_of(taxonomy), job, taxonomy)
    in_full = scoring()["gaps"]["in_full"]
    assert len(analysis.missing) > in_full
    assert [g.folded for g in analysis.missing] == [g.rank > in_full for g in analysis.missing]


def test_path_puts_prerequisites_first_including_unnamed_ones(taxonomy):
    job = ad(ask("pytorch", taxonomy), ask("ab-testing", taxonomy))
    analysis = compare(document(), resume_of(taxonomy), job, taxonomy)
    order = [step.id for step in analysis.path]
    assert order == ["python", "statistics", "machine-learning", "deep-learning", "pytorch", "ab-testing"]
    kinds = {step.id: step.kind for step in analysis.path}
    assert kinds["statistics"] == "prerequisite" and kinds["pytorch"] == "gap"
    assert "PyTorch" in analysis.path[order.index("deep-learning")].needed_for


def test_path_skips_prerequisites_the_resume_has(taxonomy):
    resume = resume_of(taxonomy, found("python", taxonomy, "experience"), found("docker", taxonomy, "projects"))
    job = ad(ask("kubernetes", taxonomy), ask("machine-learning", taxonomy))
    order = [step.id for step in compare(document(), resume, job, taxonomy).path]
    assert "python" not in order and "docker" not in order
    assert order.index("linux") < order.index("kubernetes")
    assert order.index("statistics") < order.index("machine-learning")


def test_a_gap_that_is_also_a_prerequisite_is_placed_once_before_what_needs_it(taxonomy):
    job = ad(ask("kubernetes", taxonomy), ask("docker", taxonomy, "preferred"))
    steps = compare(document(), resume_of(taxonomy), job, taxonomy).path
    assert [s.id for s in steps] == ["docker", "linux", "kubernetes"]
    docker = steps[0]
    assert (docker.kind, docker.gap_rank, docker.needed_for) == ("gap", 2, ["Kubernetes"])


def test_learning_path_never_puts_a_skill_before_its_prerequisite(taxonomy):
    job = ad(*(ask(skill_id, taxonomy) for skill_id in taxonomy.skills))
    analysis = compare(document(), resume_of(taxonomy), job, taxonomy)
    assert_path_respects_prerequisites(analysis.path, set(), taxonomy)
    path = {s.id for s in learning_path(analysis.missing, resume_of(taxonomy), taxonomy)}
    # An ML ad's languages beyond Python are one group: the path teaches one of them, not all.
    assert set(taxonomy.skills) - path <= set(ml_ranking(job, taxonomy)["weights"])


def assert_path_respects_prerequisites(path, known, taxonomy) -> None:
    """Every prerequisite a path step lacks on the resume comes earlier in the path."""
    position = {step.id: index for index, step in enumerate(path)}
    assert [step.order for step in path] == list(range(1, len(path) + 1))
    for step in path:
        for prerequisite in taxonomy.skills[step.id].prerequisites:
            if prerequisite not in known:
                assert position[prerequisite] < position[step.id], f"{prerequisite} after {step.id}"


# ------------------------------------------------------------------------------- claims and side lines


def _status_of(analysis, skill_id):
    return next(u for u in analysis.requirements if u.id == skill_id)


def test_a_skill_named_only_in_the_summary_is_credited_as_listed(taxonomy):
    """ "Proficient in Go, Python and Node.js" in a summary claims Python; a coach asks for a line of work."""
    summary_only = resume_of(taxonomy, found("python", taxonomy, "summary", "skills"))
    unit = _status_of(compare(document(), summary_only, ad(ask("python", taxonomy)), taxonomy), "python")
    assert (unit.status, unit.credit) == ("listed-only", scoring()["credit"]["listed-only"])
    assert "summary" in unit.note and "summary" in unit.why
    shown = resume_of(taxonomy, found("python", taxonomy, "summary", "experience"))
    assert _status_of(compare(document(), shown, ad(ask("python", taxonomy)), taxonomy), "python").status == "shown"


def test_one_side_project_line_is_a_taste_of_a_skill_not_its_experience(taxonomy):
    job = ad(ask("machine-learning", taxonomy))
    side = scoring()["evidence"]["side_line_credit"]
    assert side < 1.0
    worker = resume_of(taxonomy, found("machine-learning", taxonomy, "projects"), found("go", taxonomy, "experience"))
    unit = _status_of(compare(document(), worker, job, taxonomy), "machine-learning")
    assert (unit.status, unit.credit) == ("shown", side)
    assert "side-project" in unit.note
    # A student's projects are the work: no experience line, full credit; so are two project lines.
    student = resume_of(taxonomy, found("machine-learning", taxonomy, "projects"))
    assert _status_of(compare(document(), student, job, taxonomy), "machine-learning").credit == 1.0
    twice = resume_of(taxonomy, found("machine-learning", taxonomy, "projects", "projects"),
                      found("go", taxonomy, "experience"))  # fmt: skip
    assert _status_of(compare(document(), twice, job, taxonomy), "machine-learning").credit == 1.0


def _ab_testing_and_pytorch_in(taxonomy: Taxonomy, section: str):  # noqa: ANN202
    """A resume with A/B testing and PyTorch in `section`, against an ad for statistics and deep learning."""
    resume = resume_of(
        taxonomy,
        found("ab-testing", taxonomy, section),
        found("statistics", taxonomy, inferred_from=("ab-testing",)),
        found("pytorch", taxonomy, section),
        found("deep-learning", taxonomy, inferred_from=("pytorch",)),
    )
    return compare(document(), resume, ad(ask("statistics", taxonomy), ask("deep-learning", taxonomy)), taxonomy)


def test_a_listed_skill_only_hints_at_what_it_implies_from_afar(taxonomy):
    """A/B testing in a list of tools does not show statistics: related credit, and a gap to learn. A listed kind
    of the skill itself (PyTorch for deep learning) still implies it."""
    analysis = _ab_testing_and_pytorch_in(taxonomy, "skills")
    statistics = _status_of(analysis, "statistics")
    assert (statistics.status, statistics.credit) == ("related", scoring()["credit"]["related"])
    assert "statistics" in [g.id for g in analysis.missing]
    assert _status_of(analysis, "deep-learning").status == "implied"
    # A rule of inference.toml is a coach's judgement: listed PyTorch implies Python by "code written with Python
    # libraries", not from afar.
    ruled = resume_of(taxonomy, found("pytorch", taxonomy, "skills"),
                      found("python", taxonomy, inferred_from=("pytorch",)))  # fmt: skip
    assert _status_of(compare(document(), ruled, ad(ask("python", taxonomy)), taxonomy), "python").status == "implied"
    assert _status_of(_ab_testing_and_pytorch_in(taxonomy, "experience"), "statistics").status == "implied"


def test_a_prerequisite_the_target_asks_is_on_the_way_to_what_needs_it(taxonomy):
    # Kubernetes needs Docker and Linux: with neither on the resume nor in the ad, Kafka (which needs nothing) is
    # closer and comes first.
    analysis = compare(document(), resume_of(taxonomy), ad(ask("kubernetes", taxonomy), ask("kafka", taxonomy)),
                       taxonomy)  # fmt: skip
    assert [g.id for g in analysis.missing] == ["kafka", "kubernetes"]
    # When the ad asks for Docker and Linux too (as gaps of their own), they are on the way to Kubernetes: the
    # ad's order stands between Kubernetes and Kafka.
    job = ad(ask("kubernetes", taxonomy), ask("kafka", taxonomy), ask("docker", taxonomy), ask("linux", taxonomy))
    order = [g.id for g in compare(document(), resume_of(taxonomy), job, taxonomy).missing]
    assert order.index("kubernetes") < order.index("kafka")


def test_only_a_kind_of_the_skill_shown_in_use_makes_its_line_the_place_to_name_it(taxonomy):
    analysis = _ab_testing_and_pytorch_in(taxonomy, "experience")
    # PyTorch code is deep learning: name it in that line.
    assert "in the line where you used it" in _status_of(analysis, "deep-learning").note
    # Running A/B tests does not show statistics: the note asks, it does not tell the person to write it in.
    statistics = _status_of(analysis, "statistics")
    assert statistics.status == "implied"
    assert "if you did" in statistics.note and "in the line where you used it" not in statistics.note
