"""Decides whether a name that is also an ordinary word ("R", "Go", "Spark", "Excel") is used as a skill.

The cue words come from `taxonomy/cues.toml`. A match is accepted only with positive evidence: a skills
section, a list of other skills around it, or a telling phrase. Some neighbours veto it outright.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy
from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span, Token

from gapcheck.taxonomy import Skill, data_file


def cues() -> dict[str, Any]:
    """Return the cue words of `taxonomy/cues.toml`, read once."""
    return data_file("cues.toml")


@lru_cache(maxsize=1)
def _ambiguous_cues() -> dict[str, Any]:
    raw = cues()["ambiguous"]
    return {
        "before": [tuple(phrase.split()) for phrase in raw["before"]],
        "after": set(raw["after"]),
        "separators": set(raw["separators"]),
        "after_not": set(raw["after_not"]),
        "before_not": set(raw["before_not"]),
        "skill_sections": set(raw["skill_sections"]),
        "requirement_sections": set(raw["requirement_sections"]),
        "ordinary_words": set(raw["ordinary_words"]),
        "distinctive_endings": tuple(raw["distinctive_endings"]),
        "glue": set(raw["glue"]),
        "time_words": set(raw["time_words"]),
        "not_item_openers": set(raw["not_item_openers"]),
        "list_only": set(raw["list_only"]),
    }


# Where the skill finder keeps a Doc's tokens as a list while it weighs the evidence (see `listed_tokens`).
_TOKENS = "gapcheck_tokens"


# Where a Doc's text may be kept (`keep_text`), for `text_of`.
_TEXT = "gapcheck_text"

# Where `listed_tokens` keeps the Doc's `Marks` once they are found.
_MARKS = "gapcheck_marks"


@contextmanager
def listed_tokens(doc: Doc) -> Iterator[None]:
    """Keep the Doc's tokens as a list for the rules below while the block runs, and its text if nobody did
    (`keep_text`). The rules read tokens tens of thousands of times per resume and names' texts thousands of
    times, and both are slow from a Doc: indexing it makes a new Token object each time, and a Span joins its
    tokens anew for its text."""
    doc.user_data[_TOKENS] = list(doc)
    kept_here = _kept_text(doc) is None
    if kept_here:
        keep_text(doc, doc.text)
    try:
        yield
    finally:
        doc.user_data.pop(_TOKENS, None)
        doc.user_data.pop(_MARKS, None)
        doc.user_data.pop(_OPENINGS, None)
        doc.user_data.pop(_WORDS_BEFORE, None)
        if kept_here:
            doc.user_data.pop(_TEXT, None)


def keep_text(doc: Doc, text: str) -> None:
    """Keep `text`, which the Doc was made from, for `text_of`: `Doc.text` joins every token anew. It is kept
    with the Doc's identity, because spaCy copies `user_data` into a Doc made from a part of this one."""
    doc.user_data[_TEXT] = (id(doc), text)


def _kept_text(doc: Doc) -> str | None:
    return _kept(doc, _TEXT)


def _kept(doc: Doc, key: str) -> Any:
    """What was kept under `key` for this very Doc (spaCy copies `user_data` into a Doc made from a part of it),
    or None."""
    kept = doc.user_data.get(key)
    return kept[1] if isinstance(kept, tuple) and kept[0] == id(doc) else None


def tokens_of(span: Span) -> Sequence[Token] | Doc:
    """The tokens of the span's Doc: the list `listed_tokens` keeps, else the Doc itself (indexed the same way)."""
    return span.doc.user_data.get(_TOKENS) or span.doc


def text_of(span: Span) -> str:
    """`span.text`, cut from the Doc's kept text where there is one (`keep_text`, `listed_tokens`)."""
    doc = span.doc  # `_kept_text` spelt out: this runs for every name, several times
    kept = doc.user_data.get(_TEXT)
    if isinstance(kept, tuple) and kept[0] == id(doc):
        return kept[1][span.start_char : span.end_char]
    return span.text


