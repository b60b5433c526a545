"""Benchmark: does a French build cost more than an English one? (issue 22)

Usage:
    python bench/language_bench.py [--n 300] [--repeat 3] [--smoke]

Writes N copies of the French sample (samples/coaching-fr-lyon.json) twice, once in fr-FR and once
with its locale set to en-GB, so that both builds render the same engagements, the same documents
and the same values; only the template set and its words differ (the French ones with each
person's gendered forms and the formal salutation). Builds each with `confdocs build --jobs 1`
(start-up included), --repeat times in alternation, and prints the median seconds and documents
per second of each, and the French build's time as a percentage of the English one.

A benchmark, not a test: run it by hand and record the figures in docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from corpus import ROOT, SMOKE_HELP, WORK

SAMPLE = ROOT / "samples" / "coaching-fr-lyon.json"
GENDERS = ("feminine", "masculine", None)


def write_corpus(folder: Path, count: int, locale: str) -> None:
    """``count`` copies of the French sample in ``locale``, their people's genders in turn."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    base = json.loads(SAMPLE.read_text(encoding="utf-8"))
    base.pop("$schema", None)
    for index in range(count):
        data = json.loads(json.dumps(base))
        data["id"] = f"LANG-{index:05d}"
        data["locale"] = locale
        gender = GENDERS[index % len(GENDERS)]
        for person in (data["parties"]["client"], data["parties"]["practitioner"]):
            person.pop("gender", None)
            if gender is not None:
                person["gender"] = gender
        (folder / f"{data['id']}.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def timed_build(corpus: Path, out: Path) -> float:
    if out.exists():
        shutil.rmtree(out)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "confdocs", "build", str(corpus), "--out", str(out),
                    "--jobs", "1"], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--smoke", action="store_true", help=SMOKE_HELP)
    args = parser.parse_args()
    if args.smoke:
        args.n, args.repeat = 3, 1
    folder = WORK / "language"
    corpora = {locale: folder / locale for locale in ("en-GB", "fr-FR")}
    for locale, corpus in corpora.items():
        write_corpus(corpus, args.n, locale)
    times: dict[str, list[float]] = {locale: [] for locale in corpora}
    timed_build(corpora["en-GB"], folder / "warm")  # the compiled templates' cache, once
    timed_build(corpora["fr-FR"], folder / "warm")
    for _ in range(args.repeat):
        for locale, corpus in corpora.items():
            times[locale].append(timed_build(corpus, folder / f"out-{locale}"))
    documents = args.n * 4  # a contract, an annex, a letter and a decision record each
    median = {locale: statistics.median(values) for locale, values in times.items()}
    for locale, seconds in median.items():
        print(f"{locale}: {args.n} engagements, {documents} documents in {seconds:.2f} s "
              f"(median of {args.repeat}), {documents / seconds:.0f} documents/s")
    print(f"fr-FR takes {100 * median['fr-FR'] / median['en-GB']:.0f}% of en-GB's time")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
