"""Skill senses the coach found wrong (coach-review2 faults 3, 4, 10): each wording names the skill it means."""

from __future__ import annotations

import pytest

from gapcheck.api import find_skills

ROLE = "Experience\nEngineer, Acme (2019 - present)\n"


def _found(line: str) -> dict[str, bool]:
    """Each skill found in one bullet of work, and whether it is stated (True) or only implied (False)."""
    return {s.id: s.stated for s in find_skills(f"{ROLE}- {line}\n").skills}


@pytest.mark.parametrize(
    ("line", "skill"),
    [
        ("Used Angular for developing dynamic and responsive web front-ends.", "responsive-design"),
        ("Used Angular for developing dynamic and responsive web front-ends.", "frontend-development"),
        ("Trained the models with stochastic gradient descent on multi-GPU clusters.", "gpu-programming"),
        ("Established scalable patterns for the payment services.", "scalability"),
        ("Built scalable services for payments.", "scalability"),
        ("Built scalable backend services for payments.", "backend-development"),  # no scalability name swallows it
        ("Known for building systems that scale.", "scalability"),
        ("Led the architecture of our design system and component library.", "design-systems"),
        ("Built the admin console with Chakra UI.", "chakra-ui"),
    ],
)
def test_a_wording_states_its_skill(line: str, skill: str) -> None:
    assert _found(line).get(skill) is True


@pytest.mark.parametrize(
    "line",
    [
        "Built design systems and component libraries for three product teams.",
        "Built the admin console with Chakra UI and Ant Design.",
        "Followed Material Design guidelines in the Android app.",
    ],
)
def test_design_systems_and_other_libraries_are_not_material_ui(line: str) -> None:
    assert "material-ui" not in _found(line)


def test_tdd_shows_unit_testing() -> None:
    found = _found("Practised TDD on every service.")
    assert found.get("tdd") is True
    assert "unit-testing" in found


@pytest.mark.parametrize(
    ("line", "not_found"),
    [
        ("Built an offline-first sync engine using SQLite and conflict resolution algorithms.", "conflict-resolution"),
        ("Built a real-time fraud detection pipeline with Kafka and Go.", "anomaly-detection"),
        ("Built a real-time fraud detection pipeline with Kafka and Go.", "artificial-intelligence"),
    ],
)
def test_a_technical_phrase_does_not_name_an_unrelated_skill(line: str, not_found: str) -> None:
    assert not_found not in _found(line)


def test_the_technical_senses_name_their_own_skills() -> None:
    assert _found("Built a sync engine on CRDTs (conflict-free replicated data types).")["distributed-systems"]
    assert _found("Built a real-time fraud detection pipeline with Kafka and Go.").get("fraud-detection") is True


def test_the_sql_credential_is_not_one_vendors() -> None:
    """A SQL Server ad's SQL gap once suggested an Oracle certification."""
    from gapcheck.taxonomy import cached_taxonomy

    credential = cached_taxonomy(()).skills["sql"].next_steps["certification"]
    assert "SQL Server" in credential and "Oracle" in credential


def test_multi_gpu_work_is_related_to_distributed_training() -> None:
    """Training on multi-GPU clusters is near distributed training (partial credit), not the thing itself."""
    from gapcheck.api import analyze, load_job
    from gapcheck.ingest import read_text

    resume = read_text(f"{ROLE}- Trained the models on multi-GPU clusters.\n", "<text>", kind="resume")
    job = load_job(text="Requirements\n- Experience with distributed training\n- Python\n")
    [unit] = [u for u in analyze(resume, job).requirements if u.id == "distributed-training"]
    assert unit.status == "related" and unit.matched_by == "gpu-programming"
