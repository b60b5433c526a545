"""The wheel ships every subpackage, the schema and the templates; the sdist carries everything
its tests read; the licence is shipped and declared."""

from __future__ import annotations

import sys

from .helpers import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = None


def test_every_subpackage_is_listed_for_the_wheel() -> None:
    if tomllib is None:
        return
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts)
             for p in (ROOT / "confdocs").rglob("__init__.py")}
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    assert {"confdocs._schemas", "confdocs._templates"} <= listed


def test_the_license_is_shipped_and_declared_in_the_current_format() -> None:
    import pytest

    tomllib = pytest.importorskip("tomllib")  # Python 3.11 and later
    from .helpers import ROOT

    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]


def test_the_sdist_carries_everything_its_tests_read() -> None:
    """Every top-level file or folder a test names under ROOT is in MANIFEST.in (tools/ was
    not, so the sdist's own test of the templates' source failed)."""
    import re

    from .helpers import ROOT

    manifest = (ROOT / "MANIFEST.in").read_text(encoding="utf-8")
    grafted = set(re.findall(r"^graft (\S+)$", manifest, flags=re.MULTILINE))
    included = {name for line in re.findall(r"^include (.+)$", manifest, flags=re.MULTILINE)
                for name in line.split()}
    named = {name for test in (ROOT / "tests").rglob("*.py")
             for name in re.findall(r'ROOT / "([\w.-]+)"', test.read_text(encoding="utf-8"))}
    # The package and its metadata are in every sdist; bench/ is named for its fuzzer alone.
    named -= {"confdocs", "pyproject.toml", "MANIFEST.in", "bench"}
    assert named - grafted - included == set()
    assert {"tests", "tools", "LICENSE", ".pre-commit-hooks.yaml"} <= named
    assert "bench/fuzz.py" in included


def test_the_tested_pythons_run_from_requires_python_without_a_gap() -> None:
    """.ci/run tests every Python the classifiers name: they must start at requires-python, so
    that the oldest Python confdocs accepts is one it is tested on."""
    import re

    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    oldest = re.search(r'^requires-python = ">=3\.(\d+)"$', text, re.MULTILINE)
    minors = [int(m) for m in re.findall(r'"Programming Language :: Python :: 3\.(\d+)"', text)]
    assert oldest is not None and minors, "name the tested Pythons in pyproject.toml's classifiers"
    assert minors == list(range(int(oldest.group(1)), int(oldest.group(1)) + len(minors)))
