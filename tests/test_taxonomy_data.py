"""The shipped taxonomy data: valid, large enough, and faithful to the seed article (issue 3).

Data is tested like code: these checks load the built-in files through the real loader.
"""

from __future__ import annotations

import pytest

from gapcheck.taxonomy import KINDS, Taxonomy, data_file, load_taxonomy, validation_errors

ARTICLE_AREAS = (
    "software-engineering", "cs-fundamentals", "probability-statistics", "data-modeling", "ml-algorithms",
    "communication",
)  # fmt: skip
ROLES = (
    "ml-engineer", "ml-software-engineer", "applied-ml-engineer", "core-ml-engineer", "data-scientist",
    "data-engineer", "full-stack-developer", "frontend-developer",
)  # fmt: skip
# The article's ranked languages, in rank order, as (name, id).
RANKED_LANGUAGES = (
    ("Python", "python"), ("Java", "java"), ("R", "r"), ("C++", "cpp"), ("C", "c"), ("JavaScript", "javascript"),
    ("Scala", "scala"), ("Julia", "julia"),
)  # fmt: skip

# Every skill, method and concept the seed article names, as written there, with the id it must resolve to.
ARTICLE_CONCEPTS = [
    ("requirements analysis", "requirements-analysis"),
    ("system design", "system-design"),
    ("modularity", "modularity"),
    ("version control", "version-control"),
    ("testing", "software-testing"),
    ("documentation", "documentation"),
    ("software engineering", "software-engineering"),
    ("data structures", "data-structures"),
    ("stacks", "stacks"),
    ("queues", "queues"),
    ("multi-dimensional arrays", "multi-dimensional-arrays"),
    ("trees", "trees"),
    ("graphs", "graphs"),
    ("computability", "computability"),
    ("complexity", "computational-complexity"),
    ("P vs. NP", "p-vs-np"),
    ("NP-complete problems", "np-completeness"),
    ("big-O notation", "big-o-notation"),
    ("approximate algorithms", "approximation-algorithms"),
    ("algorithms", "algorithms"),
    ("searching", "searching-algorithms"),
    ("sorting", "sorting-algorithms"),
    ("optimization", "optimization"),
    ("dynamic programming", "dynamic-programming"),
    ("computer architecture", "computer-architecture"),
    ("memory", "computer-memory"),
    ("cache", "caching"),
    ("bandwidth", "bandwidth"),
    ("deadlocks", "deadlocks"),
    ("distributed processing", "distributed-computing"),
    ("probability", "probability"),
    ("conditional probability", "conditional-probability"),
    ("Bayes' rule", "bayes-rule"),
    ("likelihood", "likelihood"),
    ("independence", "independence"),
    ("Bayes Nets", "bayesian-networks"),
    ("Markov Decision Processes", "markov-decision-processes"),
    ("Hidden Markov Models", "hidden-markov-models"),
    ("statistics", "statistics"),
    ("statistics measures", "descriptive-statistics"),
    ("distributions", "probability-distributions"),
    ("analysis methods", "statistical-analysis"),
    ("statistical modeling", "statistical-modeling"),
    ("data modeling", "data-modeling"),
    ("evaluation strategy", "model-evaluation"),
    ("error measure", "accuracy-error-measures"),
    ("accuracy measures", "accuracy-error-measures"),
    ("pattern recognition", "pattern-recognition"),
    ("machine learning algorithms", "machine-learning-algorithms"),
    ("machine learning libraries", "ml-libraries"),
    ("model selection", "model-selection"),
    ("hyper-parameters", "hyperparameter-tuning"),
    ("hyperparameter tuning", "hyperparameter-tuning"),
    ("communication", "communication"),
    ("working on a team", "teamwork"),
    ("big data", "big-data"),
    ("data pipelines", "data-pipelines"),
    ("machine learning", "machine-learning"),
    ("deep learning", "deep-learning"),
    ("artificial intelligence", "artificial-intelligence"),
    ("data science", "data-science"),
    ("computer science", "computer-science"),
    ("supervised learning", "supervised-learning"),
    ("unsupervised learning", "unsupervised-learning"),
    ("artificial neural networks", "neural-networks"),
    ("TensorFlow", "tensorflow"),
]

