"""Benchmark: `confdocs build` against the naive docxtpl loop, memory at scale, and PDF batching.

Usage:
    python bench/build_bench.py [--n 1000] [--big 10000] [--naive N] [--pdf 40] [--jobs J]
                                [--repeat 5] [--smoke]

1. Writes N engagements (varied copies of the samples) and builds their documents twice, on the
   same templates and the same contexts: with `confdocs build` (one command, start-up included) and
   with the naive loop a docxtpl user writes (a new DocxTemplate per document, render, save).
   Prints documents per second for each (for confdocs, the median of --repeat builds), the
   ratio, and peak memory. confdocs is timed as every build but the first after a template
   changes runs (its compiled templates in the user's cache), and once more, first, as that first
   build (with a cache of its own, empty).
2. Builds BIG engagements with confdocs alone and compares its peak memory with that at N.
3. Converts --pdf documents to PDF as `confdocs build --pdf` does (in batches, one soffice
   process per core), then with one soffice call per document.

A benchmark, not a test: run it by hand and record the figures in docs/performance.md.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import itertools
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from corpus import ROOT, SMOKE_HELP, WORK, make_corpus

STOLEN: list[float] = []  # steal during each confdocs build, in order
_RUNS = WORK / "runs"
_numbers = itertools.count(1)
_DELETED = WORK / ".deleted"  # when a bench last deleted its outputs
# ext4 without a journal (as on this machine) does not reuse an inode within 60 s of its file
# being deleted; creating a file then scans past every such inode, so a build soon after
# thousands of deletions spends seconds in the kernel (see docs/performance.md).
_INODE_QUARANTINE = 65


@contextlib.contextmanager
def output_folders() -> Iterator[None]:
    """Where every build of the bench writes, each into a folder never used before; all of them
    are deleted at the end, after the last timing, and the next bench waits for those deletions
    to stop costing anything before it times a build."""
    if _RUNS.exists():  # left by a bench that was interrupted
        shutil.rmtree(_RUNS)
        _DELETED.touch()
    with contextlib.suppress(OSError):
        wait = _DELETED.stat().st_mtime + _INODE_QUARANTINE - time.time()
        if wait > 0:
            print(f"(waiting {wait:.0f} s: the last bench deleted its outputs moments ago, "
                  "and new files cost more until the file system reuses their inodes)",
                  flush=True)
            time.sleep(wait)
    try:
        yield
    finally:
        shutil.rmtree(_RUNS, ignore_errors=True)
        _DELETED.touch()


def settle() -> None:
    """Before a timing: write the files of the builds before it to disk now. Otherwise the kernel
    writes them back during the timing (a build of 10,000 leaves about 800 MB to write), on the
    same two cores, and one build's writes slow the next."""
    os.sync()


def fresh_folder(label: str) -> Path:
    return _RUNS / f"{label}-{next(_numbers)}"


class Build(NamedTuple):
    seconds: float
    documents: int
    peak_mib: float
    system_seconds: float  # kernel CPU of the whole process tree: writing files, forking
    out: Path


