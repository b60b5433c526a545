"""Jobs: a batch of cases, its commands, and the cases that fail, found alone."""


from __future__ import annotations

import os
import re
import shlex
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .bounded import (
    INTERNAL,
    MEMORY_SIGNS,
    RESOURCE_CAUSES,
    Outcome,
    causes,
    run_confdocs,
    signature,
    unreadable_documents,
)
from .common import Prepared, Step
from .families import FAMILIES

# --- jobs: a batch of cases, its commands, and the cases that fail ------------------------

@dataclass(frozen=True)
class Failure:
    family: str
    seed: int
    cases: tuple[int, ...]
    label: str
    cause: str
    signature: str
    message: str
    about: str
    command: str
    output: str

    def reproduce(self) -> str:
        cases = (str(self.cases[0]) if len(self.cases) == 1
                 else ",".join(map(str, self.cases)))
        return f"python bench/fuzz.py --families {self.family} --seed {self.seed} --case {cases}"


@dataclass(frozen=True)
class Run:
    """One command run, for the figures."""

    family: str
    label: str
    case: int  # the first case it read
    code: int | None
    peak_kib: int
    seconds: float


@dataclass
class JobResult:
    runs: list[Run] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    documents: int = 0
    lines: list[str] = field(default_factory=list)  # what a run of single cases says it did


@dataclass(frozen=True)
class Job:
    family: str
    seed: int
    cases: tuple[int, ...]
    work: Path
    keep: bool = False
    verbose: bool = False
    isolate: bool = True


def _environment(work: Path) -> dict[str, str]:
    # Compiled templates in a cache of the run's own: thousands of mutated templates must not
    # fill the user's cache, and the run must not depend on what is in it.
    return dict(os.environ, CONFDOCS_CACHE_DIR=str(work / "cache"), PYTHONDONTWRITEBYTECODE="1")


def _documents(folder: Path, step: Step) -> tuple[int, list[str]]:
    if step.writes is None:
        return 0, []
    out = folder / step.writes
    if not out.exists():
        return 0, []
    count = sum(1 for _ in out.rglob("*.docx")) if out.is_dir() else 1
    return count, [line.replace(str(folder) + "/", "") for line in unreadable_documents(out)]


def _message(output: str, cause: str = "") -> str:
    """The line of the output that says what went wrong."""
    said = INTERNAL.search(output)
    if cause.startswith("memory") and MEMORY_SIGNS.search(output):
        said = re.search(rf"[^\n]*(?:{MEMORY_SIGNS.pattern})[^\n]*", output)
        return said.group(0).strip()[:300] if said else ""
    if said:
        return said.group(1)[:300]
    tail = [line for line in output.strip().splitlines() if line.strip()]
    return tail[-1][:300] if tail else ""


def _document_problem(line: str) -> str:
    """An unopenable document's problem, without its path and numbers."""
    problem = line.split(".docx: ", 1)[-1]
    return re.sub(r"\d+", "N", re.sub(r"'[^']*'", "'…'", problem))[:160]


Wrong = tuple[str, str, str]  # cause, signature, message


def _run_steps(job: Job, folder: Path, cases: list[int], only: str | None = None,
               ) -> tuple[Prepared, list[tuple[Step, Outcome, list[Wrong], int]]]:
    """Prepare ``cases`` in ``folder`` and run their steps (with ``only``: the cases' own steps
    and the shared step of that label); each step with what went wrong, as (cause, detail)."""
    prepared = FAMILIES[job.family].prepare(folder, job.seed, cases)
    env = _environment(job.work)
    done = []
    for step in prepared.steps:
        if only is not None and len(step.cases) > 1 and step.label != only:
            continue
        outcome = run_confdocs(step.argv, folder, env)
        wrong = [(cause, signature(cause, outcome.output), _message(outcome.output, cause))
                 for cause in causes(outcome)]
        count, bad = _documents(folder, step)
        wrong.extend(("unopenable document", _document_problem(line), line) for line in bad[:3])
        done.append((step, outcome, wrong, count))
    return prepared, done


