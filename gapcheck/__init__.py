"""gapcheck: find the skills in a resume, compare them with a job, report the gaps.

As a library (see `gapcheck.api`, where the five functions are defined and documented):

    from gapcheck import read, find_skills, load_job, analyze, render

    result = analyze("resume.pdf", load_job("ad.txt"))
    print(result.score, [gap.name for gap in result.missing])
    html = render(result)

Nothing heavy is imported until a function is used, so that `gapcheck --help` stays instant. `analyze` and
`render` are also the names of the modules that hold those stages (`gapcheck/analyze.py`, `gapcheck/render.py`):
those two modules can be called as the functions, so both `gapcheck.analyze(...)` and `gapcheck.analyze.toolkit`
work. A type checker sees modules there: typed code imports the functions from `gapcheck.api`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "analyze", "find_skills", "load_job", "read", "render"]

# The functions of `gapcheck.api` that no module of this package shadows, loaded on first use.
_LAZY = ("find_skills", "load_job", "read")

if TYPE_CHECKING:
    from gapcheck.api import find_skills, load_job, read


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from gapcheck import api

        return getattr(api, name)
    raise AttributeError(f"module 'gapcheck' has no attribute {name!r}")