@dataclass(frozen=True)
class Marks:
    """Where a Doc's line breaks and colons are, as token indices, found once from its text: the rules ask
    for the line around a name, and for a colon before it, for every name in the Doc."""

    breaks: list[int]  # tokens that hold a line break (spaCy makes every line break a token of its own)
    colons: list[int]  # tokens that are a colon


def marks_of(doc: Doc) -> Marks:
    """The Doc's `Marks`: kept while `listed_tokens` runs, else found anew."""
    kept = _kept(doc, _MARKS)
    if kept is not None:
        return kept  # type: ignore[no-any-return]
    marks = _find_marks(doc)
    if _TOKENS in doc.user_data:
        doc.user_data[_MARKS] = (id(doc), marks)
    return marks


def _find_marks(doc: Doc) -> Marks:
    """Look for the marks in the text at once (numpy), then place each in its token by the tokens' offsets."""
    if not len(doc):
        return Marks([], [])
    text = _kept_text(doc)
    if text is None:
        text = doc.text
    offsets = doc.to_array([IDX, LENGTH])
    starts, lengths = offsets[:, 0], offsets[:, 1]
    chars = numpy.frombuffer(text.encode("utf-32-le"), dtype=numpy.uint32)

    def places(char: str) -> tuple[Any, Any, Any]:
        """The token of every `char` in the text, its offset in that token, and the token's length."""
        at = numpy.flatnonzero(chars == ord(char))
        index = numpy.searchsorted(starts, at, side="right") - 1
        return index, at - starts[index], lengths[index]

    index, offset, length = places("\n")
    breaks = set(index[offset < length].tolist())  # a token's trailing whitespace is a space at most
    index, offset, length = places(":")
    colons = set(index[(offset == 0) & (length == 1)].tolist())
    return Marks(sorted(breaks), sorted(colons))


@lru_cache(maxsize=1)
def _before_phrases_by_length() -> dict[int, frozenset[tuple[str, ...]]]:
    """The telling phrases before a name ("programming in"), by their number of words: one look per length."""
    by_length: dict[int, set[tuple[str, ...]]] = {}
    for phrase in _ambiguous_cues()["before"]:
        by_length.setdefault(len(phrase), set()).add(phrase)
    return {length: frozenset(phrases) for length, phrases in sorted(by_length.items())}


def needs_evidence(span: Span, skill: Skill) -> bool:
    """True when the matched words could be an ordinary word: one token that is a common word ("CV", "Access"),
    a short acronym in lower case glued to a word ("bi-weekly"), or a plain-word name of a skill the taxonomy
    marks ambiguous ("Go", "Spark" but not "Golang", "PySpark")."""
    if len(span) != 1:
        return False
    cue = _ambiguous_cues()
    if text_of(span).lower() in cue["ordinary_words"] or _is_a_glued_word_piece(span, skill, cue["glue"]):
        return True
    return skill.ambiguous and not _is_distinctive(text_of(span), cue["distinctive_endings"])


def _is_a_glued_word_piece(span: Span, skill: Skill, glue: set[str]) -> bool:
    """ "bi-weekly", "fp-ts": an acronym's letters in lower case, glued by a hyphen to a word, are a piece of that
    word. Such a match needs evidence, and the glue then vetoes it."""
    text = text_of(span)
    if not (text.islower() and len(text) <= 2) or not any(n.isupper() and n.lower() == text for n in skill.names()):
        return False
    doc = tokens_of(span)
    glued_after = span.end < len(doc) and doc[span.end].text in glue and not span[-1].whitespace_
    glued_before = span.start > 0 and doc[span.start - 1].text in glue and not doc[span.start - 1].whitespace_
    return glued_after or glued_before


