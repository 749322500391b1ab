"""Unrecognised tools: read from lists only, matched ad to resume by name, scored, reported, and suggested as a
taxonomy file (`gapcheck taxonomy suggest`)."""

from __future__ import annotations

import json
import tomllib

import pytest
from click.testing import CliRunner

from gapcheck import pipeline
from gapcheck.cli import cli
from gapcheck.compare import compare
from gapcheck.ingest import read_text
from gapcheck.open_vocabulary import find_unrecognised, looks_like_a_tool, tool_key
from gapcheck.report import render_html, render_text
from gapcheck.taxonomy import load_taxonomy
from gapcheck.tool_match import tool_weight


def unrecognised(kit, text: str, kind: str = "resume") -> list[str]:
    document = read_text(text, "doc.txt", kind=kind)  # type: ignore[arg-type]
    return [tool.name for tool in pipeline.extract_documents(kit, [document])[0].unrecognised]


# (text, tools that must be read, names that must not)
CASES = [
    (
        "Skills\nFrameworks: Spring Boot, Blickett, Zorbix.js, Apache Quorrel\n",
        ["Blickett", "Zorbix.js", "Apache Quorrel"],
        [],
    ),
    ("Skills\nCloud: AWS, Amazon Kerbix, AWS Flarn Connect\n", ["Amazon Kerbix", "AWS Flarn Connect"], []),
    ("Tools: Docker, Frobnik, QuibbleDB, log4z\n", ["Frobnik", "QuibbleDB", "log4z"], []),
    ("Requirements\n- Experience with Kafka, Zentrix or Blorp.\n", ["Zentrix", "Blorp"], []),
    ("Requirements\n- Spring Boot and Quillon.\n", ["Quillon"], []),
    (
        "Skills\nSoft skills: Leadership, Troubleshooting, Event Sourcing\nLanguages: English (native), Ukrainian\n",
        [],
        ["Troubleshooting", "Event Sourcing", "Ukrainian", "native"],
    ),
    # Running prose: capitalised words are people, places and companies.
    (
        "Experience\n- Met with Fabrikam, Northwind and Tailspin to plan the Python migration.\n",
        [],
        ["Fabrikam", "Northwind"],
    ),
    (
        "Experience\n- Presented the Docker roadmap to Contoso in Berlin and Paris.\n",
        [],
        ["Contoso", "Berlin", "Paris"],
    ),
    ("Java Developer, Contoso Bank (2019 - present)\n", [], ["Contoso Bank"]),
    ("Senior Java Engineer - Payments\n", [], ["Payments"]),
    # Read wrongly once from real resumes and ads: an ordinary word split off by "and", a sentence's first word
    # after a list in brackets, the pieces of names wrapped over two lines.
    ("Requirements\n- Unit and integration testing with JUnit and Mockito\n", [], ["Unit"]),
    ("Summary\nExpert in CI/CD pipelines and cloud (AWS, Azure). Passionate about clean code.\n", [], ["Passionate"]),
    (
        "Skills\nReact, Google Cloud\nPlatform, Firebase, GraphQL, Test-Driven\nDevelopment\n",
        [],
        ["Platform", "Test-Driven"],
    ),
    ("Technologies: JavaScript (SPAs Node.js frontend), Python, C#, lots of snacks, lunch\n", [], ["lunch"]),
]


@pytest.mark.parametrize(("text", "found", "not_found"), CASES)
def test_tools_are_read_from_lists_only(kit, text, found, not_found):
    names = unrecognised(kit, text)
    assert [name for name in found if name not in names] == []
    assert [name for name in not_found if name in names] == []


def test_a_listed_tool_is_mentioned_wherever_the_document_writes_it(kit):
    text = "Skills\nJava, Blickett\n\nExperience\n- Moved the admin pages from Blickett to React.\n- A blickett gate.\n"
    tool = pipeline.extract_documents(kit, [read_text(text, "r.txt", kind="resume")])[0].unrecognised[0]
    assert [m.section for m in tool.mentions] == ["skills", "experience"]
    assert not tool.listed_only


@pytest.mark.parametrize(
    ("item", "expected"),
    [("WebStorm", True), ("CLionX", True), ("GWT", True), ("Play Framework", True), ("d3.js", True),
     ("Automation", False),
     ("Trey Research", False), ("Senior Engineer", False), ("March 2021", False), ("kong", False)],
)  # fmt: skip
def test_looks_like_a_tool(item, expected):
    assert looks_like_a_tool(item) is expected


def test_tool_key_ignores_vendor_case_and_js():
    assert tool_key("Amazon ECR") == tool_key("AWS ECR") == tool_key("ecr")
    assert tool_key("Require.js") == tool_key("RequireJS")
    assert tool_key("Play Framework") == tool_key("Play")
    assert tool_key("Wicket") != tool_key("Wicked")


AD = "Java Engineer\n\nRequirements\n- Java, Spring Boot, Quorrel and Zentrix.\n\nNice to have\n- Kotlin, Frobnik.\n"
RESUME = (
    "Skills\nLanguages: Java, Kotlin\nFrameworks: Spring Boot, Apache Quorrel\nTools: Frobnik\n\n"
    "Experience\n- Built payment services with Spring Boot and Java.\n- Moved reports to Frobnik.\n"
)


