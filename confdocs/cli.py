"""The command line: each command turns its options into arguments, calls one core function, prints.

Every exit code is decided in :func:`main`, the one place that catches errors.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from . import __version__
from .errors import (
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    ConfdocsError,
)
from .report import FORMATS

ISSUES_URL = "the confdocs issue tracker"


class Exit(Exception):
    """Raised by a command to end with a given exit code after printing its report."""

    def __init__(self, code: int) -> None:
        self.code = code


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="confdocs")
def cli() -> None:
    """Confidentiality documents for coaching, training, mentoring and membership engagements.

    One JSON file per engagement describes its confidentiality terms; confdocs checks it and fills
    the Word templates that make the contract's confidentiality clauses, the feedback-anonymity
    annex and a disclosure notice letter for each disclosure.

    \b
    Exit codes: 0 success; 1 problems found (invalid files, failed documents);
    2 usage error or unreadable input; 3 internal error (a bug); 130 interrupted.
    """


@cli.command(epilog="""\b
Examples:
  confdocs validate samples/
  confdocs validate --format github engagements/
  cat engagement.json | confdocs validate -
""")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text for people, json for programs, github for Actions annotations.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings as well as errors.")
def validate(paths: tuple[str, ...], fmt: str, strict: bool) -> None:
    """Check engagement files against the schema and the rules in docs/rules.md.

    PATH is a file, a directory (searched recursively for *.json) or - for standard input.
    Every problem in every file is reported in one run.
    """
    from .report import render
    from .validate import validate_paths

    report = validate_paths(paths)
    for problem in report.problems:
        click.echo(f"confdocs: error: {problem.message}", err=True)
    click.echo(render(report.findings, len(report.files), fmt))  # type: ignore[arg-type]
    raise Exit(report.exit_code(strict=strict))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code (testable without a subprocess)."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="confdocs",
                 standalone_mode=False)
    except Exit as done:
        return done.code
    except click.exceptions.Exit as done:  # --help, --version
        return done.exit_code
    except click.ClickException as exc:
        exc.show()
        return EXIT_USAGE
    except click.Abort:
        click.echo("confdocs: interrupted", err=True)
        return EXIT_INTERRUPTED
    except KeyboardInterrupt:
        click.echo("confdocs: interrupted", err=True)
        return EXIT_INTERRUPTED
    except ConfdocsError as exc:
        click.echo(f"confdocs: error: {exc}", err=True)
        return exc.exit_code
    except Exception as exc:  # a bug: say so plainly, with what to send
        import traceback

        click.echo(f"confdocs: internal error: {type(exc).__name__}: {exc}\n"
                   f"This is a bug in confdocs {__version__}. Please report it to {ISSUES_URL} "
                   "with the command you ran and the details below.", err=True)
        click.echo("".join(traceback.format_exc(limit=-8)), err=True)
        return EXIT_INTERNAL
    return EXIT_OK


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


__all__ = ["EXIT_FINDINGS", "cli", "main", "run"]