def _is_distinctive(text: str, endings: tuple[str, ...]) -> bool:
    """A spelling no ordinary word has: digits or marks ("ggplot2", "C#"), inner capitals ("PySpark"), or a
    technical ending ("Golang", "ReactJS")."""
    if any(not char.isalpha() for char in text):
        return True
    if any(char.isupper() for char in text[1:]) and not text.isupper():
        return True
    return len(text) > 4 and text.lower().endswith(endings)


def _in_skill_section(span: Span, sections: Sequence[tuple[int, int, str]], names: set[str]) -> bool:
    return any(start <= span.start_char < end and name in names for start, end, name in sections)


# How far a "line" reaches on either side of a name: a one-line document must not make every name read it all.
LINE_REACH = 100


def _line_bounds(span: Span) -> tuple[int, int]:
    """Token indices of the line that holds the span, at most LINE_REACH tokens each way: from the token after
    the last line break before the span to the first line break after it."""
    breaks = marks_of(span.doc).breaks
    floor, ceiling = max(0, span.start - LINE_REACH), min(len(span.doc), span.end + LINE_REACH)
    before = bisect.bisect_left(breaks, span.start)
    start = max(floor, breaks[before - 1] + 1) if before else floor
    after = bisect.bisect_left(breaks, span.end)
    end = min(ceiling, breaks[after]) if after < len(breaks) else ceiling
    return start, end


# Kinds whose canonical name is only capitalised as the start of a sentence ("Transformers", "Probability"):
# written in lower case they are as plausible as in capitals.
_SENTENCE_CASE_KINDS = {"concept", "method", "soft skill"}


def _is_case_plausible(span: Span, skill: Skill) -> bool:
    """Reject "go" or "spark" in lower case when the skill is written with capitals; single letters always."""
    text = text_of(span)
    forms = [name for name in skill.names() if name.lower() == text.lower()]
    if skill.kind in _SENTENCE_CASE_KINDS and skill.name in forms and not skill.name.isupper():
        forms.append(skill.name[:1].lower() + skill.name[1:])
    if any(form == text for form in forms):
        return True
    if len(text) <= 2:
        return False
    if forms and all(form.isupper() for form in forms) and not text.isupper():
        return False  # "Solid SQL" is not SOLID
    return not (text.islower() and any(not form.islower() for form in forms))


def is_skill_use(span: Span, skill: Skill, spans: Sequence[Span], accepted_ids: set[str]) -> bool:
    """Return True when an ambiguous match shows evidence of being the skill rather than the word."""
    if not needs_evidence(span, skill):
        return True
    cue = _ambiguous_cues()
    if _is_vetoed(span, spans, cue):
        return False
    sections = span.doc.user_data.get("sections", ())
    if _in_skill_section(span, sections, cue["skill_sections"]) or _is_on_a_line_of_skills(span, spans, cue):
        return True
    # In a run of tags a lower-case name is the tool ("django go docker"); other casings must still fit.
    in_run = _is_in_a_run_of_names(span, spans, accepted_ids)
    if not (_is_case_plausible(span, skill) or (in_run and text_of(span).islower())):
        return False
    if in_run:
        return True
    word = text_of(span).lower()
    if word in cue["list_only"]:
        separators = cue["separators"]
        return _stands_in_a_list(span, spans, cue) or _is_in_list_of_skills(span, spans, accepted_ids, separators)
    in_requirements = _in_skill_section(span, sections, cue["requirement_sections"])
    if in_requirements and _heads_an_item_or_list(span, spans, cue, word not in cue["not_item_openers"]):
        return True
    doc = tokens_of(span)
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lower_ in cue["after"]:
        return True
    for length, phrases in _before_phrases_by_length().items():
        if span.start >= length and tuple(token.lower_ for token in doc[span.start - length : span.start]) in phrases:
            return True
    if _is_an_example_in_brackets(span, spans, accepted_ids, cue["separators"]):
        return True
    return _is_in_list_of_skills(span, spans, accepted_ids, cue["separators"], skill.kind not in _SENTENCE_CASE_KINDS)


