"""The layout's promises, checked on the source itself (with the AST, not by eye):

- no test or bench imports a private name (one starting with ``_``) from a module other than the
  one it tests, so that a module's insides can change without breaking another's tests;
- no module outside ``confdocs/build/`` imports from the build, except the CLI and the package
  root: the stages upstream of it (engagement, render, lint) never reach down into it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "confdocs"


def _python_files(*folders: Path) -> list[Path]:
    return sorted(path for folder in folders for path in folder.rglob("*.py")
                  if "data" not in path.relative_to(ROOT).parts)


def _module_of(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _absolute(path: Path, node: ast.ImportFrom) -> str:
    """The module an ``import from`` names, resolved against the file's package."""
    if not node.level:
        return node.module or ""
    package = _module_of(path).split(".")
    if path.name != "__init__.py":
        package.pop()
    base = package[: len(package) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(path: Path) -> Iterator[tuple[int, str, str]]:
    """(line, module, name) for every name imported from a confdocs module; name is '' for a
    plain ``import confdocs.x``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = _absolute(path, node)
            for alias in node.names:
                yield node.lineno, module, alias.name
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, ""


def _private_uses(path: Path) -> Iterator[tuple[int, str, str]]:
    """Private names a file takes from confdocs modules: imported by name, or read as an attribute
    of a module it imported (``import confdocs.cli as cli`` ... ``cli._terminated``), or patched
    by its dotted path in a string (``monkeypatch.setattr("confdocs.x._y", ...)``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    aliases: dict[str, str] = {}
    for line, module, name in _imports(path):
        if not module.startswith("confdocs"):
            continue
        if name.startswith("_") and not name.startswith("__"):
            yield line, module, name
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("confdocs") and alias.asname:
                    aliases[alias.asname] = alias.name
        elif isinstance(node, ast.ImportFrom):
            module = _absolute(path, node)
            for alias in node.names:
                if module.startswith("confdocs") and not alias.name.startswith("_"):
                    aliases[alias.asname or alias.name] = f"{module}.{alias.name}"
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id in aliases and node.attr.startswith("_")
                and not node.attr.startswith("__")):
            yield node.lineno, aliases[node.value.id], node.attr
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
              and node.value.startswith("confdocs.") and " " not in node.value):
            module, _, name = node.value.rpartition(".")
            # ("confdocs._schemas" names a data package the wheel ships, not a private name)
            if module != "confdocs" and name.startswith("_") and not name.startswith("__"):
                yield node.lineno, module, name


def _tested_module(path: Path) -> str:
    """The module a test file tests, by its name: tests/build/test_manifest.py tests
    confdocs.build.manifest (and a bench tests nothing of confdocs' insides)."""
    if not path.name.startswith("test_"):
        return ""
    return path.stem.removeprefix("test_")


@pytest.mark.parametrize("path", _python_files(ROOT / "tests", ROOT / "bench"),
                         ids=lambda path: str(path.relative_to(ROOT)))
def test_no_private_names_from_other_modules(path: Path) -> None:
    tested = _tested_module(path)
    wrong = [f"{path.relative_to(ROOT)}:{line}: {module}.{name}"
             for line, module, name in _private_uses(path)
             if module.rsplit(".", 1)[-1] != tested]
    assert not wrong, ("private names taken from a module this file does not test; give them a "
                       "public name or test through the public behaviour:\n" + "\n".join(wrong))


def test_only_the_cli_and_the_root_import_the_build() -> None:
    allowed = {PACKAGE / "cli.py", PACKAGE / "__init__.py"}
    wrong = [f"{path.relative_to(ROOT)}:{line}: {module}"
             for path in _python_files(PACKAGE)
             if path not in allowed and PACKAGE / "build" not in path.parents
             for line, module, _ in _imports(path)
             if module == "confdocs.build" or module.startswith("confdocs.build.")]
    assert not wrong, "modules outside confdocs/build/ import from it:\n" + "\n".join(wrong)


def test_the_checker_sees_a_private_import(tmp_path: Path) -> None:
    # The check above must be able to fail: a file that takes a private name from another module
    # in each of the three ways is caught three times.
    sample = tmp_path / "test_sample.py"
    source = ("import confdocs.cli as cli\n"
              "from confdocs.build.manifest import _dump\n"
              "cli._terminated\n"
              "PATCH = 'confdocs.build.batch._record'\n")
    sample.write_text(source, encoding="utf-8")
    found = list(_private_uses(sample))
    assert sorted(name for _, _, name in found) == ["_dump", "_record", "_terminated"]


def test_the_readme_pictures_of_documents_are_there_and_small() -> None:
    # Made by tools/make_screenshots.py from the samples (issue 26, item 5); committed as docs.
    import re

    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    pictures = re.findall(r"!\[[^\]]+\]\((docs/images/[^)]+\.png)\)", readme)
    assert len(pictures) == 2
    for picture in pictures:
        data = (root / picture).read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) < 150_000, picture
