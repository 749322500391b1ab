"""`gapcheck batch --engine dask`: the same files, byte for byte, as the local engine; failures and timeouts per
file; a cluster of one's own by --scheduler; one line and exit 1 without the extra. dask[distributed] is in the
test extras, so these run in CI."""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from gapcheck.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"


def run(*args: object):
    return CliRunner().invoke(cli, ["batch", *map(str, args)], catch_exceptions=False)


@pytest.fixture(scope="module")
def resumes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three real PDFs, a text resume and a broken PDF, one in a subfolder."""
    folder = tmp_path_factory.mktemp("dask-cohort")
    (folder / "late").mkdir()
    for name in ("john_doe.pdf", "barry_allen_fe.pdf", "dana-ortiz.txt"):
        shutil.copy(FIXTURES / name, folder / name)
    shutil.copy(FIXTURES / "template-single-column.pdf", folder / "late" / "template.pdf")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 no objects at all\n")
    return folder


def _same_files(first: Path, second: Path) -> list[str]:
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    return names


def test_dask_writes_the_same_bytes_as_local(resumes: Path, tmp_path: Path) -> None:
    local, on_dask = tmp_path / "local", tmp_path / "dask"
    expected = run(resumes, "--role", "ml-engineer", "-o", local, "--workers", 2)
    assert expected.exit_code == 3, expected.output
    result = run(resumes, "--role", "ml-engineer", "-o", on_dask, "--workers", 2, "--engine", "dask")
    assert result.exit_code == 3, result.output  # the broken PDF fails alone, as locally
    assert result.stderr == expected.stderr.replace(str(local), str(on_dask))
    names = _same_files(local, on_dask)
    assert len([name for name in names if name.endswith(".html")]) == 5  # four reports and index.html


def test_timeouts_hold_per_file_on_dask_workers(resumes: Path, tmp_path: Path) -> None:
    # A dask worker runs tasks in a thread, where no timer signal works: the files run in its child process.
    result = run(resumes, "--role", "ml-engineer", "-o", tmp_path / "out", "--engine", "dask", "--workers", 1,
                 "--timeout", "0.001")  # fmt: skip
    assert result.exit_code == 3
    timed_out = [line for line in result.stderr.splitlines() if "took longer than 0.001 s" in line]
    assert len(timed_out) == 5, result.stderr


def test_a_cluster_of_ones_own_by_its_address(resumes: Path, tmp_path: Path) -> None:
    import dask
    from distributed import LocalCluster

    local = tmp_path / "local"
    assert run(resumes, "--role", "ml-engineer", "-o", local, "--workers", 1).exit_code == 3
    with dask.config.set({"distributed.worker.daemon": False}):
        cluster = LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None, silence_logs=logging.ERROR)
    with cluster:
        result = run(resumes, "--role", "ml-engineer", "-o", tmp_path / "own", "--engine", "dask",
                     "--scheduler", cluster.scheduler_address)  # fmt: skip
    assert result.exit_code == 3, result.output
    _same_files(local, tmp_path / "own")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--scheduler", "tcp://127.0.0.1:9"], 2, "--scheduler is for --engine dask"),
        (["--engine", "dask", "--scheduler", "tcp://127.0.0.1:9", "--workers", "2"], 2, "--workers sizes a local"),
    ],
)
def test_engine_options_that_clash_stop_before_any_work(
    resumes: Path, tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    result = run(resumes, "--role", "ml-engineer", "-o", tmp_path / "out", *args)
    assert result.exit_code == code and message in result.stderr
    assert not (tmp_path / "out").exists()


def test_without_the_extra_dask_is_one_line_and_exit_1(
    resumes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if dask.distributed were not installed: importing it fails.
    import gapcheck.batch

    monkeypatch.setitem(sys.modules, "distributed", None)
    monkeypatch.delitem(sys.modules, "gapcheck.batch.on_dask", raising=False)
    monkeypatch.delattr(gapcheck.batch, "on_dask", raising=False)
    result = run(resumes, "--role", "ml-engineer", "-o", tmp_path / "out", "--engine", "dask")
    assert result.exit_code == 1
    assert result.stderr == "Error: --engine dask needs dask.distributed: pip install 'gapcheck[dask]'\n"
    assert not (tmp_path / "out").exists()


def test_workers_that_may_not_start_a_process_are_one_line(resumes: Path, tmp_path: Path) -> None:
    from distributed import LocalCluster

    # dask's default: worker processes are daemons, which Python does not let start a process of their own.
    with LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None, silence_logs=logging.ERROR) as cluster:
        result = run(resumes, "--role", "ml-engineer", "-o", tmp_path / "out", "--engine", "dask",
                     "--scheduler", cluster.scheduler_address)  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "DASK_DISTRIBUTED__WORKER__DAEMON=False" in result.stderr


def test_an_unreachable_scheduler_is_one_line(resumes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gapcheck.batch import on_dask

    monkeypatch.setattr(on_dask, "CONNECT_TIMEOUT", "1s")
    result = run(resumes, "--role", "ml-engineer", "-o", tmp_path / "out", "--engine", "dask",
                 "--scheduler", "tcp://127.0.0.1:9")  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot reach the dask scheduler at tcp://127.0.0.1:9")
    assert result.stderr.count("\n") == 1


def test_two_batches_on_one_cluster_keep_their_own_children(resumes: Path, tmp_path: Path) -> None:
    import dask
    from distributed import LocalCluster

    from gapcheck import load_job
    from gapcheck.batch import BatchOptions, plan_batch
    from gapcheck.batch.on_dask import analyze_on_dask

    plan = plan_batch([str(resumes)], tmp_path / "out")
    job, options = load_job(role="ml-engineer"), BatchOptions()
    with dask.config.set({"distributed.worker.daemon": False}):
        cluster = LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None, silence_logs=logging.ERROR)
    with cluster:
        first = analyze_on_dask(plan.resumes, job, options, scheduler=cluster.scheduler_address)
        started = next(first)  # the first batch is under way when the second one sets up and ends its own children
        second = list(analyze_on_dask(plan.resumes, job, options, scheduler=cluster.scheduler_address))
        rest = [started, *first]
    for outcomes in (rest, second):
        assert sorted((o.name, o.ok) for o in outcomes) == [
            ("barry_allen_fe.pdf", True),
            ("broken.pdf", False),
            ("dana-ortiz.txt", True),
            ("john_doe.pdf", True),
            ("late/template.pdf", True),
        ]
