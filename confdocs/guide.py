"""The field guide (docs/fields.md), written from the schema's titles, descriptions and examples.

Every field is shown as a template writes it: entries of a list through a loop variable, as in
``{%p for limit in confidentiality.limits %}`` ... ``{{ limit.description }}``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from .engagement.fields import ENTRY, FieldIndex, SchemaField
from .render.documents import CONTEXT_OF, TEMPLATE_FILES, DocumentKind, TemplateContext
from .render.names import added, context_fields, engagement_seen

# The loop variable the guide uses for the entries of each list.
_ENTRY = {
    "limits": "limit", "disclosures": "disclosure", "shared": "item", "categories": "category",
    "organisational_guidelines": "guideline", "information": "fact", "with_whom": "person",
    "meetings": "meeting", "requirements": "requirement", "not_shared": "item", "kept": "record",
    "access": "person", "report_recipients": "recipient", "content": "topic", "address": "line",
    "ground_rules": "rule", "decisions": "decision", "consulted": "person", "options": "option",
    "decision_disclosures": "made",
}

# Where each kind of shipped document goes: to the client and the parties, or nowhere outside
# the practitioner's own files.
_AUDIENCE: Mapping[DocumentKind, str] = {"contract": "contract", "annex": "annex",
                                         "notice": "letter", "decision": "internal record"}


def _type(schema: Mapping[str, Any]) -> str:
    if "enum" in schema:
        # Each value with what it means, as editors show it (enumDescriptions).
        meant = schema.get("enumDescriptions") or [""] * len(schema["enum"])
        return "one of: " + "; ".join(f"`{v}`" + (f" ({_cell(m).rstrip('.')})" if m else "")
                                      for v, m in zip(schema["enum"], meant, strict=True))
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


def _uses() -> dict[str, list[str]]:
    """For each field, as the guide's path names it, the shipped documents that use it."""
    from .lint import template_fields
    from .resources import templates_dir

    uses: dict[str, list[str]] = {}
    for kind, audience in _AUDIENCE.items():
        path = templates_dir() / "en-GB" / TEMPLATE_FILES[kind]
        context = CONTEXT_OF[kind]
        # A letter's or a record's own names are written as the engagement field they come from.
        sources = {name: declared.source for name, declared in added(context).items()
                   if declared.source is not None}
        for field in template_fields(path, kind=kind):
            name = field.path
            head, dot, rest = name.partition(".")
            if head in sources:
                name = sources[head] + dot + rest
            # A field is used wherever one of its sub-fields is.
            while name:
                if audience not in uses.setdefault(name, []):
                    uses[name].append(audience)
                name = name.removesuffix("[]") if name.endswith("[]") else \
                    name.rsplit(".", 1)[0] if "." in name else ""
    return uses


def _used_in(uses: Mapping[str, list[str]], path: str) -> str:
    found = uses.get(path, [])
    if not found:
        return "—"
    return ", ".join(found)


def _entry(listed: str) -> str:
    """The loop variable the guide uses for the entries of the list at path ``listed``."""
    return _ENTRY.get(listed.rsplit(".", 1)[-1], "item")


def _written(path: str) -> str:
    """A field as a template writes it: an entry's through the loop variable the guide uses
    for its list (``confidentiality.limits[].description`` -> ``limit.description``)."""
    if ENTRY not in path:
        return path
    listed, rest = path.rsplit(ENTRY, 1)
    return _entry(listed) + rest


