#!/usr/bin/env python3
"""Write confdocs' shipped Word templates: this script is their one source.

For every language it writes templates/<locale>/contract.docx, feedback-annex.docx,
disclosure-notice.docx and decision-record.docx with python-docx. The machinery (the builder,
its helpers and the deterministic packaging) is in tools/docx_builder.py; the text of each
language is in its own module, tools/templates_text/<locale>.py (en_GB.py, fr_FR.py). The
shipped clauses are changed there, never in the .docx files (a test checks that the shipped
files are exactly this script's output, so the two cannot drift). Organisations that want their
own wording copy a shipped template, edit it in Word or LibreOffice, and pass its folder with
``confdocs build --templates DIR``.

Usage::

    python tools/make_templates.py                  # rewrite templates/<locale>/ for every locale
    python tools/make_templates.py --locale fr-FR   # only one locale
    python tools/make_templates.py --check          # exit 1 if a shipped template differs
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

# The script runs as a file (python tools/make_templates.py): its folder is on sys.path, so the
# builder and the text modules import as top-level modules.
from docx_builder import Builder
from templates_text import en_GB, fr_FR

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "templates"

# Every shipped language: its template set's folder name, and the builders of its templates.
LOCALES: Mapping[str, Mapping[str, Callable[[], Builder]]] = {
    "en-GB": en_GB.TEMPLATES,
    "fr-FR": fr_FR.TEMPLATES,
}


def render_all(locale: str) -> dict[str, bytes]:
    """Every template of ``locale``'s set, as bytes, by file name."""
    return {name: build().to_bytes() for name, build in LOCALES[locale].items()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="the folder of the template sets, one sub-folder per locale "
                             "(default: templates/)")
    parser.add_argument("--locale", action="append", choices=sorted(LOCALES),
                        help="only this locale (may be repeated; default: every locale)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a template in --out differs from this "
                             "script's output")
    args = parser.parse_args(argv)

    stale = []
    for locale in args.locale or LOCALES:
        out: Path = args.out / locale
        for name, data in render_all(locale).items():
            path = out / name
            if args.check:
                if not path.is_file() or path.read_bytes() != data:
                    stale.append(f"{locale}/{name}")
                continue
            out.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            print(path)
    if stale:
        print(f"{args.out}: {', '.join(stale)} differ(s) from tools/make_templates.py; run "
              "python tools/make_templates.py and commit the result", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
