"""The spaCy pipeline: a blank English tokenizer taught our skill names, and the `gapcheck_skills` component.

Nothing here needs a trained model. The component finds every alias of every skill with a PhraseMatcher on
lower-cased tokens, keeps the longest match where matches overlap, and asks for evidence before it accepts a
name that is also an ordinary word (the taxonomy's `ambiguous` flag). Found skills are spans in
`doc.spans["skills"]`, labelled with the skill id; rejected ambiguous ones go to `doc.spans["skill_rejects"]`,
names that are part of a job title ("Java Developer") or an organisation's name to `doc.spans["skill_roles"]`,
and a very general name that a narrower one qualifies ("Programming in R") to `doc.spans["skill_qualified"]`:
the narrower name states it, and it is inferred from that.

In anyone's pipeline (`nlp.add_pipe("gapcheck_skills")`, found through the `spacy_factories` entry point) each
span of `doc.spans["skills"]` also has `span._.skill_id`, `skill_name`, `skill_area` and `skill_inferred`, and
the skills that the stated ones imply are spans there too, over the words that imply them, with
`skill_inferred` True (config `inferred`; gapcheck's own pipeline leaves them out, see `extract`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, cast

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

from gapcheck.errors import TooManyNames
from gapcheck.skills.ambiguous import is_skill_use, needs_evidence
from gapcheck.skills.context import DocContext
from gapcheck.skills.cues import cues
from gapcheck.skills.domains import DomainRuns, asks_for_the_domain, names_a_domain
from gapcheck.skills.roles import names_a_role
from gapcheck.taxonomy import Skill, Taxonomy, cached_taxonomy, normalise_name
from gapcheck.tokenizer import configure_tokenizer, forms_to_keep_whole
from gapcheck.wrapped_names import multi_word_names, unwrap_names

COMPONENT = "gapcheck_skills"
# Where a Doc keeps what its skill spans' attributes read (`register_span_attributes`).
SKILLS_KEY = "gapcheck_skills"
# How many tokens around a name its evidence may lie in (list neighbours, titles, cue phrases).
EVIDENCE_REACH = 100
# Word-joining punctuation inside a name ("scikit-learn", "Node.js", "CI/CD") that people also drop or space.
_JOINERS = re.compile(r"(?<=[A-Za-z0-9])[-./](?=[A-Za-z0-9])")
_PLURAL_KINDS = {"concept", "method", "framework", "library", "tool", "platform"}
# A concept's name may open with a tool's name ("Kubernetes security"): the tool is stated too.
_CONCEPT_KINDS = {"concept", "method"}
_TOOL_KINDS = {"tool", "platform", "framework", "library", "language"}
_ACRONYM = re.compile(r"^[A-Z]{2,5}$")
_HAS_PUNCTUATION = re.compile(r"[^\w\s]")
# A line break inside running prose ("compared linear\nregression"), as text wrapped by an editor or a PDF has.
# A PhraseMatcher match: the label (the hash of a skill id), the first token and the token after the last.
Match = tuple[int, int, int]
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
    for name in cues()["ambiguous"]["exact_case"]:
        forms.setdefault(normalise_name(name), set()).add(" ".join(name.split()))
    for skill in taxonomy.skills.values():
        for name in skill.names():
            if name.startswith(".") and len(name) > 1:
                allowed = forms.setdefault(normalise_name(_spaced_dot(name)), set())
                if not name[1:].istitle():
                    allowed.add(_spaced_dot(name))
    return forms


def _patterns(nlp: Language, plain: Tokenizer, names: Sequence[str]) -> list[Doc]:
    """Each name as our tokenizer splits it and, where different, as the plain tokenizer splits it."""
    ours = list(cast(Tokenizer, nlp.tokenizer).pipe(names))
    patterns = list(ours)
    for mine in ours:
        # The names kept whole are all punctuated: a name without punctuation splits the same in both.
        if not _HAS_PUNCTUATION.search(mine.text):
            continue
        split = plain(mine.text)
        if len(mine) != len(split):
            words = [token.text for token in split]
            patterns.append(Doc(nlp.vocab, words=words, spaces=[bool(t.whitespace_) for t in split]))
    return patterns


def skill_patterns(nlp: Language, plain: Tokenizer, taxonomy: Taxonomy) -> list[tuple[str, list[Doc]]]:
    """Return every skill's spellings as token patterns, by skill id in the taxonomy's order; `nlp` must have
    its tokenizer configured (see `configure_tokenizer`, which gives `plain`)."""
    never = taxonomy.never_skills
    found = []
    for skill in taxonomy.skills.values():
        names = set()
        for name in skill.names():
            names |= name_variants(name, skill.kind)
        kept = sorted(n for n in names if normalise_name(n) not in never)
        if kept:
            found.append((skill.id, _patterns(nlp, plain, kept)))
    return found


@lru_cache(maxsize=1)
def _qualifier_phrases() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(phrase.split()) for phrase in cues()["qualifiers"]["between"])


@lru_cache(maxsize=1)
def _head_joiners() -> frozenset[str]:
    return frozenset(cues()["shared_heads"]["joiners"])


@lru_cache(maxsize=1)
def _general_skills() -> frozenset[str]:
    return frozenset(cues()["qualifiers"]["general"])


def cased_skills(taxonomy: Taxonomy, exact_case: dict[str, set[str]]) -> set[str]:
    """The skills with a spelling in `exact_case` (see `_exact_case_forms`): the only ones whose casing needs a look."""
    return {
        skill.id
        for skill in taxonomy.skills.values()
        if any(
            normalise_name(variant) in exact_case
            for name in skill.names()
            for variant in name_variants(name, skill.kind)
        )
    }


class SkillFinder:
    """The `gapcheck_skills` component: marks every skill name in a Doc as a span labelled with its id."""

    def __init__(
        self,
        nlp: Language,
        taxonomy: Taxonomy,
        patterns: Iterable[tuple[str, list[Any]]],
        name: str = COMPONENT,
        cased: Iterable[str] | None = None,
        inferred: bool = False,
    ) -> None:
        """`patterns`: each skill id with its token patterns, as Docs (see `skill_patterns`) or as the sequences of
        lower-case hashes the matcher keeps of them (`matcher_patterns`). `cased`: `cased_skills`, if known
        already. `inferred`: add the skills the stated ones imply to `doc.spans["skills"]` as well."""
        self.name = name
        self.inferred = inferred
        self.taxonomy = taxonomy
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for skill_id, docs in patterns:
            self.matcher.add(skill_id, docs)
        self.skills: dict[str, Skill] = taxonomy.skills
        self.exact_case = _exact_case_forms(taxonomy)
        self.cased = sorted(cased_skills(taxonomy, self.exact_case) if cased is None else cased)
        self._cased_labels = {nlp.vocab.strings[skill_id] for skill_id in self.cased}
        # Each skill's kind by the matcher's label for it (a hash of its id).
        self._kinds = {nlp.vocab.strings[skill.id]: skill.kind for skill in taxonomy.skills.values()}
        # The names a line break may fall inside (see `wrapped_names`).
        self.wrapped_names = multi_word_names(taxonomy)

    def _casing_fits(self, context: DocContext, match: Match) -> bool:
        label, start, end = match
        if label not in self._cased_labels:
            return True
        last = context.tokens[end - 1]
        text = context.text[context.tokens[start].idx : last.idx + len(last)]
        forms = self.exact_case.get(normalise_name(text))
        return forms is None or " ".join(text.split()) in forms

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

    def _named_tools(self, longest: Sequence[Match], candidates: Sequence[Match]) -> list[Match]:
        """ "Kubernetes security", "AWS security": a concept's name that opens with a tool's name states the tool
        too, so the tool's match is kept beside the longer one."""
        kinds = self._kinds
        kept = {(start, end) for _, start, end in longest}
        outer = {match[1]: match for match in longest if kinds[match[0]] in _CONCEPT_KINDS}
        if not outer:
            return []
        found = []
        for label, start, end in candidates:
            whole = outer.get(start)
            if (
                whole is not None and end < whole[2] and (start, end) not in kept
                and label != whole[0] and kinds[label] in _TOOL_KINDS
            ):  # fmt: skip
                found.append((label, start, end))
        return longest_matches(found)

    def _shared_head_spans(self, context: DocContext, spans: Sequence[Span], covered: bytearray) -> list[Span]:
        """ "Unit and UI testing": a word joined to a name's first word shares the rest of the name. Where that word
        and the rest name another skill, a span from the word to the name's end states it. The word must be no
        other name, and the skill no ordinary word (those need evidence the shared words cannot give)."""
        joiners = _head_joiners()
        doc, lowers = context.doc, context.lowers
        found = []
        for span in spans:
            index = span.start - 1
            if index < 1 or lowers[index] not in joiners or len(span) < 2:
                continue  # most names: no joining word before them
            rest = span[1:].text
            while index >= 1 and lowers[index] in joiners:
                word = doc[index - 1]
                skill = None if covered[index - 1] or not word.is_alpha else self.taxonomy.lookup(f"{word} {rest}")
                if skill is None or skill.ambiguous or skill.id == span.label_:
                    break
                found.append(Span(doc, index - 1, span.end, label=skill.id))
                index -= 2
        return found

    def __call__(self, doc: Doc) -> Doc:
        """Mark the skills of `doc`; its sections, if any, are read from `doc.user_data["sections"]` (see
        `find_skill_spans`)."""
        return self.mark_skills(DocContext.of(doc, sections=doc.user_data.get("sections", ())))

    def names(self, context: DocContext) -> list[Span]:
        """Every name the matcher finds whose casing fits, the longest where names overlap (and a tool's name that
        opens a longer concept's, see `_named_tools`), sorted by start: the names whose evidence is weighed. The
        matches are weighed as tuples, and a Span made only for each one kept."""
        doc = context.doc
        fitting = [match for match in self.matcher(doc) if self._casing_fits(context, match)]
        longest = longest_matches(fitting)
        kept = sorted([*longest, *self._named_tools(longest, fitting)], key=_match_start)
        return [Span(doc, start, end, label=label) for label, start, end in kept]

    def mark_skills(self, context: DocContext, max_names: int | None = None) -> Doc:
        """Mark the skills of the context's Doc, weighing the evidence for ambiguous names in that context. Over
        `max_names` names (if given) nothing is weighed: `TooManyNames` is raised at once."""
        doc = context.doc
        longest = self.names(context)
        if max_names is not None and len(longest) > max_names:
            raise TooManyNames(f"holds {len(longest):,} skill names, over the limit of {max_names:,} in one document")
        starts = [span.start for span in longest]
        runs = context.set_names(longest)

        def near(span: Span) -> Sequence[Span]:
            return _within_reach(longest, starts, span)

        accepted: list[Span] = []
        pending: list[Span] = []
        for span in longest:
            (pending if needs_evidence(context, span, self.skills[span.label_]) else accepted).append(span)
        # Ambiguous names that pass vouch for their neighbours in turn ("R, Go, C"), so repeat until stable. The
        # evidence reads the accepted skills only among a name's neighbours, so a name that failed is weighed
        # again only when one of them is newly accepted.
        accepted_ids = {span.label_ for span in accepted}
        new_ids: set[str] | None = None  # None: every pending name is weighed

        def passes(span: Span) -> bool:
            neighbours = near(span)
            if new_ids is not None and not any(other.label_ in new_ids for other in neighbours):
                return False  # failed before, and nothing near it has changed
            return is_skill_use(context, span, self.skills[span.label_], neighbours, accepted_ids)

        while pending:
            passed = [span for span in pending if passes(span)]
            if not passed:
                break
            accepted.extend(passed)
            new_ids = {span.label_ for span in passed} - accepted_ids
            accepted_ids = accepted_ids | new_ids
            passed_keys = {_key(span) for span in passed}
            pending = [span for span in pending if _key(span) not in passed_keys]
        accepted.extend(self._shared_head_spans(context, accepted, runs.covered))
        # An industry's name counts only where the text asks for experience of it.
        domain_runs = DomainRuns.of(context, longest)

        def asks(span: Span) -> bool:
            return asks_for_the_domain(context, span, near(span), domain_runs, span.start - EVIDENCE_REACH)

        domains = [s for s in accepted if names_a_domain(context, s) and not asks(s)]
        domain_keys = {_key(span) for span in domains}
        accepted = [span for span in accepted if _key(span) not in domain_keys]
        pending.extend(domains)
        # The rules read the other names from `context.names`: all of them stand for the names near each.
        roles = [s for s in accepted if names_a_role(context, s, self.skills[s.label_], longest)]
        role_keys = {_key(span) for span in roles}
        stated = sorted((span for span in accepted if _key(span) not in role_keys), key=lambda span: span.start)
        stated_starts = [span.start for span in stated]
        general = _general_skills()
        qualified = [
            s for s in stated if s.label_ in general and self._is_qualified(s, _within_reach(stated, stated_starts, s))
        ]
        qualified_keys = {_key(span) for span in qualified}
        skills = [span for span in stated if _key(span) not in qualified_keys]
        implied = self._implied_spans(skills) if self.inferred else []
        doc.spans["skills"] = sorted(skills + implied, key=lambda span: span.start)
        doc.user_data[SKILLS_KEY] = self._skill_data(skills, implied)
        doc.spans["skill_roles"] = roles
        doc.spans["skill_qualified"] = qualified
        doc.spans["skill_rejects"] = pending
        return doc

    def _implied_spans(self, stated: Sequence[Span]) -> list[Span]:
        """A span for each skill a stated one implies and no span states, over the implying words (once each)."""
        stated_ids = {span.label_ for span in stated}
        implied: dict[tuple[int, int, int], Span] = {}
        for span in stated:
            for skill_id in self.taxonomy.implied_by(span.label_):
                if skill_id not in stated_ids:
                    made = Span(span.doc, span.start, span.end, label=skill_id)
                    implied.setdefault(_key(made), made)
        return list(implied.values())

    def _skill_data(self, stated: Sequence[Span], implied: Sequence[Span]) -> dict[str, dict[str, Any]]:
        """What the span attributes read: each skill's name and area, and whether it is only implied."""
        data: dict[str, dict[str, Any]] = {}
        for spans, inferred in ((stated, False), (implied, True)):
            for span in spans:
                skill = self.skills[span.label_]
                data.setdefault(skill.id, {"name": skill.name, "area": skill.area, "inferred": inferred})
        return data


