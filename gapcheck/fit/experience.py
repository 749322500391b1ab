"""Years of experience: the date ranges of a resume's roles, counted once where they overlap, against the years
a job asks for, in total and per skill.

A role is the text from one date range to the next in the experience section, so a skill named in a role's
lines gets that role's time. Dates are read in the usual forms ("June 2012 - June 2015", "06/2018 - 03/2020",
"2019-2021", "Jan 2020 to Current", "2017 -" on one line and "Present" on the next); the words come from
`taxonomy/dates.toml`. A date given only as a year counts from the middle of the year.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from gapcheck.fit.check import FitCheck, Verdict, YearsPart, combine
from gapcheck.fit.title import Title, read_title, skills_of_title
from gapcheck.job.years import YearsAsked, years_asked, years_floor
from gapcheck.memo import kept, on_forget
from gapcheck.model import LINE_WINDOW, LONGEST_LINE, Document, Extraction, Section
from gapcheck.taxonomy import Taxonomy, data_file, normalise_name
from gapcheck.wording import counted

# Sections whose date ranges are not jobs: studies, certificates, projects and the like.
NOT_ROLES = frozenset(
    {"education", "certifications", "projects", "awards", "publications", "volunteering", "languages", "interests",
     "references", "skills", "summary", "contact"}
)  # fmt: skip
_SPACE = r"[^\S\n]*"  # spaces, but not a line break
_YEAR = r"(?:19[5-9]\d|20\d\d)(?!\d)"


@dataclass(frozen=True)
class DateRange:
    """A period read from the text: months are counted as year * 12 + month - 1, `end` is exclusive."""

    start: int
    end: int
    text: str
    offset: int
    end_offset: int
    present: bool = False
    # Where the start date and the end date (or "Present") are in the text: the rest of their lines is a heading.
    spans: tuple[tuple[int, int], ...] = ()

    @property
    def months(self) -> int:
        return self.end - self.start


@dataclass
class DatedRole:
    """A role of the experience section: its dates and the block of text up to the next role. `counted_to` is
    the resume's own latest date when a running role ("2013 - Present") was counted up to it, not to today."""

    dates: DateRange
    block_start: int
    block_end: int
    heading: str
    skills: list[str] = field(default_factory=list)
    counted_to: str = ""


