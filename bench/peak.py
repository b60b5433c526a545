"""Run a command; print on the last line the peak resident memory (KiB) of its largest process and
the kernel (system) CPU seconds of all its processes.

Usage: python bench/peak.py COMMAND [ARGS...]
"""

from __future__ import annotations

import resource
import subprocess
import sys

if __name__ == "__main__":
    code = subprocess.run(sys.argv[1:]).returncode
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(usage.ru_maxrss, f"{usage.ru_stime:.3f}")
    sys.exit(code)
