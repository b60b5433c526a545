"""A worker process killed from outside (the out-of-memory killer, kill -9) ends a build or an
import with a one-line message and exit 2, with what was finished recorded; with
multiprocessing.Pool both waited for ever for the lost work, the output folder locked."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from confdocs.errors import WorkerLostError
from confdocs.pool import ordered_map, worker_signals

from .helpers import sample_data, write_engagement

# A worker killed here must never leave the suite waiting for its work.
pytestmark = pytest.mark.usefixtures("no_hang")


def _square_or_die(number: int) -> int:
    if number == 37:
        os.kill(os.getpid(), signal.SIGKILL)
    return number * number


def _signals(_: int) -> tuple[object, object, bool]:
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, set())
    return signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT), \
        signal.SIGTERM in blocked


def test_results_come_in_order_from_a_stream() -> None:
    taken = []

    def numbers() -> Iterator[int]:
        for number in range(200):
            taken.append(number)
            yield number

    results = ordered_map(_square, numbers(), 2, initializer=worker_signals, chunksize=4)
    assert next(results) == 0
    assert len(taken) < 200  # the input is read only as far as the work in flight needs
    assert [0, *results] == [number * number for number in range(200)]


def _square(number: int) -> int:
    return number * number


def test_a_killed_worker_is_an_error_naming_the_signal() -> None:
    with pytest.raises(WorkerLostError, match=r"killed by SIGKILL .*out of memory"):
        list(ordered_map(_square_or_die, range(100), 2, initializer=worker_signals,
                         chunksize=4))


def test_a_killed_worker_is_an_error_with_the_callers_advice() -> None:
    with pytest.raises(WorkerLostError) as raised:
        list(ordered_map(_square_or_die, range(100), 2, initializer=worker_signals,
                         chunksize=4, advice="nothing was kept; try again"))
    assert str(raised.value) == f"a worker process {raised.value.how}; nothing was kept; try again"
    assert raised.value.how.startswith("was killed by SIGKILL")


def test_workers_end_on_sigterm_and_leave_ctrl_c_to_the_parent() -> None:
    from confdocs.cli import on_sigterm

    previous = signal.signal(signal.SIGTERM, on_sigterm)  # what a worker inherits by fork
    try:
        states = set(ordered_map(_signals, range(8), 2, initializer=worker_signals))
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert states == {(signal.SIG_DFL, signal.SIG_IGN, False)}


def _killing_work(name: str, *args: Any, **kwargs: Any) -> Any:
    from confdocs.build.worker import work

    if name.endswith("e190.json"):
        os.kill(os.getpid(), signal.SIGKILL)
    return work(name, *args, **kwargs)


def test_build_with_a_killed_worker_says_so_and_the_next_run_finishes(
        tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    base = sample_data("membership-guild.json")
    for index in range(200):
        write_engagement(inputs, {**base, "id": f"GUILD-{index:03d}"}, f"e{index:03d}.json")
    out = tmp_path / "out"
    monkeypatch.setattr("confdocs.build.batch.work", _killing_work)
    result = run("build", str(inputs), "--out", str(out), "--jobs", "2")
    assert result.exit_code == 2, result.output
    line = result.stderr.strip()
    assert "\n" not in line
    assert line.startswith("confdocs: error: a worker process was killed by SIGKILL")
    assert "run the same command again" in line
    recorded = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["outputs"]
    assert any(entry["engagement"] == "GUILD-000" for entry in recorded)

    monkeypatch.undo()  # the next run finds the folder unlocked, and builds the rest
    again = run("build", str(inputs), "--out", str(out), "--jobs", "2")
    assert again.exit_code == 0, again.output
    assert all((out / f"GUILD-{index:03d}").is_dir() for index in range(200))