def _is_vetoed(span: Span, spans: Sequence[Span], cue: dict[str, Any]) -> bool:
    """Neighbours that show the ordinary word: "Excel at", "C-level", "R&D", "Julia Chen", "in Spring 2024"."""
    doc = tokens_of(span)
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 1] if span.start > 0 else None
    if after is not None and after.lower_ in cue["after_not"]:
        return True
    if before is not None and before.lower_ in cue["before_not"]:
        return True
    # Glued to a hyphen or ampersand: part of a compound word ("go-to-market", "Objective-C", "R&D").
    if after is not None and after.text in cue["glue"] and not span[-1].whitespace_:
        return True
    if before is not None and before.text in cue["glue"] and not before.whitespace_:
        return True
    if after is not None and before is not None and before.lower_ in cue["time_words"] and _is_year(after):
        return True
    return _is_a_spaced_abbreviation(span) or _looks_like_a_person(span, spans)


def _is_a_spaced_abbreviation(span: Span) -> bool:
    """ "R & D", "P & L": a single letter joined by an ampersand to another single capital letter."""
    if len(text_of(span)) != 1:
        return False
    doc = tokens_of(span)
    left = doc[max(0, span.start - 2) : span.start]
    right = doc[span.end : span.end + 2]
    joined_left = len(left) == 2 and left[1].text == "&" and _is_capital_letter(left[0].text)
    return joined_left or (len(right) == 2 and right[0].text == "&" and _is_capital_letter(right[1].text))


def _is_capital_letter(text: str) -> bool:
    return len(text) == 1 and text.isupper()


def _is_year(token: Any) -> bool:
    return token.is_digit and len(token.text) == 4 and token.text.startswith(("19", "20"))


def _looks_like_a_person(span: Span, spans: Sequence[Span]) -> bool:
    """ "Julia Chen": a capitalised name followed by a capitalised word that is not itself a skill."""
    doc = tokens_of(span)
    if span.end >= len(doc) or not text_of(span)[:1].isupper() or text_of(span).isupper():
        return False
    following = doc[span.end]
    if not (following.is_title and following.is_alpha) or span[-1].whitespace_ != " ":
        return False
    if following.lower_ in _ambiguous_cues()["after"]:
        return False
    # Right after another name it is an item of a list whose line ran on ("Vue.js Angular React Experience in").
    return not any(other.start == span.end or other.end == span.start for other in spans if other is not span)


def _between_is_separator(span: Span, other: Span, separators: set[str]) -> bool | None:
    """True if only list separators stand between two spans, False if nothing or other words do."""
    doc = tokens_of(span)
    between = doc[other.end : span.start] if other.end <= span.start else doc[span.end : other.start]
    return 0 < len(between) <= 2 and all(token.lower_ in separators for token in between)


# How far back from a name in brackets the opening bracket may be, and how many plain words may stand between the
# name before the brackets and the bracket ("ORM technologies (JPA2, Hibernate)").
_BRACKET_REACH = 8
_WORDS_BEFORE_BRACKET = 2


def _is_an_example_in_brackets(span: Span, spans: Sequence[Span], accepted_ids: set[str], separators: set[str]) -> bool:
    """ "ORM technologies (Ebean, Hibernate)": the name is one of the examples in brackets after a skill's name;
    the examples before it may be names the taxonomy lacks, written as names (capitalised, or with digits)."""
    doc = tokens_of(span)
    index = span.start - 1
    while index >= max(0, span.start - _BRACKET_REACH) and doc[index].text != "(":
        token = doc[index]
        if not (token.lower_ in separators or (token.text[:1].isupper() or any(c.isdigit() for c in token.text))):
            return False
        index -= 1
    if index < 1 or doc[index].text != "(":
        return False
    ends = {other.end for other in spans if other.label_ in accepted_ids and other is not span}
    for before in range(index, max(0, index - _WORDS_BEFORE_BRACKET - 1), -1):
        if before in ends:
            return True
        if before < index and not doc[before].is_lower:
            return False
    return False


