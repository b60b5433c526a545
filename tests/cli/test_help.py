"""The command line's help: examples and exit codes, the guides it points at installed and
printable, and shell completion of paths."""

from __future__ import annotations

from pathlib import Path


def test_help_has_examples_and_exit_codes(run) -> None:
    assert "Examples:" in run("validate", "--help").output
    assert "Exit codes:" in run("--help").output


def test_every_guide_help_points_at_is_installed_and_printable(run) -> None:
    import re

    from confdocs.cli import DOCS

    helps = "".join(run(*command, "--help").output for command in
                    (("validate",), ("templates", "check"), ("docs",)))
    named = set(re.findall(r"docs/([a-z-]+)\.md", helps))
    assert named and named <= set(DOCS)
    for name in DOCS:
        result = run("docs", name)
        assert result.exit_code == 0 and result.output.startswith("# "), name


def test_shell_completion_completes_files_for_path_arguments(tmp_path: Path) -> None:
    from click.shell_completion import ShellComplete

    from confdocs.cli import cli

    for args in (["validate"], ["build"]):
        completion = ShellComplete(cli, {}, "confdocs", "_CONFDOCS_COMPLETE")
        items = completion.get_completions(args, "sam")
        assert [item.type for item in items] == ["file"], args
