"""Writes outputs safely: atomically (temp file + rename), never over an input, never outside its folder."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from gapcheck.errors import OutputError, UsageError


def write_atomic(path: Path, content: str | bytes, *, protected: Iterable[Path] = ()) -> Path:
    """Write `content` to `path` through a temporary file in the same folder, so no reader sees half a file."""
    path = Path(path)
    target = path.resolve()
    for input_path in protected:
        try:
            if Path(input_path).resolve() == target:
                raise UsageError(f"{path}: refusing to overwrite an input file; choose another output with -o")
        except OSError:
            continue
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"{path}: the folder {folder} does not exist")
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write in {folder}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_name, 0o644)
        os.replace(temp_name, target)
    except OSError as exc:
        _remove_quietly(temp_name)
        raise OutputError(f"{path}: cannot write: {exc.strerror}") from None
    except BaseException:
        _remove_quietly(temp_name)
        raise
    return path


def _remove_quietly(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass
