"""The tokenizer the skill finder needs: spaCy's English one, taught to keep our names whole, and made fast.

What it changes, and why:
- Names with marks in them ("C++", "ASP.NET", "Node.js") and words that hide a skill's name ("R&D", "A/B")
  are one token in any casing, through one set lookup (`KeepWhole`, the tokenizer's `token_match`) rather
  than a special case per casing of each: spaCy re-adds thousands of special cases one by one whenever a
  setting changes, and it caches nothing of a text after the first special case it meets in it. For the
  same reason the language's exceptions that these cover ("C++") and its whitespace exceptions (whitespace
  is one token without them) are left out, and so are its emoticons, which in a resume are mostly a bracket
  and a colon ("(Python):") or a product ("Adobe XD").
- A slash or a bracket between words splits them ("C#/.NET", "Python(3.x)"), but not the slash inside those
  hiding words, so that "A/B-testing" keeps "A/B"; only text with a scheme or "www." is a URL.
- Plain words skip the language's affix rules (`PlainWordShortcut`): letters alone match none of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import spacy
from spacy.lang.tokenizer_exceptions import emoticons
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from gapcheck.skills.cues import cues
from gapcheck.taxonomy import Taxonomy

# A piece of a name the tokenizer would split but must keep whole: it mixes letters with joining marks.
_PUNCTUATED = re.compile(r"^(?=.*[A-Za-z])(?=.*[^\w\s])[\w.#+/&'-]+$")
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)\S+$", re.IGNORECASE)
# A bracket or a slash between words splits them: "Python(3.x)", "C#/.NET" (see `_not_inside` for the slash).
_BRACKET_INFIX = r"(?<=[A-Za-z0-9])[\(\)\[\]](?=[A-Za-z0-9])"
_SLASH_INFIX = r"(?<=[\w#+])/(?=[\w.#])"


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
    piece of a skill name ("c++", "asp.net") and of the cue list `keep_whole` ("r&d", "a/b")."""
    names = [name for skill in taxonomy.skills.values() for name in skill.names()]
    names.extend(_guard_words())
    return sorted({piece.lower() for piece in _pieces_to_keep_whole(names)})


def _guard_words() -> list[str]:
    """The cue list `keep_whole`: words that hide a skill's name ("R&D" is not R; "A/B testing" is one name)."""
    return list(cues()["tokenizer"]["keep_whole"])


def _not_inside(guards: Iterable[str]) -> str:
    """A condition to put after an infix: the split is not at the slash of one of `guards` ("A/B-testing" keeps
    "A/B", which `KeepWhole` keeps whole when it stands alone). Empty when no guard has a slash."""
    inside = [
        rf"(?<=(?<![\w]){re.escape(left)}/){re.escape(right)}(?![\w])"
        for word in guards
        for left, slash, right in [word.partition("/")]
        if slash and left and right and "/" not in right
    ]
    return f"(?!(?i:{'|'.join(inside)}))" if inside else ""


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


def _search(bound: Callable[[str], Any] | None, entries: Any, compile_rule: Callable[[Any], re.Pattern[str]]) -> Any:
    """A tokenizer's prefix or suffix search: the pipeline's own, kept as it is, or else the language's with the
    plain-word shortcut (which holds for the language's rules, not necessarily for anyone's)."""
    if bound is not None:
        return bound
    return PlainWordShortcut(compile_rule(entries)).search if entries else None


def configure_tokenizer(nlp: Language, forms: Iterable[str], *, plain: bool = True) -> Tokenizer | None:
    """Give the pipeline a tokenizer that knows our infixes, URLs and names to keep whole; return (if `plain`)
    one with the same settings but without those names (how a name splits when written in an unusual casing).

    The new tokenizer keeps the pipeline's exceptions, prefixes and suffixes, or takes the language's where it had
    none (`deferred_tokenizer`), and has our own infixes, URL rule and names to keep whole in place of any it
    had. It is made in one go: every change of a setting of a spaCy tokenizer reloads all its exceptions.
    """
    old: Tokenizer = nlp.tokenizer
    defaults = nlp.Defaults
    # A tokenizer of ours has left out the exceptions our names cover: start again from the language's.
    ours_already = isinstance(getattr(old.token_match, "__self__", None), KeepWhole)
    rules = defaults.tokenizer_exceptions if ours_already or not old.rules else old.rules
    keep = KeepWhole(forms)
    settings = {
        "rules": {text: tokens for text, tokens in rules.items() if text.strip() and text not in emoticons},
        "prefix_search": _search(old.prefix_search, defaults.prefixes, spacy.util.compile_prefix_regex),
        "suffix_search": _search(old.suffix_search, defaults.suffixes, spacy.util.compile_suffix_regex),
        "url_match": _URL.match,
        "faster_heuristics": old.faster_heuristics,
    }
    ours = {
        **settings,
        "rules": {text: tokens for text, tokens in settings["rules"].items() if text.lower() not in keep.forms},
        "infix_finditer": _infix_finditer(defaults.infixes, _guard_words()),
    }
    nlp.tokenizer = Tokenizer(nlp.vocab, token_match=keep.match, **ours)
    if not plain:
        return None
    return Tokenizer(nlp.vocab, infix_finditer=_infix_finditer(defaults.infixes, ()), **settings)


def _infix_finditer(
    language_infixes: Iterable[str | re.Pattern[str]] | None, guards: Iterable[str]
) -> Callable[[str], Any]:
    condition = _not_inside(guards)
    entries = [f"(?:{infix}){condition}" for infix in (*(language_infixes or ()), _BRACKET_INFIX, _SLASH_INFIX)]
    return PlainWordShortcut(spacy.util.compile_infix_regex(entries)).finditer
