"""A batch build: plan, run, write, record.

1. Plan (in this process): read every input, skip those the manifest shows are built and
   unchanged, note engagement ids so that an id used twice is caught before anything is written,
   and run the rules across files (``engagement.cohort``) before anything is written too.
2. Run: validate and render the rest, over ``jobs`` worker processes, streaming: no document is
   held longer than it takes to write it.
3. The workers write each document atomically; this process records it in the manifest's
   journal, and writes the manifest at the end (even after Ctrl-C). A build interrupted however it
   is leaves no half-written file, and the next run completes it.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic import LinkRefused
from ..engagement.cohort import Facts, cross_findings, facts_of, place
from ..engagement.profiles import is_profile_path, plan_data
from ..engagement.validate import (
    STDIN,
    STDIN_NAME,
    IdRegistry,
    InputProblem,
    Outcome,
    discover,
    once,
    read_input,
    with_duplicate_id,
)
from ..errors import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    Finding,
    InputError,
    OutputError,
)
from ..lint.finding import TemplateFinding
from ..lock import held_descriptors, locked
from ..render.documents import DOCUMENT_KINDS, DocumentKind, plan_documents
from ..render.limits import time_limit_gap
from ..render.sets import DEFAULT_LOCALE, load_sets
from .manifest import Manifest, Output, pdf_of, recorded_path
from .plan import NO_TEMPLATES, EngagementTemplates, RefusedTemplate, TemplatePlan
from .worker import Result, configure, work

if TYPE_CHECKING:
    from .pdf import PdfSettings


@dataclass(frozen=True)
class Failure:
    """A document that could not be made, and why (the message names the template and place)."""

    input: str
    document: str
    message: str


@dataclass
class BuildReport:
    """What a build did: the engagements read and skipped, the documents written and failed, and
    the templates used and refused; ``exit_code()`` is what `confdocs build` exits with."""

    files: int = 0
    unchanged: int = 0
    findings: list[Finding] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    written: int = 0  # documents (and PDFs) written by this run
    # What --pdf converts; kept only then, so that memory does not grow with the batch.
    to_convert: list[Output] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # invalid engagements
    # Things the user should know that change nothing about the outcome (entries of a damaged or
    # forged manifest that were ignored).
    notices: list[str] = field(default_factory=list)
    keep_for_pdf: bool = False
    # PDFs made from an earlier .docx than the one now beside them: removed (or, changed since
    # they were made, left alone), and one of each to name in the notice.
    stale_pdfs: dict[str, list[str]] = field(default_factory=dict)
    # Each template used (or refused), by path: its set's locale, and whether it is the
    # organisation's own.
    templates: dict[str, tuple[str, bool]] = field(default_factory=dict)
    # What `templates check` finds in the templates used, warnings included, and the templates
    # refused for their errors.
    template_findings: list[TemplateFinding] = field(default_factory=list)
    refused: list[RefusedTemplate] = field(default_factory=list)

    def exit_code(self) -> int:
        if self.problems or any(r.unreadable for r in self.refused):
            return EXIT_USAGE
        return EXIT_FINDINGS if self.failures or self.skipped or self.refused else EXIT_OK


def parse_shard(text: str) -> tuple[int, int]:
    """'2/4' -> (2, 4): the second of four shards."""
    try:
        k, n = (int(part) for part in text.split("/"))
    except ValueError:
        raise InputError(f"--shard {text!r}: write it K/N, such as 2/4") from None
    if not 1 <= k <= n:
        raise InputError(f"--shard {text!r}: K must be between 1 and N")
    return k, n


def in_shard(name: str, shard: tuple[int, int] | None) -> bool:
    """A deterministic split by a hash of the input's path: the same on every machine, and stable
    when files are added (a file never moves to another shard because another file appeared)."""
    if shard is None:
        return True
    k, n = shard
    digest = hashlib.sha256(Path(name).as_posix().encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % n == k - 1


@dataclass(frozen=True)
class _Task:
    name: str
    raw: bytes  # read once, here: the worker validates and hashes exactly these bytes
    write: bool  # False for a file repeating an earlier file's engagement id: validate only
    templates: EngagementTemplates = NO_TEMPLATES  # what its locale is made with
    current: frozenset[str] = frozenset()  # its documents not to make again (file names)


def build(paths: Iterable[str | os.PathLike[str]], out_dir: str | os.PathLike[str], *,
          only: Sequence[DocumentKind] = DOCUMENT_KINDS,
          templates: str | os.PathLike[str] | None = None,
          fallback_language: str | None = None,
          pdf: bool = False, jobs: int | None = None, force: bool = False,
          verify: bool = False, shard: tuple[int, int] | None = None,
          on_start: Callable[[int], None] | None = None,
          on_progress: Callable[[int], None] | None = None,
          pdf_a: bool = False, soffice: str | None = None) -> BuildReport:
    """Build the documents of every engagement file in ``paths`` into ``out_dir``.

    Invalid engagements are reported (as ``validate`` reports them) and skipped; the rest are built.
    Outputs the manifest shows are current are skipped unless ``force``: current when their file
    has the size and modification time the manifest recorded, or, when not, or under ``verify``
    (which reads and hashes every file), the recorded hash. ``on_start`` gets the
    number of inputs, ``on_progress`` how many more are done, as they are.

    Each engagement gets the templates of its locale's set (``templates`` is the organisation's
    folder of sets, over the shipped ones); an engagement whose language has no set fails, unless
    ``fallback_language`` names the set to write it in instead.

    With ``pdf``, each document also gets a tagged PDF, PDF/A-2b with ``pdf_a``, made by the
    LibreOffice program ``soffice`` (by default the one ``find_soffice`` finds).
    """
    from .pdf import PdfSettings, find_soffice

    # LibreOffice is looked for before any work, not after it.
    converter = PdfSettings(find_soffice(soffice), archival=pdf_a) if pdf or pdf_a else None
    out = Path(out_dir)
    custom = Path(templates) if templates is not None else None
    report = BuildReport(keep_for_pdf=converter is not None)
    if custom is not None and (gap := time_limit_gap()):
        report.notices.append(f"--templates: {gap}")
    plan = TemplatePlan(load_sets(custom, fallback=fallback_language), tuple(only))
    with locked(out):
        try:
            return _build(paths, out, plan, report, converter, jobs, force, verify, shard,
                          on_start,
                          on_progress)
        except LinkRefused as exc:
            raise OutputError(f"{exc.filename}: {exc.strerror}; a link planted in the output "
                              "folder could make a build write elsewhere") from None
        except OSError as exc:
            # Reading inputs and templates reports its own problems: what is left is writing.
            # The journal keeps what was finished; the next run completes the rest.
            where = exc.filename if isinstance(exc.filename, str) else str(out)
            raise OutputError(f"{where}: cannot be written ({exc.strerror or exc}); free some "
                              "space, check the folder's permissions, or choose another --out"
                              ) from None


def _build(paths: Iterable[str | os.PathLike[str]], out: Path, plan: TemplatePlan,
           report: BuildReport, pdf: PdfSettings | None, jobs: int | None, force: bool,
           verify: bool,
           shard: tuple[int, int] | None, on_start: Callable[[int], None] | None,
           on_progress: Callable[[int], None] | None) -> BuildReport:
    manifest = Manifest.load(out)
    manifest.verify = verify
    report.notices.extend(manifest.notices)
    inputs: list[str] = []
    paths = [os.fspath(path) for path in paths]
    inside_out = _inside(out)
    # Searching a folder passes over the output folders in it (they hold the lock); said once,
    # so that no one wonders why the documents there are not read as engagements.
    if any(_inside(Path(path))(str(out)) for path in paths
           if path != STDIN and os.path.isdir(path)):
        report.notices.append(f"{out}: the output folder is inside an input folder; what "
                              "confdocs wrote there is not read as engagements")
    for item in discover(paths):
        if isinstance(item, InputProblem):
            report.problems.append(item)
        elif inside_out(item):
            continue  # named in the output folder itself: never read as an engagement
        elif is_profile_path(item):
            continue  # a profile is built through the engagements that extend it
        elif in_shard(item, shard):
            inputs.append(item)
    if on_start is not None:
        on_start(len(inputs))
    duplicates: dict[str, str] = {}
    reported: set[Finding] = set()  # a problem in a profile is reported once
    # Planning streams into the workers: reading and hashing inputs overlaps with rendering.
    refused_documents: dict[str, int] = {}
    across: dict[str, tuple[Finding, ...]] = {}  # findings of the rules across files
    tasks = _plan(inputs, plan, manifest, force, report, duplicates, across, refused_documents)
    first = next(tasks, None)
    counted = 0
    try:
        if first is not None:
            settings = (str(out), manifest.interrupted)
            # No more workers than inputs: one engagement is built here, without a pool to start.
            workers = min(jobs or os.cpu_count() or 1, len(inputs))
            for result in _run(itertools.chain([first], tasks), settings, workers):
                outcome = result.outcome
                if isinstance(outcome, InputProblem):
                    report.problems.append(outcome)
                else:
                    report.files += 1
                    if outcome.path in duplicates:
                        outcome = _with_duplicate(outcome, duplicates[outcome.path])
                        result = Result(outcome, result.input_sha256)
                    if outcome.path in across:
                        outcome = _with_across(outcome, across[outcome.path])
                        result = replace(result, outcome=outcome)
                    invalid = any(f.is_error for f in outcome.findings)
                    report.findings.extend(once(outcome, reported).findings)
                    if invalid:
                        report.skipped.append(outcome.path)
                    else:
                        _record(result, report, manifest, plan.sets.own_folder)
                if on_progress is not None:
                    done = report.files + len(report.problems) - counted
                    on_progress(done)
                    counted += done
        if on_progress is not None and report.files - counted > 0:
            on_progress(report.files - counted)
    except BaseException:
        manifest.write(interrupted=True)  # what was finished is recorded; the rest comes next
        raise
    finally:
        _template_outcome(plan, refused_documents, report)
        report.notices.extend(_stale_pdf_notices(report))
    if shard is not None:
        manifest.ensure_written()
    else:
        manifest.write()
    if pdf:
        from .pdf import missing_fonts

        report.notices.extend(f"--pdf: {gap}" for gap in missing_fonts(plan.used_paths()))
        _add_pdfs(out, report, manifest, pdf)
    manifest.finish()
    return report


def _inside(out: Path) -> Callable[[str], bool]:
    """Whether a path lies in the folder ``out`` (an input in the output folder would have every
    later run read manifest.json as an engagement)."""
    roots = {os.path.abspath(out), os.path.realpath(out)}
    prefixes = tuple(root.rstrip(os.sep) + os.sep for root in roots)

    def inside(name: str) -> bool:
        return name != STDIN and os.path.abspath(name).startswith(prefixes)

    return inside


def _template_outcome(plan: TemplatePlan, refused_documents: Mapping[str, int],
                      report: BuildReport) -> None:
    """What the report says about templates: the ones used, their warnings, and those refused
    with the number of documents each one kept from being made."""
    report.templates = dict(plan.used)
    report.template_findings = list(plan.findings)
    report.refused = [replace(refused, documents=refused_documents.get(path, 0))
                      for path, refused in plan.refusals.items()]


@dataclass(frozen=True, slots=True)
class _Planned:
    """An input as the plan's first pass leaves it: what to do with it, without its bytes."""

    item: str
    shown: str
    templates: EngagementTemplates
    unchanged: bool
    raw: bytes | None  # kept for standard input only, which cannot be read twice
    # Its documents that are current while others are not (file names); empty when all or none.
    current: frozenset[str] = frozenset()


