"""The field guide (docs/fields.md), written from the schema's titles, descriptions and examples.

Every field is shown as a template writes it: entries of a list through a loop variable, as in
``{%p for limit in confidentiality.limits %}`` ... ``{{ limit.description }}``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from .lint.fields import context_schema

# The loop variable the guide uses for the entries of each list.
_ENTRY = {
    "limits": "limit", "disclosures": "disclosure", "shared": "item", "categories": "category",
    "organisational_guidelines": "guideline", "information": "fact", "with_whom": "person",
    "meetings": "meeting", "requirements": "requirement", "not_shared": "item", "kept": "record",
    "access": "person", "report_recipients": "recipient", "content": "topic", "address": "line",
}
_EXTRAS = {"words", "clause", "disclosure", "limit", "limit_clause", "notice_days_given"}


def _type(schema: Mapping[str, Any]) -> str:
    if "enum" in schema:
        return "one of: " + ", ".join(f"`{v}`" for v in schema["enum"])
    if "const" in schema:
        return f"always `{schema['const']}`"
    kind = schema.get("type", "any")
    if kind == "string" and schema.get("format") == "date":
        return "date (YYYY-MM-DD; print with `\\|date`)"
    if kind == "array":
        return "list"
    return {"string": "text", "boolean": "true/false", "integer": "whole number",
            "object": "group of fields"}.get(kind, str(kind))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _rows(schema: Mapping[str, Any], written: str, required: bool) -> Iterator[str]:
    description = schema.get("description", "")
    example = schema.get("examples", [None])[0] if schema.get("examples") else None
    shown = f"`{json.dumps(example, ensure_ascii=False)}`" if example not in (None, [], {}) \
        and not isinstance(example, (dict, list)) else ""
    need = "yes" if required else ("no (default " + json.dumps(schema["default"]) + ")"
                                   if "default" in schema else "no")
    yield f"| `{written}` | {_type(schema)} | {need} | {_cell(description)} | {shown} |"
    if schema.get("type") == "object":
        for name, sub in schema.get("properties", {}).items():
            yield from _rows(sub, f"{written}.{name}", name in schema.get("required", []))
    elif schema.get("type") == "array" and isinstance(schema.get("items"), dict):
        items = schema["items"]
        entry = _ENTRY.get(written.rsplit(".", 1)[-1], "item")
        if items.get("type") == "object":
            yield (f"| `{{% for {entry} in {written} %}}` | loop | | Repeats for each entry; "
                   f"inside it, `{entry}` is one entry: | |")
            for name, sub in items.get("properties", {}).items():
                yield from _rows(sub, f"{entry}.{name}", name in items.get("required", []))


def field_guide() -> str:
    schema = context_schema(True)
    properties = schema["properties"]
    engagement_required = set(_engagement_required())
    lines = [
        "# Fields a template may use",
        "",
        "Generated from schemas/engagement.schema.json by `confdocs schema --guide`; do not edit "
        "by hand (a test checks it is current).",
        "",
        "Write a field in a template as `{{ parties.client.name }}`. An optional field (Required: "
        "no) may be missing from an engagement: print it only inside "
        "`{% if parties.client.job_title %}` ... `{% endif %}`, or the document fails to build "
        "rather than show a blank. Lists are repeated with `{%p for ... %}` ... `{%p endfor %}` "
        "(paragraphs) or `{%tr for ... %}` ... `{%tr endfor %}` (table rows), or joined with "
        "`|and_list` (A, B and C) or `|or_list` (A, B or C).",
        "",
        "## Engagement fields",
        "",
        "| Field | Type | Required | What it is | Example |",
        "|---|---|---|---|---|",
    ]
    for name, sub in properties.items():
        if name not in _EXTRAS:
            lines.extend(_rows(sub, name, name in engagement_required))
    lines += [
        "",
        "## Words and clause numbers (every template)",
        "",
        "| Field | Type | Required | What it is | Example |",
        "|---|---|---|---|---|",
    ]
    for name in ("words", "clause"):
        lines.extend(_rows(properties[name], name, True))
    lines += [
        "",
        "## Only in disclosure-notice.docx (one letter per disclosure)",
        "",
        "A template whose file name contains `notice` also sees these.",
        "",
        "| Field | Type | Required | What it is | Example |",
        "|---|---|---|---|---|",
    ]
    for name in ("disclosure", "limit", "limit_clause", "notice_days_given"):
        lines.extend(_rows(properties[name], name, True))
    lines += ["", "## Filters", "", "| Filter | What it does |", "|---|---|"]
    from .render.filters import FILTERS

    for name, function in FILTERS.items():
        doc = (function.__doc__ or "").strip().splitlines()[0]
        lines.append(f"| `\\|{name}` | {_cell(doc)} |")
    return "\n".join(lines) + "\n"


def _engagement_required() -> list[str]:
    from .resources import load_schema

    return list(load_schema().get("required", []))
