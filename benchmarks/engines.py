"""Measures `gapcheck batch` with the local engine and with dask (a LocalCluster of 2 workers) on one cohort:
throughput, CPU and the peak memory of every process, and checks that both write the same files byte for byte.

    python benchmarks/engines.py --resumes 500          # a few minutes on 2 quiet cores
    python benchmarks/engines.py --resumes 5000         # issue 19's cohort: about ten times as long
    python benchmarks/engines.py --resumes 500 --repeat 2 --json

The cohort is benchmarks/cohort.py's (made once, kept in benchmarks/.cache/); the engines run one after the
other, alternately when repeated, and each engine's fastest run is kept. Needs the dask extra:
pip install -e '.[dask]'.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import cohort  # noqa: E402  (benchmarks/ is not a package)
import run as harness  # noqa: E402

ENGINES = ("local", "dask")
WORKERS = 2
# Issue 19's target: dask's throughput on one machine within 15% of the local engine's.
TARGET_RATIO = 0.85


def linked_inputs(resumes: Sequence[cohort.CohortFile], folder: Path) -> Path:
    """A folder that holds exactly these resumes (hard links where the disk allows), made once per size."""
    inputs = folder / f"engines-input-{len(resumes)}"
    if inputs.exists() and len(list(inputs.iterdir())) == len(resumes):
        return inputs
    shutil.rmtree(inputs, ignore_errors=True)
    inputs.mkdir(parents=True)
    for resume in resumes:
        source, target = Path(resume.path), inputs / Path(resume.path).name
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
    return inputs


def batch_command(inputs: Path, out: Path, engine: str) -> list[str]:
    return [*harness.console_script(), "batch", str(inputs), "--role", harness.BATCH_ROLE, "-o", str(out),
            "--workers", str(WORKERS), "--force", "--engine", engine]  # fmt: skip


def measure(inputs: Path, count: int, folder: Path, repeat: int) -> dict[str, Any]:
    """Run each engine `repeat` times, alternately; keep each one's fastest run and compare their outputs."""
    best: dict[str, dict[str, Any]] = {}
    for _ in range(repeat):
        for engine in ENGINES:
            out = folder / f"engines-out-{engine}"
            result = harness.run_command(batch_command(inputs, out, engine), watch_memory=True)
            if result["returncode"] not in (0, 3):
                raise SystemExit(f"{engine}: exit {result['returncode']}\n{result['stderr_tail']}")
            result["resumes_per_s"] = round(count / result["wall_s"], 2)
            result["all_processes_peak_mb"] = round(result["parent_peak_mb"] + sum(result["worker_peaks_mb"]), 1)
            # From the watch, not getrusage: dask's fork server is never waited for, so its children's CPU is missed.
            result["all_processes_cpu_s"] = round(result["parent_cpu_s"] + sum(result["worker_cpu_s"]), 1)
            if engine not in best or result["wall_s"] < best[engine]["wall_s"]:
                best[engine] = result
    local, dask = best["local"], best["dask"]
    return {
        "resumes": count,
        "workers": WORKERS,
        "command": " ".join(batch_command(Path("DIR"), Path("OUT"), "ENGINE")[1:]),
        "runs": best,
        "dask_over_local_throughput": round(dask["resumes_per_s"] / local["resumes_per_s"], 3),
        "same_bytes": same_files(folder / "engines-out-local", folder / "engines-out-dask"),
    }


def same_files(first: Path, second: Path) -> bool:
    names = sorted(path.name for path in first.iterdir())
    if names != sorted(path.name for path in second.iterdir()):
        return False
    return all((first / name).read_bytes() == (second / name).read_bytes() for name in names)


def print_report(results: dict[str, Any]) -> None:
    print(f"gapcheck batch, {results['resumes']} resumes, {results['workers']} workers: {results['command']}")
    print(f"{os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"{'engine':<7} {'wall s':>8} {'res/s':>7} {'cpu s':>7} {'load':>5}  peak MB: parent; other processes")
    for engine, run in results["runs"].items():
        others = ", ".join(f"{mb:.0f}" for mb in run["worker_peaks_mb"])
        memory = f"{run['parent_peak_mb']:.0f}; {others} (all {run['all_processes_peak_mb']:.0f})"
        print(f"{engine:<7} {run['wall_s']:>8.1f} {run['resumes_per_s']:>7.2f} {run['all_processes_cpu_s']:>7.1f} "
              f"{run['load']:>5.1f}  {memory}")  # fmt: skip
    ratio = results["dask_over_local_throughput"]
    verdict = "PASS" if ratio >= TARGET_RATIO else "FAIL"
    print(f"dask / local throughput: {ratio:.3f} (target >= {TARGET_RATIO}): {verdict}")
    print(f"outputs the same bytes: {results['same_bytes']}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resumes", type=int, default=harness.FULL_RESUMES, help="cohort size (default 500)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each engine, alternately; the fastest kept")
    parser.add_argument("--seed", type=int, default=0, help="another cohort")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--output", type=Path, default=HERE / ".cache" / "engines-results.json", help="JSON file to write"
    )
    args = parser.parse_args(argv)
    print(f"[{harness.load():.2f}] cohort of {args.resumes} ...", file=sys.stderr, flush=True)
    resumes, _ = cohort.ensure_cohort(args.resumes, args.seed)
    folder = cohort.cohort_dir(args.seed)
    inputs = linked_inputs(resumes, folder)
    print(f"[{harness.load():.2f}] batch with {', '.join(ENGINES)} ...", file=sys.stderr, flush=True)
    results = measure(inputs, len(resumes), folder, max(1, args.repeat))
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print_report(results)
    return 0 if results["same_bytes"] else 1


if __name__ == "__main__":
    sys.exit(main())
