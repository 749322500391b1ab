"""The checkout is the package: `python -m gapcheck` and `python -m gapcheck.eval` run from the checkout root
with no install of gapcheck at all (its dependencies only), finding the checkout's own taxonomy/ and reports/."""

from __future__ import annotations

import os
import site
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_uninstalled(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run Python without site processing, so no install of gapcheck (editable or not) is seen: only the
    dependencies, given by path, and the checkout as the current folder."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(site.getsitepackages()))
    return subprocess.run(
        [sys.executable, "-S", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )


def test_without_install_gapcheck_is_the_checkout():
    result = run_uninstalled("-c", "import gapcheck, gapcheck.shipped as s; print(gapcheck.__file__);"
                             " print(s.taxonomy_folder()); print(s.reports_folder())")  # fmt: skip
    assert result.returncode == 0, result.stderr
    package, taxonomy, reports = result.stdout.splitlines()
    assert Path(package) == ROOT / "gapcheck" / "__init__.py"
    assert Path(taxonomy) == ROOT / "taxonomy"
    assert Path(reports) == ROOT / "reports"


def test_python_m_gapcheck_runs_from_the_checkout(tmp_path):
    validate = run_uninstalled("-m", "gapcheck", "taxonomy", "validate")
    assert validate.returncode == 0, validate.stderr
    assert validate.stdout.startswith("ok: ")
    out = tmp_path / "report.html"
    analyze = run_uninstalled("-m", "gapcheck", "analyze", "examples/john_doe.pdf",
                              "--job", "examples/java-backend-ad.txt", "-o", str(out))  # fmt: skip
    assert analyze.returncode == 0, analyze.stderr
    assert "<html" in out.read_text(encoding="utf-8")


def test_python_m_gapcheck_eval_runs_from_the_checkout(tmp_path):
    """The evaluation on the corpus's traps alone (a missing SkillSpan folder is a note, not an error)."""
    result = run_uninstalled("-m", "gapcheck.eval", "--skillspan", str(tmp_path), "--json")
    assert result.returncode == 2, result.stderr  # the SkillSpan folder given is empty: exit 2 by design
    assert '"name": "traps"' in result.stdout
