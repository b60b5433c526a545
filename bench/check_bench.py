"""Benchmark: `confdocs templates check` on the shipped templates, start-up included, and how its
time splits between the static checks and the rendering against engagements made from the schema.

Usage: python bench/check_bench.py [RUNS | --smoke]     (default 5; --smoke: 1)

Each command run is timed from the shell's side, in wall-clock time and in CPU time (user and
system, the command's own process: what it costs whatever else the machine is doing). "cold" runs
start with an empty compiled-template cache (the first check after a template or confdocs changes,
which compiles and checks the templates); "warm" runs find them compiled and their findings kept
(a check run again after a save of another file). Goal (issue 23): a warm check under 1 s of CPU.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def timed(env: dict[str, str]) -> tuple[float, float]:
    """(wall-clock, CPU) seconds of one `confdocs templates check`."""
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "confdocs", "templates", "check"],
                          capture_output=True, text=True, env=env)
    took = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"templates check failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return took, _children_cpu() - cpu


def _span(label: str, values: list[float]) -> str:
    return (f"{label} {min(values):.2f} to {max(values):.2f} s "
            f"(median {statistics.median(values):.2f})")


def split() -> tuple[float, float]:
    """In one process: the static checks, then the rendering (engagements made once)."""
    sys.path.insert(0, str(ROOT))
    from confdocs.lint import template_context
    from confdocs.lint.check import static_findings
    from confdocs.lint.exercise import exercise, made_engagements

    templates = sorted((ROOT / "templates").glob("*/*.docx"))  # every language's set
    start = time.perf_counter()
    for template in templates:
        static_findings(template)
    static = time.perf_counter() - start
    start = time.perf_counter()
    made_engagements()
    for template in templates:
        exercise(template, template_context(template))
    return static, time.perf_counter() - start


def main() -> None:
    argument = sys.argv[1] if len(sys.argv) > 1 else "5"
    runs = 1 if argument == "--smoke" else int(argument)
    cold: list[tuple[float, float]] = []
    warm: list[tuple[float, float]] = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as cache:
            env = {**os.environ, "CONFDOCS_CACHE_DIR": cache}
            cold.append(timed(env))
            warm.append(timed(env))
    print(f"templates check, shipped templates, {runs} runs each, start-up included:")
    for label, taken in (("cold cache", cold), ("warm cache", warm)):
        print(f"  {label}: {_span('wall', [t[0] for t in taken])}; "
              f"{_span('CPU', [t[1] for t in taken])}")
    static, rendering = split()
    print(f"in one process: static checks {static:.2f} s, rendering against the "
          f"engagements made from the schema {rendering:.2f} s")


if __name__ == "__main__":
    main()
