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


def _commands(group, prefix=()):  # type: ignore[no-untyped-def]
    import click

    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))
        else:
            yield (*prefix, name), command


def test_every_option_of_every_command_has_help_text() -> None:
    # `import --format` and `templates check --format` had none (issue 26, item 6).
    import click

    from confdocs.cli import cli

    bare = [f"{' '.join(path)} {param.opts[0]}" for path, command in _commands(cli)
            for param in command.params
            if isinstance(param, click.Option) and not param.help and not param.hidden]
    assert bare == []


def test_top_level_help_names_all_four_documents(run) -> None:
    shown = " ".join(run("--help").output.split())
    for document in ("confidentiality clauses", "feedback-anonymity annex",
                     "disclosure notice letter", "record of each disclosure decision"):
        assert document in shown, document


def test_every_rule_code_is_listed_once_in_rules_md() -> None:
    import re
    from collections import Counter

    from ..helpers import ROOT

    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    listed = Counter(re.findall(r"^\| `([a-z0-9-]+)` \|", text, flags=re.MULTILINE))
    assert [code for code, times in listed.items() if times > 1] == []
