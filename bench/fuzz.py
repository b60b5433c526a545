#!/usr/bin/env python3
"""Fuzzing: mutated inputs of every kind through the commands that read them, each bounded.

Five families of cases, each seeded and reproducible from (family, seed, index):

- engagements: a mutated engagement file (a value of another type, text holding escapes XML
  forbids, lone surrogates, line separators, keys with line breaks, ids that collide as file
  names, deep nesting, web addresses with stray brackets, truncated or byte-flipped text);
  validate in three formats and build, 50 files a run.
- profiles: a cohort's engagement files extending a mutated profile (wrong types, deep nesting,
  extends chains and cycles, odd paths in extends, huge or truncated files); validate in three
  formats and build, 20 cohorts a run.
- rosters: a mutated roster for `confdocs import`: CSV (a BOM or none, semicolons, UTF-16, ragged
  rows, odd headers, control characters, huge cells) and .xlsx (written by openpyxl with real
  cell types, then damaged: its zip, its XML); each imported alone, what they wrote validated and
  built, 20 rosters a run.
- catalogues: an organisation's fr-FR set whose messages.po is mutated (broken syntax, odd
  charsets, control characters, missing entries, huge), used with --templates DIR: templates
  check and build.
- templates: an organisation's template made from a shipped one, mutated (broken tags, hostile
  expressions, split runs, broken XML, deleted parts, a damaged zip, active content): templates
  check, build and, for one case in four, render.

Every command runs in a process of its own, with a 1 GiB address-space limit (RLIMIT_AS, set in
the child before it starts), a 1 GiB limit on any file it writes and a 60 s timeout, and its peak
resident memory is measured (wait4, from a small launcher process: see LAUNCHER). A case fails
on: an exit 3 or a traceback; a timeout; a process stopped by the memory limit (MemoryError,
killed by a signal, a worker lost) or whose peak passes 1 GB (10^9 bytes); an exit code other
than 0, 1 and 2; a process of the command still running after it ended; a document written that
is not a well-formed Word package python-docx opens. A run of many cases that fails is split in
halves until the case that fails alone is found. Each failure prints the command that runs that
case alone and keeps its files, with the commands it ran:

    python bench/fuzz.py --families templates --seed 4 --case 17 --keep /tmp/case17

The long run (figures in docs/performance.md):

    python bench/fuzz.py --count 3000 --seed 4 --jobs 2

tests/acceptance/test_fuzz.py runs a few hundred engagements in-process on every test run.

The families and the bounded runner are modules of bench/fuzzing/; this file is the command line.
"""


from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Any

from fuzzing.common import MEMORY_LIMIT, TIMEOUT
from fuzzing.families import FAMILIES
from fuzzing.jobs import Failure, Job, JobResult, Run, run_job

# --- the command line ----------------------------------------------------------------------

def _case_list(spec: str) -> list[int]:
    cases: list[int] = []
    for part in spec.split(","):
        if "-" in part:
            first, last = part.split("-", 1)
            cases.extend(range(int(first), int(last) + 1))
        elif part:
            cases.append(int(part))
    return cases


def _split(count: int, families: list[str]) -> dict[str, int]:
    share, extra = divmod(count, len(families))
    return {name: share + (1 if n < extra else 0) for n, name in enumerate(families)}


def _jobs(counts: dict[str, int], seed: int, work: Path, *, keep: bool, verbose: bool,
          isolate: bool, cases: list[int] | None = None) -> list[Job]:
    per_family = []
    for name, count in counts.items():
        indexes = cases if cases is not None else list(range(count))
        batch = FAMILIES[name].batch
        per_family.append([Job(name, seed, tuple(indexes[start:start + batch]), work, keep,
                               verbose, isolate) for start in range(0, len(indexes), batch)])
    # Families interleaved: two workers are busy with different kinds of command at once.
    jobs = []
    for position in range(max(map(len, per_family), default=0)):
        jobs.extend(family[position] for family in per_family if position < len(family))
    return jobs


def _kind(label: str) -> str:
    """The command of a step's label: validate, build, import, render, templates check."""
    words = label.split()
    return " ".join(words[:2]) if words[0] == "templates" else words[0]


def _mib(kib: int) -> str:
    return f"{kib / 1024:.0f} MiB"


