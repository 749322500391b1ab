"""Renders an Analysis as a self-contained HTML report, a terminal summary, or JSON.

The HTML comes from Jinja templates in `reports/` with autoescaping on and StrictUndefined, so resume and
job-ad text is always escaped and a missing field is an error rather than an empty cell. Chart geometry is
computed here, in Python; the templates only place the numbers.
"""

from __future__ import annotations

import dataclasses
import math
import re
from functools import lru_cache
from typing import Any

import jinja2
from markupsafe import Markup

from gapcheck.compare import GROUP_LABELS
from gapcheck.model import Analysis, Extraction
from gapcheck.serialize import json_text, to_jsonable
from gapcheck.shipped import reports_folder
from gapcheck.template_cache import template_cache
from gapcheck.wording import plural

# The kinds of reading diagnostic, told by the fixed words each reader starts its note with. Only text that
# was lost (a page with no text, bytes that did not decode) or a document without the section every later
# stage needs means the file may have been read badly; the PDF library's own warnings ("Could not get
# FontBBox") are about fonts and drawing, and the text they come with is judged by the read-quality check.
# A resume without a skills section (an executive's, often) is read well enough: that note is only a note.
DIAGNOSTIC_KINDS = (
    (re.compile(r"pdfminer: "), "engine-warning"),
    (re.compile(r"no text on page "), "lost-text"),
    (re.compile(r"replaced \d+ undecodable bytes"), "lost-text"),
    (re.compile(r"no '(experience|requirements)' section"), "missing-section"),
)
BAD_READ_KINDS = frozenset({"lost-text", "missing-section"})
BANDS = ((80, "strong"), (60, "good"), (40, "partial"), (0, "early"))
# Bump when the environment below changes in a way its listed settings do not show: compiled templates kept
# on disk (see `template_cache`) are valid only for the same setup.
TEMPLATE_SETUP = 1


def render_json(analysis: Analysis) -> str:
    """Return the analysis as JSON: the schema documented in the README, which is the dataclasses' own."""
    return json_text(analysis)


# --------------------------------------------------------------------------------------------------- HTML


@lru_cache(maxsize=1)
def template_environment() -> jinja2.Environment:
    """The Jinja environment over the packaged `reports/` folder, built once."""
    root = reports_folder()
    escaped = ("html",)
    settings: dict[str, Any] = {"trim_blocks": True, "lstrip_blocks": True, "undefined": jinja2.StrictUndefined}
    salt = (TEMPLATE_SETUP, jinja2.__version__, escaped, {key: str(value) for key, value in settings.items()})
    environment = jinja2.Environment(
        loader=jinja2.FunctionLoader(lambda name: root.joinpath(name).read_text(encoding="utf-8")),
        autoescape=jinja2.select_autoescape(enabled_extensions=escaped, default_for_string=True),
        bytecode_cache=template_cache(salt),
        **settings,
    )
    # Our own stylesheet, not user text: it must not be escaped, or `>` and quotes in selectors would break. Read
    # once per process, like the templates: every report of a batch holds it.
    environment.globals["stylesheet"] = lru_cache(maxsize=None)(
        lambda name: Markup(root.joinpath(name).read_text(encoding="utf-8"))
    )
    environment.filters["num"] = format_number
    environment.filters["basename"] = basename
    environment.filters["unbullet"] = unbullet
    return environment


def format_number(value: float | int | None) -> str:
    """1.0 -> "1", 0.25 -> "0.25", 82.9 -> "82.9": numbers as a person writes them."""
    return "" if value is None else f"{value:g}"


def basename(source: str) -> str:
    """The file name of a source path, so that a report handed over does not show the sender's folders."""
    return source.replace("\\", "/").rsplit("/", 1)[-1]


def unbullet(line: str) -> str:
    """A resume line without its leading bullet mark ("- ", "• "), for quoting as evidence."""
    return line.lstrip("-•*·–▪◦ \t")


def score_band(score: float) -> str:
    return next(name for floor, name in BANDS if score >= floor)