def _plan(inputs: list[str], plan: TemplatePlan, manifest: Manifest, force: bool,
          report: BuildReport, duplicates: dict[str, str], across: dict[str, tuple[Finding, ...]],
          refused_documents: dict[str, int]) -> Iterator[_Task]:
    """The inputs that need building, in order, each with the templates of its locale.

    A first pass reads every input (merged with its profiles) to decide whether it is up to
    date, notes in ``duplicates`` each input that repeats an earlier input's engagement id, and
    gathers what the rules across files need (a reporting line one practitioner is on both sides
    of can be found only once every file is read); ``across`` gets their findings, by input.
    The second pass reads the inputs again as it hands them to the workers. An input with an
    error across files is validated but not written, and is never called up to date."""
    ids = IdRegistry()
    planned: list[_Planned] = []
    facts: list[Facts] = []
    for item in inputs:
        raw = read_input(item)
        if isinstance(raw, InputProblem):
            report.problems.append(raw)
            continue
        shown = STDIN_NAME if item == STDIN else item
        profiles: dict[str, str] | None = None
        try:
            data = json.loads(raw)
            if isinstance(data, dict) and "extends" in data:
                # Merged with its profiles, read as the workers check them.
                data, profiles = plan_data(shown, data, coverage=None)
            ident = data.get("id") if isinstance(data, dict) else None
        except (ValueError, RecursionError):
            data, ident = None, None  # the worker reports exactly what is wrong
        locale = data.get("locale", DEFAULT_LOCALE) if isinstance(data, dict) else None
        templates = (plan.for_locale(locale) if isinstance(locale, str)
                     else NO_TEMPLATES)
        if templates.refused and data is not None:
            _count_refused(data, templates, refused_documents)
        first = ids.earlier_user(ident, shown) if isinstance(ident, str) else None
        if first is not None:
            duplicates[shown] = first
        elif isinstance(data, dict) and (found := facts_of(shown, data)) is not None:
            facts.append(found)
        current: frozenset[str] = frozenset()
        unchanged = False
        if not force and data is not None and shown not in duplicates:
            unchanged, paths = _current(shown, raw, data, templates, manifest, profiles)
            _decide_pdfs(paths, manifest, report)
            if not unchanged:
                current = frozenset(path.partition("/")[2] for path in paths)
        planned.append(_Planned(item, shown, templates, unchanged,
                                raw if item == STDIN else None, current))
    kept = {entry.shown: entry.raw for entry in planned if entry.raw is not None}
    for path, items in cross_findings(facts).items():
        raw = kept.get(path) or read_input(path)
        if isinstance(raw, bytes):
            across[path] = tuple(place(path, raw, items))
    for entry in planned:
        blocked = any(f.is_error for f in across.get(entry.shown, ()))
        if entry.unchanged and not blocked:
            report.unchanged += 1
            report.files += 1
            continue
        raw = entry.raw if entry.raw is not None else read_input(entry.item)
        if isinstance(raw, InputProblem):
            report.problems.append(raw)
            continue
        yield _Task(entry.item, raw, entry.shown not in duplicates and not blocked,
                    entry.templates, entry.current)


