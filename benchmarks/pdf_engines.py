"""How long each PDF engine takes to read given PDFs, in a warm process, next to pdfminer's bare extract_text.

    python benchmarks/pdf_engines.py                    # the resumes of tests/fixtures/
    python benchmarks/pdf_engines.py a.pdf b.pdf --repeat 5

Each figure is the least wall time of `--repeat` reads after one untimed read (pdfminer's font tables and
PDFium's import are warm, as in a batch worker). The PDFium engine reads in a forked child, as gapcheck always
runs it; needs `pip install 'gapcheck[pdfium]'` (else its column says so).
"""

from __future__ import annotations

import argparse
import logging
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"


def least_ms(read: Callable[[], object], repeat: int) -> float:
    read()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        read()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pdfs", nargs="*", type=Path, help="PDFs to read (default: tests/fixtures/*.pdf)")
    parser.add_argument("--repeat", type=int, default=3, help="timed reads of each file by each engine")
    args = parser.parse_args(argv)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its font warnings would flood the table

    from pdfminer.high_level import extract_text

    from gapcheck.ingest import Limits, read_document
    from gapcheck.ingest.pdf import pdf_engine

    try:
        pdf_engine("pdfium")
        pdfium: Limits | None = Limits(pdf_engine="pdfium")
    except Exception:  # noqa: BLE001 - the extra is not installed
        pdfium = None
    pdfs = args.pdfs or sorted(FIXTURES.glob("*.pdf"))
    print(f"load average {os.getloadavg()[0]:.2f}; least of {args.repeat} reads, ms")
    print(f"{'file':40} {'bare':>8} {'pdfminer':>9} {'pdfium':>8}")
    for path in pdfs:
        bare = least_ms(lambda path=path: extract_text(path), args.repeat)
        ours = least_ms(lambda path=path: read_document(path, kind="resume"), args.repeat)
        other = (
            f"{least_ms(lambda path=path: read_document(path, kind='resume', limits=pdfium), args.repeat):8.0f}"
            if pdfium
            else "  no pypdfium2"
        )
        print(f"{path.name:40} {bare:8.0f} {ours:9.0f} {other}")
    print(f"load average {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
