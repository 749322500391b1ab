"""The tokenizer the skill finder needs: spaCy's English one, taught to keep our names whole, and made fast.

What it changes, and why:
- Names with marks in them ("C++", "ASP.NET", "Node.js") are one token in any casing, through one set lookup
  (`KeepWhole`, the tokenizer's `token_match`) rather than a special case per casing of every name: spaCy
  re-adds thousands of special cases one by one whenever a setting changes, and it caches nothing of a text
  after the first special case it meets in it.
- Words that hide a skill's name ("R&D", "A/B", "CI/CD") are special cases, so that they stay whole inside a
  longer piece too ("R&D-driven", "A/B-testing").
- The language's whitespace exceptions are left out (whitespace is one token without them), or every text
  would stop being cached at its first line break.
- A slash or a bracket between words splits them ("C#/.NET", "Python(3.x)"); only text with a scheme or "www."
  is a URL.
- Plain words skip the affix rules (`PlainWordShortcut`): letters alone hold no prefix, suffix or infix.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from gapcheck import evidence
from gapcheck.taxonomy import Taxonomy

# A piece of a name the tokenizer would split but must keep whole: it mixes letters with joining marks.
_PUNCTUATED = re.compile(r"^(?=.*[A-Za-z])(?=.*[^\w\s])[\w.#+/&'-]+$")
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)\S+$", re.IGNORECASE)
# Our infixes besides the language's: "Python(3.x)" splits at the bracket and "C#/.NET" at the slash.
_INFIXES = (r"(?<=[A-Za-z0-9])[\(\)\[\]](?=[A-Za-z0-9])", r"(?<=[\w#+])/(?=[\w.#])")


def _pieces_to_keep_whole(names: Iterable[str]) -> set[str]:
    """Every whitespace-separated piece of these names that mixes letters with punctuation ("ASP.NET", "C++")."""
    pieces = set()
    for name in names:
        for piece in name.split():
            if _PUNCTUATED.match(piece) and not piece.endswith((".", "'", "-", "/")) and not piece.startswith("'"):
                pieces.add(piece)
    return pieces


def forms_to_keep_whole(taxonomy: Taxonomy) -> list[str]:
    """Return the spellings the tokenizer must keep as one token, lower-cased, in a stable order: every punctuated
    piece of a skill name ("c++", "asp.net") but the cue list `keep_whole`, which has special cases instead (see
    `guard_special_cases`: spaCy finds those within a piece by splitting them as it would without them)."""
    names = [name for skill in taxonomy.skills.values() for name in skill.names()]
    guards = {word.lower() for word in evidence.cues()["tokenizer"]["keep_whole"]}
    return sorted({piece.lower() for piece in _pieces_to_keep_whole(names)} - guards)


def guard_special_cases() -> dict[str, list[dict[str, str]]]:
    """Special cases for the cue list `keep_whole`, in its usual casings: words that hide a skill's name ("R&D")
    must stay whole even inside a longer piece ("R&D-driven", "A/B-testing"), which only a special case does:
    spaCy matches them again after splitting a piece at its hyphens and slashes."""
    words = evidence.cues()["tokenizer"]["keep_whole"]
    forms = {form for word in words for form in (word, word.lower(), word.upper(), word.title())}
    return {form: [{"ORTH": form}] for form in sorted(forms)}


class KeepWhole:
    """The tokenizer's `token_match` (its `match`): a piece of text that is one of these names, in any casing, is
    one token. `pattern` says the same as a regular expression, which is what spaCy saves of a `token_match`
    when a pipeline is written to disk (`Tokenizer.to_bytes`)."""

    def __init__(self, forms: Iterable[str]) -> None:
        self.forms = frozenset(form.lower() for form in forms)
        alternatives = "|".join(re.escape(form) for form in sorted(self.forms, key=len, reverse=True))
        self.pattern = rf"(?i)(?:{alternatives})\Z" if self.forms else r"(?!)"

    def match(self, text: str) -> bool:
        return text.lower() in self.forms


class PlainWordShortcut:
    """An affix rule of the tokenizer that answers at once for a plain word: no prefix, suffix or infix rule of
    the language matches letters alone (each needs a mark or a digit), and most pieces of a resume are plain
    words, for which the rules' long regular expressions cost most of the tokenizer's time. `pattern` is the
    rule's, for spaCy to save."""

    def __init__(self, rule: re.Pattern[str]) -> None:
        self.rule = rule
        self.pattern = rule.pattern

    def search(self, text: str) -> re.Match[str] | None:
        return None if text.isalpha() else self.rule.search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return iter(()) if text.isalpha() else self.rule.finditer(text)


@spacy.registry.tokenizers("gapcheck.deferred_tokenizer.v1")
def deferred_tokenizer() -> Any:
    """A placeholder tokenizer for a pipeline whose `gapcheck_skills` component makes the real one (see
    `configure_tokenizer`): spaCy's default would compile the language's rules and load its ~1,300 exceptions
    only for them to be made again."""

    def make(nlp: Language) -> Tokenizer:
        return Tokenizer(nlp.vocab)

    return make


def _rule(bound: Callable[..., Any] | None, make: Callable[[], re.Pattern[str] | None]) -> re.Pattern[str] | None:
    """The compiled rule behind a tokenizer's `prefix_search` or `suffix_search` (ours or spaCy's), or a new one."""
    owner = getattr(bound, "__self__", None)
    if isinstance(owner, PlainWordShortcut):
        return owner.rule
    return owner if isinstance(owner, re.Pattern) else make()


def _compiled(compile_rule: Callable[[Any], re.Pattern[str]], entries: Any) -> Callable[[], re.Pattern[str] | None]:
    return lambda: compile_rule(entries) if entries else None


def _search(rule: re.Pattern[str] | None) -> Callable[[str], Any] | None:
    return PlainWordShortcut(rule).search if rule is not None else None


def configure_tokenizer(nlp: Language, forms: Iterable[str], *, plain: bool = True) -> Tokenizer | None:
    """Give the pipeline a tokenizer that knows our infixes, URLs and names to keep whole; return (if `plain`)
    one with the same settings but without those names (how a name splits when written in an unusual casing).

    The new tokenizer keeps what the pipeline's had (its exceptions, prefixes and suffixes), or takes the
    language's where it had none (`deferred_tokenizer`). It is made in one go: every change of a setting of a
    spaCy tokenizer reloads all its exceptions.
    """
    old = nlp.tokenizer
    rules = old.rules or nlp.Defaults.tokenizer_exceptions
    defaults = nlp.Defaults
    prefixes = _rule(old.prefix_search, _compiled(spacy.util.compile_prefix_regex, defaults.prefixes))
    suffixes = _rule(old.suffix_search, _compiled(spacy.util.compile_suffix_regex, defaults.suffixes))
    infixes = spacy.util.compile_infix_regex([*defaults.infixes, *_INFIXES])
    settings = {
        "rules": {text: tokens for text, tokens in rules.items() if text.strip()},
        "prefix_search": _search(prefixes),
        "suffix_search": _search(suffixes),
        "infix_finditer": PlainWordShortcut(infixes).finditer,
        "url_match": _URL.match,
        "faster_heuristics": old.faster_heuristics,
    }
    ours = {**settings, "rules": {**settings["rules"], **guard_special_cases()}}
    nlp.tokenizer = Tokenizer(nlp.vocab, token_match=KeepWhole(forms).match, **ours)
    return Tokenizer(nlp.vocab, **settings) if plain else None
