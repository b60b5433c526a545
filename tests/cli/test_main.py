"""main(argv) and the one place that maps what goes wrong to a message and an exit code
(confdocs.cli): a bug names the issue tracker, an output path that cannot be is a message and
not a bug, and a console that is not UTF-8 gets escapes instead of a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..helpers import guild_engagement


def test_a_console_that_is_not_utf8_gets_escapes_not_a_crash(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    path = guild_engagement(tmp_path, {"locale": "xx-YY"}, name="łódź-🎉.json")
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    done = subprocess.run([sys.executable, "-m", "confdocs", "validate", str(path)],
                          capture_output=True, env=env, check=False)
    assert done.returncode == 1, done.stderr.decode("cp1252", "replace")
    assert b"Traceback" not in done.stderr


def test_an_output_path_that_cannot_be_is_a_message_not_a_bug(tmp_path: Path, run) -> None:
    from ..helpers import ROOT

    path = guild_engagement(tmp_path)
    rendered = run("render", "-t", str(ROOT / "templates" / "en-GB" / "contract.docx"), str(path),
                   "-o", "/dev/null/contract.docx")
    assert rendered.exit_code == 2, rendered.output
    assert "internal error" not in rendered.stderr
    assert "/dev/null" in rendered.stderr
    merged = run("merge-manifests", str(tmp_path / "none.json"), "-o", "/dev/null/m.json")
    assert merged.exit_code == 2 and "internal error" not in merged.stderr


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


@pytest.mark.parametrize("args", [("validate", "--format", "json"),
                                  ("validate", "--format=json", "--nope", "x.json"),
                                  ("templates", "check", "--format", "json", "--nope")])
def test_a_usage_error_with_format_json_still_prints_one_json_document(
        args: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    # A CI step that parses standard output got nothing at all (issue 26, item 6).
    import json

    from confdocs.cli import main

    assert main(list(args)) == 2
    captured = capsys.readouterr()
    printed = json.loads(captured.out)
    assert printed["exit_code"] == 2 and printed["error"]
    assert "Usage: confdocs" in captured.err  # and the usage, for the person reading the log


def test_a_usage_error_without_format_json_prints_nothing_on_standard_output(
        capsys: pytest.CaptureFixture[str]) -> None:
    from confdocs.cli import main

    assert main(["validate", "--format", "text"]) == 2
    assert capsys.readouterr().out == ""
