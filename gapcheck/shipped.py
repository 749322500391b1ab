"""Where the shipped data folders are: `taxonomy/` and `reports/` as installed, else the checkout's own.

An installed gapcheck (a wheel, or `pip install -e .`) maps the top-level `taxonomy/` and `reports/` folders to
the packages `gapcheck.taxonomy_data` and `gapcheck.reports`. Run from a checkout without an install
(`python -m gapcheck` in the checkout root finds `./gapcheck` first), those packages do not exist; the data is
then the checkout's, beside the code that reads it.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent


@cache
def _folder(package: str, checkout_folder: str) -> Traversable:
    try:
        return resources.files(package)
    except ModuleNotFoundError:
        folder = _CHECKOUT / checkout_folder
        if (folder / "__init__.py").is_file():
            return folder
        raise


def taxonomy_folder() -> Traversable:
    """The folder of the built-in taxonomy (taxonomy.toml, skills/, roles/, cues.toml...)."""
    return _folder("gapcheck.taxonomy_data", "taxonomy")


def reports_folder() -> Traversable:
    """The folder of the report templates and stylesheets."""
    return _folder("gapcheck.reports", "reports")
