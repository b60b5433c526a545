"""The schema-field index (engagement.fields): every field of the engagement schema by the path the
guide writes, walked once, and what the field guide, the linter and the renderer look up in it."""

from __future__ import annotations

from typing import Any

import pytest

from confdocs.engagement.fields import FILE_FIELDS, engagement_fields
from confdocs.engagement.schema import load_schema

from ..helpers import ROOT


def _schema_at(path: str) -> Any:
    """The schema at a guide path, found by following the JSON Schema by hand."""
    schema: Any = load_schema()
    for step in path.replace("[]", ".[]").split("."):
        schema = schema["items"] if step == "[]" else schema["properties"][step]
    return schema


def test_a_field_is_found_by_the_path_the_guide_writes() -> None:
    field = engagement_fields()["confidentiality.limits[].description"]
    assert field.schema is _schema_at("confidentiality.limits[].description")
    assert (field.name, field.group, field.parent) == (
        "description", "confidentiality", "confidentiality.limits[]")
    assert field.required and field.in_list and not field.is_list and not field.is_object
    assert field.description.startswith("The limit in plain words")


def test_every_field_is_where_its_path_says_and_each_is_walked_once() -> None:
    fields = engagement_fields()
    assert fields is engagement_fields()  # walked once per process
    paths = [field.path for field in fields]
    assert len(paths) == len(set(paths))
    for field in fields:
        assert field.schema is _schema_at(field.path), field.path
        assert field.group == field.path.split(".")[0].removesuffix("[]")


def test_lists_objects_and_their_entries() -> None:
    fields = engagement_fields()
    disclosures = fields["disclosures"]
    assert disclosures.is_list and not disclosures.required
    entry = fields.entry("disclosures")
    assert entry is not None and entry.path == "disclosures[]" and entry.is_object
    assert entry.is_entry and entry.name == "[]"
    assert fields.child("disclosures[]", "reason") is fields["disclosures[].reason"]
    assert fields.entry("organisational_guidelines") is not None  # a list of text
    assert fields.entry("parties") is None and fields["parties"].is_object
    assert [f.name for f in fields.children("parties.client")] == list(
        _schema_at("parties.client")["properties"])


def test_the_top_level_is_the_schema_s_sections_in_order() -> None:
    fields = engagement_fields()
    assert [f.name for f in fields.children()] == list(load_schema()["properties"])
    assert {f.group for f in fields} == set(load_schema()["properties"])
    assert set(FILE_FIELDS) <= {f.name for f in fields.children()}


@pytest.mark.parametrize("path", ["", "records", "disclosures[]", "parties.client"])
def test_required_fields_come_in_the_order_the_schema_lists_them(path: str) -> None:
    # The order a roster's columns are offered in follows it (records lists lawful_basis late).
    holder = _schema_at(path) if path else load_schema()
    fields = engagement_fields()
    assert [f.name for f in fields.required(path)] == list(holder["required"])
    assert all(f.required for f in fields.required(path))


def test_the_guide_lists_every_field_of_the_index() -> None:
    guide = (ROOT / "docs" / "fields.md").read_text(encoding="utf-8")
    engagement = guide.split("## Words and clause numbers")[0]
    for field in engagement_fields():
        if field.group in FILE_FIELDS or field.is_entry:
            continue
        written = field.path.rsplit("[].", 1)[-1]
        assert f"`{written}` |" in engagement or f".{written}` |" in engagement, field.path
