"""Gathers the tools a set of resumes or job ads lists that the taxonomy does not know, counted, and writes them
as a user taxonomy file that a coach reviews and passes back with `--taxonomy`.

Each tool becomes a skill of kind "tool" with its spellings as aliases. Its area is the one most common among
the known skills on the same lines ("Frameworks: Spring Boot, Hibernate, Wicket" puts Wicket beside web
skills), else software engineering. A name that is also an ordinary word ("Wicket", "Kong") is marked
ambiguous, so that once known it still counts only where the evidence rules find it used as a tool.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import tomli_w

from gapcheck.errors import GapcheckError, UsageError
from gapcheck.ingest import Limits, read_document
from gapcheck.model import Document, DocumentKind, Extraction
from gapcheck.pipeline import Toolkit, extract_documents
from gapcheck.profile import toml_comment
from gapcheck.taxonomy import Taxonomy, normalise_name

DEFAULT_AREA = "software-engineering"


@dataclass
class SuggestedTool:
    """One unrecognised tool across the documents, with what the taxonomy file will say about it."""

    id: str
    name: str
    aliases: list[str]
    area: str
    ambiguous: bool
    files: int
    mentions: int
    example: str


@dataclass
class Suggestion:
    tools: list[SuggestedTool] = field(default_factory=list)
    files: int = 0
    min_files: int = 1
    failures: list[str] = field(default_factory=list)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9+#]+", "-", name.lower()).strip("-").replace("+", "plus").replace("#", "sharp")


def _free_id(name: str, taxonomy: Taxonomy, taken: set[str]) -> str:
    base = _slug(name) or "tool"
    candidate, number = base, 2
    while candidate in taxonomy.skills or candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _is_ordinary_word(name: str) -> bool:
    """A single word written as an ordinary word is ("Wicket", "kong"): it could be the word, not the tool."""
    return name.isalpha() and name[1:].islower()


def _neighbour_areas(document: Document, extraction: Extraction, lines: set[str]) -> Counter[str]:
    """The areas of the known skills stated on the given lines."""
    return Counter(skill.area for skill in extraction.skills for mention in skill.mentions if mention.line in lines)


def suggest_tools(
    taxonomy: Taxonomy, documents: Sequence[Document], extractions: Sequence[Extraction], min_files: int = 1
) -> Suggestion:
    """Return the unrecognised tools named in at least `min_files` of the documents, most files first."""
    files: Counter[str] = Counter()
    mentions: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    areas: dict[str, Counter[str]] = {}
    examples: dict[str, str] = {}
    for document, extraction in zip(documents, extractions, strict=True):
        for tool in extraction.unrecognised:
            files[tool.id] += 1
            mentions[tool.id] += len(tool.mentions)
            spellings.setdefault(tool.id, Counter()).update(" ".join(m.text.split()) for m in tool.mentions)
            lines = {mention.line for mention in tool.mentions}
            areas.setdefault(tool.id, Counter()).update(_neighbour_areas(document, extraction, lines))
            examples.setdefault(tool.id, tool.mentions[0].line)
    taken: set[str] = set()
    tools = []
    for tool_id in sorted(files, key=lambda key: (-files[key], -mentions[key], key)):
        if files[tool_id] < min_files:
            continue
        # Spellings the taxonomy already knows (by any skill) would clash: they are left out.
        names = [s for s, _ in spellings[tool_id].most_common() if taxonomy.lookup(s) is None]
        unique = list(dict.fromkeys(names, None))
        distinct = list({normalise_name(n): n for n in reversed(unique)}.values())[::-1]
        if not distinct:
            continue
        name = distinct[0]
        skill_id = _free_id(name, taxonomy, taken)
        taken.add(skill_id)
        known_areas = [(area, n) for area, n in areas[tool_id].most_common() if area in taxonomy.areas]
        area = known_areas[0][0] if known_areas else DEFAULT_AREA
        tools.append(
            SuggestedTool(
                id=skill_id,
                name=name,
                aliases=distinct[1:],
                area=area if area in taxonomy.areas else next(iter(taxonomy.areas)),
                ambiguous=any(_is_ordinary_word(n) for n in distinct),
                files=files[tool_id],
                mentions=mentions[tool_id],
                example=examples[tool_id],
            )
        )
    return Suggestion(tools=tools, files=len(documents), min_files=min_files)


def suggest_from_files(
    kit: Toolkit, paths: Sequence[str], kind: DocumentKind, min_files: int = 1, limits: Limits | None = None
) -> Suggestion:
    """Read the files and return their unrecognised tools; a file that cannot be read is listed in `failures`."""
    documents, failures = [], []
    for path in paths:
        try:
            documents.append(read_document(path, kind=kind, limits=limits or Limits()))
        except GapcheckError as error:
            failures.append(str(error))
    if not documents:
        raise UsageError("no file could be read" + (f": {failures[0]}" if failures else ""))
    suggestion = suggest_tools(kit.taxonomy, documents, extract_documents(kit, documents), min_files)
    suggestion.failures = failures
    return suggestion


def suggestion_toml(suggestion: Suggestion) -> str:
    """Return the suggested tools as a user taxonomy file (TOML) that `--taxonomy FILE` accepts."""
    lines = [
        f"# Tools that gapcheck did not recognise in {suggestion.files} file{'s' if suggestion.files != 1 else ''},"
        f" named in at least {suggestion.min_files}, written by `gapcheck taxonomy suggest`.",
        "# Review before use: delete what is not a tool, correct each area and kind, merge spellings of one tool.",
        "# A name that is also an ordinary word is marked ambiguous: it then counts only where it reads as a tool.",
        "# Check it with `gapcheck taxonomy validate THIS_FILE`, use it with `--taxonomy THIS_FILE`.",
    ]
    if not suggestion.tools:
        lines.append("# No unrecognised tool was found.")
    text = "\n".join(lines) + "\n"
    for tool in suggestion.tools:
        entry: dict[str, object] = {"id": tool.id, "name": tool.name, "area": tool.area, "kind": "tool"}
        if tool.aliases:
            entry["aliases"] = list(tool.aliases)
        if tool.ambiguous:
            entry["ambiguous"] = True
        note = (f"in {tool.files} file{'s' if tool.files != 1 else ''}, {tool.mentions} mention"
                f"{'s' if tool.mentions != 1 else ''}; e.g. {' '.join(tool.example.split())[:100]}")  # fmt: skip
        # One table at a time, so that each keeps its comment (tomli_w writes no comments, and writes a list of
        # small tables inline).
        text += f"\n# {toml_comment(note)}\n[[skill]]\n" + tomli_w.dumps(entry, multiline_strings=False)
    return text
