"""Load the taxonomy straight from this checkout's taxonomy/ folder (dev helper).

`gapcheck.taxonomy` is both the module gapcheck/taxonomy.py and the data package mapped to taxonomy/, and the module
wins, so `importlib.resources.files("gapcheck.taxonomy")` fails; until that is resolved this reads the files itself
with the loader's own parser and validation.
"""

from __future__ import annotations

from pathlib import Path

from gapcheck import taxonomy as loader

ROOT = Path(__file__).resolve().parents[2] / "taxonomy"


def files() -> list[tuple[str, bytes]]:
    return [(f"taxonomy/{p.relative_to(ROOT).as_posix()}", p.read_bytes()) for p in sorted(ROOT.rglob("*.toml"))]


def load(validate: bool = False) -> loader.Taxonomy:
    parts = loader._Parts()
    for label, data in files():
        loader._read_file(label, data, parts, merge=False)
    taxonomy = loader._build(parts)
    if validate:
        errors = loader.validation_errors(taxonomy)
        if errors:
            raise SystemExit("\n".join(errors))
    return taxonomy


def patch() -> None:
    """Make load_taxonomy() read this checkout's files (used by check.py to run the data tests)."""
    loader._builtin_files = files


if __name__ == "__main__":
    t = load()
    errors = loader.validation_errors(t)
    areas: dict[str, int] = {}
    for s in t.skills.values():
        areas[s.area] = areas.get(s.area, 0) + 1
    print(f"{len(t.skills)} skills, {len(t.roles)} roles, {len(errors)} errors")
    for area, n in sorted(areas.items()):
        print(f"  {area}: {n}")
    print("\n".join(errors[:40]))
