"""What every family of cases shares: the nasty values, the files a case writes, its seed."""


from __future__ import annotations

import os
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parents[2]  # bench/fuzzing/common.py
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


def json_paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from json_paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from json_paths(item, (*prefix, index))


def set_value(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def value_at(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data

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


def truncate(rng: random.Random, raw: bytes) -> bytes:
    return raw[:rng.randrange(len(raw))] if raw else raw


def flip(rng: random.Random, raw: bytes, count: int = 0) -> bytes:
    data = bytearray(raw)
    for _ in range(count or rng.randint(1, 4)):
        if data:
            data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


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
