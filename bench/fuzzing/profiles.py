"""Profiles: a cohort's engagement files extending a mutated profile."""


from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .common import (
    COHORT,
    FORMATS,
    NASTY_TEXT,
    NASTY_VALUES,
    ROOT,
    SAMPLES,
    TEMPLATES,
    Content,
    Fifo,
    Folder,
    Link,
    MiB,
    Prepared,
    Sparse,
    Step,
    case_rng,
    flip,
    json_paths,
    set_value,
    truncate,
    value_at,
    write_files,
)
from .engagements import mutate

# --- profiles: a cohort's engagement files extending a mutated profile --------------------

BASE = "profiles/harbour-vale.json"
PROG = "profiles/harbour-vale-2026.json"


@cache
def json_file(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def deep_copy(value: Any) -> Any:
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
    data = {BASE: deep_copy(json_file(COHORT / BASE)), PROG: deep_copy(json_file(COHORT / PROG))}
    shorts = sorted((COHORT / "engagements").glob("HV-*.json"))
    names = []
    for number in range(1, rng.randint(1, 3) + 1):
        engagement = deep_copy(json_file(shorts[(index + number) % len(shorts)]))
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
    path = rng.choice([p for p in json_paths(cohort.data[name]) if p])
    value = rng.choice(NASTY_VALUES + NASTY_TEXT)
    set_value(cohort.data[name], path, value)
    return f"{name} {'/'.join(map(str, path))} = {value!r:.40}"


def _profile_text(rng: random.Random, cohort: Cohort) -> str:
    name = rng.choice([BASE, PROG])
    data = cohort.data[name]
    strings = [p for p in json_paths(data) if p and isinstance(value_at(data, p), str)]
    path = rng.choice(strings)
    extra = rng.choice([*NASTY_TEXT, "a\bb", "a\fb", "a\u0001b", "a\ud83db", "a\u007fb", "\x0b"])
    set_value(cohort.data[name], path, value_at(cohort.data[name], path) + extra)
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
        cohort.raw[name] = truncate(rng, text)
        return f"{name} truncated"
    if variant == 1:
        cohort.raw[name] = flip(rng, text)
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
