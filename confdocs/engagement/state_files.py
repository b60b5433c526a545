"""The files confdocs keeps beside engagements and documents, which are never engagements.

An import leaves its record (``.confdocs-import.json``) in the folder of the engagements it wrote,
and the guide says to keep it there; a build leaves manifest.json in its output folder. A folder
walk never reaches the hidden ones, but a file named on the command line is read as given, and
pre-commit names every ``*.json`` of a commit: taken for an engagement, the record alone gave 14
errors and blocked every commit of a cohort. So ``validate`` (and ``build``, ``upgrade``) pass over
these files by what they are, whoever names them.
"""

from __future__ import annotations

import os
import re
import stat

from ..atomic import LOCK_FILE, TEMP_PREFIX
from ..lock import IMPORT_LOCK
from .import_journal import JOURNAL, STAGED
from .import_record import RECORD

# build's names (confdocs.build.manifest), written out here because a stage never imports a later
# one; a test holds them equal.
MANIFEST = "manifest.json"
MANIFEST_JOURNAL = ".manifest.journal"

_NAMES = frozenset({RECORD, JOURNAL, LOCK_FILE, IMPORT_LOCK, MANIFEST_JOURNAL})
_PREFIXES = (STAGED, TEMP_PREFIX)
# How every manifest build and merge-manifests write begins. An engagement has no "tool" field
# (the schema refuses one), so a file beginning so is never an engagement.
_MANIFEST_START = re.compile(rb'\A(?:\xef\xbb\xbf)?\s*\{\s*"tool"\s*:\s*"confdocs"')


def is_state_file(name: str) -> bool:
    """Whether the file ``name`` is one confdocs writes for itself: an import's record, journal,
    lock or temporary file, a build's lock, journal or temporary file, or a build's manifest.json
    (known by its first bytes, so an engagement that happens to be called manifest.json is
    still checked)."""
    base = os.path.basename(name)
    if base in _NAMES or base.startswith(_PREFIXES):
        return True
    return base == MANIFEST and is_manifest(name)


def is_manifest(name: str) -> bool:
    """Whether the file ``name`` begins as a build's manifest does (its first bytes only)."""
    try:
        # Without waiting, and only a plain file: a pipe would block until a writer came.
        handle = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(handle, "rb") as file:
            if not stat.S_ISREG(os.fstat(handle).st_mode):
                return False
            start = file.read(256)
    except OSError:
        return False  # left for the validation to report as it reports any unreadable input
    return _MANIFEST_START.match(start) is not None
