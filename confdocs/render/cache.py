"""Compiled templates, kept between runs in the user's cache.

Compiling a template (unzipping it, parsing its XML, docxtpl's clean-up, Jinja's parser and code
generator, Python's compiler) takes about a quarter of a second for the shipped three, and every
command that renders would pay it again. Like Python's own ``__pycache__``, the result is kept: the
Jinja code as Python bytecode, with the parts that never change already compressed.

An entry is found by a key that changes whenever anything that shaped it changes: the template's
bytes, confdocs' code and schema, docxtpl's clean-up code, and the versions
of Jinja, Python and the deflate library. What `templates check` finds in a template is kept here
too (see ``lint.gate``), so that build and render check each version of a template once.
A cache that cannot be read or written is never an error: the template is compiled, as without one.

``CONFDOCS_CACHE_DIR`` moves the cache; ``CONFDOCS_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import Any

_FORMAT = b"confdocs-compiled-template 1"
_KEEP_SECONDS = 30 * 24 * 3600


def cache_dir() -> Path | None:
    """Where compiled templates are kept, or None when caching is off."""
    if os.environ.get("CONFDOCS_NO_CACHE", "") not in ("", "0"):
        return None
    chosen = os.environ.get("CONFDOCS_CACHE_DIR")
    if chosen:
        return Path(chosen)
    try:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    except RuntimeError:  # no home directory
        return None
    return base / "confdocs" / "templates"


@cache
def _code_fingerprint() -> bytes:
    """What, besides the template, decides what compiling and checking it give: this package's
    rendering and checking code and its schema, docxtpl's clean-up code, and the versions of
    Jinja, Python and the deflate library."""
    import importlib.util

    import jinja2

    from .package import DEFLATE

    digest = hashlib.sha256(_FORMAT)
    # The deflate library too: the parts that never change are kept compressed, and a document
    # must be byte-identical whether its template came from the cache or not.
    digest.update(f"{sys.version} {jinja2.__version__} {DEFLATE}".encode())
    package = Path(__file__).parent.parent
    # The whole package, not only rendering: the template checks' findings are kept here too
    # (see lint.gate), and they depend on the linter, the schema they check fields against, and
    # validation and its rules, which choose the engagements a template is rendered for.
    sources = sorted(package.rglob("*.py"))
    from ..resources import schema_path

    sources.append(schema_path())
    spec = importlib.util.find_spec("docxtpl")
    if spec is not None and spec.origin:
        sources += sorted(Path(spec.origin).parent.glob("*.py"))
    for source in sources:
        digest.update(source.name.encode() + b"\0")
        digest.update(source.read_bytes())
    return digest.digest()


def _entry(template_sha256: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        fingerprint = _code_fingerprint()
    except OSError:
        return None
    key = hashlib.sha256(fingerprint + template_sha256.encode()).hexdigest()
    return folder / f"{key[:40]}.bin"


def load(template_sha256: str) -> Any | None:
    """The payload stored for this template, or None (not cached, unreadable or damaged)."""
    entry = _entry(template_sha256)
    if entry is None:
        return None
    try:
        raw = entry.read_bytes()
        if not raw.startswith(_FORMAT):
            return None
        payload = marshal.loads(raw[len(_FORMAT):])
    except (OSError, ValueError, EOFError, TypeError):
        return None
    with suppress(OSError):
        os.utime(entry)  # used now: pruning goes by when an entry was last used
    return payload


def store(template_sha256: str, payload: Any) -> None:
    """Keep ``payload`` (made of what ``marshal`` can hold) for next time, if the cache allows."""
    entry = _entry(template_sha256)
    if entry is None:
        return
    import time

    from ..atomic import write_atomic

    # A read-only home, a full disk: the next run compiles again.
    with suppress(OSError, ValueError):
        write_atomic(entry, _FORMAT + marshal.dumps(payload))
        # Entries not used for a month (old templates, old versions of confdocs) go.
        cutoff = time.time() - _KEEP_SECONDS
        for old in entry.parent.glob("*.bin"):
            with suppress(OSError):
                if old.stat().st_mtime < cutoff:
                    old.unlink()