def _count_refused(data: Any, templates: EngagementTemplates,
                   refused_documents: dict[str, int]) -> None:
    """Count the documents this engagement would have had from refused templates."""
    paths = dict(templates.refused)
    try:
        planned = plan_documents(data, tuple(paths))
    except (KeyError, TypeError, AttributeError):
        return  # an invalid engagement: it is reported as such
    for document in planned:
        path = paths[document.kind]
        refused_documents[path] = refused_documents.get(path, 0) + 1


def _current(name: str, raw: bytes, data: Any, templates: EngagementTemplates,
             manifest: Manifest, profiles: dict[str, str] | None = None,
             ) -> tuple[bool, set[str]]:
    """Whether every document of this input is current, and which are (their paths): each is
    decided on its own, so that a changed annex template remakes annexes only."""
    if name not in manifest.by_input or templates.uncovered:
        return False, set()
    try:
        planned = [f"{data['id']}/{doc.filename}" for doc in plan_documents(data, templates.kinds)]
    except (KeyError, TypeError, AttributeError):
        return False, set()
    sha = hashlib.sha256(raw).hexdigest()
    current = manifest.current(name, sha, planned, templates.shas(), profiles,
                               templates.catalogue_shas())
    return len(current) == len(planned), current


def _decide_pdfs(documents: Iterable[str], manifest: Manifest, report: BuildReport) -> None:
    """For .docx files that are current: a PDF made from another .docx is removed, and, under
    --pdf, a PDF missing or not made from the .docx is made again."""
    for document in documents:
        recorded = manifest.entries[document]
        _stale_pdf(manifest.drop_stale_pdf(document, recorded.sha256), document, report)
        if report.keep_for_pdf and not manifest.pdf_current(document):
            report.to_convert.append(recorded)


