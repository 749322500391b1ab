"""The result of a fit check (`FitCheck`), shared by the title, experience and education checks: a leaf module,
so that the checks import it without importing one another or the package."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from gapcheck.serialize import IF_SET

Verdict = Literal["meets", "partly", "missing", "unknown"]
VERDICTS: tuple[Verdict, ...] = ("meets", "partly", "missing", "unknown")


class FitSide(Protocol):
    """One side of a check (what the job asks, what the resume shows): each check has its own fields, and all
    have a one-line `summary` and the `evidence` lines it was read from."""

    @property
    def summary(self) -> str: ...

    @property
    def evidence(self) -> Sequence[str]: ...


@dataclass(frozen=True, kw_only=True)
class YearsPart:
    """One part of the experience check: the years in total (`what` "total") or with one skill ("skill": with
    its id, name and importance), asked and shown."""

    what: Literal["total", "skill"]
    id: str | None = field(default=None, metadata=IF_SET)
    name: str | None = field(default=None, metadata=IF_SET)
    asked: float
    shown: float | None
    importance: str | None = field(default=None, metadata=IF_SET)
    verdict: Verdict
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class FitCheck:
    """One fit verdict with both sides, each with a `summary` and its `evidence` lines."""

    verdict: Verdict
    job: FitSide
    resume: FitSide
    note: str = ""
    parts: tuple[YearsPart, ...] = ()


def combine(verdicts: Iterable[Verdict]) -> Verdict:
    """Return the verdict of several parts: unknown parts are left out; all met meets, none met is missing."""
    known = [v for v in verdicts if v != "unknown"]
    if not known:
        return "unknown"
    if all(v == "meets" for v in known):
        return "meets"
    if all(v == "missing" for v in known):
        return "missing"
    return "partly"
