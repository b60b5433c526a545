"""Every benchmark in bench/ runs, in its smoke mode (a tiny N), so that none can rot unseen: a
bench that imports a name confdocs no longer has, or globs a layout it no longer uses, fails here.
The figures they print mean nothing at this size; only that they run to the end is checked."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import soffice_available

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"

# Each bench, its smoke arguments, and a line its output must hold when it ran to the end.
SMOKE = {
    "build_bench.py": (["--smoke"], "ratio: confdocs is"),
    "check_bench.py": (["--smoke"], "in one process: static checks"),
    "cohort_bench.py": (["--smoke"], "build    5 full files"),
    "extras_bench.py": (["--smoke"], "with link, image, subdoc"),
    "fuzz.py": (["--smoke"], "mutated cases in 5 families"),
    "language_bench.py": (["--smoke"], "of en-GB's time"),
    "validate_bench.py": (["--smoke"], "confdocs validate          5 files"),
}
NEEDS_SOFFICE = {"pagination_bench.py": (["--smoke"], "stranded headings left"),
                 "pdf_bench.py": (["--smoke"], "confdocs against the floor")}
# Not benches: the corpus they share, and the helper that measures a command's peak memory.
HELPERS = {"corpus.py", "peak.py"}


def _run(script: str, arguments: list[str], tmp_path: Path) -> str:
    env = dict(os.environ, CONFDOCS_BENCH_WORK=str(tmp_path / "work"),
               CONFDOCS_CACHE_DIR=str(tmp_path / "cache"))
    done = subprocess.run([sys.executable, str(BENCH / script), *arguments], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"{script} failed ({done.returncode}):\n{output[-3000:]}"
    return output


def test_every_bench_has_a_smoke_run() -> None:
    benches = {path.name for path in BENCH.glob("*.py")} - HELPERS
    assert benches == set(SMOKE) | set(NEEDS_SOFFICE) | {"docxtpl_parity.py"}


@pytest.mark.parametrize("script", sorted(SMOKE))
def test_bench_runs(script: str, tmp_path: Path) -> None:
    arguments, expected = SMOKE[script]
    assert expected in _run(script, arguments, tmp_path)


@pytest.mark.skipif(not soffice_available() and not os.environ.get("CI"),
                    reason="LibreOffice and poppler-utils are not installed (CI installs them)")
@pytest.mark.parametrize("script", sorted(NEEDS_SOFFICE))
def test_pdf_bench_runs(script: str, tmp_path: Path) -> None:
    arguments, expected = NEEDS_SOFFICE[script]
    assert expected in _run(script, arguments, tmp_path)


def test_docxtpl_parity_bench_runs(tmp_path: Path) -> None:
    # The bench runs docxtpl's own test scripts; here, one script in their manner, rendering one
    # of the Word-authored templates of docxtpl's tests that tests/docxtpl_templates keeps.
    tests = tmp_path / "docxtpl-tests"
    (tests / "templates").mkdir(parents=True)
    template = ROOT / "tests" / "docxtpl_templates" / "merge_paragraph_tpl.docx"
    (tests / "templates" / template.name).write_bytes(template.read_bytes())
    (tests / "merge_paragraph.py").write_text(
        "from docxtpl import DocxTemplate\n"
        f"tpl = DocxTemplate('templates/{template.name}')\n"
        "tpl.render({'living_in_town': True})\n"
        "tpl.save('output/merge_paragraph.docx')\n", encoding="utf-8")
    output = _run("docxtpl_parity.py", [str(tests)], tmp_path)
    assert "1 of 1 text-identical" in output
