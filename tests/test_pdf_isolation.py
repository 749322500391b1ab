"""PDFium reads in a child process whose memory is watched (`ingest.isolated`): a file that makes the C library
allocate without bound, crash or run on ends in one error for that file, and the process goes on."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gapcheck import fuzz
from gapcheck.deadline import DocumentTimeout, document_deadline
from gapcheck.errors import InputError, NoTextLayer
from gapcheck.ingest import Limits, isolated, read_document
from gapcheck.ingest.inflate import check_stream_sizes

PDFIUM = Limits(pdf_engine="pdfium")
# The memory watch reads /proc (Linux, as CI is); elsewhere there is none, and these tests would not end.
needs_proc = pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="no /proc: no memory watch")
# The pdfium extra is in the test extra: CI installs it, so these run there.
needs_pdfium = pytest.mark.skipif(
    importlib.util.find_spec("pypdfium2") is None, reason="pypdfium2 (the pdfium extra) not installed"
)
JOHN_DOE = Path(__file__).parent / "fixtures" / "john_doe.pdf"


def _pid() -> int:
    return os.getpid()


def test_the_reader_runs_in_a_child_and_its_result_comes_back():
    assert isolated.run_isolated(_pid, source="x.pdf", library="PDFium") != os.getpid()
    assert isolated.run_isolated(sorted, [3, 1, 2], source="x.pdf", library="PDFium") == [1, 2, 3]


def _no_text() -> None:
    raise NoTextLayer("scan.pdf: no text layer: run OCR first")


def test_an_error_the_reader_raises_is_raised_here_as_it_was():
    with pytest.raises(NoTextLayer, match=r"^scan\.pdf: no text layer: run OCR first$"):
        isolated.run_isolated(_no_text, source="scan.pdf", library="PDFium")


def _misread() -> None:
    raise TypeError("a bug in the reader")


def test_a_bug_in_the_reader_is_a_bug_here_not_a_bad_file():
    with pytest.raises(isolated.ChildReaderFailed, match=r"^TypeError: a bug in the reader \(in the process") as bug:
        isolated.run_isolated(_misread, source="x.pdf", library="PDFium")
    assert "_misread" in bug.value.__notes__[0]  # the child's traceback comes along


def test_a_result_larger_than_the_pipe_comes_back_whole():
    rows = [f"row {number} " * 10 for number in range(20_000)]  # ~2 MB pickled, far beyond a pipe's buffer
    assert isolated.run_isolated(list, rows, source="x.pdf", library="PDFium") == rows


def _grow() -> None:
    kept = []
    while True:
        kept.append(b"x" * (8 << 20))  # written, so resident


@needs_proc
def test_a_reader_that_grows_without_bound_is_stopped_with_one_line(monkeypatch):
    monkeypatch.setattr(isolated, "MEMORY_HEADROOM", 64 << 20)
    started = time.monotonic()
    with pytest.raises(InputError, match=r"^big\.pdf: is not a readable PDF \(reading it takes more than 64 MB"):
        isolated.run_isolated(_grow, source="big.pdf", library="PDFium")
    assert time.monotonic() - started < 10


def _crash() -> None:
    os.kill(os.getpid(), signal.SIGKILL)  # as a segfault in C would end it, without a core or a fault report


def test_a_reader_that_crashes_is_one_error_for_its_file():
    with pytest.raises(InputError, match=r"^bad\.pdf: is not a readable PDF \(PDFium stopped on it\)$"):
        isolated.run_isolated(_crash, source="bad.pdf", library="PDFium")


def _sleep_after_telling(path: Path) -> None:
    path.write_text(str(os.getpid()), encoding="ascii")
    time.sleep(30)


def test_the_time_limit_ends_the_child_too(tmp_path):
    told = tmp_path / "pid"
    with pytest.raises(DocumentTimeout), document_deadline(0.5, "slow.pdf"):
        isolated.run_isolated(_sleep_after_telling, told, source="slow.pdf", library="PDFium")
    assert not Path(f"/proc/{told.read_text(encoding='ascii')}").exists()  # killed and reaped, not a zombie


@needs_proc
@needs_pdfium
def test_a_bomb_the_stream_scan_cannot_see_is_refused(tmp_path):
    bomb = tmp_path / "inline-bomb.pdf"
    data = fuzz.inline_image_bomb_pdf(400 << 20)
    check_stream_sizes(data)  # what the scan of the file finds: nothing to refuse
    bomb.write_bytes(data)
    with pytest.raises(InputError, match=r"inline-bomb\.pdf: is not a readable PDF \(reading it takes more than"):
        read_document(bomb, limits=PDFIUM)


@needs_pdfium
def test_a_good_resume_reads_the_same_in_a_child_as_with_pdfminer():
    assert read_document(JOHN_DOE, limits=PDFIUM).text == read_document(JOHN_DOE).text


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="Linux only: the child asks prctl to die with us")
def test_a_child_does_not_outlive_its_parent(tmp_path):
    """A batch worker killed (or its pool torn down) takes its reading child with it: nobody would watch it."""
    told = tmp_path / "pid"
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from gapcheck.ingest import isolated\n"
        "import tests.test_pdf_isolation as here\n"
        f"isolated.run_isolated(here._sleep_after_telling, Path({str(told)!r}), source='x.pdf', library='PDFium')\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=Path(__file__).parent.parent)
    try:
        deadline = time.monotonic() + 20
        while not told.exists() or not told.read_text(encoding="ascii"):
            assert time.monotonic() < deadline and parent.poll() is None, "the child never started"
            time.sleep(0.05)
        child = Path(f"/proc/{told.read_text(encoding='ascii')}")
        assert child.exists()
    finally:
        parent.kill()
        parent.wait()
    deadline = time.monotonic() + 5
    while child.exists() and "Z" not in _state(child):
        assert time.monotonic() < deadline, "the reading child outlived its parent"
        time.sleep(0.05)


def _state(process: Path) -> str:
    """The process's state letter ("Z": a zombie waiting for init to reap it, as good as gone)."""
    try:
        return (process / "stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "Z"
