"""The gap report end to end: escaping, gap order, the learning path, the score's arithmetic, the JSON schema,
the HTML's structure, the terminal summary, and a golden JSON report refreshed only on purpose.

Refresh the golden file with `pytest tests/test_report.py --update-golden` (or GAPCHECK_UPDATE_GOLDEN=1) and
review its diff like code.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape

from gapcheck import pipeline
from gapcheck.compare import GAPS, compare
from gapcheck.ingest import read_document, read_text
from gapcheck.job import job_from_role
from gapcheck.model import IMPORTANCE_ORDER, Analysis, Document, Extraction, FoundSkill, Gap, Job, JobSkill, Mention
from gapcheck.report import read_badly, render_html, render_json, render_text
from gapcheck.serialize import to_jsonable
from gapcheck.taxonomy import Area, Skill, Taxonomy

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"
JAVA_AD = Path(__file__).parent / "jobs" / "java-backend.txt"
TODAY = dt.date(2026, 1, 1)

INJECTIONS = [
    "<script>alert(1)</script>",
    '" onmouseover="alert(2)',
    "' onfocus='alert(3)' autofocus='",
    "<img src=x onerror=alert(4)>",
    "</style><script>alert(5)</script>",
    "<svg onload=alert(6)>",
    "javascript:alert(7)",
    '<a href="http://evil.example/">click</a>',
    "{{ 7*7 }} {% raw %}",
    "]]><!--",
]
RESUME = (FIXTURES / "dana-ortiz.txt").read_text(encoding="utf-8")


def analyse_texts(kit: pipeline.Toolkit, resume: str, job: str, resume_name: str = "dana-ortiz.txt") -> Analysis:
    """The pipeline on two texts, with stable sources and a fixed date."""
    document = read_text(resume, resume_name, kind="resume")
    job_spec = pipeline.job_from_document(kit, read_text(job, "java-backend.txt", kind="job"))
    return pipeline.analyze_document(kit, document, job_spec, today=TODAY)


# ------------------------------------------------------------------------------------------- escaping


class TagCollector(HTMLParser):
    """Every tag and attribute of a page, as a browser's tokenizer would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.headings: list[int] = []
        self.svg_titles = 0
        self._in_svg = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "svg":
            self._in_svg = True
        if tag == "title" and self._in_svg:
            self.svg_titles += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._in_svg = False


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "header", "footer", "section", "h1", "h2", "h3",
    "p", "span", "strong", "code", "a", "ul", "ol", "li", "div", "blockquote", "dl", "dt", "dd", "table",
    "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "svg", "circle", "rect", "text", "br", "em", "q",
    "details", "summary",
}  # fmt: skip


def assert_inert(html: str) -> TagCollector:
    """No script, no event handler, no link or load from outside: only the report's own markup."""
    assert "<script" not in html.lower()
    page = TagCollector()
    page.feed(html)
    tags = {tag for tag, _ in page.tags}
    assert tags <= ALLOWED_TAGS, f"unexpected elements: {tags - ALLOWED_TAGS}"
    for tag, attrs in page.tags:
        for name, value in attrs:
            assert not name.startswith("on"), f"event handler {name} on <{tag}>"
            assert name not in {"src", "srcset", "autofocus", "formaction"}, f"{name} on <{tag}>"
            if name == "href":
                assert value and value.startswith("#"), f"link out of the report: {value}"
            if name == "style":
                raise AssertionError(f"inline style attribute on <{tag}>: {value}")
    return page


def test_injection_in_the_resume_and_the_ad_stays_inert(kit):
    lines = "\n".join(f"- Built a Java service {attack} with Spring Boot" for attack in INJECTIONS)
    resume = RESUME.replace("Experience\n", f"Experience\n{lines}\n")
    job = "<script>alert(0)</script> {{ 7*7 }} Java Developer\n\n" + JAVA_AD.read_text(encoding="utf-8")
    analysis = analyse_texts(kit, resume, job, resume_name='"><svg onload=alert(8)>.txt')
    html = render_html(analysis)
    assert_inert(html)
    # The text is shown, escaped, not dropped.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(0)&lt;/script&gt; {{ 7*7 }} Java Developer" in html
    assert "&#34; onmouseover=&#34;alert(2)" in html
    json.loads(render_json(analysis))
    assert "\033" not in render_text(analysis, color=False)


