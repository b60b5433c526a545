"""Benchmark: a contract template with a link, a picture and an included document (rendered by
docxtpl, document by document) against the shipped contract (the compile-once renderer).

Usage:
    python bench/extras_bench.py [--n 200] [--jobs J] [--smoke]

Makes a copy of the shipped contract.docx with three paragraphs added at its end
(``{{r link(...) }}``, ``{{ image('logo.png') }}``, ``{{p subdoc('terms.docx') }}``), and a folder
holding it with logo.png and terms.docx. Builds the contracts of N engagements with each
template, one `confdocs build` command each, and prints documents per second and peak memory.

A benchmark, not a test: run it by hand and record the figures in docs/performance.md.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from build_bench import confdocs_build, output_folders
from corpus import ROOT, SMOKE_HELP, WORK, make_corpus


def make_templates(folder: Path) -> Path:
    import docx

    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "data" / "pictures" / "logo.png", folder)  # the tests' logo
    terms = docx.Document()
    terms.add_heading("Standard terms", 2)
    for number in range(1, 6):
        terms.add_paragraph(f"Term {number}: the organisation's standard wording, included whole.")
    terms.save(str(folder / "terms.docx"))
    contract = docx.Document(str(ROOT / "templates" / "en-GB" / "contract.docx"))
    contract.add_paragraph("Complaints: {{r link(professional_body.complaints_url) }}")
    contract.add_paragraph("{{ image('logo.png', width_mm=40) }}")
    contract.add_paragraph("{{p subdoc('terms.docx') }}")
    contract.save(str(folder / "contract.docx"))
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--smoke", action="store_true", help=SMOKE_HELP)
    args = parser.parse_args()
    if args.smoke:
        args.n = 3

    inputs = WORK / "engagements-extras"
    make_corpus(inputs, args.n)
    templates = make_templates(WORK / "extras-templates")
    with output_folders():
        for label, extra in (("shipped contract", []),
                             ("with link, image, subdoc", ["--templates", str(templates)])):
            options = ["--only", "contract", *extra]
            confdocs_build(inputs, args.jobs, extra=options)  # compiles (and caches) the template
            timed = confdocs_build(inputs, args.jobs, extra=options)
            print(f"{label:26} {timed.documents} documents in {timed.seconds:.2f} s = "
                  f"{timed.documents / timed.seconds:,.0f} documents/s, "
                  f"peak memory {timed.peak_mib:.1f} MiB")

if __name__ == "__main__":
    main()
