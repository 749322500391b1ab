"""Writes outputs safely: atomically (temp file + rename), never over an input, never outside its folder."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from gapcheck.errors import OutputError, UsageError


def write_atomic(path: Path, content: str | bytes | Iterable[str], *, protected: Iterable[Path] = ()) -> Path:
    """Write `content` (a text, bytes, or a text in pieces, so that a large file need not be held whole) to
    `path` through a temporary file in the same folder, so that no reader ever sees half a file."""
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
    if isinstance(content, str):
        parts: Iterable[bytes] = (content.encode("utf-8"),)
    elif isinstance(content, bytes):
        parts = (content,)
    else:
        parts = (piece.encode("utf-8") for piece in content)
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write in {folder}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            for piece in parts:
                stream.write(piece)
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