def _rows(fields: FieldIndex, field: SchemaField,
          uses: Mapping[str, list[str]] | None = None) -> Iterator[str]:
    """The rows of a field and of the fields below it (``uses``: the "Printed in" column); the
    entries of a list of objects through a loop."""
    schema = field.schema
    example = schema.get("examples", [None])[0] if schema.get("examples") else None
    shown = f"`{json.dumps(example, ensure_ascii=False)}`" if example not in (None, [], {}) \
        and not isinstance(example, (dict, list)) else ""
    need = "yes" if field.required else ("no (default " + json.dumps(schema["default"]) + ")"
                                         if "default" in schema else "no")
    used = f" {_used_in(uses, field.path)} |" if uses is not None else ""
    written = _written(field.path)
    yield (f"| `{written}` | {_type(schema)} | {need} | {_cell(field.description)} | {shown} |"
           f"{used}")
    if field.is_object:
        for child in fields.children(field.path):
            yield from _rows(fields, child, uses)
    entry = fields.entry(field.path)
    if field.is_list and entry is not None and entry.is_object:
        name = _entry(field.path)
        loop_used = " |" if uses is not None else ""
        yield (f"| `{{% for {name} in {written} %}}` | loop | | Repeats for each entry; "
               f"inside it, `{name}` is one entry: | |{loop_used}")
        for child in fields.children(entry.path):
            yield from _rows(fields, child, uses)


def _table(header_extra: bool = False) -> list[str]:
    if header_extra:
        return ["| Field | Type | Required | What it is | Example | Printed in |",
                "|---|---|---|---|---|---|"]
    return ["| Field | Type | Required | What it is | Example |", "|---|---|---|---|---|"]


def _context_section(context: TemplateContext) -> Iterator[str]:
    """The rows of what a context adds, in the order it declares them."""
    fields = context_fields(context)
    for name in added(context):
        yield from _rows(fields, fields[name])


def field_guide() -> str:
    uses = _uses()
    lines = [
        "# Fields a template may use",
        "",
        "Generated from schemas/engagement.schema.json and the shipped templates by "
        "`confdocs schema --guide`; do not edit by hand (a test checks it is current).",
        "",
        "Write a field in a template as `{{ parties.client.name }}`. An optional field (Required: "
        "no) may be missing from an engagement: print it only inside "
        "`{% if parties.client.job_title %}` ... `{% endif %}`, or the document fails to build "
        "rather than show a blank. Lists are repeated with `{%p for ... %}` ... `{%p endfor %}` "
        "(paragraphs) or `{%tr for ... %}` ... `{%tr endfor %}` (table rows), or joined with "
        "`|and_list` (A, B and C) or `|or_list` (A, B or C).",
        "",
        "**Printed in** says which of the shipped documents use each field: the `contract`, the "
        "feedback `annex` and the disclosure `letter` go to the client (and the contract and annex "
        "to every party who signs); the `internal record` of a disclosure decision stays in the "
        "practitioner's own files and is never sent. A field that reaches the client must be "
        "written so that the client may read it: letters address the client as \"you\". A field "
        "marked — is printed by none of them: it may still decide which clauses a contract holds "
        "(`setting`, `disclosure_procedure.emergency_provision`), be checked by validation, or be "
        "there for templates of your own.",
        "",
        "## Engagement fields",
        "",
        *_table(header_extra=True),
    ]
    seen = context_fields("engagement")
    for field in engagement_seen():
        lines.extend(_rows(seen, field, uses))
    lines += ["", "## Words and clause numbers (every template)", "", *_table()]
    lines.extend(_context_section("engagement"))
    lines += [
        "",
        "## Only in disclosure-notice.docx (one letter per disclosure, to the client)",
        "",
        "A template whose file name contains `notice` also sees these. `decision` is there only "
        "when the disclosure links to a decision record; a letter may cite its id and date, never "
        "its internal reasoning.",
        "",
        *_table(),
    ]
    lines.extend(_context_section("notice"))
    lines += [
        "",
        "## Only in decision-record.docx (one internal record per decision, never sent)",
        "",
        "A template whose file name contains `decision` (and not `notice`) also sees these.",
        "",
        *_table(),
    ]
    lines.extend(_context_section("decision"))
    lines += ["", "## Filters", "", "| Filter | What it does |", "|---|---|"]
    from .render.filters import FILTERS

    for name, function in FILTERS.items():
        doc = (function.__doc__ or "").strip().splitlines()[0]
        lines.append(f"| `\\|{name}` | {_cell(doc)} |")
    return "\n".join(lines) + "\n"
