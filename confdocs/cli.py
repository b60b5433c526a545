"""The command line: each command turns its options into arguments, calls one core function, prints.

Every exit code is decided in :func:`main`, the one place that catches errors.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from typing import Any

import click

from . import __version__
from .engagement.starter import KINDS, LOCALES, SETTINGS
from .errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, ConfdocsError
from .report import FORMATS

# Where a bug is reported when the installed package names no address (Project-URL "Issues").
ISSUES_FALLBACK = "the confdocs issue tracker"


def issues_address() -> str:
    """The issue tracker's address, from the installed package's metadata (pyproject.toml's
    [project.urls] "Issues"), read only when a bug is reported."""
    from importlib import metadata

    try:
        urls = metadata.metadata("confdocs").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return ISSUES_FALLBACK
    for entry in urls:
        label, _, url = str(entry).partition(",")
        if label.strip().lower() in ("issues", "bug tracker", "tracker") and url.strip():
            return url.strip()
    return ISSUES_FALLBACK


Exit = click.exceptions.Exit

# ctx.meta key: "json" while a command run with --format json still owes its one JSON document.
_FORMAT = "confdocs.format"


def _remember_format(ctx: click.Context, param: click.Parameter, value: str) -> str:
    ctx.meta[_FORMAT] = value
    return value


def _json_report(text: str) -> None:
    """Print the one JSON document a command owes with --format json."""
    click.get_current_context().meta[_FORMAT] = "printed"
    click.echo(text)


def _owed_json(ctx: click.Context, message: str, code: int) -> None:
    """A command run with --format json that ends in an error before its report still prints
    one JSON document, saying what stopped it, so that a program reading it always can."""
    if ctx.meta.get(_FORMAT) == "json":
        from .report import json_text, one_line

        click.echo(json_text({"error": one_line(message), "exit_code": code}))


def _error(message: str, severity: str = "error") -> None:
    """One line on standard error, whatever the message holds (a file name with a line break)."""
    from .report import one_line

    click.echo(f"confdocs: {severity}: {one_line(message)}", err=True)


class _Group(click.Group):
    """The one place that turns an error into a one-line message and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except ConfdocsError as exc:
            _error(str(exc))
            from .report import one_line

            for line in exc.details:
                click.echo(one_line(line), err=True)
            _owed_json(ctx, str(exc), exc.exit_code)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("confdocs: interrupted", err=True)
            _owed_json(ctx, "interrupted", EXIT_INTERRUPTED)
            ctx.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:
            # The reader went away (`confdocs ... | head`): not an error. Point stdout at
            # /dev/null so that Python's own flush at exit does not complain.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(EXIT_OK)
        except OSError as exc:  # the machine's doing (a full disk, a bad path), not a bug
            where = f"{exc.filename}: " if isinstance(exc.filename, str) else ""
            message = (f"{where}cannot be read or written ({exc.strerror or exc}); check the "
                       "path, its permissions and the free space")
            _error(message)
            _owed_json(ctx, message, EXIT_USAGE)
            ctx.exit(EXIT_USAGE)
        except Exception as exc:  # a bug: say so plainly, with what to send
            import traceback

            click.echo(f"confdocs: internal error: {type(exc).__name__}: {exc}\n"
                       f"This is a bug in confdocs {__version__}. Please report it to {issues_address()} "
                       "with the command you ran and the details below.", err=True)
            click.echo("".join(traceback.format_exc(limit=-8)), err=True)
            _owed_json(ctx, f"internal error: {type(exc).__name__}: {exc}", EXIT_INTERNAL)
            ctx.exit(EXIT_INTERNAL)


@click.group(cls=_Group,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="confdocs")
def cli() -> None:
    """Confidentiality documents for coaching, training, mentoring and membership engagements.

    One JSON file per engagement describes its confidentiality terms; confdocs checks it and fills
    the Word templates that make the contract's confidentiality clauses, the feedback-anonymity
    annex, a disclosure notice letter for each disclosure, and the practitioner's internal record
    of each disclosure decision.

    \b
    Exit codes: 0 success; 1 problems found (invalid files, failed documents);
    2 usage error or unreadable input; 3 internal error (a bug); 130 interrupted.
    """


