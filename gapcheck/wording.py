"""Small pieces of English the messages share: a count with its noun in the right number."""

from __future__ import annotations


def plural(number: float, singular: str, plural_form: str | None = None) -> str:
    """Return the word that goes with `number`: the singular for exactly one, else the plural (singular + "s"
    unless given)."""
    if number == 1:
        return singular
    return plural_form if plural_form is not None else singular + "s"


def counted(number: int, singular: str, plural_form: str | None = None) -> str:
    """Return "1 word", "3 words", "0 words": the number and its noun in agreement."""
    return f"{number} {plural(number, singular, plural_form)}"


def a_or_an(phrase: str) -> str:
    """Return the phrase with its indefinite article: "an MBA", "a BSc", "an engineer", "a unit"."""
    return f"{_article(phrase)} {phrase}"


def _article(phrase: str) -> str:
    word = phrase.split()[0] if phrase.split() else phrase
    if len(word) > 1 and word[:2].isupper():  # an initialism is read letter by letter: "an MBA", "an MSc", "a BSc"
        return "an" if word[0] in "AEFHILMNORSX" else "a"
    lowered = word.lower()
    if lowered.startswith(("uni", "use", "usu", "eu", "one")):
        return "a"
    if lowered.startswith(("hour", "honour", "honor", "heir")):
        return "an"
    return "an" if lowered[:1] in "aeiou" else "a"
