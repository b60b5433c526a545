"""`confdocs schema`: the schema for editors, and the field guide kept current."""

from __future__ import annotations

import json
import re

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
    assert re.search(r"\| `disclosure\.consent` \| one of: `given` \([^|]*\); `refused` "
                     r"\([^|]*\); `not_sought` \([^|]*\) \|", guide)
    assert "| `clause.limit` |" in guide and "| `\\|date` |" in guide


# --- issue 26, item 4: editor set-up that survives copying -----------------------------------

def test_schema_write_puts_both_schemas_where_a_teams_files_can_point(run, tmp_path) -> None:
    folder = tmp_path / "repo" / "schemas"
    result = run("schema", "--write", str(folder))
    assert result.exit_code == 0, result.output
    assert result.output == (f"Wrote {folder / 'engagement.schema.json'}\n"
                             f"Wrote {folder / 'profile.schema.json'}\n")
    engagement = (folder / "engagement.schema.json").read_text(encoding="utf-8")
    profile = (folder / "profile.schema.json").read_text(encoding="utf-8")
    assert engagement == run("schema").output
    assert profile == run("schema", "--profile").output
    assert profile == (ROOT / "schemas" / "profile.schema.json").read_text(encoding="utf-8")
    # Again, over older copies: replaced.
    (folder / "profile.schema.json").write_text("{}", encoding="utf-8")
    assert run("schema", "--write", str(folder)).exit_code == 0
    assert (folder / "profile.schema.json").read_text(encoding="utf-8") == profile


def test_schema_write_into_a_file_is_one_line_and_exit_2(run, tmp_path) -> None:
    blocker = tmp_path / "schemas"
    blocker.write_text("", encoding="utf-8")
    result = run("schema", "--write", str(blocker / "inner"))
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "cannot be written" in result.output


def test_import_points_the_files_it_writes_at_the_teams_copy(run, tmp_path) -> None:
    import shutil

    from ..helpers import COHORT

    repo = tmp_path / "repo"
    assert run("schema", "--write", str(repo / "schemas")).exit_code == 0
    shutil.copytree(COHORT / "profiles", repo / "profiles")
    for profile in (repo / "profiles").glob("*.json"):
        text = profile.read_text(encoding="utf-8")
        profile.write_text(text.replace('"../../../schemas/profile.schema.json"',
                                        '"../schemas/profile.schema.json"'), encoding="utf-8")
    result = run("import", str(COHORT / "roster.csv"), "--profile",
                 str(repo / "profiles" / "harbour-vale-2026.json"), "--out", str(repo / "cohort"))
    assert result.exit_code == 0, result.output
    written = sorted((repo / "cohort").glob("HV-*.json"))
    assert len(written) == 5
    for path in written:
        pointer = json.loads(path.read_text(encoding="utf-8"))["$schema"]
        assert pointer == "../schemas/profile.schema.json"
        assert (path.parent / pointer).resolve() == (repo / "schemas" / "profile.schema.json")


def test_the_schemas_ids_are_versioned_names_under_one_base() -> None:
    from confdocs.engagement.version import SCHEMA_VERSION as VERSION

    base = "https://confdocs.example/schemas/"
    for name, versioned in (("engagement.schema.json", True), ("profile.schema.json", True),
                            ("report.schema.json", False)):
        schema = json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))
        expected = f"{base}{VERSION}/{name}" if versioned else f"{base}{name}"
        assert schema["$id"] == expected, name
    engagement = json.loads((ROOT / "schemas" / "engagement.schema.json").read_text("utf-8"))
    assert engagement["properties"]["schema_version"]["const"] == VERSION
