"""Shared pytest options and fixtures."""

from __future__ import annotations

import os

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the golden files in tests/golden/ from the current output (review the diff before committing).",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when golden files should be rewritten: `pytest --update-golden` or GAPCHECK_UPDATE_GOLDEN=1."""
    return bool(request.config.getoption("--update-golden")) or os.environ.get("GAPCHECK_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="session", autouse=True)
def pipeline_cache_dir(tmp_path_factory: pytest.TempPathFactory):
    """Keep the pipeline's disk cache (gapcheck/pipeline_cache.py) in a temporary folder, never the real home;
    subprocesses started by tests inherit it."""
    folder = tmp_path_factory.mktemp("gapcheck-cache")
    previous = os.environ.get("GAPCHECK_CACHE_DIR")
    os.environ["GAPCHECK_CACHE_DIR"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("GAPCHECK_CACHE_DIR", None)
    else:
        os.environ["GAPCHECK_CACHE_DIR"] = previous


@pytest.fixture(scope="session")
def kit():
    """The toolkit (taxonomy and spaCy pipeline) over the built-in taxonomy, built once per test process."""
    from gapcheck import pipeline

    return pipeline.toolkit()


@pytest.fixture(scope="session")
def nlp(kit):
    """gapcheck's own spaCy pipeline (the blank-English tokenizer and the skill finder), as the toolkit holds it."""
    return kit.nlp


@pytest.fixture
def runner():
    """click's test runner, for the CLI's commands called in-process."""
    from click.testing import CliRunner

    return CliRunner()