def _is_in_list_of_skills(
    span: Span, spans: Sequence[Span], accepted_ids: set[str], separators: set[str], named_tool: bool = False
) -> bool:
    """True when a separator links the span to another skill on the same line ("C/C++", "Python, R, SQL"),
    or when it is one of three or more names in a run of separators ("Rust, Go and C"). A tool's name counts
    right next to another skill too ("Scala Java Go"), but a general word there is what the tool does
    ("RabbitMQ queues")."""
    line_start, line_end = _line_bounds(span)
    on_line = sorted(
        (other for other in spans if line_start <= other.start < line_end and other.end <= line_end),
        key=lambda other: other.start,
    )
    for other in on_line:
        if other is span or other.label_ not in accepted_ids:
            continue
        if (other.end <= span.start or other.start >= span.end) and _between_is_separator(span, other, separators):
            return True
        # Lists written without separators ("Scala Java Go", "J2EE Spring ORM Kafka"): right next to a skill.
        if named_tool and (other.end == span.start or other.start == span.end):
            return True
    index = next(i for i, other in enumerate(on_line) if other is span) if span in on_line else -1
    if index < 0:
        return False
    first = last = index
    while first > 0 and _between_is_separator(on_line[first], on_line[first - 1], separators):
        first -= 1
    while last + 1 < len(on_line) and _between_is_separator(on_line[last], on_line[last + 1], separators):
        last += 1
    return last - first + 1 >= 3


# How many names in a row, with nothing between them, make a run of tags ("java spring docker").
RUN_OF_NAMES = 3


def _is_in_a_run_of_names(span: Span, spans: Sequence[Span], accepted_ids: set[str]) -> bool:
    """True when the name stands in a run of three or more names with nothing between them, at least two of the
    others accepted: a tag list whose line breaks were lost ("Technologies reactjs django go docker"). Prose puts
    words between names. A single letter is too common a word to count this way."""
    if len(text_of(span)) == 1:
        return False
    starts = {other.start: other for other in spans}
    ends = {other.end: other for other in spans}
    run = [span]
    while run[0].start in ends:
        run.insert(0, ends[run[0].start])
    while run[-1].end in starts:
        run.append(starts[run[-1].end])
    accepted = sum(1 for other in run if other is not span and other.label_ in accepted_ids)
    return len(run) >= RUN_OF_NAMES and accepted >= RUN_OF_NAMES - 1


def _heads_an_item_or_list(span: Span, spans: Sequence[Span], cue: dict[str, Any], may_open: bool = True) -> bool:
    """In a job ad's requirements: the name opens a bullet item ("- React on the front end"), unless `may_open`
    is False, or stands in a list with another name ("Spark or Flink")."""
    line_start, _ = _line_bounds(span)
    lead = [token for token in tokens_of(span)[line_start : span.start] if not token.is_space]
    if may_open and all(token.is_punct or token.text in ("*", "•", "·", "+") for token in lead):
        return True
    return _stands_in_a_list(span, spans, cue)


def _stands_in_a_list(span: Span, spans: Sequence[Span], cue: dict[str, Any]) -> bool:
    """The name and another one stand with only separators between them ("Spark or Flink", "(AppsFlyer, Adjust)")."""
    return any(
        other is not span and (other.end <= span.start or other.start >= span.end)
        and _between_is_separator(span, other, cue["separators"])
        for other in spans
    )  # fmt: skip