def _skill_attribute(field: str) -> Any:
    def read(span: Span) -> Any:
        found = span.doc.user_data.get(SKILLS_KEY, {}).get(span.label_)
        if found is None:
            return None
        return span.label_ if field == "id" else found[field]

    return read


def register_span_attributes() -> None:
    """Give spans `._.skill_id`, `skill_name`, `skill_area` and `skill_inferred` (None on a span that is no skill
    of `doc.spans["skills"]`): read from the Doc, so they cost nothing until read and survive its pickling."""
    for field in ("id", "name", "area", "inferred"):
        if not Span.has_extension(f"skill_{field}"):
            Span.set_extension(f"skill_{field}", getter=_skill_attribute(field))


def _within_reach(spans: Sequence[Span], starts: Sequence[int], span: Span) -> Sequence[Span]:
    """The spans (sorted by start) near `span`: evidence lies within a few dozen tokens, and looking further
    would make a long one-line document quadratic."""
    low = bisect.bisect_left(starts, span.start - EVIDENCE_REACH)
    return spans[low : bisect.bisect_right(starts, span.end + EVIDENCE_REACH)]


def longest_matches(matches: Iterable[Match]) -> list[Match]:
    """The matches `spacy.util.filter_spans` would keep of the same spans, sorted by start: the longest (the first
    of equals) where matches overlap. Read from the matcher's tuples, so that no Span is made for a match dropped."""
    result = []
    seen: set[int] = set()
    for match in sorted(matches, key=_length_then_last_start, reverse=True):
        _, start, end = match
        if start not in seen and end - 1 not in seen:
            result.append(match)
            seen.update(range(start, end))
    return sorted(result, key=_match_start)


