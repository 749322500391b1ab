"""Finds the skills in read documents: stated ones with every mention, and those implied by them."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from gapcheck.model import Document, Extraction, FoundSkill, Mention
from gapcheck.nlp import find_skill_spans
from gapcheck.taxonomy import Taxonomy

# Sections whose mentions do not show a skill in use: listing it is not the same as showing it.
LISTING_SECTIONS = {"skills", "technologies", "tools", "interests", "languages"}
# Job-ad sections that describe the company or the offer, not the work: no skill is taken from them.
NON_REQUIREMENT_SECTIONS = {"about", "benefits", "apply", "legal"}


def _context(document: Document) -> dict[str, object]:
    return {"sections": [(s.start, s.end, s.name) for s in document.sections]}


def find_skills(nlp: Language, taxonomy: Taxonomy, documents: Sequence[Document]) -> list[Extraction]:
    """Return one Extraction per document, running the pipeline over all of them in one pass."""
    docs = find_skill_spans(nlp, (d.text for d in documents), [_context(d) for d in documents])
    pairs = zip(documents, docs, strict=True)
    return [_collect(document, _stated_spans(document, doc), taxonomy) for document, doc in pairs]


def _stated_spans(document: Document, doc: Doc) -> list[Span]:
    """The spans that state a skill. A job title held ("Senior Java Developer" under Experience) shows the skill
    in a resume; in a job ad the title only names the role, which the requirements spell out."""
    spans = list(doc.spans["skills"])
    if document.kind == "resume":
        spans = sorted([*spans, *doc.spans["skill_roles"]], key=lambda span: span.start)
    return spans


def _collect(document: Document, spans: Sequence[Span], taxonomy: Taxonomy) -> Extraction:
    found: dict[str, FoundSkill] = {}
    for span in spans:
        section = document.section_at(span.start_char)
        if document.kind == "job" and section in NON_REQUIREMENT_SECTIONS:
            continue
        skill = taxonomy.skills[span.label_]
        entry = found.setdefault(skill.id, FoundSkill(id=skill.id, name=skill.name, area=skill.area))
        entry.mentions.append(
            Mention(
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                section=section,
                line=document.line_at(span.start_char, span.end_char),
            )
        )
    for entry in found.values():
        entry.listed_only = all(m.section in LISTING_SECTIONS for m in entry.mentions)
    stated = list(found)
    for skill_id in stated:
        for implied in taxonomy.implied_by(skill_id):
            if implied in found and found[implied].stated:
                continue
            skill = taxonomy.skills[implied]
            entry = found.setdefault(implied, FoundSkill(id=skill.id, name=skill.name, area=skill.area))
            if skill_id not in entry.inferred_from:
                entry.inferred_from.append(skill_id)
    ordered = sorted(found.values(), key=lambda s: (not s.stated, s.mentions[0].start if s.mentions else 0, s.id))
    return Extraction(source=document.source, skills=ordered)