def _is_on_a_line_of_skills(span: Span, spans: Sequence[Span], cue: dict[str, Any]) -> bool:
    """A line that is nothing but names and separators is a list of skills ("Technologies: java go docker")."""
    line_start, line_end = _line_bounds(span)
    inside = sorted((other for other in spans if line_start <= other.start and other.end <= line_end),
                    key=lambda other: other.start)  # fmt: skip
    if len(inside) < 3:
        return False
    # Other words may stand only as a label before the list ("Technologies:", "Tech stack:"): two at most.
    first_name = inside[0].start
    words = _words_before(span.doc, cue)
    if words[first_name] - words[line_start] > 2:
        return False
    position = first_name  # and after the first name, none between the names
    for other in inside:
        if other.start > position and words[other.start] > words[position]:
            return False
        position = max(position, other.end)
    return position >= line_end or words[line_end] == words[position]


# Where `_words_before` keeps a Doc's counts while `listed_tokens` runs.
_WORDS_BEFORE = "gapcheck_words_before"


def _words_before(doc: Doc, cue: dict[str, Any]) -> list[int]:
    """How many words (tokens that are not punctuation, space or a list separator) stand before each token
    index of the Doc: the words of any stretch in one subtraction, rather than a walk over its tokens for every
    name on a line. Counted once per Doc while `listed_tokens` runs."""
    kept = _kept(doc, _WORDS_BEFORE)
    if kept is not None:
        return kept  # type: ignore[no-any-return]
    separators = cue["separators"]
    counts = [0]
    total = 0
    for token in doc.user_data.get(_TOKENS) or doc:
        if not (token.is_punct or token.is_space or token.lower_ in separators):
            total += 1
        counts.append(total)
    if _TOKENS in doc.user_data:
        doc.user_data[_WORDS_BEFORE] = (id(doc), counts)
    return counts


@lru_cache(maxsize=1)
def _role_nouns() -> frozenset[str]:
    return frozenset(cues()["roles"]["nouns"])


@lru_cache(maxsize=1)
def _role_cues() -> dict[str, frozenset[str]]:
    """The word lists of `[roles]` in cues.toml as sets: they are looked up for every name in a document."""
    raw = cues()["roles"]
    return {key: frozenset(raw[key]) for key in ("organisations", "profiles", "possessives", "workplace")}


def covered_tokens(spans: Sequence[Span]) -> frozenset[int]:
    """Return the indices of every token inside one of the spans: made once per Doc, read for every name."""
    return frozenset(index for span in spans for index in range(span.start, span.end))


@lru_cache(maxsize=1)
def _list_separators() -> frozenset[str]:
    """The separators of a list of names, but those that may also introduce one after a title."""
    return frozenset(_ambiguous_cues()["separators"] - {"(", "-", "–"})


def names_a_role(span: Span, skill: Skill, spans: Sequence[Span], covered: frozenset[int] | None = None) -> bool:
    """True when the match is part of a job title rather than a skill: "Java Developer", "software engineers",
    "Backend Engineer (Python)", "Full Stack Engineer (JavaScript / React)", "Data Scientist, Pricing". Annotators
    of job ads, and recruiters, read a title as the role, not as a statement of skill. An organisation's name
    ("Graphic Design Institute") and a profile link ("my GitHub") are names too, not skills. `covered` is
    `covered_tokens(spans)`, passed in so that a Doc with many names does not rebuild it for each."""
    roles = _role_nouns()
    if covered is None:
        covered = covered_tokens(spans)
    doc = tokens_of(span)
    if span[-1].lower_ in roles and not skill.name.lower().endswith(span[-1].lower_) and not _opens_an_activity(span):
        return True  # "software engineers", but not "Microsoft Teams" or "leading a team"
    if span.end < len(doc) and doc[span.end].lower_ in roles:
        return True
    if _names_an_organisation_or_profile(span) or _follows_a_title_label(span, covered):
        return True
    if _leads_to_a_title(span, covered, roles):
        return True
    if skill.kind == "soft skill" and _describes_the_workplace(span, spans):
        return True
    if _follows_a_culture_phrase(span):
        return True
    # Walk back over the list this name is in, to what introduces it: "Engineer (" or "Engineer -".
    index = _list_opening(span, covered)
    if index >= 1 and doc[index].text in ("(", "-", "–") and doc[index - 1].lower_ in roles:
        return True
    # "Data Scientist, Pricing": a title in capitals, then the team or product it is for.
    before = doc[span.start - 2 : span.start] if span.start >= 2 else []
    return (
        len(before) == 2 and before[1].text == "," and before[0].lower_ in roles and before[0].is_title
        and text_of(span)[:1].isupper() and _is_last_on_line(span)
    )  # fmt: skip


