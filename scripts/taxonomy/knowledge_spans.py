"""Frequency-sorted KNOWLEDGE spans of the SkillSpan TRAIN split (never the dev split), for a coverage check.

Usage: python scripts/taxonomy/knowledge_spans.py [path-to-train.conll] [--missing]
The default file is SkillSpan's train split in `../shared/data/skillspan/` beside this checkout, where
`python -m gapcheck.eval` looks too. With --missing, lists only spans that the taxonomy's lookup() does not resolve.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[2]


def spans(path: Path) -> Counter[str]:
    counts: Counter[str] = Counter()
    current: list[str] = []

    def close() -> None:
        if current:
            counts[" ".join(current)] += 1
            current.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 3:
            close()
            continue
        token, tag = parts[0], parts[2]
        if tag.startswith("B"):
            close()
            current.append(token)
        elif tag.startswith("I") and current:
            current.append(token)
        else:
            close()
    close()
    return counts


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    from gapcheck.eval import skillspan

    path = Path(args[0]) if args else skillspan.default_folder(CHECKOUT) / skillspan.TRAIN
    if not path.is_file():
        sys.exit(f"no SkillSpan train split at {path}: give its path")
    counts = spans(path)
    lookup = None
    if "--missing" in sys.argv:
        from gapcheck.taxonomy import load_taxonomy

        lookup = load_taxonomy(validate=False).lookup
    lowered: Counter[str] = Counter()
    for span, n in counts.items():
        lowered[span.lower()] += n
    for span, n in lowered.most_common():
        if n < 2:
            break
        if lookup is None or lookup(span) is None:
            print(f"{n}\t{span}")


if __name__ == "__main__":
    main()