def poisoned_analysis() -> Analysis:
    """Every string the report shows, from every input (resume, ad, user taxonomy, diagnostics), poisoned."""
    bad = INJECTIONS[0] + INJECTIONS[1] + INJECTIONS[3]
    skills = {
        f"s{i}": Skill(f"s{i}", f"Skill {i} {bad}", "area", "tool", prerequisites=[] if i == 0 else ["s0"])
        for i in range(4)
    }
    for skill in skills.values():
        skill.next_steps = {"learn": bad, "project": bad, "resume": bad, "certification": bad}
    taxonomy = Taxonomy("v" + bad, {"area": Area("area", "Area " + bad)}, skills, {})
    line = f"- Used {bad} daily"
    mention = Mention(bad, 0, len(bad), "experience" + bad, line)
    listed = Mention(bad, 0, len(bad), "skills", line)
    resume = Extraction(
        bad,
        [
            FoundSkill("s1", skills["s1"].name, "area", [mention]),
            FoundSkill("s2", skills["s2"].name, "area", [listed], listed_only=True),
        ],
    )
    asked = [JobSkill(s.id, s.name, "area", "required", mentions=[Mention(bad, 0, 1, "requirements", bad)])
             for s in skills.values()]  # fmt: skip
    job = Job(bad, "Title " + bad, "ad", asked)
    document = Document(bad, "text", diagnostics=[bad, "no text on page 2 " + bad])
    return compare(document, resume, job, taxonomy, today=TODAY)


def test_every_field_of_the_report_is_escaped():
    html = render_html(poisoned_analysis())
    page = assert_inert(html)
    assert "may have been read badly" in html
    assert page.headings[0] == 1


# ------------------------------------------------------------------------------------ gaps and path


def test_known_gaps_come_in_priority_order(kit):
    ad = """Java Developer

Requirements
- Java and Spring Boot
- Kubernetes
- Apache Kafka

Nice to have
- Terraform
"""
    resume = "Sam Lee\n\nExperience\n- Built services in Java and Spring Boot\n\nSkills\nJava, Spring Boot\n"
    analysis = analyse_texts(kit, resume, ad)
    # Both required, equally central: Kafka first, as nothing it builds on is missing (Kubernetes needs Docker and
    # Linux); the nice-to-have Terraform last.
    wanted = [kit.taxonomy.lookup(name).id for name in ("Apache Kafka", "Kubernetes", "Terraform")]
    order = [gap.learn_id for gap in analysis.missing]
    assert [skill_id for skill_id in order if skill_id in wanted] == wanted
    assert {u.lead for u in analysis.matched} >= {kit.taxonomy.lookup("Java").id}
    assert_ranked(analysis)


def _soft(gap: Gap) -> bool:
    taxonomy = pipeline.toolkit().taxonomy
    return all(taxonomy.skills[m].kind == "soft skill" for m in gap.members)


def assert_ranked(analysis: Analysis) -> None:
    """Gaps come by importance tier (soft skills after every other gap), every gap has next steps, and no
    preferred gap outranks a required one."""
    tiers = [IMPORTANCE_ORDER.index(gap.importance) for gap in analysis.missing if not _soft(gap)]
    assert tiers == sorted(tiers)
    softness = [_soft(gap) for gap in analysis.missing]
    assert softness == sorted(softness)
    assert [gap.rank for gap in analysis.missing] == list(range(1, len(analysis.missing) + 1))
    for gap in analysis.missing:
        assert gap.next_steps.get("learn"), f"{gap.name} has no next step"
    importances = [gap.importance for gap in analysis.missing]
    if "preferred" in importances and "required" in importances:
        assert max(i for i, v in enumerate(importances) if v == "required") < importances.index("preferred")


