"""What `confdocs build --pdf` converts per second, beside LibreOffice's own floor, in one run.

Usage::

    python bench/pdf_bench.py [--n 20] [--repeat 3] [--smoke]

Builds N engagements (varied copies of the samples; about 2.5 documents each) without --pdf, then,
on copies of the same .docx files, times in turn, --repeat times each (the median is reported):

1. confdocs: what --pdf adds to a build, as the build runs it (tagged-PDF export, one soffice
   process per core, the layout tables retagged, stranded headings mended), through
   ``PdfSettings.convert`` and ``keep_headings_with_text``;
2. the floor: bare `soffice --headless --convert-to pdf` of the same files, one process per core
   with the same split and warm profiles of its own, no export options; and again with
   confdocs' export options (tagged PDF), to tell LibreOffice's tagging from confdocs' own work;
3. start-up: one soffice process converting one document, the cost a converter held open
   (unoserver, or LibreOffice's UNO API) would save once per process and build.

A benchmark, not a test: run it by hand and record the figures in docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import ROOT, make_corpus

sys.path.insert(0, str(ROOT))


def _copies(documents: list[Path], folder: Path) -> list[Path]:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    copies = []
    for document in documents:
        copy = folder / document.name
        shutil.copy(document, copy)
        copies.append(copy)
    return copies


MENDING: list[tuple[float, int]] = []  # each run's time mending stranded headings, PDFs remade


def confdocs_pdf(documents: list[Path], scratch: Path) -> float:
    from confdocs.build.pagination import keep_headings_with_text
    from confdocs.build.pdf import PdfSettings, find_soffice

    copies = _copies(documents, scratch / "confdocs")
    settings = PdfSettings(find_soffice())
    started = time.perf_counter()
    pdfs = settings.convert(copies)
    converted = time.perf_counter()
    remade = keep_headings_with_text(list(zip(copies, pdfs, strict=True)), settings.convert)
    done = time.perf_counter()
    MENDING.append((done - converted, remade))
    return done - started


def bare_soffice(documents: list[Path], scratch: Path, profiles: Path,
                 conversion: str = "pdf") -> float:
    from confdocs.build.pdf import find_soffice

    soffice = find_soffice()
    copies = _copies(documents, scratch / "bare")
    count = max(1, min(os.cpu_count() or 1, len(copies)))
    started = time.perf_counter()
    running = [subprocess.Popen(
        [soffice, f"-env:UserInstallation={(profiles / f'p{index}').as_uri()}", "--headless",
         "--norestore", "--convert-to", conversion, "--outdir",
         str(scratch / "bare" / f"out{index}"),
         *map(str, copies[index::count])],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for index in range(count)]
    for process in running:
        process.wait()
    elapsed = time.perf_counter() - started
    made = sum(1 for _ in (scratch / "bare").glob("out*/*.pdf"))
    if made != len(copies):
        raise SystemExit(f"bare soffice made {made} PDFs of {len(copies)}")
    return elapsed


def one_document(document: Path, scratch: Path, profiles: Path) -> float:
    from confdocs.build.pdf import find_soffice

    (copy,) = _copies([document], scratch / "one")
    started = time.perf_counter()
    subprocess.run([find_soffice(), f"-env:UserInstallation={(profiles / 'p0').as_uri()}",
                    "--headless", "--norestore", "--convert-to", "pdf", "--outdir",
                    str(scratch / "one" / "out"), str(copy)],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20, help="engagements (default: 20)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--smoke", action="store_true",
                        help="two engagements, once: checks the bench still works (CI runs it)")
    args = parser.parse_args()
    if args.smoke:
        args.n, args.repeat = 2, 1
    from confdocs.build import build

    with tempfile.TemporaryDirectory(prefix="confdocs-pdf-bench-") as work:
        scratch = Path(work)
        inputs = make_corpus(scratch / "inputs", args.n)
        build(inputs, scratch / "out")
        documents = sorted((scratch / "out").rglob("*.docx"))
        profiles = scratch / "profiles"
        bare_soffice(documents[:1], scratch, profiles)  # builds the floor's profiles once
        confdocs_pdf(documents[:1], scratch)  # and confdocs' (kept in the user's cache)
        from confdocs.build.pdf import export_filter

        times: dict[str, list[float]] = {"confdocs": [], "bare": [], "tagged": [], "one": []}
        for _ in range(args.repeat):  # interleaved, so that a busy moment costs each alike
            times["confdocs"].append(confdocs_pdf(documents, scratch))
            times["bare"].append(bare_soffice(documents, scratch, profiles))
            times["tagged"].append(bare_soffice(documents, scratch, profiles, export_filter()))
            times["one"].append(one_document(documents[0], scratch, profiles))
    count = len(documents)
    confdocs, bare, tagged, one = (statistics.median(times[key])
                                   for key in ("confdocs", "bare", "tagged", "one"))
    print(f"{count} documents, {os.cpu_count()} cores, median of {args.repeat}:")
    print(f"  confdocs --pdf (tagged, retagged, mended): {confdocs:6.2f} s  "
          f"{count / confdocs:5.2f} documents/s")
    mending, remade = sorted(MENDING)[len(MENDING) // 2]
    print(f"    of which reading back and mending stranded headings: {mending:.2f} s "
          f"({remade} PDFs made again)")
    print(f"  bare soffice --convert-to pdf, per core:   {bare:6.2f} s  "
          f"{count / bare:5.2f} documents/s")
    print(f"  bare soffice, confdocs' export options:   {tagged:6.2f} s  "
          f"{count / tagged:5.2f} documents/s  (tagged PDF)")
    print(f"  confdocs against the floor: {confdocs / bare:.2f}x the time "
          f"({confdocs / tagged:.2f}x with the same export options)")
    print(f"  one soffice process, one document:         {one:6.2f} s  (start-up and one conversion)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