def _opens_an_activity(span: Span) -> bool:
    """ "leading a team", "managing engineers": a name that opens with a verb's -ing form names what a person does,
    not a role, though it ends in a role noun."""
    return len(span) > 1 and span[0].is_alpha and span[0].lower_.endswith("ing")


# Where `_list_opening` keeps, for one Doc and one set of covered tokens, where each walk it made ended.
_OPENINGS = "gapcheck_list_openings"


def _list_opening(span: Span, covered: frozenset[int]) -> int:
    """The token before the list of names that holds the span (-1 at the start of the Doc): the walk back over
    names, separators, and dashes between names ("Web Developer - JavaScript - React"). Every token a walk
    passes ends at the same place, so that is kept while `listed_tokens` runs: a list of thousands of names
    is walked once, not once per name."""
    doc = tokens_of(span)
    kept = span.doc.user_data.get(_OPENINGS)
    if isinstance(kept, tuple) and kept[0] == id(span.doc) and kept[1] is covered:
        ends: dict[int, int] = kept[2]
    else:
        ends = {}
        if _TOKENS in span.doc.user_data:
            span.doc.user_data[_OPENINGS] = (id(span.doc), covered, ends)
    separators = _list_separators()
    index = span.start - 1
    passed = []
    while index >= 0 and index not in ends:
        if not (
            index in covered or doc[index].lower_ in separators
            or (index >= 1 and doc[index].text in ("-", "–") and index - 1 in covered)
        ):  # fmt: skip
            ends[index] = index
            break
        passed.append(index)
        index -= 1
    end = ends.get(index, index)
    for index in passed:
        ends[index] = end
    return end


_FILLER = {
    "in",
    "a",
    "an",
    "the",
    "of",
    "with",
    "for",
    "to",
    "on",
    "at",
    "by",
    "as",
    "from",
    "within",
    "across",
    "into",
    "is",
    "are",
    "be",
    "skills",
    "experience",
    "knowledge",
}


def _leads_to_a_title(span: Span, covered: frozenset[int], roles: frozenset[str]) -> bool:
    """ "Senior Backend Java Engineer", "Full Stack Web Developer", "QA/Test Developer": a capitalised name, then
    up to three capitalised words or other names, then a capitalised role noun."""
    doc = tokens_of(span)
    if not text_of(span)[:1].isupper():
        return False
    index = span.end
    for _ in range(4):
        if index >= len(doc):
            return False
        token = doc[index]
        if token.lower_ in roles and token.text[:1].isupper():
            return True
        if not (index in covered or token.text in ("/", "&") or (token.is_alpha and token.text[:1].isupper())):
            return False
        index += 1
    return False


def _follows_a_title_label(span: Span, covered: frozenset[int]) -> bool:
    """ "Role: DevOps", "Industry: Banking Finance": the value of a job board's header field."""
    colons = marks_of(span.doc).colons
    nearest = bisect.bisect_left(colons, span.start) - 1
    if nearest < 0 or colons[nearest] < span.start - 7:
        return False  # the walk below stops within seven tokens, and only at a colon
    doc = tokens_of(span)
    labels = cues()["roles"]["title_labels"]
    index = span.start - 1
    steps = 0
    roles = _role_nouns()
    while index >= 0 and steps < 6 and doc[index].text != ":":
        if doc[index].lower_ in roles:
            return False  # the title ended before this name: "Role: Developer Technologies java"
        if not (index in covered or doc[index].is_alpha or doc[index].text in ("/", "&", ",")):
            return False
        index -= 1
        steps += 1
    if index < 1 or doc[index].text != ":":
        return False
    return any(
        " ".join(token.lower_ for token in doc[max(0, index - len(label.split())) : index]) == label for label in labels
    )


