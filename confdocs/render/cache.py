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

An entry holds Python bytecode, which runs around the sandbox, so it is never trusted for being
there: each carries an HMAC-SHA256 of its content, made with a key of the user's own kept outside
the cache folder (``cache.key`` in the user's state folder, see ``confdocs.folders``: on Linux
``$XDG_STATE_HOME/confdocs``; readable by the user alone). An entry
whose digest does not match, that another user owns, or that is not a plain file, is compiled
afresh; a key others could read turns the cache off.

``CONFDOCS_CACHE_DIR`` moves the cache; ``CONFDOCS_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import hashlib
import hmac
import marshal
import os
import stat
import sys
from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import Any

# Changed whenever what an entry holds changes shape, so that an older entry is compiled afresh,
# never misread (3: each templated part is a dict of CompiledPart's fields, not a 9-tuple).
# 4: the signature covers the entry's name (its template and code), so that an entry moved to
# another's name is refused, never used as the other template.
_FORMAT = b"confdocs-compiled-template 4"
_DIGEST = 32  # bytes of HMAC-SHA256, between the header and the payload
_KEEP_SECONDS = 30 * 24 * 3600
_KEY_BYTES = 32


def cache_dir() -> Path | None:
    """Where compiled templates are kept, or None when caching is off."""
    if os.environ.get("CONFDOCS_NO_CACHE", "") not in ("", "0"):
        return None
    chosen = os.environ.get("CONFDOCS_CACHE_DIR")
    if chosen:
        return Path(chosen)
    from ..folders import user_cache

    base = user_cache()
    return base / "templates" if base is not None else None


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


def key_path() -> Path | None:
    """Where the key that signs cache entries is kept: the user's state folder, never the cache's
    (whoever can write a shared or moved cache folder must not also hold the key)."""
    from ..folders import user_state

    base = user_state()
    return base / "cache.key" if base is not None else None


def _owned_by_me(info: os.stat_result) -> bool:
    return not hasattr(os, "getuid") or info.st_uid == os.getuid()


def _key(create: bool) -> bytes | None:
    """The user's key, made on first use; None when there is none to trust."""
    path = key_path()
    if path is None:
        return None
    key = _read_key(path)
    if key is not None and len(key) < _KEY_BYTES and create:
        # None yet, or one cut short (a full disk as it was written): a new one, and the
        # entries signed with none are compiled afresh.
        _new_key(path)
        key = _read_key(path)
    return key if key is not None and len(key) >= _KEY_BYTES else None


def _read_key(path: Path) -> bytes | None:
    """The key's bytes (none if there is no key); None when the file is not to be trusted."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return b""
    try:
        info = os.fstat(fd)
        if (not stat.S_ISREG(info.st_mode) or not _owned_by_me(info)
                or (hasattr(os, "getuid") and info.st_mode & 0o077)):
            return None  # others could read (or have written) it: sign nothing with it
        return os.read(fd, 64)
    finally:
        os.close(fd)


def _new_key(path: Path) -> None:
    """A new key at ``path``, readable by the user alone, written whole before it takes the
    name: a run stopped part of the way never leaves a short key. Two runs making one at once
    each sign with their own for a moment; the loser's entries are compiled again next time."""
    import secrets

    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(8)}")
    made = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                   0o600)
    try:
        try:
            os.write(made, os.urandom(_KEY_BYTES))
        finally:
            os.close(made)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def _sign(key: bytes, entry: Path, body: bytes) -> bytes:
    """The entry's signature: over its name too, which says which template (and which code) it
    was made from; signed over its body alone, two valid entries swapped gave an English
    engagement the French contract."""
    return hmac.new(key, _FORMAT + entry.name.encode() + b"\0" + body, hashlib.sha256).digest()


def _read_own_file(entry: Path) -> bytes | None:
    """The entry's bytes, if it is a plain file of this user's (not a link, not another's)."""
    fd = os.open(entry, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or not _owned_by_me(info):
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(fd)


def load(template_sha256: str) -> Any | None:
    """The payload stored for this template, or None (not cached, unreadable, damaged, forged or
    not the user's own)."""
    entry = _entry(template_sha256)
    if entry is None:
        return None
    try:
        key = _key(create=False)
        raw = _read_own_file(entry) if key is not None else None
        if key is None or raw is None or not raw.startswith(_FORMAT):
            return None
        digest = raw[len(_FORMAT):len(_FORMAT) + _DIGEST]
        body = raw[len(_FORMAT) + _DIGEST:]
        if not hmac.compare_digest(digest, _sign(key, entry, body)):
            return None  # damaged or forged: never unmarshalled
        payload = marshal.loads(body)
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
        key = _key(create=True)
        if key is None:
            return
        body = marshal.dumps(payload)
        write_atomic(entry, _FORMAT + _sign(key, entry, body) + body)
        # Entries not used for a month (old templates, old versions of confdocs) go.
        cutoff = time.time() - _KEEP_SECONDS
        for old in entry.parent.glob("*.bin"):
            with suppress(OSError):
                if old.stat().st_mtime < cutoff:
                    old.unlink()
