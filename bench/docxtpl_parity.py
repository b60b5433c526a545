"""How many of docxtpl's own test templates confdocs' renderer makes text-identical to docxtpl's.

Usage: python bench/docxtpl_parity.py PATH/TO/python-docx-template/tests

Each of docxtpl's test scripts is run as it is (in its own folder, writing into its output/ folder);
the first DocxTemplate.render it makes is caught, with its template and context. That template is
then rendered with that context by docxtpl and by confdocs' CompiledTemplate, and the text of every
paragraph (body, tables, headers, footers, footnotes) compared. A script whose context confdocs
cannot take (objects bound to docxtpl's own document, its own Jinja environment) or that fails on
purpose is listed as an error.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import runpy
import sys
import zipfile
from pathlib import Path
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ROOT = Path(__file__).resolve().parent.parent


def text(content: bytes) -> str:
    from lxml import etree

    found = []
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in sorted(archive.namelist()):
            if re.match(r"word/(document|header\d*|footer\d*|footnotes)\.xml$", name):
                root = etree.fromstring(archive.read(name))
                found += ["".join(t.text or "" for t in p.iter(f"{W}t"))
                          for p in root.iter(f"{W}p")]
    return "\n".join(found)


def main() -> None:
    tests = Path(sys.argv[1]).resolve()
    sys.path.insert(0, str(ROOT))
    os.chdir(tests)
    (tests / "output").mkdir(exist_ok=True)
    import docxtpl

    from confdocs.render.template import CompiledTemplate

    real = docxtpl.DocxTemplate
    render = real.render
    caught: list[tuple[Any, ...]] = []

    def catching(self: Any, context: Any = None, jinja_env: Any = None,
                 autoescape: bool = False) -> Any:
        caught.append((self.template_file, context, jinja_env, autoescape))
        return render(self, context, jinja_env, autoescape)

    real.render = catching  # type: ignore[method-assign]
    results: dict[str, str] = {}
    for script in sorted(tests.glob("*.py")):
        if script.name in ("__init__.py", "runtests.py"):
            continue
        caught.clear()
        with contextlib.suppress(BaseException):  # the scripts may exit, or fail on purpose
            runpy.run_path(str(script), run_name="__main__")
        if not caught:
            continue  # renders nothing (a helper module)
        template, context, env, autoescape = caught[0]
        try:
            theirs = real(template)
            render(theirs, context, env, autoescape)
            made = io.BytesIO()
            theirs.save(made)
            ours = CompiledTemplate(Path(template)).render(context or {})
            results[script.name] = "same" if text(ours) == text(made.getvalue()) else "DIFFERENT"
        except Exception as exc:
            results[script.name] = f"error: {type(exc).__name__}: {str(exc)[:90]}"
    for name, result in results.items():
        print(f"{name:34} {result}", file=sys.stderr)
    same = sum(result == "same" for result in results.values())
    print(f"{same} of {len(results)} text-identical", file=sys.stderr)


if __name__ == "__main__":
    main()
