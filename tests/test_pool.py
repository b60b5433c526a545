"""The worker processes of a build or an import (confdocs.pool): results in order from a stream,
and a worker killed from outside (the out-of-memory killer, kill -9) an error naming its signal,
where multiprocessing.Pool waited for ever for the lost work; workers end on SIGTERM and leave
Ctrl-C to the parent. (A build or an import that loses a worker:
tests/acceptance/test_build_command.py, tests/engagement/test_row_findings.py.)"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

import pytest

from confdocs.errors import WorkerLostError
from confdocs.pool import ordered_map, worker_signals

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


# A worker lost while the work queue's pipe is full: Python 3.10's pool then waits for ever, at
# exit, for its feeder thread, stuck writing work that no worker will read (CPython gh-94777).
_LOST_WITH_A_FULL_QUEUE = """
import os, signal
from confdocs.errors import WorkerLostError
from confdocs.pool import ordered_map, worker_signals

def die(payload):
    os.kill(os.getpid(), signal.SIGKILL)

try:
    list(ordered_map(die, (b"x" * 200_000 for _ in range(40)), 2, initializer=worker_signals,
                     chunksize=1))
except WorkerLostError as error:
    print(error)
"""


def test_a_process_that_lost_a_worker_with_work_queued_exits() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _LOST_WITH_A_FULL_QUEUE], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "killed by SIGKILL" in done.stdout
