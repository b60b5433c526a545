"""`confdocs schema`: the schema for editors, and the field guide kept current."""

from __future__ import annotations

import json

from ..helpers import ROOT


def test_schema_prints_the_engagement_schema(run) -> None:
    result = run("schema")
    assert result.exit_code == 0
    assert json.loads(result.output)["$id"].endswith("engagement.schema.json")


def test_field_guide_is_current(run) -> None:
    result = run("schema", "--guide")
    assert result.exit_code == 0
    committed = (ROOT / "docs" / "fields.md").read_text(encoding="utf-8")
    assert result.output == committed, "docs/fields.md is stale: confdocs schema --guide > docs/fields.md"


def test_field_guide_writes_fields_as_templates_do(run) -> None:
    guide = run("schema", "--guide").output
    assert "| `parties.client.name` | text | yes |" in guide
    assert "`{% for limit in confidentiality.limits %}`" in guide
    assert "| `limit.description` |" in guide
    assert "| `disclosure.consent` | one of: `given`, `refused`, `not_sought` |" in guide
    assert "| `clause.limit` |" in guide and "| `\\|date` |" in guide
