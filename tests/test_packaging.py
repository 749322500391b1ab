"""The wheel carries every package of the source tree: setuptools is given the list by hand in pyproject.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]


def test_every_subpackage_of_gapcheck_is_listed_for_the_wheel() -> None:
    listed = set(
        tomllib.loads((REPOSITORY / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(init.parent.relative_to(REPOSITORY).parts) for init in (REPOSITORY / "gapcheck").rglob("__init__.py")
    }
    assert found <= listed, f"packages missing from pyproject.toml: {sorted(found - listed)}"