def steal_seconds() -> float:
    """CPU time the hypervisor gave to other machines so far (Linux's /proc/stat "steal"), in
    seconds over all cores: on a shared host, the part of a slow run that was not ours."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()
        return int(fields[8]) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def confdocs_build(inputs: Path, jobs: int | None, cache: Path | None = None,
                   extra: list[str] | None = None) -> Build:
    """One `confdocs build` process tree into a fresh folder (with ``cache`` as its
    compiled-template cache, if given, and ``extra`` options), timed."""
    out = fresh_folder(inputs.name)
    command = [sys.executable, "bench/peak.py", sys.executable, "-m", "confdocs", "build",
               str(inputs), "--out", str(out)] + (["--jobs", str(jobs)] if jobs else [])
    command += extra or []
    env = dict(os.environ, CONFDOCS_CACHE_DIR=str(cache)) if cache else None
    settle()
    start, stolen = time.perf_counter(), steal_seconds()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env)
    seconds = time.perf_counter() - start
    STOLEN.append(steal_seconds() - stolen)
    if done.returncode != 0:
        sys.exit(f"confdocs build failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    peak_kib, system = done.stdout.strip().splitlines()[-1].split()
    documents = len(json.loads((out / "manifest.json").read_text())["outputs"])
    return Build(seconds, documents, int(peak_kib) / 1024, float(system), out)


def naive_loop(inputs: list[Path]) -> tuple[float, int]:
    """The loop a docxtpl user writes: a new DocxTemplate for every document."""
    from docxtpl import DocxTemplate

    from confdocs.build.worker import document_context
    from confdocs.engagement.validate import load_engagement
    from confdocs.render.context import engagement_context
    from confdocs.render.documents import plan_documents
    from confdocs.render.environment import environment
    from confdocs.render.sets import shipped_template_sets

    out = fresh_folder("naive")
    out.mkdir(parents=True)
    env = environment()
    sets = shipped_template_sets()
    # Contexts are made before the clock starts: this measures rendering and saving only.
    jobs = []
    for path in inputs:
        data = load_engagement(path).data
        choice = sets.choose(data["locale"], "contract")
        base = engagement_context(data, sets.catalogue(choice))
        for document in plan_documents(data):
            template = sets.choose(data["locale"], document.kind).template
            jobs.append((template, document_context(base, document), out / document.filename))
    settle()
    start = time.perf_counter()
    for template, context, target in jobs:
        doc = DocxTemplate(template)
        doc.render(context, jinja_env=env)
        doc.save(target)
    return time.perf_counter() - start, len(jobs)


def pdf_batches(out: Path, count: int) -> tuple[float, float, int]:
    from confdocs.build.pdf import convert_to_pdf, find_soffice

    documents = sorted(out.rglob("*.docx"))[:count]
    with tempfile.TemporaryDirectory() as scratch:
        copies = []
        for doc in documents:
            copy = Path(scratch) / doc.name
            shutil.copy(doc, copy)
            copies.append(copy)
        settle()
        start = time.perf_counter()
        convert_to_pdf(copies)
        batch = time.perf_counter() - start
        soffice = find_soffice()
        settle()
        start = time.perf_counter()
        for copy in copies:
            subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir",
                            str(Path(scratch) / "single"), str(copy)], capture_output=True,
                           check=True)
        single = time.perf_counter() - start
    return batch, single, len(copies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--big", type=int, default=10000)
    parser.add_argument("--naive", type=int, default=None,
                        help="engagements for the naive loop (default: all N; 0 leaves it out)")
    parser.add_argument("--pdf", type=int, default=40,
                        help="documents for the PDF comparison (default: 40, a small cohort)")
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=5,
                        help="builds of N to time; the median is reported (default: 5)")
    parser.add_argument("--smoke", action="store_true", help=SMOKE_HELP)
    args = parser.parse_args()
    if args.smoke:
        args.n, args.big, args.naive, args.pdf, args.repeat = 4, 0, 2, 0, 1

    # pip compiles a package's bytecode when it installs it; an editable install on a machine
    # with PYTHONDONTWRITEBYTECODE set (as this one) never has any, and would compile confdocs'
    # modules again in every run. Measure confdocs as installed.
    compileall.compile_dir(ROOT / "confdocs", quiet=1)
    inputs = make_corpus(WORK / "engagements", args.n)
    with output_folders():
        run(args, inputs)


def run(args: argparse.Namespace, inputs: list[Path]) -> None:
    with tempfile.TemporaryDirectory() as empty:
        # The first build after a template (or confdocs) changes compiles the templates.
        cold = confdocs_build(WORK / "engagements", args.jobs, cache=Path(empty))
    print(f"confdocs build   N={args.n}, templates not yet compiled: {cold.documents} documents "
          f"in {cold.seconds:.2f} s = {cold.documents / cold.seconds:,.0f} documents/s")
    # Every later build finds them compiled, in the user's cache (the cold run above used its
    # own): make sure they are there, then measure.
    with tempfile.TemporaryDirectory() as one:
        shutil.copy(inputs[0], one)
        confdocs_build(Path(one), args.jobs)
    # A build of 1,000 takes a second or two, so a neighbour's burst on this shared host can
    # swing one timing by a third: the median of --repeat builds is reported, with each of them.
    runs = [confdocs_build(WORK / "engagements", args.jobs) for _ in range(args.repeat)]
    median = sorted(runs)[len(runs) // 2]
    ours = median.documents / median.seconds
    print(f"confdocs build   N={args.n}: {median.documents} documents in {median.seconds:.2f} s = "
          f"{ours:,.0f} documents/s (median of {', '.join(f'{r.seconds:.2f}' for r in runs)} s), "
          f"peak memory {max(r.peak_mib for r in runs):.1f} MiB (kernel CPU "
          f"{median.system_seconds:.2f} s; CPU stolen by the host meanwhile: "
          f"{sum(STOLEN[-args.repeat:]):.2f} s)")
    # --naive 0 leaves the naive loop out (it had meant "all N", and cost minutes per run).
    naive_inputs = inputs[: args.n if args.naive is None else args.naive]
    if naive_inputs:
        stolen = steal_seconds()
        naive_seconds, naive_documents = naive_loop(naive_inputs)
        stolen = steal_seconds() - stolen
        theirs = naive_documents / naive_seconds
        print(f"naive docxtpl    N={len(naive_inputs)}: {naive_documents} documents in "
              f"{naive_seconds:.2f} s = {theirs:,.1f} documents/s (peak memory of this process "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MiB; "
              f"CPU stolen by the host meanwhile: {stolen:.2f} s)")
        print(f"ratio: confdocs is {ours / theirs:.0f}x the naive loop")

    if args.big:
        make_corpus(WORK / "engagements-big", args.big)
        big = confdocs_build(WORK / "engagements-big", args.jobs)
        print(f"confdocs build   N={args.big}: {big.documents} documents in {big.seconds:.2f} s "
              f"= {big.documents / big.seconds:,.0f} documents/s, peak memory "
              f"{big.peak_mib:.1f} MiB ({(big.peak_mib - median.peak_mib) / median.peak_mib:+.0%} "
              f"against N={args.n}; kernel CPU {big.system_seconds:.2f} s; CPU stolen by the host "
              f"meanwhile: {STOLEN[-1]:.2f} s)")

    if args.pdf and shutil.which("soffice"):
        batch, single, count = pdf_batches(median.out, args.pdf)
        print(f"PDF: {count} documents in batches (one soffice per core) {batch:.1f} s; one "
              f"soffice call per document {single:.1f} s; batching is {single / batch:.1f}x faster")


if __name__ == "__main__":
    main()
