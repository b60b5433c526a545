"""SIGTERM, as a CI runner cancels a job: a build stops cleanly and the next run completes."""

from __future__ import annotations

from pathlib import Path

from ..helpers import build_is_complete, sample_data, write_engagement


def test_sigterm_stops_a_build_cleanly_and_the_next_run_completes(tmp_path: Path, run) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    folder = tmp_path / "in"
    folder.mkdir()
    data = sample_data("coaching-two-disclosures.json")
    for index in range(60):
        write_engagement(folder, {**data, "id": f"E{index:03d}"})
    out = tmp_path / "out"
    command = [sys.executable, "-m", "confdocs", "build", str(folder), "--out", str(out),
               "-j", "2"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True)
    deadline = time.monotonic() + 30
    while not list(out.glob("*/*.docx")) and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGTERM)  # as a CI runner cancels: the whole group
    _, stderr = process.communicate(timeout=60)
    assert process.returncode in (0, 130), stderr
    assert b"Traceback" not in stderr, stderr.decode()
    again = run("build", str(folder), "--out", str(out))
    assert again.exit_code == 0, again.output
    from confdocs.render.documents import plan_documents

    assert build_is_complete(out, 60 * len(plan_documents(data)))
    assert not list(out.rglob(".confdocs-tmp-*"))
