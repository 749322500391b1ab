"""Lists of skills, which vouch for an ambiguous name in them: "Python, R, SQL", "Spark or Flink", a line of
nothing but names ("Technologies: java go docker"), a run of tags ("django go docker"), examples in brackets
("ORM technologies (JPA2, Hibernate)")."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from spacy.tokens import Span

from gapcheck.skills.context import DocContext, NameRuns


def between_is_separator(context: DocContext, span: Span, other: Span, separators: set[str]) -> bool | None:
    """True if only list separators stand between two spans, False if nothing or other words do."""
    lowers = context.lowers
    between = lowers[other.end : span.start] if other.end <= span.start else lowers[span.end : other.start]
    return 0 < len(between) <= 2 and all(lower in separators for lower in between)


# How far back from a name in brackets the opening bracket may be, and how many plain words may stand between the
# name before the brackets and the bracket ("ORM technologies (JPA2, Hibernate)").
_BRACKET_REACH = 8
_WORDS_BEFORE_BRACKET = 2


def is_an_example_in_brackets(
    context: DocContext, span: Span, spans: Sequence[Span], accepted_ids: set[str], separators: set[str]
) -> bool:
    """ "ORM technologies (Ebean, Hibernate)": the name is one of the examples in brackets after a skill's name;
    the examples before it may be names the taxonomy lacks, written as names (capitalised, or with digits)."""
    doc = context.tokens
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


def is_in_list_of_skills(
    context: DocContext,
    span: Span,
    spans: Sequence[Span],
    accepted_ids: set[str],
    separators: set[str],
    named_tool: bool = False,
) -> bool:
    """True when a separator links the span to another skill on the same line ("C/C++", "Python, R, SQL"),
    or when it is one of three or more names in a run of separators ("Rust, Go and C"). A tool's name counts
    right next to another skill too ("Scala Java Go"), but a general word there is what the tool does
    ("RabbitMQ queues")."""
    line_start, line_end = context.line_bounds(span)
    names = context.names
    inside = names.inside(line_start, line_end) if names is not None else None
    if names is not None and inside is not None:
        return _is_listed_on_line(context, span, names, inside, accepted_ids, separators, named_tool)
    on_line = sorted(
        (other for other in spans if line_start <= other.start < line_end and other.end <= line_end),
        key=lambda other: other.start,
    )
    if _is_linked_to_a_skill(context, span, on_line, accepted_ids, separators, named_tool):
        return True
    index = next(i for i, other in enumerate(on_line) if other is span) if span in on_line else -1
    if index < 0:
        return False
    first = last = index
    while first > 0 and between_is_separator(context, on_line[first], on_line[first - 1], separators):
        first -= 1
    while last + 1 < len(on_line) and between_is_separator(context, on_line[last], on_line[last + 1], separators):
        last += 1
    return last - first + 1 >= 3


def _is_linked_to_a_skill(
    context: DocContext,
    span: Span,
    others: Sequence[Span],
    accepted_ids: set[str],
    separators: set[str],
    named_tool: bool,
) -> bool:
    """True when a separator links the span to one of the `others` that is an accepted skill ("C/C++"), or, for a
    tool's name, when it stands right next to one."""
    for other in others:
        if other is span or other.label_ not in accepted_ids:
            continue
        if (other.end <= span.start or other.start >= span.end) and between_is_separator(
            context, span, other, separators
        ):
            return True
        # Lists written without separators ("Scala Java Go", "J2EE Spring ORM Kafka"): right next to a skill.
        if named_tool and (other.end == span.start or other.start == span.end):
            return True
    return False


