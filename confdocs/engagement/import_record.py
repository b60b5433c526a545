"""The import record, ``OUT/.confdocs-import.json``: the sha256 of each file an import wrote, so
that the next import knows whether a file is new, unchanged, to be updated, or changed by hand
since (then kept, and named, unless --force); and the writing of the files with their record,
all or none (through :mod:`.import_journal`).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from ..errors import Finding
from ..jsonfile import dumps
from .import_journal import commit
from .roster import Row

RECORD = ".confdocs-import.json"


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


def read_record(out: Path) -> dict[str, str]:
    """The sha256 of each file the last import into ``out`` wrote, by file name (none if the
    record is missing or damaged)."""
    try:
        record = json.loads((out / RECORD).read_text(encoding="utf-8"))
        files = record.get("files", {})
        return {k: v for k, v in files.items() if isinstance(k, str) and isinstance(v, str)}
    except (OSError, ValueError, AttributeError):
        return {}


def decide(planned: Sequence[Planned], roster: str, out: Path, force: bool) -> Decision:
    """Whether each file is new, unchanged, updated, or changed by hand since import wrote it
    (its ``state``, set here)."""
    record = read_record(out)
    findings: list[Finding] = []
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
    record = read_record(out)
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
