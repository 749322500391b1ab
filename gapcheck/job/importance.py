"""A recruiter's tier for one mention of a skill in an ad: must-have, asked, nice-to-have or context.

The section sets the default (requirements: asked; nice-to-have: nice-to-have; duties and company text: context,
when the ad has a requirements section at all; a requirements heading that states the tier, "Must have",
"Essential criteria": must-have), and the cue phrase nearest the name moves it: "must", "required" make a
must-have anywhere; "strong", "expert" make a must-have outside a nice-to-have section (not of a soft skill:
"strong attention to detail" is boilerplate); "nice to have", "a plus" make a nice-to-have. A cue speaks for
the names of its own clause first ("Python is required, Docker is a plus"); a name whose clause has none takes
the nearest cue of its sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from gapcheck.ingest.sections import normalise_heading
from gapcheck.job.text import clause_of, cue_patterns, nearest, sentence_of
from gapcheck.model import Document, Importance, Mention
from gapcheck.taxonomy import data_file

PREFERRED_SECTIONS = frozenset({"preferred"})
REQUIREMENT_SECTIONS = frozenset({"requirements", "preferred"})
# Sections that describe the work or the company (and the text before the first heading): a skill named only
# there is context when the ad has a requirements section to say what it asks.
CONTEXT_SECTIONS = frozenset({"responsibilities", "about", "other"})


def _cues_near(sentence: str, start: int, end: int) -> str | None:
    """The kind of cue nearest the span within its clause, else within its sentence, or None."""
    patterns = cue_patterns()
    clause_start, clause_end = clause_of(sentence, start, end)
    kinds = (("preferred", patterns.preferred), ("mandatory", patterns.mandatory), ("strong", patterns.strong),
             ("required", patterns.required))  # fmt: skip
    for bounds in ((clause_start, clause_end), (0, len(sentence))):
        found = [
            (kind, match)
            for kind, pattern in kinds
            for match in pattern.finditer(sentence, *bounds)
            if not (match.start() < end and start < match.end())
        ]
        # "not required" is one preferred cue, not also a "required".
        found = [(kind, match) for kind, match in found if not _inside_longer(match, [m for _, m in found])]
        if found:
            closest = nearest([match for _, match in found], start, end)
            return next(kind for kind, match in found if match is closest)
    return None


def importance_of(
    document: Document, mention: Mention, *, duties_are_context: bool = True, soft: bool = False
) -> Importance:
    """Return the tier of one mention, from its section (and the tier its heading states: "Must have") and the
    cue phrases nearest it.

    `duties_are_context`: the ad has a requirements section, so a name only in the duties or the company text
    is context unless a cue on its own line asks for it ("must know Kafka"). `soft`: the name is a soft skill,
    which only an explicit "must" on its line makes a must-have ("strong attention to detail" is boilerplate).
    """
    sentence_start, sentence_end = sentence_of(document.text, mention.start, mention.end)
    sentence = document.text[sentence_start:sentence_end]
    kind = _cues_near(sentence, mention.start - sentence_start, mention.end - sentence_start)
    section = mention.section
    if section in PREFERRED_SECTIONS:
        return "required" if kind == "mandatory" else "preferred"
    if kind == "preferred":
        return "preferred"
    if kind == "mandatory" or (kind == "strong" and not soft):
        return "must"
    if duties_are_context and section in CONTEXT_SECTIONS and kind is None:
        return "context"
    if section == "requirements" and not soft and _must_heading(document, mention.start):
        return "must"
    return "required"


def _must_heading(document: Document, offset: int) -> bool:
    """Whether the section holding `offset` has a heading that states the tier ("Must have", "Essential
    criteria"; taxonomy/ads.toml [tiers])."""
    section = next((s for s in document.sections if s.start <= offset < s.end), None)
    return section is not None and normalise_heading(section.heading) in _must_headings()


@lru_cache(maxsize=1)
def _must_headings() -> frozenset[str]:
    return frozenset(data_file("ads.toml")["tiers"]["must"])


def _inside_longer(match: re.Match[str], others: Sequence[re.Match[str]]) -> bool:
    return any(
        other.start() <= match.start() and match.end() <= other.end() and other.end() - other.start() > len(match[0])
        for other in others
    )
