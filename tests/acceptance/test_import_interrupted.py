"""An import stopped at any moment leaves the old state or the new one (issue 28).

The import is killed, as ``kill -9`` would kill it, just before each of the calls by which it
changes the folder (os.open for writing, os.write, os.replace, os.unlink, os.fsync, ...), one
run per call: the run is forked, and the fork leaves with ``os._exit`` at its k-th such call, so
that no clean-up of ours runs. Each time, what a reader of the folder sees must be the old state,
the new state, or a folder that build and validate refuse as interrupted; and the next import
must finish it without a word about files changed by hand. One more test kills a real
``confdocs import`` process with SIGKILL.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ..helpers import SAMPLES

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")

PROFILE = SAMPLES / "cohort" / "profiles" / "harbour-vale-2026.json"
HEADER = "id,parties.client.name,parties.client.email,dates.start,dates.end"
JOURNAL = ".confdocs-import.journal"
RECORD = ".confdocs-import.json"
KILLED = 137
# The calls by which an import changes the folder; the fork dies just before the k-th of them.
CHANGES = ("write", "replace", "rename", "unlink", "fsync", "sync", "mkdir", "rmdir")


def _roster(path: Path, rows: list[tuple[str, str]]) -> Path:
    lines = [HEADER] + [f"{ident},{name},{ident.lower()}@example.com,2026-02-02,2026-07-31"
                        for ident, name in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


OLD_ROWS = [("R-1", "Ada"), ("R-2", "Bea"), ("R-3", "Cy"), ("R-4", "Dee")]
# Three rows changed, one as it was, two new.
NEW_ROWS = [("R-1", "Ada Two"), ("R-2", "Bea Two"), ("R-3", "Cy Two"), ("R-4", "Dee"),
            ("R-5", "Eve"), ("R-6", "Fay")]


def _state(out: Path) -> dict[str, bytes]:
    """What a reader of the folder sees: the engagement files and the import record."""
    return {path.name: path.read_bytes() for path in sorted(out.iterdir())
            if path.is_file() and (path.name == RECORD
                                   or (path.suffix == ".json" and not path.name.startswith(".")))}


def _import(roster: Path, out: Path) -> Any:
    from confdocs.engagement.importer import import_roster

    return import_roster(str(roster), str(PROFILE), str(out))


def _killed_at(k: int, roster: Path, out: Path) -> int:
    """Run the import in a fork that dies just before its k-th change to the disk; its exit
    code (KILLED if it got that far)."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            count = 0

            def hook(real: Callable[..., Any]) -> Callable[..., Any]:
                def counted(*args: Any, **kwargs: Any) -> Any:
                    nonlocal count
                    count += 1
                    if count == k:
                        os._exit(KILLED)
                    return real(*args, **kwargs)
                return counted

            real_open = os.open

            def opened(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
                if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
                    return hook(real_open)(path, flags, *args, **kwargs)  # type: ignore[no-any-return]
                return real_open(path, flags, *args, **kwargs)

            for name in CHANGES:
                if hasattr(os, name):
                    setattr(os, name, hook(getattr(os, name)))
            os.open = opened
            report = _import(roster, out)
            os._exit(0 if report.written else 1)
        except BaseException:
            os._exit(99)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


@pytest.fixture
def cohort(tmp_path: Path) -> dict[str, Any]:
    """The old roster imported into ``old``; the new roster imported over it into ``new``."""
    old_roster = _roster(tmp_path / "old.csv", OLD_ROWS)
    new_roster = _roster(tmp_path / "new.csv", NEW_ROWS)
    old, new = tmp_path / "old", tmp_path / "new"
    assert _import(old_roster, old).written
    shutil.copytree(old, new)
    assert _import(new_roster, new).written
    return {"old_roster": old_roster, "new_roster": new_roster, "old": _state(old),
            "new": _state(new), "folder": old}


def _check_after_stop(out: Path, cohort: dict[str, Any], run) -> str:
    """What was left is the old state, the new one, or a folder said to be interrupted; the
    next import of either roster finishes it with no file taken for changed by hand."""
    seen = _state(out)
    if (out / JOURNAL).exists():
        left = "journal"
        for command in ("validate", "build"):
            more = ["--out", str(out.parent / f"{out.name}-docs")] if command == "build" else []
            result = run(command, str(out), *more)
            assert result.exit_code == 2, result.output
            assert "an import into this folder was interrupted" in result.output
            assert not (out.parent / f"{out.name}-docs" / "manifest.json").exists()
    else:
        assert seen in (cohort["old"], cohort["new"]), sorted(
            name for name in seen if seen[name] != cohort["new"].get(name))
        left = "old" if seen == cohort["old"] else "new"
    # The next import of the old roster: every file it wrote is its own or the new import's,
    # and said to be new, updated or unchanged, never changed by hand.
    again = out.parent / f"{out.name}-again"
    shutil.copytree(out, again)
    result = run("import", str(cohort["old_roster"]), "--profile", str(PROFILE), "--out",
                 str(again))
    assert result.exit_code == 0, result.output
    assert "import-file-kept" not in result.output, result.output
    assert "import-journal-damaged" not in result.output
    # The next import of the new roster: exactly the new state, with nothing else left behind.
    result = run("import", str(cohort["new_roster"]), "--profile", str(PROFILE), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "warning:" not in result.output, result.output
    assert _state(out) == cohort["new"]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [*cohort["new"], ".confdocs-import.lock"])
    return left


def test_an_import_stopped_at_any_moment_leaves_the_old_state_or_the_new(
        tmp_path: Path, cohort: dict[str, Any], run) -> None:
    outcomes: dict[str, int] = {}
    k = 1
    while True:
        out = tmp_path / f"k{k}"
        shutil.copytree(cohort["folder"], out)
        code = _killed_at(k, cohort["new_roster"], out)
        if code == 0:
            assert _state(out) == cohort["new"]  # not stopped: the import finished
            break
        assert code == KILLED, f"the import failed at the {k}th change for another reason"
        left = _check_after_stop(out, cohort, run)
        outcomes[left] = outcomes.get(left, 0) + 1
        k += 1
        assert k < 500, "the import never finished"
    # Stopped before the journal, while the renames were made, and nothing in between lost.
    assert outcomes.get("old", 0) >= 6 and outcomes.get("journal", 0) >= 6, outcomes


def test_an_import_interrupted_by_ctrl_c_while_staging_leaves_the_old_state(
        tmp_path: Path, cohort: dict[str, Any], monkeypatch: pytest.MonkeyPatch, run) -> None:
    out = tmp_path / "ctrl-c"
    shutil.copytree(cohort["folder"], out)
    real = os.write
    calls = 0

    def interrupted(fd: int, data: Any) -> int:
        nonlocal calls
        calls += 1
        if calls == 4:
            raise KeyboardInterrupt
        return real(fd, data)

    monkeypatch.setattr(os, "write", interrupted)
    result = run("import", str(cohort["new_roster"]), "--profile", str(PROFILE), "--out",
                 str(out))
    monkeypatch.undo()
    assert result.exit_code == 130
    assert _state(out) == cohort["old"]
    assert not [p for p in out.iterdir() if p.name.startswith(".confdocs-import-tmp-")]


def test_a_real_kill_9_leaves_the_old_state_or_the_new(tmp_path: Path, run) -> None:
    # A roster large enough that the kill lands while files are written.
    rows = [(f"K-{n}", f"Person {n}") for n in range(200)]
    old_roster = _roster(tmp_path / "old.csv", rows)
    new_roster = _roster(tmp_path / "new.csv", [(i, f"{name} again") for i, name in rows])
    base = tmp_path / "base"
    assert _import(old_roster, base).written
    old = _state(base)
    new_folder = tmp_path / "new"
    shutil.copytree(base, new_folder)
    assert _import(new_roster, new_folder).written
    new = _state(new_folder)
    left: set[str] = set()
    # Killed as soon as it is staging files (a temporary file is there), or as soon as it is
    # putting them in place (the journal is there).
    for attempt, wait_for in enumerate(["-tmp-", JOURNAL, "-tmp-", JOURNAL]):
        out = tmp_path / f"kill{attempt}"
        shutil.copytree(base, out)
        process = subprocess.Popen([sys.executable, "-m", "confdocs", "import", str(new_roster),
                                    "--profile", str(PROFILE), "--out", str(out)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while process.poll() is None and time.monotonic() < deadline:
            if any(wait_for in name for name in os.listdir(out)):
                break
        process.send_signal(signal.SIGKILL)
        process.wait()
        seen = _state(out)
        if (out / JOURNAL).exists():
            left.add("journal")
            result = run("validate", str(out))
            assert result.exit_code == 2 and "was interrupted" in result.output
        else:
            assert seen in (old, new)
            left.add("old" if seen == old else "new")
        result = run("import", str(new_roster), "--profile", str(PROFILE), "--out", str(out))
        assert result.exit_code == 0 and "warning:" not in result.output, result.output
        assert _state(out) == new
        assert not [n for n in os.listdir(out) if n.startswith(".confdocs-import-tmp-")]
    assert left, "never killed while writing"


def test_validate_and_build_refuse_a_folder_an_import_left_unfinished(
        tmp_path: Path, cohort: dict[str, Any], run) -> None:
    parent = tmp_path / "all"
    out = parent / "cohort"
    shutil.copytree(cohort["folder"], out)
    (out / JOURNAL).write_text('{"renames": []}', encoding="utf-8")
    for paths in ([str(parent)], [str(out)], [str(out / "R-1.json"), str(out / "R-2.json")]):
        result = run("validate", *paths)
        assert result.exit_code == 2, result.output
        assert result.output.count(f"{out}: an import into this folder was interrupted") == 1
        assert "run the same import again to finish it" in result.output
        assert "0 files" in result.output  # none of its engagements was read
    built = run("build", str(parent), "--out", str(tmp_path / "docs"))
    assert built.exit_code == 2 and "was interrupted" in built.output
    assert not list((tmp_path / "docs").glob("*/*.docx"))


def test_a_dry_run_into_an_unfinished_folder_says_so_and_changes_nothing(
        tmp_path: Path, cohort: dict[str, Any], run) -> None:
    out = tmp_path / "dry"
    shutil.copytree(cohort["folder"], out)
    (out / JOURNAL).write_text('{"renames": []}', encoding="utf-8")
    result = run("import", str(cohort["new_roster"]), "--profile", str(PROFILE), "--out",
                 str(out), "--dry-run")
    assert result.exit_code == 0, result.output
    assert (f"{out / JOURNAL}:1:1: warning: an import into this folder was interrupted; the "
            "next import (without --dry-run) finishes it first") in result.output
    assert (out / JOURNAL).exists() and _state(out) == cohort["old"]