@cli.command(epilog="""\b
Examples:
  confdocs validate samples/
  confdocs validate --format github engagements/
  confdocs validate profiles/harbour-vale.json --extending-in cohort/
  cat engagement.json | confdocs validate -
""")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              callback=_remember_format,
              help="text for people, json for programs, github for Actions annotations.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings as well as errors.")
@click.option("--quiet", "-q", is_flag=True,
              help="Print findings only, without the summary line (text and github).")
@click.option("--extending-in", "extending_in", multiple=True, metavar="DIR",
              type=click.Path(exists=True, file_okay=False),
              help="Also check every file under DIR that extends a file given, directly or "
                   "through other profiles: a change to a profile is checked on the engagements "
                   "it changes (the pre-commit hook gives the repository, '.'). Repeatable.")
def validate(paths: tuple[str, ...], fmt: str, strict: bool, quiet: bool,
             extending_in: tuple[str, ...]) -> None:
    """Check engagement files against the schema and the rules in docs/rules.md
    (`confdocs docs rules`).

    PATH is a file, a directory (searched recursively for *.json) or - for standard input.
    Every problem in every file is reported in one run. The files confdocs keeps for itself
    (an import's .confdocs-import.json, a build's manifest.json) are passed over.
    """
    from .engagement.validate import validate_paths
    from .report import render

    report = validate_paths(paths, extending_in=extending_in)
    for problem in report.problems:
        _error(problem.message)
    text = render(report.findings, len(report.files), fmt)  # type: ignore[arg-type]
    if quiet and fmt != "json":
        text = text.rpartition("\n")[0]  # the summary is the last line; findings are one each
    if fmt == "json":
        _json_report(text)
    elif text:
        click.echo(text)
    if report.blocked and fmt == "text" and not quiet:
        from .report import plural

        shown = ", ".join(report.blocked[:3]) + (", ..." if len(report.blocked) > 3 else "")
        click.echo(f"{plural(len(report.blocked), 'engagement')} without errors of their own "
                   f"cannot be built until their profile's errors are fixed: {shown}")
    raise Exit(report.exit_code(strict=strict))


