"""Which version of the engagement schema a file is written for, and what validate says when it is
not this confdocs's.

``schema_version`` goes up whenever a file valid before is no longer valid. A file written for an
older version gets one finding that names ``confdocs upgrade``, not every schema error its age
explains; a file written for a newer version gets one finding asking for a newer confdocs.
"""

from __future__ import annotations

import shlex
from typing import Any

from .source import Source

# The version this confdocs reads and writes; the schema's schema_version const (a test keeps
# the two equal). docs/upgrading.md has a section for every step up to it.
SCHEMA_VERSION = 2
VERSION_FIELD = "schema_version"
POINTER = f"/{VERSION_FIELD}"


def version_number(value: Any) -> int | None:
    """``value`` as a version number (1, or 1.0, which JSON counts as the same), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def check_version(source: Source) -> bool:
    """Add the one finding a file written for another schema version gets; True when it got one
    (its other checks are then skipped: they would only repeat what its age explains). A value
    that is no version number is left to the schema to report."""
    data = source.data
    if not isinstance(data, dict) or VERSION_FIELD not in data:
        return False
    version = version_number(data[VERSION_FIELD])
    if version is None or version == SCHEMA_VERSION:
        return False
    name = _holder(source)
    if version < SCHEMA_VERSION:
        # Standard input cannot be rewritten in place: the file it came from can.
        command = ("save it as a file and run `confdocs upgrade FILE`" if name == "<stdin>"
                   else f"run `confdocs upgrade {shlex.quote(name)}`")
        source.add("schema-version-old", "error", POINTER,
                   f"written for version {version} of the engagement schema, and this confdocs "
                   f"reads version {SCHEMA_VERSION}; {command} to bring it up to date "
                   "(docs/upgrading.md says what changed)")
    else:
        source.add("schema-version-new", "error", POINTER,
                   f"written for version {version} of the engagement schema, newer than version "
                   f"{SCHEMA_VERSION}, the newest this confdocs reads; update confdocs (pip "
                   "install --upgrade confdocs)")
    return True


def _holder(source: Source) -> str:
    """The file the schema_version stands in: an engagement merged with its profiles may take it
    from one of them."""
    from .profiles import MergedSource

    if isinstance(source, MergedSource):
        return source.owner(POINTER).name
    return source.name
