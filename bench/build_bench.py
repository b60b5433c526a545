"""Benchmark: `confdocs build` against docxtpl (naive and with a process pool), memory at scale,
incremental rebuilds, and PDF batching.

Usage:
    python bench/build_bench.py [--n 1000] [--big 10000] [--naive N] [--pdf 40] [--jobs J]
                                [--repeat 5] [--rebuild 10000,50000] [--smoke]

1. Writes N engagements (varied copies of the samples) and builds their documents, on the same
   templates and the same contexts: with `confdocs build` (one command, start-up included), with
   the naive loop a docxtpl user writes (a new DocxTemplate per document, render, save), and with
   that loop over a process pool of as many workers as confdocs has (--jobs, default the cores).
   The three alternate, --repeat times. Each is given in documents per second of wall time and
   per CPU-second (user + system of every process it ran: the fair figure on a shared host, and
   between runs given different numbers of cores), with contracts counted apart from the other
   documents (annexes, letters and records are smaller). confdocs is timed as every build but
   the first after a template changes runs (its compiled templates in the user's cache), and
   once more, first, as that first build (with a cache of its own, empty).
2. Builds BIG engagements with confdocs alone and compares its parent's peak memory with that at N.
3. For each size of --rebuild: a full build, then the rebuild of an unchanged tree (three times),
   the rebuild after one engagement changed, and the unchanged rebuild under --verify; wall, CPU
   and the parent process's peak memory of each, and the workers' CPU per engagement of the full
   build.
4. Converts --pdf documents to PDF as `confdocs build --pdf` does (in batches, one soffice
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
    peak_mib: float  # the largest single process of the build
    system_seconds: float  # kernel CPU of the whole process tree: writing files, forking
    out: Path
    cpu_seconds: float = 0.0  # user + system CPU of the whole process tree
    parent_peak_mib: float = 0.0  # the build's own process, the one that plans and records
    parent_cpu: float = 0.0
    worker_cpu: float = 0.0  # the worker processes' CPU (0 when the build ran in one process)
    contracts: int = 0

    @property
    def per_cpu(self) -> float:
        return self.documents / self.cpu_seconds if self.cpu_seconds else 0.0


# `confdocs build` as the command runs it, then, on the last line of standard error, this
# process's own peak memory (KiB) and CPU, and that of its workers (waited for by then).
_WRAPPER = """
import resource, sys
from confdocs.cli import main
try:
    code = main(sys.argv[1:])
finally:
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    print("PARENT", own.ru_maxrss, own.ru_utime + own.ru_stime,
          workers.ru_utime + workers.ru_stime, file=sys.stderr)
