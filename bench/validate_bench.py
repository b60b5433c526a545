"""Benchmark: `confdocs validate` on N files in one invocation, against check-jsonschema.

Usage: python bench/validate_bench.py [N | --smoke]     (default 1,000; --smoke: 5; needs
`pip install check-jsonschema` for the comparison)

Both tools check the same files against the same schema, each in one process started from the
shell, so start-up is counted for both. confdocs also runs its rules and duplicate-key checks.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time

from corpus import ROOT, WORK, make_corpus

FILES = WORK / "validate"


def timed(command: list[str], runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        best = min(best, time.perf_counter() - start)
        if done.returncode != 0:
            sys.exit(f"{command[0]} failed ({done.returncode}):\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return best


def main() -> None:
    argument = sys.argv[1] if len(sys.argv) > 1 else "1000"
    count = 5 if argument == "--smoke" else int(argument)
    files = make_corpus(FILES, count)
    confdocs = timed([sys.executable, "-m", "confdocs", "validate", "--strict", str(FILES)])
    print(f"confdocs validate          {count} files: {confdocs:6.2f} s "
          f"({count / confdocs:,.0f} files/s)")
    checker = shutil.which("check-jsonschema")
    if checker is None:
        print("check-jsonschema is not installed: pip install check-jsonschema")
        return
    schema = str(ROOT / "schemas" / "engagement.schema.json")
    other = timed([checker, "--schemafile", schema, *map(str, files)])
    print(f"check-jsonschema           {count} files: {other:6.2f} s "
          f"({count / other:,.0f} files/s)")
    print(f"ratio (check-jsonschema / confdocs): {other / confdocs:.1f}x")


if __name__ == "__main__":
    main()
