"""manifest.json: what a build wrote, from what, and the hashes that prove it.

It is also what makes builds incremental: an output whose input, template and tool version are
unchanged since the manifest recorded it, and whose file is still the one recorded, is not rebuilt.
Whether it is the one recorded is decided by its size and modification time (nanoseconds), which
a stat gives without reading the file; the hash decides when they differ, when an older manifest
did not record them, and for every file under ``--verify``.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path, PureWindowsPath
from typing import Any, BinaryIO

from .. import __version__
from ..atomic import LinkRefused, open_no_follow, write_atomic
from ..bounded import open_regular, read_regular
from ..errors import ConfdocsError, InputError
from ..jsonfile import dump_chunks
from .json_stream import ListStream

MANIFEST = "manifest.json"
JOURNAL = ".manifest.journal"
# Records written to the journal at a time. A run killed outright (kill -9) loses at most these
# records, and the next run rebuilds their documents: nothing is ever half-written.
JOURNAL_FLUSH = 32
# About 400 bytes a document: some 1.3 million documents, far past any one output folder.
MAX_MANIFEST_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Output:
    """One file written: where, from which input and template, and the hashes of all three.

    Slotted: a build of many thousand documents holds one per document."""

    path: str  # relative to the output folder, with '/'
    sha256: str
    input: str
    input_sha256: str
    template: str
    template_sha256: str
    engagement: str
    document: str
    tool_version: str = __version__
    # The profiles the input extends, each path with its sha256 (none: the key is left out).
    profiles: dict[str, str] | None = None
    # The catalogue of words the document was written with (a template set's messages.po) and
    # its sha256; none for the en-GB words built in (the keys are left out).
    catalogue: str | None = None
    catalogue_sha256: str | None = None
    # The file's size and modification time as it was written, which let a later build trust it
    # after a stat instead of reading and hashing it. None in manifests written before them:
    # such a file is hashed once, and its stat recorded.
    size: int | None = None
    mtime_ns: int | None = None

    def as_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for name in self.__slots__:
            value = getattr(self, name)
            if (name not in _LEFT_OUT_WHEN_EMPTY or value
                    or (name in _STAT and value is not None)):
                found[name] = value
        return found

    def with_stat(self, found: os.stat_result) -> Output:
        """This entry, its file's size and modification time as ``found`` gives them."""
        return replace(self, size=found.st_size, mtime_ns=found.st_mtime_ns)

    def same_stat(self, found: os.stat_result) -> bool:
        """Whether ``found`` shows the file as it was recorded (never, without a recorded stat)."""
        return (self.size is not None and self.mtime_ns is not None
                and found.st_size == self.size and found.st_mtime_ns == self.mtime_ns)

    def well_formed(self) -> bool:
        """Every field as a manifest must hold it (a manifest may be damaged or forged)."""
        profiles = self.profiles
        return (all(isinstance(getattr(self, name), str) for name in self.__slots__
                    if name not in _LEFT_OUT_WHEN_EMPTY)
                and all(isinstance(getattr(self, name), (str, type(None)))
                        for name in ("catalogue", "catalogue_sha256"))
                and all(getattr(self, name) is None or (type(getattr(self, name)) is int
                                                        and getattr(self, name) >= 0)
                        for name in _STAT)
                and (profiles is None or (isinstance(profiles, dict) and all(
                    isinstance(k, str) and isinstance(v, str) for k, v in profiles.items()))))


_STAT = ("size", "mtime_ns")
_LEFT_OUT_WHEN_EMPTY = frozenset({"profiles", "catalogue", "catalogue_sha256", *_STAT})


def contained(out: Path, relative: object, proven: set[str] | None = None) -> Path | None:
    """The file ``relative`` (a path read from a manifest or journal) names inside ``out``, or
    None when it could lead anywhere else: absolute, with '..', or through a symbolic link. A
    manifest is a file anyone who can write the output folder can forge; what it names is
    never trusted to stay inside on its own.

    ``proven`` holds the folders (relative, with '/') already found to be no links, so that a
    manifest's many entries in one folder look at that folder once."""
    found = _inside(os.fspath(out), relative, proven)
    return None if found is None else out / found


def _inside(base: str, relative: object, proven: set[str] | None) -> str | None:
    """:func:`contained` on strings (a manifest of 300,000 entries spent a second making
    paths): ``relative`` when it stays inside the folder ``base``, else None."""
    if not isinstance(relative, str) or not relative or "\\" in relative or "\0" in relative:
        return None
    if relative.startswith("/") or (":" in relative and PureWindowsPath(relative).drive):
        return None
    parts = relative.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return None
    for index in range(1, len(parts) + 1):
        prefix = "/".join(parts[:index]) if index < len(parts) else relative
        if index < len(parts) and proven is not None and prefix in proven:
            continue
        if os.path.islink(os.path.join(base, prefix)):
            return None
        if index < len(parts) and proven is not None:
            proven.add(prefix)
    return relative


