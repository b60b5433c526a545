"""How an import's writes become all or none: the journal, ``OUT/.confdocs-import.journal``.

An import that was stopped part of the way (Ctrl-C, ``kill -9``, a full disk) used to leave some
engagement files new, the rest old and the record old, so that a build in between made part of
a cohort. Now every new or changed file, the record among them, is first written beside its
place under a temporary name (``.confdocs-import-tmp-...``); they are flushed to disk, and only
then is the journal put in place: the list of renames, temporary name to final name, the
record's last. The renames follow, and the journal is removed.

A stop at any moment so leaves one of three things. Before the journal is in place: the old
files and record, and temporary files no one reads; the next import removes them (roll back).
With the journal in place: the next import makes every rename it lists before anything else
(roll forward), so the folder holds all of the stopped import. Build and validate meeting a
folder that holds a journal say so, and read none of it, rather than build half a cohort.

The folder's files are read and written only under the import lock (see :mod:`confdocs.lock`).
Nothing is written through a link: temporary files are created exclusively without following
one, the journal is read without following one, and a rename replaces a link at its target's
name rather than writing where it points; a journal naming anything but a plain file of ours
beside it is not replayed.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Sequence
from pathlib import Path

from ..atomic import LinkRefused, open_no_follow, remove_stale_temps, write_temp
from ..errors import Finding, InputError
from ..jsonfile import dumps

JOURNAL = ".confdocs-import.journal"
STAGED = ".confdocs-import-tmp-"  # the temporary files of an import, and of its journal
# Two names for each row of a roster of the largest size, and then some: a journal larger than
# this was not written by an import.
MAX_JOURNAL_BYTES = 64 * 1024 * 1024


def pending(folder: Path) -> bool:
    """Whether an import into ``folder`` stopped after its journal was in place (or is making
    its renames now)."""
    return os.path.lexists(folder / JOURNAL)


def interrupted(folder: str) -> str:
    """What build and validate say of a folder whose import did not finish."""
    return (f"{folder}: an import into this folder was interrupted ({JOURNAL} is there), so its "
            "engagement files may be part old, part new; run the same import again to finish "
            "it, then this command")


def commit(out: Path, files: Sequence[tuple[str, bytes]]) -> None:
    """Put ``files`` (name in ``out``, content), all of them or none, in place in ``out``; a
    stop part of the way is finished by :func:`recover`. The record comes last in ``files``."""
    if not files:
        return
    staged: list[tuple[str, str]] = []
    journal = out / JOURNAL
    ready: Path | None = None  # the journal, staged
    placed = False
    try:
        for name, content in files:
            staged.append((write_temp(out / name, content, prefix=STAGED).name, name))
        if len(staged) == 1:
            os.replace(out / staged[0][0], out / staged[0][1])  # one rename is all or none
            return
        _to_disk(out, [temp for temp, _ in staged])
        text = dumps({"tool": "confdocs import", "renames": [list(pair) for pair in staged]})
        ready = write_temp(journal, (text + "\n").encode("utf-8"), prefix=STAGED, durable=True)
        os.replace(ready, journal)
        placed = True
        _sync_folder(out)  # the journal's name, too, is on disk before any rename is made
    except BaseException:
        # Nothing is in place yet: the old files and record stand, and what was staged goes.
        if placed:
            journal.unlink(missing_ok=True)
        elif ready is not None:
            ready.unlink(missing_ok=True)
        for temp, _ in staged:
            (out / temp).unlink(missing_ok=True)
        raise
    # From here a stop leaves the journal, which the next import replays to the end.
    _replay(out, staged)
    journal.unlink()


def recover(out: Path) -> list[Finding]:
    """Finish the import into ``out`` that stopped with its journal in place, and remove what
    a stopped import staged; a warning if its journal is damaged (then it is not replayed).
    Call it holding the import lock."""
    findings: list[Finding] = []
    journal = out / JOURNAL
    raw = _read_journal(journal)
    if raw is not None:
        renames = _renames(out, raw)
        if renames is None:
            findings.append(Finding(
                str(journal), 1, 1, "import-journal-damaged", "warning", "",
                "the journal of an import that was interrupted is damaged, so that import was "
                "not finished: a file it had put in place is said to be changed by hand; check "
                "those files, or run the import with --force"))
        else:
            _replay(out, renames)
        journal.unlink(missing_ok=True)
    remove_stale_temps(out, STAGED)
    return findings


def pending_finding(out: Path) -> Finding | None:
    """A warning for a dry run into a folder whose last import was interrupted."""
    if not pending(out):
        return None
    return Finding(str(out / JOURNAL), 1, 1, "import-interrupted", "warning", "",
                   "an import into this folder was interrupted; the next import (without "
                   "--dry-run) finishes it first, so this dry run may not say what it will do")


def _to_disk(out: Path, temps: Sequence[str]) -> None:
    """The staged files' content on disk, so that a power cut after the journal is in place
    cannot leave a renamed file empty. One sync of the file systems, where there is one: an
    fsync of each file took 3 ms here, 30 seconds for a roster of 10,000 rows."""
    sync = getattr(os, "sync", None)
    if sync is not None:
        sync()
        return
    for temp in temps:  # Windows
        handle = open_no_follow(out / temp, os.O_RDWR)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _sync_folder(out: Path) -> None:
    """The folder's entries on disk (POSIX; Windows cannot open a folder, nor needs to)."""
    try:
        handle = os.open(out, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):  # some file systems cannot sync a folder
            os.fsync(handle)
    finally:
        os.close(handle)