# How many words may stand between a soft skill and the workplace noun it describes; hyphens and commas are free.
WORKPLACE_REACH = 4


def _describes_the_workplace(span: Span, spans: Sequence[Span]) -> bool:
    """ "a collaborative, trusting, thought-provoking environment", "open communication culture"."""
    doc = tokens_of(span)
    workplace = _role_cues()["workplace"]
    words = 0
    for index in range(span.end, len(doc)):
        token = doc[index]
        if token.lower_ in workplace:
            return True
        if token.text in ("-", ","):
            continue
        words += 1
        if words > WORKPLACE_REACH or token.lower_ in _FILLER or not (token.is_alpha or token.is_digit):
            return False
    return False


@lru_cache(maxsize=1)
def _culture_phrases() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(phrase.split()) for phrase in cues()["roles"]["culture_phrases"])


@lru_cache(maxsize=1)
def _culture_phrase_ends() -> frozenset[str]:
    return frozenset(phrase[-1] for phrase in _culture_phrases())


def _follows_a_culture_phrase(span: Span) -> bool:
    """ "We embrace a culture of experimentation": the company's way of working, not a skill it asks for."""
    doc = tokens_of(span)
    if span.start == 0 or doc[span.start - 1].lower_ not in _culture_phrase_ends():
        return False  # most names: no phrase ends right before them
    for words in _culture_phrases():
        window = doc[max(0, span.start - len(words)) : span.start]
        if tuple(token.lower_ for token in window) == words:
            return True
    return False


def _is_last_on_line(span: Span) -> bool:
    _, line_end = _line_bounds(span)
    return all(token.is_punct or token.is_space for token in tokens_of(span)[span.end : line_end])


def _names_an_organisation_or_profile(span: Span) -> bool:
    roles = _role_cues()
    doc = tokens_of(span)
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lower_ in roles["organisations"] and after.is_title and text_of(span)[:1].isupper():
        return True
    before = doc[span.start - 1] if span.start > 0 else None
    if before is None or before.lower_ not in roles["possessives"]:
        return False
    return " ".join(text_of(span).lower().split()) in roles["profiles"]


@lru_cache(maxsize=1)
def _domain_cues() -> dict[str, Any]:
    raw = cues()["domains"]
    return {
        "names": frozenset(raw["names"]),
        "before": [tuple(phrase.split()) for phrase in raw["before"]],
        "after": frozenset(raw["after"]),
    }


def names_a_domain(span: Span) -> bool:
    """True when the match is the name of an industry or market ("fintech", "B2B")."""
    return " ".join(text_of(span).lower().split()) in _domain_cues()["names"]


def asks_for_the_domain(span: Span, spans: Sequence[Span]) -> bool:
    """True when a domain's name is asked for as experience: "experience in fintech", "years in B2B SaaS",
    "banking domain knowledge"; not "a global leader in financial services"."""
    cue = _domain_cues()
    doc = tokens_of(span)
    if span.end < len(doc) and doc[span.end].lower_ in cue["after"]:
        return True
    # Walk back over other domain names in a list ("in banking, fintech or e-commerce").
    start = span.start
    domains = sorted((other for other in spans if names_a_domain(other)), key=lambda other: other.start)
    moved = True
    while moved:
        moved = False
        for other in domains:
            gap = doc[other.end : start]
            if other.end <= start and len(gap) <= 1 and all(t.lower_ in (",", "/", "and", "or", "&") for t in gap):
                if other.start < start:
                    start, moved = other.start, True
    window = [token.lower_ for token in doc[max(0, start - 3) : start]]
    return any(tuple(window[len(window) - len(phrase) :]) == phrase for phrase in cue["before"])
