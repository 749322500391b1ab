"""The `gapcheck_skills` component in anyone's spaCy pipeline: found through the `spacy_factories` entry point,
skills in `doc.spans["skills"]` with their attributes, the config options. CI also runs it from the built wheel
in a fresh environment (.ci/run)."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Span

from gapcheck.nlp import COMPONENT, build_pipeline

TEXT = "Built services in C++ and C# (CI/CD); trained models with PyTorch on AWS. Met Ada in Leeds."


@pytest.fixture(scope="module")
def blank_with_finder() -> Language:
    pipeline = spacy.blank("en")
    pipeline.add_pipe(COMPONENT)
    return pipeline


def _skills(doc: object) -> list[tuple[str, str, str | None, str | None, bool | None]]:
    return [(s.text, s._.skill_id, s._.skill_name, s._.skill_area, s._.skill_inferred) for s in doc.spans["skills"]]


def test_the_factory_is_declared_as_a_spacy_entry_point() -> None:
    declared = {ep.name: ep.value for ep in entry_points(group="spacy_factories")}
    assert declared.get(COMPONENT) == "gapcheck.nlp:make_skill_finder"


def test_a_blank_pipeline_finds_the_component_without_importing_gapcheck(tmp_path: Path) -> None:
    code = (
        "import spacy, sys\n"
        "nlp = spacy.blank('en')\n"
        "nlp.add_pipe('gapcheck_skills')\n"
        "doc = nlp('Python and C++ every day.')\n"
        "print([(s.text, s._.skill_id, s._.skill_inferred) for s in doc.spans['skills'] if not s._.skill_inferred])"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True)
    assert shown.stdout.strip() == "[('Python', 'python', False), ('C++', 'cpp', False)]"


def test_skills_are_spans_with_id_name_area_and_inferred(blank_with_finder: Language) -> None:
    found = _skills(blank_with_finder(TEXT))
    stated = [row for row in found if not row[4]]
    assert stated == [
        ("C++", "cpp", "C++", "cs-fundamentals", False),
        ("C#", "c-sharp", "C#", "cs-fundamentals", False),
        ("CI/CD", "ci-cd", "CI/CD", "cloud-mlops", False),
        ("PyTorch", "pytorch", "PyTorch", "ml-algorithms", False),
        ("AWS", "aws", "Amazon Web Services", "cloud-mlops", False),
    ]
    implied = {row[1]: row[0] for row in found if row[4]}
    assert implied["deep-learning"] == "PyTorch" and implied["cloud-computing"] == "AWS"
    assert not {row[1] for row in stated} & set(implied)  # a skill stated is never also listed as implied


def test_a_span_that_is_no_skill_has_no_skill_attributes(blank_with_finder: Language) -> None:
    doc = blank_with_finder(TEXT)
    leeds = Span(doc, len(doc) - 2, len(doc) - 1, label="GPE")
    assert leeds.text == "Leeds"
    assert (leeds._.skill_id, leeds._.skill_name, leeds._.skill_inferred) == (None, None, None)


def test_inferred_false_gives_the_stated_skills_only() -> None:
    pipeline = spacy.blank("en")
    pipeline.add_pipe(COMPONENT, config={"inferred": False})
    assert [row[1] for row in _skills(pipeline(TEXT))] == ["cpp", "c-sharp", "ci-cd", "pytorch", "aws"]
    # gapcheck's own pipeline is built so: `extract` finds the implied skills with where they come from.
    own = build_pipeline()(TEXT)
    assert [span.label_ for span in own.spans["skills"]] == ["cpp", "c-sharp", "ci-cd", "pytorch", "aws"]


def test_the_tokenizer_is_taught_names_unless_told_not_to() -> None:
    adapted = spacy.blank("en")
    adapted.add_pipe(COMPONENT, config={"inferred": False})
    whole = adapted(TEXT)
    assert "C#" in [token.text for token in whole]
    kept = spacy.blank("en")
    tokenizer = kept.tokenizer
    kept.add_pipe(COMPONENT, config={"adapt_tokenizer": False, "inferred": False})
    doc = kept(TEXT)
    assert kept.tokenizer is tokenizer and "C#" not in [token.text for token in doc]  # spaCy splits it: C, #
    # The names are matched as this tokenizer splits them: the same skills, the same characters.
    assert [(s.text, s.label_) for s in doc.spans["skills"]] == [(s.text, s.label_) for s in whole.spans["skills"]]


def test_a_user_taxonomy_file_is_a_config_option(tmp_path: Path) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text('[[skill]]\nid = "zorblax"\nname = "Zorblax"\narea = "data-engineering"\nkind = "tool"\n')
    pipeline = spacy.blank("en")
    pipeline.add_pipe(COMPONENT, config={"taxonomy_files": [str(mine)], "inferred": False})
    assert ("Zorblax", "zorblax", "Zorblax", "data-engineering", False) in _skills(pipeline("We ship Zorblax daily."))
    assert pipeline.get_pipe_config(COMPONENT)["taxonomy_files"] == [str(mine)]
