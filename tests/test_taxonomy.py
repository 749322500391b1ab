"""The taxonomy loader and validator: each kind of error in a user's file, named with its file and entry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from gapcheck.cli import cli
from gapcheck.errors import TaxonomyError
from gapcheck.taxonomy import load_taxonomy, validate_files

SKILL = """
[[skill]]
id = "{id}"
name = "{name}"
area = "{area}"
kind = "tool"
{extra}
"""


def skill(id: str, name: str | None = None, area: str = "data-engineering", extra: str = "") -> str:
    return SKILL.format(id=id, name=name or id.title(), area=area, extra=extra)


def write(tmp_path: Path, text: str, name: str = "mine.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# (case, file text, words the one-line error must hold)
INVALID = [
    ("bad syntax", "[[skill]\nid = 'x'", ["mine.toml", "TOML"]),
    ("wrong type", '[[skill]]\nid = "x"\nname = 3\narea = "databases"\nkind = "tool"\n', ["mine.toml", "'x'", "name"]),
    ("missing key", '[[skill]]\nid = "x"\nname = "X"\nkind = "tool"\n', ["skill 'x'", "area"]),
    ("bad kind", skill("zz-tool", extra="").replace('"tool"', '"gadget"'), ["skill 'zz-tool'", "kind"]),
    ("unknown key", skill("zz-tool", extra='colour = "red"'), ["skill 'zz-tool'", "colour"]),
    ("duplicate id", skill("zz-tool") + skill("zz-tool"), ["skill 'zz-tool'", "duplicate"]),
    ("unknown area", skill("zz-tool", area="astrology"), ["skill 'zz-tool'", "astrology"]),
    ("dangling relation", skill("zz-tool", extra='broader = ["no-such-skill"]'), ["skill 'zz-tool'", "no-such-skill"]),
    (
        "prerequisite cycle",
        skill("zz-a", extra='prerequisites = ["zz-b"]') + skill("zz-b", extra='prerequisites = ["zz-a"]'),
        ["cycle", "zz-a", "zz-b"],
    ),
    (
        "alias clash",
        skill("zz-tool", extra='aliases = ["zz other"]') + skill("zz-other", name="ZZ other"),
        ["zz other"],
    ),
    ("self relation", skill("zz-tool", extra='related = ["zz-tool"]'), ["zz-tool", "itself"]),
    (
        "role with unknown skill",
        '[[role]]\nid = "r"\nname = "R"\nrequired = ["no-such-skill"]\n',
        ["role 'r'", "no-such"],
    ),
    ("unknown top-level key", 'skills = ["python"]\n', ["mine.toml", "skills"]),
    ("not utf-8", None, ["mine.toml", "UTF-8"]),
    ("too many aliases", skill("zz-tool", extra=f"aliases = {json.dumps([f'a{i}' for i in range(300)])}"), ["aliases"]),
]


@pytest.mark.parametrize(("case", "text", "words"), INVALID, ids=[c[0] for c in INVALID])
def test_each_validation_error_names_file_and_entry(tmp_path, case, text, words):
    path = tmp_path / "mine.toml"
    if text is None:
        path.write_bytes(b'[[skill]]\nid = "caf\xe9"\n')
    else:
        path.write_text(text, encoding="utf-8")
    problems = validate_files([path])
    assert problems, f"{case} was accepted"
    assert all(word in problems[0] for word in words), problems[0]
    with pytest.raises(TaxonomyError):
        load_taxonomy([path])


def test_cli_validate_fails_with_a_clear_line(tmp_path):
    path = write(
        tmp_path, skill("zz-a", extra='prerequisites = ["zz-b"]') + skill("zz-b", extra='prerequisites = ["zz-a"]')
    )
    result = CliRunner().invoke(cli, ["taxonomy", "validate", str(path)])
    assert result.exit_code == 1
    assert "cycle" in result.stderr and "Traceback" not in result.output


def test_shipped_taxonomy_validates_on_the_cli():
    result = CliRunner().invoke(cli, ["taxonomy", "validate"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok:")


def test_a_missing_user_file_is_an_input_error(tmp_path):
    with pytest.raises(TaxonomyError, match="no such taxonomy file"):
        load_taxonomy([tmp_path / "nope.toml"])


def test_an_oversized_user_file_is_refused(tmp_path):
    path = tmp_path / "huge.toml"
    path.write_text("# " + "x" * 6_000_000, encoding="utf-8")
    with pytest.raises(TaxonomyError, match="bytes"):
        load_taxonomy([path])


def test_user_file_adds_a_skill_that_extract_then_finds(tmp_path):
    extra = write(tmp_path, skill("zz-quantum-widget", name="QuantumWidget", extra='aliases = ["Quantum Widget"]'))
    resume = write(tmp_path, "Experience\nBuilt dashboards with Quantum Widget and Python.\n", "resume.txt")
    result = CliRunner().invoke(cli, ["extract", str(resume), "--taxonomy", str(extra)])
    assert result.exit_code == 0, result.output
    found = {s["id"] for s in json.loads(result.stdout)[0]["skills"]}
    assert "zz-quantum-widget" in found
    without = CliRunner().invoke(cli, ["extract", str(resume)])
    assert "zz-quantum-widget" not in {s["id"] for s in json.loads(without.stdout)[0]["skills"]}


def test_user_file_extends_aliases_of_an_existing_skill(tmp_path):
    extra = write(tmp_path, '[[skill]]\nid = "python"\naliases = ["Parseltongue"]\n')
    taxonomy = load_taxonomy([extra])
    assert taxonomy.lookup("parseltongue").id == "python"


def test_never_skills_silence_a_false_positive(tmp_path):
    resume = write(tmp_path, "Experience\nWrote Python and Docker tooling.\n", "resume.txt")
    extra = write(tmp_path, 'never_skills = ["Docker"]\n')
    result = CliRunner().invoke(cli, ["extract", str(resume), "--taxonomy", str(extra)])
    assert result.exit_code == 0, result.output
    found = {s["id"] for s in json.loads(result.stdout)[0]["skills"]}
    assert "python" in found and "docker" not in found


def test_user_role_is_usable(tmp_path):
    extra = write(tmp_path, '[[role]]\nid = "my-role"\nname = "My role"\nrequired = ["python"]\n')
    resume = write(tmp_path, "Experience\nWrote Python services.\n", "resume.txt")
    result = CliRunner().invoke(
        cli, ["analyze", str(resume), "--role", "my-role", "--taxonomy", str(extra), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["score"] == 100.0
