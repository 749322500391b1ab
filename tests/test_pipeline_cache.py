"""The disk cache of the built pipeline: hit, key, corrupt entry, turned off, and no document text in it."""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import pytest
import spacy

from gapcheck import nlp as nlp_module
from gapcheck import pipeline_cache
from gapcheck.nlp import COMPONENT, find_skill_spans

TEXT = "Skills: Python, C++, Node.js/React, scikit-learn and Go.\nZelphinora Quastbury built ETL pipelines in R."


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("GAPCHECK_CACHE_DIR", str(folder))
    monkeypatch.delenv("GAPCHECK_NO_CACHE", raising=False)
    return folder


def _pipeline(files: tuple[str, ...] = ()) -> spacy.language.Language:
    """A pipeline made afresh (not `build_pipeline`, which keeps one per process)."""
    nlp = spacy.blank("en")
    nlp.add_pipe(COMPONENT, config={"taxonomy_files": list(files)})
    return nlp


def _found(nlp: spacy.language.Language) -> tuple[list[str], list[tuple[str, str]]]:
    doc = find_skill_spans(nlp, [TEXT])[0]
    return [t.text for t in doc], [(span.text, span.label_) for span in doc.spans["skills"]]


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("pipeline-*.pickle"))


def _no_building(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make building the patterns fail: a pipeline made after this was loaded from the cache."""

    def refuse(*args: object) -> None:
        raise AssertionError("built instead of loaded from the cache")

    monkeypatch.setattr(nlp_module, "skill_patterns", refuse)


def test_a_second_pipeline_is_loaded_from_the_cache_and_finds_the_same(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = _pipeline()
    assert len(_entries(cache)) == 1
    _no_building(monkeypatch)
    loaded = _pipeline()
    finder = loaded.get_pipe(COMPONENT)
    assert finder.taxonomy == built.get_pipe(COMPONENT).taxonomy
    assert loaded.tokenizer.rules == built.tokenizer.rules
    assert _found(loaded) == _found(built)
    assert _found(loaded) == _found(built)  # and again, from the tokenizer's own cache


def test_the_key_changes_with_a_user_taxonomy_and_its_content(cache: Path, tmp_path: Path) -> None:
    user = tmp_path / "extra.toml"
    user.write_text('[[skill]]\nid = "zig"\nname = "Zig"\n', encoding="utf-8")
    plain, with_user = pipeline_cache.key(()), pipeline_cache.key((str(user),))
    assert plain and with_user and plain != with_user
    user.write_text('[[skill]]\nid = "zig"\nname = "Ziglang"\n', encoding="utf-8")
    assert pipeline_cache.key((str(user),)) not in (plain, with_user)
    assert pipeline_cache.key((str(tmp_path / "missing.toml"),)) is None  # the build reports the missing file


def test_a_corrupt_entry_is_deleted_and_rebuilt(cache: Path) -> None:
    key = pipeline_cache.key(())
    assert key is not None
    cache.mkdir(parents=True)
    entry = cache / f"pipeline-{key}.pickle"
    entry.write_bytes(b"\x80\x05 not a pickle at all")
    assert pipeline_cache.load(key) is None
    assert not entry.exists()
    entry.write_bytes(pickle.dumps({"format": pipeline_cache.FORMAT, "key": key, "data": {"taxonomy": "wrong"}}))
    nlp = _pipeline()  # an entry that loads but does not fit is rebuilt too
    assert pipeline_cache.load(key) is not None
    assert ("Python", "python") in _found(nlp)[1]


@pytest.mark.parametrize(("name", "value"), [("GAPCHECK_CACHE_DIR", "off"), ("GAPCHECK_NO_CACHE", "1")])
def test_the_cache_can_be_turned_off(cache: Path, monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv(name, value)
    assert pipeline_cache.cache_dir() is None and pipeline_cache.key(()) is None
    _pipeline()
    assert not cache.exists()
    assert not Path("off").exists()  # "off" is not a folder name


def test_the_cache_is_in_the_platforms_user_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without GAPCHECK_CACHE_DIR, the folder platformdirs gives: $XDG_CACHE_HOME/gapcheck on Linux."""
    import platformdirs

    monkeypatch.delenv("GAPCHECK_CACHE_DIR", raising=False)
    monkeypatch.delenv("GAPCHECK_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert pipeline_cache.cache_dir() == tmp_path / "xdg" / "gapcheck"
    else:
        assert pipeline_cache.cache_dir() == Path(platformdirs.user_cache_dir("gapcheck", appauthor=False))


def test_an_unwritable_cache_folder_is_not_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("GAPCHECK_CACHE_DIR", str(blocker / "cache"))
    assert ("Python", "python") in _found(_pipeline())[1]


def test_old_entries_are_pruned(cache: Path) -> None:
    cache.mkdir(parents=True)
    for index in range(pipeline_cache.KEEP + 3):
        pipeline_cache.store(f"{index:040d}", {"n": index})
    assert len(_entries(cache)) == pipeline_cache.KEEP


def test_the_cache_holds_nothing_of_a_document(cache: Path) -> None:
    nlp = _pipeline()
    _found(nlp)
    loaded = _pipeline()
    _found(loaded)
    [entry] = _entries(cache)
    data = entry.read_bytes()
    for secret in (b"Zelphinora", b"Quastbury", "Zelphinora".encode("utf-16-le")):
        assert secret not in data