def test_ad_tools_match_the_resume_by_name_and_count_in_the_score(kit):
    job = pipeline.job_from_document(kit, read_text(AD, "ad.txt", kind="job"))
    asked = {tool.name: tool.importance for tool in job.unrecognised}
    assert asked == {"Quorrel": "required", "Zentrix": "required", "Frobnik": "preferred"}
    resume = read_text(RESUME, "resume.txt", kind="resume")
    analysis = pipeline.analyze_document(kit, resume, job)
    units = {unit.name: unit for unit in analysis.unrecognised}
    assert units["Quorrel"].status == "listed-only" and units["Quorrel"].matched_by == "unrecognised:quorrel"
    assert units["Frobnik"].status == "shown"
    assert units["Zentrix"].status == "missing"
    assert units["Quorrel"].weight == pytest.approx(1.0 * tool_weight())
    everything = [*analysis.requirements, *analysis.unrecognised]
    expected = 100 * sum(u.points for u in everything) / sum(u.weight for u in everything)
    assert analysis.score == pytest.approx(round(expected, 1))
    # Without the tools the score would differ: they count.
    without = compare(resume, analysis.resume, job, kit.taxonomy)
    assert without.score == analysis.score
    assert all(unit.id.startswith("unrecognised:") for unit in analysis.unrecognised)
    assert not any(gap.id.startswith("unrecognised:") for gap in analysis.missing)
    html = render_html(analysis)
    assert "Tools the taxonomy does not know" in html and "Zentrix" in html
    assert "Tools the taxonomy does not know (3)" in render_text(analysis)


def test_extract_marks_unrecognised_tools(tmp_path):
    path = tmp_path / "resume.txt"
    path.write_text(RESUME, encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    tools = json.loads(result.output)[0]["unrecognised"]
    assert {tool["name"] for tool in tools} == {"Apache Quorrel", "Frobnik"}
    assert all(tool["unrecognised"] for tool in tools)
    text = CliRunner().invoke(cli, ["extract", str(path), "--format", "text"])
    assert "Frobnik (unrecognised tool) x2 in experience, skills" in text.output


def test_suggest_writes_a_taxonomy_that_validates_and_makes_the_tools_known(tmp_path):
    resume, ad = tmp_path / "resume.txt", tmp_path / "ad.txt"
    resume.write_text(RESUME, encoding="utf-8")
    ad.write_text(AD, encoding="utf-8")
    output = tmp_path / "new-tools.toml"
    runner = CliRunner()
    result = runner.invoke(cli, ["taxonomy", "suggest", str(resume), str(ad), "-o", str(output)])
    assert result.exit_code == 0, result.output
    written = tomllib.loads(output.read_text(encoding="utf-8"))
    by_name = {skill["name"]: skill for skill in written["skill"]}
    assert set(by_name) == {"Apache Quorrel", "Frobnik", "Zentrix"}
    assert by_name["Apache Quorrel"]["aliases"] == ["Quorrel"]
    # A plain word ("Frobnik", the alias "Quorrel") could be an ordinary word: it stays behind the evidence rules.
    assert by_name["Frobnik"]["ambiguous"] is True and by_name["Apache Quorrel"]["ambiguous"] is True
    assert by_name["Apache Quorrel"]["area"] == "web-mobile"  # beside Spring Boot
    assert "# in 2 files, 3 mentions" in output.read_text(encoding="utf-8")
    validated = runner.invoke(cli, ["taxonomy", "validate", str(output)])
    assert validated.exit_code == 0, validated.output
    load_taxonomy([output])
    extracted = runner.invoke(cli, ["extract", str(resume), "--taxonomy", str(output)])
    found = json.loads(extracted.output)[0]
    assert found["unrecognised"] == []
    assert {"Frobnik", "Apache Quorrel"} <= {skill["name"] for skill in found["skills"] if skill["stated"]}


def test_suggest_keeps_only_tools_in_enough_files_and_reports_bad_files(tmp_path):
    resume = tmp_path / "resume.txt"
    resume.write_text(RESUME, encoding="utf-8")
    output = tmp_path / "out.toml"
    result = CliRunner().invoke(
        cli, ["taxonomy", "suggest", str(resume), str(tmp_path / "missing.txt"), "--min-files", "2", "-o", str(output)]
    )
    assert result.exit_code == 3
    assert "skipped:" in result.stderr
    assert "No unrecognised tool was found." in output.read_text(encoding="utf-8")
    assert tomllib.loads(output.read_text(encoding="utf-8")) == {}


def test_a_long_list_keeps_every_name_and_its_other_mentions():
    # Many names on one line, each written again in prose: each found once in the list and once after it.
    names = [f"Zq{number}x" for number in range(2000)]
    text = "Skills\n" + ", ".join(names) + "\n\nExperience\n- Used " + " and ".join(names[::2]) + ".\n"
    tools = find_unrecognised(read_text(text, "long.txt", kind="resume"), [], [])
    assert [tool.name for tool in tools] == names
    assert [len(tool.mentions) for tool in tools] == [2 if n % 2 == 0 else 1 for n in range(2000)]
    # The prose line is far longer than a line of evidence may be: each mention shows the part around itself.
    prose = text.splitlines()[-1]
    for tool in tools[::2]:
        shown = tool.mentions[-1].line.strip("… ")
        assert tool.name in shown and shown in prose