def _fails_alone(job: Job, cases: list[int], label: str, cause: str, attempt: list[int],
                 ) -> tuple[Failure | None, list[int]]:
    """Whether ``cases`` alone fail at ``label`` with ``cause``: the failure, if so."""
    attempt[0] += 1
    folder = job.work / f"{job.family}-{job.cases[0]:05d}-isolate-{attempt[0]}"
    try:
        prepared, done = _run_steps(job, folder, cases, only=label)
        for step, outcome, wrong, _ in done:
            if step.label != label:
                continue
            for found in wrong:
                if found[0] == cause:
                    return _failure(job, tuple(cases), step, found, outcome, prepared), cases
        return None, cases
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _isolate(job: Job, cases: list[int], label: str, cause: str, attempt: list[int],
             ) -> list[Failure]:
    """The smallest groups of ``cases`` (one case each, where one alone fails) that fail at
    ``label`` with ``cause``, found by halving."""
    if len(cases) == 1:
        failure, _ = _fails_alone(job, cases, label, cause, attempt)
        return [failure] if failure else []
    half = len(cases) // 2
    found = []
    for part in (cases[:half], cases[half:]):
        failure, _ = _fails_alone(job, part, label, cause, attempt)
        if failure is not None:
            found.extend(_isolate(job, part, label, cause, attempt) if len(part) > 1
                         else [failure])
    return found


def _failure(job: Job, cases: tuple[int, ...], step: Step, wrong: Wrong, outcome: Outcome,
             prepared: Prepared) -> Failure:
    about = "; ".join(prepared.about.get(case, "") for case in cases)[:300]
    cause, sig, message = wrong
    if cause.startswith(RESOURCE_CAUSES):
        # Where a process was when it ran out of memory or time says little: what it was
        # given says more.
        sig = about[:100]
    return Failure(job.family, job.seed, cases, step.label, cause, sig, message, about,
                   shlex.join(["python", "-m", "confdocs", *step.argv]), outcome.output[-3000:])


def run_job(job: Job) -> JobResult:
    """Run the job's commands; each failure traced to the case that makes it."""
    folder = job.work / f"{job.family}-{job.cases[0]:05d}"
    result = JobResult()
    try:
        try:
            prepared, done = _run_steps(job, folder, list(job.cases))
        except Exception as exc:  # the bench's own bug: said, and the other jobs go on
            import traceback

            result.failures.append(Failure(
                job.family, job.seed, job.cases, "prepare", "fuzzer error", type(exc).__name__,
                str(exc)[:300], "", "", traceback.format_exc()[-3000:]))
            return result
        for step, outcome, wrong, count in done:
            result.runs.append(Run(job.family, step.label, step.cases[0], outcome.code,
                                   outcome.peak_kib, outcome.seconds))
            result.documents += count
            if job.verbose:
                ended = outcome.code if outcome.code is not None else f"signal {outcome.signal}"
                result.lines.append(
                    f"  (cd {folder} && {shlex.join(['python', '-m', 'confdocs', *step.argv])})"
                    f"\n    exit {ended}, "
                    f"{outcome.seconds:.1f} s, peak {outcome.peak_kib // 1024} MiB"
                    + "".join(f"\n    {cause}: {message}" for cause, _, message in wrong)
                    + "".join(f"\n    | {line}" for line in outcome.output.splitlines()[-8:]))
            for found in wrong:
                if len(step.cases) == 1 or not job.isolate:
                    result.failures.append(_failure(job, step.cases, step, found, outcome,
                                                    prepared))
                    continue
                # Several cases in one command: find the one (or the few) that fail alone.
                isolated = _isolate(job, list(step.cases), step.label, found[0], [0])
                result.failures.extend(isolated or [
                    _failure(job, step.cases, step, found, outcome, prepared)])
        if job.verbose:
            result.lines[:0] = [f"{job.family} case {case}: {prepared.about.get(case, '')}"
                                for case in job.cases]
            if not job.keep:
                result.lines.append("  (its files are gone: --keep DIR keeps them)")
    finally:
        if not job.keep:
            shutil.rmtree(folder, ignore_errors=True)
    # One failure per (cause, place) per case: a bad command reports each wrong document.
    unique: dict[tuple[Any, ...], Failure] = {}
    for failure in result.failures:
        unique.setdefault((failure.cases, failure.label, failure.cause, failure.signature), failure)
    result.failures = list(unique.values())
    return result
