"""`confdocs new` (issue 26, item 5): a first engagement file for each kind and each shipped
language, whose placeholders `validate` places one by one, and which validates and builds once
they are filled in."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from confdocs.engagement.fields import ENTRY, engagement_fields
from confdocs.engagement.placeholders import is_placeholder
from confdocs.engagement.starter import GUIDANCE, KINDS, LOCALES, starter_data

from ..helpers import document_text


def _path_of(pointer: str) -> str:
    """'/confidentiality/shared/0/with_whom/0' -> 'confidentiality.shared[].with_whom[]'."""
    path = ""
    for token in pointer.split("/")[1:]:
        path += ENTRY if token.isdigit() else (f".{token}" if path else token)
    return path


def _example(path: str) -> Any:
    """The schema's example for the field at ``path`` (a list's entry: its list's first)."""
    field = engagement_fields()[path]
    if field.is_entry:
        return engagement_fields()[field.parent].schema["examples"][0][0]
    return field.schema["examples"][0]


def _fill(value: Any, pointer: str, ident: str) -> Any:
    """``value`` with each placeholder replaced as a person would: the schema's example for the
    field (the id and the emails made this file's own)."""
    if isinstance(value, dict):
        return {k: _fill(v, f"{pointer}/{k}", ident) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, f"{pointer}/{n}", ident) for n, v in enumerate(value)]
    if not (isinstance(value, str) and is_placeholder(value)):
        return value
    if pointer == "/id":
        return ident
    example = _example(_path_of(pointer))
    return example.replace("@", f"+{ident.lower()}@") if "email" in pointer else example


COMBINATIONS = [(kind, setting, locale) for kind in KINDS for locale in LOCALES
                for setting in (None, "group")]


def test_new_fill_validate_build_for_every_kind_and_language(run, tmp_path: Path) -> None:
    folder = tmp_path / "engagements"
    folder.mkdir()
    idents = []
    for number, (kind, setting, locale) in enumerate(COMBINATIONS):
        path = folder / f"{number}.json"
        more = ["--setting", setting] if setting else []
        made = run("new", "--kind", kind, "--locale", locale, *more, str(path))
        assert made.exit_code == 0, made.output
        assert f"Wrote {path}: fill in its" in made.output
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
        assert data["kind"] == kind and data["locale"] == locale
        assert data["$schema"].endswith("engagement.schema.json")
        placeholders = re.findall(r'"(<[^"<>]+>)"', text)
        assert placeholders and all(is_placeholder(p) for p in placeholders)
        # Unfilled: one placeholder-unfilled per placeholder, at its line and column, and no
        # other error (not a date, not an email...) about the same value.
        checked = run("validate", "--format", "json", str(path))
        assert checked.exit_code == 1
        findings = json.loads(checked.output)["findings"]
        unfilled = [f for f in findings if f["code"] == "placeholder-unfilled"]
        assert len(unfilled) == len(placeholders)
        assert [f for f in findings if f["severity"] == "error"] == unfilled
        lines = text.splitlines()
        for finding in unfilled:
            line = lines[finding["line"] - 1]
            assert line[finding["column"] - 1:].startswith('"<'), (finding, line)
        ident = f"NEW-{number}"
        idents.append(ident)
        path.write_text(json.dumps(_fill(data, "", ident), indent=2, ensure_ascii=False),
                        encoding="utf-8")
        filled = run("validate", "--strict", str(path))
        assert filled.exit_code == 0, filled.output
    out = tmp_path / "out"
    built = run("build", str(folder), "--out", str(out), "--only", "contract", "--quiet")
    assert built.exit_code == 0, built.output
    for ident, (kind, setting, _locale) in zip(idents, COMBINATIONS, strict=True):
        contract = document_text(out / ident / f"{ident}-contract.docx")
        assert _example("parties.client.name") in contract
        if setting == "group" or kind == "training":  # a group's contract has ground rules
            assert _example("confidentiality.ground_rules[]") in contract


@pytest.mark.parametrize("locale", LOCALES)
def test_placeholders_are_in_the_files_language(locale: str) -> None:
    data = starter_data("coaching", locale=locale)
    assert data["parties"]["client"]["name"] == GUIDANCE["parties.client.name"][locale[:2]]


def test_new_refuses_to_replace_a_file_without_force(run, tmp_path: Path) -> None:
    path = tmp_path / "e.json"
    path.write_text("{}", encoding="utf-8")
    refused = run("new", "--kind", "coaching", str(path))
    assert refused.exit_code == 2
    assert refused.output.strip().splitlines() == [
        f"confdocs: error: {path}: already exists; choose another name, or add --force to "
        "replace it with a starter"]
    assert path.read_text(encoding="utf-8") == "{}"
    assert run("new", "--kind", "coaching", "--force", str(path)).exit_code == 0
    assert json.loads(path.read_text(encoding="utf-8"))["kind"] == "coaching"


def test_new_points_at_the_teams_schema_copy_when_there_is_one(run, tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "engagement.schema.json").write_text("{}", encoding="utf-8")
    (tmp_path / "cohort").mkdir()
    path = tmp_path / "cohort" / "e.json"
    assert run("new", "--kind", "mentoring", str(path)).exit_code == 0
    assert json.loads(path.read_text(encoding="utf-8"))["$schema"] == \
        "../schemas/engagement.schema.json"


def test_new_help_has_an_example(run) -> None:
    shown = run("new", "--help").output
    assert "confdocs new --kind coaching" in shown
    assert "placeholder-unfilled" in shown


def test_a_value_in_angle_brackets_without_a_space_is_no_placeholder() -> None:
    assert is_placeholder("<the client's full name>")
    assert not is_placeholder("<jonah@example.org>")
    assert not is_placeholder("Use <b> for bold")
