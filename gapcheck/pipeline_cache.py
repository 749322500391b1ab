"""A disk cache of what the skill finder is built from, so that a fresh process loads it instead of building it.

Building the pipeline tokenises every spelling of every skill twice and parses the taxonomy: about two seconds,
paid by every `gapcheck analyze` and every batch worker. The entry is keyed by everything the build reads: the
versions of gapcheck, spaCy and Python, the code that builds it, every taxonomy data file and the user's
taxonomy files, so a change to any of them makes a new entry. It lives in `$GAPCHECK_CACHE_DIR`, else the
platform's user cache folder (platformdirs: `$XDG_CACHE_HOME/gapcheck`, else `~/.cache/gapcheck` on Linux);
`GAPCHECK_CACHE_DIR=off` or `GAPCHECK_NO_CACHE=1` turns it off.

An entry holds only data made from the taxonomy (names, token patterns, the parsed taxonomy), never the text
of a resume or a job ad: resumes are personal data and must not be left behind in a cache. Entries are pickles,
so the folder must be the user's own, as any cache folder is.

The cache can only cost time, never change a result: an entry is written atomically, one that cannot be read
is deleted and rebuilt, and a folder that cannot be written is simply not used.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

from gapcheck.shipped import taxonomy_folder

# Bump when the layout of an entry changes.
FORMAT = 1
# Entries kept: one per taxonomy in use and a few older versions; the oldest go first.
KEEP = 4
_PREFIX = "pipeline-"
_SUFFIX = ".pickle"
# The modules whose code shapes what is cached.
_MODULES = ("nlp", "tokenizer", "skills/cues", "taxonomy", "pipeline_cache")


def cache_dir() -> Path | None:
    """Return the cache folder, or None when the cache is turned off."""
    if os.environ.get("GAPCHECK_NO_CACHE", "").strip() not in ("", "0"):
        return None
    explicit = os.environ.get("GAPCHECK_CACHE_DIR", "").strip()
    if explicit.lower() in ("off", "0", "none", "false"):
        return None
    if explicit:
        return Path(explicit)
    import platformdirs  # only when no folder is given: `gapcheck --help` never needs it

    # The platform's user cache folder: $XDG_CACHE_HOME/gapcheck or ~/.cache/gapcheck on Linux.
    return Path(platformdirs.user_cache_dir("gapcheck", appauthor=False))


def key(taxonomy_files: tuple[str, ...]) -> str | None:
    """Return the cache key of the pipeline for these user taxonomy files, or None when there is no cache (turned
    off, or a file cannot be read: then the build reports it)."""
    if cache_dir() is None:
        return None
    import spacy

    import gapcheck

    digest = hashlib.sha256(f"{FORMAT}\0{gapcheck.__version__}\0{spacy.__version__}\0{sys.version}".encode())
    try:
        package = Path(gapcheck.__file__).parent
        for module in _MODULES:
            _add(digest, module, (package / f"{module}.py").read_bytes())
        for label, data in _taxonomy_data(taxonomy_folder(), "taxonomy"):
            _add(digest, label, data)
        for name in taxonomy_files:
            _add(digest, os.path.abspath(name), Path(name).read_bytes())
    except OSError:
        return None
    return digest.hexdigest()[:40]


def _add(digest: Any, label: str, data: bytes) -> None:
    # Lengths first, so that no two different sets of files can run together into the same bytes.
    digest.update(f"{len(label)}:{label}{len(data)}:".encode())
    digest.update(data)


def _taxonomy_data(folder: Traversable, label: str) -> list[tuple[str, bytes]]:
    """Every .toml file under the packaged taxonomy folder, in a stable order."""
    found = []
    for entry in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if entry.is_dir():
            found += _taxonomy_data(entry, f"{label}/{entry.name}")
        elif entry.name.endswith(".toml"):
            found.append((f"{label}/{entry.name}", entry.read_bytes()))
    return found


def _path(entry_key: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / f"{_PREFIX}{entry_key}{_SUFFIX}"


def load(entry_key: str) -> dict[str, Any] | None:
    """Return the cached entry for this key, or None; an entry that cannot be read is deleted."""
    path = _path(entry_key)
    if path is None:
        return None
    try:
        with open(path, "rb") as stream:
            stored = pickle.load(stream)
        if not isinstance(stored, dict) or stored.get("format") != FORMAT or stored.get("key") != entry_key:
            raise ValueError("not an entry of this format")
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - truncated, corrupt or from other code: rebuilt, never trusted
        discard(entry_key)
        return None
    try:
        os.utime(path)  # recently used: kept longest by `_prune`
    except OSError:
        pass
    return stored["data"]


def store(entry_key: str, data: dict[str, Any]) -> None:
    """Write an entry atomically (a reader sees the old file or the whole new one); failures are ignored."""
    path = _path(entry_key)
    if path is None:
        return
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{_PREFIX}", suffix=".part", dir=path.parent)
        with os.fdopen(handle, "wb") as stream:
            pickle.dump({"format": FORMAT, "key": entry_key, "data": data}, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        temporary = None
        _prune(path.parent)
    except (OSError, pickle.PicklingError):
        pass  # a read-only or full disk: no cache, same results
    finally:
        if temporary is not None:
            _unlink(Path(temporary))


def discard(entry_key: str) -> None:
    """Delete the entry for this key, if there is one."""
    path = _path(entry_key)
    if path is not None:
        _unlink(path)


def _prune(folder: Path) -> None:
    """Keep the KEEP most recently used entries; delete the rest."""
    entries = []
    for path in folder.glob(f"{_PREFIX}*{_SUFFIX}"):
        try:
            entries.append((path.stat().st_mtime, path))
        except OSError:
            continue
    for _, path in sorted(entries, reverse=True)[KEEP:]:
        _unlink(path)


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
