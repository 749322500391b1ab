"""Lets a stage's module be called as the API function of its name: `gapcheck.analyze(...)`, `gapcheck.render(...)`.

`from gapcheck import analyze` must give the documented function, yet `gapcheck.analyze` is also the module that
holds the stage, which the CLI and the tests import as a module (`from gapcheck import analyze as pipeline`);
Python's import system puts a submodule on its package under its own name, over anything there. So the module
itself is made callable (a module's class may be replaced by a subclass of ModuleType), and calling it calls the
function of `gapcheck.api`. When the stages are renamed after what they do (issue 18), this goes.
"""

from __future__ import annotations

import sys
import types
from typing import Any


class CallableStage(types.ModuleType):
    """A module that, called, calls the `gapcheck.api` function named as the module."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from gapcheck import api

        return getattr(api, self.__name__.rpartition(".")[2])(*args, **kwargs)


def make_callable(module_name: str) -> None:
    """Make the module `module_name` (already in sys.modules) callable as its `gapcheck.api` namesake."""
    sys.modules[module_name].__class__ = CallableStage
