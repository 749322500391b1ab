"""Finds the resumes a batch reads and gives each a stable name and a safe report file name."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

# The file types gapcheck reads; in a folder, anything else is passed over.
RESUME_SUFFIXES = frozenset((".pdf", ".docx", ".txt", ".md", ".json"))
# Notes that sit beside documents in a folder and are not resumes (the fixtures folder has a SOURCE.md).
NOTES_STEMS = frozenset(
    ("readme", "license", "licence", "source", "sources", "changelog", "notice", "copying", "authors", "contributing")
)
# Report names that would clash with the cohort files, or that Windows refuses.
RESERVED_STEMS = frozenset(
    (
        "index",
        "cohort",
        "con",
        "prn",
        "aux",
        "nul",
        *(f"com{i}" for i in range(1, 10)),
        *(f"lpt{i}" for i in range(1, 10)),
    )
)
SLUG_LENGTH = 60


@dataclass(frozen=True)
class Earlier:
    """What an earlier run said about one student: the score and the gaps (id to name)."""

    score: float
    gaps: dict[str, str]


@dataclass(frozen=True)
class Resume:
    """One input of a batch: where to read it, the student's name for it, and the report it becomes."""

    source: str
    name: str
    report: str
    earlier: Earlier | None = None


@dataclass(frozen=True)
class Found:
    """The inputs found: files to read, and notes files passed over in folders."""

    files: list[tuple[str, str]]
    skipped: list[str]


def find_resumes(inputs: Sequence[str], exclude: Iterable[Path] = ()) -> Found:
    """Return (source, name) for every file to read, sorted by name; folders are searched recursively.

    A file named on the command line is always read, whatever its type, so that an unsupported one is reported
    as failed. In a folder, hidden files and folders, other file types and notes such as README.md are passed
    over, and so are the folders in `exclude` (the output folder, an earlier run's folder).
    """
    excluded = {_resolved(path) for path in exclude}
    found: list[tuple[str, str]] = []
    skipped: list[str] = []
    for given in inputs:
        path = Path(given)
        if not path.is_dir():
            found.append((given, path.name or given))
            continue
        for folder, folders, files in os.walk(path):
            folders[:] = sorted(
                f for f in folders if not f.startswith(".") and _resolved(Path(folder, f)) not in excluded
            )
            for file_name in sorted(files):
                suffix = PurePosixPath(file_name).suffix.lower()
                if file_name.startswith(".") or suffix not in RESUME_SUFFIXES:
                    continue
                relative = Path(folder, file_name).relative_to(path).as_posix()
                if PurePosixPath(file_name).stem.lower() in NOTES_STEMS:
                    skipped.append(str(Path(folder, file_name)))
                    continue
                found.append((str(Path(folder, file_name)), relative))
    return Found(_unique(found), skipped)


def _resolved(path: Path) -> str:
    try:
        return str(path.resolve())
    except OSError:
        return str(path.absolute())


def _unique(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Drop a file given twice; a name two files share becomes their paths, so each name means one file."""
    seen: set[str] = set()
    files = []
    for source, name in found:
        key = _resolved(Path(source))
        if key not in seen:
            seen.add(key)
            files.append((source, name))
    shared = {name for name, count in Counter(name for _, name in files).items() if count > 1}
    named = [(source, Path(source).as_posix() if name in shared else name) for source, name in files]
    return sorted(named, key=lambda item: (item[1], item[0]))


def slugify(text: str) -> str:
    """Return a file-name-safe form of `text`: ASCII lower-case words joined by hyphens, never empty."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > SLUG_LENGTH:
        slug = slug[:SLUG_LENGTH].rsplit("-", 1)[0] or slug[:SLUG_LENGTH]
    return slug or "resume"


def report_names(names: Sequence[str]) -> dict[str, str]:
    """Return a distinct report file name for each student name: its slug, with a short hash where slugs clash."""
    hashed: set[str] = set()
    length = 8
    while True:
        chosen = {name: _report_name(name, length if name in hashed else 0) for name in names}
        counts = Counter(chosen.values())
        clashing = {name for name, file in chosen.items() if counts[file] > 1 or file[:-5] in RESERVED_STEMS}
        if not clashing:
            return chosen
        if clashing <= hashed:
            length += 4
        hashed |= clashing


def _report_name(name: str, hash_length: int) -> str:
    slug = slugify(PurePosixPath(name).stem)
    if hash_length:
        slug += "-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:hash_length]
    return slug + ".html"