def month_label(index: int) -> str:
    """Return a month index as "2018-06"."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def years_of(months: int) -> float:
    return round(months / 12, 1)


# ----------------------------------------------------------------------------------------------- reading


@lru_cache(maxsize=1)
def _dates() -> dict:
    """The parsed `dates.toml`, read once: each date found looks its month names up in it."""
    return data_file("dates.toml")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    data = _dates()
    names = sorted([*data["months"], *data["seasons"]], key=len, reverse=True)
    months = "|".join(re.escape(name) for name in names)
    present = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(data["present"], key=len, reverse=True))
    words = "|".join(re.escape(w) for w in data["separators"])

    def date(p: str) -> str:
        return (
            rf"(?:(?<![\w])(?P<{p}mon>{months})\.?{_SPACE},?{_SPACE}(?:(?P<{p}y1>{_YEAR})|['’](?P<{p}yy>\d\d)(?!\d))"
            rf"|(?<![\w/.\-])(?P<{p}mm>0?[1-9]|1[0-2]){_SPACE}[/.\-]{_SPACE}(?P<{p}y2>{_YEAR})"
            rf"|(?<![\w/.$€£])(?P<{p}y3>{_YEAR}))"
        )

    end = rf"(?:{date('e')}|(?<![\w])(?P<present>{present})(?![\w]))"
    separator = rf"{_SPACE}(?:[-–—‒―~]+|\b(?:{words})\b){_SPACE}\n?{_SPACE}"
    return {
        "range": re.compile(rf"{date('s')}{separator}{end}", re.IGNORECASE),
        # "June 2022 – Software Engineer, Google" with "Present" starting the next line (two-column layouts).
        # The title between them is a line's worth at most: tried from every date of a longer line, an unbounded
        # run would read the rest of the line each time.
        "split": re.compile(
            rf"{date('s')}{_SPACE}[-–—]{_SPACE}[^\n]{{0,{LONGEST_LINE}}}\n{_SPACE}{end}", re.IGNORECASE
        ),
        # A date alone on its line and the end alone on the next, with no dash between.
        "stacked": re.compile(rf"^{_SPACE}{date('s')}{_SPACE}\n{_SPACE}{end}{_SPACE}$", re.IGNORECASE | re.MULTILINE),
        "since": re.compile(rf"\b(?:{'|'.join(map(re.escape, data['since']))}){_SPACE}{date('s')}", re.IGNORECASE),
    }


def _month(match: re.Match[str], p: str, today: dt.date) -> tuple[int, bool] | None:
    """Return (month index, precise) of the date captured with prefix `p`, or None if it has none."""
    data = _dates()
    if match.group(f"{p}mon"):
        name = match.group(f"{p}mon").lower().rstrip(".")
        month = data["months"].get(name) or data["seasons"][name]
        if match.group(f"{p}y1"):
            year = int(match.group(f"{p}y1"))
        else:
            short = int(match.group(f"{p}yy"))
            year = 2000 + short if 2000 + short <= today.year + 1 else 1900 + short
        return year * 12 + month - 1, True
    if match.group(f"{p}mm"):
        return int(match.group(f"{p}y2")) * 12 + int(match.group(f"{p}mm")) - 1, True
    if match.group(f"{p}y3"):
        return int(match.group(f"{p}y3")) * 12 + data["year_only_month"] - 1, False
    return None


_START_GROUPS = ("smon", "smm", "sy3", "sy1", "syy", "sy2")
_END_GROUPS = ("emon", "emm", "ey3", "ey1", "eyy", "ey2", "present")


def _span(match: re.Match[str], names: tuple[str, ...]) -> tuple[int, int]:
    """Return the span covered by the named groups that took part in the match ((-1, -1) if none)."""
    groups = match.re.groupindex  # the pattern's names, not a dict of the match's groups built for each name
    spans = [match.span(name) for name in names if name in groups and match.group(name) is not None]
    return (min(a for a, _ in spans), max(b for _, b in spans)) if spans else (-1, -1)


# Every date has a year ("2019", "'19") on the line where its range starts: a cheap scan finds the lines worth
# reading. Any three characters like these will do, as long as no real year is missed.
_YEARISH = re.compile(r"[12'’]\d\d")


@lru_cache(maxsize=1)
def _word_start() -> re.Pattern[str]:
    """A word that may open a date range: a number, or a word with the first letter of a month, a season or
    "since" (case folded as the date patterns fold it)."""
    data = _dates()
    initials = sorted({word[0] for word in [*data["months"], *data["seasons"], *data["since"]]})
    return re.compile(rf"(?<!\w)(?:\d|(?i:[{re.escape(''.join(initials))}]))")


def _match_starts(text: str) -> tuple[list[int], list[int]]:
    """Return where a date range can begin: the start of each line that holds a year (a stacked range) and
    each word on such a line that may open a date (the other patterns), both in reading order."""
    line_starts: list[int] = []
    word_starts: list[int] = []
    line_end = -1
    for year in _YEARISH.finditer(text):
        if year.start() <= line_end:
            continue  # this line is done
        line_start = text.rfind("\n", 0, year.start()) + 1
        line_end = text.find("\n", year.end())
        line_end = len(text) if line_end == -1 else line_end
        line_starts.append(line_start)
        word_starts += [word.start() for word in _word_start().finditer(text, line_start, line_end)]
    return line_starts, word_starts


def _matches(pattern: re.Pattern[str], text: str, starts: list[int]) -> list[re.Match[str]]:
    """Return what `pattern.finditer(text)` gives, trying only the places in `starts` (sorted): the scan of a
    whole resume, at every character, costs more than all the rest of the fit checks."""
    found: list[re.Match[str]] = []
    resume_at = 0
    for start in starts:
        if start < resume_at:
            continue
        match = pattern.match(text, start)
        if match is not None:
            found.append(match)
            resume_at = match.end()
    return found


def find_date_ranges(text: str, today: dt.date) -> list[DateRange]:
    """Return the date ranges of `text` in reading order, each a valid period that has begun by `today`."""
    return list(_date_ranges(text, today))


@kept(2, texts=True)
def _date_ranges(text: str, today: dt.date) -> tuple[DateRange, ...]:
    """The scan itself, kept for the last texts: the skills' inference and the job fit both ask for the roles of
    the same resume, and a text of a hundred thousand dates is costly to scan twice."""
    patterns = _patterns()
    now = today.year * 12 + today.month - 1
    found: list[DateRange] = []
    # The spans taken so far, apart and in order (so their ends are in order too): one look finds an overlap.
    taken_starts: list[int] = []
    taken_ends: list[int] = []

    def overlaps(start: int, end: int) -> bool:
        before = bisect_left(taken_starts, end)  # the spans that start before this one ends
        return before > 0 and taken_ends[before - 1] > start

    line_starts, word_starts = _match_starts(text)
    for kind in ("range", "split", "stacked", "since"):
        for match in _matches(patterns[kind], text, line_starts if kind == "stacked" else word_starts):
            if overlaps(match.start(), match.end()):
                continue
            start = _month(match, "s", today)
            if start is None:
                continue
            present = kind == "since" or ("present" in match.re.groupindex and match.group("present") is not None)
            if present:
                end = now + 1
            else:
                end_month = _month(match, "e", today)
                if end_month is None:
                    continue
                # A month is counted whole ("June 2018 - June 2018" is one month); a bare year is a mid-year point.
                end = end_month[0] + 1 if end_month[1] else end_month[0]
            end = min(end, now + 1)
            if start[0] > now or end <= start[0] or start[0] < 1950 * 12:
                continue
            at = bisect_left(taken_starts, match.start())
            taken_starts.insert(at, match.start())
            taken_ends.insert(at, match.end())
            spans = tuple(_span(match, names) for names in (_START_GROUPS, _END_GROUPS))
            if kind == "split":
                text_of = f"{text[spans[0][0] : spans[0][1]]} – {text[spans[1][0] : spans[1][1]]}"
            else:
                text_of = " ".join(match.group(0).split())
            found.append(DateRange(start[0], end, text_of, match.start(), match.end(), present, spans))
    return tuple(sorted(found, key=lambda r: r.offset))


def covered_months(ranges: list[DateRange]) -> int:
    """Return how many months the ranges cover together: overlapping roles count once."""
    total = 0
    current_start = current_end = None
    for r in sorted(ranges, key=lambda r: (r.start, r.end)):
        if current_end is None or r.start > current_end:
            if current_end is not None and current_start is not None:
                total += current_end - current_start
            current_start, current_end = r.start, r.end
        else:
            current_end = max(current_end, r.end)
    if current_end is not None and current_start is not None:
        total += current_end - current_start
    return total


def _months_per_skill(roles: Sequence[DatedRole]) -> dict[str, int]:
    """The months each skill of the roles covers: skills shown in the same roles (most of a role's skills are
    shown in it alone) share one count."""
    holders: dict[str, list[int]] = {}
    for index, role in enumerate(roles):
        for skill_id in role.skills:
            held = holders.setdefault(skill_id, [])
            if not held or held[-1] != index:
                held.append(index)
    counted: dict[tuple[int, ...], int] = {}
    months: dict[str, int] = {}
    for skill_id, held in holders.items():
        key = tuple(held)
        if key not in counted:
            counted[key] = covered_months([roles[index].dates for index in held])
        months[skill_id] = counted[key]
    return months


def _role_regions(document: Document) -> tuple[list[tuple[int, int]], bool]:
    """Return the text spans that hold roles, and whether they are experience sections (not a fallback)."""
    spans = [(s.start, s.end) for s in document.sections if s.name == "experience"]
    if spans:
        return spans, True
    edges = sorted((s.start, s.end) for s in document.sections if s.name in NOT_ROLES)
    regions, cursor = [], 0
    for start, end in edges:
        if start > cursor:
            regions.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < len(document.text):
        regions.append((cursor, len(document.text)))
    return regions, False


def _is_bullet(line: str) -> bool:
    return bool(re.match(r"\s*(?:[-*•·▪◦‣●○■➢►✓]|\d+[.)])\s", line))


_DASH_OR_OPEN_END = re.compile(r"(?:^|\s)[-–—~]+(?=\s|$)|\b(?:to|until|since|from)\s*$")


def _heading_of(
    document: Document, dates: DateRange, region_start: int, between: tuple[int, int] = (0, -1)
) -> tuple[int, str]:
    """Return where a role's block starts and its heading: the date line without the dates, or the short
    lines just above a date that stands alone ("Software Engineer / Acme / 2019 - 2021"). Of a line longer than
    any resume's, only the part around the dates is read, and not past the neighbouring roles' dates (`between`):
    windows that overlap would read a line of a hundred thousand dates many times over."""
    text = document.text
    line_start, line_end = document.line_bounds(dates.offset)
    long_line = line_end - line_start > LONGEST_LINE
    if long_line:
        low, high = between
        line_start = max(line_start, dates.offset - LINE_WINDOW, low)
        line_end = min(line_end, dates.end_offset + LINE_WINDOW, high if high >= 0 else line_end)
    # The line with its dates blanked out, cut at their spans (in order, apart).
    pieces, cursor = [], line_start
    for start, end in sorted(dates.spans):
        start, end = max(start, cursor), min(end, line_end)
        if start < end:
            pieces += [text[cursor:start], " " * (end - start)]
            cursor = end
    pieces.append(text[cursor:line_end])
    rest = _DASH_OR_OPEN_END.sub(" ", "".join(pieces))
    rest = " ".join(rest.split()).strip(" |,–—-•·()")
    if long_line or len(re.findall(r"[^\W\d_]{2,}", rest)) >= 2:
        return line_start, rest
    above: list[str] = []
    cursor = line_start
    while len(above) < 2 and cursor > region_start:
        previous_start, _ = document.line_bounds(cursor - 1)
        line = text[previous_start : cursor - 1].strip()
        if not line or _is_bullet(line) or len(line) > 80 or previous_start <= region_start:
            break
        above.insert(0, line)
        cursor = previous_start
    if above:
        return cursor, " | ".join(above + ([rest] if rest else []))
    following = text[line_end + 1 : document.line_bounds(line_end + 1)[1]].strip() if line_end < len(text) else ""
    return line_start, " | ".join(part for part in (rest, following) if part and not _is_bullet(following))


@lru_cache(maxsize=1)
def _stamped_date() -> re.Pattern[str]:
    """A date the resume gives as its own ("Updated March 2015", "as of 05/2015", "Expected May 2015"): a word
    of `written` in dates.toml, then a month and year or a year alone."""
    data = _dates()
    months = "|".join(re.escape(n) for n in sorted([*data["months"], *data["seasons"]], key=len, reverse=True))
    words = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(data["written"], key=len, reverse=True))
    return re.compile(
        rf"\b(?:{words})\b[:,]?{_SPACE}(?:on{_SPACE}|in{_SPACE})?"
        rf"(?:(?P<mon>{months})\.?{_SPACE},?{_SPACE}|(?P<mm>0?[1-9]|1[0-2]){_SPACE}[/.\-]{_SPACE})?"
        rf"(?P<year>{_YEAR})",
        re.IGNORECASE,
    )


def stamped_month(text: str, today: dt.date) -> tuple[int, int] | None:
    """Return (month index, offset) of the latest date the resume gives as its own, up to today, or None. A year
    alone is its middle month. Other dates (a paper's year, a course) say nothing of when it was written."""
    data = _dates()
    now = today.year * 12 + today.month - 1
    latest: tuple[int, int] | None = None
    for match in _stamped_date().finditer(text):
        year = int(match.group("year"))
        if match.group("mon"):
            name = match.group("mon").lower()
            month = data["months"].get(name) or data["seasons"][name]
        elif match.group("mm"):
            month = int(match.group("mm"))
        else:
            month = data["year_only_month"]
        index = year * 12 + month - 1
        if index <= now and (latest is None or index > latest[0]):
            latest = (index, match.start())
    return latest


def _resume_date(text: str, ranges: list[DateRange], today: dt.date) -> tuple[dt.date, int] | None:
    """The date an old resume was written, to count its running roles up to ("Jun 2013 - Present" on a resume
    "Updated March 2015" ran to 2015 as far as it says, not to today), with the offset of the date that tells
    it; None when the resume gives no such date after its running roles began (it is then counted to today)."""
    running = [r.start for r in ranges if r.present]
    if not running:
        return None
    latest = stamped_month(text, today)
    now = today.year * 12 + today.month - 1
    if latest is None or latest[0] <= max(running) or latest[0] >= now:
        return None
    index, offset = latest
    return dt.date(index // 12, index % 12 + 1, 1), offset


def dated_roles(
    document: Document, today: dt.date, extraction: Extraction | None = None, taxonomy: Taxonomy | None = None
) -> list[DatedRole]:
    """Return the resume's dated roles in reading order, each with the skills named in its block. Running roles
    are counted up to the resume's own latest date when it names one after they began (`_resume_date`). With
    the `taxonomy`, a role also has the skills its title names ("Java Developer", "iOS Developer") and the
    languages its shown skills are built on (Spring Boot is Java work)."""
    blocks = _role_blocks(document, today)
    roles = [replace(block.role, skills=[]) for block in blocks]
    if extraction is not None:
        # Each mention's offset with its skill, in text order: a role's skills are one slice of it.
        named = sorted((m.start, index) for index, skill in enumerate(extraction.skills) for m in skill.mentions)
        offsets = [start for start, _ in named]
        for role in roles:
            inside = named[bisect_left(offsets, role.block_start) : bisect_left(offsets, role.block_end)]
            role.skills = [extraction.skills[index].id for index in sorted({index for _, index in inside})]
        # A role's skills imply the field they belong to: React and CSS in a role make it front-end work, so its
        # years count for "2+ years of front-end development"; a researcher's JAX does not.
        implied = [(skill.id, set(skill.inferred_from)) for skill in extraction.skills if skill.inferred_from]
        by_rules: dict[frozenset[str], list[str]] = {}  # roles that show the same skills are read by the rules once
        for role in roles:
            shown = frozenset(role.skills)
            role.skills += [skill for skill, sources in implied if sources & shown and skill not in shown]
            # The inference rules read in one role, whether or not the resume names the field elsewhere: a role of
            # Go microservices on Kafka is back-end work even when the summary says "backend" once.
            if shown not in by_rules:
                by_rules[shown] = _implied_in_role(shown, taxonomy)
            role.skills += [skill for skill in by_rules[shown] if skill not in role.skills]
    for role, block in zip(roles, blocks, strict=True):
        if block.title is not None:
            role.skills += [skill for skill in block.title_skills if skill not in role.skills]
            if taxonomy is not None and extraction is not None:
                named_skills = _skills_named_in_title(block.title, extraction, taxonomy)
                role.skills += [s for s in named_skills if s not in role.skills]
    if taxonomy is not None:
        for role in roles:
            role.skills += [s for s in _languages_under(role.skills, taxonomy) if s not in role.skills]
    return roles


@dataclass(frozen=True)
class _RoleBlock:
    """A dated role as the text alone gives it (no skills yet), with the title its heading names."""

    role: DatedRole
    title: Title | None
    title_skills: tuple[str, ...]


# The blocks of the last documents read, by their text, sections and day: the skills' inference and the job fit
# both ask for the roles of the same resume.
_BLOCKS: dict[tuple[str, tuple[Section, ...], dt.date], tuple[_RoleBlock, ...]] = {}
_BLOCKS_KEPT = 2
on_forget(_BLOCKS.clear, texts=True)


def _role_blocks(document: Document, today: dt.date) -> tuple[_RoleBlock, ...]:
    """The dated roles of the resume without their skills, found once for its text, sections and day."""
    key = (document.text, tuple(document.sections), today)
    blocks = _BLOCKS.get(key)
    if blocks is None:
        blocks = _BLOCKS[key] = _find_role_blocks(document, today)
        for older in list(_BLOCKS)[:-_BLOCKS_KEPT]:
            _BLOCKS.pop(older, None)
    return blocks


def _find_role_blocks(document: Document, today: dt.date) -> tuple[_RoleBlock, ...]:
    text = document.text
    regions, _ = _role_regions(document)
    roles: list[DatedRole] = []
    every_range = find_date_ranges(text, today)  # of the whole text once, not once per region
    written = _resume_date(text, every_range, today)
    counted_to = ""
    if written is not None:
        every_range = find_date_ranges(text, written[0])
        counted_to = document.line_at(written[1], written[1])
    for region_start, region_end in regions:
        ranges = [r for r in every_range if region_start <= r.offset < region_end]
        ends = [region_start] + [r.end_offset for r in ranges]
        offsets = [r.offset for r in ranges[1:]] + [region_end]
        starts = [_heading_of(document, r, region_start, (ends[i], offsets[i])) for i, r in enumerate(ranges)]
        for index, (dates, (block_start, heading)) in enumerate(zip(ranges, starts, strict=True)):
            block_end = starts[index + 1][0] if index + 1 < len(ranges) else region_end
            role = DatedRole(dates, block_start, max(block_end, dates.end_offset), heading)
            role.counted_to = counted_to if dates.present else ""
            roles.append(role)
    titles: dict[str, Title | None] = {}  # a heading said again (a long line's empty ones) is read once
    blocks = []
    for role in roles:
        if role.heading not in titles:
            titles[role.heading] = read_title(role.heading)
        title = titles[role.heading]
        blocks.append(_RoleBlock(role, title, tuple(skills_of_title(title)) if title is not None else ()))
    return tuple(blocks)


def _implied_in_role(shown: frozenset[str], taxonomy: Taxonomy | None) -> list[str]:
    """Return the skills the skill rules of `taxonomy/inference.toml` imply from one role's own skills (with
    `min_skills` of them in this role), so its years count for the field its work shows."""
    from gapcheck.infer import rules

    found: dict[str, None] = {}
    for rule in rules():
        if rule.skills and sum(s in shown for s in rule.skills) >= rule.min_skills:
            for skill_id in rule.implies:
                found[skill_id] = None
                if taxonomy is not None and skill_id in taxonomy.skills:
                    found.update(dict.fromkeys(taxonomy.implied_by(skill_id)))
    return [s for s in found if s not in shown]


_TITLE_TOKEN = re.compile(r"[^\W_][\w+#.]*")


def _skills_named_in_title(title: Title, extraction: Extraction, taxonomy: Taxonomy) -> list[str]:
    """Return the resume's skills that a role's title names ("Java Developer", "Senior iOS Developer"): words of
    the title's own segment (not the employer's) that are a name of a skill the resume names elsewhere."""
    segment = next(
        (part for part in re.split(r"\s*(?:[,|;•·@(]|\s[-–—]\s|\s+at\s+)\s*", title.text) if read_title(part)),
        "",
    )
    tokens = [t.rstrip(".") for t in _TITLE_TOKEN.findall(segment)]
    phrases = {normalise_name(t) for t in tokens}
    phrases |= {normalise_name(f"{a} {b}") for a, b in zip(tokens, tokens[1:], strict=False)}
    titled = {skill_id for phrase in phrases for skill_id in taxonomy.skills_named(phrase)}
    return [found.id for found in extraction.skills if found.id in titled]


# The kinds of skill whose use is use of the language they are written in: a framework, a library, a tool or a
# platform. A concept's prerequisites (web development: HTML) or another language's (Objective-C: C) are not.
BUILT_ON_A_LANGUAGE = frozenset({"framework", "library", "tool", "platform"})


def _languages_under(skills: list[str], taxonomy: Taxonomy) -> list[str]:
    """Return the languages the role's frameworks and libraries are built on: their prerequisites that are
    languages (Spring Boot needs Java, SwiftUI needs Swift), so that years of the framework are years of the
    language too."""
    found: dict[str, None] = {}
    for skill_id in skills:
        skill = taxonomy.skills.get(skill_id)
        if skill is None or skill.kind not in BUILT_ON_A_LANGUAGE:
            continue
        for needed in skill.prerequisites:
            if needed in taxonomy.skills and taxonomy.skills[needed].kind == "language":
                found[needed] = None
    return list(found)


# ------------------------------------------------------------------------------------------------ verdict


def _years_verdict(shown: float, asked: float) -> Verdict:
    if shown >= asked:
        return "meets"
    return "partly" if shown >= asked / 2 else "missing"


@dataclass(frozen=True)
class SkillYearsAsked:
    id: str
    name: str
    years: float
    importance: str


@dataclass(frozen=True)
class YearsAskedSide:
    """The job's side of the experience check: the years asked in total (None: none) and per skill."""

    summary: str
    years: float | None
    skills: tuple[SkillYearsAsked, ...]
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class RoleYears:
    """A dated role as the experience check shows it."""

    title: str
    dates: str
    start: str
    end: str
    years: float
    skills: tuple[str, ...]


@dataclass(frozen=True)
class YearsShownSide:
    """The resume's side of the experience check: the years its dated roles cover (None: no dated role), each
    role, the years per skill, and the lines that state years in words (`claimed`, shown but not checked)."""

    summary: str
    years: float | None
    roles: tuple[RoleYears, ...]
    skills: dict[str, float]
    claimed: tuple[str, ...]
    evidence: tuple[str, ...]


def experience_fit(
    resume: Document,
    asks: Sequence[YearsAsked],
    *,
    extraction: Extraction | None = None,
    today: dt.date,
    roles: list[DatedRole] | None = None,
) -> FitCheck:
    """Return the years the job asks for (`asks`: total and per skill, read with the job) against the years the
    resume's dated roles show (`roles`: `dated_roles(resume, today, extraction)`, found here if not given)."""
    if roles is None:
        roles = dated_roles(resume, today, extraction)
    regions_are_sections = _role_regions(resume)[1]
    total = [a for a in asks if a.skill is None]
    per_skill = [a for a in asks if a.skill is not None]
    required_total = [a for a in total if a.importance in ("must", "required")] or total
    total_asked = min((a.years for a in required_total), default=None)
    # Years asked with a skill are years of experience too: "5+ years of Java" needs 5 years in all.
    skill_floor = max((a.years for a in per_skill if a.importance in ("must", "required")), default=None)
    # A total no greater than a field's years is part of that ask ("10+ years of experience" above "10+ years of
    # product management"): met by work in another field, it must not lift the field's missing years to partly.
    implied_total = skill_floor is not None and (total_asked is None or skill_floor >= total_asked)
    if implied_total:
        total_asked = skill_floor
        required_total = [a for a in per_skill if a.importance in ("must", "required") and a.years == skill_floor]

    shown_months = covered_months([r.dates for r in roles])
    shown = years_of(shown_months) if roles else None
    skill_months = _months_per_skill(roles)
    stated = {s.id for s in extraction.skills if s.stated} if extraction else set()
    stated_years = _stated_years(resume, extraction) if extraction else {}

    parts: list[YearsPart] = []
    # Years asked only in a field ("2+ years of front-end development") are counted in that field, by its skill's
    # part below: the resume's years in other work do not meet them, so no total part stands beside it.
    if total_asked is not None and not implied_total:
        verdict = _years_verdict(shown, total_asked) if shown is not None else "unknown"
        evidence = tuple(a.line for a in required_total if a.years == total_asked)[:1]
        parts.append(YearsPart(what="total", asked=total_asked, shown=shown, verdict=verdict, evidence=evidence))
    for ask in per_skill:
        # "6+ years of industry experience in NLP": the years of a PhD or a student job are not industry years.
        asked_of = [r for r in roles if not _is_study(r)] if _asks_industry(ask.line) else roles
        months = covered_months([r.dates for r in asked_of if ask.skill in r.skills])
        if not roles:
            verdict, years = "unknown", None
        elif months:
            years = years_of(months)
            verdict = _years_verdict(years, ask.years)
        else:
            years = None
            verdict = "unknown" if ask.skill in stated else "missing"
        lines = [r.heading + " (" + r.dates.text + ")" for r in asked_of if ask.skill in r.skills]
        if not lines and ask.skill in stated_years:
            # No dated role shows the skill, but the summary states its years ("Six years building iOS apps").
            years, line = stated_years[ask.skill]
            verdict, lines = _years_verdict(years, ask.years), [line]
        parts.append(YearsPart(what="skill", id=ask.skill, name=ask.name, asked=ask.years, shown=years,
                               importance=ask.importance, verdict=verdict, evidence=tuple(lines)))  # fmt: skip

    asked_words = [f"{total_asked:g}+ years in total"] if total_asked is not None and not implied_total else []
    asked_words += [f"{a.years:g}+ years of {a.name}" for a in per_skill]
    job_side = YearsAskedSide(
        summary="; ".join(asked_words) or "no years of experience named",
        years=total_asked,
        skills=tuple(SkillYearsAsked(a.skill or "", a.name, a.years, a.importance) for a in per_skill),
        evidence=tuple(dict.fromkeys(a.line for a in asks if a.line)),
    )
    claimed = tuple(_claims(resume))
    counted_to = next((r.counted_to for r in roles if r.counted_to), "")
    if roles:
        first = min(r.dates.start for r in roles)
        running = any(r.dates.present for r in roles)
        last = max(r.dates.end for r in roles) - 1
        until = month_label(last) if not running or counted_to else "today"
        summary = f"{shown:g} years from {counted(len(roles), 'dated role')}, {month_label(first)} to {until}"
    else:
        summary = "no dated roles found"
    resume_side = YearsShownSide(
        summary=summary,
        years=shown,
        roles=tuple(
            RoleYears(
                title=r.heading,
                dates=r.dates.text,
                start=month_label(r.dates.start),
                end="present" if r.dates.present else month_label(r.dates.end - 1),
                years=years_of(r.dates.months),
                skills=tuple(r.skills),
            )
            for r in roles
        ),
        skills={skill_id: years_of(months) for skill_id, months in sorted(skill_months.items())},
        claimed=claimed,
        evidence=tuple(resume.line_at(r.dates.offset, r.dates.end_offset) for r in roles),
    )

    if not asks:
        return FitCheck("unknown", job_side, resume_side, "The job names no years of experience.")
    if not roles:
        where = "experience section" if regions_are_sections else "resume (no experience section was found)"
        note = f"No date ranges were found in the {where}, so the years cannot be counted."
        if claimed:
            note += " The resume states years in words, which are shown but not checked."
        return FitCheck("unknown", job_side, resume_side, note, tuple(parts))
    asked_on = [""] * (len(parts) - len(per_skill)) + [a.line for a in per_skill]
    verdict = combine(_ask_verdicts(parts, asked_on))
    note = "Overlapping roles are counted once; a year without a month counts from mid-year."
    if counted_to:
        note += f' Running roles are counted up to the resume\'s latest date, not today: "{counted_to}".'
    elif shown is not None and any(r.dates.present for r in roles):
        note += _claim_disagrees(claimed, shown)

    if not regions_are_sections:
        note = "No experience section was found: dates outside the other sections were read. " + note
    return FitCheck(verdict, job_side, resume_side, note, tuple(parts))


@lru_cache(maxsize=1)
def _study_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The words of titles.toml that make a role one of study ([study_roles]) and an ask one of industry years."""
    data = data_file("titles.toml")["study_roles"]

    def any_of(words: list[str]) -> re.Pattern[str]:
        return re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")\b", re.I)

    return any_of(data["titles"]), any_of(data["industry_asks"])


def _is_study(role: DatedRole) -> bool:
    return bool(_study_words()[0].search(role.heading))


def _asks_industry(line: str) -> bool:
    return bool(line) and bool(_study_words()[1].search(line))


# A line that offers fields as alternatives: "in an SRE or infrastructure role", "with Java/Java EE"; one that
# also joins with "and" ("CI/CD and Kubernetes") asks each of them.
_ALTERNATIVES = re.compile(r"\bor\b|\w/\w", re.IGNORECASE)
_BOTH = re.compile(r"\band\b|&", re.IGNORECASE)
_BEST_FIRST: tuple[Verdict, ...] = ("meets", "partly", "missing")


def _ask_verdicts(parts: Sequence[YearsPart], lines: Sequence[str]) -> list[Verdict]:
    """Return one verdict per ask, from the parts and the ad line each was asked on ("" for the total): the
    skills of one line that asks the same years of alternatives ("2+ years in a BI or reporting role",
    "Java/Java EE") are one ask, which its best part meets; other parts stand alone."""
    groups: dict[tuple, list[Verdict]] = {}
    for index, (part, line) in enumerate(zip(parts, lines, strict=True)):
        alternatives = line and _ALTERNATIVES.search(line) and not _BOTH.search(line)
        key = (line, part.asked) if alternatives else (index,)
        groups.setdefault(key, []).append(part.verdict)
    verdicts: list[Verdict] = []
    for group in groups.values():
        verdicts.append(next((v for v in _BEST_FIRST if v in group), "unknown"))
    return verdicts


# Years between what the summary states and what the dated roles add up to (running roles counted to today)
# past which the report says so: the resume may be older than today, or its summary out of date.
CLAIM_GAP_YEARS = 2.0


def _claim_disagrees(claimed: Sequence[str], shown: float) -> str:
    """Return a sentence when the years the summary states in total are far from the years counted, else ""."""
    for line in claimed:
        stated = years_floor(line)
        if stated is None:
            continue
        years, floor = stated
        # "5+ years" is a floor: 7.5 years agree with it; only fewer years than it states disagree.
        if (shown - years if not floor else 0) >= CLAIM_GAP_YEARS or years - shown >= CLAIM_GAP_YEARS:
            return (
                f' The resume states {years:g} years ("{line}") where its dated roles, counted to today, give '
                f"{shown:g}: it may be older than it looks."
            )
    return ""


def _stated_years(resume: Document, extraction: Extraction) -> dict[str, tuple[float, str]]:
    """Return, for each skill named in a summary line that states years ("Six years building iOS apps in
    Swift"), those years and the line."""
    found: dict[str, tuple[float, str]] = {}
    for section in resume.sections:
        if section.name != "summary":
            continue
        # The mentions in this section, in the skills' order: each line reads these few, not every mention.
        inside = [
            (skill, mention) for skill in extraction.skills for mention in skill.mentions
            if section.start <= mention.start < section.end
        ]  # fmt: skip
        start = section.start
        for line in resume.text[section.start : section.end].split("\n"):
            end = start + len(line)
            for skill, mention in inside:
                if start <= mention.start < end and skill.id not in found:
                    years = years_asked(line, mention.start - start, mention.end - start)
                    if years is not None:
                        found[skill.id] = (years, line.strip())
            start = end + 1
    return found


def _claims(resume: Document) -> list[str]:
    """Return the summary lines in which the resume states its years in words ("over 5 years of experience")."""
    lines = []
    for section in resume.sections:
        if section.name != "summary":
            continue
        for line in resume.text[section.start : section.end].split("\n"):
            if years_asked(line) is not None:
                lines.append(line.strip())
    return lines
