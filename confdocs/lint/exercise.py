"""A template rendered, in memory, against engagements made from the schema, so that a failure some
valid engagement would meet is found before a cohort is built.

The engagements are made from the schema's own examples: one with every optional field, one with
only the required fields, one for each value of each choice (each kind, each consent case...) and
each yes/no, and one with several entries in every list. Only those that `validate` accepts are
used. An optional field printed where nothing ensures it is set fails for the engagements that leave
it out: that is a warning naming the field; any other failure is an error.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from ..engagement.fields import FILE_FIELDS, FieldIndex, SchemaField, engagement_fields
from ..errors import TemplateError
from ..render.documents import TemplateContext
from .finding import TemplateFinding

_MORE = 3  # entries in each list, for "several"


def _made(fields: FieldIndex, field: SchemaField | None, optional: bool, entries: int,
          index: int = 0) -> Any:
    """A value for ``field`` (the whole engagement for None) from its schema's examples
    (``optional``: with every optional field)."""
    schema: Mapping[str, Any] = field.schema if field is not None else {"type": "object"}
    if "examples" in schema and schema.get("type") not in ("object", "array"):
        value = schema["examples"][0]
        if index and isinstance(value, str) and "pattern" in schema:
            # An id: each entry of a list its own (where the pattern allows it: not a time).
            unique = f"{value}-{index + 1}"
            if re.search(schema["pattern"], unique):
                return unique
        return copy.deepcopy(value)
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    path = field.path if field is not None else ""
    if kind == "object":
        return {child.name: _made(fields, child, optional, entries, index)
                for child in fields.children(path)
                if child.name not in FILE_FIELDS and (optional or child.required)}
    if kind == "array":
        count = max(schema.get("minItems", 1), entries)
        entry = fields.entry(path)
        return [_made(fields, entry, optional, entries, i) if entry is not None else "x"
                for i in range(count)]
    if kind == "boolean":
        return True
    if kind in ("integer", "number"):
        return schema.get("minimum", 1)
    return "x"


def _choices(data: Any, fields: FieldIndex, field: SchemaField | None,
             path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], list[Any]]]:
    """(path, other values) for each choice (enum or yes/no) set in ``data``, the value of
    ``field`` (the whole engagement for None)."""
    at = field.path if field is not None else ""
    if isinstance(data, dict):
        for name, value in data.items():
            child = fields.child(at, name)
            if child is not None:
                yield from _choices(value, fields, child, (*path, name))
    elif isinstance(data, list):
        entry = fields.entry(at)
        if entry is not None and data:
            yield from _choices(data[0], fields, entry, (*path, 0))
    elif field is None:
        return
    elif "enum" in field.schema:
        yield path, [v for v in field.schema["enum"] if v != data]
    elif field.type == "boolean":
        yield path, [not data]


def _without_contradiction(data: Any, where: str, value: Any) -> Any:
    """``data`` with a choice made, less what validation refuses beside that choice: unidentified
    feedback lists no categories (feedback-unidentified-categories), and without this the
    unidentified wording would never be rendered here; and a disclosure whose consent was not
    given rests on no condition that needs it (disclosure-condition-contradicts-consent), so the
    refused and not-sought letters are rendered too; and one on vital interests is an emergency
    made without consent; and a disclosure and its decision share one basis, with a condition
    that goes with it."""
    if where == "feedback.from_others.anonymity" and value == "unidentified":
        data["feedback"]["from_others"].pop("categories", None)
    if where in ("disclosures.lawful_basis", "decisions.lawful_basis"):
        # One basis for a disclosure and its decision, with a condition that goes with it
        # (condition-basis-mismatch), so the letter of every basis is rendered.
        for entry in [*data.get("disclosures", []), *data.get("decisions", [])]:
            entry["lawful_basis"] = value
            if "special_category_condition" in entry:
                entry["special_category_condition"] = (
                    "explicit_consent" if value == "consent" else "legal_claims")
    if where == "disclosures.special_category_condition" and value == "vital_interests":
        # For someone who could not be asked (condition-basis-mismatch): an emergency, made
        # before the client could be told, without consent, on vital interests.
        decisions = {entry.get("id"): entry for entry in data.get("decisions", [])}
        for entry in data.get("disclosures", []):
            entry.update(consent="not_sought", lawful_basis="vital_interests",
                         after_the_event=True, client_may_disclose_first=False,
                         notice_date=entry["disclosure_date"])
            entry.setdefault("consent_note", "x")
            entry.setdefault("no_notice_reason", "x")
            linked = decisions.get(entry.get("decision"))
            if linked is not None:
                linked.update(lawful_basis="vital_interests",
                              special_category_condition="vital_interests")
    if where == "disclosures.consent" and value != "given":
        for entry in [*data.get("disclosures", []), *data.get("decisions", [])]:
            if entry.get("special_category_condition") in ("explicit_consent", "vital_interests"):
                entry["special_category_condition"] = "legal_claims"
            if entry.get("lawful_basis") == "consent":
                entry["lawful_basis"] = "legitimate_interests"
    return data


def _coherent(data: Any) -> Any:
    """``data`` made from the schema's examples, each sensible alone, made to agree together: a
    client who gave consent beforehand could give it, so what the disclosure (and its decision)
    rests on is their explicit consent, and the basis their consent, not vital interests
    (condition-basis-mismatch)."""
    decisions = {entry.get("id"): entry for entry in data.get("decisions", [])}
    for entry in data.get("disclosures", []):
        if (entry.get("consent") == "given" and not entry.get("consent_after_the_event")
                and entry.get("special_category_condition") == "vital_interests"):
            entry.update(special_category_condition="explicit_consent", lawful_basis="consent")
            linked = decisions.get(entry.get("decision"))
            if linked is not None and "special_category_condition" in linked:
                linked.update(special_category_condition="explicit_consent",
                              lawful_basis="consent")
    return data


def _with(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    changed = copy.deepcopy(data)
    holder = changed
    for step in path[:-1]:
        holder = holder[step]
    holder[path[-1]] = value
    return changed


def _fewest_fields(data: Any, fields: FieldIndex, listed: str) -> Any:
    """``data`` with each entry of the list ``listed`` cut down to as few fields as validation
    lets it have: each optional field left out in turn, and kept out while the engagement stays
    valid (the rules ask for some optional fields beside others: a condition for health data)."""
    from ..engagement.validate import check_bytes

    entry = fields.entry(listed)
    if entry is None or not data.get(listed):
        return data
    current = copy.deepcopy(data)
    for child in fields.children(entry.path):
        if child.required:
            continue
        trial = copy.deepcopy(current)
        for item in trial[listed]:
            item.pop(child.name, None)
        if trial == current:
            continue
        if check_bytes("generated.json", json.dumps(trial).encode("utf-8")).engagement is not None:
            current = trial
    return current


@cache
def made_engagements() -> tuple[tuple[str, Any], ...]:
    """(description, engagement data with defaults) for each valid engagement made from the
    schema, made once per process."""
    from ..engagement.validate import check_bytes

    fields = engagement_fields()
    full = _coherent(_made(fields, None, True, 1))
    made: list[tuple[str, Any]] = [
        ("with every optional field", full),
        ("with only the required fields", _coherent(_made(fields, None, False, 1))),
        ("with only the required fields and several entries in every list",
         _coherent(_made(fields, None, False, _MORE))),
        ("with several entries in every list", _coherent(_made(fields, None, True, _MORE))),
    ]
    # A letter's and a record's own optional fields: the entries they are made for, with only
    # their required fields (an engagement with only its required fields has no disclosures).
    for listed in ("disclosures", "decisions"):
        made.append((f"whose {listed} leave out every optional field they can",
                     _fewest_fields(full, fields, listed)))
    for path, values in _choices(full, fields, None):
        where = ".".join(str(step) for step in path if not isinstance(step, int))
        for value in values:
            made.append((f"with {where} = {json.dumps(value)}", _without_contradiction(
                _with(full, path, value), where, value)))
    valid: list[tuple[str, Any]] = []
    seen: set[str] = set()
    for description, data in made:
        text = json.dumps(data, sort_keys=True)
        if text in seen:
            continue
        seen.add(text)
        outcome = check_bytes("generated.json", text.encode("utf-8"))
        if outcome.engagement is not None:
            valid.append((description, outcome.engagement.data))
    return tuple(valid)


def _not_made_here(detail: str, context: Mapping[str, Any]) -> bool:
    """A name at the top level that this check does not put in the context (a kind of document
    whose context it does not know): the field check has judged the name already."""
    match = re.match(r"no field ([A-Za-z_]\w*)(?:;| \()", detail)
    return match is not None and match.group(1) not in context


# A shipped template renders in milliseconds; one that takes this long in check would stop builds.
CHECK_RENDER_SECONDS = 5.0


def _bound() -> float:
    from ..render import limits

    return min(CHECK_RENDER_SECONDS, limits.MAX_RENDER_SECONDS)


def exercise(path: Path, kind: TemplateContext) -> list[TemplateFinding]:
    """Every failure that rendering ``path`` meets with the engagements made from the schema."""
    from ..errors import InputError
    from ..render.context import decision_context, disclosure_context, engagement_context
    from ..render.template import load_template

    try:
        template = load_template(path)  # compiled once per process: build renders it next
    except (TemplateError, InputError):
        return []  # what stops it compiling is reported by the checks before this one
    from .references import outline_of

    outline = outline_of(path)  # numbered as the contract it cites numbers its sections
    findings: dict[tuple[str, str], TemplateFinding] = {}
    engagements = made_engagements()
    if template.extras:  # rendered by docxtpl, some 50 times slower: the two extremes only
        engagements = engagements[:2]
    for description, data in engagements:
        base = engagement_context(data, outline=outline)
        if kind == "notice":
            contexts = [disclosure_context(base, i) for i in range(len(base["disclosures"]))]
        elif kind == "decision":
            contexts = [decision_context(base, i) for i in range(len(base["decisions"]))]
        else:
            contexts = [base]
        for context in contexts:
            try:
                template.render(context, seconds=_bound())
            except TemplateError as exc:
                place = exc.place or ""
                detail = exc.detail or str(exc)
                if ("rendering took longer than" in detail or "the document would be" in detail
                        or "the document would hold more than" in detail
                        or "in all for this part of the document" in detail):
                    # Bounded, so that check itself ends; one such finding says it all.
                    how = (f"takes longer than {_bound():g} s" if "longer" in detail
                           else "makes too large a document")
                    return [*findings.values(), TemplateFinding(
                        path.name, place, "render-unbounded", "error",
                        f"rendering it for a valid engagement {description} {how}: a loop that "
                        "may never end, or text repeated enormously; every build would stop on "
                        "it. Look at its loops and repetitions ({% for %}, * on text)")]
                if _not_made_here(detail, context):
                    continue
                key = (place, detail.split(";")[0])
                if key in findings:
                    continue
                if " is not set in this engagement" in detail:
                    findings[key] = TemplateFinding(
                        path.name, place, "optional-field-unguarded", "warning",
                        f"{detail} (found by rendering it for an engagement {description}; "
                        "without that, documents fail for the engagements that leave the field "
                        "out)")
                else:
                    findings[key] = TemplateFinding(
                        path.name, place, "render-fails", "error",
                        f"rendering it for a valid engagement {description} fails: {detail}")
    return list(findings.values())