@cli.command(epilog="""\b
Examples:
  confdocs build samples/ --out out/
  confdocs build cohort/ --out contracts/ --only contract --pdf
  confdocs build cohort/ --out out/ --templates our-templates/
  confdocs build cohort/ --out out/ --fallback-language en-GB
""")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...", type=click.Path())
@click.option("--out", "-o", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder to write into: OUT/<id>/<id>-contract.docx ... and OUT/manifest.json.")
@click.option("--only", metavar="KINDS",
              help="Only these documents: contract, annex, notice, decision (comma-separated).")
@click.option("--templates", "templates_dir", type=click.Path(file_okay=False),
              help="Folder of your own templates, one subfolder per language (fr-FR/contract.docx; "
                   "templates directly in it are en-GB); each replaces the shipped one of the same "
                   "language and name.")
@click.option("--fallback-language", metavar="LOCALE",
              help="For an engagement whose language has no template set: write its documents "
                   "in this set's language instead (default: such an engagement fails).")
@click.option("--pdf", is_flag=True,
              help="Also make a tagged PDF of each document (needs LibreOffice).")
@click.option("--pdf-a", "pdf_a", is_flag=True,
              help="Make the PDFs PDF/A-2b, for archiving (fonts embedded; implies --pdf).")
@click.option("--soffice", metavar="PATH",
              help="LibreOffice's soffice program, if not on PATH nor where its installer puts "
                   "it (default: $CONFDOCS_SOFFICE, then those).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
              help="Worker processes (default: the number of cores).")
@click.option("--force", is_flag=True,
              help="Rebuild everything, even outputs the manifest shows are up to date.")
@click.option("--verify", is_flag=True,
              help="Read and hash every output the manifest records before calling it up to "
                   "date, instead of trusting its size and modification time (for CI).")
@click.option("--shard", metavar="K/N",
              help="Build only the K-th of N disjoint parts of the inputs (for N machines).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              callback=_remember_format, help="How to report invalid engagements.")
@click.option("--quiet", "-q", is_flag=True,
              help="No progress bar and no summary line: only findings and errors.")
def build(paths: tuple[str, ...], out_dir: str, only: str | None, templates_dir: str | None,
          fallback_language: str | None, pdf: bool, pdf_a: bool, soffice: str | None,
          jobs: int | None, force: bool, verify: bool, shard: str | None, fmt: str,
          quiet: bool) -> None:
    """Validate engagement files and build their documents.

    Each valid engagement gets its contract clauses, a feedback annex when feedback from others is
    collected, a disclosure notice per disclosure, and an internal record per disclosure decision
    (for the practitioner's file, never for the client), in its own language: the template set of
    its locale (fr-CA takes fr-CA, then fr, then any fr-* set; never another language unless
    --fallback-language says so). With --pdf, a warning names any font the
    templates use that is missing here (install Carlito and Caladea for Calibri and Cambria).
    Invalid engagements are reported as `validate` reports them and skipped; the others are still
    built (exit 1 if any failed).
    """
    import time

    from .build import build as run_build
    from .build import parse_shard
    from .render.documents import parse_only
    from .report import plural, render

    kinds = parse_only(only)
    part = parse_shard(shard) if shard else None
    started = time.perf_counter()
    bar = _Progress(enabled=not quiet)
    try:
        report = run_build(paths, out_dir, only=kinds, templates=templates_dir,
                           fallback_language=fallback_language, pdf=pdf or pdf_a,
                           pdf_a=pdf_a, soffice=soffice, jobs=jobs, force=force,
                           verify=verify, shard=part,
                           on_start=bar.start, on_progress=bar.step)
    finally:
        bar.finish()
    for notice in report.notices:
        _error(notice, "warning")
    for problem in report.problems:
        _error(problem.message)
    from .lint.gate import finding_lines

    for line in finding_lines(report.template_findings):
        click.echo(line, err=True)
    for refused in report.refused:
        _error(f"{refused.template}: not used, {plural(refused.documents, 'document')} not made: "
               f"{refused.reason}")
    if fmt == "json":  # always one JSON document on standard output, findings or none
        _json_report(render(report.findings, report.files, "json"))
    elif report.findings:  # the findings without validate's summary line (one line each)
        text = render(report.findings, report.files, fmt)  # type: ignore[arg-type]
        click.echo(text.rsplit("\n", 1)[0], err=fmt == "text")
    for failure in report.failures:
        _error(f"{failure.input or failure.document}: {failure.message}")
    seconds = time.perf_counter() - started
    engagements = report.files - len(report.skipped) - report.unchanged
    if not quiet:
        _summary(report, engagements, out_dir, seconds, fmt, templates_dir)
    raise Exit(report.exit_code())


def _summary(report: Any, engagements: int, out_dir: str, seconds: float, fmt: str,
             templates_dir: str | None) -> None:
    from .report import plural

    click.echo(f"Built {plural(report.written, 'document')} from "
               f"{plural(engagements, 'engagement')} into {out_dir} in {seconds:.1f} s"
               + (f"; {report.unchanged} up to date" if report.unchanged else "")
               + (f"; {len(report.skipped)} invalid (skipped)" if report.skipped else "")
               + (f"; {plural(len(report.failures), 'document')} failed" if report.failures
                  else ""), err=fmt == "json")
    click.echo(_templates_used(report.templates, templates_dir), err=fmt == "json")


def _templates_used(templates: dict[str, tuple[str, bool]], folder: str | None) -> str:
    """Which templates a build used, by language: the organisation's own, or the shipped ones."""
    from pathlib import Path

    def listed(mine: bool) -> str:
        by_set: dict[str, list[str]] = {}
        for path, (locale, own) in templates.items():
            if own == mine:
                by_set.setdefault(locale, []).append(Path(path).name)
        return "; ".join(f"{locale}: {', '.join(names)}" for locale, names in sorted(by_set.items()))

    said = []
    if listed(True):
        said.append(f"yours from {folder} ({listed(True)})")
    if listed(False):
        said.append(f"shipped ({listed(False)})")
    return f"Templates {'; '.join(said)}" if said else "No template used"


@cli.command(epilog="""\b
Examples:
  confdocs render --template my-contract.docx samples/exec-coaching-harbour-vale.json -o try.docx
  confdocs render -t templates/en-GB/disclosure-notice.docx case.json -o letter.docx --disclosure D2
  confdocs render -t templates/fr-FR/decision-record.docx case.json -o record.docx --decision DEC-1
""")
@click.option("--template", "-t", required=True, type=click.Path(dir_okay=False),
              help="The .docx template to try.")
@click.argument("engagement", type=click.Path(dir_okay=False))
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False),
              help="Where to write the document.")
