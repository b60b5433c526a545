#!/usr/bin/env python3
"""Fuzzing: mutated engagement files through validate and build, in every format.

Each mutation starts from a sample and changes one thing a person, an editor or an attacker could:
a value of another type, text holding escapes XML forbids, lone surrogates, line separators, keys
with line breaks, ids that collide as file names, deep nesting, web addresses with stray
brackets, truncated or byte-flipped text. A run passes when no command exits 3 (a bug) and every
document written opens as a well-formed Word package.

    python bench/fuzz.py --count 3000 --seed 1      # the long run; figures in docs/performance.md

tests/acceptance/test_fuzz.py runs a few hundred of them on every test run.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.json"))

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


def write_mutations(folder: Path, count: int, seed: int) -> list[Path]:
    rng = random.Random(seed)
    bases = [json.loads(p.read_text(encoding="utf-8")) for p in SAMPLES]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        data = json.loads(json.dumps(bases[index % len(bases)]))
        data["id"] = f"F{index:05d}"
        path = folder / f"f{index:05d}.json"
        path.write_bytes(mutate(rng, data).encode("utf-8", errors="surrogatepass"))
        paths.append(path)
    return paths


def unreadable_documents(out: Path) -> list[str]:
    """Every .docx under ``out`` that is not a well-formed Word package."""
    import xml.parsers.expat as expat

    bad = []
    for document in sorted(out.rglob("*.docx")):
        try:
            with zipfile.ZipFile(document) as archive:
                if archive.testzip() is not None or "word/document.xml" not in archive.namelist():
                    raise ValueError("damaged package")
                for name in archive.namelist():
                    if name.endswith((".xml", ".rels")):
                        expat.ParserCreate().Parse(archive.read(name), True)
        except (zipfile.BadZipFile, ValueError, expat.ExpatError) as exc:
            bad.append(f"{document}: {exc}")
    return bad


# (exit code, standard output and error) of one confdocs command line
Run = Callable[..., tuple[int, str]]


def fuzz(folder: Path, count: int, seed: int, run: Run, batch: int = 50) -> dict[str, Any]:
    """Write ``count`` mutations and put them through validate and build in batches; what went
    wrong, if anything."""
    inputs = write_mutations(folder / "in", count, seed)
    crashes: list[str] = []
    codes: dict[int, int] = {}
    for start in range(0, count, batch):
        names = [str(p) for p in inputs[start:start + batch]]
        commands = [["validate", *names, "--format", fmt] for fmt in ("text", "json", "github")]
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


def _subprocess_run(*args: str) -> tuple[int, str]:
    import subprocess

    done = subprocess.run([sys.executable, "-m", "confdocs", *args], capture_output=True,
                          check=False)
    return done.returncode, (done.stdout + done.stderr).decode("utf-8", "replace")


def main() -> int:
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--smoke", action="store_true",
                        help="six mutations only: checks the bench still works (CI runs it)")
    args = parser.parse_args()
    if args.smoke:
        args.count = 6
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        result = fuzz(Path(folder), args.count, args.seed, _subprocess_run)
    seconds = time.perf_counter() - started
    print(f"{args.count} mutated engagements (seed {args.seed}) in {seconds:.0f} s: "
          f"{len(result['crashes'])} exit-3 or traceback runs, {len(result['unreadable'])} "
          f"unreadable documents of {result['documents']}; exit codes {result['exit_codes']}")
    for line in result["crashes"] + result["unreadable"]:
        print(line)
    return 1 if result["crashes"] or result["unreadable"] else 0


if __name__ == "__main__":
    sys.exit(main())
