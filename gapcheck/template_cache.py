"""Compiled report templates kept on disk, so that a fresh process does not compile them again.

Compiling the report's templates is about a tenth of a second of every one-shot `gapcheck analyze`. Jinja
can keep the compiled code in a folder; ours sits in gapcheck's cache folder (see `pipeline_cache.cache_dir`,
which also turns it off). An entry is valid only for the same template source and the same environment
settings (`salt`); it holds code made from our templates, never a resume's text. A folder that cannot be
written, or an entry that cannot be read, only costs the compile.
"""

from __future__ import annotations

import hashlib
from typing import Any

import jinja2
from jinja2.bccache import Bucket

from gapcheck import pipeline_cache


class TemplateCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache, keyed also by how the environment is set up, and never an error."""

    def __init__(self, directory: str, salt: str) -> None:
        super().__init__(directory, "%s.jinja-code")
        self.salt = salt

    def get_source_checksum(self, source: str) -> str:
        # The same file name per template (no pile of stale entries), valid only for these settings.
        return hashlib.sha1(f"{self.salt}\0{source}".encode()).hexdigest()

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - a damaged entry is compiled again, never trusted
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass  # a read-only or full disk: no cache, same report


def template_cache(salt: Any) -> TemplateCache | None:
    """Return the template cache in gapcheck's cache folder, or None when the cache is off or cannot be made."""
    folder = pipeline_cache.cache_dir()
    if folder is None:
        return None
    try:
        (folder / "templates").mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return TemplateCache(str(folder / "templates"), repr(salt))