# A PDF's entry: its document is that of its .docx and this; its template, the .docx it was made
# from, with that .docx's sha256.
PDF_SUFFIX = "-pdf"


def pdf_of(document: str) -> str:
    """The path of the PDF made from the .docx at ``document``."""
    return document.removesuffix(".docx") + ".pdf"


def docx_of(pdf: str) -> str:
    """The path of the .docx the PDF at ``pdf`` is made from."""
    return pdf.removesuffix(".pdf") + ".docx"


# How a manifest names a shipped template or catalogue: the same on every machine.
SHIPPED = "shipped:"


@functools.lru_cache(maxsize=256)
def recorded_path(path: str, own_folder: Path | None) -> str:
    """How the manifest names a template (or a catalogue) a build used, so that two machines'
    manifests of one build agree: a shipped one as ``shipped:en-GB/contract.docx``, an
    organisation's own relative to its ``--templates`` folder (``fr-FR/contract.docx``), any
    other as given. A manifest written before (absolute paths) is read as well: only the hashes
    decide what is rebuilt."""
    from ..resources import templates_dir

    given = Path(path)
    for base, prefix in ((own_folder, ""), (templates_dir(), SHIPPED)):
        if base is None:
            continue
        for inside, folder in ((given, base), (given.resolve(), base.resolve())):
            with contextlib.suppress(ValueError):
                return prefix + inside.relative_to(folder).as_posix()
    return path


def recorded_file(recorded: str, own_folder: Path | None = None) -> Path:
    """The file a manifest's ``template`` (or ``catalogue``) names, read back: the inverse of
    :func:`recorded_path`."""
    from ..resources import templates_dir

    if recorded.startswith(SHIPPED):
        return templates_dir() / recorded[len(SHIPPED):]
    given = Path(recorded)
    return given if given.is_absolute() or own_folder is None else own_folder / given


