"""The word lists the evidence rules read, from `taxonomy/cues.toml`: loaded once, as the sets the rules look up."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from gapcheck.taxonomy import data_file


def cues() -> dict[str, Any]:
    """Return the cue words of `taxonomy/cues.toml`, read once."""
    return data_file("cues.toml")


@lru_cache(maxsize=1)
def ambiguous_cues() -> dict[str, Any]:
    """The `[ambiguous]` lists: what stands around a name that is also an ordinary word."""
    raw = cues()["ambiguous"]
    return {
        "before": [tuple(phrase.split()) for phrase in raw["before"]],
        "distinctive_endings": tuple(raw["distinctive_endings"]),
        **{key: set(raw[key]) for key in _AMBIGUOUS_SETS},
    }


# The lists of `[ambiguous]` that the rules look words up in.
_AMBIGUOUS_SETS = (
    "after",
    "separators",
    "after_not",
    "before_not",
    "skill_sections",
    "requirement_sections",
    "ordinary_words",
    "glue",
    "time_words",
    "not_item_openers",
    "list_only",
)


@lru_cache(maxsize=1)
def before_phrases_by_length() -> dict[int, frozenset[tuple[str, ...]]]:
    """The telling phrases before a name ("programming in"), by their number of words: one look per length."""
    by_length: dict[int, set[tuple[str, ...]]] = {}
    for phrase in ambiguous_cues()["before"]:
        by_length.setdefault(len(phrase), set()).add(phrase)
    return {length: frozenset(phrases) for length, phrases in sorted(by_length.items())}


@lru_cache(maxsize=1)
def role_nouns() -> frozenset[str]:
    return frozenset(cues()["roles"]["nouns"])


@lru_cache(maxsize=1)
def role_cues() -> dict[str, frozenset[str]]:
    """The word lists of `[roles]` in cues.toml as sets: they are looked up for every name in a document."""
    raw = cues()["roles"]
    return {key: frozenset(raw[key]) for key in ("organisations", "profiles", "possessives", "workplace")}


@lru_cache(maxsize=1)
def list_separators() -> frozenset[str]:
    """The separators of a list of names, but those that may also introduce one after a title."""
    return frozenset(ambiguous_cues()["separators"] - {"(", "-", "–"})


@lru_cache(maxsize=1)
def culture_phrases() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(phrase.split()) for phrase in cues()["roles"]["culture_phrases"])


@lru_cache(maxsize=1)
def culture_phrase_ends() -> frozenset[str]:
    return frozenset(phrase[-1] for phrase in culture_phrases())


@lru_cache(maxsize=1)
def domain_cues() -> dict[str, Any]:
    raw = cues()["domains"]
    return {
        "names": frozenset(raw["names"]),
        "before": [tuple(phrase.split()) for phrase in raw["before"]],
        "after": frozenset(raw["after"]),
    }