def _length_then_last_start(match: Match) -> tuple[int, int]:
    return match[2] - match[1], -match[1]


def _match_start(match: Match) -> int:
    return match[1]


def _key(span: Span) -> tuple[int, int, int]:
    return span.start, span.end, span.label


@Language.factory(COMPONENT, default_config={"taxonomy_files": [], "adapt_tokenizer": True, "inferred": True})
def make_skill_finder(
    nlp: Language, name: str, taxonomy_files: list[str], adapt_tokenizer: bool, inferred: bool
) -> SkillFinder:
    """Build the component from the built-in taxonomy merged with `taxonomy_files` (user TOML files), or load
    what it is built from out of the disk cache (see `pipeline_cache`).

    `adapt_tokenizer`: teach the pipeline's tokenizer the names to keep whole ("C++", "ASP.NET"), as gapcheck
    does; Docs made after the component is added are split that way. Without it the tokenizer is left as it is
    (a trained pipeline's must be) and the names are matched as that tokenizer splits them. `inferred`: add the
    skills the stated ones imply to `doc.spans["skills"]`, marked `span._.skill_inferred`."""
    from gapcheck import pipeline_cache

    register_span_attributes()
    files = tuple(str(p) for p in taxonomy_files)
    # The cached patterns are our English tokenizer's splits: no use to another language or tokenizer.
    key = pipeline_cache.key(files) if adapt_tokenizer and nlp.lang == "en" else None
    stored = pipeline_cache.load(key) if key is not None else None
    if key is not None and stored is not None:
        try:
            return _finder_from_cache(nlp, stored, name, inferred)
        except Exception:  # noqa: BLE001 - an entry that does not fit this code is rebuilt, never trusted
            pipeline_cache.discard(key)
    taxonomy = cached_taxonomy(files)
    if not adapt_tokenizer:
        return SkillFinder(nlp, taxonomy, skill_patterns(nlp, nlp.tokenizer, taxonomy), name, inferred=inferred)
    forms = forms_to_keep_whole(taxonomy)
    plain = configure_tokenizer(nlp, forms)
    finder = SkillFinder(nlp, taxonomy, skill_patterns(nlp, plain, taxonomy), name, inferred=inferred)
    if key is not None:
        pipeline_cache.store(key, _cache_entry(taxonomy, forms, finder))
    return finder