@click.option("--disclosure", metavar="ID",
              help="For a notice template: the disclosure to write about (default: the first).")
@click.option("--decision", metavar="ID",
              help="For a decision record template: the decision to record (default: the first).")
def render_command(template: str, engagement: str, output: str, disclosure: str | None,
                   decision: str | None) -> None:
    """Render one document from one template and one engagement, to try a template."""
    from .build import render_document
    from .lint.gate import finding_lines

    rendered = render_document(template, engagement, output, disclosure=disclosure,
                               decision=decision)
    for line in finding_lines(rendered.warnings):
        click.echo(line, err=True)
    click.echo(f"Wrote {rendered.path}")


render_command.name = "render"


@cli.command("import", epilog="""\b
Examples:
  confdocs import cohort.xlsx --profile profiles/harbour-vale-2026.json --out cohort/
  confdocs import cohort.csv --profile profiles/harbour-vale-2026.json --out cohort/ --dry-run
  confdocs import --example --profile profiles/harbour-vale-2026.json -o roster.xlsx
""")
@click.argument("roster", required=False, metavar="[ROSTER]")
@click.option("--profile", "-p", required=True, type=click.Path(dir_okay=False),
              help="The profile every written engagement extends.")
@click.option("--out", "-o", "out", required=True, type=click.Path(),
              help="Folder to write OUT/<id>.json into (with --example: the roster file).")
@click.option("--sheet", metavar="NAME", help="The sheet of a workbook to read (default: the first).")
@click.option("--date-order", type=click.Choice(["dmy", "mdy", "ymd"]),
              help="How dates written as text are read (02/03/2026: dmy is 2 March, mdy is "
                   "3 February); default: the order of the profile's locale (en-GB and fr-FR "
                   "dmy, en-US mdy), else the roster's own dates.")
@click.option("--dry-run", is_flag=True, help="Check everything and report; write nothing.")
@click.option("--force", is_flag=True,
              help="Replace files changed by hand since an import wrote them (with --example: "
                   "an existing roster file).")
@click.option("--example", is_flag=True,
              help="Write an empty roster (.xlsx or .csv) whose header holds the columns the "
                   "profile leaves open.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              callback=_remember_format,
              help="text for people, json for programs (the summary then goes to standard "
                   "error), github for Actions annotations.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings as well as errors.")
