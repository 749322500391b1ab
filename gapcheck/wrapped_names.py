"""A multi-word skill name broken over two lines ("Natural Language⏎Processing", "Spring⏎Boot").

A PDF or an editor wraps a skills list wherever the line is full, so a name's words may end one line and start the
next. The matcher reads a soft wrap before a lower-case word as a space (`nlp._SOFT_WRAP`); before a capital it
cannot, since a capital also starts a new item, title or heading. Here a break is read as a space only when the
words either side of it make a name the taxonomy knows, so nothing else is joined. Offsets never move: one
character ("\\n") becomes another (" ").
"""

from __future__ import annotations

import re
from functools import lru_cache

from gapcheck.taxonomy import Taxonomy

# A break after a letter, digit or closing mark, before a letter: the only breaks that may fall inside a name.
_BREAK = re.compile(r"(?<=[A-Za-z0-9+#)])\n(?=[A-Za-z])")
_SEPARATOR = re.compile(r"[,;:|•·/]\s|\s[-–—|/]\s|[,;|•·]")
_EDGE_PUNCTUATION = "()[]{}.\"'"
_LONGEST = 6  # words in the longest name looked for across a break


def unwrap_names(text: str, names: frozenset[tuple[str, ...]]) -> str:
    """Return `text` with each line break that falls inside a known multi-word name (`names`, lower-case words)
    made a space."""
    if "\n" not in text or not names:
        return text
    breaks = [m.start() for m in _BREAK.finditer(text)]
    if not breaks:
        return text
    pairs = _word_pairs(names)
    joined = []  # the breaks inside a name
    for at in breaks:
        sides = _side_words(text, at)
        if sides is not None and sides not in pairs:
            continue  # no name holds the words either side of the break side by side (most breaks)
        line_start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", at + 1)
        # Only the item the break falls in: the words after the line's last separator, before the next line's first.
        before = _SEPARATOR.split(text[max(line_start, at - 120) : at])[-1]
        after = _SEPARATOR.split(text[at + 1 : (at + 121 if line_end < 0 else min(line_end, at + 121))])[0]
        tail = _words(before.split()[-(_LONGEST - 1) :])
        head = _words(after.split()[: _LONGEST - 1])
        if _joins_a_name(tail, head, names):
            joined.append(at)
    if not joined:
        return text
    chars = list(text)
    for at in joined:
        chars[at] = " "
    return "".join(chars)


# Marks that may end the item before a break inside its last chunk of text, or the item after it inside its first.
_CUT_BEFORE = re.compile(r"[,;|•·]")
_CUT_AFTER = re.compile(r"[,;:|•·/]")


def _side_words(text: str, at: int) -> tuple[str, str] | None:
    """The word just before the break at `at` and the word just after it, as `unwrap_names` reads them (the last
    of the item before, the first of the item after), without cutting the lines into items; None when a mark
    inside those chunks of text may cut an item there (then the items are read as a whole)."""
    last = text[max(0, at - 120) : at].rsplit(None, 1)[-1]  # a break follows a letter, digit or bracket
    first = text[at + 1 : at + 121].split(None, 1)[0]  # and comes before a letter
    if _CUT_BEFORE.search(last) or _CUT_AFTER.search(first):
        return None
    return last.strip(_EDGE_PUNCTUATION).lower(), first.strip(_EDGE_PUNCTUATION).lower()


def _words(parts: list[str]) -> list[str]:
    return [part.strip(_EDGE_PUNCTUATION).lower() for part in parts]


def _joins_a_name(tail: list[str], head: list[str], names: frozenset[tuple[str, ...]]) -> bool:
    # Any name across the break holds the word before it and the word after it side by side: most breaks fall
    # between two words that no name has so.
    if not tail or not head or (tail[-1], head[0]) not in _word_pairs(names):
        return False
    for before in range(1, len(tail) + 1):
        for after in range(1, min(len(head), _LONGEST - before) + 1):
            if tuple(tail[-before:] + head[:after]) in names:
                return True
    return False


@lru_cache(maxsize=4)
def _word_pairs(names: frozenset[tuple[str, ...]]) -> frozenset[tuple[str, str]]:
    """Every two words that stand side by side in one of `names`."""
    return frozenset(pair for name in names for pair in zip(name, name[1:], strict=False))


def multi_word_names(taxonomy: Taxonomy) -> frozenset[tuple[str, ...]]:
    """Every name and alias of the taxonomy that has two words or more, as lower-case words."""
    names = set()
    for skill in taxonomy.skills.values():
        for name in skill.names():
            words = tuple(name.lower().split())
            if 2 <= len(words) <= _LONGEST:
                names.add(words)
    return frozenset(names)