def diagnostic_kind(note: str) -> str:
    """Return the kind of a reading diagnostic: engine-warning, lost-text, missing-section, or note (tidying)."""
    return next((kind for start, kind in DIAGNOSTIC_KINDS if start.match(note)), "note")


def read_badly(diagnostics: list[str]) -> bool:
    """True when a reading diagnostic says the text may be wrong (missing pages, undecodable bytes...)."""
    return any(diagnostic_kind(note) in BAD_READ_KINDS for note in diagnostics)


def chart_data(data: dict[str, Any]) -> dict[str, Any]:
    """Every number the SVG charts of an analysis (as `to_jsonable` gives it) draw: the score ring, the
    four-group bar and one bar per area."""
    radius = 52.0
    circumference = 2 * math.pi * radius
    score = max(0.0, min(100.0, data["score"]))
    counts = data["counts"]
    total = counts.get("requirements", 0) or 1
    segments, offset = [], 0.0
    for group in GROUP_LABELS:
        width = round(100 * counts.get(group, 0) / total, 2)
        segments.append({"group": group, "x": round(offset, 2), "width": width, "count": counts.get(group, 0)})
        offset += width
    return {
        "ring": {
            "radius": radius,
            "circumference": round(circumference, 2),
            "dash": round(circumference * score / 100, 2),
            "score": data["score"],
            "band": score_band(data["score"]),
        },
        "segments": segments,
        "areas": [
            {"name": area["name"], "percent": area["percent"], "width": round(max(0.0, min(100.0, area["percent"])), 1)}
            for area in data["areas"]
        ],
    }


def render_html(analysis: Analysis, **extra: Any) -> str:
    """Return the one-file HTML report: inline CSS and SVG, no script, nothing loaded from outside."""
    return render_html_data(_report_data(analysis), **extra)


def _report_data(analysis: Analysis) -> dict[str, Any]:
    """Return the analysis as data (`to_jsonable`) without the skills found in the resume and the ad, which the
    report does not list (it shows the requirements): most of the data, not worth turning into JSON. A template
    that reads them fails loudly, as the keys are gone (StrictUndefined)."""
    resume = Extraction(analysis.resume.source)
    job = dataclasses.replace(analysis.job, skills=[])
    lists_left: dict[str, Any] = dict.fromkeys(_REQUIREMENT_LISTS, [])
    data: dict[str, Any] = to_jsonable(dataclasses.replace(analysis, resume=resume, job=job, **lists_left))
    del data["resume"]["skills"], data["job"]["skills"]
    _add_requirement_lists(analysis, data)
    return data


# The lists of requirements an analysis holds. The later ones repeat the first's objects (the matched ones, the
# quick wins): each is turned into data once, and the same data stands in every list that holds it.
_REQUIREMENT_LISTS = ("requirements", "matched", "quick_wins", "more_quick_wins", "unrecognised")


def _add_requirement_lists(analysis: Analysis, data: dict[str, Any]) -> None:
    """Fill `data`'s requirement lists (left empty, in place, so the keys keep their order) with each
    requirement's data, converted once however many lists hold it."""
    converted: dict[int, Any] = {}
    for name in _REQUIREMENT_LISTS:
        items = []
        for requirement in getattr(analysis, name):
            key = id(requirement)
            if key not in converted:
                converted[key] = to_jsonable(requirement)
            items.append(converted[key])
        data[name] = items


def render_html_data(data: dict[str, Any], **extra: Any) -> str:
    """Return the HTML report of an analysis already turned into data by `to_jsonable` (batch has it)."""
    diagnostics = list(data["document"].get("diagnostics", []))
    charts = chart_data(data)
    template = template_environment().get_template("report.html")
    return template.render(
        a=data,
        ring=charts["ring"],
        segments=charts["segments"],
        area_bars=charts["areas"],
        groups=GROUP_LABELS,
        band=score_band(data["score"]),
        # The verdict's band ("Good match") stands out; the rest of the line follows it.
        verdict_head=data["verdict"].partition(": ")[0],
        verdict_rest=data["verdict"].partition(": ")[2],
        read_badly=read_badly(diagnostics)
        or any(check["id"] == "read-quality" and not check["ok"] for check in data.get("resume_checks", [])),
        diagnostics=diagnostics,
        reword=[u for u in data["quick_wins"] if u["group"] == "reword"],
        show_in_project=[u for u in data["quick_wins"] if u["group"] == "show-in-project"],
        **extra,
    )