def import_command(roster: str | None, profile: str, out: str, sheet: str | None,
                   date_order: str | None, dry_run: bool, force: bool, example: bool, fmt: str,
                   strict: bool) -> None:
    """Write one short engagement file per row of a roster (.xlsx, CSV or Excel's Unicode Text),
    extending a profile.

    Row 1 names the fields as docs/fields.md writes them (id, parties.client.name,
    dates.start...). Every merged engagement is validated; each finding names the roster, the row
    and the column. A roster with any error writes nothing. See docs/cohorts.md
    (`confdocs docs cohorts`).
    """
    from .errors import InputError

    if example:
        from .engagement.importer import write_example

        columns = write_example(profile, out, replace=force)
        click.echo(f"Wrote {out}: an empty roster with the columns {profile} leaves open: "
                   + ", ".join(c.path for c in columns))
        return
    if roster is None:
        raise InputError("give the roster to import (a .csv or .xlsx file), or --example to "
                         "write an empty one")
    from .engagement.importer import import_roster
    from .report import format_finding, github_annotation, import_json, import_summary

    report = import_roster(roster, profile, out, dry_run=dry_run, force=force, sheet=sheet,
                           date_order=date_order)
    summary = import_summary(report, out)
    if fmt == "json":
        _json_report(import_json(report))
        click.echo(summary, err=True)
    else:
        for finding in report.findings:
            click.echo(github_annotation(finding) if fmt == "github" else format_finding(finding))
        click.echo(summary)
    raise Exit(report.exit_code(strict))


import_command.name = "import"


@cli.command(epilog="""\b
Examples:
  confdocs new --kind coaching engagements/jw.json
  confdocs new --kind training --setting group --locale fr-FR formation.json
  confdocs new --kind membership --force member.json
""")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--kind", required=True, type=click.Choice(KINDS),
              help="What the engagement is.")
@click.option("--setting", type=click.Choice(SETTINGS),
              help="one_to_one, or group (whose contract gets ground rules); default: group for "
                   "training, one_to_one otherwise.")
@click.option("--locale", default="en-GB", show_default=True, type=click.Choice(LOCALES),
              help="The language and region the documents are written for; the placeholders "
                   "are in its language.")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
def new(file: str, kind: str, setting: str | None, locale: str, force: bool) -> None:
    """Write a first engagement file to fill in, rather than copying a sample.

    FILE gets "$schema" (so that editors complete and check it), every field the schema
    requires, the schema's example for each choice (yes/no, numbers, values from a list), and a
    placeholder such as "<the client's full name>" for each fact only you can give.
    `confdocs validate FILE` lists every placeholder still there (placeholder-unfilled) at its
    line and column; once they are all filled in, `confdocs build FILE --out OUT` makes the
    documents.
    """
    from .engagement.starter import write_starter
    from .report import plural

    made = write_starter(file, kind, setting=setting, locale=locale, replace=force)
    click.echo(f"Wrote {made.path}: fill in its {plural(made.placeholders, 'placeholder')} "
               f"(<...>), then run: confdocs validate {made.path}")


@cli.command(epilog="""\b
Examples:
  confdocs upgrade samples/
  confdocs upgrade --dry-run cohort/ engagements/jw.json
  confdocs upgrade --format github engagements/
""")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...", type=click.Path())
@click.option("--dry-run", is_flag=True, help="Show each file's diff; write nothing.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              callback=_remember_format,
              help="text for people, json for programs, github for Actions annotations.")
def upgrade(paths: tuple[str, ...], dry_run: bool, fmt: str) -> None:
    """Rewrite engagement files written for an older schema version for this one, in place.

    PATH is a file or a directory (searched as validate searches it). Each file keeps its key
    order, layout and every untouched byte; what its other data gives is filled in, and what only
    you can decide is listed at its line and column (exit 1 until then). The profiles a file
    extends are upgraded with it. docs/upgrading.md (`confdocs docs upgrading`) says what each
    version changed.
    """
    from .engagement.upgrade import upgrade_paths
    from .report import upgrade_json, upgrade_text

    report = upgrade_paths(paths, dry_run=dry_run)
    for problem in report.problems:
        _error(problem.message)
    if fmt == "json":
        _json_report(upgrade_json(report))
    else:
        click.echo(upgrade_text(report, fmt))  # type: ignore[arg-type]
    raise Exit(report.exit_code())


