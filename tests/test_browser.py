"""The HTML report in a real browser: headless Chromium renders it, logs nothing, loads nothing, fits a phone.

Needs `chromium` (`apt-get install chromium`). Without it the tests skip, except under CI (the `CI` variable
set), where a missing browser is a failure: the report's promises are only proven in a browser.

Two ways in: the command-line flags (`--screenshot`, `--dump-dom`) for what they do simply, and the DevTools
protocol over `--remote-debugging-pipe` (standard library only) to watch every request, console message and
exception, and to measure the page at a phone's width.
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import struct
import subprocess
import tempfile
import time
import zlib
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SECTIONS = ["summary", "matched", "quick-wins", "gaps", "path", "areas", "resume-tips", "method"]
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]
# The report's sample resume, plus a line whose markup a browser must never load.
RESUME = (
    (FIXTURES / "dana-ortiz.txt")
    .read_text(encoding="utf-8")
    .replace(
        "an hour\n",
        'an hour\n- Wrote a help page that embeds <img src="http://example.com/tracker.png"> as plain text\n',
    )
)


def _find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@pytest.fixture(scope="module")
def chromium() -> str:
    found = _find_chromium()
    if found is None:
        message = "chromium not installed: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(message + " (required under CI)")
        pytest.skip(message)
    return found


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A report made the way the CLI makes it: a text resume against the Java job ad fixture."""
    from gapcheck import pipeline
    from gapcheck.report import render_html

    folder = tmp_path_factory.mktemp("report")
    resume = folder / "dana-ortiz.txt"
    resume.write_text(RESUME, encoding="utf-8")
    kit = pipeline.toolkit()
    job, _ = pipeline.load_job(kit, job_path=str(Path(__file__).parent / "jobs" / "java-backend.txt"))
    analysis = pipeline.analyze_path(kit, resume, job)
    assert analysis.missing and analysis.path, "the fixture pair should have gaps to show"
    target = folder / "report.html"
    target.write_text(render_html(analysis), encoding="utf-8")
    return target


def _run(chromium: str, *args: str, timeout: float = 90) -> subprocess.CompletedProcess[bytes]:
    with tempfile.TemporaryDirectory(prefix="gapcheck-chromium-") as profile:
        return subprocess.run(
            [chromium, *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            timeout=timeout,
            check=False,
        )


# ------------------------------------------------------------------------------------ screenshot, DOM


def png_facts(data: bytes) -> tuple[int, int, int]:
    """Return (width, height, distinct byte values of the image data) of a PNG; a blank page has very few."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    position, pixels = 8, b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        if kind == b"IDAT":
            pixels += data[position + 8 : position + 8 + length]
        position += 12 + length
    return width, height, len(set(zlib.decompress(pixels)))


def test_screenshot_is_a_non_blank_png(chromium: str, report: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    result = _run(chromium, f"--screenshot={shot}", "--window-size=1280,2000", report.as_uri())
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    width, height, distinct = png_facts(shot.read_bytes())
    assert (width, height) == (1280, 2000)
    # Text, badges and charts in several colours give a wide spread of values; a blank page gives a handful.
    assert distinct > 64, f"the screenshot looks blank ({distinct} distinct byte values)"


def test_rendered_dom_has_every_section_and_the_charts(chromium: str, report: Path) -> None:
    result = _run(chromium, "--dump-dom", report.as_uri())
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    dom = result.stdout.decode("utf-8")
    for section in SECTIONS:
        assert f'id="{section}"' in dom, f"section #{section} missing from the rendered page"
    assert dom.count("<svg") >= 3, "the score ring, the group bar and the area bars are SVG"
    assert "<script" not in dom.lower()


# -------------------------------------------------------------------------------- DevTools protocol


class DevTools:
    """A minimal DevTools-protocol client over Chromium's `--remote-debugging-pipe` (fds 3 and 4)."""

    def __init__(self, chromium: str, profile: str) -> None:
        to_browser_read, self._write = os.pipe()
        self._read, from_browser_write = os.pipe()

        def give_pipes() -> None:
            # Duplicate first: a pipe may already sit on fd 3 or 4, and dup2 onto itself keeps it non-inheritable.
            incoming, outgoing = os.dup(to_browser_read), os.dup(from_browser_write)
            os.dup2(incoming, 3)
            os.dup2(outgoing, 4)

        self.process = subprocess.Popen(
            [chromium, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=give_pipes,  # noqa: PLW1509 - the test runs single-threaded
            close_fds=False,
        )
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        self.session = ""

    def _receive(self, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._read], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise TimeoutError("no answer from chromium")
            chunk = os.read(self._read, 1 << 16)
            if not chunk:
                raise EOFError("chromium closed the pipe")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(message)

    def call(self, method: str, params: dict[str, Any] | None = None, timeout: float = 30) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if self.session and not method.startswith(("Target.", "Browser.")):
            message["sessionId"] = self.session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._receive(timeout)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self.events.append(answer)

    def wait_for(self, event: str, timeout: float = 30) -> None:
        if any(e.get("method") == event for e in self.events):
            return
        while True:
            message = self._receive(timeout)
            self.events.append(message)
            if message.get("method") == event:
                return

    def settle(self, quiet: float = 0.5) -> None:
        """Collect events until the page has been quiet for `quiet` seconds."""
        try:
            while True:
                self.events.append(self._receive(quiet))
        except TimeoutError:
            pass

    def open(self, url: str, width: int, height: int, mobile: bool = False) -> None:
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Network", "Runtime", "Log"):
            self.call(f"{domain}.enable")
        metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}
        self.call("Emulation.setDeviceMetricsOverride", metrics)
        self.call("Page.navigate", {"url": url})
        self.wait_for("Page.loadEventFired")
        self.settle()

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        return result["result"].get("value")

    def close(self) -> None:
        try:
            self.call("Browser.close", timeout=10)
        except (OSError, EOFError, TimeoutError, RuntimeError):
            pass
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._read)
        os.close(self._write)