# What the cache keeps is made from the taxonomy alone: names, token patterns, the parsed taxonomy. It never
# holds a resume's or a job ad's text (personal data), as nothing here has seen one.
def _cache_entry(taxonomy: Taxonomy, forms: list[str], finder: SkillFinder) -> dict[str, Any]:
    return {"taxonomy": taxonomy, "forms": forms, "patterns": matcher_patterns(finder.matcher), "cased": finder.cased}


def matcher_patterns(matcher: PhraseMatcher) -> list[tuple[str, list[tuple[int, ...]]]]:
    """Return the patterns of a PhraseMatcher as it keeps them (each a sequence of attribute hashes, by key), the
    form in which spaCy pickles a matcher and which `PhraseMatcher.add` takes back without making Docs."""
    _, (_, keywords, _, _), *_ = matcher.__reduce__()
    return [(key, sorted(sequences)) for key, sequences in keywords.items()]


def _finder_from_cache(nlp: Language, stored: dict[str, Any], name: str, inferred: bool) -> SkillFinder:
    taxonomy = stored["taxonomy"]
    if not isinstance(taxonomy, Taxonomy):
        raise TypeError(f"a cached taxonomy is a {type(taxonomy).__name__}")
    configure_tokenizer(nlp, stored["forms"], plain=False)
    return SkillFinder(nlp, taxonomy, stored["patterns"], name, cased=stored["cased"], inferred=inferred)


