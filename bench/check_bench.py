"""Benchmark: `confdocs templates check` on the shipped templates, start-up included, and how its
time splits between the static checks and the rendering against engagements made from the schema.

Usage: python bench/check_bench.py [RUNS | --smoke]     (default 5; --smoke: 1)

Each command run is timed from the shell's side. "cold" runs start with an empty compiled-template
cache (the first check after a template or confdocs changes, which compiles the templates); "warm"
runs find the templates compiled.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "confdocs", "templates", "check"],
                          capture_output=True, text=True, env=env)
    took = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"templates check failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return took


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
    cold, warm = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as cache:
            env = {**os.environ, "CONFDOCS_CACHE_DIR": cache}
            cold.append(timed(env))
            warm.append(timed(env))
    print(f"templates check, shipped templates, {runs} runs each, start-up included:")
    print(f"  cold cache: {min(cold):.2f} to {max(cold):.2f} s (median {statistics.median(cold):.2f})")
    print(f"  warm cache: {min(warm):.2f} to {max(warm):.2f} s (median {statistics.median(warm):.2f})")
    static, rendering = split()
    print(f"in one process: static checks {static:.2f} s, rendering against the "
          f"engagements made from the schema {rendering:.2f} s")


if __name__ == "__main__":
    main()
