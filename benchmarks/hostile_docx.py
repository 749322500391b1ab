"""Time and peak memory of `gapcheck text` and `gapcheck analyze` on hostile DOCX files, one child process a run.

    python benchmarks/hostile_docx.py            # the table
    python benchmarks/hostile_docx.py --keep DIR # also keep the files

Each file is small on disk and built here: what it would cost read naively (entities that expand to 90 million
characters, a 1 GB zip member, millions of tags or attributes) is what the streaming DOCX reader must never
spend. Each case runs `python -m gapcheck text FILE` and then `python -m gapcheck analyze FILE --role
ml-engineer` (the whole analysis, the report written to a scratch file), each in a fresh child; wall time, CPU
time and peak resident memory come from os.wait4, its outcome from the exit code and the first line of stderr.
The files are built in children too: Linux keeps a process's peak memory across exec, so a child forked from a
parent that had held a large file would report the parent's peak.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(document: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def _body(inner: str, encoding: str = "utf-8") -> bytes:
    xml = f'<?xml version="1.0" encoding="{encoding.upper()}"?><w:document xmlns:w="{W}"><w:body>{inner}</w:body>'
    return (xml + "</w:document>").encode(encoding)


def entities_utf16() -> bytes:
    """Seven levels of ten entities: 90 million characters expanded, in UTF-16 (no "<!ENTITY" bytes)."""
    entities = (
        '<!ENTITY a "'
        + "x" * 90
        + '">'
        + "".join(f'<!ENTITY {chr(98 + level)} "' + f"&{chr(97 + level)};" * 10 + '">' for level in range(6))
    )
    xml = f'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE w:document [{entities}]><w:document xmlns:w="{W}">'
    return _docx((xml + "<w:body><w:p><w:r><w:t>&g;</w:t></w:r></w:p></w:body></w:document>").encode("utf-16"))


def paragraph_900k() -> bytes:
    text = "Python " * 128_571
    return _docx(_body(f"<w:p><w:r><w:t>Skills</w:t></w:r></w:p><w:p><w:r><w:t>{text}</w:t></w:r></w:p>", "utf-16"))


def zip_bomb() -> bytes:
    """A 1 GB member of spaces (about 1 MB packed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(_body("<w:p><w:r><w:t>")[: -len("</w:body></w:document>")])
            block = b" " * (1 << 20)
            for _ in range(1024):
                part.write(block)
            part.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return buffer.getvalue()


def too_much_text() -> bytes:
    return _docx(_body(("<w:p><w:r><w:t>" + "Go Rust " * 1000 + "</w:t></w:r></w:p>") * 400))


def empty_tags() -> bytes:
    return _docx(_body("<w:p>" + "<w:r/>" * 3_000_000 + "</w:p>"))


def deep_nesting() -> bytes:
    return _docx(_body("<w:sdt>" * 100_000 + "</w:sdt>" * 100_000))


def many_attributes() -> bytes:
    attributes = " ".join(f'a{number}=""' for number in range(1_400_000))
    return _docx(_body(f"<w:p><w:r {attributes}><w:t>Go</w:t></w:r></w:p>"))


def hidden_text() -> bytes:
    hidden = "<w:r><w:rPr><w:vanish/></w:rPr><w:t>" + "Kubernetes " * 1_400_000 + "</w:t></w:r>"
    return _docx(_body(f"<w:p><w:r><w:t>Skills: Go</w:t></w:r></w:p><w:p>{hidden}</w:p>"))


CASES: dict[str, Callable[[], bytes]] = {
    "entities-utf16": entities_utf16,
    "paragraph-900k": paragraph_900k,
    "zip-bomb": zip_bomb,
    "too-much-text": too_much_text,
    "empty-tags": empty_tags,
    "deep-nesting": deep_nesting,
    "many-attributes": many_attributes,
    "hidden-text-15mb": hidden_text,
}


COMMANDS = {
    "text": lambda path: ["text", str(path)],
    "analyze": lambda path: ["analyze", str(path), "--role", "ml-engineer", "-o", str(path.with_suffix(".html"))],
}


def measure(command: list[str]) -> tuple[float, float, float, int, str]:
    """Return wall s, CPU s, peak MB, exit code and stderr's first line of `gapcheck COMMAND` in a child."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "gapcheck", *command], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert child.stderr is not None
    error = child.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, child.returncode, error.split("\n")[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", type=Path, help="write the files into this folder and keep them")
    parser.add_argument("--build", nargs=2, metavar=("CASE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        Path(args.build[1]).write_bytes(CASES[args.build[0]]())
        return
    folder = args.keep or Path(tempfile.mkdtemp(prefix="gapcheck-hostile-docx-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"{'case':18} {'command':8} {'bytes':>9} {'wall s':>7} {'cpu s':>6} {'peak MB':>8} exit  outcome")
    for name in CASES:
        path = folder / f"{name}.docx"
        subprocess.run([sys.executable, __file__, "--build", name, str(path)], check=True)
        for command, arguments in COMMANDS.items():
            wall, cpu, peak, code, first = measure(arguments(path))
            outcome = first.split(": ", 2)[-1][:70] if first else "read"
            size = path.stat().st_size
            print(f"{name:18} {command:8} {size:>9,} {wall:>7.2f} {cpu:>6.2f} {peak:>8.1f} {code:>4}  {outcome}")
        if not args.keep:
            path.unlink()
            path.with_suffix(".html").unlink(missing_ok=True)
    if not args.keep:
        folder.rmdir()


if __name__ == "__main__":
    main()