@cli.command("merge-manifests", epilog="""\b
Example, after four machines each ran `confdocs build ... --shard K/4 --out part-K`:
  confdocs merge-manifests part-*/manifest.json -o manifest.json
""")
@click.argument("manifests", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False),
              help="Where to write the merged manifest.")
def merge_manifests_command(manifests: tuple[str, ...], output: str) -> None:
    """Merge the manifests of sharded builds into one."""
    from .build import merge_manifests

    count = merge_manifests(manifests, output)
    click.echo(f"Merged {len(manifests)} manifests ({count} outputs) into {output}")


@cli.command(epilog="""\b
Examples:
  confdocs schema > engagement.schema.json
  confdocs schema --guide > docs/fields.md
  confdocs schema --write schemas/
""")
@click.option("--guide", is_flag=True,
              help="Write the field guide (Markdown) instead: every field a template may use.")
@click.option("--profile", is_flag=True,
              help="The schema of a profile, or of a short engagement file that extends one (no "
                   "field is required); shipped as schemas/profile.schema.json.")
@click.option("--write", "write_dir", metavar="DIR", type=click.Path(file_okay=False),
              help="Write both schemas into DIR (engagement.schema.json, profile.schema.json; "
                   "made if missing, older copies replaced), for your files' \"$schema\" to "
                   "point at: a profile pointing there has `import` point every file it writes "
                   "there too. See docs/editors.md.")
def schema(guide: bool, profile: bool, write_dir: str | None) -> None:
    """Print the engagement JSON Schema.

    Editors autocomplete engagement files from it: start a file with
    "$schema": "path/to/engagement.schema.json", or map it in VS Code's json.schemas setting.
    Profiles and engagement files that extend one use schemas/profile.schema.json.
    """
    if write_dir is not None:
        from pathlib import Path

        from .engagement.schema_copy import write_schemas

        for path in write_schemas(Path(write_dir)):
            click.echo(f"Wrote {path}")
    elif profile:
        import json

        from .engagement.profiles import partial_schema

        click.echo(json.dumps(partial_schema(), indent=2, ensure_ascii=False))
    elif guide:
        from .guide import field_guide

        click.echo(field_guide(), nl=False)
    else:
        from .resources import schema_path

        click.echo(schema_path().read_text(encoding="utf-8"), nl=False)


DOCS = ("rules", "fields", "cohorts", "editing-templates", "languages", "output", "performance",
        "api", "upgrading", "version-2", "editors")


@cli.command("docs", epilog="""\b
Examples:
  confdocs docs rules
  confdocs docs editing-templates > editing-templates.md
""")
@click.argument("name", type=click.Choice(DOCS), default="rules")
def docs_command(name: str) -> None:
    """Print one of the guides --help refers to (docs/NAME.md), as installed with confdocs."""
    from .errors import InputError
    from .resources import docs_dir

    try:
        text = (docs_dir() / f"{name}.md").read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"docs/{name}.md is not installed ({exc.strerror or exc})") from None
    click.echo(text, nl=False)


@cli.group()
def templates() -> None:
    """Check and explore Word templates (for the people who edit them)."""


@templates.command("check", epilog="""\b
Examples:
  confdocs templates check
  confdocs templates check our-templates/contract.docx
  confdocs templates check --templates our-templates/ --format github
""")
@click.argument("paths", nargs=-1, metavar="[TEMPLATE...]", type=click.Path(dir_okay=False))
@click.option("--templates", "templates_dir", type=click.Path(file_okay=False),
              help="Check the templates in this folder, as build would take them (default: the "
                   "shipped templates).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              callback=_remember_format,
              help="text for people, json for programs, github for Actions annotations.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings as well as errors.")
