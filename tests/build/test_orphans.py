"""A build killed on its own (``kill -9`` of the main process, as the out-of-memory killer or a
supervisor does) leaves no worker behind holding the output folder's lock (issue 28, item 10):
its workers end with it, and the next build into the same folder runs."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "coaching-two-disclosures.json"

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").is_dir(),
                                reason="reads a process's children from /proc (Linux)")


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; it waits only to be reaped


def _cohort(folder: Path, count: int) -> Path:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    folder.mkdir()
    for number in range(count):
        data["id"] = f"ORPHAN-{number:05d}"
        (folder / f"{data['id']}.json").write_text(json.dumps(data), encoding="utf-8")
    return folder


def test_workers_end_with_a_build_killed_alone_and_free_the_lock(tmp_path: Path) -> None:
    inputs = _cohort(tmp_path / "in", 2000)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "confdocs", "build", str(inputs), "--out", str(out),
               "--jobs", "2", "--only", "contract", "-q"]
    build = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while len(workers := _children(build.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(workers) >= 2, "the build never started its workers"
        time.sleep(0.5)  # the workers are rendering
        assert build.poll() is None, "the build ended before it could be killed"
        os.kill(build.pid, signal.SIGKILL)  # the main process alone, not its group
        build.wait()
        deadline = time.monotonic() + 30  # a loaded machine may be slow to reap them
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in workers if _alive(pid)], "workers outlived their build"
    finally:
        if build.poll() is None:
            build.kill()
    again = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr[-2000:]
    assert len(list(out.glob("*/*-contract.docx"))) == 2000