KEY_ALIASES = [
    # Tools a recruiter tells apart keep their own skill, linked to the one they were merged into (taxo2).
    ("Hilt", "hilt"),
    ("Dagger 2", "dagger"),
    ("FreeRTOS", "freertos"),
    ("RTOS", "real-time-systems"),
    ("Mixpanel", "mixpanel"),
    ("Amplitude", "amplitude"),
    ("product analytics", "web-analytics"),
    ("JPA2", "hibernate"),
    ("XCUITest", "xctest"),
    ("KMP", "kotlin-multiplatform"),
    ("ISTQB certification", "istqb"),
    # Grown from the tools people list (issue 17): vendors' service names and the ways people write them.
    ("Google Web Toolkit", "gwt"),
    ("JSF", "jsf"),
    ("Require.js", "requirejs"),
    ("AWS ECR", "amazon-ecr"),
    ("Amazon Elastic Container Registry", "amazon-ecr"),
    ("Amazon Direct Connect", "aws-direct-connect"),
    ("Mesosphere DC/OS", "dcos"),
    ("JetBrains CLion", "clion"),
    ("Kong Gateway", "kong"),
    ("Lotus Notes", "lotus-notes"),
    ("AS3", "actionscript"),
    ("sklearn", "scikit-learn"),
    ("scikit learn", "scikit-learn"),
    ("k8s", "kubernetes"),
    ("nodejs", "nodejs"),
    ("Node.js", "nodejs"),
    ("NLP", "nlp"),
    ("natural language processing", "nlp"),
    ("postgres", "postgresql"),
    ("JS", "javascript"),
    ("CI/CD", "ci-cd"),
    ("continuous integration", "ci-cd"),
    ("RESTful APIs", "rest"),
    ("REST APIs", "rest"),
    ("ML", "machine-learning"),
    ("microservices", "microservices"),
    ("Golang", "go"),
    ("MS Excel", "excel"),
    ("Microsoft Excel", "excel"),
    ("The MathWorks MATLAB", "matlab"),
    ("Structured query language SQL", "sql"),
    ("Oracle Java", "java"),
    ("amazon-web-services", "aws"),
    ("Spring Boot", "spring-boot"),
    (".NET", "dotnet"),
    ("TypeScript", "typescript"),
]

# Names that are also ordinary words, letters or people's names: one of them alone must need evidence, either
# because its skill is flagged ambiguous or because the word is in the cues' `ordinary_words`.
AMBIGUOUS_NAMES = [
    "Espresso",
    "Adjust",
    "Hilt",
    "Amplitude",
    "Wicket",
    "Kong",
    "Stylus",
    "Atlantis",
    "Celery",
    "Envoy",
    "Loki",
    "Lombok",
    "Gulp",
    "Pulsar",
    "R",
    "C",
    "Go",
    "Julia",
    "Spark",
    "Excel",
    "Swift",
    "Rust",
    "React",
    "Express",
    "Spring",
    "Flask",
    "Ruby",
    "Hive",
    "Chef",
    "Puppet",
    "Make",
    "CV",
    "Ember",
    "Meteor",
    "Elm",
    "Dart",
    "Crystal",
    "Nim",
    "D",
    "Pig",
    "Storm",
    "Beam",
    "Access",
    "Word",
    "Outlook",
    "Teams",
    "Slack",
    "Jest",
    "Mocha",
    "Chai",
    "Sass",
    "Less",
    "Lambda",
    "Glue",
    "Snowflake",
    "Vault",
    "Consul",
    "Nomad",
    "Bootstrap",
    "Backbone",
    "Polymer",
    "Node",
    "Unity",
    "Ant",
    "Bash",
    "Scheme",
    "SAS",
    "Office",
    "Pandas",
    "Oracle",
    "Windows",
]
# Jenkins and Flink are names in a resume or a job ad, not words: they need no evidence.
NOT_AMBIGUOUS_NAMES = [
    "Vitest",
    "RSpec",
    "XCTest",
    "RxSwift",
    "AppsFlyer",
    "WebStorm",
    "SymPy",
    "Camunda",
    "Telegraf",
    "Python",
    "Java",
    "Airflow",
    "Tableau",
    "Keras",
    "Databricks",
    "Power BI",
    "Ansible",
    "Terraform",
    "Kafka",
    "Angular",
    "Maven",
    "Gradle",
    "Docker",
    "Git",
    "Linux",
    "Perl",
    "Prolog",
    "Lisp",
    "Fortran",
    "Haskell",
    "Kotlin",
    "MATLAB",
    "SPSS",
    "Stata",
    "Visio",
    "Kubernetes",
    "scikit-learn",
    "Jenkins",
    "Flink",
    "Node.js",
    "Prometheus",
    "Vue.js",
]


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy(validate=False)


def role_skill_ids(taxonomy: Taxonomy) -> set[str]:
    named: set[str] = set()
    for role in taxonomy.roles.values():
        named.update(role.must, role.required, role.preferred, role.weights)
        named.update(member for group in role.groups for member in group.any)
    return named


def test_shipped_taxonomy_is_valid(taxonomy: Taxonomy) -> None:
    assert validation_errors(taxonomy) == []


