"""What a template sees, declared once (render.names): each context's fields, built from the
engagement's index."""

from __future__ import annotations

from confdocs.engagement.fields import FILE_FIELDS, FieldIndex, engagement_fields
from confdocs.render.names import context_fields, context_schema


def test_the_fields_a_template_sees_are_the_engagement_s_and_what_its_context_adds() -> None:
    for context in ("engagement", "notice", "decision"):
        seen = context_fields(context)
        # Built from the engagement's index, not walked again: the same records.
        assert seen["parties.client.name"] is engagement_fields()["parties.client.name"]
        assert not any(f.group in FILE_FIELDS for f in seen)
        # ... and the same as indexing the context's whole schema.
        whole = FieldIndex.of(context_schema(context))
        assert [(f.path, f.required, dict(f.schema)) for f in seen] == [
            (f.path, f.required, dict(f.schema)) for f in whole]
    notice = context_fields("notice")
    assert notice["limit.description"].schema["description"] == (
        engagement_fields()["confidentiality.limits[].description"].schema["description"])
    assert not notice["decision"].required and context_fields("decision")["decision"].required
    assert context_fields("engagement").entry("clause.limit") is not None  # keyed by limit id
    assert "decision_disclosures" not in notice
