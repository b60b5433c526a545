"""The import record, ``OUT/.confdocs-import.json``: the sha256 of each file an import wrote, so
that the next import knows whether a file is new, unchanged, to be updated, or changed by hand
since (then kept, and named, unless --force); and the writing of the files with their record,
all or none (through :mod:`.import_journal`).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from ..atomic import open_no_follow
from ..errors import Finding
from ..jsonfile import dumps
from .import_journal import commit
from .roster import Row

RECORD = ".confdocs-import.json"
# About 100 bytes a file: far past the largest roster's.
MAX_RECORD_BYTES = 64 * 1024 * 1024


@dataclass
class Planned:
    """One file the import would write."""

    row: Row
    ident: str
    path: Path
    content: bytes
    state: str = "new"  # new, updated, unchanged, kept (changed by hand), replaced (--force)


class Decision(NamedTuple):
    """What the record and the folder said: findings (a file kept, a row gone, a file that
    cannot be read) and the files an earlier import wrote whose row is no longer in the roster."""

    findings: list[Finding]
    gone: list[str]


class Record(NamedTuple):
    """The record as read: the sha256 of each file, by name, and what is wrong with it, if
    anything (then it counts as none)."""

    files: dict[str, str]
    damage: str | None = None


def read_record(out: Path) -> Record:
    """The sha256 of each file the last import into ``out`` wrote, by file name (none if the
    record is missing or damaged: a run stopped by a full disk, a hand, a link planted at its
    name, which is never followed)."""
    try:
        handle = open_no_follow(out / RECORD, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return Record({})
    except OSError as exc:
        return Record({}, f"cannot be read ({exc.strerror or exc})")
    with os.fdopen(handle, "rb") as file:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            return Record({}, "is not a file")
        raw = file.read(MAX_RECORD_BYTES + 1)
    if len(raw) > MAX_RECORD_BYTES:
        return Record({}, f"is larger than a record may be ({MAX_RECORD_BYTES // 1048576} MiB)")
    try:
        files = json.loads(raw.decode("utf-8")).get("files")
    except (ValueError, RecursionError, AttributeError):
        return Record({}, "is damaged (not JSON)")
    if not isinstance(files, dict):
        return Record({}, "is damaged (no list of files)")
    return Record({k: v for k, v in files.items() if isinstance(v, str)})


def decide(planned: Sequence[Planned], roster: str, out: Path, force: bool) -> Decision:
    """Whether each file is new, unchanged, updated, or changed by hand since import wrote it
    (its ``state``, set here)."""
    record, damage = read_record(out)
    findings: list[Finding] = []
    if damage is not None:
        findings.append(Finding(
            str(out / RECORD), 1, 1, "import-record-damaged", "warning", "",
            f"{damage}, so no file is known to have been written by import: a file that "
            "differs from its row is kept as it is; run the import with --force to write them "
            "all again (and the record with them)"))
    # One listing of the folder, rather than a failed open for each new file (a first import
    # of 10,000 rows spent a second and a half on those).
    try:
        present = {entry.name for entry in os.scandir(out)}
    except OSError:
        present = set()
    for each in planned:
        if each.path.parent == out and each.path.name not in present:
            continue  # a new file
        try:
            current = each.path.read_bytes()
        except FileNotFoundError:
            continue
        except OSError as exc:
            findings.append(Finding(str(each.path), 1, 1, "import-unreadable", "error", "",
                                    f"cannot be read ({exc.strerror or exc})"))
            continue
        sha = hashlib.sha256(current).hexdigest()
        if current == each.content:
            each.state = "unchanged"
        elif record.get(each.path.name) == sha:
            each.state = "updated"
        elif force:
            each.state = "replaced"
        else:
            each.state = "kept"
            why = ("was changed by hand since confdocs import wrote it"
                   if each.path.name in record else "was not written by confdocs import")
            findings.append(Finding(
                str(each.path), 1, 1, "import-file-kept", "warning", "",
                f"{why}, so it is kept as it is (roster {roster}, row {each.row.number}); move "
                "the change into the roster or the profile, or run the import again with "
                "--force to replace it"))
    rows = {p.path.name for p in planned}
    gone = sorted(name for name in record if name not in rows and (out / name).exists())
    for name in gone:
        findings.append(Finding(
            str(out / name), 1, 1, "import-row-gone", "warning", "",
            f"an earlier import wrote it, but its row is no longer in {roster}; it is left "
            "as it is: delete it if that engagement is not to be built"))
    return Decision(findings, gone)


def write_files(planned: Sequence[Planned], roster: str, out: Path) -> None:
    """Write the files whose state says so and then the record, all of them or none (see
    :mod:`.import_journal`)."""
    record = read_record(out).files
    files: list[tuple[str, bytes]] = []
    for each in planned:
        if each.state in ("new", "updated", "replaced"):
            files.append((each.path.name, each.content))
        if each.state != "kept":
            record[each.path.name] = hashlib.sha256(each.content).hexdigest()
    if planned:
        text = dumps({"tool": "confdocs import", "roster": roster,
                      "files": dict(sorted(record.items()))}) + "\n"
        files.append((RECORD, text.encode("utf-8")))
    commit(out, files)
