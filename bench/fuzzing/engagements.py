"""Engagements: a mutated engagement file, validated in three formats and built."""


from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .bounded import unreadable_documents
from .common import (
    FORMATS,
    NASTY_EMAILS,
    NASTY_TEXT,
    NASTY_URIS,
    NASTY_VALUES,
    SAMPLES,
    Prepared,
    Step,
    json_paths,
    set_value,
    value_at,
)

# --- engagements: the first family, as it always was -------------------------------------

def mutate(rng: random.Random, data: dict[str, Any]) -> str:
    """One mutated engagement file's text, from ``data`` (changed in place)."""
    paths = [p for p in json_paths(data) if p]
    strings = [p for p in paths if isinstance(value_at(data, p), str)]
    kind = rng.randrange(12)
    if kind == 0 and strings:
        path = rng.choice(strings)
        set_value(data, path, value_at(data, path) + rng.choice(NASTY_TEXT))
    elif kind == 1:
        set_value(data, rng.choice(paths), rng.choice(NASTY_VALUES + NASTY_TEXT))
    elif kind == 2:
        path = rng.choice(paths)
        parent = value_at(data, path[:-1])
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
        set_value(data, path, rng.choice(["a\bb", "a\fb", "a\u0001b", "a\ud83db", "a\u007fb"]))
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