sys.exit(code)
"""


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def steal_seconds() -> float:
    """CPU time the hypervisor gave to other machines so far (Linux's /proc/stat "steal"), in
    seconds over all cores: on a shared host, the part of a slow run that was not ours."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()
        return int(fields[8]) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def confdocs_build(inputs: Path, jobs: int | None, cache: Path | None = None,
                   extra: list[str] | None = None, out: Path | None = None) -> Build:
    """One `confdocs build` process tree into a fresh folder (or ``out``, to rebuild it), with
    ``cache`` as its compiled-template cache, if given, and ``extra`` options, timed."""
    out = out or fresh_folder(inputs.name)
    command = [sys.executable, "bench/peak.py", sys.executable, "-c", _WRAPPER, "build",
               str(inputs), "--out", str(out), "--quiet"] + (["--jobs", str(jobs)] if jobs else [])
    command += extra or []
    env = dict(os.environ, CONFDOCS_CACHE_DIR=str(cache)) if cache else None
    settle()
    start, stolen, cpu = time.perf_counter(), steal_seconds(), cpu_of_children()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env)
    seconds = time.perf_counter() - start
    cpu = cpu_of_children() - cpu
    STOLEN.append(steal_seconds() - stolen)
    if done.returncode != 0:
        sys.exit(f"confdocs build failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    peak_kib, system = done.stdout.strip().splitlines()[-1].split()
    parent = next(line for line in reversed(done.stderr.splitlines())
                  if line.startswith("PARENT ")).split()
    outputs = json.loads((out / "manifest.json").read_text())["outputs"]
    docx = [entry for entry in outputs if entry["path"].endswith(".docx")]
    return Build(seconds, len(docx), int(peak_kib) / 1024, float(system), out, cpu,
                 int(parent[1]) / 1024, float(parent[2]), float(parent[3]),
                 sum(1 for entry in docx if entry["document"] == "contract"))


def _split(build: Build) -> str:
    return f"{build.contracts} contracts + {build.documents - build.contracts} other documents"


class Timed(NamedTuple):
    seconds: float
    cpu_seconds: float
    documents: int
    contracts: int

    @property
    def per_cpu(self) -> float:
        return self.documents / self.cpu_seconds if self.cpu_seconds else 0.0


def docxtpl_jobs(inputs: list[Path], out: Path) -> list[tuple[str, dict[str, object], str]]:
    """What the docxtpl loops render: each document's template, context and target, made
    before any clock starts (this measures rendering and saving only)."""
    from confdocs.build.worker import document_context
    from confdocs.engagement.validate import load_engagement
    from confdocs.render.context import engagement_context
    from confdocs.render.documents import plan_documents
    from confdocs.render.sets import shipped_template_sets

    out.mkdir(parents=True, exist_ok=True)
    sets = shipped_template_sets()
    jobs = []
    for path in inputs:
        data = load_engagement(path).data
        choice = sets.choose(data["locale"], "contract")
        base = engagement_context(data, sets.catalogue(choice))
        for document in plan_documents(data):
            template = sets.choose(data["locale"], document.kind).template
            jobs.append((str(template), document_context(base, document),
                         str(out / document.filename)))
    return jobs


def _render_naively(job: tuple[str, dict[str, object], str]) -> None:
    """A docxtpl user's loop body: a new DocxTemplate for every document."""
    from docxtpl import DocxTemplate

    from confdocs.render.environment import environment

    template, context, target = job
    doc = DocxTemplate(template)
    doc.render(context, jinja_env=environment())
    doc.save(target)


def naive_loop(jobs: list[tuple[str, dict[str, object], str]]) -> Timed:
    """The loop a docxtpl user writes, in one process."""
    from confdocs.render.environment import environment

    environment()  # built once, before the clock, as the user's loop would hold it
    settle()
    start, cpu = time.perf_counter(), time.process_time()
    for job in jobs:
        _render_naively(job)
    return Timed(time.perf_counter() - start, time.process_time() - cpu, len(jobs),
                 sum(1 for job in jobs if job[2].endswith("-contract.docx")))


def pool_loop(jobs: list[tuple[str, dict[str, object], str]], workers: int) -> Timed:
    """The same loop over a process pool of ``workers`` (what a docxtpl user who knows
    multiprocessing writes); its CPU is this process's and the workers', once they are joined."""
    import multiprocessing

    settle()
    start, cpu, children = time.perf_counter(), time.process_time(), cpu_of_children()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pool.map(_render_naively, jobs, chunksize=16)
        pool.close()
        pool.join()
    seconds = time.perf_counter() - start
    used = time.process_time() - cpu + cpu_of_children() - children
    return Timed(seconds, used, len(jobs),
                 sum(1 for job in jobs if job[2].endswith("-contract.docx")))


def rebuilds(size: int, jobs: int | None) -> None:
    """A full build of ``size`` engagements, then its incremental rebuilds."""
    folder = WORK / f"engagements-{size}"
    inputs = make_corpus(folder, size)
    full = confdocs_build(folder, jobs)
    engaged = max(1, size)
    print(f"rebuild N={size}: full build {full.seconds:.1f} s, CPU {full.cpu_seconds:.1f} s "
          f"({full.documents} documents, {_split(full)}), parent peak "
          f"{full.parent_peak_mib:.1f} MiB; workers {full.worker_cpu / engaged * 1000:.2f} "
          f"CPU-ms per engagement, parent {full.parent_cpu / engaged * 1000:.2f}")
    for _ in range(3):
        same = confdocs_build(folder, jobs, out=full.out)
        print(f"rebuild N={size}: unchanged {same.seconds:.2f} s, CPU {same.cpu_seconds:.2f} s, "
              f"parent peak {same.parent_peak_mib:.1f} MiB (CPU stolen by the host meanwhile: "
              f"{STOLEN[-1]:.2f} s)")
    changed = inputs[len(inputs) // 2]
    data = json.loads(changed.read_text(encoding="utf-8"))
    data["title"] += " (revised)"
    changed.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    try:
        one = confdocs_build(folder, jobs, out=full.out)
    finally:
        make_corpus(folder, size)  # the corpus as it was, for the next run
    print(f"rebuild N={size}: one engagement changed {one.seconds:.2f} s, CPU "
          f"{one.cpu_seconds:.2f} s, parent peak {one.parent_peak_mib:.1f} MiB")
    verified = confdocs_build(folder, jobs, out=full.out, extra=["--verify"])
    print(f"rebuild N={size}: unchanged under --verify {verified.seconds:.2f} s, CPU "
          f"{verified.cpu_seconds:.2f} s")


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
    parser.add_argument("--rebuild", default="",
                        help="sizes for the incremental rebuilds, comma-separated (such as "
                             "10000,50000,100000); default: none")
    parser.add_argument("--smoke", action="store_true", help=SMOKE_HELP)
    args = parser.parse_args()
    if args.smoke:
        args.n, args.big, args.naive, args.pdf, args.repeat, args.rebuild = 4, 0, 2, 0, 1, "6"

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
    # swing one timing by a third: each is run --repeat times, alternating with the docxtpl
    # loops, and the median reported, with each run.
    naive_inputs = inputs[: args.n if args.naive is None else args.naive]
    jobs = docxtpl_jobs(naive_inputs, fresh_folder("docxtpl")) if naive_inputs else []
    workers = args.jobs or os.cpu_count() or 1
    runs: list[Build] = []
    naive: list[Timed] = []
    pooled: list[Timed] = []
    for _ in range(args.repeat):
        runs.append(confdocs_build(WORK / "engagements", args.jobs))
        if jobs:
            naive.append(naive_loop(jobs))
            pooled.append(pool_loop(jobs, workers))
    median = sorted(runs)[len(runs) // 2]
    ours = median.documents / median.seconds
    print(f"confdocs build   N={args.n}: {median.documents} documents ({_split(median)}) in "
          f"{median.seconds:.2f} s = {ours:,.0f} documents/s, {median.per_cpu:,.0f} per "
          f"CPU-second (median of {', '.join(f'{r.seconds:.2f}' for r in runs)} s; CPU "
          f"{', '.join(f'{r.cpu_seconds:.2f}' for r in runs)} s), peak memory "
          f"{max(r.peak_mib for r in runs):.1f} MiB, parent {median.parent_peak_mib:.1f} MiB "
          f"(kernel CPU {median.system_seconds:.2f} s; CPU stolen by the host meanwhile: "
          f"{sum(STOLEN[-args.repeat:]):.2f} s)")
    if jobs:
        for label, timed in (("naive docxtpl   ", naive), (f"docxtpl, pool {workers}", pooled)):
            middle = sorted(timed)[len(timed) // 2]
            print(f"{label} N={len(naive_inputs)}: {middle.documents} documents ("
                  f"{middle.contracts} contracts) in {middle.seconds:.2f} s = "
                  f"{middle.documents / middle.seconds:,.1f} documents/s, "
                  f"{middle.per_cpu:,.1f} per CPU-second")
            print(f"ratio: confdocs is {ours / (middle.documents / middle.seconds):.0f}x "
                  f"{label.strip()} per wall second, "
                  f"{median.per_cpu / middle.per_cpu:.0f}x per CPU-second")

    if args.big:
        make_corpus(WORK / "engagements-big", args.big)
        big = confdocs_build(WORK / "engagements-big", args.jobs)
        print(f"confdocs build   N={args.big}: {big.documents} documents in {big.seconds:.2f} s "
              f"= {big.documents / big.seconds:,.0f} documents/s, {big.per_cpu:,.0f} per "
              f"CPU-second, peak memory {big.peak_mib:.1f} MiB "
              f"({(big.peak_mib - median.peak_mib) / median.peak_mib:+.0%} against N={args.n}), "
              f"parent {big.parent_peak_mib:.1f} MiB "
              f"({(big.parent_peak_mib - median.parent_peak_mib) / median.parent_peak_mib:+.0%}; "
              f"kernel CPU {big.system_seconds:.2f} s; CPU stolen by the host meanwhile: "
              f"{STOLEN[-1]:.2f} s)")

    for size in (int(text) for text in args.rebuild.split(",") if text.strip()):
        rebuilds(size, args.jobs)

    if args.pdf and shutil.which("soffice"):
        batch, single, count = pdf_batches(median.out, args.pdf)
        print(f"PDF: {count} documents in batches (one soffice per core) {batch:.1f} s; one "
              f"soffice call per document {single:.1f} s; batching is {single / batch:.1f}x faster")


if __name__ == "__main__":
    main()
