"""The fields a roster column may name, read from the index of the schema's fields that the field
guide and the linter read too (``engagement.fields``): each with its kind (text, date, list...),
what a header that names no field should have named instead, and the columns a profile leaves open
(the header of an example roster).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import InputError
from .fields import FILE_FIELDS, SchemaField, engagement_fields

# Common optional fields an example roster offers after the required ones the profile leaves open.
COMMON_OPTIONAL = ("parties.client.email", "parties.client.preferred_name",
                   "parties.client.job_title", "dates.end", "dates.agreed")
# Never from a roster: what makes the file a short engagement file.
NOT_FROM_ROSTER = FILE_FIELDS


@dataclass(frozen=True)
class Field:
    """A field a roster column may name, and its part of the schema."""

    path: str  # as templates and docs/fields.md write it: parties.client.email
    schema: Mapping[str, Any]

    @property
    def pointer(self) -> str:
        return "/" + self.path.replace(".", "/")

    @property
    def kind(self) -> str:
        """string, date, boolean, integer, number, list, or const."""
        schema = self.schema
        kind = schema.get("type")
        if kind == "array":
            return "list"
        if kind == "string" and schema.get("format") == "date":
            return "date"
        if kind in ("boolean", "integer", "number", "string"):
            return str(kind)
        if "const" in schema and not isinstance(schema["const"], str):
            return "integer"
        return "string"  # enums of text


@cache
def fields() -> dict[str, Field]:
    """Every field a roster column may name: values and lists of text, never lists of entries."""
    index = engagement_fields()

    def from_roster(field: SchemaField) -> bool:
        if field.in_list or field.group in NOT_FROM_ROSTER or field.is_object:
            return False
        entry = index.entry(field.path) if field.is_list else None
        return not field.is_list or (entry is not None and entry.type == "string")

    return {field.path: Field(field.path, field.schema) for field in index if from_roster(field)}


@cache
def _groups() -> dict[str, str]:
    """Objects and lists of entries, by path: what a column cannot name, and why."""
    index = engagement_fields()
    groups: dict[str, str] = {}
    for field in index:
        if field.in_list:
            continue
        entry = index.entry(field.path) if field.is_list else None
        if field.is_object:
            groups[field.path] = "object"
        elif entry is not None and entry.is_object:
            groups[field.path] = "entries"
    return groups


def header_problem(text: str) -> str:
    """Why a header cell holding ``text`` names no field a column may name, and what to write."""
    if text in NOT_FROM_ROSTER:
        return (f"{text} is what import writes itself (the profile is --profile); remove the "
                "column")
    group = _groups().get(text)
    if group == "object":
        inside = [p for p in fields() if p.startswith(text + ".")][:3]
        return (f"{text} is a group of fields; name one field per column, such as "
                f"{', '.join(inside)}")
    if group == "entries":
        return (f"{text} is a list of entries, which a cell cannot hold; set it in the profile, "
                "or edit the engagement files import writes")
    close = difflib.get_close_matches(text, list(fields()), n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]}?" if close else ""
    return (f"{text!r} is not a field of an engagement{hint} (docs/fields.md lists them: "
            "parties.client.email, dates.start...)")


def profile_data(profile: str) -> Any:
    """What ``profile`` and the profiles it extends hold together; InputError (exit 2) when it
    cannot be used as a profile."""
    from .profiles import chain_of, merge
    from .source import read_source

    try:
        raw = Path(profile).read_bytes()
    except OSError as exc:
        raise InputError(f"{profile}: cannot be read ({exc.strerror or exc})") from None
    source = read_source(profile, raw)
    chain = chain_of(source)
    if source.data is None or chain.findings or chain.broken:
        problems = [*source.findings, *chain.findings]
        said = "; ".join(f"{f.file}:{f.line}:{f.column}: {f.message}" for f in problems[:3])
        raise InputError(f"{profile}: cannot be used as a profile: {said or 'not readable'}; "
                         f"confdocs validate {profile} says more")
    data: Any = {}
    for item in reversed(chain.profiles):
        data = merge(data, item.source.data)
    return merge(data, source.data)


def open_columns(profile: str) -> list[Field]:
    """The columns a roster for ``profile`` needs: the required fields the profile (and what it
    extends) does not set, then the common optional ones it does not set either."""
    data = profile_data(profile)

    def has(path: str) -> bool:
        value: Any = data
        for part in path.split("."):
            if not isinstance(value, dict) or part not in value:
                return False
            value = value[part]
        return True

    known = fields()
    index = engagement_fields()
    wanted: list[str] = []

    def required(path: str) -> Iterator[str]:
        for field in index.required(path):
            if field.is_object:
                yield from required(field.path)
            elif field.path in known and not has(field.path):
                yield field.path

    for path in required(""):
        if path not in wanted and path != "schema_version":
            wanted.append(path)
    if "id" in wanted:
        wanted.remove("id")
    wanted.insert(0, "id")
    for path in COMMON_OPTIONAL:
        if path not in wanted and not has(path):
            wanted.append(path)
    return [known[path] for path in wanted]
