"""A few hundred mutated engagements through validate and build in every format: no exit 3 (a
bug), no traceback, no document that is not a well-formed Word package. bench/fuzz.py is the
same, longer."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from click.testing import CliRunner

from confdocs.cli import cli

from ..helpers import ROOT


def _fuzz_module():  # bench/ is scripts, not a package: its fuzzer's parts are in bench/fuzzing
    bench = str(ROOT / "bench")
    if bench not in sys.path:
        sys.path.insert(0, bench)
    return importlib.import_module("fuzzing")


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_mutated_engagements_never_crash_or_make_unreadable_documents(tmp_path: Path) -> None:
    fuzz = _fuzz_module()
    result = fuzz.engagements.fuzz(tmp_path, 300, seed=15, run=_run, batch=60)
    assert result["crashes"] == []
    assert result["unreadable"] == []
    assert result["documents"] > 50  # the mutations leave many engagements valid: they build
    assert 1 in result["exit_codes"]  # and many invalid: they are found


def _made(folder: Path) -> dict[str, object]:
    """What a folder holds, by path: each file's bytes (its size and head, for a sparse one),
    each link's target, each other thing's kind."""
    import os
    import stat

    made: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        status = path.lstat()
        name = str(path.relative_to(folder))
        if stat.S_ISLNK(status.st_mode):
            made[name] = ("link", os.readlink(path))
        elif stat.S_ISREG(status.st_mode):
            with open(path, "rb") as handle:
                made[name] = ("file", status.st_size, handle.read(1 << 20))
        else:
            made[name] = ("fifo" if stat.S_ISFIFO(status.st_mode) else "folder",)
    return made


def test_each_case_is_made_the_same_alone_as_in_a_batch(tmp_path: Path) -> None:
    # A failure names its case by family, seed and index, and --case makes it alone: that
    # reproduces it only if a case's files do not depend on the cases made with it.
    fuzz = _fuzz_module()
    prefixes = {"engagements": "f", "profiles": "p", "rosters": "r", "catalogues": "c",
                "templates": "t"}
    for family, prefix in prefixes.items():
        for index in (3, 10):
            alone = fuzz.families.FAMILIES[family].prepare(tmp_path / family / f"a{index}", 4, [index])
            among = fuzz.families.FAMILIES[family].prepare(tmp_path / family / f"b{index}", 4,
                                                  [index - 1, index, index + 1])
            assert alone.about[index] == among.about[index]
            own = f"{prefix}{index:05d}"
            mine = {k: v for k, v in _made(tmp_path / family / f"a{index}").items()
                    if k.startswith(own)}
            theirs = {k: v for k, v in _made(tmp_path / family / f"b{index}").items()
                      if k.startswith(own)}
            assert mine and mine == theirs, (family, index)
