"""The files that extend a profile, found from the profile: what a change to it changes.

pre-commit names the files of a commit. A commit that changes only a profile named the profile
alone, which a profile check passes, while every engagement extending it could become invalid
(a field the profile took away, a date it moved). ``validate --extending-in ROOT`` adds to the
files named every file under ROOT whose ``extends`` leads, directly or through other profiles,
to one of them.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Collection, Iterable, Iterator

from .profiles import EXTENDS, profile_path
from .source import MAX_FILE_BYTES

# Read whole only when these bytes are in it: most JSON in a repository extends nothing.
_MARK = f'"{EXTENDS}"'.encode()


def extending(targets: Collection[str], candidates: Iterable[str]) -> Iterator[str]:
    """The ``candidates`` whose chain of profiles reaches one of the files ``targets`` (given as
    :func:`os.path.realpath` gives them), in the candidates' order. A file that cannot be read
    or parsed, or names its profile in a way ``validate`` refuses, extends nothing here: it is
    not among the files of the change, and is reported when it is."""
    if not targets:
        return
    parents: dict[str, str | None] = {}  # a file -> the profile it names, as validate finds it
    for name in candidates:
        if _reaches(name, targets, parents):
            yield name


def _reaches(name: str, targets: Collection[str], parents: dict[str, str | None]) -> bool:
    seen = {os.path.realpath(name)}
    current = name
    while True:
        if current not in parents:
            parents[current] = _profile_named(current)
        parent = parents[current]
        if parent is None:
            return False
        real = os.path.realpath(parent)
        if real in targets:
            return True
        if real in seen:  # a cycle, which validate reports
            return False
        seen.add(real)
        current = parent


def _profile_named(name: str) -> str | None:
    """The profile the file ``name`` extends, as validate finds it (relative to the file's
    folder), or None."""
    try:
        # Without waiting, and only a plain file: a pipe would block until a writer came.
        handle = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(handle, "rb") as file:
            if not stat.S_ISREG(os.fstat(handle).st_mode):
                return None
            raw = file.read(MAX_FILE_BYTES + 1)
    except OSError:
        return None
    if len(raw) > MAX_FILE_BYTES or _MARK not in raw:
        return None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    extends = data.get(EXTENDS) if isinstance(data, dict) else None
    if not isinstance(extends, str) or os.path.isabs(extends) or not extends.endswith(".json"):
        return None
    return profile_path(name, extends)
