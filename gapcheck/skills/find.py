"""Finds the skills in read documents: stated ones with every mention, and those implied by them (the stage
after reading; the spaCy component of `gapcheck.nlp` marks the names, the rules of this package weigh them)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from gapcheck.errors import TooManyNames
from gapcheck.infer import infer
from gapcheck.ingest.limits import DEFAULT_LIMITS
from gapcheck.model import Document, Extraction, FoundSkill, Mention
from gapcheck.nlp import find_skill_spans, unwrapped
from gapcheck.open_vocabulary import find_unrecognised, spans_of
from gapcheck.proof import SpreadFinder, read_proof, shows_use
from gapcheck.taxonomy import Taxonomy, data_file

# Sections whose mentions do not show a skill in use: listing it is not the same as showing it.
LISTING_SECTIONS = {"skills", "interests", "languages"}
# Job-ad sections that describe the company or the offer, not the work: no skill is taken from them.
NON_REQUIREMENT_SECTIONS = {"about", "benefits", "apply", "legal"}


# Between a degree and its field only the field's words stand: "B.Sc. Mathematics and Computer Science",
# "Bachelor's degree in Computer Science", "BS/MS in Statistics".
_FIELD_WORDS = re.compile(r"^(?:['’]s)?(?:\s*/\s*\w+\.?)*(?:\s+(?:in|of|and|or|&|degree|[A-Z][\w-]*))*\s+$")


@lru_cache(maxsize=1)
def _degree_words() -> re.Pattern[str]:
    """The degree words of `taxonomy/degrees.toml` ("B.Sc.", "master of", "PhD"), as one pattern."""
    degrees = data_file("degrees.toml")
    words = sorted({word for level in degrees["level"] for word in level["words"]}, key=len, reverse=True)
    # Abbreviations are also ordinary words ("as", "be"): they count only in capitals.
    abbreviations = sorted({a for level in degrees["level"] for a in level["abbreviations"]}, key=len, reverse=True)
    alternatives = "|".join([*(f"(?i:{re.escape(word)})" for word in words), *map(re.escape, abbreviations)])
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])")


@lru_cache(maxsize=1)
def _degree_heads() -> frozenset[str]:
    """The first run of letters, digits and dots of every degree word, lower-cased ("master", "b.sc.", "phd")."""
    degrees = data_file("degrees.toml")
    names = [name for level in degrees["level"] for name in (*level["words"], *level["abbreviations"])]
    return frozenset(match.group().lower() for name in names if (match := re.match(r"[\w.]+", name)))


@lru_cache(maxsize=1)
def _runs() -> re.Pattern[str]:
    """A run of letters, digits and dots that starts a word with the first letter of a degree word."""
    firsts = sorted({head[0] for head in _degree_heads()} | {head[0].upper() for head in _degree_heads()})
    return re.compile(rf"(?<![\w.])[{re.escape(''.join(firsts))}][\w.]*")


def _may_start_a_degree(run: str, heads: frozenset[str]) -> bool:
    """True when a run of text could begin with a degree word: it is one of the heads, or one is the part before
    one of its dots ("MS." holds "ms")."""
    if run in heads:
        return True
    return "." in run and any(run[:index] in heads for index, char in enumerate(run) if char == ".")


def degree_word_starts(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """Where a degree word starts in `text[start:end]` (every place the pattern matches, a few more than a scan
    from the start would give), in order. Only words that begin like a degree word are tried."""
    pattern, heads = _degree_words(), _degree_heads()
    return [
        run.start()
        for run in _runs().finditer(text, start, len(text) if end is None else end)
        if _may_start_a_degree(run.group().lower(), heads) and pattern.match(text, run.start())
    ]


# How far before a name its degree may stand, in characters ("Bachelor of Science in Electrical and Computer
# Engineering" is 61): a line longer than this is read only this far back from each name.
FIELD_REACH = 200


def _is_degree_field(document: Document, span: Span, degree_starts: dict[int, list[int]]) -> bool:
    """True for the field of a degree a resume holds or an ad asks for ("M.Sc. Statistics", "Bachelor's degree in
    Computer Science"): the education check compares degrees and their fields, so the field is not also a skill.
    `degree_starts` keeps `degree_word_starts` of each line already read, by the line's start: most names can
    tell at once that no degree stands before them on their line."""
    text = document.text
    line_start, line_end = document.line_bounds(span.start_char)
    # A degree and its field stand close together: on a long line, only the words just before the name count.
    floor = span.start_char - FIELD_REACH
    near = line_start if line_start >= floor else text.find(" ", floor, span.start_char) + 1 or floor
    before = text[near : span.start_char]
    # A degree word ends before a space here, so the line has it where this part of it has it (none spans a line
    # break). Glued to the name ("MScStatistics") it may not: then the part is read on its own.
    if not before or before[-1].isspace():
        starts = degree_starts.get(line_start)
        if starts is None:
            starts = degree_starts[line_start] = degree_word_starts(text, line_start, line_end)
        first = bisect.bisect_left(starts, near)
        if first == len(starts) or starts[first] >= span.start_char:
            return False
    for match in _degree_words().finditer(before):
        if _FIELD_WORDS.match(before[match.end() :]) or not before[match.end() :].strip():
            return True
    return False


def _context(document: Document) -> dict[str, object]:
    return {"sections": [(s.start, s.end, s.name) for s in document.sections]}


def find_skills(
    nlp: Language, taxonomy: Taxonomy, documents: Sequence[Document], max_names: int = DEFAULT_LIMITS.max_names
) -> list[Extraction]:
    """Return one Extraction per document. A document that names more than `max_names` skills is refused in one
    line that names it and the limit, before any name is weighed (issue 20: every later stage reads each name)."""
    extractions = []
    for document in documents:
        try:
            (doc,) = find_skill_spans(nlp, [document.text], [_context(document)], max_names)
        except TooManyNames as error:
            raise TooManyNames(f"{document.source}: {error} (not a resume or a job ad?)") from None
        stated = _stated_spans(document, doc)  # a SpanGroup makes its Spans anew each time it is read: once
        extraction = _collect(document, unwrapped(document.text), stated, taxonomy)
        extraction.unrecognised = _unrecognised(document, doc, spans_of(stated))
        if document.kind == "resume":
            infer(document, extraction, taxonomy)
        extractions.append(extraction)
    return extractions


# Every span the skill finder keeps: a name the taxonomy knows, whether or not it counted here.
_KNOWN_SPAN_GROUPS = ("skills", "skill_roles", "skill_qualified", "skill_rejects")


def _unrecognised(document: Document, doc: Doc, stated: list[tuple[int, int]]) -> list[FoundSkill]:
    """The tools the document lists that the taxonomy does not know (see `open_vocabulary`); `stated` are the
    character ranges of `doc.spans["skills"]`."""
    others = [r for group in _KNOWN_SPAN_GROUPS[1:] if group in doc.spans for r in spans_of(doc.spans[group])]
    skipped = NON_REQUIREMENT_SECTIONS if document.kind == "job" else set()
    return find_unrecognised(document, stated + others, stated, skipped)


def _stated_spans(document: Document, doc: Doc) -> list[Span]:
    """The spans that state a skill. A job title ("Senior Java Developer", "Data Engineer, Tailspin (2019 -)")
    names a role, not a skill the text shows: in a job ad the requirements spell the role out, and in a resume
    the work under the title does. The title's spans stay in `doc.spans["skill_roles"]` for whoever wants them."""
    return list(doc.spans["skills"])


def _found_skill(found: dict[str, FoundSkill], taxonomy: Taxonomy, skill_id: str) -> FoundSkill:
    """A new entry for a skill in `found`."""
    skill = taxonomy.skills[skill_id]
    entry = found[skill_id] = FoundSkill(id=skill.id, name=skill.name, area=skill.area)
    return entry


def _proving_spans(document: Document, spans: Sequence[Span]) -> list[Span]:
    """The spans of a resume whose lines may prove a skill (`gapcheck.proof`): not an employer's name, a paper's
    title, a heading, a line of spoken languages or a chart's label. A job ad's spans all stand."""
    if document.kind != "resume" or not spans:
        return list(spans)
    proof = read_proof(document, [(s.start_char, s.end_char, s.label_) for s in spans])
    # Per heading line, the segments that hold a name: two or more make it a list of tools, not an employer.
    holding: dict[int, set[int]] = {}
    for span in spans:
        segment = proof.segment_of(span.start_char)
        if segment is not None:
            holding.setdefault(proof.line_of(span.start_char), set()).add(segment[0])
    counts = {line: len(segments) for line, segments in holding.items()}
    return [span for span in spans if not proof.blocks(span.start_char, span.label_, counts)]


def _find_spread_use(document: Document, entry: FoundSkill, taxonomy: Taxonomy, finder: SpreadFinder) -> None:
    """A listed skill that a bullet of work names with words between its words ("responsive and accessible web
    design") is shown there: that stretch becomes its mention, and it is no longer listed only."""
    where = finder.find(list(taxonomy.skills[entry.id].names()))
    if where is None:
        return
    start, end = where
    line = document.line_at(start, end)
    entry.mentions.append(Mention(document.text[start:end], start, end, document.section_at(start), line))
    entry.listed_only = False


def _collect(document: Document, read: str, spans: Sequence[Span], taxonomy: Taxonomy) -> Extraction:
    """The skills the spans state, each with its mentions (their text as the skill finder `read` it, where line
    breaks inside prose are spaces), and the skills those imply."""
    from gapcheck.checks import strong_verb_forms

    found: dict[str, FoundSkill] = {}
    degree_starts: dict[int, list[int]] = {}
    for span in _proving_spans(document, spans):
        section = document.section_at(span.start_char)
        if document.kind == "job" and section in NON_REQUIREMENT_SECTIONS:
            continue
        if _is_degree_field(document, span, degree_starts):
            continue
        entry = found.get(span.label_) or _found_skill(found, taxonomy, span.label_)
        entry.mentions.append(
            Mention(
                text=read[span.start_char : span.end_char],
                start=span.start_char,
                end=span.end_char,
                section=section,
                line=document.line_at(span.start_char, span.end_char),
            )
        )
    verbs = strong_verb_forms()
    finder: SpreadFinder | None = None
    for entry in found.values():
        # A line of work in a skills section ("- Built a Flask API ...") shows its skills in use.
        entry.listed_only = all(
            m.section in LISTING_SECTIONS and not shows_use(m.line, m.section, verbs) for m in entry.mentions
        )
        if entry.listed_only and document.kind == "resume":
            finder = finder or SpreadFinder(document)
            _find_spread_use(document, entry, taxonomy, finder)
    stated = list(found)
    for skill_id in stated:
        for implied in taxonomy.implied_by(skill_id):
            if implied in found and found[implied].stated:
                continue
            entry = found.get(implied) or _found_skill(found, taxonomy, implied)
            if skill_id not in entry.inferred_from:
                entry.inferred_from.append(skill_id)
    ordered = sorted(found.values(), key=lambda s: (not s.stated, s.mentions[0].start if s.mentions else 0, s.id))
    return Extraction(source=document.source, skills=ordered)
