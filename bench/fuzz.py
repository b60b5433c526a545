#!/usr/bin/env python3
"""Fuzzing: mutated inputs of every kind through the commands that read them, each bounded.

Five families of cases, each seeded and reproducible from (family, seed, index):

- engagements: a mutated engagement file (a value of another type, text holding escapes XML
  forbids, lone surrogates, line separators, keys with line breaks, ids that collide as file
  names, deep nesting, web addresses with stray brackets, truncated or byte-flipped text);
  validate in three formats and build, 50 files a run.
- profiles: a cohort's engagement files extending a mutated profile (wrong types, deep nesting,
  extends chains and cycles, odd paths in extends, huge or truncated files); validate in three
  formats and build, 20 cohorts a run.
- rosters: a mutated roster for `confdocs import`: CSV (a BOM or none, semicolons, UTF-16, ragged
  rows, odd headers, control characters, huge cells) and .xlsx (written by openpyxl with real
  cell types, then damaged: its zip, its XML); each imported alone, what they wrote validated and
  built, 20 rosters a run.
- catalogues: an organisation's fr-FR set whose messages.po is mutated (broken syntax, odd
  charsets, control characters, missing entries, huge), used with --templates DIR: templates
  check and build.
- templates: an organisation's template made from a shipped one, mutated (broken tags, hostile
  expressions, split runs, broken XML, deleted parts, a damaged zip, active content): templates
  check, build and, for one case in four, render.

Every command runs in a process of its own, with a 1 GiB address-space limit (RLIMIT_AS, set in
the child before it starts), a 1 GiB limit on any file it writes and a 60 s timeout, and its peak
resident memory is measured (wait4, from a small launcher process: see LAUNCHER). A case fails
on: an exit 3 or a traceback; a timeout; a process stopped by the memory limit (MemoryError,
killed by a signal, a worker lost) or whose peak passes 1 GB (10^9 bytes); an exit code other
than 0, 1 and 2; a process of the command still running after it ended; a document written that
is not a well-formed Word package python-docx opens. A run of many cases that fails is split in
halves until the case that fails alone is found. Each failure prints the command that runs that
case alone and keeps its files, with the commands it ran:

    python bench/fuzz.py --families templates --seed 4 --case 17 --keep /tmp/case17

The long run (figures in docs/performance.md):

    python bench/fuzz.py --count 3000 --seed 4 --jobs 2

tests/acceptance/test_fuzz.py runs a few hundred engagements in-process on every test run.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import random
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.json"))
COHORT = ROOT / "samples" / "cohort"
TEMPLATES = ROOT / "templates"

MEMORY_LIMIT = 1 << 30  # bytes of address space, every process of every command
FILE_LIMIT = 1 << 30  # bytes a process may write to one file: a bomb must not fill the disk
TIMEOUT = 60.0  # seconds, every command
FORMATS = ("text", "json", "github")
MiB = 1024 * 1024

NASTY_TEXT = [
    "\b", "\f", "\x00", "\x1b[31m", "\ud800", "\udfff", "\u2028", "\u2029", "\ufffe", "\n::error ::x",
    "ł🎉", "&<>\"'", "{{ 7*7 }}", "{% for x in y %}", "\t\r\n", " ", "", "x" * 5000, "\u202e",
    "CON", "nul", "../x", "/etc/passwd", "C:\\x", "%0A", "\\", "😀" * 300,
]
NASTY_VALUES: list[Any] = [None, True, 0, -1, 10**40, 1.5e308, [], {}, [[[[]]]], {"a": {}}, "1"]
NASTY_URIS = ["https://example.org]", "https://[::1", "http://", "mailto:", "javascript:x",
              "https://exa mple.org", "ftp://x.org", "https://example.org/\u2028"]
NASTY_EMAILS = ["jonah@example.com\n", "<jonah@example.com>", "-@-.-", "a@b", "@x.org",
                "a@@x.org", "ł@example.org", "a@example.org "]


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


# --- engagements: the first family, as it always was -------------------------------------

def mutate(rng: random.Random, data: dict[str, Any]) -> str:
    """One mutated engagement file's text, from ``data`` (changed in place)."""
    paths = [p for p in _paths(data) if p]
    strings = [p for p in paths if isinstance(_get(data, p), str)]
    kind = rng.randrange(12)
    if kind == 0 and strings:
        path = rng.choice(strings)
        _set(data, path, _get(data, path) + rng.choice(NASTY_TEXT))
    elif kind == 1:
        _set(data, rng.choice(paths), rng.choice(NASTY_VALUES + NASTY_TEXT))
    elif kind == 2:
        path = rng.choice(paths)
        parent = _get(data, path[:-1])
        if isinstance(parent, dict):
            del parent[path[-1]]
    elif kind == 3:
        data[rng.choice(NASTY_TEXT) + "key"] = rng.choice(NASTY_TEXT)
    elif kind == 4:
        data["id"] = rng.choice(["CON", "nul", "Com1", "lpt9", data["id"].lower(),
                                 data["id"].upper(), "a" * 65, "-x", "x\n"])
    elif kind == 5:
        for disclosure in data.get("disclosures", []):
            disclosure["id"] = rng.choice(["D1", "d1", "CON", "x/y"])
    elif kind == 6:
        body = data.get("professional_body", {})
        body["complaints_url"] = rng.choice(NASTY_URIS)
    elif kind == 7:
        data["parties"]["client"]["email"] = rng.choice(NASTY_EMAILS)
    elif kind == 8:  # written by hand: Python's own encoder cannot go this deep
        depth = rng.randrange(60, 3000)
        data["purpose"] = "@DEEP@"
        return json.dumps(data).replace('"@DEEP@"', "[" * depth + '"x"' + "]" * depth)
    elif kind == 9:
        text = json.dumps(data, ensure_ascii=False)
        return text[: rng.randrange(len(text))]
    elif kind == 10:
        raw = bytearray(json.dumps(data, ensure_ascii=False).encode("utf-8"))
        for _ in range(rng.randrange(1, 4)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        return raw.decode("utf-8", errors="surrogateescape")
    else:  # escapes written as JSON writes them, \\b and \\f among them
        path = rng.choice(strings) if strings else ("title",)
        _set(data, path, rng.choice(["a\bb", "a\fb", "a\u0001b", "a\ud83db", "a\u007fb"]))
    return json.dumps(data, ensure_ascii=rng.random() < 0.5, indent=rng.choice([None, 2]))


MUTATIONS = ["nasty text added to a string", "a value of another type", "a key deleted",
             "a nasty key", "an odd id", "odd disclosure ids", "an odd complaints address",
             "an odd email", "deep nesting", "truncated", "bytes flipped", "escapes JSON writes"]


def engagement_cases(count: int, seed: int) -> list[tuple[str, bytes]]:
    """The first ``count`` mutated engagement files of ``seed``, each with what its mutation is:
    one random stream, so that case N is the same whatever the count."""
    rng = random.Random(seed)
    bases = [json.loads(p.read_text(encoding="utf-8")) for p in SAMPLES]
    cases = []
    for index in range(count):
        data = json.loads(json.dumps(bases[index % len(bases)]))
        data["id"] = f"F{index:05d}"
        state = rng.getstate()
        kind = MUTATIONS[rng.randrange(12)]  # the draw mutate makes first, peeked at
        rng.setstate(state)
        cases.append((f"{kind} ({SAMPLES[index % len(SAMPLES)].name})",
                      mutate(rng, data).encode("utf-8", errors="surrogatepass")))
    return cases


def engagement_texts(count: int, seed: int) -> list[bytes]:
    return [text for _, text in engagement_cases(count, seed)]


def write_mutations(folder: Path, count: int, seed: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, text in enumerate(engagement_texts(count, seed)):
        path = folder / f"f{index:05d}.json"
        path.write_bytes(text)
        paths.append(path)
    return paths


# --- files of a case, written as data until the end ----------------------------------------

@dataclass(frozen=True)
class Link:
    """A symbolic link to ``target``."""

    target: str


@dataclass(frozen=True)
class Fifo:
    """A named pipe: whoever opens it to read waits for a writer that never comes."""


@dataclass(frozen=True)
class Folder:
    """A folder where a file is expected."""


@dataclass(frozen=True)
class Sparse:
    """A file that says it is ``size`` bytes long (a hole after ``head``): costs no disk."""

    size: int
    head: bytes = b""


Content = Any  # bytes, Link, Fifo, Folder or Sparse


def write_files(folder: Path, files: dict[str, Content]) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, Link):
            os.symlink(content.target, path)
        elif isinstance(content, Fifo):
            os.mkfifo(path)
        elif isinstance(content, Folder):
            path.mkdir(exist_ok=True)
        else:
            with open(path, "wb") as handle:
                handle.write(content.head)
                handle.truncate(content.size)


def case_rng(family: str, seed: int, index: int) -> random.Random:
    """Each case its own stream (seeded by a string, which Python hashes the same on every run),
    so that any case can be made alone."""
    return random.Random(f"{family}:{seed}:{index}")


def _truncate(rng: random.Random, raw: bytes) -> bytes:
    return raw[:rng.randrange(len(raw))] if raw else raw


def _flip(rng: random.Random, raw: bytes, count: int = 0) -> bytes:
    data = bytearray(raw)
    for _ in range(count or rng.randint(1, 4)):
        if data:
            data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


FIXED_TIME = (2026, 1, 1, 0, 0, 0)


def zip_members(members: Iterable[tuple[str, bytes]], *,
                method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip of ``members`` (names may repeat), the same bytes on every run."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a duplicate name is one of the mutations
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, data in members:
                info = zipfile.ZipInfo(name, FIXED_TIME)
                info.compress_type = method
                info.external_attr = 0o644 << 16
                archive.writestr(info, data)
    return buffer.getvalue()


def unzip_members(raw: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def _replace_member(members: list[tuple[str, bytes]], name: str, data: bytes) -> None:
    for position, (each, _) in enumerate(members):
        if each == name:
            members[position] = (name, data)
            return
    members.append((name, data))


def _member(members: list[tuple[str, bytes]], name: str) -> bytes:
    return next(data for each, data in members if each == name)


def _central_entries(raw: bytes) -> list[tuple[int, str]]:
    """(offset, name) of each entry of a zip's central directory."""
    found = []
    for match in re.finditer(b"PK\x01\x02", raw):
        start = match.start()
        if start + 46 > len(raw):
            continue
        length = int.from_bytes(raw[start + 28:start + 30], "little")
        name = raw[start + 46:start + 46 + length]
        found.append((start, name.decode("utf-8", "replace")))
    return found


def _local_offset(raw: bytes, name: str) -> int | None:
    for start, each in _central_entries(raw):
        if each == name:
            return int.from_bytes(raw[start + 42:start + 46], "little")
    return None


def _patch(raw: bytes, name: str, local: int, central: int, value: bytes) -> bytes:
    """Write ``value`` at offset ``local`` of the member's local header and ``central`` of its
    central directory entry."""
    data = bytearray(raw)
    offset = _local_offset(raw, name)
    if offset is not None and raw[offset:offset + 4] == b"PK\x03\x04":
        data[offset + local:offset + local + len(value)] = value
    for start, each in _central_entries(raw):
        if each == name:
            data[start + central:start + central + len(value)] = value
    return bytes(data)


def _bomb(members: list[tuple[str, bytes]], name: str, size: int, *, honest: bool,
          before: bytes) -> bytes:
    """A zip whose member ``name`` holds ``size`` bytes of spaces just before ``before`` (some
    MiB compressed); with ``honest`` False, its directory says it holds what it held before."""
    buffer = io.BytesIO()
    original = 0
    with zipfile.ZipFile(buffer, "w") as archive:
        for each, data in members:
            info = zipfile.ZipInfo(each, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            if each != name:
                archive.writestr(info, data)
                continue
            original = len(data)
            cut = data.rfind(before)
            cut = cut if cut >= 0 else len(data)
            with archive.open(info, "w", force_zip64=False) as handle:
                handle.write(data[:cut])
                chunk = b" " * MiB
                for _ in range(size // MiB):
                    handle.write(chunk)
                handle.write(data[cut:])
    raw = buffer.getvalue()
    if not honest:
        small = original.to_bytes(4, "little")
        raw = _patch(raw, name, 22, 24, small)
    return raw


def damage_zip(rng: random.Random, members: list[tuple[str, bytes]], focus: str,
               before: bytes) -> tuple[bytes, str]:
    """A zip of ``members``, damaged: where and how, said. ``focus`` is its main part (a bomb
    grows it just before ``before``)."""
    raw = zip_members(members)
    variant = rng.randrange(20)
    if variant == 0:
        cut = rng.randrange(len(raw))
        return raw[:cut], f"truncated at byte {cut} of {len(raw)}"
    if variant == 1:
        count = rng.randint(1, 8)
        return _flip(rng, raw, count), f"{count} bytes flipped"
    if variant == 2:
        entries = _central_entries(raw)
        start = entries[0][0] if entries else len(raw) - 100
        data = bytearray(raw)
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(start, len(data))] = rng.randrange(256)
        return bytes(data), "bytes flipped in the central directory"
    if variant == 3:
        offset = _local_offset(raw, focus) or 0
        data = bytearray(raw)
        spot = offset + rng.randrange(30)
        data[spot] = rng.randrange(256)
        return bytes(data), f"byte {spot - offset} of {focus}'s local header changed"
    if variant == 4:
        junk = rng.choice([b"MZ" + bytes(rng.randrange(256) for _ in range(200)), b"\0" * 4096,
                           b"%PDF-1.7\n"])
        return junk + raw, f"{len(junk)} bytes before the zip"
    if variant == 5:
        return raw + b"PK\x05\x06" + b"\0" * 40 + b"junk", "junk after the zip"
    if variant == 6:
        buffer = io.BytesIO(raw)
        with zipfile.ZipFile(buffer, "a") as archive:
            archive.comment = b"x" * 65535
        return buffer.getvalue(), "a 64 KiB zip comment"
    if variant == 7:
        other = rng.choice([b"", b"<x/>", _member(members, focus)[:100]])
        after = rng.random() < 0.5
        doubled = [*members, (focus, other)] if after else [(focus, other), *members]
        return zip_members(doubled), f"{focus} twice (the other {len(other)} bytes)"
    if variant == 8:
        names = rng.sample(["../../evil.txt", "/tmp/confdocs-fuzz-evil.txt", "word/../../evil2.txt",
                            "C:\\evil.txt", "..\\..\\evil3.txt", "word/media/../../../x.txt",
                            "word/\u202eevil.xml", "word/evil\0.xml"], 2)
        return zip_members([*members, *((name, b"evil") for name in names)]), \
            f"members named {names!r}"
    if variant == 9:
        method = rng.choice([99, 12, 14, 1, 6, 9, 97])
        return _patch(raw, focus, 8, 10, method.to_bytes(2, "little")), \
            f"{focus} says compression method {method}"
    if variant == 10:
        return _patch(raw, focus, 6, 8, (1 | 8).to_bytes(2, "little")), \
            f"{focus} marked encrypted"
    if variant == 11:
        size = rng.choice([0, 1, 100])
        return _patch(raw, focus, 22, 24, size.to_bytes(4, "little")), \
            f"{focus}'s size given as {size}"
    if variant == 12:
        size = rng.choice([150, 600, 1200]) * MiB
        return _bomb(members, focus, size, honest=True, before=before), \
            f"{focus} inflates to {size // MiB} MiB"
    if variant == 13:
        size = rng.choice([150, 600, 1200]) * MiB
        return _bomb(members, focus, size, honest=False, before=before), \
            f"{focus} inflates to {size // MiB} MiB, its directory saying it does not"
    if variant == 14:
        return zip_members(members, method=zipfile.ZIP_STORED), "stored, not deflated"
    if variant == 15:
        count = rng.choice([2000, 20000])
        return zip_members([*members, *((f"word/media/e{i}.bin", b"") for i in range(count))]), \
            f"{count} more members"
    if variant == 16:
        what = rng.choice(["empty", "random", "pdf", "gzip", "empty zip"])
        raw = {"empty": b"", "random": bytes(rng.randrange(256) for _ in range(2048)),
               "pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
               "gzip": b"\x1f\x8b\x08\0\0\0\0\0\0\x03\x03\0\0\0\0\0\0\0\0\0",
               "empty zip": zip_members([])}[what]
        return raw, f"not the zip: {what}"
    if variant == 17:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, data in members:
                info = zipfile.ZipInfo(name, FIXED_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                with archive.open(info, "w", force_zip64=True) as handle:
                    handle.write(data)
        return buffer.getvalue(), "every member in zip64 form"
    if variant == 18:
        return _patch(raw, focus, 14, 16, bytes(rng.randrange(256) for _ in range(4))), \
            f"{focus}'s CRC wrong"
    dropped = rng.choice([name for name, _ in members])
    return zip_members([m for m in members if m[0] != dropped]), f"{dropped} left out"


# --- profiles: a cohort's engagement files extending a mutated profile --------------------

BASE = "profiles/harbour-vale.json"
PROG = "profiles/harbour-vale-2026.json"


@cache
def _json_file(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _copy(value: Any) -> Any:
    return json.loads(json.dumps(value))


@dataclass
class Cohort:
    """A cohort's files as data (name -> JSON value), and files given as bytes or other things
    in their place (``raw``)."""

    data: dict[str, Any]
    engagements: list[str]
    raw: dict[str, Content] = field(default_factory=dict)
    ascii: bool = True

    def files(self) -> dict[str, Content]:
        out: dict[str, Content] = {}
        for name, value in self.data.items():
            if name not in self.raw:
                text = json.dumps(value, ensure_ascii=self.ascii, indent=2)
                out[name] = text.encode("utf-8", "surrogatepass")
        out.update(self.raw)
        return out

    def text(self, name: str) -> bytes:
        return json.dumps(self.data[name], ensure_ascii=False, indent=2).encode(
            "utf-8", "surrogatepass")


def _cohort(index: int, rng: random.Random) -> Cohort:
    data = {BASE: _copy(_json_file(COHORT / BASE)), PROG: _copy(_json_file(COHORT / PROG))}
    shorts = sorted((COHORT / "engagements").glob("HV-*.json"))
    names = []
    for number in range(1, rng.randint(1, 3) + 1):
        engagement = _copy(_json_file(shorts[(index + number) % len(shorts)]))
        engagement["id"] = f"P{index:05d}-{number}"
        name = f"engagements/P{index:05d}-{number}.json"
        data[name] = engagement
        names.append(name)
    return Cohort(data, names, ascii=rng.random() < 0.7)


def _deep(depth: int, kind: str) -> str:
    if kind == "arrays":
        return "[" * depth + '"x"' + "]" * depth
    return '{"a":' * depth + "1" + "}" * depth


def _profile_type(rng: random.Random, cohort: Cohort) -> str:
    name = rng.choice([BASE, PROG])
    path = rng.choice([p for p in _paths(cohort.data[name]) if p])
    value = rng.choice(NASTY_VALUES + NASTY_TEXT)
    _set(cohort.data[name], path, value)
    return f"{name} {'/'.join(map(str, path))} = {value!r:.40}"


def _profile_text(rng: random.Random, cohort: Cohort) -> str:
    name = rng.choice([BASE, PROG])
    strings = [p for p in _paths(cohort.data[name]) if p and isinstance(_get(cohort.data[name], p), str)]
    path = rng.choice(strings)
    extra = rng.choice([*NASTY_TEXT, "a\bb", "a\fb", "a\u0001b", "a\ud83db", "a\u007fb", "\x0b"])
    _set(cohort.data[name], path, _get(cohort.data[name], path) + extra)
    return f"{name} {'/'.join(map(str, path))} += {extra!r:.40}"


def _profile_mutated(rng: random.Random, cohort: Cohort) -> str:
    """The engagements' own mutations, on a profile or a short engagement file."""
    name = rng.choice([BASE, PROG, cohort.engagements[0]])
    try:
        text = mutate(rng, cohort.data[name])
    except (KeyError, TypeError, IndexError, AttributeError):
        return _profile_type(rng, cohort)  # a mutation this file's shape has no place for
    cohort.raw[name] = text.encode("utf-8", "surrogatepass")
    return f"{name} mutated as an engagement"


def _profile_deep(rng: random.Random, cohort: Cohort) -> str:
    name = rng.choice([BASE, PROG, cohort.engagements[0]])
    depth = rng.choice([63, 64, 65, 66, 200, 1000, 5000, 50000, 200000])
    kind = rng.choice(["arrays", "objects"])
    if rng.random() < 0.2:
        cohort.raw[name] = _deep(depth, kind).encode()
        return f"{name} is {kind} nested {depth} deep"
    key = rng.choice(["purpose", "parties", "confidentiality", "dates", "title", "extra"])
    cohort.data[name][key] = "@DEEP@"
    text = cohort.text(name).decode("utf-8", "surrogatepass")
    cohort.raw[name] = text.replace('"@DEEP@"', _deep(depth, kind)).encode("utf-8", "surrogatepass")
    return f"{name} {key}: {kind} nested {depth} deep"


def _profile_chain(rng: random.Random, cohort: Cohort) -> str:
    length = rng.choice([1, 2, 5, 15, 16, 17, 30, 200])
    names = [f"profiles/chain-{i:03d}.json" for i in range(length)]
    for position, name in enumerate(names):
        target = names[position + 1] if position + 1 < length else PROG
        cohort.data[name] = {"extends": target.split("/", 1)[1], "title": f"Link {position}"}
    for engagement in cohort.engagements:
        cohort.data[engagement]["extends"] = f"../{names[0]}"
    return f"a chain of {length} profiles before the programme's"


def _profile_cycle(rng: random.Random, cohort: Cohort) -> str:
    variant = rng.randrange(10)
    first = cohort.engagements[0].split("/")[1]
    if variant == 0:
        cohort.data[PROG]["extends"] = "harbour-vale-2026.json"
        return "the programme profile extends itself"
    if variant == 1:
        cohort.data[BASE]["extends"] = "harbour-vale-2026.json"
        return "the two profiles extend each other"
    if variant == 2:
        spelling = rng.choice(["./harbour-vale-2026.json", "../profiles/harbour-vale-2026.json",
                               "../profiles/./harbour-vale-2026.json",
                               "x/../harbour-vale-2026.json", ".//harbour-vale-2026.json",
                               "harbour-vale-2026.json/"])
        cohort.data[BASE]["extends"] = spelling
        return f"the base profile extends {spelling!r}, back to the programme's"
    if variant == 3:
        cohort.raw["profiles/link.json"] = Link("harbour-vale-2026.json")
        cohort.data[BASE]["extends"] = "link.json"
        return "the base profile extends a link to the programme's"
    if variant == 4:
        cohort.data[BASE]["extends"] = f"../engagements/{first}"
        return "the base profile extends an engagement that extends it"
    if variant == 5:
        cohort.data[cohort.engagements[0]]["extends"] = first
        return "an engagement extends itself"
    if variant == 6:
        names = [f"profiles/ring-{i}.json" for i in range(rng.randint(3, 20))]
        back = rng.randrange(len(names))
        for position, name in enumerate(names):
            target = names[position + 1] if position + 1 < len(names) else names[back]
            cohort.data[name] = {"extends": target.split("/", 1)[1]}
        cohort.data[cohort.engagements[0]]["extends"] = f"../{names[0]}"
        return f"a chain of {len(names)} profiles whose last extends number {back}"
    if variant == 7:
        cohort.raw["profiles/loop.json"] = Link("loop.json")
        cohort.data[PROG]["extends"] = "loop.json"
        return "the programme profile extends a link to itself"
    if variant == 8:
        cohort.raw["profiles/a.json"] = Link("b.json")
        cohort.raw["profiles/b.json"] = Link("a.json")
        cohort.data[cohort.engagements[0]]["extends"] = "../profiles/a.json"
        return "an engagement extends a link to a link to the first"
    cohort.raw["engagements/up.json"] = Link("..")
    cohort.data[cohort.engagements[0]]["extends"] = "up.json/engagements/" + first
    return "an engagement extends itself through a link to its folder's parent"


ODD_EXTENDS = [
    "\0", "harbour-vale.json\0", "harbour-vale.json\0.txt", "\ud800", "\udfff.json", "", " ", ".",
    "..", "/", "//", "../profiles", "harbour-vale.json/", "/dev/zero", "/dev/null", "/dev/stdin",
    "/dev/urandom", "/dev/full", "/dev/tty", "/proc/self/status", "/proc/self/mem",
    "/proc/self/fd/0", "/etc/passwd", "/root", "~/profile.json", "C:\\profiles\\x.json",
    "..\\profiles\\harbour-vale.json", "https://example.org/p.json", "file:///etc/passwd",
    "harbour-vale.json\n", " harbour-vale.json", "harbour-vale.json ", "a" * 300, "a/" * 3000,
    "%2e%2e/harbour-vale.json", "harbour\u2010vale.json", "Harbour-Vale.json",
    "harbour-vale.JSON", "e\u0301.json", "\u202eharbour-vale.json", "harbour-vale",
]
# Files planted beside the profiles, which extends then names.
ODD_FILES: dict[str, Callable[[], Content]] = {
    "pipe.json": Fifo,
    "folder.json": Folder,
    "dangling.json": lambda: Link("nowhere.json"),
    "zero.json": lambda: Link("/dev/zero"),
    "random.json": lambda: Link("/dev/urandom"),
    "stdin.json": lambda: Link("/dev/stdin"),
    "proc.json": lambda: Link("/proc/self/status"),
    "roster.xlsx": lambda: (COHORT / "roster.xlsx").read_bytes(),
    "contract.docx": lambda: (TEMPLATES / "en-GB" / "contract.docx").read_bytes(),
    "schema.json": lambda: (ROOT / "schemas" / "engagement.schema.json").read_bytes(),
    "engagement.json": lambda: SAMPLES[0].read_bytes(),
    "empty.json": lambda: b"",
    "sparse.json": lambda: Sparse(1 << 30, b"{"),
    "just-over.json": lambda: Sparse(10 * MiB + 1, b'{"title": "x"'),
    "\u00e9.json": lambda: b'{"title": "NFC"}',
}
ODD_TYPES: list[Any] = [1, True, False, 0, [], {}, ["harbour-vale.json"],
                        {"path": "harbour-vale.json"}, 1.5e308, None]


def _profile_odd_path(rng: random.Random, cohort: Cohort) -> str:
    at_engagement = rng.random() < 0.5
    where = cohort.engagements[0] if at_engagement else PROG
    variant = rng.randrange(3)
    if variant == 0:
        value: Any = rng.choice(ODD_EXTENDS)
    elif variant == 1:
        planted = rng.choice(sorted(ODD_FILES))
        cohort.raw[f"profiles/{planted}"] = ODD_FILES[planted]()
        value = f"../profiles/{planted}" if at_engagement else planted
    else:
        value = rng.choice(ODD_TYPES)
    cohort.data[where]["extends"] = value
    return f"{where} extends {value!r:.60}"


def _profile_huge(rng: random.Random, cohort: Cohort) -> str:
    profile = cohort.data[PROG]
    variant = rng.randrange(8)
    if variant == 0:
        size = rng.choice([10 * MiB - 1, 10 * MiB, 10 * MiB + 1, 9 * MiB, 11 * MiB])
        text = cohort.text(PROG)
        cohort.raw[PROG] = text + b" " * max(0, size - len(text))
        return f"the programme profile padded to {size} bytes"
    if variant == 1:
        length = rng.choice([10**5, 10**6, 4 * 10**6, 9 * 10**6])
        profile["purpose"] = "x" * length
        return f"purpose of {length} characters"
    if variant == 2:
        count = rng.choice([1000, 20000, 100000])
        if count == 100000 and rng.random() < 0.5:
            # As many as fit in 10 MiB, the size a profile may be (an extra draw, last: the other
            # cases of seed 4, run before it was added, are made as they were).
            for number in range(400000):
                profile[f"k{number}"] = 0
            return "400000 unknown keys"
        for number in range(count):
            profile[f"unknown{number}"] = number
        return f"{count} unknown keys"
    if variant == 3:
        count = rng.choice([1000, 10000, 50000])
        limit = profile["confidentiality"]["limits"][0]
        profile["confidentiality"]["limits"] = [dict(limit) for _ in range(count)]
        return f"{count} limits with one id"
    if variant == 4:
        count = rng.choice([10000, 100000])
        profile["confidentiality"]["not_shared"] = [f"thing {n}" for n in range(count)]
        return f"{count} things not shared"
    if variant == 5:
        cohort.raw[PROG] = Sparse(1 << 30, b"{")
        return "the programme profile says it is 1 GiB"
    if variant == 6:
        digits = rng.choice([4300, 4301, 10**5, 10**6])
        profile["title"] = "@NUM@"
        text = cohort.text(PROG).decode("utf-8", "surrogatepass")
        cohort.raw[PROG] = text.replace('"@NUM@"', "1" * digits).encode("utf-8", "surrogatepass")
        return f"a number of {digits} digits"
    count = rng.choice([10**5, 10**6])
    profile["purpose"] = "@ESC@"
    text = cohort.text(PROG).decode("utf-8", "surrogatepass")
    cohort.raw[PROG] = text.replace('"@ESC@"', '"' + "\\u00e9" * count + '"').encode()
    return f"purpose of {count} escapes"


def _profile_damaged(rng: random.Random, cohort: Cohort) -> str:
    name = rng.choice([BASE, PROG])
    text = cohort.text(name)
    variant = rng.randrange(16)
    if variant == 0:
        cohort.raw[name] = _truncate(rng, text)
        return f"{name} truncated"
    if variant == 1:
        cohort.raw[name] = _flip(rng, text)
        return f"{name} with bytes flipped"
    if variant == 2:
        cohort.raw[name] = b"\xef\xbb\xbf" + text
        return f"{name} with a byte-order mark"
    if variant == 3:
        encoding = rng.choice(["utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252"])
        cohort.raw[name] = text.decode("utf-8", "surrogatepass").encode(encoding, "replace")
        return f"{name} in {encoding}"
    whole = {4: b"", 5: b"null", 6: b"[]", 7: b'"x"', 8: b"NaN", 9: b"{} {}",
             10: b"\0" * 100, 11: b"   \n\t ", 12: b'{"title": Infinity}'}
    if variant in whole:
        cohort.raw[name] = whole[variant]
        return f"{name} is {whole[variant][:20]!r}"
    if variant == 13:
        cohort.raw[name] = text.replace(b'"title"', b'"title": "one", "title"', 1)
        return f"{name} with a key twice"
    if variant == 14:
        cohort.raw[name] = b"// a comment\n" + text.replace(b"}\n", b"},\n", 1)
        return f"{name} with a comment and a trailing comma"
    cohort.raw[name] = text.replace(b"\n", b"\r")
    return f"{name} with old Mac line ends"


LOCALES = ["zz-ZZ", "i-klingon", "fr-CA", "fr", "en", "", "x" * 100, "fr-FR-u-ca-gregory",
           "und", "root", "sr-Latn-RS", "EN-gb", "en_GB", "C", "POSIX", "fr-FR\0", "de-DE",
           "qaa", "en-GB-oxendict", "fr-FR\n", "\ud800"]


def _profile_clash(rng: random.Random, cohort: Cohort) -> str:
    variant = rng.randrange(6)
    engagement = cohort.data[cohort.engagements[0]]
    if variant == 0:
        key = rng.choice(["parties", "confidentiality", "dates", "feedback", "extends_x"])
        value = rng.choice(["x", [], None, 0, [{}], {"": {}}])
        engagement[key] = value
        return f"the engagement's {key} = {value!r}, over the profile's"
    if variant == 1:
        key = rng.choice(["parties", "dates"])
        cohort.data[PROG][key] = rng.choice([[], "x", None])
        return f"the profile's {key} is not an object, the engagement's is"
    if variant == 2:
        cohort.data[PROG]["id"] = rng.choice(["HV-1", "CON", "", None])
        del engagement["id"]
        return "the id in the profile, not in the engagement"
    if variant == 3:
        where = rng.choice([PROG, BASE, cohort.engagements[0]])
        locale = rng.choice(LOCALES)
        cohort.data[where]["locale"] = locale
        return f"{where} locale {locale!r:.30}"
    if variant == 4:
        where = rng.choice([PROG, BASE])
        key = rng.choice(sorted(k for k in cohort.data[where] if k != "extends"))
        del cohort.data[where][key]
        return f"{where} without {key}"
    cohort.data[PROG]["$schema"] = rng.choice([None, 1, "", "/dev/zero", "x" * 10000])
    return "the profile's $schema odd"


PROFILE_KINDS = [_profile_type, _profile_text, _profile_mutated, _profile_deep, _profile_chain,
                 _profile_cycle, _profile_odd_path, _profile_huge, _profile_damaged,
                 _profile_clash]


def prepare_profiles(folder: Path, seed: int, cases: list[int]) -> Prepared:
    about = {}
    names = []
    for index in cases:
        rng = case_rng("profiles", seed, index)
        cohort = _cohort(index, rng)
        mutation = PROFILE_KINDS[index % len(PROFILE_KINDS)]
        about[index] = f"{mutation.__name__[1:]}: {mutation(rng, cohort)}"
        write_files(folder / f"p{index:05d}", cohort.files())
        names.append(f"p{index:05d}")
    steps = [Step(f"validate {fmt}", ("validate", *names, "--format", fmt), tuple(cases))
             for fmt in FORMATS]
    # Two workers: they read and check the profiles as well as the process that plans.
    steps.append(Step("build", ("build", *names, "--out", "out", "--format", "json", "-j", "2",
                                "-q"), tuple(cases), writes="out"))
    return Prepared(steps, about)


# --- rosters: `confdocs import` of a mutated CSV or workbook ------------------------------

ROSTER_HEADER = ["id", "parties.client.name", "parties.client.preferred_name",
                 "parties.client.email", "parties.client.job_title", "dates.start", "dates.end"]
FIRST = ["Amara", "Jonah", "Siobhán", "Tomasz", "Ana", "Kwame", "Zoë", "Łukasz", "Renée", "Li"]
LAST = ["Okafor", "Whitfield", "O'Connell", "Wiśniewski", "Díaz Moreno", "Mensah", "Nguyễn"]
JOBS = ["Depot Manager, Felixstowe", "Head of Fleet Safety", "Customer Operations Lead",
        "Chef d'équipe", "Head of \"Network\" Operations"]
CONTROL = ["\x00", "\x01", "\x0b", "\x0c", "\x1b[31m", "\x7f", "\x85", "\u2028", "\u2029", "\ufeff",
           "\ufffe", "\uffff", "\ud800", "\u202e", "\r", "\n", "\t", "\u200b"]


@dataclass
class RosterCase:
    rows: list[list[Any]]  # the header first
    name: str = "roster.csv"
    content: Content = b""
    options: list[str] = field(default_factory=list)


def _roster_rows(rng: random.Random, index: int, count: int) -> list[list[Any]]:
    rows: list[list[Any]] = [list(ROSTER_HEADER)]
    for number in range(1, count + 1):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        start = dt.date(2026, 2, 2) + dt.timedelta(days=7 * rng.randrange(8))
        rows.append([f"R{index:05d}-{number}", f"{first} {last}",
                     first if rng.random() < 0.5 else "",
                     f"{first}.{last}{number}@example.org".lower().replace(" ", "").replace("'", ""),
                     rng.choice(JOBS), start, dt.date(2026, 9, 30)])
    return rows


def _text_rows(rows: list[list[Any]]) -> list[list[str]]:
    return [[v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else str(v) for v in row]
            for row in rows]


def _csv(rows: list[list[Any]], *, delimiter: str = ",", newline: str = "\r\n",
         encoding: str = "utf-8-sig", quoting: int = csv.QUOTE_MINIMAL) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline, quoting=quoting).writerows(
        _text_rows(rows))
    errors = "surrogatepass" if encoding.startswith("utf") else "replace"
    return buffer.getvalue().encode(encoding, errors)


def _roster_encoding(rng: random.Random, roster: RosterCase) -> str:
    encoding = rng.choice(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "utf-16-le",
                           "utf-16-be", "utf-32", "mac_roman", "shift_jis", "utf-7"])
    delimiter = rng.choice([",", ";", "\t", "|"])
    newline = rng.choice(["\r\n", "\n", "\r"])
    roster.content = _csv(roster.rows, delimiter=delimiter, newline=newline, encoding=encoding)
    if rng.random() < 0.2:
        roster.content = b"\xef\xbb\xbf" + roster.content  # a BOM twice, or before UTF-16
    return f"{encoding}, separated by {delimiter!r}, lines ending {newline!r}"


def _roster_ragged(rng: random.Random, roster: RosterCase) -> str:
    said = []
    for row in roster.rows[1:]:
        change = rng.randrange(4)
        if change == 0:
            del row[rng.randrange(1, len(row)):]
            said.append("short")
        elif change == 1:
            row.extend(["extra"] * rng.randint(1, 30))
            said.append("long")
    rows = list(roster.rows)
    for _ in range(rng.randint(0, 3)):
        rows.insert(rng.randint(1, len(rows)), rng.choice([[], [""] * 7, [",,,,"], [" "]]))
    roster.content = _csv(rows, delimiter=rng.choice([",", ";"]))
    return "ragged rows: " + (", ".join(said) or "blank lines")


ODD_HEADERS = ["", " ", "ID", " id ", "Id", "id", "parties.client", "parties.client.name.first",
               "dates", "confidentiality.limits.0.id", "disclosures[0].id", "__proto__",
               "constructor", "extends", "$schema", "x" * 5000, "parties..client.name",
               ".id", "id.", "parties.client.email\n", "\ufeffid", "parties/client/name",
               "=HYPERLINK(\"x\")", "parties.client.name\0", "locale", "kind", "title"]


def _roster_header(rng: random.Random, roster: RosterCase) -> str:
    header = roster.rows[0]
    variant = rng.randrange(5)
    if variant == 0:
        column = rng.randrange(len(header))
        header[column] = rng.choice(ODD_HEADERS)
        said = f"column {column + 1} named {header[column]!r:.40}"
    elif variant == 1:
        header.append(rng.choice(header))
        for row in roster.rows[1:]:
            row.append(rng.choice(["x", "2026-01-01", ""]))
        said = f"column {header[-1]!r} twice"
    elif variant == 2:
        roster.rows = roster.rows[1:] or [["R1", "x"]]
        said = "no header row"
    elif variant == 3:
        roster.rows = [header]
        said = "a header and no row"
    else:
        header.extend(f"col{n}" for n in range(rng.choice([100, 20000])))
        said = f"{len(header)} columns"
    roster.content = _csv(roster.rows, delimiter=rng.choice([",", ";"]))
    return said


def _roster_control(rng: random.Random, roster: RosterCase) -> str:
    said = []
    for _ in range(rng.randint(1, 3)):
        row = rng.choice(roster.rows[1:] or roster.rows)
        column = rng.randrange(len(row))
        char = rng.choice(CONTROL)
        row[column] = f"{row[column]}{char}x" if rng.random() < 0.7 else char
        said.append(f"{char!r} in column {column + 1}")
    roster.content = _csv(roster.rows, encoding=rng.choice(["utf-8", "utf-8-sig", "utf-16"]))
    return ", ".join(said)


def _roster_huge(rng: random.Random, roster: RosterCase) -> str:
    variant = rng.randrange(5)
    if variant == 0:
        length = rng.choice([32767, 131072, 131073, 10**6, 5 * 10**6])
        column = rng.randrange(len(ROSTER_HEADER))
        roster.rows[1][column] = rng.choice(["x", "é", "😀", "a "]) * (length // 2 + 1)
        roster.content = _csv(roster.rows)
        return f"a cell of {length}+ characters in column {column + 1}"
    if variant == 1:
        count = rng.choice([500, 2000])
        roster.rows = _roster_rows(rng, int(roster.rows[1][0][1:6]), count)
        roster.options.append("--dry-run")  # checked, not written: a build of them would be long
        roster.content = _csv(roster.rows)
        return f"{count} rows (dry run)"
    if variant == 2:
        roster.content = Sparse(rng.choice([50 * MiB + 1, 1 << 30]), _csv(roster.rows))
        return "a file that says it is over 50 MiB"
    if variant == 3:
        size = rng.choice([49 * MiB, 20 * MiB])
        text = _csv(roster.rows[:2])
        roster.content = text + b"R9," + b"y" * (size - len(text)) + b"\r\n"
        return f"a last cell that fills the file to {size // MiB} MiB"
    roster.content = _csv(roster.rows) + b'"' + b"unterminated, " * 200000
    return "an unterminated quote with 2.8 MB after it"


def _roster_quotes(rng: random.Random, roster: RosterCase) -> str:
    text = _csv(roster.rows).decode("utf-8-sig")
    variant = rng.randrange(4)
    lines = text.split("\r\n")
    line = rng.randrange(1, max(2, len(lines) - 1))
    if variant == 0:
        spot = rng.randrange(len(lines[line]) + 1)
        lines[line] = lines[line][:spot] + '"' + lines[line][spot:]
        said = f"a stray quote on line {line + 1}"
    elif variant == 1:
        lines[line] = lines[line].replace(",", ',"', 1)
        said = f"a quoted field left open on line {line + 1}"
    elif variant == 2:
        lines[line] = '"' + lines[line].replace(",", '""x"",', 1) + '"'
        said = f"doubled quotes on line {line + 1}"
    else:
        lines[line] = lines[line].replace(",", ',"a\r\nb\rc\nd",', 1)
        said = f"line breaks in a quoted field on line {line + 1}"
    roster.content = "\r\n".join(lines).encode("utf-8")
    return said


ODD_CELLS = {
    0: ["R1", "CON", "../x", "a/b", "", "a" * 65, "x\n", " R1 ", "nul", "-x", "R00001-1"],
    1: ["", "=1+1", "@SUM(1)", "+cmd|' /C calc'!A0", "-1", "{{ 7*7 }}", "Ana\tDíaz", "😀" * 50],
    2: ["", "=A1", "null", "true"],
    3: [*NASTY_EMAILS, "", "=HYPERLINK(\"mailto:x@y.z\")", "a@example.org;b@example.org"],
    4: ["", "x" * 300, "{% for x in y %}", "</w:t>"],
    5: ["31/02/2026", "2026-02-30", "45000", "1e308", "99999999", "-1", "2026-02-02T10:00",
        "today", "２０２６-０２-０２", "2026-2-2", "0", "2958466", "1e10", "45000.5", "NaN",
        "9999-12-31", "0001-01-01", "10000-01-01", "2026-02-02\u200b"],
    6: ["2025-01-01", "", "2026-02-01", "01/02/2026", "2026-02-02 23:59", "9999-12-31"],
}


def _roster_values(rng: random.Random, roster: RosterCase) -> str:
    said = []
    for _ in range(rng.randint(1, 3)):
        column = rng.randrange(len(ROSTER_HEADER))
        row = rng.choice(roster.rows[1:])
        row[column] = rng.choice(ODD_CELLS[column])
        said.append(f"{ROSTER_HEADER[column]} = {row[column]!r:.30}")
    if rng.random() < 0.3 and len(roster.rows) > 2:
        roster.rows[2][0] = roster.rows[1][0]
        said.append("an id twice")
    roster.content = _csv(roster.rows)
    return ", ".join(said)


def _roster_bytes(rng: random.Random, roster: RosterCase) -> str:
    raw = _csv(roster.rows, encoding=rng.choice(["utf-8", "utf-16"]))
    if rng.random() < 0.5:
        roster.content = _truncate(rng, raw)
        return "truncated"
    roster.content = _flip(rng, raw)
    return "bytes flipped"


def _workbook(rows: list[list[Any]], prepare: Callable[[Any, Any], None] | None = None) -> bytes:
    """The rows as an .xlsx written by openpyxl, the same bytes on every run."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Roster"
    for row in rows:
        sheet.append(row)
    if prepare is not None:
        prepare(book, sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    members = []
    for name, data in unzip_members(buffer.getvalue()):
        if name == "docProps/core.xml":  # openpyxl stamps the time it saved
            data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2026-01-01T00:00:00Z", data)
        members.append((name, data))
    return zip_members(members)


TYPED_CELLS: list[Any] = [
    dt.datetime(2026, 2, 2, 9, 30), dt.date(2026, 2, 2), dt.time(9, 30), dt.timedelta(days=3),
    45000, 45000.75, 2958465, 2958466, 10**7, -1, 0, 60, 1e308, -1e308, float("inf"),
    float("nan"), True, False, Decimal("2026.02"), 10**20, -10**20, "=1+1", "=DATE(2026,2,2)",
    "=HYPERLINK(\"http://127.0.0.1:9/\")", "=1/0", "=WEBSERVICE(\"http://127.0.0.1:9/\")",
    "='[other.xlsx]Sheet1'!A1", "#N/A", "#REF!", "", " ", "0042", dt.datetime(1900, 1, 1),
    dt.datetime(9999, 12, 31, 23, 59, 59), dt.datetime(1899, 12, 30), dt.date(1, 1, 1),
]
NUMBER_FORMATS = ["General", "0", "000000", "@", "yyyy-mm-dd", "dd/mm/yyyy", "[h]:mm",
                  "0.00E+00", "mm:ss", ";;;", "\"text\""]


def _xlsx_types(rng: random.Random, roster: RosterCase) -> str:
    said = []
    picks = []
    for _ in range(rng.randint(1, 3)):
        row = rng.randrange(2, len(roster.rows) + 1)
        column = rng.randrange(1, len(ROSTER_HEADER) + 1)
        value = rng.choice(TYPED_CELLS)
        number_format = rng.choice(NUMBER_FORMATS) if rng.random() < 0.4 else None
        error = rng.random() < 0.1
        picks.append((row, column, value, number_format, error))
        said.append(f"{ROSTER_HEADER[column - 1]} (row {row}) = {value!r:.30}"
                    + (f" as {number_format}" if number_format else "") + (" error" if error else ""))
    epoch = rng.random() < 0.15
    if epoch:
        said.append("the 1904 date system")

    def prepare(book: Any, sheet: Any) -> None:
        from openpyxl.utils.datetime import CALENDAR_MAC_1904

        if epoch:
            book.epoch = CALENDAR_MAC_1904
        for row, column, value, number_format, error in picks:
            cell = sheet.cell(row=row, column=column)
            try:
                cell.value = value
            except (ValueError, TypeError, OverflowError):
                cell.value = str(value)
            if number_format:
                cell.number_format = number_format
            if error:
                cell.data_type = "e"

    try:
        roster.content = _workbook(roster.rows, prepare)
    except (ValueError, TypeError, OverflowError) as exc:  # openpyxl refused to write one
        roster.content = _workbook(roster.rows)
        said.append(f"(openpyxl would not write it: {type(exc).__name__})")
    roster.name = "roster.xlsx"
    return ", ".join(said)


FAR_CELLS = ["XFD1", "XFD2", "AAA50", "H100000", "A1048576", "XFD1048576", "A200000"]


def _xlsx_layout(rng: random.Random, roster: RosterCase) -> str:
    variant = rng.randrange(10)
    said = ""

    def prepare(book: Any, sheet: Any) -> None:
        nonlocal said
        if variant == 0:
            sheet.row_dimensions[2].hidden = True
            sheet.column_dimensions[rng.choice("ABCDEFG")].hidden = True
            said = "a hidden row and a hidden column"
        elif variant == 1:
            sheet.merge_cells(rng.choice(["B2:C2", "A2:A3", "A1:B1", "F2:G4"]))
            said = "merged cells"
        elif variant == 2:
            other = book.create_sheet(rng.choice(["Second", "Roster 2", "Ro'ster", "😀", "x" * 31]))
            other.append(["nothing"])
            if rng.random() < 0.5:
                book.move_sheet(other, offset=-1)
            if rng.random() < 0.5:
                roster.options.extend(["--sheet", rng.choice([other.title, "Roster", "nope", ""])])
            said = f"a second sheet {other.title!r}, options {roster.options}"
        elif variant == 3:
            sheet.insert_rows(1)
            said = "the header in row 2"
        elif variant == 4:
            where = rng.choice(FAR_CELLS)
            sheet[where] = rng.choice(["x", 1, ""])
            said = f"a value in {where}"
        elif variant == 5:
            sheet.delete_rows(1, sheet.max_row)
            said = "an empty sheet"
        elif variant == 6:
            from openpyxl.comments import Comment

            sheet["B2"].comment = Comment("a comment", "fuzz")
            sheet["B2"].hyperlink = "http://127.0.0.1:9/"
            sheet.freeze_panes = "A2"
            sheet.auto_filter.ref = "A1:G3"
            said = "a comment, a hyperlink, frozen panes and a filter"
        elif variant == 7:
            sheet.sheet_state = "hidden"
            book.create_sheet("Visible").append(["id"])
            said = "the roster's sheet hidden"
        elif variant == 8:
            from openpyxl.worksheet.datavalidation import DataValidation

            validation = DataValidation(type="list", formula1='"a,b"')
            sheet.add_data_validation(validation)
            validation.add("B2:B5")
            said = "data validation"
        else:
            for row in sheet.iter_rows(min_row=2):
                for cell in row:
                    if isinstance(cell.value, str) and rng.random() < 0.3:
                        from openpyxl.cell.rich_text import CellRichText, TextBlock
                        from openpyxl.cell.text import InlineFont

                        cell.value = CellRichText([TextBlock(InlineFont(b=True), cell.value[:2]),
                                                   cell.value[2:]])
            said = "rich text cells"

    roster.content = _workbook(roster.rows, prepare)
    roster.name = "roster.xlsx"
    return said


SHEET = "xl/worksheets/sheet1.xml"
BILLION_LAUGHS = ('<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">' + "".join(
    f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(9)) + "]>")
EXTERNAL_ENTITY = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
EXTERNAL_DTD = '<!DOCTYPE x SYSTEM "http://127.0.0.1:9/x.dtd">'


def _after_declaration(text: str, insert: str) -> str:
    end = text.find("?>") + 2 if text.startswith("<?xml") else 0
    return text[:end] + insert + text[end:]


def _xlsx_xml(rng: random.Random, roster: RosterCase) -> str:
    members = unzip_members(_workbook(roster.rows))
    sheet = _member(members, SHEET).decode()
    variant = rng.randrange(18)
    name = SHEET
    if variant == 0:
        char = rng.choice(["_x000B_", "_x0000_", "_x001B_", "_xD800_", "_x000b_", "_xFFFE_"])
        sheet = sheet.replace("</t></is>", f"{char}</t></is>", 2)
        said = f"{char} in two strings (Excel's escape)"
    elif variant == 1:
        char = rng.choice(["\x0b", "\x01", "\x00", "\ud800"])
        sheet = sheet.replace("</t></is>", f"{char}</t></is>", 1)
        said = f"a raw {char!r} in a string"
    elif variant == 2:
        sheet = _after_declaration(sheet, BILLION_LAUGHS).replace("</t></is>", "&j;</t></is>", 1)
        said = "a billion laughs"
    elif variant == 3:
        sheet = _after_declaration(sheet, EXTERNAL_ENTITY).replace("</t></is>", "&e;</t></is>", 1)
        said = "an external entity"
    elif variant == 4:
        sheet = _after_declaration(sheet, EXTERNAL_DTD)
        said = "an external DTD"
    elif variant == 5:
        ref = rng.choice(["A1:XFD1048576", "A1:A1", "ZZZZ1", "", "A1:G99999999"])
        sheet = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="{ref}"/>', sheet)
        said = f"dimension {ref!r}"
    elif variant == 6:
        ref = rng.choice(["XFE2", "A1048577", "A0", "AAAA2", "G99999999999", "-1", "", "2B"])
        sheet = re.sub(r'r="B2"', f'r="{ref}"', sheet, count=1)
        said = f"cell B2 says it is {ref!r}"
    elif variant == 7:
        kind, value = rng.choice([("s", "9999"), ("b", "2"), ("d", "not a date"),
                                  ("d", "99999-01-01"), ("n", "NaN"), ("n", "1e400"), ("n", "inf"),
                                  ("n", "abc"), ("e", "#N/A"), ("zz", "1"), ("str", "x" * 100)])
        sheet = re.sub(r'<c r="B2" t="inlineStr"><is><t>[^<]*</t></is></c>',
                       f'<c r="B2" t="{kind}"><v>{value}</v></c>', sheet, count=1)
        said = f"cell B2 of type {kind!r} holding {value!r:.20}"
    elif variant == 8:
        value = rng.choice(["1e10", "2958466", "-5", "3e6", "1e308", "1e-300", "45000.99999999"])
        sheet = re.sub(r'(<c r="F2" s="\d+" t="n"><v>)[^<]*(</v>)', rf"\g<1>{value}\2", sheet,
                       count=1)
        said = f"the date in F2 is the serial {value}"
    elif variant == 9:
        number = rng.choice(["0", "-1", "99999999999", "1048577", "x"])
        sheet = sheet.replace('<row r="2"', f'<row r="{number}"', 1)
        said = f"row 2 numbered {number!r}"
    elif variant == 10:
        sheet = sheet.replace('<c r="A2"', '<c r="A2" s="9999"', 1)
        said = "a style index out of range"
    elif variant == 11:
        sheet = sheet[:rng.randrange(len(sheet))]
        said = "the sheet truncated"
    elif variant == 12:
        sheet = sheet.replace("</row>", "", 1)
        said = "a row left open"
    elif variant == 13:
        length = rng.choice([10**6, 2 * 10**7])
        sheet = sheet.replace("</t></is>", "y" * length + "</t></is>", 1)
        said = f"a string of {length} characters"
    elif variant == 14:
        rows = "".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>R{n}</t></is></c></row>'
                       for n in range(100, 100 + rng.choice([10000, 200000])))
        sheet = sheet.replace("</sheetData>", rows + "</sheetData>")
        said = "many rows of ids alone"
    elif variant == 15:
        name = "xl/workbook.xml"
        book = _member(members, name).decode()
        book = rng.choice([book.replace('r:id="rId1"', 'r:id="rId9"'),
                           book.replace("<workbookPr", '<workbookPr date1904="1"'),
                           book.replace("</sheets>", '<sheet name="Roster" sheetId="2" '
                                                     'r:id="rId1"/></sheets>'),
                           book[:len(book) // 2]])
        _replace_member(members, name, book.encode())
        said = "the workbook's part damaged"
    elif variant == 16:
        name = "[Content_Types].xml"
        types = _member(members, name).decode()
        _replace_member(members, name, re.sub(r"<Override [^>]*worksheet[^>]*/>", "", types)
                        .encode())
        said = "the sheet's content type missing"
    else:
        name = "xl/styles.xml"
        styles = _member(members, name).decode()
        _replace_member(members, name, styles.replace("numFmtId=", "numFmtId=\"999\" x=", 1)
                        .encode())
        said = "the styles damaged"
    if name == SHEET:
        _replace_member(members, SHEET, sheet.encode("utf-8", "surrogatepass"))
    roster.content = zip_members(members)
    roster.name = "roster.xlsx"
    return said


def _xlsx_zip(rng: random.Random, roster: RosterCase) -> str:
    members = unzip_members(_workbook(roster.rows))
    roster.content, said = damage_zip(rng, members, SHEET, b"</sheetData>")
    roster.name = "roster.xlsx"
    return said


def _roster_name(rng: random.Random, roster: RosterCase) -> str:
    """A roster under a name its reader is chosen by, wrongly or oddly."""
    variant = rng.randrange(6)
    if variant == 0:
        roster.content, roster.name = _workbook(roster.rows), "roster.csv"
        return "a workbook named .csv"
    if variant == 1:
        roster.content, roster.name = _csv(roster.rows), "roster.xlsx"
        return "a CSV named .xlsx"
    if variant == 2:
        roster.content, roster.name = _workbook(roster.rows), "roster.XLSM"
        return "a workbook named .XLSM"
    if variant == 3:
        roster.content, roster.name = Fifo(), "roster.csv"
        return "a FIFO"
    if variant == 4:
        roster.content = Link(rng.choice(["/dev/zero", "/dev/urandom", "/dev/stdin", "nowhere"]))
        roster.name = rng.choice(["roster.csv", "roster.xlsx"])
        return f"a link to {roster.content.target}"
    roster.content, roster.name = Folder(), "roster.csv"
    return "a folder"


# CSV and workbook mutations alike, each a slot of its own.
ROSTER_KINDS = [_roster_encoding, _xlsx_types, _roster_ragged, _xlsx_layout, _roster_header,
                _xlsx_xml, _roster_control, _xlsx_zip, _roster_huge, _xlsx_types,
                _roster_quotes, _xlsx_xml, _roster_values, _xlsx_zip, _roster_bytes,
                _roster_name]


def prepare_rosters(folder: Path, seed: int, cases: list[int]) -> Prepared:
    write_files(folder / "profiles", {p.name: p.read_bytes()
                                      for p in sorted((COHORT / "profiles").glob("*.json"))})
    (folder / "imported").mkdir(parents=True, exist_ok=True)
    about = {}
    steps = []
    for index in cases:
        rng = case_rng("rosters", seed, index)
        roster = RosterCase(_roster_rows(rng, index, rng.randint(1, 6)))
        mutation = ROSTER_KINDS[index % len(ROSTER_KINDS)]
        about[index] = f"{mutation.__name__[1:]}: {mutation(rng, roster)}"
        name = f"r{index:05d}/{roster.name}"
        write_files(folder, {name: roster.content})
        options = list(roster.options)
        if rng.random() < 0.15 and "--dry-run" not in options:
            options.append("--dry-run")
        if rng.random() < 0.15:
            options.append("--strict")
        steps.append(Step("import", ("import", name, "-p", PROG, "-o", f"imported/r{index:05d}",
                                     "--format", rng.choice(FORMATS), *options), (index,)))
    steps.append(Step("validate json", ("validate", "imported", "--format", "json"),
                      tuple(cases)))
    steps.append(Step("build", ("build", "imported", "--out", "out", "--format", "json", "-j",
                                "1", "-q"), tuple(cases), writes="out"))
    return Prepared(steps, about)


# --- catalogues: an organisation's fr-FR set with a mutated messages.po -------------------

PO = "fr-FR/messages.po"


def _po_text() -> str:
    return (TEMPLATES / "fr-FR" / "messages.po").read_text(encoding="utf-8")


def _po_entries(text: str) -> list[str]:
    return text.split("\n\n")


@dataclass
class CatalogueCase:
    text: str
    content: Content = None
    encoding: str = "utf-8"

    def bytes(self) -> Content:
        if self.content is not None:
            return self.content
        return self.text.encode(self.encoding, "surrogatepass" if self.encoding.startswith("utf")
                                else "replace")


def _catalogue_syntax(rng: random.Random, case: CatalogueCase) -> str:
    lines = case.text.split("\n")
    said = []
    for _ in range(rng.randint(1, 3)):
        line = rng.randrange(len(lines))
        change = rng.randrange(10)
        if change == 0:
            lines[line] = lines[line].replace('"', "", 1)
            said.append(f"a quote gone on line {line + 1}")
        elif change == 1:
            del lines[line]
            said.append(f"line {line + 1} gone")
        elif change == 2:
            lines.insert(line, lines[line])
            said.append(f"line {line + 1} twice")
        elif change == 3:
            lines[line] = re.sub(r"^(msgid|msgstr|msgctxt)", lambda m: rng.choice(
                ["msgid", "msgstr", "msgctxt", "msgstr[0]", "msgid_plural", "msgfoo"]), lines[line])
            said.append(f"line {line + 1}'s keyword changed")
        elif change == 4:
            lines.insert(line, rng.choice(['msgstr "orphan"', 'msgid "x"', '"continued"',
                                           "msgctxt", 'msgctxt "title contract"', "#~ obsolete",
                                           '#, fuzzy', '#| msgid "old"', "garbage", "\\"]))
            said.append(f"a stray line before line {line + 1}")
        elif change == 5:
            lines[line] += rng.choice(['\\', '\\x', '\\777', '\\u00e9', '\\"', '"', ' "x"'])
            said.append(f"an escape at the end of line {line + 1}")
        elif change == 6:
            lines[line] = lines[line].replace('"', '"\\', 1)
            said.append(f"a backslash after a quote on line {line + 1}")
        elif change == 7:
            lines[line] = "#~ " + lines[line]
            said.append(f"line {line + 1} made obsolete")
        elif change == 8:
            lines[line] = lines[line].replace("msgstr ", 'msgstr[0] ', 1)
            said.append(f"a plural form on line {line + 1}")
        else:
            lines.insert(line, 'msgid_plural "more"')
            said.append(f"msgid_plural before line {line + 1}")
    case.text = "\n".join(lines)
    return ", ".join(said)


CHARSETS = ["UTF-8", "utf8", "ISO-8859-1", "latin-1", "CHARSET", "klingon", "rot13", "base64",
            "hex", "zlib", "punycode", "idna", "utf-7", "utf-16", "utf-32", "unicode_escape",
            "raw_unicode_escape", "cp037", "koi8-r", "shift_jis", "mbcs", "ascii", "utf-8-sig",
            "", "UTF-8; foo=bar", "uu", "bz2", "palmos", "utf_16_be", "cp65001"]


def _catalogue_charset(rng: random.Random, case: CatalogueCase) -> str:
    declared = rng.choice(CHARSETS)
    variant = rng.randrange(6)
    if variant == 5:
        case.text = case.text.replace('"Content-Type: text/plain; charset=UTF-8\\n"\n', "")
        case.encoding = rng.choice(["utf-8", "latin-1"])
        return f"no Content-Type header, written in {case.encoding}"
    case.text = case.text.replace("charset=UTF-8", f"charset={declared}")
    if variant == 0:
        return f"charset={declared!r}, written in UTF-8"
    if variant == 1:
        case.encoding = rng.choice(["latin-1", "cp1252", "utf-16", "cp037", "koi8-r"])
        return f"charset={declared!r}, written in {case.encoding}"
    if variant == 2:
        try:
            case.content = case.text.encode(declared)
        except (LookupError, UnicodeError, TypeError, ValueError):
            case.encoding = "utf-8"
            return f"charset={declared!r} (no such text codec), written in UTF-8"
        return f"charset={declared!r}, written in it"
    if variant == 3:
        case.content = b"\xef\xbb\xbf" + case.text.encode("utf-8")
        return f"a byte-order mark, charset={declared!r}"
    case.text = case.text.replace('"MIME-Version', '"Content-Type: text/plain; charset=latin-1\\n"'
                                  '\n"MIME-Version', 1)
    return f"two Content-Type headers (latin-1, {declared!r})"


def _catalogue_control(rng: random.Random, case: CatalogueCase) -> str:
    entries = _po_entries(case.text)
    said = []
    for _ in range(rng.randint(1, 3)):
        position = rng.randrange(1, len(entries))
        char = rng.choice([*CONTROL, "\\v", "\\f", "\\a", "\\b", "\\x0b", "\\013"])
        where = rng.choice(["msgstr", "msgstr", "msgstr", "msgctxt", "msgid", "#."])
        entries[position] = re.sub(rf'^({re.escape(where)} "?)', lambda m, char=char: m.group(1) + char,
                                   entries[position], count=1, flags=re.MULTILINE)
        context = re.search(r'msgctxt "([^"]*)"', entries[position])
        said.append(f"{char!r} in the {where} of {context.group(1) if context else position}")
    case.text = "\n\n".join(entries)
    return ", ".join(said)


def _catalogue_missing(rng: random.Random, case: CatalogueCase) -> str:
    entries = _po_entries(case.text)
    variant = rng.randrange(7)
    if variant == 0:
        count = rng.randint(1, len(entries) - 1)
        for _ in range(count):
            if len(entries) > 1:
                del entries[rng.randrange(1, len(entries))]
        said = f"{count} entries deleted"
    elif variant == 1:
        for position in rng.sample(range(1, len(entries)), rng.randint(1, 10)):
            entries[position] = re.sub(r'msgstr ".*"', 'msgstr ""', entries[position])
        said = "empty translations"
    elif variant == 2:
        entries = [entries[0]] + ["#, fuzzy\n" + e for e in entries[1:]]
        said = "every entry fuzzy"
    elif variant == 3:
        entries = entries[:1]
        said = "the header alone"
    elif variant == 4:
        entries = [rng.choice(["", "\n", "# only a comment\n", "   "])]
        said = f"only {entries[0]!r}"
    elif variant == 5:
        entries = entries[1:]
        said = "no header"
    else:
        entries = [entries[0]] + ["\n".join("#~ " + line for line in e.split("\n"))
                                  for e in entries[1:]]
        said = "every entry obsolete"
    case.text = "\n\n".join(entries)
    return said


def _catalogue_huge(rng: random.Random, case: CatalogueCase) -> str:
    variant = rng.randrange(6)
    if variant == 0:
        length = rng.choice([10**5, 10**6, 5 * 10**6])
        context = rng.choice(["title contract", "coaching client", "ground legal"])
        case.text = re.sub(rf'(msgctxt "{context}"\nmsgid "[^"]*"\nmsgstr ")[^"]*"',
                           lambda m: m.group(1) + "é" * length + '"', case.text)
        return f"{context!r} translated by {length} characters"
    if variant == 1:
        count = rng.choice([10**4, 10**5])
        case.text += "".join(f'\nmsgctxt "junk {n}"\nmsgid "x"\nmsgstr "y"\n' for n in range(count))
        return f"{count} more entries"
    if variant == 2:
        size = rng.choice([10 * MiB - 1, 10 * MiB, 10 * MiB + 1, 11 * MiB])
        raw = case.text.encode()
        case.content = raw + b"#" * max(0, size - len(raw) - 1) + b"\n"
        return f"padded with a comment to {size} bytes"
    if variant == 3:
        case.content = Sparse(1 << 30, case.text.encode())
        return "a file that says it is 1 GiB"
    if variant == 4:
        case.text = case.text.replace('msgstr "le coach"', 'msgstr "' + "le coach" * 10**6 + '"')
        return "one line of 8 MB"
    lines = "\n".join(f'"{n}"' for n in range(200000))
    case.text = case.text.replace('msgstr "coaché"\n', 'msgstr "coaché"\n' + lines + "\n", 1)
    return "a translation continued over 200,000 lines"


ODD_MESSAGES = ["{document}" * 1000, "{engagement}{document}{engagement}", "{document", "",
                "{{ 7*7 }}", "{% for x in y %}", "%s %d", "{0}", "</w:t></w:r><w:r><w:t>", "]]>",
                "&amp;&lt;", "<w:br/>", "😀" * 100, "\u202eRTL", "a\\nb", "\\t", "x" * 10000,
                "  ", "\\\\", "{document}: {engagement}: {document}", "\\r\\n", "&#x0B;"]


def _catalogue_content(rng: random.Random, case: CatalogueCase) -> str:
    said = []
    for _ in range(rng.randint(1, 3)):
        context = rng.choice(["title with engagement", "title contract", "title notice",
                              "title annex", "title decision", "coaching the_client",
                              "training practitioner", "ground legal", "membership engagement",
                              "mentoring sessions"])
        message = rng.choice(ODD_MESSAGES)
        case.text = re.sub(rf'(msgctxt "{context}"\nmsgid "[^"]*"\nmsgstr ")[^"]*"',
                           lambda m, text=message: m.group(1) + text.replace('"', '\\"') + '"',
                           case.text)
        said.append(f"{context!r} = {message!r:.30}")
    if rng.random() < 0.2:
        case.text += '\nmsgctxt "title contract"\nmsgid "Confidentiality agreement"\nmsgstr "Deux"\n'
        said.append("'title contract' twice")
    return ", ".join(said)


def _catalogue_bytes(rng: random.Random, case: CatalogueCase) -> str:
    raw = case.text.encode()
    variant = rng.randrange(6)
    if variant == 0:
        case.content = _truncate(rng, raw)
        return "truncated"
    if variant == 1:
        case.content = _flip(rng, raw)
        return "bytes flipped"
    if variant == 2:
        case.content = raw.replace(b"\n", b"\r\n")
        return "Windows line ends"
    if variant == 3:
        case.content = raw.replace(b"\n", b"\r")
        return "old Mac line ends"
    if variant == 4:
        case.content = raw.rstrip(b"\n")
        return "no final line end"
    spot = rng.randrange(len(raw))
    case.content = raw[:spot] + rng.choice([b"\0", b"\xed\xa0\x80", b"\xff\xfe", b"\xc3"]) + raw[spot:]
    return f"a bad byte at {spot}"


def _catalogue_file(rng: random.Random, case: CatalogueCase) -> str:
    variant = rng.randrange(9)
    kinds: list[tuple[str, Callable[[], Content]]] = [
        ("a folder", Folder), ("a FIFO", Fifo), ("a link to /dev/zero", lambda: Link("/dev/zero")),
        ("a dangling link", lambda: Link("nowhere.po")), ("a link to /dev/urandom",
                                                         lambda: Link("/dev/urandom")),
        ("a Word document", lambda: (TEMPLATES / "fr-FR" / "contract.docx").read_bytes()),
        ("a compiled .mo catalogue", _mo_bytes), ("empty", lambda: b""),
        ("a link to /etc/passwd", lambda: Link("/etc/passwd")),
    ]
    said, make = kinds[variant]
    case.content = make()
    return said


def _mo_bytes() -> bytes:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    buffer = io.BytesIO()
    write_mo(buffer, read_po(io.BytesIO(_po_text().encode())))
    return buffer.getvalue()


CATALOGUE_KINDS = [_catalogue_syntax, _catalogue_charset, _catalogue_control, _catalogue_missing,
                   _catalogue_huge, _catalogue_content, _catalogue_bytes, _catalogue_file]


def _french_engagements(folder: Path) -> None:
    """Every sample, in French (one in fr-CA, one in fr: both take the fr-FR set), so that every
    message of the catalogue is used."""
    locales = ["fr-FR", "fr-CA", "fr", "fr-FR", "fr-FR", "fr-FR"]
    files = {}
    for number, sample in enumerate(SAMPLES):
        data = _copy(_json_file(sample))
        data["locale"] = locales[number % len(locales)]
        data["id"] = f"CAT-{number}"
        files[f"CAT-{number}.json"] = json.dumps(data, ensure_ascii=False).encode()
    write_files(folder, files)


def prepare_catalogues(folder: Path, seed: int, cases: list[int]) -> Prepared:
    _french_engagements(folder / "engagements")
    about = {}
    steps = []
    for index in cases:
        rng = case_rng("catalogues", seed, index)
        case = CatalogueCase(_po_text())
        mutation = CATALOGUE_KINDS[index % len(CATALOGUE_KINDS)]
        about[index] = f"{mutation.__name__[1:]}: {mutation(rng, case)}"
        own = f"c{index:05d}"
        # A template beside the catalogue: a folder holding a catalogue alone has nothing for
        # templates check to check.
        write_files(folder / own, {
            PO: case.bytes(),
            "fr-FR/contract.docx": (TEMPLATES / "fr-FR" / "contract.docx").read_bytes()})
        steps.append(Step("templates check", ("templates", "check", "--templates", own,
                                              "--format", rng.choice(FORMATS)), (index,)))
        steps.append(Step("build", ("build", "engagements", "--out", f"{own}-out", "--templates",
                                    own, "-j", "1", "-q", "--format", "json"), (index,),
                          writes=f"{own}-out"))
    return Prepared(steps, about)


# --- templates: an organisation's template made from a shipped one, mutated ---------------

TEMPLATE_NAMES = ["contract.docx", "feedback-annex.docx", "disclosure-notice.docx",
                  "decision-record.docx"]
DOCUMENT = "word/document.xml"
TAG = re.compile(r"\{[{%#].*?[}%#]\}")
TEXT_START = re.compile(r"<w:t(?: [^>]*)?>")


@cache
def _shipped_members(locale: str, name: str) -> tuple[tuple[str, bytes], ...]:
    return tuple(unzip_members((TEMPLATES / locale / name).read_bytes()))


@dataclass
class TemplateCase:
    members: list[tuple[str, bytes]]
    raw: bytes | None = None  # damaged as a zip: these bytes, not the members
    beside: dict[str, Content] = field(default_factory=dict)  # more files in its folder

    def part(self, name: str = DOCUMENT) -> str:
        return _member(self.members, name).decode("utf-8", "surrogatepass")

    def set_part(self, text: str, name: str = DOCUMENT) -> None:
        _replace_member(self.members, name, text.encode("utf-8", "surrogatepass"))

    def bytes(self) -> bytes:
        return self.raw if self.raw is not None else zip_members(self.members)


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _insert_text(rng: random.Random, case: TemplateCase, text: str) -> None:
    """``text`` at the start of one of the document's runs of text."""
    xml = case.part()
    starts = list(TEXT_START.finditer(xml))
    spot = rng.choice(starts).end()
    case.set_part(xml[:spot] + _xml_text(text) + xml[spot:])


def _template_broken(rng: random.Random, case: TemplateCase) -> str:
    xml = case.part()
    tags = list(TAG.finditer(xml))
    variant = rng.randrange(8)
    tag = rng.choice(tags)
    if variant == 0:
        case.set_part(xml[:tag.end() - 2] + xml[tag.end():])
        return f"{tag.group()!r} without its end"
    if variant == 1:
        case.set_part(xml[:tag.start()] + xml[tag.start() + 2:])
        return f"{tag.group()!r} without its start"
    if variant == 2:
        ends = [t for t in tags if re.match(r"\{%-?[prc]? *end", t.group())]
        if ends:
            tag = rng.choice(ends)
        case.set_part(xml[:tag.start()] + xml[tag.end():])
        return f"{tag.group()!r} deleted"
    if variant == 3:
        opens = [t for t in tags if re.match(r"\{%-?[prc]? *(if|for)", t.group())] or tags
        tag = rng.choice(opens)
        case.set_part(xml[:tag.end()] + tag.group() + xml[tag.end():])
        return f"{tag.group()!r} twice"
    if variant == 4:
        case.set_part(xml[:tag.start()] + xml[tag.start():tag.end()].replace(" ", "", 1)
                      .replace(".", "..", 1) + xml[tag.end():])
        return f"{tag.group()!r} misspelt"
    broken = rng.choice([
        "{{", "{%", "{#", "}}", "%}", "{{ }}", "{% %}", "{{ title|nope }}", "{{ nope.x.y }}",
        "{{ title( }}", "{% if %}", "{% endif %}", "{% endfor %}", "{% set x = %}",
        "{%p if title %}", "{%tr for x in y %}", "{%tc for x in y %}", "{{r title }}",
        "{%r if title %}", "{%- if title -%}", "{% raw %}", "{% include 'x' %}",
        "{% import 'os' as os %}", "{% extends 'x' %}", "{% macro m() %}", "{% call m() %}",
        "{% block x %}", "{% filter upper %}", "{{ '\\x' }}", "{{ \"unterminated }}",
        "{{ title }", "{ { title } }", "{{{ title }}}", "{% for x in title %}{% for y in x %}",
        "{% if title %}{% else %}{% else %}{% endif %}", "{{ title|default(title|default(",
        "{{ {}[1] }}", "{{ [][0] }}", "{{ 1/0 }}", "{{ none.x }}", "{{ title[10**9] }}",
        "{%p endif %}", "{% with %}", "{% autoescape false %}{{ '<w:br/>' }}",
    ])
    _insert_text(rng, case, broken)
    return f"{broken!r} put in"


HOSTILE = [
    "{{ 'x' * 10**9 }}", "{{ 'x' * 999999 * 999999 }}", "{{ title * 100000000 }}",
    "{{ [title] * 10**8 }}", "{{ title|center(999999999) }}", "{{ title.center(999999999) }}",
    "{{ title.ljust(10**9) }}", "{{ title.rjust(2**31) }}", "{{ '%999999999s'|format(1) }}",
    "{{ '%.999999999f'|format(1.0) }}", "{{ '{:>999999999}'.format(1) }}",
    "{{ '{:0999999999}'.format(1) }}", "{{ title|indent(999999999) }}",
    "{{ (title * 1000)|wordwrap(1) }}", "{{ title|truncate(10**18) }}",
    "{{ title|replace('', title) }}", "{{ (title ~ title)|replace('', title)|replace('', title) }}",
    "{{ range(10**9)|list|length }}", "{{ range(99999)|join(title) }}",
    "{% for i in range(10**7) %}{{ i }}{% endfor %}",
    "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
    "{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}", "{{ lipsum(10**6) }}",
    "{{ 10**10**10 }}", "{{ 9**9**9 }}", "{{ 2**4096 }}", "{{ (2**4000)|string * 1000 }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}", "{{ self.__init__.__globals__ }}",
    "{{ title|attr('__class__') }}", "{{ namespace.__init__.__globals__ }}",
    "{{ joiner.__init__.__globals__ }}", "{{ config }}", "{{ title.format_map(self) }}",
    "{{ '{0.__class__}'.format(title) }}", "{{ '%s'.__mod__(title) }}",
    "{{ image('/etc/passwd') }}", "{{ image('../../../../etc/passwd') }}",
    "{{ subdoc('/etc/passwd') }}", "{{ image('x.png', width=10**9) }}", "{{ subdoc('x.docx') }}",
    "{{ title|dictsort }}", "{{ (title|list) * 10**6 }}", "{{ title|batch(0)|list }}",
    "{{ title|slice(10**9)|list }}", "{{ '\\x00\\x0b' }}", "{{ '\\ud800' }}", "{{ '\\x0b' ~ title }}",
    "{{ '</w:t><w:r><w:t>' }}", "{{ '<w:br/>'|safe }}", "{{ title|e|safe }}",
    "{{ '\\n' * 100000 }}", "{{ '\\t' ~ title ~ '\\f' }}", "{{ '\\u2028' * 1000 }}",
    "{{ title|format(*range(10**6)) }}", "{{ '%s' * 999999 % title }}",
    "{{ ('{}' * 999999).format(*[title] * 999999) }}", "{{ title|wordcount * 10**9 }}",
    "{% set x = [1] %}{% for i in range(20) %}{% set x = x + x %}{% endfor %}{{ x|length }}",
    "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
    "{% endfor %}{{ ns.s|length }}",
    "{{ title|indent(10**6, true) }}", "{{ title|filesizeformat }}", "{{ 1e308 * 10 }}",
    "{{ title|int(base=99) }}", "{{ '%c'|format(1114112) }}", "{{ title|round(10**9) }}",
]


def _template_hostile(rng: random.Random, case: TemplateCase) -> str:
    expression = rng.choice(HOSTILE)
    _insert_text(rng, case, expression)
    if "x.png" in expression:
        case.beside["x.png"] = rng.choice([_PNG, Link("/dev/zero"), Link("/etc/passwd")])
    if "x.docx" in expression:
        case.beside["x.docx"] = rng.choice([
            (TEMPLATES / "en-GB" / "contract.docx").read_bytes(), Link("/etc/passwd"),
            Link("/dev/zero"), b"not a docx"])
    return f"{expression!r} put in"


_PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                     "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")

RUN_BREAKS = [
    '</w:t></w:r><w:r><w:t xml:space="preserve">',
    '</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">',
    '</w:t></w:r><w:r><w:rPr><w:lang w:val="fr-FR"/></w:rPr><w:t xml:space="preserve">',
    '</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t xml:space="preserve">',
    '</w:t></w:r><w:bookmarkStart w:id="990" w:name="fuzz"/><w:bookmarkEnd w:id="990"/>'
    '<w:r><w:t xml:space="preserve">',
    '</w:t><w:t xml:space="preserve">',
    '</w:t><w:tab/><w:t xml:space="preserve">',
    '</w:t><w:br/><w:t xml:space="preserve">',
    '</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">',
    '</w:t></w:r><w:ins w:id="991" w:author="x"><w:r><w:t xml:space="preserve">zz</w:t></w:r>'
    '</w:ins><w:r><w:t xml:space="preserve">',
    '</w:t></w:r><w:del w:id="992" w:author="x"><w:r><w:delText>zz</w:delText></w:r></w:del>'
    '<w:r><w:t xml:space="preserve">',
    '</w:t></w:r><w:smartTag w:uri="x" w:element="y"><w:r><w:t>zz</w:t></w:r></w:smartTag>'
    '<w:r><w:t xml:space="preserve">',
    '</w:t></w:r><w:hyperlink w:anchor="x"><w:r><w:t>zz</w:t></w:r></w:hyperlink>'
    '<w:r><w:t xml:space="preserve">',
    '</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE '
    '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve">',
    '</w:t></w:r><w:commentRangeStart w:id="993"/><w:r><w:t xml:space="preserve">',
    '</w:t></w:r><w:r><w:t xml:space="preserve"></w:t></w:r><w:r><w:t>',
]


def _template_split(rng: random.Random, case: TemplateCase) -> str:
    tagged = [n for n, d in case.members if n.startswith("word/") and n.endswith(".xml")
              and TAG.search(d.decode("utf-8", "replace"))]
    target = rng.choice([DOCUMENT] * 5 + tagged)
    xml = case.part(target)
    tags = list(TAG.finditer(xml))
    tag = rng.choice(tags)
    text = tag.group()
    if rng.random() < 0.25:  # what Word's AutoCorrect does to quotes typed in a tag
        changed = text.replace("'", rng.choice(["’", "‘"])).replace('"', rng.choice(["“", "”"]))
        case.set_part(xml[:tag.start()] + changed + xml[tag.end():], target)
        return f"{text!r} with curly quotes ({target})"
    cuts = sorted(rng.sample(range(1, len(text)), min(len(text) - 1, rng.randint(1, 3))))
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    breaks = [rng.choice(RUN_BREAKS) for _ in cuts]
    joined = pieces[0] + "".join(b + p for b, p in zip(breaks, pieces[1:], strict=True))
    case.set_part(xml[:tag.start()] + joined + xml[tag.end():], target)
    return f"{text!r} split in {len(pieces)} ({target})"


def _template_xml(rng: random.Random, case: TemplateCase) -> str:
    parts = [n for n, _ in case.members if n.endswith((".xml", ".rels"))]
    name = rng.choice([DOCUMENT] * 6 + parts)
    xml = case.part(name)
    variant = rng.randrange(18)
    texts = list(TEXT_START.finditer(xml))
    spot = rng.choice(texts).end() if texts else len(xml) // 2

    def at_spot(insert: str) -> str:
        return xml[:spot] + insert + xml[spot:]

    if variant == 0:
        cut = rng.randrange(len(xml))
        xml, said = xml[:cut], f"truncated at {cut}"
    elif variant == 1:
        closing = list(re.finditer(r"</[^>]+>", xml))
        gone = rng.choice(closing)
        xml, said = xml[:gone.start()] + xml[gone.end():], f"{gone.group()} deleted"
    elif variant == 2:
        xml, said = at_spot("a & b"), "a bare &"
    elif variant == 3:
        xml, said = at_spot("&nbsp;"), "an undefined entity"
    elif variant == 4:
        xml = _after_declaration(xml, BILLION_LAUGHS)
        spot += len(BILLION_LAUGHS)
        xml, said = at_spot("&j;"), "a billion laughs"
    elif variant == 5:
        xml = _after_declaration(xml, EXTERNAL_ENTITY)
        spot += len(EXTERNAL_ENTITY)
        xml, said = at_spot("&e;"), "an external entity"
    elif variant == 6:
        xml, said = _after_declaration(xml, EXTERNAL_DTD), "an external DTD"
    elif variant == 7:
        char = rng.choice(["\x01", "\x0b", "\x1b", "\x7f", "\ufffe", "\ud800", "\x00"])
        xml, said = at_spot(char), f"a raw {char!r}"
    elif variant == 8:
        reference = rng.choice(["&#x0B;", "&#1;", "&#xD800;", "&#x110000;", "&#0;", "&#xFFFE;"])
        xml, said = at_spot(reference), f"the reference {reference}"
    elif variant == 9:
        encoding = rng.choice(["UTF-16", "ISO-8859-1", "klingon", "ebcdic-cp-us", "ascii"])
        xml = re.sub(r"encoding=['\"][^'\"]*['\"]", f"encoding='{encoding}'", xml, count=1)
        said = f"declared {encoding}, written in UTF-8"
    elif variant == 10:
        xml = re.sub(r"encoding=['\"][^'\"]*['\"]", "encoding='UTF-16'", xml, count=1)
        _replace_member(case.members, name, xml.encode("utf-16"))
        return f"{name} in UTF-16, as declared"
    elif variant == 11:
        _replace_member(case.members, name, b"\xef\xbb\xbf" * rng.randint(1, 2) + xml.encode())
        return f"{name} after a byte-order mark"
    elif variant == 12:
        xml = re.sub(r"<w:p>", '<w:p w:rsidR="00A1" w:rsidR="00A2">', xml, count=1)
        xml = xml.replace('<w:t xml:space="preserve">', '<w:t xml:space="preserve" '
                          'xml:space="default">', 1)
        said = "an attribute twice"
    elif variant == 13:
        xml, said = at_spot("</w:t><zz:x/><w:t>"), "an undeclared prefix"
    elif variant == 14:
        depth = rng.choice([100, 256, 257, 1000, 100000])
        body = xml.find("<w:body>") + len("<w:body>")
        if body < len("<w:body>"):
            body = spot
        nested = "<w:sdt><w:sdtContent>" * depth + "</w:sdtContent></w:sdt>" * depth
        xml, said = xml[:body] + nested + xml[body:], f"elements nested {depth} deep"
    elif variant == 15:
        length = rng.choice([10**6, 3 * 10**7])
        xml, said = at_spot("x" * length), f"a text of {length} characters"
    elif variant == 16:
        insert = rng.choice(["<![CDATA[{{ title }}]]>", "<!-- c -->", "<?php x?>",
                             "{{ ti<!-- c -->tle }}", "<![CDATA[</w:t>]]>"])
        xml, said = at_spot(insert), f"{insert!r} in a text"
    else:
        declaration = rng.choice(["", "<?xml version='1.1' encoding='UTF-8'?>",
                                  "<?xml version='2.0'?>", "<?xml standalone='maybe'?>"])
        xml = re.sub(r"^<\?xml[^>]*\?>", declaration, xml)
        if "1.1" in declaration:
            xml = xml.replace("</w:t>", "\x01</w:t>", 1)  # allowed in XML 1.1, not in 1.0
        said = f"declaration {declaration!r}"
    case.set_part(xml, name)
    return f"{name}: {said}"


def _template_parts(rng: random.Random, case: TemplateCase) -> str:
    names = [n for n, _ in case.members]
    variant = rng.randrange(10)
    if variant == 0:
        gone = rng.choice(names)
        case.members = [m for m in case.members if m[0] != gone]
        return f"{gone} deleted"
    if variant == 1:
        rels = rng.choice(["word/_rels/document.xml.rels", "_rels/.rels"])
        xml = case.part(rels)
        found = list(re.finditer(r"<Relationship [^>]*/>", xml))
        gone = rng.choice(found)
        case.set_part(xml[:gone.start()] + xml[gone.end():], rels)
        return f"a relationship of {rels} deleted: {gone.group()[:80]}"
    if variant == 2:
        rels = "word/_rels/document.xml.rels"
        kind = rng.choice(["image", "header", "footer", "styles", "numbering", "subDocument"])
        target = rng.choice(["media/missing.png", "missing.xml", "../../outside.xml", "/abs.xml",
                             "", "word/document.xml"])
        case.set_part(case.part(rels).replace(
            "</Relationships>", f'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org'
            f'/officeDocument/2006/relationships/{kind}" Target="{target}"/></Relationships>'), rels)
        return f"a {kind} relationship to {target!r}"
    if variant == 3:
        types = "[Content_Types].xml"
        xml = case.part(types)
        found = list(re.finditer(r"<(Override|Default) [^>]*/>", xml))
        gone = rng.choice(found)
        case.set_part(xml[:gone.start()] + xml[gone.end():], types)
        return f"content type gone: {gone.group()[:80]}"
    if variant == 4:
        old = rng.choice([DOCUMENT, "word/styles.xml", "[Content_Types].xml"])
        new = rng.choice([old.upper(), old.replace("word/", "Word/"), old.replace(".xml", ".XML")])
        case.members = [(new if n == old else n, d) for n, d in case.members]
        return f"{old} renamed {new}"
    if variant == 5:
        emptied = rng.choice(names)
        _replace_member(case.members, emptied, b"")
        return f"{emptied} empty"
    if variant == 6:
        junk = rng.choice(names)
        _replace_member(case.members, junk, bytes(rng.randrange(256) for _ in range(500)))
        return f"{junk} replaced by junk"
    if variant == 7:
        extra = rng.choice(["word/evil.xml", "customXml/item9.xml", "word/media/image1.png",
                            "word/glossary/document.xml"])
        case.members.append((extra, rng.choice([b"<x/>", _PNG, b""])))
        return f"{extra} added"
    if variant == 8:
        other = rng.choice(TEMPLATE_NAMES)
        _replace_member(case.members, DOCUMENT, dict(_shipped_members("en-GB", other))[DOCUMENT])
        return f"the body of en-GB {other}"
    case.members = [m for m in case.members if not m[0].startswith("docProps/")]
    return "no document properties"


def _add_relationship(case: TemplateCase, kind: str, target: str, *, external: bool,
                      rels: str = "word/_rels/document.xml.rels", rid: str = "rId90") -> None:
    mode = ' TargetMode="External"' if external else ""
    if not any(n == rels for n, _ in case.members):
        case.members.append((rels, b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                             b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                             b'relationships"></Relationships>'))
    case.set_part(case.part(rels).replace(
        "</Relationships>", f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"{mode}/>'
        "</Relationships>"), rels)


def _add_to_body(case: TemplateCase, xml: str) -> None:
    document = case.part()
    start = document.find("<w:body>") + len("<w:body>")
    case.set_part(document[:start] + xml + document[start:])


R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _template_active(rng: random.Random, case: TemplateCase) -> str:
    variant = rng.randrange(10)
    if variant == 0:
        _add_to_body(case, '<w:p><w:fldSimple w:instr=" INCLUDETEXT &quot;C:\\\\x.txt&quot; ">'
                           "<w:r><w:t>x</w:t></w:r></w:fldSimple></w:p>")
        return "an INCLUDETEXT field"
    if variant == 1:
        _add_to_body(case, '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText '
                           'xml:space="preserve"> DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe '
                           '"/k calc" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/>'
                           "</w:r></w:p>")
        return "a DDEAUTO field"
    if variant == 2:
        _add_relationship(case, f"{R}/image", "http://127.0.0.1:9/x.png", external=True)
        _add_to_body(case, '<w:p><w:r><w:pict><v:shape style="width:10pt;height:10pt">'
                           '<v:imagedata r:id="rId90"/></v:shape></w:pict></w:r></w:p>')
        return "an image linked to a web address"
    if variant == 3:
        _add_relationship(case, f"{R}/attachedTemplate", "file://server/share/evil.dotm",
                          external=True, rels="word/_rels/settings.xml.rels")
        case.set_part(case.part("word/settings.xml").replace(
            "<w:zoom", '<w:attachedTemplate r:id="rId90"/><w:zoom', 1), "word/settings.xml")
        return "a remote attached template"
    if variant == 4:
        case.members.append(("word/chunk.html", b"<html><body><p>HTML</p></body></html>"))
        _add_relationship(case, f"{R}/aFChunk", "chunk.html", external=False)
        case.set_part(case.part("[Content_Types].xml").replace(
            "</Types>", '<Default Extension="html" ContentType="text/html"/></Types>'),
            "[Content_Types].xml")
        _add_to_body(case, '<w:altChunk r:id="rId90"/>')
        return "embedded HTML (altChunk)"
    if variant == 5:
        case.members.append(("word/vbaProject.bin", b"\xd0\xcf\x11\xe0" + b"\0" * 508))
        _add_relationship(case, "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
                          "vbaProject.bin", external=False)
        case.set_part(case.part("[Content_Types].xml").replace(
            "wordprocessingml.document.main+xml", "ms-word.document.macroEnabled.main+xml")
            .replace("</Types>", '<Default Extension="bin" ContentType="application/'
                     'vnd.ms-office.vbaProject"/></Types>'), "[Content_Types].xml")
        return "VBA macros (a .docm named .docx)"
    if variant == 6:
        case.members.append(("word/embeddings/oleObject1.bin", b"\xd0\xcf\x11\xe0" + b"\0" * 508))
        _add_relationship(case, f"{R}/oleObject", "embeddings/oleObject1.bin", external=False)
        _add_to_body(case, '<w:p><w:r><w:object><o:OLEObject Type="Embed" ProgID="Package" '
                           'r:id="rId90"/></w:object></w:r></w:p>')
        return "an OLE object"
    if variant == 7:
        _add_relationship(case, f"{R}/hyperlink", "javascript:alert(1)", external=True)
        _add_to_body(case, '<w:p><w:hyperlink r:id="rId90"><w:r><w:t>click</w:t></w:r>'
                           "</w:hyperlink></w:p>")
        return "a javascript: hyperlink"
    if variant == 8:
        _add_relationship(case, f"{R}/subDocument", "\\\\server\\share\\sub.docx", external=True)
        _add_to_body(case, '<w:p><w:subDoc r:id="rId90"/></w:p>')
        return "a remote subdocument"
    case.beside["x.docx"] = rng.choice([
        (TEMPLATES / "en-GB" / "disclosure-notice.docx").read_bytes(), Link("/etc/passwd"),
        Link("/dev/zero"), Fifo(), Folder()])
    _insert_text(rng, case, "{{ subdoc('x.docx') }}")
    return f"subdoc('x.docx'), beside it {type(case.beside['x.docx']).__name__}"


def _template_zip(rng: random.Random, case: TemplateCase) -> str:
    case.raw, said = damage_zip(rng, case.members, DOCUMENT, b"</w:body>")
    return said


def _template_double(rng: random.Random, case: TemplateCase) -> str:
    first, second = rng.sample([_template_broken, _template_hostile, _template_split,
                                _template_xml, _template_parts, _template_active], 2)
    try:
        said = [first(rng, case), second(rng, case)]
    except (KeyError, StopIteration, IndexError, ValueError):
        return "two mutations, the second with nothing left to change"
    return " and ".join(said)


TEMPLATE_KINDS = [_template_broken, _template_hostile, _template_split, _template_xml,
                  _template_parts, _template_zip, _template_active, _template_double]
# Engagements that make every kind of document, per language.
TEMPLATE_ENGAGEMENTS = {"en-GB": ["coaching-two-disclosures.json", "exec-coaching-harbour-vale.json"],
                        "fr-FR": ["coaching-fr-lyon.json"]}
RENDER_WITH = {"en-GB": {"contract.docx": "exec-coaching-harbour-vale.json",
                         "feedback-annex.docx": "exec-coaching-harbour-vale.json",
                         "disclosure-notice.docx": "coaching-two-disclosures.json",
                         "decision-record.docx": "coaching-two-disclosures.json"},
               "fr-FR": dict.fromkeys(TEMPLATE_NAMES, "coaching-fr-lyon.json")}


def prepare_templates(folder: Path, seed: int, cases: list[int]) -> Prepared:
    for locale, names in TEMPLATE_ENGAGEMENTS.items():
        write_files(folder / f"engagements-{locale}",
                    {name: (ROOT / "samples" / name).read_bytes() for name in names})
    about = {}
    steps = []
    for index in cases:
        rng = case_rng("templates", seed, index)
        locale, name = rng.choice(["en-GB", "fr-FR"]), rng.choice(TEMPLATE_NAMES)
        case = TemplateCase(list(_shipped_members(locale, name)))
        mutation = TEMPLATE_KINDS[index % len(TEMPLATE_KINDS)]
        about[index] = f"{mutation.__name__[1:]}: {locale} {name}: {mutation(rng, case)}"
        own = f"t{index:05d}"
        place = name if locale == "en-GB" else f"{locale}/{name}"
        write_files(folder / own, {place: case.bytes(), **{
            (k if locale == "en-GB" else f"{locale}/{k}"): v for k, v in case.beside.items()}})
        steps.append(Step("templates check", ("templates", "check", "--templates", own,
                                              "--format", rng.choice(FORMATS)), (index,)))
        steps.append(Step("build", ("build", f"engagements-{locale}", "--out", f"{own}-out",
                                    "--templates", own, "-j", "1", "-q", "--format", "json"),
                          (index,), writes=f"{own}-out"))
        if rng.random() < 0.25:
            (folder / f"{own}-render").mkdir()
            steps.append(Step("render", ("render", "-t", f"{own}/{place}",
                                         f"engagements-{locale}/{RENDER_WITH[locale][name]}"
                                         if RENDER_WITH[locale][name] in TEMPLATE_ENGAGEMENTS[locale]
                                         else f"engagements-{locale}/"
                                              f"{TEMPLATE_ENGAGEMENTS[locale][0]}",
                                         "-o", f"{own}-render/document.docx"), (index,),
                              writes=f"{own}-render"))
    return Prepared(steps, about)


# --- the families ------------------------------------------------------------------------

@dataclass(frozen=True)
class Step:
    """One command of a job: its label (the command and how it is called), its arguments, the
    cases it reads, and the folder whose documents it writes (relative to the job's folder)."""

    label: str
    argv: tuple[str, ...]
    cases: tuple[int, ...]
    writes: str | None = None


class Prepared(NamedTuple):
    steps: list[Step]
    about: dict[int, str]  # what each case is: its mutation, said


def prepare_engagements(folder: Path, seed: int, cases: list[int]) -> Prepared:
    folder.mkdir(parents=True, exist_ok=True)
    made = engagement_cases(max(cases) + 1, seed)
    names = []
    for index in cases:
        (folder / f"f{index:05d}.json").write_bytes(made[index][1])
        names.append(f"f{index:05d}.json")
    steps = [Step(f"validate {fmt}", ("validate", *names, "--format", fmt), tuple(cases))
             for fmt in FORMATS]
    steps.append(Step("build", ("build", *names, "--out", "out", "--format", "json", "-j", "1"),
                      tuple(cases), writes="out"))
    return Prepared(steps, {index: made[index][0] for index in cases})


class Family(NamedTuple):
    prepare: Callable[[Path, int, list[int]], Prepared]
    batch: int  # cases a job takes


FAMILIES = {
    "engagements": Family(prepare_engagements, 50),
    "profiles": Family(prepare_profiles, 20),
    "rosters": Family(prepare_rosters, 20),
    "catalogues": Family(prepare_catalogues, 1),
    "templates": Family(prepare_templates, 1),
}


# --- running one command, bounded ---------------------------------------------------------

@dataclass(frozen=True)
class Outcome:
    """How one command ended."""

    code: int | None  # None: killed by a signal
    signal: int | None
    seconds: float
    peak_kib: int  # the largest resident set of the command's processes (wait4's ru_maxrss)
    timed_out: bool
    orphans: int  # processes of its group still running after it ended
    output: str


# Runs each command, from a process of its own that holds little memory: a process's peak
# (ru_maxrss) counts the memory of the process that forked it, as it was when it forked, and the
# fuzzer's own processes hold mutated workbooks and templates by the hundred MiB. Started as
# `python -S -c LAUNCHER REQUEST`; the command's output goes to the launcher's standard error, and
# how it ended, as JSON, to its standard output.
LAUNCHER = """
import json, os, resource, signal, subprocess, sys, time

request = json.loads(sys.argv[1])


def limits():  # in the child, before it runs the command: what every process of it may use
    resource.setrlimit(resource.RLIMIT_AS, (request["memory"], request["memory"]))
    resource.setrlimit(resource.RLIMIT_FSIZE, (request["files"], request["files"]))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def members(group):  # the live processes of a process group
    found = []
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().decode("ascii", "replace").rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if entry.isdigit() and fields[2] == str(group) and fields[0] not in ("Z", "X"):
            found.append(int(entry))
    return found


started = time.monotonic()
# A session of its own: its workers can be found, and stopped with it.
process = subprocess.Popen(request["argv"], stdin=subprocess.DEVNULL, stdout=2, stderr=2,
                           preexec_fn=limits, start_new_session=True)
timed_out = False
pause = 0.002
while True:
    # wait4, not waitpid: it gives the child's resource usage, its peak memory included.
    pid, status, usage = os.wait4(process.pid, os.WNOHANG)
    if pid:
        break
    if time.monotonic() - started > request["timeout"]:
        timed_out = True
        os.killpg(process.pid, signal.SIGKILL)
        pid, status, usage = os.wait4(process.pid, 0)
        break
    time.sleep(pause)
    pause = min(pause * 1.5, 0.05)
seconds = time.monotonic() - started
process.returncode = os.waitstatus_to_exitcode(status)  # reaped: Popen must not wait again
left = members(process.pid)
deadline = time.monotonic() + 2
while left and time.monotonic() < deadline:  # workers finishing as their parent ends
    time.sleep(0.05)
    left = members(process.pid)
if left:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
print(json.dumps({"code": process.returncode, "seconds": seconds, "peak_kib": usage.ru_maxrss,
                  "timed_out": timed_out, "orphans": len(left)}))
"""


def run_confdocs(argv: tuple[str, ...], cwd: Path, env: dict[str, str],
                 timeout: float = TIMEOUT) -> Outcome:
    """``python -m confdocs ARGV`` in ``cwd``, under MEMORY_LIMIT, FILE_LIMIT and ``timeout``,
    in a session of its own; run by LAUNCHER, which measures it."""
    request = json.dumps({"argv": [sys.executable, "-m", "confdocs", *argv],
                          "memory": MEMORY_LIMIT, "files": FILE_LIMIT, "timeout": timeout})
    with tempfile.TemporaryFile(dir=cwd) as log:
        done = subprocess.run([sys.executable, "-S", "-c", LAUNCHER, request], cwd=cwd, env=env,
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log,
                              timeout=timeout + 60, check=True)
        ended = json.loads(done.stdout)
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    code = ended["code"]
    return Outcome(code if code >= 0 else None, -code if code < 0 else None, ended["seconds"],
                   ended["peak_kib"], ended["timed_out"], ended["orphans"], output)


RESOURCE_CAUSES = ("timeout", "memory", "file-size limit", "killed by", "worker lost")
# What issue 28 bounds every process at: a process under the limit (1 GiB of address space) may
# still pass it in resident memory, as one that makes and drops a 1 GB string does.
PEAK_BOUND = 10**9
MEMORY_SIGNS = re.compile(r"MemoryError|Cannot allocate memory|out of memory|bad_alloc|"
                          r"failed to allocate|memory allocation failed")
WORKER_LOST = re.compile(r"a worker process (was killed|exited with|ended abruptly)")
INTERNAL = re.compile(r"internal error: ([^\n]*)")
FRAME = re.compile(r'File "([^"]+)", line (\d+), in (\S+)')


def causes(outcome: Outcome) -> list[str]:
    """What went wrong in a command, if anything (empty: nothing)."""
    if outcome.timed_out:
        return [f"timeout (over {TIMEOUT:.0f} s)"]
    found = []
    if MEMORY_SIGNS.search(outcome.output):
        found.append("memory limit (1 GiB)")
    elif outcome.peak_kib * 1024 > PEAK_BOUND:
        found.append("memory over 1 GB")
    elif "File too large" in outcome.output:
        found.append("file-size limit (1 GiB)")
    elif outcome.signal is not None:
        found.append(f"killed by {signal.Signals(outcome.signal).name}")
    elif WORKER_LOST.search(outcome.output):
        found.append("worker lost")
    elif outcome.code == 3:
        found.append("exit 3")
    elif "Traceback (most recent call last)" in outcome.output:
        found.append("traceback")
    elif outcome.code not in (0, 1, 2):
        found.append(f"exit {outcome.code}")
    if outcome.orphans:
        found.append("processes left running")
    return found


def signature(cause: str, output: str) -> str:
    """What tells one bug from another: the error's type, the last place in confdocs the
    traceback passes through and the place it ends (a message's quoted parts and numbers vary
    from case to case; the first case's message is kept with the failure)."""
    frames = FRAME.findall(output)
    said = INTERNAL.search(output)
    if not frames and not said:
        tail = [line for line in output.strip().splitlines() if line.strip()]
        return re.sub(r"\d+", "N", tail[-1][:160]) if tail else ""
    error = said.group(1) if said else next(
        (line.strip() for line in reversed(output.splitlines())
         if re.match(r"\s*[A-Za-z_.]*(Error|Exception|Exit)\b", line)), "")
    kind = error.split(":", 1)[0][:60]
    ours = [f for f in frames if "/confdocs/" in f[0] and "/site-packages/" not in f[0]]
    places = []
    for path, line, function in ([ours[-1]] if ours else []) + ([frames[-1]] if frames else []):
        place = f"{re.sub(r'.*/(confdocs/|site-packages/|python3[.0-9]*/)', '', path)}:{line} in {function}"
        if place not in places:
            places.append(place)
    return f"{kind} at {' / '.join(places)}" if places else kind


def unreadable_documents(out: Path) -> list[str]:
    """Every .docx under ``out`` that is not a well-formed Word package python-docx opens."""
    import xml.parsers.expat as expat

    import docx

    bad = []
    documents = [out] if out.suffix == ".docx" else sorted(out.rglob("*.docx"))
    for document in documents:
        if not document.is_file():
            continue
        try:
            with zipfile.ZipFile(document) as archive:
                if archive.testzip() is not None or "word/document.xml" not in archive.namelist():
                    raise ValueError("damaged package")
                for name in archive.namelist():
                    if name.endswith((".xml", ".rels")):
                        expat.ParserCreate().Parse(archive.read(name), True)
        except (zipfile.BadZipFile, ValueError, expat.ExpatError) as exc:
            bad.append(f"{document}: {exc}")
            continue
        try:
            docx.Document(str(document))
        except Exception as exc:  # whatever python-docx raises, Word would balk at it too
            bad.append(f"{document}: python-docx cannot open it: {type(exc).__name__}: {exc}")
    return bad


# --- jobs: a batch of cases, its commands, and the cases that fail ------------------------

@dataclass(frozen=True)
class Failure:
    family: str
    seed: int
    cases: tuple[int, ...]
    label: str
    cause: str
    signature: str
    message: str
    about: str
    command: str
    output: str

    def reproduce(self) -> str:
        cases = (str(self.cases[0]) if len(self.cases) == 1
                 else ",".join(map(str, self.cases)))
        return f"python bench/fuzz.py --families {self.family} --seed {self.seed} --case {cases}"


@dataclass(frozen=True)
class Run:
    """One command run, for the figures."""

    family: str
    label: str
    case: int  # the first case it read
    code: int | None
    peak_kib: int
    seconds: float


@dataclass
class JobResult:
    runs: list[Run] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    documents: int = 0
    lines: list[str] = field(default_factory=list)  # what a run of single cases says it did


@dataclass(frozen=True)
class Job:
    family: str
    seed: int
    cases: tuple[int, ...]
    work: Path
    keep: bool = False
    verbose: bool = False
    isolate: bool = True


def _environment(work: Path) -> dict[str, str]:
    # Compiled templates in a cache of the run's own: thousands of mutated templates must not
    # fill the user's cache, and the run must not depend on what is in it.
    return dict(os.environ, CONFDOCS_CACHE_DIR=str(work / "cache"), PYTHONDONTWRITEBYTECODE="1")


def _documents(folder: Path, step: Step) -> tuple[int, list[str]]:
    if step.writes is None:
        return 0, []
    out = folder / step.writes
    if not out.exists():
        return 0, []
    count = sum(1 for _ in out.rglob("*.docx")) if out.is_dir() else 1
    return count, [line.replace(str(folder) + "/", "") for line in unreadable_documents(out)]


def _message(output: str, cause: str = "") -> str:
    """The line of the output that says what went wrong."""
    said = INTERNAL.search(output)
    if cause.startswith("memory") and MEMORY_SIGNS.search(output):
        said = re.search(rf"[^\n]*(?:{MEMORY_SIGNS.pattern})[^\n]*", output)
        return said.group(0).strip()[:300] if said else ""
    if said:
        return said.group(1)[:300]
    tail = [line for line in output.strip().splitlines() if line.strip()]
    return tail[-1][:300] if tail else ""


def _document_problem(line: str) -> str:
    """An unopenable document's problem, without its path and numbers."""
    problem = line.split(".docx: ", 1)[-1]
    return re.sub(r"\d+", "N", re.sub(r"'[^']*'", "'…'", problem))[:160]


Wrong = tuple[str, str, str]  # cause, signature, message


def _run_steps(job: Job, folder: Path, cases: list[int], only: str | None = None,
               ) -> tuple[Prepared, list[tuple[Step, Outcome, list[Wrong], int]]]:
    """Prepare ``cases`` in ``folder`` and run their steps (with ``only``: the cases' own steps
    and the shared step of that label); each step with what went wrong, as (cause, detail)."""
    prepared = FAMILIES[job.family].prepare(folder, job.seed, cases)
    env = _environment(job.work)
    done = []
    for step in prepared.steps:
        if only is not None and len(step.cases) > 1 and step.label != only:
            continue
        outcome = run_confdocs(step.argv, folder, env)
        wrong = [(cause, signature(cause, outcome.output), _message(outcome.output, cause))
                 for cause in causes(outcome)]
        count, bad = _documents(folder, step)
        wrong.extend(("unopenable document", _document_problem(line), line) for line in bad[:3])
        done.append((step, outcome, wrong, count))
    return prepared, done


def _fails_alone(job: Job, cases: list[int], label: str, cause: str, attempt: list[int],
                 ) -> tuple[Failure | None, list[int]]:
    """Whether ``cases`` alone fail at ``label`` with ``cause``: the failure, if so."""
    attempt[0] += 1
    folder = job.work / f"{job.family}-{job.cases[0]:05d}-isolate-{attempt[0]}"
    try:
        prepared, done = _run_steps(job, folder, cases, only=label)
        for step, outcome, wrong, _ in done:
            if step.label != label:
                continue
            for found in wrong:
                if found[0] == cause:
                    return _failure(job, tuple(cases), step, found, outcome, prepared), cases
        return None, cases
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _isolate(job: Job, cases: list[int], label: str, cause: str, attempt: list[int],
             ) -> list[Failure]:
    """The smallest groups of ``cases`` (one case each, where one alone fails) that fail at
    ``label`` with ``cause``, found by halving."""
    if len(cases) == 1:
        failure, _ = _fails_alone(job, cases, label, cause, attempt)
        return [failure] if failure else []
    half = len(cases) // 2
    found = []
    for part in (cases[:half], cases[half:]):
        failure, _ = _fails_alone(job, part, label, cause, attempt)
        if failure is not None:
            found.extend(_isolate(job, part, label, cause, attempt) if len(part) > 1
                         else [failure])
    return found


def _failure(job: Job, cases: tuple[int, ...], step: Step, wrong: Wrong, outcome: Outcome,
             prepared: Prepared) -> Failure:
    about = "; ".join(prepared.about.get(case, "") for case in cases)[:300]
    cause, sig, message = wrong
    if cause.startswith(RESOURCE_CAUSES):
        # Where a process was when it ran out of memory or time says little: what it was
        # given says more.
        sig = about[:100]
    return Failure(job.family, job.seed, cases, step.label, cause, sig, message, about,
                   shlex.join(["python", "-m", "confdocs", *step.argv]), outcome.output[-3000:])


def run_job(job: Job) -> JobResult:
    """Run the job's commands; each failure traced to the case that makes it."""
    folder = job.work / f"{job.family}-{job.cases[0]:05d}"
    result = JobResult()
    try:
        try:
            prepared, done = _run_steps(job, folder, list(job.cases))
        except Exception as exc:  # the bench's own bug: said, and the other jobs go on
            import traceback

            result.failures.append(Failure(
                job.family, job.seed, job.cases, "prepare", "fuzzer error", type(exc).__name__,
                str(exc)[:300], "", "", traceback.format_exc()[-3000:]))
            return result
        for step, outcome, wrong, count in done:
            result.runs.append(Run(job.family, step.label, step.cases[0], outcome.code,
                                   outcome.peak_kib, outcome.seconds))
            result.documents += count
            if job.verbose:
                ended = outcome.code if outcome.code is not None else f"signal {outcome.signal}"
                result.lines.append(
                    f"  (cd {folder} && {shlex.join(['python', '-m', 'confdocs', *step.argv])})"
                    f"\n    exit {ended}, "
                    f"{outcome.seconds:.1f} s, peak {outcome.peak_kib // 1024} MiB"
                    + "".join(f"\n    {cause}: {message}" for cause, _, message in wrong)
                    + "".join(f"\n    | {line}" for line in outcome.output.splitlines()[-8:]))
            for found in wrong:
                if len(step.cases) == 1 or not job.isolate:
                    result.failures.append(_failure(job, step.cases, step, found, outcome,
                                                    prepared))
                    continue
                # Several cases in one command: find the one (or the few) that fail alone.
                isolated = _isolate(job, list(step.cases), step.label, found[0], [0])
                result.failures.extend(isolated or [
                    _failure(job, step.cases, step, found, outcome, prepared)])
        if job.verbose:
            result.lines[:0] = [f"{job.family} case {case}: {prepared.about.get(case, '')}"
                                for case in job.cases]
            if not job.keep:
                result.lines.append("  (its files are gone: --keep DIR keeps them)")
    finally:
        if not job.keep:
            shutil.rmtree(folder, ignore_errors=True)
    # One failure per (cause, place) per case: a bad command reports each wrong document.
    unique: dict[tuple[Any, ...], Failure] = {}
    for failure in result.failures:
        unique.setdefault((failure.cases, failure.label, failure.cause, failure.signature), failure)
    result.failures = list(unique.values())
    return result


# --- the in-process run the tests use ------------------------------------------------------

# (exit code, standard output and error) of one confdocs command line
RunCommand = Callable[..., tuple[int, str]]


def fuzz(folder: Path, count: int, seed: int, run: RunCommand, batch: int = 50) -> dict[str, Any]:
    """Write ``count`` mutated engagements and put them through validate and build in batches
    (``run`` runs one command line, in-process or not); what went wrong, if anything."""
    inputs = write_mutations(folder / "in", count, seed)
    crashes: list[str] = []
    codes: dict[int, int] = {}
    for start in range(0, count, batch):
        names = [str(p) for p in inputs[start:start + batch]]
        commands = [["validate", *names, "--format", fmt] for fmt in FORMATS]
        commands.append(["build", *names, "--out", str(folder / "out"), "--format", "json",
                         "-j", "1"])
        for command in commands:
            code, output = run(*command)
            codes[code] = codes.get(code, 0) + 1
            if code == 3 or "Traceback" in output:
                crashes.append(f"{command[0]} {names[0]}..: exit {code}\n{output[-2000:]}")
    return {"crashes": crashes, "unreadable": unreadable_documents(folder / "out"),
            "exit_codes": codes,
            "documents": len(list((folder / "out").rglob("*.docx")))}


# --- the command line ----------------------------------------------------------------------

def _case_list(spec: str) -> list[int]:
    cases: list[int] = []
    for part in spec.split(","):
        if "-" in part:
            first, last = part.split("-", 1)
            cases.extend(range(int(first), int(last) + 1))
        elif part:
            cases.append(int(part))
    return cases


def _split(count: int, families: list[str]) -> dict[str, int]:
    share, extra = divmod(count, len(families))
    return {name: share + (1 if n < extra else 0) for n, name in enumerate(families)}


def _jobs(counts: dict[str, int], seed: int, work: Path, *, keep: bool, verbose: bool,
          isolate: bool, cases: list[int] | None = None) -> list[Job]:
    per_family = []
    for name, count in counts.items():
        indexes = cases if cases is not None else list(range(count))
        batch = FAMILIES[name].batch
        per_family.append([Job(name, seed, tuple(indexes[start:start + batch]), work, keep,
                               verbose, isolate) for start in range(0, len(indexes), batch)])
    # Families interleaved: two workers are busy with different kinds of command at once.
    jobs = []
    for position in range(max(map(len, per_family), default=0)):
        jobs.extend(family[position] for family in per_family if position < len(family))
    return jobs


def _kind(label: str) -> str:
    """The command of a step's label: validate, build, import, render, templates check."""
    words = label.split()
    return " ".join(words[:2]) if words[0] == "templates" else words[0]


def _mib(kib: int) -> str:
    return f"{kib / 1024:.0f} MiB"


def report(results: list[JobResult], counts: dict[str, int], seed: int, seconds: float,
           jobs: int) -> tuple[list[str], list[Failure]]:
    runs = [run for result in results for run in result.runs]
    failures = sorted((f for result in results for f in result.failures),
                      key=lambda f: (f.family, f.cases))
    documents = sum(result.documents for result in results)
    total = sum(counts.values())
    lines = [
        f"{total} mutated cases in {len(counts)} families (seed {seed}): "
        + ", ".join(f"{name} {count}" for name, count in counts.items())
        + f"; {len(runs)} commands, {jobs} at a time, in {seconds:.0f} s; {documents} documents "
        f"written; {len(failures)} failures",
        f"each command: at most {MEMORY_LIMIT >> 20} MiB of address space (RLIMIT_AS), "
        f"{TIMEOUT:.0f} s",
        "peak resident memory per command (wait4's ru_maxrss, its largest process):",
    ]
    kinds: dict[str, list[Run]] = {}
    for run in runs:
        kinds.setdefault(_kind(run.label), []).append(run)
    for kind, each in sorted(kinds.items()):
        top = max(each, key=lambda r: r.peak_kib)
        slow = max(each, key=lambda r: r.seconds)
        peaks = sorted(r.peak_kib for r in each)
        lines.append(f"  {kind:<16} {len(each):>5} runs  median {_mib(peaks[len(peaks) // 2]):>8}"
                     f"  max {_mib(top.peak_kib):>8} ({top.family} case {top.case})  slowest "
                     f"{slow.seconds:.1f} s ({slow.family} case {slow.case})")
    for name in counts:
        codes = Counter(run.code for run in runs if run.family == name)
        lines.append(f"  exit codes, {name}: " + ", ".join(
            f"{code}: {n}" for code, n in sorted(codes.items(), key=lambda i: str(i[0]))))
    groups: dict[tuple[str, str, str, str], list[Failure]] = {}
    for failure in failures:
        groups.setdefault((failure.cause, failure.family, _kind(failure.label),
                           failure.signature), []).append(failure)
    if groups:
        lines.append(f"failures, by cause ({len(groups)} groups):")
    for (cause, family, label, sig), each in sorted(groups.items(), key=lambda i: (-len(i[1]), i[0])):
        lines.append(f"[{cause}] {family}, {label}: {sig}  ({len(each)} cases)")
        if each[0].message:
            lines.append(f"    e.g. {each[0].message[:200]}")
        shown = list({f.reproduce(): f for f in each}.values())  # a case once, whatever its labels
        for failure in shown[:12]:
            lines.append(f"    {failure.reproduce()}    # {failure.about[:150]}")
        if len(shown) > 12:
            lines.append(f"    ... and {len(shown) - 12} more: cases "
                         + ",".join(",".join(map(str, f.cases)) for f in shown[12:]))
    return lines, failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=3000,
                        help="cases in all, shared between the families (default 3000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--families", default=",".join(FAMILIES),
                        help=f"which, comma-separated (default all: {', '.join(FAMILIES)})")
    parser.add_argument("--case", help="only these cases (N, N-M or a list) of the one family "
                                       "named: reproduces a failure, and says what it ran")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep its files")
    parser.add_argument("--jobs", type=int, default=1, help="jobs at once (default 1)")
    parser.add_argument("--no-isolate", action="store_true",
                        help="report a failing batch as it is, without finding its case")
    parser.add_argument("--report", type=Path, help="write every failure, in full, as JSON")
    parser.add_argument("--smoke", action="store_true",
                        help="a few cases of every family: checks the bench still works (CI "
                             "runs it)")
    args = parser.parse_args(argv)
    families = [name.strip() for name in args.families.split(",") if name.strip()]
    unknown = sorted(set(families) - set(FAMILIES))
    if unknown:
        parser.error(f"no family {', '.join(unknown)}; the families are {', '.join(FAMILIES)}")
    cases = None
    if args.case:
        if len(families) != 1:
            parser.error("--case needs --families with one family")
        cases = _case_list(args.case)
        counts = {families[0]: len(cases)}
    elif args.smoke:
        counts = {name: 6 if name == "engagements" else 3 for name in families}
    else:
        counts = _split(args.count, families)
    started = time.perf_counter()
    work_context: Any = (tempfile.TemporaryDirectory(prefix="confdocs-fuzz-") if args.keep is None
                         else None)
    work = Path(work_context.name) if work_context else args.keep.resolve()
    work.mkdir(parents=True, exist_ok=True)
    jobs = _jobs(counts, args.seed, work, keep=args.keep is not None, verbose=cases is not None,
                 isolate=not args.no_isolate, cases=cases)
    results: list[JobResult] = []
    # Each job's runs and failures as it ends, so that a run stopped half-way keeps them.
    partial = (open(args.report.with_name(args.report.name + ".partial.jsonl"), "w",  # noqa: SIM115
                    encoding="utf-8") if args.report else None)

    def done(result: JobResult) -> None:
        results.append(result)
        _progress(len(results), len(jobs), started)
        if partial is not None:
            partial.write(json.dumps({"runs": [asdict(r) for r in result.runs], "failures": [
                dict(asdict(f), reproduce=f.reproduce()) for f in result.failures]},
                ensure_ascii=False) + "\n")
            partial.flush()

    try:
        if args.jobs > 1:
            import multiprocessing

            # Forked before any thread starts; each worker runs its commands from one thread,
            # as preexec_fn needs.
            with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
                for result in pool.imap_unordered(run_job, jobs):
                    done(result)
        else:
            for job in jobs:
                done(run_job(job))
    finally:
        if partial is not None:
            partial.close()
        if work_context is not None:
            work_context.cleanup()
    lines, failures = report(results, counts, args.seed, time.perf_counter() - started, args.jobs)
    for result in results:
        for line in result.lines:
            print(line)
    print("\n".join(lines))
    if args.report:
        args.report.write_text(json.dumps({
            "counts": counts, "seed": args.seed,
            "runs": [asdict(run) for result in results for run in result.runs],
            "failures": [dict(asdict(f), reproduce=f.reproduce()) for f in failures]},
            indent=1, ensure_ascii=False), encoding="utf-8")
    return 1 if failures else 0


_last_progress = [0.0]


def _progress(done: int, total: int, started: float) -> None:
    now = time.perf_counter()
    if now - _last_progress[0] > 30 or done == total:
        _last_progress[0] = now
        print(f"  {done}/{total} jobs, {now - started:.0f} s", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
