"""The spaCy pipeline: a blank English tokenizer taught our skill names, and the `gapcheck_skills` component.

Nothing here needs a trained model. The component finds every alias of every skill with a PhraseMatcher on
lower-cased tokens, keeps the longest match where matches overlap, and asks for evidence before it accepts a
name that is also an ordinary word (the taxonomy's `ambiguous` flag). Found skills are spans in
`doc.spans["skills"]`, labelled with the skill id; rejected ambiguous ones go to `doc.spans["skill_rejects"]`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from gapcheck import evidence
from gapcheck.taxonomy import Skill, Taxonomy, cached_taxonomy

COMPONENT = "gapcheck_skills"
# Word-joining punctuation inside a name ("scikit-learn", "Node.js", "CI/CD") that people also drop or space.
_JOINERS = re.compile(r"(?<=[A-Za-z0-9])[-./](?=[A-Za-z0-9])")
_PLURAL_KINDS = {"concept", "method", "framework", "library", "tool", "platform"}


def name_variants(name: str, kind: str) -> set[str]:
    """Return the spellings of one name that people write: joiners spaced or dropped, and a plural."""
    variants = {name}
    if _JOINERS.search(name) and not name.startswith("."):
        variants.add(_JOINERS.sub(" ", name))
        variants.add(_JOINERS.sub("", name))
    if kind in _PLURAL_KINDS:
        for variant in list(variants):
            last = variant.split()[-1] if variant.split() else ""
            if len(last) > 3 and last.isalpha() and last.islower() and not last.endswith("s"):
                variants.add(variant + ("es" if last.endswith(("x", "ch", "sh")) else "s"))
    return variants


def _special_case_forms(name: str) -> set[str]:
    """The casings of a punctuated name that the tokenizer must keep whole."""
    return {name, name.lower(), name.upper(), name.title(), name[:1].upper() + name[1:]}


def _needs_special_case(name: str) -> bool:
    return " " not in name and bool(re.search(r"[^\w]", name)) and len(name) > 1


def _add_special_cases(nlp: Language, taxonomy: Taxonomy) -> None:
    for skill in taxonomy.skills.values():
        for name in skill.names():
            if _needs_special_case(name) and not name.endswith("."):
                for form in _special_case_forms(name):
                    nlp.tokenizer.add_special_case(form, [{"ORTH": form}])


def _split_parentheses_inside_words(nlp: Language) -> None:
    """Split "Python(3.x)" at the bracket, which the default infixes leave whole."""
    infixes = [*nlp.Defaults.infixes, r"(?<=[A-Za-z0-9])[\(\)\[\]](?=[A-Za-z0-9])"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


class SkillFinder:
    """The `gapcheck_skills` component: marks every skill name in a Doc as a span labelled with its id."""

    def __init__(self, nlp: Language, taxonomy: Taxonomy, name: str = COMPONENT) -> None:
        self.name = name
        self.taxonomy = taxonomy
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.ambiguous_names: dict[str, set[str]] = {}
        never = taxonomy.never_skills
        by_skill: dict[str, list[str]] = {}
        for skill in taxonomy.skills.values():
            names = set()
            for name in skill.names():
                names |= name_variants(name, skill.kind)
            by_skill[skill.id] = sorted(n for n in names if " ".join(n.lower().split()) not in never)
        for skill_id, names in by_skill.items():
            if names:
                self.matcher.add(skill_id, list(nlp.tokenizer.pipe(names)))
        self.skills: dict[str, Skill] = taxonomy.skills

    def __call__(self, doc: Doc) -> Doc:
        matches = self.matcher(doc)
        candidates = [Span(doc, start, end, label=match_id) for match_id, start, end in matches]
        longest = filter_spans(candidates)
        accepted = [span for span in longest if not evidence.needs_evidence(span, self.skills[span.label_])]
        pending = [span for span in longest if evidence.needs_evidence(span, self.skills[span.label_])]
        # Ambiguous names that pass vouch for their neighbours in turn ("R, Go, C"), so repeat until stable.
        while pending:
            accepted_ids = {span.label_ for span in accepted}
            passed = [s for s in pending if evidence.is_skill_use(s, self.skills[s.label_], longest, accepted_ids)]
            if not passed:
                break
            accepted.extend(passed)
            pending = [span for span in pending if span not in passed]
        accepted.sort(key=lambda span: span.start)
        rejected = pending
        doc.spans["skills"] = accepted
        doc.spans["skill_rejects"] = rejected
        return doc


@Language.factory(COMPONENT, default_config={"taxonomy_files": []})
def make_skill_finder(nlp: Language, name: str, taxonomy_files: list[str]) -> SkillFinder:
    """Build the component from the built-in taxonomy merged with `taxonomy_files`."""
    taxonomy = cached_taxonomy(tuple(str(p) for p in taxonomy_files))
    _add_special_cases(nlp, taxonomy)
    return SkillFinder(nlp, taxonomy, name)


@lru_cache(maxsize=8)
def build_pipeline(files: tuple[str, ...] = ()) -> Language:
    """Return the blank-English pipeline with the skill finder, built once per process per taxonomy."""
    nlp = spacy.blank("en")
    _split_parentheses_inside_words(nlp)
    nlp.add_pipe(COMPONENT, config={"taxonomy_files": list(files)})
    return nlp


def find_skill_spans(
    nlp: Language, texts: Iterable[str], context: Sequence[dict[str, object]] | None = None
) -> list[Doc]:
    """Run the pipeline over many texts at once; `context[i]` becomes `doc.user_data` (e.g. sections)."""
    docs = []
    contexts = list(context) if context is not None else None
    for index, doc in enumerate(nlp.tokenizer.pipe(texts)):
        if contexts is not None:
            doc.user_data.update(contexts[index])
        for _, component in nlp.pipeline:
            doc = component(doc)
        docs.append(doc)
    return docs