@pytest.fixture
def devtools(chromium: str):
    with tempfile.TemporaryDirectory(prefix="gapcheck-chromium-") as profile:
        client = DevTools(chromium, profile)
        try:
            yield client
        finally:
            client.close()


def test_page_makes_no_request_and_logs_no_error(devtools: DevTools, report: Path) -> None:
    devtools.open(report.as_uri(), 1280, 2000)
    requests = [
        e["params"]["request"]["url"] for e in devtools.events if e.get("method") == "Network.requestWillBeSent"
    ]
    assert requests, "the protocol should at least see the page itself"
    outside = [url for url in requests if not url.startswith(("file:", "data:"))]
    assert not outside, f"the report loaded something from outside: {outside}"
    problems = [
        json.dumps(e["params"])[:300]
        for e in devtools.events
        if e.get("method") in ("Runtime.exceptionThrown", "Runtime.consoleAPICalled")
        or (e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] in ("error", "warning"))
    ]
    assert not problems, f"console errors: {problems}"
    rendered = devtools.evaluate(
        "[...document.querySelectorAll('main section[id]')].map(s => s.id + ':' + (s.offsetHeight > 0))"
    )
    assert all(f"{section}:true" in rendered for section in SECTIONS), rendered
    charts = devtools.evaluate("[...document.querySelectorAll('svg')].map(s => s.getBoundingClientRect().width)")
    assert len(charts) >= 3 and all(width > 0 for width in charts), charts


def test_page_fits_a_phone_without_sideways_scrolling(devtools: DevTools, report: Path) -> None:
    devtools.open(report.as_uri(), 390, 844, mobile=True)
    widths = devtools.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"the page is {widths[0]}px wide on a {widths[1]}px screen"
    too_wide = devtools.evaluate(
        "[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
        ".map(e => e.tagName + '.' + e.className).slice(0, 5)"
    )
    assert not too_wide, f"elements overflow the screen: {too_wide}"


def test_page_prints(devtools: DevTools, report: Path) -> None:
    devtools.open(report.as_uri(), 1280, 2000)
    pdf = base64.b64decode(devtools.call("Page.printToPDF", {"printBackground": True}, timeout=60)["data"])
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") > 1