def sha256_file(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


class Manifest:
    """The manifest of one output folder. Entries of earlier runs are kept while their files
    still exist, so building a second folder of inputs into the same place adds to it."""

    def __init__(self, out: Path, entries: Mapping[str, Output] | None = None) -> None:
        self.out = out
        self._base = os.fspath(out)
        self.path = out / MANIFEST
        self.entries: dict[str, Output] = dict(entries or {})  # from earlier runs
        self.by_input: dict[str, list[str]] = {}  # the paths of earlier runs' entries, by input
        # Decide by hash alone, never by a recorded size and time (--verify).
        self.verify = False
        # This run's entries live in the journal. Kept here is only where they are, by output
        # folder (one per engagement): each folder's entries are written one after another, so
        # a folder needs one number, its first entry's offset times 256 plus how many there are
        # (a list of such numbers if it got more later, as PDFs). Memory hardly grows with the
        # number of documents, and the manifest can still be written in order of path.
        self._new: dict[str, int | list[int]] = {}
        self._last: str | None = None  # the folder of the entry written last
        self._changed = False
        self._journal: BinaryIO | None = None
        self._unflushed = 0
        self.interrupted = False  # the last run was killed before it wrote the manifest
        self.notices: list[str] = []  # entries of earlier runs refused, for the report
        for entry in self.entries.values():
            self.by_input.setdefault(entry.input, []).append(entry.path)

    @classmethod
    def load(cls, out: Path) -> Manifest:
        """The manifest, with the journal of a run that was killed before it could write it.

        Read entry by entry, each kept as an :class:`Output` whose repeated texts (an input's
        name and hash, a template's) are held once: a manifest read whole, as JSON objects,
        took a build's parent to several times its size in memory."""
        refused: list[str] = []
        entries: dict[str, Output] = {}
        damaged = [0]
        proven: set[str] = set()
        base = os.fspath(out)
        shared: dict[Any, Any] = {}

        def keep(raw: Any) -> None:
            entry = _output(raw, shared)
            if entry is None:
                damaged[0] += 1
            elif _inside(base, entry.path, proven) is None:
                refused.append(f"{out / MANIFEST}: the entry {entry.path!r} names a file outside "
                               "the output folder; it was ignored and is dropped from the manifest")
            elif os.path.isfile(os.path.join(base, entry.path)):
                entries[entry.path] = entry

        # No manifest yet, or one we cannot read: everything is built afresh (and said so).
        damage = _read_outputs(out / MANIFEST, keep)
        if damage:
            refused.append(f"{out / MANIFEST}: {damage}; every document is built again and the "
                           "manifest written anew")
            if "entries ignored" not in damage:  # not JSON at all: none of it is trusted
                entries.clear()
                damaged[0] = 0
                refused[:] = refused[-1:]
        try:
            with os.fdopen(open_no_follow(out / JOURNAL, os.O_RDONLY), "rb") as journal:
                for line in journal:
                    try:
                        raw = json.loads(line)
                    except (ValueError, RecursionError):
                        break  # the line being written when the run was killed
                    keep(raw)
        except LinkRefused:
            raise  # planted where the journal belongs: said, never read or appended to
        except OSError:
            pass
        if damaged[0]:
            refused.append(f"{out / MANIFEST}: {damaged[0]} damaged "
                           f"entr{'y' if damaged[0] == 1 else 'ies'} ignored; their documents "
                           "are built again")
        manifest = cls(out, entries)
        manifest.notices.extend(refused)
        manifest.interrupted = (out / JOURNAL).exists()
        manifest._changed = manifest.interrupted or bool(refused)
        return manifest

    def up_to_date(self, input_name: str, input_sha: str, planned: Iterable[str],
                   template_shas: Mapping[str, str],
                   profiles: Mapping[str, str] | None = None,
                   catalogue_shas: Mapping[str, str | None] | None = None) -> bool:
        """True when every planned output of this input is current (:meth:`current`)."""
        planned = list(planned)
        return set(planned) <= self.current(input_name, input_sha, planned, template_shas,
                                            profiles, catalogue_shas)

    def current(self, input_name: str, input_sha: str, planned: Iterable[str],
                template_shas: Mapping[str, str],
                profiles: Mapping[str, str] | None = None,
                catalogue_shas: Mapping[str, str | None] | None = None) -> set[str]:
        """The planned outputs of this input that need not be made again: each recorded as built
        from exactly this input, its profiles, its own template and catalogue of words, and this
        tool version, its file still the one recorded (:meth:`intact`). Decided document by
        document: a changed annex template leaves the contract beside its annex current."""
        recorded = self.by_input.get(input_name)
        if not recorded:
            return set()
        known = set(recorded)
        found: set[str] = set()
        for path in planned:
            entry = self.entries.get(path) if path in known else None
            if (entry is not None and entry.input_sha256 == input_sha
                    and (entry.profiles or None) == (profiles or None)
                    and entry.tool_version == __version__
                    and template_shas.get(entry.document) == entry.template_sha256
                    and (catalogue_shas or {}).get(entry.document) == entry.catalogue_sha256
                    and self.intact(entry)):
                found.add(path)
        return found

    def pdf_current(self, document: str) -> bool:
        """Whether the PDF of the recorded .docx ``document`` is recorded as made from that
        .docx's bytes, by this tool version, and is still the file recorded."""
        docx = self.entries.get(document)
        pdf = self.entries.get(pdf_of(document))
        return (docx is not None and pdf is not None and pdf.template_sha256 == docx.sha256
                and pdf.tool_version == __version__ and self.intact(pdf))

    def drop_stale_pdf(self, document: str, docx_sha: str) -> str | None:
        """Forget the PDF recorded beside the .docx ``document`` when it was made from other
        bytes than ``docx_sha`` (the .docx's now), and delete it, so that no PDF disagrees with
        its .docx. Returns "removed", "kept" (a PDF changed since it was made, perhaps signed,
        is left alone: it is no longer confdocs'), or None (nothing stale)."""
        path = pdf_of(document)
        entry = self.entries.get(path)
        if entry is None or entry.template_sha256 == docx_sha:
            return None
        ours = self._ours(entry)
        del self.entries[path]
        self._changed = True
        target = contained(self.out, path)
        if target is None or not ours:
            return "kept" if target is not None and target.exists() else None
        target.unlink(missing_ok=True)
        return "removed"

    def _ours(self, entry: Output) -> bool:
        """Whether the file of ``entry`` is as confdocs wrote it (by stat, else by hash)."""
        target = self.out / entry.path
        try:
            found = os.stat(target)
        except OSError:
            return False
        return entry.same_stat(found) or sha256_file(target) == entry.sha256

    def intact(self, entry: Output) -> bool:
        """Whether the file of ``entry`` is still the one recorded: the same size and
        modification time, read from a stat; when either differs, when the entry has none
        recorded (a manifest of an earlier version), or under ``verify``, the same hash, and
        then its stat is recorded for the next run."""
        target = os.path.join(self._base, entry.path)
        try:
            found = os.stat(target)
        except OSError:
            return False
        if not stat.S_ISREG(found.st_mode):
            return False
        if not self.verify and entry.same_stat(found):
            return True
        if sha256_file(Path(target)) != entry.sha256:
            return False
        if not entry.same_stat(found):
            # The same bytes with another stat (copied, touched, or recorded before stats were):
            # recorded, so that the next run needs only the stat.
            self.entries[entry.path] = entry.with_stat(found)
            self._changed = True
        return True

    def add(self, output: Output) -> None:
        """Record an output (already in place). It goes to the journal, so that a run killed
        before the manifest is written still leaves a record of the files it finished."""
        self._changed = True
        if self._journal is None:
            self.out.mkdir(parents=True, exist_ok=True)
            # Appended to for the whole run: opened without following a link planted at its name.
            self._journal = os.fdopen(open_no_follow(
                self.out / JOURNAL, os.O_WRONLY | os.O_CREAT | os.O_APPEND), "ab")
        folder = _folder(output.path)
        offset = self._journal.tell()
        line = json.dumps(output.as_json(), ensure_ascii=False) + "\n"
        # Written before it is counted: a write that fails (a full disk) leaves the entry out,
        # where counting it first had the manifest read a line that was never written (exit 3).
        self._journal.write(line.encode("utf-8"))
        runs = self._new.get(folder)
        if runs is None:
            self._new[folder] = offset * _RUN + 1
        elif folder == self._last and isinstance(runs, int) and runs % _RUN < _RUN - 1:
            self._new[folder] = runs + 1  # one more entry in the same run
        else:
            listed = runs if isinstance(runs, list) else [runs]
            listed.append(offset * _RUN + 1)
            self._new[folder] = listed
        self._last = folder
        self._unflushed += 1
        if self._unflushed >= JOURNAL_FLUSH:
            self._journal.flush()
            self._unflushed = 0

    def forget_stale(self, input_name: str, kinds: Iterable[str], kept: Iterable[str]) -> None:
        """Drop (and delete) outputs this input made before but no longer makes, such as the
        letter for a disclosure since removed, with the PDF made from it. ``kept`` are the
        .docx files it still makes. A file changed since it was written is left alone."""
        kinds, kept = set(kinds), set(kept)
        for path in list(self.by_input.get(input_name, [])):
            entry = self.entries.get(path)
            if entry is None:
                continue
            is_pdf = entry.document.endswith(PDF_SUFFIX)
            kind = entry.document[:-len(PDF_SUFFIX)] if is_pdf else entry.document
            if kind not in kinds or (docx_of(path) if is_pdf else path) in kept:
                continue
            target = contained(self.out, path)
            if target is not None and self._ours(entry):
                target.unlink(missing_ok=True)
            del self.entries[path]
            self._changed = True

    def write(self, *, interrupted: bool = False) -> None:
        """Write manifest.json (atomically). The journal stays until :meth:`finish`; after an
        interruption it stays for good, telling the next run to tidy up temporary files."""
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        if self._changed:
            write_atomic(self.path, _dump(self._sorted_entries()))
            self._changed = False
        if interrupted and self.out.is_dir():
            os.close(open_no_follow(self.out / JOURNAL, os.O_WRONLY | os.O_CREAT))

    def ensure_written(self) -> None:
        """Write manifest.json even when this run recorded nothing: a shard that happened to get
        no inputs still leaves a manifest, so that merging the shards' manifests works."""
        if not self.path.exists():
            self._changed = True
        self.write()

    def finish(self) -> None:
        """The run is complete and its manifest written: the journal has served."""
        self.write()
        (self.out / JOURNAL).unlink(missing_ok=True)


    def _sorted_entries(self) -> Iterator[dict[str, Any]]:
        """Every entry, this run's (read back from the journal) and earlier runs', by path.

        Folder by folder: every path in a folder starts with its name and a '/', which no other
        folder's name does, so folders in order of name + '/', each with its paths in order, are
        all paths in order."""
        earlier: dict[str, list[str]] = {}
        for path in self.entries:
            earlier.setdefault(_folder(path), []).append(path)
        with contextlib.ExitStack() as stack:
            journal = (stack.enter_context(open(self.out / JOURNAL, "rb")) if self._new else None)
            for folder in sorted(earlier.keys() | self._new.keys(), key=lambda name: name + "/"):
                entries = {path: self.entries[path].as_json() for path in earlier.get(folder, ())}
                runs = self._new.get(folder, [])
                for run in runs if isinstance(runs, list) else [runs]:
                    assert journal is not None
                    journal.seek(run // _RUN)
                    for _ in range(run % _RUN):
                        entry = _entry(journal.readline())
                        if entry is not None:
                            entries[entry["path"]] = entry
                for path in sorted(entries):
                    yield entries[path]


def read_manifest(path: Path) -> bytes:
    """A manifest's bytes, read only if it is a regular file, and at most MAX_MANIFEST_BYTES of
    them: a FIFO or a device named as a manifest must neither hang a run nor take its memory.
    Raises OSError saying what is wrong (FileNotFoundError when there is none)."""
    return read_regular(path, MAX_MANIFEST_BYTES, "a manifest")


def _read_outputs(path: Path, keep: Callable[[Any], None]) -> str | None:
    """Hand each entry of the manifest at ``path`` to ``keep``, as it is read; what is wrong
    with the manifest, if anything (no manifest yet is nothing wrong). A manifest that is not
    JSON may have handed some entries over before that was found: the caller drops them."""
    try:
        handle = open_regular(path, MAX_MANIFEST_BYTES, "a manifest")
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    skipped = [0]

    def each(raw: Any) -> None:
        if isinstance(raw, dict):
            keep(raw)
        else:
            skipped[0] += 1

    try:
        with handle:
            found = ListStream(handle, MAX_MANIFEST_BYTES, "a manifest").items("outputs", each)
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    except (ValueError, RecursionError):
        return "is damaged (not JSON)"
    if not found:
        return "is damaged (no list of outputs)"
    return f"{skipped[0]} damaged entries ignored" if skipped[0] else None


def _output(raw: Any, shared: dict[Any, Any]) -> Output | None:
    """The entry ``raw`` as an Output, its repeated values held once (``shared``); None when it
    is not one as a manifest must hold it."""
    try:
        entry = Output(**raw)
    except TypeError:
        return None
    if not entry.well_formed():
        return None
    once = {name: shared.setdefault(value, value) for name in _SHARED
            if isinstance(value := getattr(entry, name), str)}
    if entry.profiles:
        key = tuple(entry.profiles.items())
        once["profiles"] = shared.setdefault(key, entry.profiles)
    return replace(entry, **once)


# The values many entries repeat: those of one input, one template, one version.
_SHARED = ("input", "input_sha256", "template", "template_sha256", "engagement", "document",
           "tool_version", "catalogue", "catalogue_sha256")


def _entry(line: bytes) -> dict[str, Any] | None:
    """An entry this run wrote to the journal, read back; None if it is not there as written
    (the journal damaged since, by a disk or a hand): its document is then built again next
    time, as one the manifest does not know."""
    try:
        entry = json.loads(line)
    except (ValueError, RecursionError):
        return None
    return entry if isinstance(entry, dict) and isinstance(entry.get("path"), str) else None


def _folder(path: str) -> str:
    return path.partition("/")[0]


_RUN = 256  # how an entry run is packed into one number: offset * _RUN + count


def _dump(entries: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """manifest.json, entry by entry, without holding all of it; an entry's profiles on one
    line (level 3 of the file), as manifests have always written them."""
    return dump_chunks({"tool": "confdocs", "version": __version__}, "outputs", entries,
                       flat_from=3)


def merge_manifests(paths: Iterable[str | os.PathLike[str]], target: str | os.PathLike[str]) -> int:
    """Merge the manifests of several shards into one; returns the number of outputs.

    Two shards that recorded the same output with different hashes are an error: the shards were
    not disjoint, or were built from different inputs.
    """
    merged: dict[str, Output] = {}
    for name in paths:
        try:
            document = json.loads(read_manifest(Path(name)).decode("utf-8"))
            outputs = [Output(**raw) for raw in document["outputs"]]
            if not all(o.well_formed() for o in outputs):
                raise ValueError("an entry has a value that is not text")
        except OSError as exc:
            raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from exc
        except RecursionError:
            raise InputError(f"{name}: not a confdocs manifest (nested too deeply to be "
                             "one)") from None
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{name}: not a confdocs manifest ({exc})") from exc
        for output in outputs:
            known = merged.setdefault(output.path, output)
            if known.sha256 != output.sha256:
                raise ConfdocsError(f"{name}: {output.path} is also in another manifest with a "
                                    "different hash; were the shards built from the same inputs?")
    write_atomic(Path(target), _dump(o.as_json() for o in sorted(merged.values(),
                                                                 key=lambda o: o.path)))
    return len(merged)
