"""The spaCy pipeline: a blank English tokenizer taught our skill names, and the `gapcheck_skills` component.

Nothing here needs a trained model. The component finds every alias of every skill with a PhraseMatcher on
lower-cased tokens, keeps the longest match where matches overlap, and asks for evidence before it accepts a
name that is also an ordinary word (the taxonomy's `ambiguous` flag). Found skills are spans in
`doc.spans["skills"]`, labelled with the skill id; rejected ambiguous ones go to `doc.spans["skill_rejects"]`,
names that are part of a job title ("Java Developer") or an organisation's name to `doc.spans["skill_roles"]`,
and a very general name that a narrower one qualifies ("Programming in R") to `doc.spans["skill_qualified"]`:
the narrower name states it, and it is inferred from that.
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
from gapcheck.taxonomy import Skill, Taxonomy, cached_taxonomy, normalise_name

COMPONENT = "gapcheck_skills"
# Word-joining punctuation inside a name ("scikit-learn", "Node.js", "CI/CD") that people also drop or space.
_JOINERS = re.compile(r"(?<=[A-Za-z0-9])[-./](?=[A-Za-z0-9])")
_PLURAL_KINDS = {"concept", "method", "framework", "library", "tool", "platform"}
_ACRONYM = re.compile(r"^[A-Z]{2,5}$")
# A piece of a name the tokenizer would split but must keep whole: it mixes letters with joining marks.
_PUNCTUATED = re.compile(r"^(?=.*[A-Za-z])(?=.*[^\w\s])[\w.#+/&'-]+$")
# Only text with a scheme or "www." is a URL: "Node.js/React" is two names, not a web address.
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)\S+$", re.IGNORECASE)
# A line break inside running prose ("compared linear\nregression"), as text wrapped by an editor or a PDF has.
_SOFT_WRAP = re.compile(r"(?<=[A-Za-z0-9,;])\n(?=[a-z])")


def name_variants(name: str, kind: str) -> set[str]:
    """Return the spellings of one name that people write: joiners spaced or dropped, and a plural."""
    variants = {name}
    if _JOINERS.search(name):
        variants.add(_JOINERS.sub(" ", name))
        variants.add(_JOINERS.sub("", name))
    if name.startswith(".") and len(name) > 1:
        variants.add(_spaced_dot(name))  # ".NET" written or tokenised as ". NET"
    if kind in _PLURAL_KINDS:
        for variant in list(variants):
            words = variant.split()
            last = words[-1] if words else ""
            if len(last) > 3 and last.isalpha() and last.islower() and not last.endswith("s"):
                variants.add(variant + ("es" if last.endswith(("x", "ch", "sh")) else "s"))
            elif _ACRONYM.match(last) and not last.endswith("S"):
                variants.add(variant + "s")  # "LLMs", "CNNs", "APIs"
    return variants


def _spaced_dot(name: str) -> str:
    return ". " + name[1:]


def _exact_case_forms(taxonomy: Taxonomy) -> dict[str, set[str]]:
    """Names that count only in the casing written, by their lower-case form: the cue list `exact_case`, and the
    spaced form of every dotted name (". NET" but not "grew. Net", which reads as a new sentence)."""
    forms: dict[str, set[str]] = {}
    for name in evidence.cues()["ambiguous"]["exact_case"]:
        forms.setdefault(normalise_name(name), set()).add(" ".join(name.split()))
    for skill in taxonomy.skills.values():
        for name in skill.names():
            if name.startswith(".") and len(name) > 1:
                allowed = forms.setdefault(normalise_name(_spaced_dot(name)), set())
                if not name[1:].istitle():
                    allowed.add(_spaced_dot(name))
    return forms


def _special_case_forms(piece: str) -> set[str]:
    """The casings of a punctuated name that the tokenizer must keep whole."""
    return {piece, piece.lower(), piece.upper(), piece.title(), piece[:1].upper() + piece[1:]}


def _pieces_to_keep_whole(names: Iterable[str]) -> set[str]:
    """Every whitespace-separated piece of these names that mixes letters with punctuation ("ASP.NET", "C++")."""
    pieces = set()
    for name in names:
        for piece in name.split():
            if _PUNCTUATED.match(piece) and not piece.endswith((".", "'", "-", "/")) and not piece.startswith("'"):
                pieces.add(piece)
    return pieces


def _add_special_cases(nlp: Language, taxonomy: Taxonomy) -> None:
    names = [name for skill in taxonomy.skills.values() for name in skill.names()]
    names.extend(evidence.cues()["tokenizer"]["keep_whole"])
    for piece in _pieces_to_keep_whole(names):
        for form in _special_case_forms(piece):
            nlp.tokenizer.add_special_case(form, [{"ORTH": form}])


def _tune_tokenizer(nlp: Language) -> None:
    """Split "Python(3.x)" at the bracket and "C#/.NET" at the slash, and treat only real URLs as one token."""
    infixes = [
        *nlp.Defaults.infixes,
        r"(?<=[A-Za-z0-9])[\(\)\[\]](?=[A-Za-z0-9])",
        r"(?<=[\w#+])/(?=[\w.#])",
    ]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    nlp.tokenizer.url_match = _URL.match


@lru_cache(maxsize=1)
def _plain_tokenizer() -> Language:
    """A tokenizer without our special cases: how a name splits when written in an unusual casing."""
    nlp = spacy.blank("en")
    _tune_tokenizer(nlp)
    return nlp


def _patterns(nlp: Language, names: Sequence[str]) -> list[Doc]:
    """Each name as our tokenizer splits it and, where different, as a plain tokenizer splits it."""
    ours = list(nlp.tokenizer.pipe(names))
    patterns = list(ours)
    for mine, plain in zip(ours, _plain_tokenizer().tokenizer.pipe(names), strict=True):
        if len(mine) != len(plain):
            words = [token.text for token in plain]
            patterns.append(Doc(nlp.vocab, words=words, spaces=[bool(t.whitespace_) for t in plain]))
    return patterns


@lru_cache(maxsize=1)
def _qualifier_phrases() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(phrase.split()) for phrase in evidence.cues()["qualifiers"]["between"])


@lru_cache(maxsize=1)
def _general_skills() -> frozenset[str]:
    return frozenset(evidence.cues()["qualifiers"]["general"])


class SkillFinder:
    """The `gapcheck_skills` component: marks every skill name in a Doc as a span labelled with its id."""

    def __init__(self, nlp: Language, taxonomy: Taxonomy, name: str = COMPONENT) -> None:
        self.name = name
        self.taxonomy = taxonomy
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        never = taxonomy.never_skills
        by_skill: dict[str, list[str]] = {}
        for skill in taxonomy.skills.values():
            names = set()
            for name in skill.names():
                names |= name_variants(name, skill.kind)
            by_skill[skill.id] = sorted(n for n in names if normalise_name(n) not in never)
        for skill_id, names in by_skill.items():
            if names:
                self.matcher.add(skill_id, _patterns(nlp, names))
        self.skills: dict[str, Skill] = taxonomy.skills
        self.exact_case = _exact_case_forms(taxonomy)

    def _casing_fits(self, span: Span) -> bool:
        forms = self.exact_case.get(normalise_name(span.text))
        return forms is None or " ".join(span.text.split()) in forms

    def _is_qualified(self, span: Span, spans: Sequence[Span]) -> bool:
        """True when a narrower skill that implies this one qualifies it: "Programming in R", "Python scripting"."""
        if span.label_ not in _general_skills():
            return False
        doc = span.doc
        between = _qualifier_phrases()
        for other in spans:
            if other is span or span.label_ not in self.taxonomy.implied_by(other.label_):
                continue
            if other.end == span.start:
                return True
            if other.start > span.end and tuple(t.lower_ for t in doc[span.end : other.start]) in between:
                return True
        return False

    def __call__(self, doc: Doc) -> Doc:
        matches = self.matcher(doc)
        candidates = [Span(doc, start, end, label=match_id) for match_id, start, end in matches]
        longest = filter_spans([span for span in candidates if self._casing_fits(span)])
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
        # An industry's name counts only where the text asks for experience of it.
        domains = [s for s in accepted if evidence.names_a_domain(s) and not evidence.asks_for_the_domain(s, longest)]
        accepted = [span for span in accepted if span not in domains]
        pending.extend(domains)
        roles = [span for span in accepted if evidence.names_a_role(span, self.skills[span.label_], longest)]
        stated = [span for span in accepted if span not in roles]
        qualified = [span for span in stated if self._is_qualified(span, stated)]
        doc.spans["skills"] = sorted((span for span in stated if span not in qualified), key=lambda span: span.start)
        doc.spans["skill_roles"] = roles
        doc.spans["skill_qualified"] = qualified
        doc.spans["skill_rejects"] = pending
        return doc


@Language.factory(COMPONENT, default_config={"taxonomy_files": []})
def make_skill_finder(nlp: Language, name: str, taxonomy_files: list[str]) -> SkillFinder:
    """Build the component from the built-in taxonomy merged with `taxonomy_files`."""
    taxonomy = cached_taxonomy(tuple(str(p) for p in taxonomy_files))
    _tune_tokenizer(nlp)
    _add_special_cases(nlp, taxonomy)
    return SkillFinder(nlp, taxonomy, name)


@lru_cache(maxsize=8)
def build_pipeline(files: tuple[str, ...] = ()) -> Language:
    """Return the blank-English pipeline with the skill finder, built once per process per taxonomy."""
    nlp = spacy.blank("en")
    nlp.add_pipe(COMPONENT, config={"taxonomy_files": list(files)})
    return nlp


def find_skill_spans(
    nlp: Language, texts: Iterable[str], context: Sequence[dict[str, object]] | None = None
) -> list[Doc]:
    """Run the pipeline over many texts in one `nlp.pipe` batch; `context[i]` goes into `doc.user_data` first.

    The component reads the sections from `doc.user_data["sections"]`, so the context must be on each Doc
    before the pipeline runs: the texts are tokenised, given their context, then piped as Docs. A line break
    inside running prose is read as a space (offsets do not move), so that a name wrapped over two lines counts.
    """
    docs = [nlp.make_doc(_SOFT_WRAP.sub(" ", text)) for text in texts]
    if context is not None:
        for doc, extra in zip(docs, context, strict=True):
            doc.user_data.update(extra)
    return list(nlp.pipe(docs))
