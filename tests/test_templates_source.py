"""One source for the shipped templates: tools/make_templates.py writes them, byte for byte."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

from .conftest import ROOT


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_templates",
                                                  ROOT / "tools" / "make_templates.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_shipped_templates_are_exactly_the_generators_output() -> None:
    written = _generator().render_all()
    shipped = {p.name for p in (ROOT / "templates").glob("*.docx")}
    assert set(written) == shipped
    stale = [name for name, data in written.items()
             if (ROOT / "templates" / name).read_bytes() != data]
    assert stale == [], f"edit tools/make_templates.py, then run it: {stale} differ"
