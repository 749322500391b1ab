"""Renders an Analysis as a self-contained HTML report, a terminal summary, or JSON.

The HTML comes from Jinja templates in `reports/` with autoescaping on and StrictUndefined, so resume and
job-ad text is always escaped and a missing field is an error rather than an empty cell.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

import jinja2

from gapcheck.compare import GROUP_OF_STATUS
from gapcheck.model import Analysis, to_jsonable


def analysis_to_json(analysis: Analysis) -> dict[str, Any]:
    """Return the analysis as plain data: the JSON schema documented in the README."""
    data = to_jsonable(analysis)
    for unit in data["requirements"] + data["matched"] + data["quick_wins"]:
        unit["group"] = GROUP_OF_STATUS[unit["status"]]
    for gap in data["missing"]:
        gap["group"] = GROUP_OF_STATUS[gap["status"]]
    for skill in data["resume"]["skills"]:
        skill["stated"] = bool(skill["mentions"])
    return data


def render_json(analysis: Analysis) -> str:
    return json.dumps(analysis_to_json(analysis), indent=2, ensure_ascii=False) + "\n"


@lru_cache(maxsize=1)
def template_environment() -> jinja2.Environment:
    """The Jinja environment over the packaged `reports/` folder, built once."""
    root = resources.files("gapcheck.reports")
    environment = jinja2.Environment(
        loader=jinja2.FunctionLoader(lambda name: root.joinpath(name).read_text(encoding="utf-8")),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals["stylesheet"] = lambda name: root.joinpath(name).read_text(encoding="utf-8")
    return environment


def render_html(analysis: Analysis, **extra: Any) -> str:
    """Return the one-file HTML report: inline CSS and SVG, no script, nothing loaded from outside."""
    data = analysis_to_json(analysis)
    template = template_environment().get_template("report.html")
    return template.render(
        a=data,
        group_of_status=GROUP_OF_STATUS,
        **extra,
    )


def render_text(analysis: Analysis, *, color: bool = False) -> str:
    """Return a terminal summary: score, top gaps with their first step, quick wins, coverage per area."""

    def paint(text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if color else text

    lines = [
        paint(f"gapcheck: {analysis.resume.source} against {analysis.job.title}", "1"),
        f"Score: {paint(f'{analysis.score:g}/100', '1;36')}  "
        f"(earned {analysis.method['earned']:g} of {analysis.method['possible']:g} weighted points)",
        "",
        paint(f"Matched ({len(analysis.matched)}):", "1;32"),
    ]
    for unit in analysis.matched:
        where = f" -- {unit.evidence[0].line[:80]}" if unit.evidence else ""
        lines.append(f"  + {unit.name} [{unit.status}]{where}")
    lines += ["", paint(f"Quick wins ({len(analysis.quick_wins)}):", "1;33")]
    for unit in analysis.quick_wins:
        lines.append(f"  ~ {unit.name}: {unit.note}")
    lines += ["", paint(f"Missing, by priority ({len(analysis.missing)}):", "1;31")]
    for gap in analysis.missing:
        first_step = gap.next_steps.get("learn", "")
        lines.append(f"  {gap.rank}. {gap.name} ({gap.importance}, {gap.reason}) {first_step}")
    lines += ["", paint("Learning path:", "1")]
    for step in analysis.path:
        lines.append(f"  {step.order}. {step.name} ({step.reason})")
    lines += ["", paint("Coverage by area:", "1")]
    for area in analysis.areas:
        lines.append(f"  {area.percent:5.1f}%  {area.name} ({area.met}/{area.total})")
    for note in analysis.document.get("diagnostics", []):
        lines.append(paint(f"note: {note}", "2"))
    return "\n".join(lines) + "\n"


def summary_line(analysis: Analysis) -> str:
    """One line for the terminal after an HTML report is written."""
    required_missing = sum(1 for gap in analysis.missing if gap.importance == "required")
    return (
        f"score {analysis.score:g}/100: {len(analysis.matched)} matched, {len(analysis.quick_wins)} quick wins, "
        f"{len(analysis.missing)} missing ({required_missing} required)"
    )
