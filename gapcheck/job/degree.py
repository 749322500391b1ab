"""The degrees an ad asks for, each with its level, fields of study and tier (read with fit/education's
degree words, so both sides of the education check speak one language)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from gapcheck.fit.education import Level, degree_words, field_name, fields_in, levels_in
from gapcheck.model import Importance, Mention, SectionName


@dataclass(frozen=True)
class DegreeAsk:
    """A degree named on one line of an ad: the lowest level the line accepts ("BS/MS" is a BS)."""

    level: Level
    line: str
    importance: Importance
    fields: tuple[str, ...]
    families: tuple[str, ...]
    related_ok: bool
    experience_ok: bool

    def describe(self) -> str:
        """Return the ask in words: "Bachelor's degree in Computer science or a related field"."""
        names = " or ".join(field_name(f) for f in self.fields) or " or ".join(self.families)
        text = self.level.name + (f" in {names}" if names else "")
        if self.related_ok and names:
            text += " or a related field"
        return text + (" (preferred)" if self.importance == "preferred" else "")


def degrees_asked(
    lines: Sequence[tuple[int, SectionName, str]], importance: Callable[[Mention], Importance]
) -> tuple[DegreeAsk, ...]:
    """Return each degree named on `lines` (offset, section, line), with the tier `importance` gives its line."""
    words = degree_words()
    found = []
    for offset, section, line in lines:
        levels = levels_in(line)
        if not levels:
            continue
        lowest = min(levels, key=lambda item: item[0].rank)[0]
        fields, families = fields_in(line[levels[0][1] :])
        if lowest.field:
            fields.add(lowest.field)
        # The tier of the degree's own words: a cue on the line speaks for it ("MBA or Bachelor's degree preferred").
        at = offset + levels[0][1]
        tier = importance(Mention(line[levels[0][1] :].split()[0], at, at + 1, section))
        found.append(
            DegreeAsk(lowest, line.strip(), tier, tuple(sorted(fields)), tuple(sorted(families)),
                      bool(words.related.search(line)), bool(words.equivalent.search(line)))
        )  # fmt: skip
    return tuple(found)


def degree_asked(asks: Sequence[DegreeAsk]) -> DegreeAsk | None:
    """Return the degree an ad asks for at least: the lowest level among its required asks (else among all)."""
    required = [a for a in asks if a.importance in ("must", "required")] or list(asks)
    return min(required, key=lambda a: a.level.rank) if required else None
