"""One source for the shipped templates: tools/make_templates.py writes them, byte for byte."""

from __future__ import annotations

import subprocess
import sys

from .helpers import ROOT


def test_shipped_templates_are_exactly_the_generators_output() -> None:
    # In a fresh interpreter: docxcompose, which docxtpl imports in other tests, rebinds
    # python-docx's "cp" namespace prefix for the whole process, and the generator's core
    # properties would come out in the wrong namespace.
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "make_templates.py"), "--check"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