def report(results: list[JobResult], counts: dict[str, int], seed: int, seconds: float,
           jobs: int) -> tuple[list[str], list[Failure]]:
    runs = [run for result in results for run in result.runs]
    failures = sorted((f for result in results for f in result.failures),
                      key=lambda f: (f.family, f.cases))
    documents = sum(result.documents for result in results)
    total = sum(counts.values())
    lines = [
        f"{total} mutated cases in {len(counts)} families (seed {seed}): "
        + ", ".join(f"{name} {count}" for name, count in counts.items())
        + f"; {len(runs)} commands, {jobs} at a time, in {seconds:.0f} s; {documents} documents "
        f"written; {len(failures)} failures",
        f"each command: at most {MEMORY_LIMIT >> 20} MiB of address space (RLIMIT_AS), "
        f"{TIMEOUT:.0f} s",
        "peak resident memory per command (wait4's ru_maxrss, its largest process):",
    ]
    kinds: dict[str, list[Run]] = {}
    for run in runs:
        kinds.setdefault(_kind(run.label), []).append(run)
    for kind, each in sorted(kinds.items()):
        top = max(each, key=lambda r: r.peak_kib)
        slow = max(each, key=lambda r: r.seconds)
        peaks = sorted(r.peak_kib for r in each)
        lines.append(f"  {kind:<16} {len(each):>5} runs  median {_mib(peaks[len(peaks) // 2]):>8}"
                     f"  max {_mib(top.peak_kib):>8} ({top.family} case {top.case})  slowest "
                     f"{slow.seconds:.1f} s ({slow.family} case {slow.case})")
    for name in counts:
        codes = Counter(run.code for run in runs if run.family == name)
        lines.append(f"  exit codes, {name}: " + ", ".join(
            f"{code}: {n}" for code, n in sorted(codes.items(), key=lambda i: str(i[0]))))
    groups: dict[tuple[str, str, str, str], list[Failure]] = {}
    for failure in failures:
        groups.setdefault((failure.cause, failure.family, _kind(failure.label),
                           failure.signature), []).append(failure)
    if groups:
        lines.append(f"failures, by cause ({len(groups)} groups):")
    for (cause, family, label, sig), each in sorted(groups.items(), key=lambda i: (-len(i[1]), i[0])):
        lines.append(f"[{cause}] {family}, {label}: {sig}  ({len(each)} cases)")
        if each[0].message:
            lines.append(f"    e.g. {each[0].message[:200]}")
        shown = list({f.reproduce(): f for f in each}.values())  # a case once, whatever its labels
        for failure in shown[:12]:
            lines.append(f"    {failure.reproduce()}    # {failure.about[:150]}")
        if len(shown) > 12:
            lines.append(f"    ... and {len(shown) - 12} more: cases "
                         + ",".join(",".join(map(str, f.cases)) for f in shown[12:]))
    return lines, failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=3000,
                        help="cases in all, shared between the families (default 3000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--families", default=",".join(FAMILIES),
                        help=f"which, comma-separated (default all: {', '.join(FAMILIES)})")
    parser.add_argument("--case", help="only these cases (N, N-M or a list) of the one family "
                                       "named: reproduces a failure, and says what it ran")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep its files")
    parser.add_argument("--jobs", type=int, default=1, help="jobs at once (default 1)")
    parser.add_argument("--no-isolate", action="store_true",
                        help="report a failing batch as it is, without finding its case")
    parser.add_argument("--report", type=Path, help="write every failure, in full, as JSON")
    parser.add_argument("--smoke", action="store_true",
                        help="a few cases of every family: checks the bench still works (CI "
                             "runs it)")
    args = parser.parse_args(argv)
    families = [name.strip() for name in args.families.split(",") if name.strip()]
    unknown = sorted(set(families) - set(FAMILIES))
    if unknown:
        parser.error(f"no family {', '.join(unknown)}; the families are {', '.join(FAMILIES)}")
    cases = None
    if args.case:
        if len(families) != 1:
            parser.error("--case needs --families with one family")
        cases = _case_list(args.case)
        counts = {families[0]: len(cases)}
    elif args.smoke:
        counts = {name: 6 if name == "engagements" else 3 for name in families}
    else:
        counts = _split(args.count, families)
    started = time.perf_counter()
    work_context: Any = (tempfile.TemporaryDirectory(prefix="confdocs-fuzz-") if args.keep is None
                         else None)
    work = Path(work_context.name) if work_context else args.keep.resolve()
    work.mkdir(parents=True, exist_ok=True)
    jobs = _jobs(counts, args.seed, work, keep=args.keep is not None, verbose=cases is not None,
                 isolate=not args.no_isolate, cases=cases)
    results: list[JobResult] = []
    # Each job's runs and failures as it ends, so that a run stopped half-way keeps them.
    partial = (open(args.report.with_name(args.report.name + ".partial.jsonl"), "w",  # noqa: SIM115
                    encoding="utf-8") if args.report else None)

    def done(result: JobResult) -> None:
        results.append(result)
        _progress(len(results), len(jobs), started)
        if partial is not None:
            partial.write(json.dumps({"runs": [asdict(r) for r in result.runs], "failures": [
                dict(asdict(f), reproduce=f.reproduce()) for f in result.failures]},
                ensure_ascii=False) + "\n")
            partial.flush()

    try:
        if args.jobs > 1:
            import multiprocessing

            # Forked before any thread starts; each worker runs its commands from one thread,
            # as preexec_fn needs.
            with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
                for result in pool.imap_unordered(run_job, jobs):
                    done(result)
        else:
            for job in jobs:
                done(run_job(job))
    finally:
        if partial is not None:
            partial.close()
        if work_context is not None:
            work_context.cleanup()
    lines, failures = report(results, counts, args.seed, time.perf_counter() - started, args.jobs)
    for result in results:
        for line in result.lines:
            print(line)
    print("\n".join(lines))
    if args.report:
        args.report.write_text(json.dumps({
            "counts": counts, "seed": args.seed,
            "runs": [asdict(run) for result in results for run in result.runs],
            "failures": [dict(asdict(f), reproduce=f.reproduce()) for f in failures]},
            indent=1, ensure_ascii=False), encoding="utf-8")
    return 1 if failures else 0


_last_progress = [0.0]


def _progress(done: int, total: int, started: float) -> None:
    now = time.perf_counter()
    if now - _last_progress[0] > 30 or done == total:
        _last_progress[0] = now
        print(f"  {done}/{total} jobs, {now - started:.0f} s", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