@lru_cache(maxsize=8)
def build_pipeline(files: tuple[str, ...] = ()) -> Language:
    """Return the blank-English pipeline with the skill finder, made once per process per taxonomy (loaded
    from the disk cache when it can be, see `pipeline_cache`)."""
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "gapcheck.deferred_tokenizer.v1"}}})
    # The implied skills are found by `extract`, with where they are implied from; the spans are the stated ones.
    nlp.add_pipe(COMPONENT, config={"taxonomy_files": list(files), "inferred": False})
    return nlp


def unwrapped(text: str) -> str:
    """The text as the skill finder reads it: a line break inside running prose is a space (offsets do not move),
    so that a name wrapped over two lines counts."""
    return _SOFT_WRAP.sub(" ", text)


def find_skill_spans(
    nlp: Language,
    texts: Iterable[str],
    context: Sequence[dict[str, object]] | None = None,
    max_names: int | None = None,
) -> list[Doc]:
    """Run the pipeline over each text (`unwrapped`); `context[i]` goes into `doc.user_data` first. A text with
    more than `max_names` skill names (if given) raises `TooManyNames` before any is weighed.

    A line break inside a known multi-word name (`wrapped_names`) is read as a space too. The skill finder is
    handed each Doc's text and sections (`context[i]["sections"]`) in a `DocContext`, so
    that it need not join the Doc's tokens again for the text; the pipeline's other components, if any, are
    called as spaCy calls them.
    """
    names = cast(SkillFinder, nlp.get_pipe(COMPONENT)).wrapped_names if COMPONENT in nlp.pipe_names else frozenset()
    texts = [unwrapped(unwrap_names(text, names)) for text in texts]
    extras = [{} for _ in texts] if context is None else list(context)
    docs = []
    for text, extra in zip(texts, extras, strict=True):
        doc = nlp.make_doc(text)
        doc.user_data.update(extra)
        for _, component in nlp.pipeline:
            if isinstance(component, SkillFinder):
                sections = cast(Sequence[tuple[int, int, str]], extra.get("sections", ()))
                doc = component.mark_skills(DocContext.of(doc, text, sections), max_names)
            else:
                doc = component(doc)
        docs.append(doc)
    return docs