def test_size_and_areas(taxonomy: Taxonomy) -> None:
    assert len(taxonomy.skills) >= 800
    used = {skill.area for skill in taxonomy.skills.values()}
    assert len(used) >= 10
    assert set(ARTICLE_AREAS) <= used


def test_every_skill_has_a_name_and_a_valid_kind(taxonomy: Taxonomy) -> None:
    for skill in taxonomy.skills.values():
        assert skill.name.strip(), skill.id
        assert skill.kind in KINDS, skill.id


def test_the_eight_roles_exist_with_sized_lists(taxonomy: Taxonomy) -> None:
    assert set(ROLES) <= set(taxonomy.roles)
    for role_id in ROLES:
        role = taxonomy.roles[role_id]
        assert role.summary, role_id
        assert 8 <= len(role.required) <= 15, role_id
        assert 5 <= len(role.preferred) <= 15, role_id


def test_ranked_languages_exist_and_weights_follow_the_rank(taxonomy: Taxonomy) -> None:
    for name, skill_id in RANKED_LANGUAGES:
        assert skill_id in taxonomy.skills
        assert taxonomy.skills[skill_id].kind == "language"
        assert taxonomy.lookup(name).id == skill_id
    weights = taxonomy.roles["ml-engineer"].weights
    top, middle, last = ("python", "java", "r"), ("cpp", "c", "javascript"), ("scala", "julia")
    assert min(weights[s] for s in top) > max(weights[s] for s in middle)
    assert min(weights[s] for s in middle) > max(weights[s] for s in last)
    assert "python" in taxonomy.roles["ml-engineer"].must


@pytest.mark.parametrize(("name", "skill_id"), ARTICLE_CONCEPTS)
def test_article_concepts_resolve(taxonomy: Taxonomy, name: str, skill_id: str) -> None:
    skill = taxonomy.lookup(name)
    assert skill is not None, name
    assert skill.id == skill_id


@pytest.mark.parametrize(("name", "skill_id"), KEY_ALIASES)
def test_key_aliases_resolve(taxonomy: Taxonomy, name: str, skill_id: str) -> None:
    skill = taxonomy.lookup(name)
    assert skill is not None, name
    assert skill.id == skill_id


def test_every_role_skill_has_its_own_next_steps(taxonomy: Taxonomy) -> None:
    missing = [
        skill_id
        for skill_id in sorted(role_skill_ids(taxonomy))
        if not all(taxonomy.skills[skill_id].next_steps.get(key) for key in ("learn", "project", "resume"))
    ]
    assert missing == []


def needs_evidence(taxonomy: Taxonomy, name: str) -> bool:
    ordinary = set(data_file("cues.toml")["ambiguous"]["ordinary_words"])
    return taxonomy.lookup(name).ambiguous or name.lower() in ordinary


def test_ordinary_word_names_need_evidence(taxonomy: Taxonomy) -> None:
    unflagged = [name for name in AMBIGUOUS_NAMES if not needs_evidence(taxonomy, name)]
    assert unflagged == []
    flagged = [name for name in NOT_AMBIGUOUS_NAMES if needs_evidence(taxonomy, name)]
    assert flagged == []


def test_an_alias_is_not_a_job_title(taxonomy: Taxonomy) -> None:
    """A job title names a role ("data scientist"): the matcher sets titles apart, so no alias may be one.
    Product names ("AWS Secrets Manager") and activities ("mentoring engineers") are not titles."""
    titles = {"engineer", "engineers", "developer", "developers", "scientist", "analyst", "administrator", "manager"}
    titled = [
        (skill.id, alias) for skill in taxonomy.skills.values() for alias in skill.aliases
        if alias.split()[-1].lower() in titles and alias[0].islower() and not alias.split()[0].endswith("ing")
    ]  # fmt: skip
    assert titled == []


def test_libraries_imply_their_domain(taxonomy: Taxonomy) -> None:
    assert "deep-learning" in taxonomy.implied_by("pytorch")
    assert "machine-learning" in taxonomy.implied_by("pytorch")
    assert "frontend-development" in taxonomy.implied_by("react")
    assert "data-analysis" in taxonomy.implied_by("pandas")
    assert "big-data" in taxonomy.implied_by("apache-spark")
    assert {"python", "deep-learning"} <= set(taxonomy.skills["pytorch"].prerequisites)
    assert {"linear-algebra", "calculus", "python"} <= set(taxonomy.skills["deep-learning"].prerequisites)
    assert "docker" in taxonomy.skills["kubernetes"].prerequisites
    assert "javascript" in taxonomy.skills["react"].prerequisites
    assert "statistics" in taxonomy.skills["a-b-testing"].prerequisites
