"""What ``confdocs`` exports is what it states (``__all__``), each name is what the type checker is
told it is, and importing the package or the command line loads none of the heavy libraries, so
that the deferred imports keep their reason."""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import subprocess
import sys
from pathlib import Path

import confdocs

from .helpers import ROOT

# Each loaded only when a file is checked, a template compiled or a roster read.
HEAVY = ("jsonschema", "lxml", "jinja2", "docxtpl", "docx", "openpyxl")


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, check=True)


def test_the_command_line_and_its_help_load_no_heavy_library() -> None:
    code = (
        "import contextlib, io, json, sys\n"
        "import confdocs.cli\n"
        "imported = sorted(sys.modules)\n"
        "with contextlib.redirect_stdout(io.StringIO()) as shown:\n"
        "    code = confdocs.cli.main(['--help'])\n"
        "print(json.dumps([imported, sorted(sys.modules), code, shown.getvalue()]))\n"
    )
    imported, after_help, code, shown = json.loads(_python(code).stdout)
    assert code == 0 and "Usage: confdocs" in shown
    for loaded in (imported, after_help):
        assert "confdocs.cli" in loaded
        assert [name for name in loaded if name.split(".")[0] in HEAVY] == []


def test_confdocs_help_as_typed_loads_no_heavy_library() -> None:
    # -X importtime lists every module the real entry point imports, on standard error.
    shown = subprocess.run([sys.executable, "-X", "importtime", "-m", "confdocs", "--help"],
                           capture_output=True, text=True, cwd=ROOT, check=True)
    assert "Usage: confdocs" in shown.stdout
    loaded = {line.rsplit("|", 1)[1].strip() for line in shown.stderr.splitlines()
              if line.startswith("import time:") and "|" in line}
    assert "confdocs.cli" in loaded
    assert sorted(name for name in loaded if name.split(".")[0] in HEAVY) == []


def _declared() -> dict[str, str]:
    """What confdocs/__init__.py tells the type checker each public name is: name -> module."""
    tree = ast.parse((ROOT / "confdocs" / "__init__.py").read_text(encoding="utf-8"))
    declared: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            for alias in node.names:
                declared[alias.asname or alias.name] = f"confdocs.{node.module}"
    return declared


def test_all_is_exactly_what_the_package_offers() -> None:
    public = list(confdocs.__all__)
    assert public == sorted(set(public))
    assert set(_declared()) | {"__version__"} == set(public)
    namespace: dict[str, object] = {}
    exec("from confdocs import *", namespace)
    assert set(namespace) - {"__builtins__"} == set(public)
    assert set(public) <= set(dir(confdocs))


def test_each_name_is_what_the_type_checker_is_told() -> None:
    for name, module in _declared().items():
        found = getattr(confdocs, name)
        assert found is getattr(importlib.import_module(module), found.__name__
                                if inspect.isfunction(found) else name), name
        if inspect.isfunction(found):
            assert inspect.getdoc(found), f"{name} has no docstring"


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        confdocs.no_such_function  # noqa: B018
    except AttributeError as exc:
        assert "no_such_function" in str(exc)
    else:
        raise AssertionError("confdocs.no_such_function exists")


def test_build_documents_is_the_build_however_the_build_package_was_imported_first(
        tmp_path: Path) -> None:
    orders = (
        "import confdocs.build.batch as batch\nimport confdocs\nfrom confdocs import build_documents\n",
        "from confdocs import build_documents\nimport confdocs.build.batch as batch\nimport confdocs\n",
        "import confdocs\nconfdocs.render_document\nfrom confdocs import build_documents\n"
        "import confdocs.build.batch as batch\n",
    )
    for imports in orders:
        code = imports + (
            "assert build_documents is confdocs.build_documents is batch.build\n"
            "print(type(build_documents(['-'], 'out', only=('contract',))).__name__)\n"
        )
        # Standard input is empty: a report with one input that is not an engagement.
        shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                               cwd=tmp_path, input="")
        assert shown.returncode == 0, (imports, shown.stderr)
        assert shown.stdout.strip() == "BuildReport"