def test_acceptance_john_doe_against_a_java_ad(kit):
    """The tracker's acceptance: top gaps are required skills the resume lacks, each with next steps."""
    document = read_document(FIXTURES / "john_doe.pdf", kind="resume")
    job = pipeline.job_from_document(kit, read_document(JAVA_AD, kind="job"))
    analysis = pipeline.analyze_document(kit, document, job, today=TODAY)
    top = analysis.missing[:3]
    assert len(top) == 3
    resume_ids = {skill.id for skill in analysis.resume.skills if skill.stated}
    for gap in top:
        assert gap.importance == "required" and gap.status in GAPS
        assert not set(gap.members) & resume_ids
        assert {"learn", "project", "resume"} <= set(gap.next_steps)
    assert_ranked(analysis)
    assert_path_respects_prerequisites(analysis, kit.taxonomy)
    java = kit.taxonomy.lookup("Java").id
    assert any(unit.lead == java and unit.status == "shown" for unit in analysis.requirements)


def assert_path_respects_prerequisites(analysis: Analysis, taxonomy: Taxonomy) -> None:
    known = {skill.id for skill in analysis.resume.skills}
    position = {step.id: index for index, step in enumerate(analysis.path)}
    assert len(position) == len(analysis.path), "a skill appears twice in the path"
    for step in analysis.path:
        for prerequisite in taxonomy.skills[step.id].prerequisites:
            if prerequisite not in known:
                assert position.get(prerequisite, len(position)) < position[step.id], (
                    f"{step.name} comes before its prerequisite {taxonomy.skills[prerequisite].name}"
                )
    for gap in analysis.missing:
        assert gap.learn_id in position, f"gap {gap.name} is not on the path"


@pytest.mark.parametrize("resume", ["empty", "java", "ml"])
def test_path_never_puts_a_skill_before_its_prerequisite_for_any_role(kit, resume):
    texts = {
        "empty": "Alex Kim\n\nExperience\n- Ran a bakery for five years\n",
        "java": RESUME,
        "ml": "Ada\n\nProjects\n- Trained PyTorch models in Python with scikit-learn and pandas\n",
    }
    document = read_text(texts[resume], "resume.txt", kind="resume")
    extraction = pipeline.extract_documents(kit, [document])[0]
    assert kit.taxonomy.roles, "no role profiles in the taxonomy"
    for role in kit.taxonomy.roles.values():
        analysis = compare(document, extraction, job_from_role(role, kit.taxonomy), kit.taxonomy, today=TODAY)
        assert_path_respects_prerequisites(analysis, kit.taxonomy)


def test_score_is_earned_over_possible_in_the_breakdown(kit):
    data = to_jsonable(analyse_texts(kit, RESUME, JAVA_AD.read_text(encoding="utf-8")))
    units = data["requirements"]
    for unit in units:
        assert unit["points"] == pytest.approx(unit["weight"] * unit["credit"], abs=5e-5)  # rounded to 4 places
        assert unit["why"] and unit["status"] and unit["group"]
    earned, possible = sum(u["points"] for u in units), sum(u["weight"] for u in units)
    assert data["score"] == pytest.approx(100 * earned / possible, abs=0.05)
    assert data["method"]["earned"] == pytest.approx(earned) and data["method"]["possible"] == pytest.approx(possible)
    counts = data["counts"]
    assert sum(counts[g] for g in ("shown", "reword", "show-in-project", "learn")) == counts["requirements"]


# ------------------------------------------------------------------------------------ JSON, HTML, text


def test_json_has_the_documented_fields(kit):
    data = to_jsonable(analyse_texts(kit, RESUME, JAVA_AD.read_text(encoding="utf-8")))
    for key in ("score", "verdict", "counts", "resume", "job", "requirements", "matched", "quick_wins", "missing",
                "path", "areas", "method", "document"):  # fmt: skip
        assert key in data, key
    assert all({"id", "name", "stated"} <= set(s) for s in data["resume"]["skills"])
    assert all(s["importance"] in ("must", "required", "preferred", "context") for s in data["job"]["skills"])
    for item in data["matched"] + data["missing"]:
        assert {"id", "name", "importance", "area", "next_steps"} <= set(item)
    for unit in data["requirements"]:
        assert {"weight", "credit", "points", "status", "why", "group", "factors", "evidence"} <= set(unit)
    for step in data["path"]:
        assert {"order", "id", "name", "kind", "reason", "next_steps"} <= set(step)
    assert {"taxonomy_version", "date", "importance_weights", "credits", "ml_ranking", "formula"} <= set(data["method"])
    assert data["method"]["date"] == "2026-01-01"


