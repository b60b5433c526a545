"""Profiles: what every engagement of a programme shares, written once.

An engagement file may name a profile with ``"extends": "profiles/programme.json"``: the path of a
.json file relative to the file's folder (an absolute path is refused). A profile is a partial
engagement, and may extend another profile. Merging: objects key by key, the extending file's own
values win, lists and single values are replaced whole. A file that is no profile (not a JSON
object, another "$schema", no field of an engagement) is said to be none, once, and nothing it
holds is printed.

A file is a profile, not an engagement, when it lies in a folder named ``profiles`` or its name
ends in ``.profile.json``: ``validate`` checks it as a partial engagement (types, formats, known
fields; no required fields) and ``build`` does not build it.

Findings about the merged engagement are placed in the file whose value they are about (the
engagement or one of its profiles), at that value's line and column. Each profile is read and
checked once per process (per version of the file).
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from ..errors import Finding, Severity
from .coverage import SHIPPED, Coverage, LocaleCoverage, resolve
from .source import MAX_FILE_BYTES, Source, check_depth_and_text, read_source

PROFILE_SUFFIX = ".profile.json"
PROFILE_FOLDER = "profiles"
EXTENDS = "extends"
MAX_CHAIN = 16
# Beside the engagement schema's: https://confdocs.example/schemas/<schema_version>/<file>. The
# .example name is reserved (RFC 2606) and never resolves: an identifier, not an address, that no
# one else can ever own or serve another schema at; the version in it changes with the schema's
# (docs/editors.md).
PROFILE_SCHEMA_ID = "https://confdocs.example/schemas/2/profile.schema.json"


def is_profile_path(name: str) -> bool:
    """Whether the file ``name`` is a profile: in a folder named profiles, or named *.profile.json."""
    normal = name.replace("\\", "/")
    parts = normal.split("/")
    return normal.endswith(PROFILE_SUFFIX) or PROFILE_FOLDER in parts[:-1]


def merge(base: Any, own: Any) -> Any:
    """``own`` over ``base``: objects key by key (own values win), anything else replaced whole.
    The result shares nothing with either (the caller may fill it in place)."""
    return _copy(shared_merge(base, own))


def shared_merge(base: Any, own: Any) -> Any:
    """As :func:`merge`, but sharing with ``base`` and ``own`` what neither changes: new objects
    only where both have one. For reading only (a profile's data serves every engagement)."""
    if isinstance(base, dict) and isinstance(own, dict):
        merged = dict(base)
        for key, value in own.items():
            merged[key] = shared_merge(base[key], value) if key in base else value
        return merged
    return own


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value


# --- partial schema: the engagement schema without its required fields ---------------------

def _strip_required(schema: Any, inside_if: bool = False) -> Any:
    if isinstance(schema, list):
        return [_strip_required(item, inside_if) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "required" and not inside_if:
            continue
        if key == "properties" and isinstance(value, dict):
            out[key] = {name: _strip_required(sub, inside_if) for name, sub in value.items()}
        elif key in ("if",):
            out[key] = _strip_required(value, True)  # a condition keeps its meaning
        else:
            out[key] = _strip_required(value, inside_if)
    return out


@cache
def partial_schema() -> dict[str, Any]:
    """The schema of a profile (or of a short engagement file that extends one): the engagement
    schema with no required field, for editors' autocompletion and for checking a profile alone."""
    from ..resources import load_schema

    schema: dict[str, Any] = _strip_required(load_schema())
    schema["$id"] = PROFILE_SCHEMA_ID
    schema["title"] = "Engagement profile (or an engagement file that extends one)"
    schema["description"] = (
        "A partial engagement: what every engagement of a programme shares (a profile), or an "
        "engagement file that extends a profile. No field is required here; the merged "
        "engagement must hold every required field. See docs/cohorts.md.")
    return schema


# --- reading profiles, once per process ------------------------------------------------------

@dataclass
class Profile:
    """One profile file read and checked on its own."""

    name: str  # as the extending file names it, joined to that file's folder
    source: Source
    sha256: str
    checked: bool = False
    # Why the file is no confdocs profile at all, or None: then nothing of it is said (its own
    # findings would print the names and values of whatever file extends named).
    foreign: str | None = None

    @property
    def usable(self) -> bool:
        return isinstance(self.source.data, dict)


_profiles: dict[tuple[str, int, int, int, int, LocaleCoverage | None], Profile] = {}


def _encodable(path: str) -> bool:
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _read_profile(name: str, coverage: LocaleCoverage | None) -> Profile | str:
    """The profile at ``name`` (read once per version, and checked against ``coverage``), or why
    it cannot be read."""
    try:
        status = os.stat(name)
    except FileNotFoundError:
        return "does not exist"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if stat.S_ISDIR(status.st_mode):
        return "is a folder, not a file"
    if not stat.S_ISREG(status.st_mode):
        # A device (/dev/zero), a FIFO or a socket: reading it could take all the memory, or
        # wait for ever.
        return "is not a regular file"
    if status.st_size > MAX_FILE_BYTES:
        return f"is larger than the {MAX_FILE_BYTES // 1048576} MiB a profile may be"
    key = (_real(name), status.st_mtime_ns, status.st_ctime_ns, status.st_ino,
           status.st_size, coverage)
    known = _profiles.get(key)
    if known is not None and known.name == name:
        return known
    try:
        with open(name, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)  # it may have grown since it was looked at
    except IsADirectoryError:
        return "is a folder, not a file"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if len(raw) > MAX_FILE_BYTES:
        return f"is larger than the {MAX_FILE_BYTES // 1048576} MiB a profile may be"
    profile = Profile(name, read_source(name, raw), hashlib.sha256(raw).hexdigest())
    profile.foreign = _foreign(profile)
    if profile.foreign is None:
        check_profile(profile.source, coverage)
    if len(_profiles) > 1024:
        _profiles.clear()
    _profiles[key] = profile
    return profile


# What a profile's "$schema" may name: the profile schema, or the engagement schema.
_OUR_SCHEMAS = (PROFILE_SCHEMA_ID.rsplit("/", 1)[1], "engagement.schema.json")


def _foreign(profile: Profile) -> str | None:
    """Why the file ``extends`` named is no confdocs profile, or None when it is one: a JSON
    object whose "$schema", if any, is ours, and with a field of an engagement (or none at all).
    A file meant as a profile (in a profiles folder, or named *.profile.json) that cannot be
    read as an object is one: its own findings say where to mend it."""
    data = profile.source.data
    if not isinstance(data, dict):
        if is_profile_path(profile.name):
            return None
        return ("it cannot be read as JSON" if data is None and not any(
            f.code == "json-not-object" for f in profile.source.findings)
            else "it is not a JSON object")
    schema = data.get("$schema")
    if isinstance(schema, str) and not schema.endswith(_OUR_SCHEMAS):
        return "its $schema is not confdocs' profile or engagement schema"
    known = partial_schema()["properties"]
    if data and not any(key in known for key in data):
        return "none of its fields is a field of an engagement"
    return None


def check_profile(source: Source, coverage: Coverage = SHIPPED) -> None:
    """Check a profile's own data as a partial engagement: types, formats, known fields, and the
    rules it can decide alone (PROFILE_RULES), its locale against ``coverage``."""
    if not isinstance(source.data, dict):
        return
    data = (source.data if EXTENDS not in source.data
            else {key: value for key, value in source.data.items() if key != EXTENDS})
    extends = source.data.get(EXTENDS)
    if extends is not None and (not isinstance(extends, str) or not extends):
        source.add("profile-extends-type", "error", f"/{EXTENDS}",
                   "extends should be the path of a profile in double quotes, such as "
                   '"profiles/organisation.json"')
    from .version import check_version

    if check_version(source) or not check_depth_and_text(source):
        return
    from .rules import run_rules
    from .schema import partial_findings

    partial_findings(source, data)
    run_rules(source, resolve(coverage), only=PROFILE_RULES)


# The rules whose finding depends only on one value or one list, which an engagement replaces
# whole if at all: a profile alone can decide them. The others compare fields an engagement may
# set, and are checked on every engagement that extends the profile.
PROFILE_RULES = frozenset({
    "locale-unknown", "locale-no-templates", "limit-duplicate-id", "disclosure-duplicate-id",
    "decision-duplicate-id",
    "disclosure-id-case-clash", "decision-id-case-clash", "engagement-id-reserved-name",
})


def profile_path(extending: str, extends: str) -> str:
    """The profile ``extends`` names, relative to the folder of the file ``extending``."""
    folder = os.path.dirname(extending) if extending != "<stdin>" else ""
    return os.path.normpath(os.path.join(folder, extends))


# --- one engagement (or profile) with its chain --------------------------------------------

@dataclass
class MergedSource(Source):
    """An engagement merged with its profiles. Findings go to the file the value stands in."""

    layers: list[Source] = field(default_factory=list)  # the file itself first, then its profiles

    def add(self, code: str, severity: Severity, pointer: str, message: str,
            at: tuple[int, int] | None = None, key: bool = False) -> None:
        if code == "schema-required":
            # Missing from the merged engagement: added in the engagement (or one of its
            # profiles); said where the engagement file is, where its parent object stands.
            parent = pointer.rsplit("/", 1)[0]
            own = self.layers[0]
            line, column = own.locate(parent)
            names = ", ".join(layer.name for layer in self.layers[1:])
            self.findings.append(Finding(own.name, line, column, code, severity, pointer,
                                         f"{message} (here or in its profile {names})"))
            return
        layer = self.owner(pointer)
        line, column = layer.locate(pointer, key=key)
        self.findings.append(Finding(layer.name, line, column, code, severity, pointer, message))

    def locate(self, pointer: str, *, key: bool = False) -> tuple[int, int]:
        return self.owner(pointer).locate(pointer, key=key)

    def owner(self, pointer: str) -> Source:
        """The file whose value is at ``pointer`` in the merged data (or at the nearest of its
        parents that some file holds)."""
        while True:
            found = _owner(self.layers, pointer)
            if found is not None:
                return found
            if not pointer:
                return self.layers[0]
            pointer = pointer.rsplit("/", 1)[0]


def _owner(layers: list[Source], pointer: str) -> Source | None:
    live = [(layer, layer.data) for layer in layers]
    for raw in pointer.split("/")[1:]:
        token = raw.replace("~1", "/").replace("~0", "~")
        below: list[tuple[Source, Any]] = []
        for layer, value in live:
            if isinstance(value, dict):
                if token in value:
                    below.append((layer, value[token]))
            elif isinstance(value, list):
                return layer  # replaced whole: the list is this file's, with all it holds
        if not below:
            return None
        # The first file that holds the value decides; files below it count only while the
        # values are objects merged key by key.
        kept = [below[0]]
        if isinstance(below[0][1], dict):
            for layer, value in below[1:]:
                if not isinstance(value, dict):
                    break
                kept.append((layer, value))
        else:
            return kept[0][0]
        live = kept
    return live[0][0] if live else None


@dataclass
class Chain:
    """The profiles one file extends, nearest first, or the findings that stop the merge."""

    profiles: list[Profile] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    broken: bool = False  # a profile that cannot be read as an object: nothing to merge

    @property
    def hashes(self) -> tuple[tuple[str, str], ...]:
        return tuple((p.name, p.sha256) for p in self.profiles)


def _extends_of(source: Source) -> Any:
    return source.data.get(EXTENDS) if isinstance(source.data, dict) else None


def chain_of(source: Source, coverage: Coverage = SHIPPED) -> Chain:
    """Follow ``extends`` from ``source`` through its profiles (each checked on its own, its
    locale against ``coverage``)."""
    covered = resolve(coverage)
    chain = Chain()
    current = source
    seen = [os.path.abspath(source.name)] if source.name != "<stdin>" else []
    while True:
        extends = _extends_of(current)
        if extends is None:
            return chain
        if not isinstance(extends, str) or not extends:
            _stop(chain, current, "profile-extends-type",
                  "extends should be the path of a profile in double quotes, such as "
                  '"profiles/organisation.json"')
            return chain
        if "\0" in extends or not _encodable(extends):
            _stop(chain, current, "profile-extends-type",
                  "extends holds a character no file name can hold (a NUL, or half of a "
                  "surrogate pair written as \\ud800); write the profile's path as it is")
            return chain
        if os.path.isabs(extends) or not extends.lower().endswith(".json"):
            # A profile is a .json file beside the engagements, named the same on every
            # machine: never a system file, a device or someone's home folder by its full path.
            what = "an absolute path" if os.path.isabs(extends) else "not a .json file"
            _stop(chain, current, "profile-extends-path",
                  f"extends {extends!r} is {what}; name the profile's .json file by its path "
                  f"relative to the folder of {current.name}, such as "
                  '"profiles/programme.json"')
            return chain
        name = profile_path(current.name, extends)
        if _real(name) in seen or os.path.abspath(name) in seen:
            loop = " -> ".join([*(p.name for p in chain.profiles), name])
            _stop(chain, current, "profile-cycle",
                  f"{current.name} extends {name}, which comes back to it ({source.name} -> "
                  f"{loop}): profiles cannot extend each other in a circle; remove one extends")
            return chain
        if len(chain.profiles) >= MAX_CHAIN:
            _stop(chain, current, "profile-chain-too-long",
                  f"more than {MAX_CHAIN} profiles extend one another from {source.name}; "
                  "merge some of them")
            return chain
        read = _read_profile(name, covered)
        if isinstance(read, str):
            _stop(chain, current, "profile-missing",
                  f"{current.name} extends {extends!r}, but {name} {read}; check the path "
                  "(it is relative to the folder of the file that names it)")
            return chain
        if read.foreign is not None:
            # Said once, without a word of what the file holds.
            _stop(chain, current, "profile-unusable",
                  f"{current.name} extends {name}, which is not a confdocs profile "
                  f"({read.foreign}); name a profile: a partial engagement file (see "
                  "docs/cohorts.md)")
            chain.broken = True
            return chain
        if read.source.data is None or not isinstance(read.source.data, dict):
            what = ("is not a JSON object {...}" if read.source.text.strip()
                    and not any(f.code.startswith("json-syntax") for f in read.source.findings)
                    else "cannot be read as JSON")
            _stop(chain, current, "profile-unusable",
                  f"{current.name} extends {name}, which {what} (its own findings say "
                  "where); fix the profile, then this file is checked against it")
            chain.profiles.append(read)  # its own findings are reported with the file's
            chain.broken = True
            return chain
        seen.append(_real(name))
        chain.profiles.append(read)
        current = read.source


def _stop(chain: Chain, where: Source, code: str, message: str) -> None:
    line, column = where.locate(f"/{EXTENDS}")
    chain.findings.append(Finding(where.name, line, column, code, "error", f"/{EXTENDS}", message))


def profile_findings(chain: Chain) -> Iterator[Finding]:
    """The findings of each profile checked on its own (reported once per run by the caller)."""
    for profile in chain.profiles:
        yield from profile.source.findings


@lru_cache(maxsize=4096)
def _real(name: str) -> str:
    """The file's real path (links resolved), once per process: a cohort names one profile
    10,000 times."""
    return os.path.realpath(name)


_bases: dict[tuple[int, ...], Any] = {}


def _base(chain: Chain) -> Any:
    """The profiles of ``chain`` merged, once per chain (profile objects live while their file
    is unchanged, so a changed file makes a new key)."""
    key = tuple(id(profile) for profile in chain.profiles)
    base = _bases.get(key)
    if base is None or base[0] != [p.sha256 for p in chain.profiles]:
        data: Any = {}
        for profile in reversed(chain.profiles):
            data = shared_merge(data, profile.source.data)
        if len(_bases) > 1024:
            _bases.clear()
        base = _bases[key] = ([p.sha256 for p in chain.profiles], data)
    return base[1]


def merged(source: Source, chain: Chain, *, copy: bool = True) -> MergedSource:
    """``source`` over its profiles, as one engagement whose findings go where values stand.
    ``copy``: its data shares nothing with the profiles (the caller may fill it in place);
    otherwise it is for reading only."""
    data = shared_merge(_base(chain), source.data)
    data = _copy(data) if copy else dict(data)
    data.pop(EXTENDS, None)
    result = MergedSource(source.name, source.text, data, list(source.findings),
                          layers=[source, *(p.source for p in chain.profiles)])
    result._positions = source._positions
    return result


def plan_data(name: str, data: dict[str, Any], coverage: Coverage = SHIPPED,
              ) -> tuple[Any, dict[str, str] | None]:
    """For planning a build: ``data`` (of the file ``name``) merged with its profiles, and each
    profile's path and sha256; ``data`` as it is when a profile cannot be used (the check of the
    file then says why). ``coverage`` is the build's, so that its workers find the profiles
    read and checked as they check them."""
    chain = chain_of(Source(name, "", data), coverage)
    if chain.findings or chain.broken:
        return data, None
    merged_data = dict(shared_merge(_base(chain), data))  # read only: no copy
    merged_data.pop(EXTENDS, None)
    return merged_data, dict(chain.hashes) or None