def templates_check(paths: tuple[str, ...], templates_dir: str | None, fmt: str,
                    strict: bool) -> None:
    """Find every problem in Word templates before a document reaches a client.

    Each problem names the template, the place (body paragraph, table row and cell, header,
    footer, footnote) with the start of its text, a code, and what to do. The codes are explained
    in docs/editing-templates.md (`confdocs docs editing-templates`).
    """
    from .lint.targets import check_targets, templates_to_check, why_not_checked
    from .report import render_template_findings

    targets = templates_to_check(paths, templates_dir)
    for target in targets.missing:
        _error(why_not_checked(target))
    for problem in targets.misnamed:
        _error(problem)
    report = check_targets(targets, by_path=fmt == "github")
    text = render_template_findings(report.findings, report.checked, fmt,  # type: ignore[arg-type]
                                    failed=report.failed)
    if fmt == "json":
        _json_report(text)
    else:
        click.echo(text)
    raise Exit(report.exit_code(strict))


@templates.command("fields", epilog="""\b
Example:
  confdocs templates fields templates/en-GB/contract.docx
""")
@click.argument("template", type=click.Path(dir_okay=False, exists=True))
def templates_fields(template: str) -> None:
    """List the fields a template uses, with their descriptions from the schema."""
    from pathlib import Path

    from .lint import template_fields

    for field in template_fields(Path(template)):
        description = (field.schema or {}).get("description", "")
        click.echo(f"{field.path}\t{description}")


class _Progress:
    """A progress bar on a terminal; nothing when standard error is not one."""

    def __init__(self, *, enabled: bool = True) -> None:
        self._bar: Any = None
        self._enabled = enabled

    def start(self, total: int) -> None:
        if self._enabled and sys.stderr.isatty() and total > 1:
            self._bar = click.progressbar(length=total, label="Building", file=sys.stderr,
                                          show_pos=True)
            self._bar.__enter__()

    def step(self, count: int) -> None:
        if self._bar is not None:
            self._bar.update(count)

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


def _tolerant_streams() -> None:
    """A console that cannot show a character (cp1252 on Windows, and "ł" or an emoji) gets an
    escape for it rather than a crash halfway through the report."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


_MAIN_PID = os.getpid()


def on_sigterm(signum: int, frame: Any) -> None:
    """What SIGTERM does while :func:`main` runs: stop as Ctrl-C does. A worker process that
    inherited this handler ends instead."""
    if os.getpid() != _MAIN_PID:
        # A worker forked before it could set its own handler: end as a worker does (see
        # worker.configure); the parent records what was finished.
        raise SystemExit(128 + signum)
    raise KeyboardInterrupt


def _asks_for_json(args: Sequence[str]) -> bool:
    """Whether a command line asks for --format json (read before Click could parse it)."""
    return any(arg == "--format=json" or (arg == "--format" and following == "json")
               for arg, following in zip(args, [*args[1:], ""], strict=True))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code (testable without a subprocess)."""
    import signal
    import threading

    _tolerant_streams()
    # SIGTERM (a CI job cancelled) stops a run as Ctrl-C does: what was finished is recorded,
    # the manifest written, and the exit code is 130, with no traceback.
    global _MAIN_PID
    previous = None
    if threading.current_thread() is threading.main_thread():
        _MAIN_PID = os.getpid()
        previous = signal.signal(signal.SIGTERM, on_sigterm)
    args = list(argv) if argv is not None else sys.argv[1:]
    try:
        # None, not sys.argv: Click then expands wildcards on Windows, as a shell would.
        code = cli.main(args=list(argv) if argv is not None else None, prog_name="confdocs",
                        standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        if _asks_for_json(args):
            # A usage error is found before --format is read; a program that asked for JSON
            # still gets its one document (the failure object of schemas/report.schema.json).
            from .report import json_text, one_line

            click.echo(json_text({"error": one_line(exc.format_message()),
                                  "exit_code": exc.exit_code}))
        return exc.exit_code
    except click.Abort:
        click.echo("confdocs: interrupted", err=True)
        return EXIT_INTERRUPTED
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return code if isinstance(code, int) else EXIT_OK


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


__all__ = ["cli", "main", "on_sigterm", "run"]
