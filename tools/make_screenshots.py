"""Make the README's pictures of the documents (docs/images/) from the samples, so that they
show what confdocs makes today: the first page of a contract and of a disclosure notice letter.

Builds the samples with ``confdocs build --pdf`` (LibreOffice's soffice makes the PDFs), then
renders page 1 of each with poppler's pdftoppm at a low resolution, which keeps the PNGs small
enough to commit. Run from the repository after a change to the templates or the samples:

    python tools/make_screenshots.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from confdocs.cli import main

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
RESOLUTION = "60"  # dots per inch: an A4 page of about 500 x 700 pixels
# (sample, the document of it to show, the picture's name)
PAGES = (
    ("exec-coaching-harbour-vale.json", "HV-EC-2026-014/HV-EC-2026-014-contract.pdf",
     "contract-page-1.png"),
    ("coaching-two-disclosures.json", "{id}/{id}-disclosure-D1.pdf", "disclosure-letter-page-1.png"),
)


def _id(sample: str) -> str:
    import json

    return str(json.loads((ROOT / "samples" / sample).read_text(encoding="utf-8"))["id"])


def make() -> list[Path]:
    """Build the samples' PDFs in a temporary folder and write page 1 of each to IMAGES."""
    if shutil.which("pdftoppm") is None:
        raise SystemExit("pdftoppm is missing: apt-get install poppler-utils")
    IMAGES.mkdir(parents=True, exist_ok=True)
    made = []
    with tempfile.TemporaryDirectory() as temp:
        out = Path(temp) / "out"
        samples = sorted({str(ROOT / "samples" / sample) for sample, _, _ in PAGES})
        code = main(["build", *samples, "--out", str(out), "--pdf", "--only", "contract,notice",
                     "--quiet"])
        if code != 0:
            raise SystemExit(f"confdocs build --pdf failed (exit {code})")
        for sample, document, picture in PAGES:
            pdf = out / document.format(id=_id(sample))
            stem = Path(temp) / Path(picture).stem
            subprocess.run(["pdftoppm", "-png", "-r", RESOLUTION, "-f", "1", "-l", "1",
                            "-singlefile", str(pdf), str(stem)], check=True)
            target = IMAGES / picture
            shutil.copyfile(stem.with_suffix(".png"), target)
            made.append(target)
    return made


if __name__ == "__main__":
    for path in make():
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size:,} bytes")
    sys.exit(0)
