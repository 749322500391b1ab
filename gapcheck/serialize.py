"""The one way a result becomes JSON: `to_jsonable` turns any tree of result dataclasses into plain data, and
`json_text` / `json_pieces` / `json_line` write it. Every JSON output (analyze, job, extract, rank, batch cohort
data) goes through here, so a result's schema is its dataclass and nothing else.

A dataclass field with `metadata={"json": False}` is left out, one with `metadata=IF_SET` only when it is None
(a key some records of a type have and others lack); a class may name computed properties in `JSON_EXTRA` (a
ClassVar), written after its fields (`Requirement.points`, `FoundSkill.stated`).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from functools import cache
from typing import Any

_PLAIN = (str, int, float, bool, type(None))
_PLAIN_TYPES = frozenset(_PLAIN)
# Field metadata: written only when the value is not None.
IF_SET = {"json": "if-set"}


@cache
def _json_field_names(cls: type) -> tuple[tuple[str, ...], frozenset[str]] | None:
    """The fields (then the `JSON_EXTRA` properties) of a dataclass that go into JSON, in order, and those left
    out when None; or None for another type (or a dataclass that is also a str, dict or list: those are read as
    such). `dataclasses.fields` is slow to ask per value."""
    if not dataclasses.is_dataclass(cls) or issubclass(cls, (*_PLAIN, dict, list, tuple)):
        return None
    fields = [f for f in dataclasses.fields(cls) if f.metadata.get("json", True)]
    names = tuple(f.name for f in fields) + tuple(getattr(cls, "JSON_EXTRA", ()))
    return names, frozenset(f.name for f in fields if f.metadata.get("json") == "if-set")


def to_jsonable(value: Any) -> Any:
    """Turn dataclasses (recursively) into plain dicts and lists for json.dumps."""
    # A report holds thousands of values, most of them plain: look at their exact type before any call. A
    # subclass (a str enum, a dict subclass) takes the longer way, `_to_jsonable`, to the same result.
    kind: type = type(value)
    if kind in _PLAIN_TYPES:
        return value
    if kind is list or kind is tuple:
        return [item if type(item) in _PLAIN_TYPES else to_jsonable(item) for item in value]
    if kind is dict:
        return {key: item if type(item) in _PLAIN_TYPES else to_jsonable(item) for key, item in value.items()}
    known = _json_field_names(kind)
    if known is None:
        return _to_jsonable(value)
    names, if_set = known
    result = {}
    for name in names:
        item = getattr(value, name)
        if item is None and name in if_set:
            continue
        result[name] = item if type(item) in _PLAIN_TYPES else to_jsonable(item)
    return result


def _to_jsonable(value: Any) -> Any:
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, dict):
        return {key: to_jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(item) for item in value]
    return value


def json_text(value: Any) -> str:
    """Return `value` as the indented JSON text of our outputs, with a final line break."""
    return json.dumps(to_jsonable(value), indent=2, ensure_ascii=False) + "\n"


def json_pieces(value: Any) -> Iterator[str]:
    """Yield `json_text(value)` in pieces of about 64 K parts each: a document near the size limit names one skill
    a hundred thousand times, and its JSON whole would hold hundreds of megabytes at once."""
    pieces: list[str] = []
    for piece in json.JSONEncoder(indent=2, ensure_ascii=False).iterencode(to_jsonable(value)):
        pieces.append(piece)
        if len(pieces) >= 65536:
            yield "".join(pieces)
            pieces.clear()
    yield "".join(pieces) + "\n"


# Characters json.dumps leaves raw in strings that str.splitlines() (and some editors) take for line breaks.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_line(value: Any) -> str:
    """Return `value` as one line of JSON Lines, with its final line break: json.dumps escapes \\n and \\r in
    strings, and the other characters a reader may split lines on are escaped here."""
    return json.dumps(to_jsonable(value), ensure_ascii=False, separators=(",", ":")).translate(_LINE_BREAKS) + "\n"
