"""A few hundred mutated engagements through validate and build in every format: no exit 3 (a
bug), no traceback, no document that is not a well-formed Word package. bench/fuzz.py is the
same, longer."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from click.testing import CliRunner

from confdocs.cli import cli

from ..helpers import ROOT


def _fuzz_module():  # bench/ is scripts, not a package
    spec = importlib.util.spec_from_file_location("fuzz", ROOT / "bench" / "fuzz.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_mutated_engagements_never_crash_or_make_unreadable_documents(tmp_path: Path) -> None:
    fuzz = _fuzz_module()
    result = fuzz.fuzz(tmp_path, 300, seed=15, run=_run, batch=60)
    assert result["crashes"] == []
    assert result["unreadable"] == []
    assert result["documents"] > 50  # the mutations leave many engagements valid: they build
    assert 1 in result["exit_codes"]  # and many invalid: they are found
