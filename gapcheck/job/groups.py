"""Lists in an ad read by meaning: which runs of names are alternatives (one of them meets the ad) and which
are all needed. The rules, with examples, are in the README ("How an ad is read").

- "X, Y or Z", "X and/or Y", "one of X, Y", "at least one of", "e.g. X, Y", "X, Y, etc.": alternatives.
- "X, Y and Z" ("proficiency in Java, Spring and SQL"): all needed.
- "Java or Kotlin and JavaScript or TypeScript": two groups, cut at the "and".
- "such as", "like", "including" before a list joined by "and": alternatives when the names are of one kind
  (frameworks like React, Vue and Angular), all needed when they are not (HTML, CSS and JavaScript).
- Examples after a category that is itself a skill ("ORM technologies (JPA2, Hibernate)", "cloud platforms
  such as AWS or GCP"): one group led by the category, which any example meets.
- One requirement named twice is one unit that either name meets: a narrower name in brackets or after a slash
  right behind the broader one ("SQL (SQL Server)", "Java/Java EE"), or an example named on its category's line
  ("ORM technologies (JPA2, Hibernate)") when the example is read on another line too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from gapcheck.job.text import cue_patterns, sentence_of
from gapcheck.model import Document, Mention
from gapcheck.skills.cues import cues
from gapcheck.taxonomy import Taxonomy

# What may stand between two items of one list: a comma, a slash, "or", "and", "and/or".
_JOIN = r"\s*(?:,|/|\||,?\s*\b(?:or|and|and/or)\b|&)\s*,?\s*"
# A list may hold one name the taxonomy does not know ("fastlane, Bitrise or GitHub Actions").
_LIST_GAP = re.compile(rf"{_JOIN}(?:(?-i:[A-Z][\w.+#-]*(?: [A-Z][\w.+#-]*)?){_JOIN})?", re.IGNORECASE)
_BRACKETED = re.compile(r"\s*\([^()\n]{1,80}\)")
_OR_GAP = re.compile(r"\bor\b|/|\|", re.IGNORECASE)
_AND_GAP = re.compile(r"^\s*,?\s*(?:and|&)\s*$", re.IGNORECASE)
_SLASH = re.compile(r"^\s*/\s*$")
# "we would like": the verb, not "frameworks like React".
_VERB_LIKE = re.compile(r"(?:would|'d|’d|you|we|they|i)\s+$", re.IGNORECASE)
# Between a category and its examples: a few words, then "(" or an examples cue ("ORM technologies (").
_CATEGORY_GAP = re.compile(r"^[ \w-]{0,40}?\s*\([^()\n]{0,40}$")


@dataclass
class _Piece:
    members: list[tuple[str, Mention]]
    has_or: bool = False
    category: tuple[str, Mention] | None = None
    extra: list[str] = field(default_factory=list)


def alternatives_groups(document: Document, mentions: list[tuple[str, Mention]], taxonomy: Taxonomy) -> dict[str, str]:
    """Map skill id -> group label for the runs of names an ad offers as alternatives."""
    patterns = cue_patterns()
    text = document.text
    groups: dict[str, str] = {}
    ordered = sorted(mentions, key=lambda item: item[1].start)
    index = 0
    while index < len(ordered):
        first = index
        run = [ordered[index]]
        gaps: list[str] = []
        while index + 1 < len(ordered):
            after = _after_brackets(text, run[-1][1].end, ordered, index)
            if after is not None:  # "Python (pandas, NumPy) or R": the list goes on after the brackets
                index = after - 1
            gap = text[run[-1][1].end : ordered[index + 1][1].start]
            if after is not None:
                gap = _BRACKETED.sub("", gap, count=1)
            if not _LIST_GAP.fullmatch(gap) or _same_family(run[-1], ordered[index + 1], gap, taxonomy):
                break
            index += 1
            run.append(ordered[index])
            gaps.append(gap)
        sentence_start, sentence_end = sentence_of(text, run[0][1].start, run[0][1].end)
        lead_in = text[max(sentence_start, run[0][1].start - 40) : run[0][1].start]
        tail = text[run[-1][1].end : min(sentence_end, run[-1][1].end + 20)]
        alternatives = _cue_before(patterns.alternatives, lead_in) or bool(patterns.list_end.match(tail.lstrip(" ,")))
        examples = _cue_before(patterns.examples, lead_in)
        offered_by_cue = _cue_before(patterns.alternatives, lead_in)
        category = _category(text, ordered[first - 1] if first else None, run[0], lead_in,
                             examples or offered_by_cue)  # fmt: skip
        if category is not None and not _is_category(category, [skill_id for skill_id, _ in run], taxonomy):
            category = None
        parenthesised = lead_in.rfind("(") > lead_in.rfind(")")
        for piece in _split_at_and(run, gaps):
            ids = list(dict.fromkeys(skill_id for skill_id, _ in piece.members))
            if category is not None and category[0] not in ids:
                offered = alternatives or parenthesised or piece.has_or or _one_kind(ids, taxonomy)
                if offered:
                    label = f"{category[1].text} (e.g. {', '.join(dict.fromkeys(m.text for _, m in piece.members))})"
                    for skill_id in [category[0], *ids]:
                        groups.setdefault(skill_id, label)
                continue
            if len(ids) < 2:
                continue
            offered = piece.has_or or alternatives or ((examples or parenthesised) and _one_kind(ids, taxonomy))
            if offered:
                label = " or ".join(dict.fromkeys(m.text for _, m in piece.members))
                for skill_id in ids:
                    groups.setdefault(skill_id, label)
        index += 1
    _add_units(document, ordered, taxonomy, groups)
    return groups


# A narrower name right behind its broader one: in brackets ("SQL (SQL Server)") or after a slash ("Java/Java EE").
_UNIT_GAP = re.compile(r"\s*(?:/|\()\s*")


def _add_units(
    document: Document, ordered: list[tuple[str, Mention]], taxonomy: Taxonomy, groups: dict[str, str]
) -> None:
    """Make one requirement of a skill and its narrower form on one line, so that the ad does not count it twice:
    a narrower name in brackets or after a slash right behind the broader one ("SQL (SQL Server)", "Java/Java EE",
    "Spring/Spring Boot") or a sibling in brackets (a dialect: "SQL (PostgreSQL)"), or an example named on its
    category's line though read on another line ("Spring and Hibernate" ... "ORM technologies (JPA2, Hibernate)").
    Either meets the unit: the narrower one says it all, the broader one earns it."""
    text = document.text
    for (a_id, a), (b_id, b) in zip(ordered, ordered[1:], strict=False):
        if a_id == b_id or a_id in groups or b_id in groups or not _UNIT_GAP.fullmatch(text[a.end : b.start]):
            continue
        bracket = "(" in text[a.end : b.start]
        if (_narrower(a_id, a.text, b_id, b.text, taxonomy) or _narrower(b_id, b.text, a_id, a.text, taxonomy)
                or (bracket and _siblings(a_id, b_id, taxonomy))):  # fmt: skip
            label = f"{a.text} ({b.text})" if bracket else f"{a.text}/{b.text}"
            groups[a_id] = groups[b_id] = label
    # Each wording of each skill once (its first mention): a name said a thousand times is weighed once, and
    # each line's names are looked up by the line, so a long ad is read in linear time.
    wordings = list({(b_id, b.text): (b_id, b) for b_id, b in ordered}.values())
    on_line: dict[int, list[tuple[int, str]]] = {}
    for b_id, b in ordered:
        on_line.setdefault(document.line_bounds(b.start)[0], []).append((b.start, b_id))
    weighed: set[tuple[str, int]] = set()
    for a_id, a in ordered:
        line_start, line_end = document.line_bounds(a.start)
        if a_id in groups or (a_id, line_start) in weighed:
            continue
        weighed.add((a_id, line_start))
        rest = text[a.end : line_end]
        read_here = {b_id for start, b_id in on_line.get(line_start, ()) if start >= a.end}
        for b_id, b in wordings:
            if b_id in groups or b_id == a_id or b_id in read_here or a_id not in _broader_chain(b_id, taxonomy):
                continue  # an example read on this line was weighed with the list above
            if re.search(rf"(?<![\w.+#-]){re.escape(b.text)}(?![\w+#-])", rest):
                groups[a_id] = groups[b_id] = f"{a.text} (e.g. {b.text})"
                break


def _siblings(a_id: str, b_id: str, taxonomy: Taxonomy) -> bool:
    """Whether two skills share a direct broader skill ("SQL (PostgreSQL)": both relational databases)."""
    a, b = taxonomy.skills.get(a_id), taxonomy.skills.get(b_id)
    return bool(a and b and set(a.broader) & set(b.broader))


def _narrower(broad_id: str, broad: str, narrow_id: str, narrow: str, taxonomy: Taxonomy) -> bool:
    """Whether one name is a narrower form of another: below it in the taxonomy, or its name with more words
    ("SQL" -> "SQL Server", "Java" -> "Java EE")."""
    if broad_id in _broader_chain(narrow_id, taxonomy):
        return True
    return narrow.lower().startswith(broad.lower() + " ")


def _after_brackets(text: str, end: int, ordered: list[tuple[str, Mention]], index: int) -> int | None:
    """The index of the first name after a bracket that follows a name and is followed by a list word
    ("Python (pandas, NumPy) or R" -> R), or None."""
    match = _BRACKETED.match(text, end)
    if match is None:
        return None
    for later in range(index + 1, len(ordered)):
        if ordered[later][1].start >= match.end():
            return later if _LIST_GAP.fullmatch(text[match.end() : ordered[later][1].start]) else None
    return None


def _cue_before(pattern: re.Pattern[str], lead_in: str) -> bool:
    """Whether a cue ends the lead-in of a list, up to a few words before it ("one of the following:")."""
    for match in pattern.finditer(lead_in):
        if match.group(0).lower() == "like" and _VERB_LIKE.search(lead_in[: match.start()]):
            continue
        if len(lead_in[match.end() :].split()) <= 3:
            return True
    return False


def _category(
    text: str, previous: tuple[str, Mention] | None, first: tuple[str, Mention], lead_in: str, examples: bool
) -> tuple[str, Mention] | None:
    """The skill named just before a list of its examples ("ORM technologies (JPA2, Hibernate)"), or None."""
    if previous is None:
        return None
    gap = text[previous[1].end : first[1].start]
    if "\n" in gap or len(gap) > 45:
        return None
    if _CATEGORY_GAP.match(gap):
        return previous
    cues = cue_patterns()
    if examples and len(gap.split()) <= 4 and (cues.examples.search(gap) or cues.alternatives.search(gap)):
        return previous
    return None


def _is_category(category: tuple[str, Mention], examples: list[str], taxonomy: Taxonomy) -> bool:
    """Whether a named skill is a category its examples belong to: a concept, named as a category ("SIEM
    tools"), or broader than one of them ("AWS (S3, Lambda)"); not a tool with its libraries ("Python
    (pandas)")."""
    skill = taxonomy.skills.get(category[0])
    if skill is None:
        return False
    if skill.kind == "concept" or category[1].text.lower().split()[-1] in _category_nouns():
        return True
    return any(category[0] in _broader_chain(example, taxonomy) for example in examples)


@lru_cache(maxsize=1)
def _category_nouns() -> frozenset[str]:
    return frozenset(cues()["importance"]["category_nouns"])


def _broader_chain(skill_id: str, taxonomy: Taxonomy) -> set[str]:
    seen: set[str] = set()
    stack = [skill_id]
    while stack:
        skill = taxonomy.skills.get(stack.pop())
        for parent in skill.broader if skill else ():
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    return seen


def _same_family(left: tuple[str, Mention], right: tuple[str, Mention], gap: str, taxonomy: Taxonomy) -> bool:
    """Two names joined by a slash that belong to one family ("Java/Java EE", "Spring/Spring Boot")."""
    if not _SLASH.match(gap):
        return False
    first_word = left[1].text.split()[0].lower().removesuffix(".js")
    if first_word and right[1].text.lower().startswith(first_word):
        return True
    skills = taxonomy.skills
    a, b = skills.get(left[0]), skills.get(right[0])
    return bool(a and b and (left[0] in b.broader or right[0] in a.broader))


def _one_kind(ids: list[str], taxonomy: Taxonomy) -> bool:
    """Whether names are of one kind with a common broader skill (React, Vue, Angular), so that each can stand
    for the others."""
    skills = [taxonomy.skills.get(i) for i in ids]
    if any(s is None for s in skills):
        return False
    kinds = {s.kind for s in skills}  # type: ignore[union-attr]
    shared = set.intersection(*(set(s.broader) for s in skills))  # type: ignore[union-attr]
    return len(kinds) == 1 and bool(shared)


def _split_at_and(run: list[tuple[str, Mention]], gaps: list[str]) -> list[_Piece]:
    """Cut a run of names at its "and"s when it also has an "or"; otherwise keep it whole."""
    has_or = any(_OR_GAP.search(gap) for gap in gaps)
    if not has_or:
        return [_Piece(run)]
    pieces = [_Piece([run[0]])]
    for gap, member in zip(gaps, run[1:], strict=True):
        if _AND_GAP.match(gap):
            pieces.append(_Piece([member]))
        else:
            pieces[-1].members.append(member)
            pieces[-1].has_or = pieces[-1].has_or or bool(_OR_GAP.search(gap))
    return pieces