def test_html_structure_and_accessibility(kit):
    analysis = analyse_texts(kit, RESUME, JAVA_AD.read_text(encoding="utf-8"))
    analysis.document = dataclasses.replace(
        analysis.document, diagnostics=["no text on page 2 (a scanned image? run OCR first)"]
    )
    html = render_html(analysis)
    page = assert_inert(html)
    assert '<html lang="en">' in html
    assert 'http-equiv="Content-Security-Policy" content="default-src \'none\'' in html
    assert not re.search(r"(?:src|href)=\"(?:https?:)?//", html), "nothing may load from outside"
    for section in ("summary", "matched", "quick-wins", "gaps", "path", "areas", "resume-tips", "method",
                    "diagnostics"):  # fmt: skip
        assert f'<section id="{section}"' in html, section
    assert "This file may have been read badly" in html
    assert "{% block" not in html and "resume_tips" not in html
    # Headings: one h1 first, never skipping a level on the way down.
    assert page.headings[0] == 1 and page.headings.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(page.headings, page.headings[1:], strict=False))
    # Charts are images with a text alternative; table headers have a scope.
    svgs = [attrs for tag, attrs in page.tags if tag == "svg"]
    assert len(svgs) >= 3
    assert all(dict(a).get("role") == "img" and dict(a).get("aria-labelledby") for a in svgs)
    assert page.svg_titles == len(svgs)
    assert all(dict(attrs).get("scope") in ("col", "row") for tag, attrs in page.tags if tag == "th")
    assert "@media print" in html and "@media (max-width" in html
    # Every requirement is in the breakdown table, with its points.
    breakdown = html[html.index('class="breakdown"') :]
    for unit in analysis.requirements:
        assert f"{unit.points:g}" in breakdown


@pytest.mark.parametrize(
    ("notes", "bad"),
    [
        (["pdfminer: Could not get FontBBox from font descriptor because None cannot be parsed as 4 floats"], False),
        (["pdfminer: Cannot set gray non-stroke color because /'P0' is an invalid float value (3 times)"], False),
        (["joined 1 word hyphenated across a line break", "no 'skills' section found"], False),
        (["two-column layout detected on page 1: read the left column, then the right"], False),
        (["no text on page 2 (a scanned image? run OCR first)"], True),
        (["replaced 4 undecodable bytes"], True),
        (["pdfminer: Could not get FontBBox", "no 'experience' section found"], True),
    ],
)
def test_the_read_badly_banner_goes_by_the_kind_of_note(notes, bad):
    assert read_badly(notes) is bad


def test_a_pdf_font_warning_gives_no_banner_on_a_cleanly_read_template():
    document = read_document(FIXTURES / "template-two-column.pdf")
    assert any(note.startswith("pdfminer: Could not get FontBBox") for note in document.diagnostics)
    assert not read_badly(document.diagnostics)


def test_quick_win_titles_are_the_skills_names_with_the_ads_words_beside(kit):
    corpus = Path(__file__).parent
    resume = (corpus / "corpus" / "resume_dotnet_n.txt").read_text(encoding="utf-8")
    ad = (corpus / "ads" / "17-dotnet.txt").read_text(encoding="utf-8")
    analysis = analyse_texts(kit, resume, ad, "resume_dotnet_n.txt")
    html = render_html(analysis)
    wins = html[html.index('id="quick-wins"') : html.index("</section>", html.index('id="quick-wins"'))]
    reworded = [u for u in analysis.quick_wins if u.job_words.lower() != u.name.lower()]
    assert reworded  # "code reviews" in the ad, Code review the skill
    for unit in reworded:
        assert f"<strong>{escape(unit.name)}</strong>" in wins
        assert f"says “{escape(unit.job_words)}”" in wins
        assert f"<strong>{escape(unit.job_words)}</strong>" not in wins


def test_html_without_diagnostics_has_no_banner(kit):
    analysis = analyse_texts(kit, RESUME, JAVA_AD.read_text(encoding="utf-8"))
    analysis.document = dataclasses.replace(analysis.document, diagnostics=[])
    assert 'id="diagnostics"' not in render_html(analysis)