def _stale_pdf(outcome: str | None, document: str, report: BuildReport) -> None:
    if outcome is not None:
        report.stale_pdfs.setdefault(outcome, []).append(pdf_of(document))


def _stale_pdf_notices(report: BuildReport) -> list[str]:
    """What the report says of the stale PDFs a build found: one line for those removed and one
    for those left alone, each naming the first."""
    notices = []
    removed = report.stale_pdfs.get("removed", [])
    if removed and not report.keep_for_pdf:
        notices.append(f"{_pdfs(removed)} removed: made from an earlier version of the .docx "
                       "beside it, which this build rewrote; build with --pdf to make "
                       f"{'it' if len(removed) == 1 else 'them'} again")
    kept = report.stale_pdfs.get("kept", [])
    if kept:
        notices.append(f"{_pdfs(kept)} left as {'it is' if len(kept) == 1 else 'they are'}, "
                       "though made from an earlier version of the .docx beside it: changed "
                       "since confdocs made it (signed?); "
                       + ("it is made again now" if report.keep_for_pdf else
                          "move it away or build with --pdf to replace it"))
    return notices


def _pdfs(paths: list[str]) -> str:
    return paths[0] if len(paths) == 1 else f"{len(paths)} PDFs ({paths[0]} and others)"


def _run(tasks: Iterator[_Task], settings: tuple[Any, ...], workers: int) -> Iterator[Result]:
    if workers <= 1:
        configure(*settings)
        for task in tasks:
            yield _work(task)
        return
    import gc

    from ..pool import ordered_map

    # What exists now (modules, compiled templates) lives as long as the workers do: the garbage
    # collector need not scan it again, and forked workers then share its pages untouched.
    gc.freeze()
    try:
        # In input order (so reports and manifests are deterministic), handed over as they come:
        # memory does not grow with the number of engagements.
        yield from ordered_map(_work, tasks, workers, initializer=configure,
                               initargs=(*settings, True), inherited=held_descriptors(),
                               advice="the documents finished are recorded; run the same command "
                                      "again to build the rest (with fewer --jobs if the machine "
                                      "is short of memory)")
    finally:
        gc.unfreeze()


