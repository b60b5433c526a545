"""What reading LibreOffice's PDFs back for stranded headings costs `confdocs build --pdf`.

Usage::

    python bench/pagination_bench.py [--repeat 3] [--smoke]

Builds the samples and the edge engagements with --pdf into a temporary folder, then times the
check that `--pdf` runs on every PDF (confdocs.build.pagination: text of each page through PDFium, the
headings of the .docx), and reports it beside the time of the whole build.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--smoke", action="store_true",
                        help="one engagement, read back once: checks the bench still works (CI runs it)")
    args = parser.parse_args()
    inputs = [ROOT / "samples", ROOT / "tests" / "edge"]
    if args.smoke:
        inputs, args.repeat = [ROOT / "tests" / "edge" / "minimal-coaching.json"], 1
    sys.path.insert(0, str(ROOT))
    from confdocs.build import build
    from confdocs.build.pagination import heading_texts, stranded

    with tempfile.TemporaryDirectory() as work:
        started = time.perf_counter()
        report = build(inputs, Path(work), pdf=True)
        whole = time.perf_counter() - started
        pdfs = sorted(Path(work).rglob("*.pdf"))
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            found = [stranded(pdf, heading_texts(pdf.with_suffix(".docx").read_bytes()))
                     for pdf in pdfs]
            times.append(time.perf_counter() - started)
    print(f"build --pdf of {report.files} engagements ({len(pdfs)} PDFs): {whole:.1f} s")
    print(f"reading them back: median {statistics.median(times):.2f} s over {args.repeat} runs "
          f"({min(times):.2f} to {max(times):.2f}); stranded headings left: "
          f"{sum(len(f) for f in found)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
