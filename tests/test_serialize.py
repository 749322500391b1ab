"""The one serializer: computed fields, fields written only when set, and JSON Lines that stay one line each."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import ClassVar

from gapcheck.serialize import IF_SET, json_line, json_text, to_jsonable


@dataclass(frozen=True)
class Part:
    what: str
    id: str | None = field(default=None, metadata=IF_SET)
    hidden: str = field(default="x", metadata={"json": False})
    lines: tuple[str, ...] = ()
    JSON_EXTRA: ClassVar[tuple[str, ...]] = ("count",)

    @property
    def count(self) -> int:
        return len(self.lines)


def test_fields_in_order_then_computed_ones_an_unset_optional_left_out():
    assert to_jsonable(Part("total", lines=("a",))) == {"what": "total", "lines": ["a"], "count": 1}
    assert list(to_jsonable(Part("skill", "java"))) == ["what", "id", "lines", "count"]
    assert json_text([Part("total")]) == '[\n  {\n    "what": "total",\n    "lines": [],\n    "count": 0\n  }\n]\n'


def test_a_json_line_is_one_line_whatever_breaks_the_text_holds():
    tricky = "a\nb\rc\u2028d\u2029e\x85f\x0bg\x0ch\x1ci \\u2028 é"
    line = json_line(Part("skill", tricky, lines=(tricky,)))
    assert line.endswith("\n") and len(line.splitlines()) == 1
    assert json.loads(line) == {"what": "skill", "id": tricky, "lines": [tricky], "count": 1}
    assert "é" in line  # not escaped: the files are UTF-8
