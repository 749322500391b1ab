"""What makes a one-shot run start fast: the collector settings around start-up and the compiled templates kept
on disk. Neither may change a result."""

from __future__ import annotations

import gc
from pathlib import Path

import jinja2
import pytest

from gapcheck import collector, report
from gapcheck.template_cache import TemplateCache, template_cache


@pytest.fixture()
def usual_threshold() -> tuple[int, int, int]:
    before = gc.get_threshold()
    yield before
    gc.set_threshold(*before)


def test_collection_is_rare_during_start_up_and_usual_after(usual_threshold: tuple[int, int, int]) -> None:
    collector.pause_for_start_up()
    assert gc.get_threshold()[0] == collector.START_UP_THRESHOLD
    assert gc.isenabled()  # rare, never off: a command that builds no pipeline must not grow without bound
    collector.start_up_done()
    assert gc.get_threshold() == usual_threshold
    assert gc.get_freeze_count() > 0


def test_start_up_done_alone_leaves_the_collector_as_it_is(usual_threshold: tuple[int, int, int]) -> None:
    frozen = gc.get_freeze_count()
    collector.start_up_done()  # a library caller that never paused: nothing of it is frozen
    assert gc.get_threshold() == usual_threshold
    assert gc.get_freeze_count() == frozen


def test_one_document_makes_collection_rarer_in_gapcheck_s_own_process(
    usual_threshold: tuple[int, int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(collector, "_own", True)
    with collector.one_document():
        assert gc.get_threshold() == (collector.DOCUMENT_THRESHOLD, *usual_threshold[1:])
        assert gc.isenabled()
    assert gc.get_threshold() == usual_threshold
    with pytest.raises(KeyError), collector.one_document():  # a failed document gives the threshold back too
        raise KeyError("bad file")
    assert gc.get_threshold() == usual_threshold


def test_one_document_leaves_a_library_caller_s_collector_as_it_is(
    usual_threshold: tuple[int, int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(collector, "_own", False)
    with collector.one_document():
        assert gc.get_threshold() == usual_threshold


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GAPCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GAPCHECK_NO_CACHE", raising=False)
    report.template_environment.cache_clear()
    yield tmp_path / "cache" / "templates"
    report.template_environment.cache_clear()


def _compiled(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.jinja-code"))


def test_compiled_templates_are_kept_and_used(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = report.template_environment().get_template("report.html")
    assert _compiled(cache)
    report.template_environment.cache_clear()

    def no_compiling(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again instead of loaded")

    monkeypatch.setattr(jinja2.Environment, "compile", no_compiling)
    second = report.template_environment().get_template("report.html")
    assert second.blocks.keys() == first.blocks.keys()


def test_a_damaged_entry_is_compiled_again(cache: Path) -> None:
    report.template_environment().get_template("report.html")
    for entry in _compiled(cache):
        entry.write_bytes(b"not a compiled template")
    report.template_environment.cache_clear()
    assert report.template_environment().get_template("report.html").render is not None


def test_the_entry_depends_on_the_setup(tmp_path: Path) -> None:
    # One file per template whatever the setup (no pile of stale entries), valid for one setup only.
    one, other = TemplateCache(str(tmp_path), "setup 1"), TemplateCache(str(tmp_path), "setup 2")
    assert one.get_source_checksum("<p>x</p>") != other.get_source_checksum("<p>x</p>")
    assert one.get_cache_key("report.html") == other.get_cache_key("report.html")


def test_no_usable_folder_means_no_template_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GAPCHECK_CACHE_DIR", "off")
    assert template_cache("x") is None
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    monkeypatch.setenv("GAPCHECK_CACHE_DIR", str(blocked))
    assert template_cache("x") is None


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_a_batch_worker_ends_its_start_up_with_the_pipeline_frozen(method: str) -> None:
    """However the pool starts its workers, each ends `_start_worker` with the usual thresholds and the pipeline
    set aside; a forked worker must not be left with collection paused."""
    import multiprocessing

    with multiprocessing.get_context(method).Pool(1) as pool:
        threshold, frozen = pool.apply(_worker_collector)
    assert threshold == gc.get_threshold()
    assert frozen > 0


def _worker_collector() -> tuple[tuple[int, int, int], int]:
    from gapcheck.batch.work import _start_worker

    _start_worker(())
    return gc.get_threshold(), gc.get_freeze_count()
