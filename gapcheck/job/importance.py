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

from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache

from gapcheck.ingest.sections import normalise_heading
from gapcheck.job.text import clause_bounds, cue_patterns, marks, nearest_span, sentence_of
from gapcheck.model import Document, Importance, Mention
from gapcheck.taxonomy import data_file

PREFERRED_SECTIONS = frozenset({"preferred"})
REQUIREMENT_SECTIONS = frozenset({"requirements", "preferred"})
# Sections that describe the work or the company (and the text before the first heading): a skill named only
# there is context when the ad has a requirements section to say what it asks.
CONTEXT_SECTIONS = frozenset({"responsibilities", "about", "other"})


# The cues of each kind looked at on either side of a name: the nearest is among them, however many the sentence
# holds (a sentence of a hundred cues would otherwise weigh each of them for each of its names).
NEAREST_CUES = 4


def _cues_near(text: str, sentence: tuple[int, int], start: int, end: int) -> str | None:
    """The kind of cue nearest the span within its clause, else within its sentence, or None (offsets in the
    text; the cue phrases of the whole text are found once, `marks`)."""
    patterns = cue_patterns()
    found = marks(text)
    kinds = (("preferred", patterns.preferred), ("mandatory", patterns.mandatory), ("strong", patterns.strong),
             ("required", patterns.required))  # fmt: skip
    for low, high in (clause_bounds(text, sentence, start, end), sentence):
        near = [
            (kind, span)
            for kind, pattern in kinds
            for span in found.around(pattern, low, high, start, NEAREST_CUES)
            if not (span[0] < end and start < span[1])
        ]
        # "not required" is one preferred cue, not also a "required".
        inside = _inside_longer([span for _, span in near])
        near = [(kind, span) for kind, span in near if span not in inside]
        if near:
            closest = nearest_span([span for _, span in near], start, end)
            return next(kind for kind, span in near if span == closest)
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
    sentence = sentence_of(document.text, mention.start, mention.end)
    kind = _cues_near(document.text, sentence, mention.start, mention.end)
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
    sections = document.sections
    # By bisection over the sections' starts (the document's own index, when they follow one another): a scan
    # for each name of an ad of seventy thousand sections would be quadratic.
    _, starts = document._offsets()
    if starts is None:
        section = next((s for s in sections if s.start <= offset < s.end), None)
    else:
        at = bisect_right(starts, offset) - 1
        section = sections[at] if at >= 0 and offset < sections[at].end else None
    return section is not None and normalise_heading(section.heading) in _must_headings()


@lru_cache(maxsize=1)
def _must_headings() -> frozenset[str]:
    return frozenset(data_file("ads.toml")["tiers"]["must"])


def _inside_longer(spans: Sequence[tuple[int, int]]) -> set[tuple[int, int]]:
    """The spans that lie inside a longer one of `spans`: one sweep in order of start (longest first at a start),
    not a comparison of every pair, which a sentence dense with cues would make slow."""
    inside: set[tuple[int, int]] = set()
    reach = -1  # the furthest end of the spans seen so far
    previous_start = -1
    for span in sorted(set(spans), key=lambda span: (span[0], -span[1])):
        # Seen before it: spans that start earlier, or at its start and end later (longest first at a start).
        if reach >= span[1] or span[0] == previous_start:
            inside.add(span)
        reach, previous_start = max(reach, span[1]), span[0]
    return inside
