"""Small pieces of English the messages share: a count with its noun in the right number, an article; and
whether a resume names a skill in the ad's own words: the one rule behind the "worded differently" status of
compare.py and the "named otherwise than in the ad" resume check of checks.py.

Keyword filters match words, not exact strings, so forms that differ only by case, a plural, a version ("HTML5",
"CSS3", "Python 3"), a vendor's prefix ("Apache Airflow") or a ".js" ending ("React.js") are the same words; so
is a resume phrase that holds the ad's words whole ("Linux servers" for "Linux", "data quality checks" for "data
quality"). Only a real difference in wording is worth the advice "use the ad's words".
"""

from __future__ import annotations

import re

from gapcheck.memo import kept

_VERSION = re.compile(r"^v?\d+(?:\.\d+)*[a-z]?$")  # a version standing alone: "3", "2.1", "v4"
_TRAILING_VERSION = re.compile(r"^([a-z][a-z+#]+?)\d+(?:\.\d+)*$")  # a version glued on: "html5", "css3", "es6"


def words_of(text: str) -> list[str]:
    """The words of one wording: lower case, a plural s, a version and a ".js" ending dropped, vendor prefix off."""
    # The same skill names come back in every resume and ad: a name's words are kept (a long text is no name).
    return list(_kept_words_of(text) if len(text) <= _LONGEST_KEPT else _words_of(text))


_LONGEST_KEPT = 200


@kept(4096)
def _kept_words_of(text: str) -> tuple[str, ...]:
    return _words_of(text)


def _words_of(text: str) -> tuple[str, ...]:
    words = []
    for word in re.findall(r"[\w+#.]+", text.lower()):
        word = word.strip(".")
        if not word or _VERSION.match(word):
            continue
        if glued := _TRAILING_VERSION.match(word):
            word = glued.group(1)
        if len(word) > 4 and word.endswith(".js"):
            word = word[:-3]
        elif len(word) > 4 and word.endswith("js") and "." not in word:
            word = word[:-2]
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        words.append(word)
    from gapcheck.open_vocabulary import tool_key  # here, so the read stage's messages import no skill finder

    # tool_key knows the vendors' prefixes: keep the words its key starts from ("apache airflow" -> "airflow").
    key = tool_key(" ".join(words))
    start = next((i for i in range(len(words)) if re.sub(r"[^\w+#]", "", "".join(words[i:])) == key), 0)
    return tuple(words[start:])


def same_words(resume_text: str, ad_text: str) -> bool:
    """True when the resume's wording holds the ad's words (in the forms words_of treats as one)."""
    resume, ad = words_of(resume_text), words_of(ad_text)
    if not ad or not resume:
        return False
    if resume == ad:
        return True
    size = len(ad)
    return any(resume[i : i + size] == ad for i in range(len(resume) - size + 1))


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
