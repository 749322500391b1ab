"""Find section headings in clean text and name each section with a normalised kind ("experience", "skills").

A heading is a short line on its own ("WORK EXPERIENCE", "Skills & Tools:", "## Education") or, in a job ad, the
start of a line before a colon ("Requirements: Python, SQL"). Its kind comes from the tables below, after the
heading is reduced to lower-case words and, failing an exact match, stripped of qualifiers like "professional".
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import cast

from gapcheck.memo import kept
from gapcheck.model import DocumentKind, ResumeSection, Section, SectionName
from gapcheck.taxonomy import data_file

RESUME_HEADINGS: dict[ResumeSection, tuple[str, ...]] = {
    "summary": (
        "summary", "profile", "objective", "career objective", "about me", "about", "overview",
        "personal statement", "personal profile", "executive summary", "career summary", "introduction",
        "professional summary", "summary of qualifications",
    ),
    "skills": (
        "skills", "skill set", "skillset", "skills and tools", "skills and technologies", "tools",
        "technologies", "tools and technologies", "tech stack", "technology stack", "competencies",
        "core competencies", "expertise", "areas of expertise", "skills and expertise", "skills and abilities",
        "skills and competencies", "proficiencies", "technical proficiencies", "programming languages",
        "languages and tools", "toolbox", "strengths",
    ),
    "experience": (
        "experience", "work experience", "employment", "employment history", "work history", "career history",
        "experience and employment", "positions", "positions held", "internships", "internship experience",
        "career", "relevant experience", "professional background", "work",
        # Research that reads as work: the roles of a researcher, not a list of papers ("research" alone is).
        "research experience", "research and engineering", "engineering and research", "research and development",
        "research and industry experience", "industry and research experience", "research positions",
    ),
    "education": (
        "education", "education and training", "academic background", "academics", "academic history",
        "education and certifications", "education and qualifications", "academic qualifications", "training",
        "coursework", "courses", "relevant coursework", "studies",
    ),
    "projects": (
        "projects", "personal projects", "side projects", "open source", "open source contributions",
        "portfolio", "project experience", "academic projects",
    ),
    "certifications": (
        "certifications", "certification", "certificates", "licenses", "licenses and certifications",
        "certifications and licenses", "accreditations", "credentials",
    ),
    "awards": ("awards", "honors", "honours", "awards and honors", "honors and awards", "achievements",
               "accomplishments", "awards and achievements"),
    "publications": ("publications", "papers", "research", "talks", "presentations", "patents",
                     "publications and talks", "conferences"),
    "languages": ("languages", "spoken languages", "language skills", "language"),
    "interests": ("interests", "hobbies", "hobbies and interests", "personal interests", "activities"),
    "volunteering": ("volunteering", "volunteer experience", "volunteer work", "volunteer",
                     "community involvement", "community service", "leadership and volunteering"),
    "contact": ("contact", "contact information", "contact details", "contact info", "personal information",
                "personal details", "links", "social", "online profiles"),
    "references": ("references", "referees"),
}  # fmt: skip

# A job ad's headings are language data: taxonomy/ads.toml [sections].
JOB_HEADINGS: dict[SectionName, tuple[str, ...]] = {
    cast(SectionName, name): tuple(phrases) for name, phrases in data_file("ads.toml")["sections"].items()
}

# Words that qualify a heading without changing its kind: "Professional Experience", "Technical Skills".
QUALIFIERS = frozenset(
    """
    professional relevant technical key core selected academic my other additional recent notable
    industry work career select main primary work-related
    """.split()
)

_TABLES: dict[str, dict[str, SectionName]] = {
    kind: {phrase: name for name, phrases in table.items() for phrase in phrases}
    for kind, table in (("resume", RESUME_HEADINGS), ("job", JOB_HEADINGS))
}

MAX_HEADING_CHARS = 50
MAX_HEADING_WORDS = 6

_DECORATION = re.compile(r"^[\W\d_]*?(?=[^\W\d_])|[\W_]+$")  # "1. ", "## ", "— ", "**", " :", " —"
_INLINE = re.compile(r"^\W*([^\W\d_][\w &/'’-]{1,40}?)\s*:\s*\S")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def section_kind(heading: str, kind: DocumentKind = "resume") -> SectionName | None:
    """Return the normalised section name a heading stands for ("Work Experience:" -> "experience"), or None."""
    words = normalise_heading(heading)
    if not words:
        return None
    table = _TABLES[kind]
    if words in table:
        return table[words]
    parts = words.split()
    while parts and parts[0] in QUALIFIERS:
        parts = parts[1:]
        if " ".join(parts) in table:
            return table[" ".join(parts)]
    if " and " in words:  # "Skills & Awards", "Education and Certifications": the first kind leads
        return section_kind(words.split(" and ")[0], kind)
    if kind == "job" and words.startswith("about ") and len(words.split()) <= 4:
        return "about"  # "About Acme Corp"
    return None


def normalise_heading(heading: str) -> str:
    """Return a heading as lower-case words: "## Skills & Tools:" -> "skills and tools"."""
    text = heading.strip().replace("&", " and ").replace("+", " and ").lower()
    text = _DECORATION.sub("", text)
    return " ".join(_NON_WORD.sub(" ", text).split())


def find_sections(text: str, kind: DocumentKind = "resume", marked_headings: Collection[str] = ()) -> list[Section]:
    """Return the sections of `text`: each runs from its heading line to the next heading (or the end).

    `marked_headings` are lines a reader knows to be headings (Markdown "#" lines, DOCX heading styles); they
    start a section even when their kind is unknown ("other").
    """
    marked = {line.strip() for line in marked_headings}
    starts: list[tuple[int, SectionName, str]] = []
    offset = 0
    seen: dict[str, tuple[SectionName, str] | None] = {}  # a line said again is judged once
    for line in text.split("\n"):
        found = seen[line] if line in seen else seen.setdefault(line, heading_of_line(line, kind))
        if found is None and line.strip() in marked:
            found = ("other", line.strip())
        if found is not None:
            starts.append((offset, *found))
        offset += len(line) + 1
    return [
        Section(name=name, start=start, end=starts[i + 1][0] if i + 1 < len(starts) else len(text), heading=head)
        for i, (start, name, head) in enumerate(starts)
    ]


def heading_of_line(line: str, kind: DocumentKind = "resume") -> tuple[SectionName, str] | None:
    """Return (section name, heading text) if the line is a heading (in a job ad: or starts with one and ":").
    A short line said again (a resume of a hundred thousand "Skills" lines, asked of each by several readers) is
    judged once."""
    if len(line) <= _CACHED_LINE:
        return _heading_of_short_line(line, kind)
    return _heading_of_line(line, kind)


_CACHED_LINE = 200  # longer than any heading, with room


@kept(4096)
def _heading_of_short_line(line: str, kind: DocumentKind) -> tuple[SectionName, str] | None:
    return _heading_of_line(line, kind)


def _heading_of_line(line: str, kind: DocumentKind) -> tuple[SectionName, str] | None:
    stripped = line.strip()
    # A bullet item or a sentence is body text even when it is one word ("- Tools", "Research.").
    if not stripped or stripped.startswith(("- ", "* ")) or stripped.endswith("."):
        return None
    if len(stripped) <= MAX_HEADING_CHARS and len(stripped.split()) <= MAX_HEADING_WORDS:
        name = section_kind(stripped, kind)
        if name is not None:
            return name, _heading_text(stripped)
    # An ad's longer headings ("You might thrive in this role if you:") count when the table has them whole.
    if kind == "job" and len(stripped) <= 2 * MAX_HEADING_CHARS:
        name = _TABLES[kind].get(normalise_heading(stripped))
        if name is not None:
            return name, _heading_text(stripped)
    # In a resume "Tools: Git, Docker" is a line of an experience entry, not a new section.
    inline = _INLINE.match(stripped) if kind == "job" else None
    if inline:
        name = section_kind(inline.group(1), kind)
        if name is not None:
            return name, inline.group(1).strip()
    return None


def _heading_text(line: str) -> str:
    return line.strip().lstrip("#").strip().rstrip(":").strip()


def missing_section_notes(sections: list[Section], kind: DocumentKind) -> list[str]:
    """Return diagnostics for the sections later stages rely on but the document lacks."""
    expected = ("experience", "skills") if kind == "resume" else ("requirements",)
    names = {section.name for section in sections}
    return [f"no '{name}' section found" for name in expected if name not in names]
