"""The wheel ships every subpackage, the schema and the templates."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

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



def test_a_bug_names_the_issue_tracker_from_the_package_metadata(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """"Please report it to ..." names the address in [project.urls] once the package has one,
    and names the tracker in words while it has none."""
    import email.message
    from importlib import metadata

    from confdocs.cli import main

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("confdocs.engagement.validate.validate_paths", broken)
    path = tmp_path / "e.json"
    path.write_text("{}", encoding="utf-8")
    for urls, named in [(("Homepage, https://example.org", "Issues, https://example.org/i"),
                         "Please report it to https://example.org/i with"),
                        ((), "Please report it to the confdocs issue tracker with")]:
        message = email.message.Message()
        for url in urls:
            message["Project-URL"] = url
        monkeypatch.setattr(metadata, "metadata", lambda name, message=message: message)
        assert main(["validate", str(path)]) == 3
        assert named in capsys.readouterr().err