def _work(task: _Task) -> Result:
    name = STDIN_NAME if task.name == STDIN else task.name
    return work(name, task.raw, write=task.write, templates=task.templates,
                current=task.current)


def _with_across(outcome: Outcome, found: tuple[Finding, ...]) -> Outcome:
    """``outcome`` with the findings of the rules across files (an error among them means its
    task wrote nothing, as for an engagement with an error of its own)."""
    findings = tuple(sorted((*outcome.findings, *found),
                            key=lambda f: (f.file != outcome.path, f.file, f.line, f.column,
                                           f.code)))
    blocked = any(f.is_error for f in found)
    return replace(outcome, findings=findings,
                   engagement=None if blocked else outcome.engagement)


def _with_duplicate(outcome: Outcome, first: str) -> Outcome:
    raw = read_input(outcome.path)
    return with_duplicate_id(outcome, first, raw if isinstance(raw, bytes) else b"")


def _record(result: Result, report: BuildReport, manifest: Manifest,
            own_folder: Path | None) -> None:
    outcome = result.outcome
    assert isinstance(outcome, Outcome) and outcome.engagement_id is not None
    ident = outcome.engagement_id
    for failed in result.failures:
        report.failures.append(Failure(outcome.path, failed.filename, failed.message))
    made = []
    for document in result.documents:
        output = Output(
            path=f"{ident}/{document.filename}", sha256=document.sha256,
            input=outcome.path, input_sha256=result.input_sha256,
            template=recorded_path(document.template, own_folder),
            template_sha256=document.template_sha256,
            engagement=ident, document=document.kind,
            profiles=dict(outcome.profiles) or None,
            catalogue=(recorded_path(document.catalogue, own_folder)
                       if document.catalogue else None),
            catalogue_sha256=document.catalogue_sha256,
            size=document.size, mtime_ns=document.mtime_ns,
        )
        report.written += 1
        if report.keep_for_pdf:
            report.to_convert.append(output)
        manifest.add(output)
        _stale_pdf(manifest.drop_stale_pdf(output.path, output.sha256), output.path, report)
        made.append(output.path)
    if not result.failures:
        made.extend(f"{ident}/{filename}" for filename in result.kept)
        manifest.forget_stale(outcome.path, result.kinds, made)


def _add_pdfs(out: Path, report: BuildReport, manifest: Manifest, settings: PdfSettings) -> None:
    from ..errors import ConfdocsError
    from .pagination import keep_headings_with_text

    sources = {out / output.path: output for output in report.to_convert}
    try:
        pdfs = settings.convert(list(sources))
        keep_headings_with_text(list(zip(sources, pdfs, strict=True)), settings.convert)
        for pdf_path in pdfs:
            source = sources[pdf_path.with_suffix(".docx")]
            made = Output(
                path=f"{source.engagement}/{pdf_path.name}",
                sha256=hashlib.sha256(pdf_path.read_bytes()).hexdigest(),
                input=source.input, input_sha256=source.input_sha256,
                template=source.path, template_sha256=source.sha256,
                engagement=source.engagement, document=f"{source.document}-pdf",
                profiles=source.profiles,
            ).with_stat(os.stat(pdf_path))
            report.written += 1
            manifest.add(made)
    except ConfdocsError as exc:
        report.failures.append(Failure("", "pdf", str(exc)))
    finally:
        manifest.write()