# --------------------------------------------------------------------------------------------------- text

_STATUS_WORDS = {
    "shown": "shown",
    "worded-differently": "worded differently",
    "implied": "implied",
    "listed-only": "listed only",
    "related": "related, partial credit",
    "missing": "missing",
}


_GROUP_WORDS = {
    "shown": "shown",
    "reword": "to put in the ad's words",
    "show-in-project": "to show in a project",
    "learn": "to learn",
}


def _clip(text: str, width: int) -> str:
    """`text` on one line, at most `width` characters: a longer one is cut after a whole word and ends in "...",
    so that no name is left cut in half ("relational databases (e.g. P")."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 3]
    if text[width - 3].isalnum() and " " in cut:
        cut = cut[: cut.rfind(" ")]
    if cut.rfind("(") > cut.rfind(")") and cut.rfind("(") > 0:  # an aside cut short says less than none
        cut = cut[: cut.rfind("(")]
    return cut.rstrip(" ,;:(/-.") + "..."


def _column(text: str, width: int) -> str:
    """`text` clipped at a word (`_clip`) and padded to `width`, for a column of names."""
    return f"{_clip(text, width):<{width}}"


def _bar(percent: float, width: int = 20) -> str:
    filled = round(width * max(0.0, min(100.0, percent)) / 100)
    return "[" + "#" * filled + "." * (width - filled) + "]"


def render_text(analysis: Analysis, *, color: bool = False) -> str:
    """Return a terminal summary: score and verdict, matches, quick wins, ranked gaps, path, coverage."""

    def paint(text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if color else text

    def heading(text: str) -> str:
        return paint(text, "1")

    counts = analysis.counts
    band_colour = {"strong": "1;32", "good": "1;36", "partial": "1;33", "early": "1;31"}[score_band(analysis.score)]
    what = "role profile" if analysis.job.kind == "role" else "job ad"
    lines = [
        heading(f"gapcheck: {whose(analysis.document.candidate, analysis.resume.source)}"),
        f"against the {what} {analysis.job.title!r}" if analysis.job.title else f"against the {what}",
        *(paint(f"  note: {note}", "2") for note in (analysis.job.reading.notes if analysis.job.reading else ())),
        "",
        f"Score {paint(f'{analysis.score:g}/100', band_colour)}  {analysis.verdict}",
        "  " + ", ".join(f"{counts.get(group, 0)} {words}" for group, words in _GROUP_WORDS.items()),
    ]
    diagnostics = analysis.document.diagnostics
    if diagnostics:
        lines.append("")
        if read_badly(diagnostics):
            lines.append(paint("! This file may have been read badly; check it with `gapcheck text FILE`.", "1;31"))
        lines += [paint(f"  note: {note}", "2") for note in diagnostics]
    name_width = max((len(u.name) for u in analysis.requirements), default=10)
    name_width = min(max(name_width, 10), 28)

    lines += ["", heading(f"Matched, with evidence ({len(analysis.matched)})")]
    for unit in analysis.matched:
        mark = paint("+", "32")
        where = f'{unit.evidence[0].section}: "{_clip(unbullet(unit.evidence[0].line), 70)}"' if unit.evidence else ""
        lines.append(f"  {mark} {_column(unit.name, name_width)}  {unit.importance:<9}  {where}")
    if not analysis.matched:
        lines.append("  (none)")

    more = analysis.more_quick_wins
    lines += ["", heading(f"Quick wins ({len(analysis.quick_wins) + len(more)})")]
    for unit in analysis.quick_wins:
        mark = paint("~", "33")
        lines.append(f"  {mark} {_column(unit.name, name_width)}  {_STATUS_WORDS[unit.status]}: {unit.note}")
    if more:
        lines.append(f"  {len(more)} more, each worth less: " + ", ".join(u.name for u in more))
    if not analysis.quick_wins:
        lines.append("  (none)")

    lines += ["", heading(f"Gaps, by priority ({len(analysis.missing)})")]
    for gap in analysis.missing:
        label = paint(f"{gap.rank:>2}. {gap.name}", "1;31" if gap.importance in ("must", "required") else "1")
        lines.append(f"  {label}  ({gap.importance}, {_STATUS_WORDS[gap.status]}, +{gap.gain:g} points)")
        for key in ("learn", "project"):
            if gap.next_steps.get(key):
                lines.append(f"      {key}: {_clip(gap.next_steps[key], 96)}")
    # A context skill is counted "to learn" above but is never a gap: say so, or "1 to learn" meets "Gaps (0)".
    context = [u.name for u in analysis.requirements if u.importance == "context" and u.group == "learn"]
    if not analysis.missing:
        lines.append("  (none: every skill the job asks for is on the resume)")
    if context:
        them = plural(len(context), "it", "them")
        lines.append(
            f"  {len(context)} to learn, not ranked as the {what} names {them} only in passing: " + ", ".join(context)
        )

    if analysis.unrecognised:
        lines += ["", heading(f"Tools the taxonomy does not know ({len(analysis.unrecognised)})")]
        for unit in analysis.unrecognised:
            lines.append(f"  {unit.name}  ({unit.importance}, {_STATUS_WORDS[unit.status]}, weight {unit.weight:g})")

    if analysis.path:
        lines += ["", heading("Learning path (prerequisites first)")]
        for step in analysis.path:
            lines.append(f"  {step.order:>2}. {step.name}  ({step.reason})")

    lines += ["", heading("Coverage by area")]
    for area in analysis.areas:
        lines.append(f"  {_bar(area.percent)} {area.percent:5.1f}%  {area.name} ({area.met}/{area.total} met)")

    if analysis.fit:
        lines += ["", heading("Beyond the skills list")]
        for key, fit in analysis.fit.items():
            lines.append(f"  {key:<11} {fit.verdict:<8} {_clip(fit.resume.summary, 90)}")
    failed_checks = [c for c in analysis.resume_checks if not c.ok]
    if failed_checks:
        lines += ["", heading(f"Resume fixes ({len(failed_checks)})")]
        for check in failed_checks:
            lines.append(f"  ! {_clip(check.message, 110)}")

    method = analysis.method
    lines += [
        "",
        paint(
            f"Earned {method.earned:g} of {method.possible:g} weighted points; taxonomy "
            f"{method.taxonomy_version}, {method.date}. The full breakdown: --format json or html.",
            "2",
        ),
    ]
    ceiling = method.core_area_ceiling
    if ceiling:
        lines.append(
            paint(
                f"Score held at {ceiling['score']:g} (from {ceiling['uncapped']:g}): the resume earns "
                f"{ceiling['percent']:g}% of the role's core area, {ceiling['name']}, and the score is kept at most "
                f"{ceiling['slack']:g} points above that.",
                "2",
            )
        )
    return "\n".join(lines) + "\n"


def whose(candidate: str, source: str) -> str:
    """ "Jane Doe (jane.pdf)" when the resume's name was read, else the file name alone."""
    return f"{candidate} ({source})" if candidate else source


def summary_line(analysis: Analysis) -> str:
    """One line for the terminal after an HTML report is written."""
    counts = analysis.counts
    quick_wins = counts.get("reword", 0) + counts.get("show-in-project", 0)
    return (
        f"score {analysis.score:g}/100: {counts.get('shown', 0)} shown, {quick_wins} quick wins, "
        f"{counts.get('learn', 0)} to learn ({counts.get('required_gaps', 0)} required)"
    )