def test_text_summary_colours_only_when_asked(kit):
    analysis = analyse_texts(kit, RESUME, JAVA_AD.read_text(encoding="utf-8"))
    plain, coloured = render_text(analysis), render_text(analysis, color=True)
    assert "\033[" not in plain and "\033[" in coloured
    assert re.sub(r"\033\[[0-9;]*m", "", coloured) == plain
    for heading in ("Score", "Matched", "Quick wins", "Gaps, by priority", "Learning path", "Coverage by area"):
        assert heading in plain
    assert analysis.verdict in plain


# ------------------------------------------------------------------------------------------- golden


def test_golden_json_report(kit, update_golden):
    """A fixed pair with a fixed date: any change in output shows up here as a diff to review."""
    analysis = analyse_texts(kit, RESUME, JAVA_AD.read_text(encoding="utf-8"))
    produced = render_json(analysis)
    golden = GOLDEN / "dana-ortiz-java-backend.json"
    if update_golden or not golden.exists():
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(produced, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"{golden} did not exist and was written; review and commit it")
        return
    expected = golden.read_text(encoding="utf-8")
    if produced != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), produced.splitlines(), "golden", "produced", lineterm="", n=2
        )
        shown = "\n".join(list(diff)[:80])
        pytest.fail(f"the JSON report changed; if intended, rerun with --update-golden and review:\n{shown}")


# ------------------------------------------------------------------------------------------- whose, glitches


def test_the_report_names_the_candidate_beside_the_file_in_html_text_and_json(kit):
    analysis = analyse_texts(kit, RESUME, JAVA_AD.read_text(encoding="utf-8"))
    assert analysis.document.candidate == "Dana Ortiz"
    html = render_html(analysis)
    subtitle = re.search(r'<p class="subtitle">(.*?)</p>', html, re.S).group(1)
    assert "Dana Ortiz" in subtitle and "dana-ortiz.txt" in subtitle
    assert "<title>Skill gap report: Dana Ortiz (dana-ortiz.txt) against" in html
    assert render_text(analysis).splitlines()[0] == "gapcheck: Dana Ortiz (dana-ortiz.txt)"
    assert json.loads(render_json(analysis))["document"]["candidate"] == "Dana Ortiz"


def test_without_a_sure_name_the_report_names_the_file_alone(kit):
    resume = "Machine Learning\n\nExperience\nEngineer, Acme, 2020 - Present\n- Built Java services with SQL\n"
    analysis = analyse_texts(kit, resume, JAVA_AD.read_text(encoding="utf-8"), resume_name="cv.txt")
    assert analysis.document.candidate == ""
    html = render_html(analysis)
    assert re.search(r'<p class="subtitle">\s*Resume <span class="file">cv.txt</span>', html)
    assert render_text(analysis).splitlines()[0] == "gapcheck: cv.txt"


def test_a_role_profile_report_has_no_empty_name_before_the_date(kit):
    """The issue's "compared with the role profile , on": a role has no file to name; its title stands there."""
    document = read_text(RESUME, "dana-ortiz.txt", kind="resume")
    job = pipeline.job_from_role_name(kit, "ml-engineer")
    html = render_html(pipeline.analyze_document(kit, document, job, today=TODAY))
    subtitle = " ".join(re.search(r'<p class="subtitle">(.*?)</p>', html, re.S).group(1).split())
    assert " ," not in subtitle
    assert f"compared with the role profile “{job.title}”, on 2026-01-01." in subtitle


def test_the_verdict_points_to_quick_wins_only_when_there_are_some():
    from gapcheck.compare import verdict

    counts = {"requirements": 10, "learn": 5, "reword": 0, "show-in-project": 0, "required_gaps": 3}
    for score in (90, 70, 50, 10):
        assert "quick win" not in verdict(score, counts)
    counts |= {"reword": 2}
    assert "quick win" in verdict(50, counts)


def test_a_resume_without_a_skills_section_is_not_called_badly_read(kit):
    """An executive's resume often has no skills section: a note, not the "read badly" warning."""
    resume = "Robert Lang\n\nExperience\nCEO, Tailspin, 2014 - Present\n- Grew revenue to $60M with Java teams\n"
    html = render_html(analyse_texts(kit, resume, JAVA_AD.read_text(encoding="utf-8"), resume_name="lang.txt"))
    assert "no &#39;skills&#39; section found" in html or "no 'skills' section found" in html
    assert "may have been read badly" not in html