def _replay(out: Path, renames: Sequence[tuple[str, str]]) -> None:
    """Make each rename whose temporary file is still there (the others were made)."""
    for temp, final in renames:
        try:
            os.replace(out / temp, out / final)
        except FileNotFoundError:
            continue


def _read_journal(journal: Path) -> bytes | None:
    """The journal's bytes; None when there is none."""
    try:
        handle = open_no_follow(journal, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None
    except LinkRefused as exc:
        raise InputError(f"{exc.filename}: {exc.strerror}; a link planted in the folder could "
                         "make an import write elsewhere") from None
    except OSError as exc:
        raise InputError(f"{journal}: cannot be read ({exc.strerror or exc}); check the "
                         "folder's permissions") from None
    with os.fdopen(handle, "rb") as file:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            return b""  # not a journal of ours: damaged
        return file.read(MAX_JOURNAL_BYTES + 1)


def _renames(out: Path, raw: bytes) -> list[tuple[str, str]] | None:
    """The renames a journal lists, or None if it is damaged, or names anything but our own
    temporary files and the engagement files and record beside them."""
    if len(raw) > MAX_JOURNAL_BYTES:
        return None
    try:
        listed = json.loads(raw.decode("utf-8")).get("renames")
    except (ValueError, RecursionError, AttributeError):
        return None
    if not isinstance(listed, list):
        return None
    renames: list[tuple[str, str]] = []
    for pair in listed:
        if not (isinstance(pair, list) and len(pair) == 2
                and all(isinstance(name, str) and _plain(name) for name in pair)):
            return None
        temp, final = pair
        if not (temp.startswith(STAGED) and temp.endswith(f"-{final}")
                and final.endswith(".json") and not final.startswith(STAGED)):
            return None
        try:
            staged = os.lstat(out / temp)
        except FileNotFoundError:
            renames.append((temp, final))  # renamed before the stop
            continue
        except OSError:
            return None
        if not stat.S_ISREG(staged.st_mode):
            return None  # a link or something else put there since: never moved into place
        renames.append((temp, final))
    return renames


def _plain(name: str) -> bool:
    """A name of a file directly in the folder: no folder part, no way out of it."""
    return (name not in ("", ".", "..") and "/" not in name and "\\" not in name
            and "\0" not in name and not name.startswith(".."))