def _is_listed_on_line(
    context: DocContext,
    span: Span,
    names: NameRuns,
    inside: tuple[int, int],
    accepted_ids: set[str],
    separators: set[str],
    named_tool: bool,
) -> bool:
    """`is_in_list_of_skills` for the names `inside` the line (a range of `names`), reading only the names that
    can count: those within two tokens of the span, and its neighbours in a run of separators, three at most."""
    first, last = inside
    on_line = names.spans
    index = bisect.bisect_left(names.starts, span.start, first, last)
    while index < last and on_line[index] is not span:
        index += 1
    if index == last:
        return False  # the span is not on its own line: none of its names is (as the walk finds)
    # A separator links two names only when it stands within two tokens of both; a name before the span ends
    # there at the latest, so it starts no further back than the longest name.
    low = bisect.bisect_left(names.starts, span.start - 2 - names.longest, first, last)
    high = bisect.bisect_right(names.starts, span.end + 2, first, last)
    if _is_linked_to_a_skill(context, span, on_line[low:high], accepted_ids, separators, named_tool):
        return True
    before = after = index
    while (
        before > first
        and index - before < 2
        and between_is_separator(context, on_line[before], on_line[before - 1], separators)
    ):
        before -= 1
    while (
        after + 1 < last
        and after - before < 2
        and between_is_separator(context, on_line[after], on_line[after + 1], separators)
    ):
        after += 1
    return after - before + 1 >= 3


# How many names in a row, with nothing between them, make a run of tags ("java spring docker").
RUN_OF_NAMES = 3


def is_in_a_run_of_names(context: DocContext, span: Span, spans: Sequence[Span], accepted_ids: set[str]) -> bool:
    """True when the name stands in a run of three or more names with nothing between them, at least two of the
    others accepted: a tag list whose line breaks were lost ("Technologies reactjs django go docker"). Prose puts
    words between names. A single letter is too common a word to count this way."""
    names = context.names
    if names is not None and not (names.closes[span.start] or names.opens[span.end]):
        return False  # most names: no other name right before or after (`spans` are some of `names`)
    if len(context.text_of(span)) == 1:
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


def heads_an_item_or_list(
    context: DocContext, span: Span, spans: Sequence[Span], cue: dict[str, Any], may_open: bool = True
) -> bool:
    """In a job ad's requirements: the name opens a bullet item ("- React on the front end"), unless `may_open`
    is False, or stands in a list with another name ("Spark or Flink")."""
    line_start, _ = context.line_bounds(span)
    lead = [token for token in context.tokens[line_start : span.start] if not token.is_space]
    if may_open and all(token.is_punct or token.text in ("*", "•", "·", "+") for token in lead):
        return True
    return stands_in_a_list(context, span, spans, cue)


def stands_in_a_list(context: DocContext, span: Span, spans: Sequence[Span], cue: dict[str, Any]) -> bool:
    """The name and another one stand with only separators between them ("Spark or Flink", "(AppsFlyer, Adjust)")."""
    return any(
        other is not span and (other.end <= span.start or other.start >= span.end)
        and between_is_separator(context, span, other, cue["separators"])
        for other in spans
    )  # fmt: skip


def is_on_a_line_of_skills(context: DocContext, span: Span, spans: Sequence[Span]) -> bool:
    """A line that is nothing but names and separators is a list of skills ("Technologies: java go docker").
    `spans` are the names near the span, all that may lie on its line; with `context.names` the line is read from
    there in a few look-ups."""
    line_start, line_end = context.line_bounds(span)
    names = context.names
    inside = names.inside(line_start, line_end) if names is not None else None
    if names is not None and inside is not None:
        first, last = inside
        if last - first < 3:
            return False
        words = context.words_before
        if words[names.starts[first]] - words[line_start] > 2:
            return False  # other words may stand only as a label before the list: two at most
        if names.wordy_gaps[last] - names.wordy_gaps[first + 1] > 0:
            return False  # and none between the names
        position = names.reach[last]
        return position >= line_end or words[line_end] == words[position]
    on_line = sorted((other for other in spans if line_start <= other.start and other.end <= line_end),
                    key=lambda other: other.start)  # fmt: skip
    if len(on_line) < 3:
        return False
    # Other words may stand only as a label before the list ("Technologies:", "Tech stack:"): two at most.
    first_name = on_line[0].start
    words = context.words_before
    if words[first_name] - words[line_start] > 2:
        return False
    position = first_name  # and after the first name, none between the names
    for other in on_line:
        if other.start > position and words[other.start] > words[position]:
            return False
        position = max(position, other.end)
    return position >= line_end or words[line_end] == words[position]
