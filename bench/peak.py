"""Run a command and print the peak resident memory (KiB) of its largest process, on the last line.

Usage: python bench/peak.py COMMAND [ARGS...]
"""

from __future__ import annotations

import resource
import subprocess
import sys

if __name__ == "__main__":
    code = subprocess.run(sys.argv[1:]).returncode
    print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    sys.exit(code)
