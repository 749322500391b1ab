"""Texts made to be as hard as possible for each stage while staying inside gapcheck's own limits.

Each case is one shape an attacker (or a broken export) can give a resume or an ad, filled up to the character
limit: a name repeated a hundred thousand times, one endless word, a chain of hyphens, a page of dates, half a
million short lines. Every stage must be linear in such input (issue 20): the tests check that each case ends
with a result, and `benchmarks/run.py --hostile` gives the time and peak memory of each, as resume and as ad.

    python -m gapcheck.hostile FOLDER        # writes every case as FOLDER/<name>.txt
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from gapcheck.ingest.limits import DEFAULT_LIMITS

SIZE = DEFAULT_LIMITS.max_chars


@dataclass(frozen=True)
class HostileCase:
    """One shape of text: `unit` repeated up to the size asked for."""

    name: str
    unit: str
    what: str
    most: int | None = None  # units at most, whatever the size: a case just under another limit

    def units(self, size: int = SIZE) -> int:
        """How many units the case holds at `size` characters."""
        return min(size // len(self.unit), self.most if self.most is not None else size)

    def text(self, size: int = SIZE) -> str:
        """The case at `size` characters at most, whole units only."""
        return self.unit * self.units(size)


_ALPHABET_CHAIN = "".join(letter + "-" for letter in "abcdefghijklmnopqrstuvwxyz")

CASES = {
    case.name: case
    for case in (
        HostileCase("python", "Python ", "one name mentioned 140,000 times on one line"),
        HostileCase("cpp", "C++ ", "a name the tokenizer keeps whole, 250,000 times on one line"),
        HostileCase("one-word", "a", "one word of a million letters"),
        HostileCase("number", "1", "one number of a million digits"),
        HostileCase("hyphen-chain", _ALPHABET_CHAIN, '"a-b-c-...": one hyphenated word of half a million parts'),
        HostileCase("hyphen-breaks", "data-\n", "a word broken by a hyphen at the end of every line"),
        HostileCase("year-ranges", "2019-2020 ", "100,000 date ranges on one line"),
        HostileCase("month-ranges", "Jan 2019 - Feb 2020\n", "50,000 dated roles, one a line"),
        HostileCase("short-lines", "a\n", "half a million lines of one letter"),
        HostileCase("headings", "Skills\nPython\n", "a heading every other line: 70,000 sections"),
        HostileCase("ambiguous", "R, Go, C, Spark, ", "names that are also ordinary words, which need evidence"),
        HostileCase("titles", "Senior Java Developer, ", "one line of 43,000 job titles"),
        HostileCase("years-asked", "5+ years of Python. ", "years of experience asked 50,000 times"),
        HostileCase("cue-dense", "must have Python ", "a cue phrase beside every name of one endless sentence"),
        HostileCase("dated-titles", "2019-2020 Senior Java Developer, ", "30,000 dated roles with titles on one line"),
        # Just under the limit of skill names (Limits.max_names): the most a document can name and still be read,
        # so every stage after the matcher meets its largest admitted input.
        HostileCase(
            "python-under-names-limit",
            "Python ",
            "one name 9,990 times: just under the names limit",
            most=DEFAULT_LIMITS.max_names - 10,
        ),
        HostileCase(
            "ambiguous-under-names-limit",
            "R, Go, C, Spark, ",
            "9,988 names that need evidence: just under the names limit",
            most=(DEFAULT_LIMITS.max_names - 10) // 4,
        ),
    )
}


def hostile_text(name: str, size: int = SIZE) -> str:
    """Return the text of case `name` at `size` characters (at most)."""
    return CASES[name].text(size)


def write_cases(folder: Path, size: int = SIZE, names: Sequence[str] | None = None) -> list[Path]:
    """Write each case (all by default) as `folder/<name>.txt`; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names or CASES:
        path = folder / f"{name}.txt"
        path.write_text(hostile_text(name, size), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m gapcheck.hostile FOLDER", file=sys.stderr)
        return 2
    for path in write_cases(Path(args[0])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
