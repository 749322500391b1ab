"""gapcheck: find the skills in a resume, compare them with a job, report the gaps.

As a library (see `gapcheck.api`, where the five functions are defined and documented):

    from gapcheck import read, find_skills, load_job, analyze, render

    result = analyze("resume.pdf", load_job("ad.txt"))
    print(result.score, [gap.name for gap in result.missing])
    html = render(result)

Nothing heavy is imported until a function is used, so that `gapcheck --help` stays instant. No module of the
package bears one of the five names (the stages are `pipeline`, `report`...: see ARCHITECTURE.md), so importing a
stage never hides a function.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "analyze", "find_skills", "load_job", "read", "render"]

# The functions of `gapcheck.api`, loaded on first use.
_LAZY = ("analyze", "find_skills", "load_job", "read", "render")

if TYPE_CHECKING:
    from gapcheck.api import analyze, find_skills, load_job, read, render


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from gapcheck import api

        return getattr(api, name)
    raise AttributeError(f"module 'gapcheck' has no attribute {name!r}")
