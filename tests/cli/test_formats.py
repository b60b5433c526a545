"""The output options the commands share: --format json is always one document of the documented
shape, even when the command fails, and --quiet leaves the findings only."""

from __future__ import annotations

import json
from pathlib import Path

from ..helpers import guild_engagement, lock_held


def _report_schema() -> object:
    from jsonschema import Draft202012Validator

    from ..helpers import ROOT

    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_format_json_is_always_one_document_of_the_documented_shape(tmp_path: Path,
                                                                     run) -> None:
    validator = _report_schema()
    good = guild_engagement(tmp_path)
    bad = guild_engagement(tmp_path, {"title": "A\u2028B", "x\u2028": 1}, name="bad.json")
    outputs = [
        run("build", str(good), "--out", str(tmp_path / "out"), "--format", "json"),
        run("build", str(bad), "--out", str(tmp_path / "out2"), "--format", "json"),
        run("validate", str(good), "--format", "json"),
        run("validate", str(bad), "--format", "json"),
        run("templates", "check", "--format", "json"),
    ]
    for result in outputs:
        document = json.loads(result.stdout)
        assert not list(validator.iter_errors(document)), result.stdout  # type: ignore[attr-defined]
    assert json.loads(outputs[0].stdout)["findings"] == []
    assert "\u2028" not in outputs[1].stdout
    assert "Built" in outputs[0].stderr


def test_format_json_prints_one_document_even_when_the_command_fails(
        tmp_path: Path, run, monkeypatch) -> None:
    """A program reading --format json always gets one document of the documented shape: the
    import's report, and a failure ({"error", "exit_code"}) when an error stops a command
    before its report (it printed nothing)."""

    from ..helpers import ROOT

    validator = _report_schema()
    cohort = ROOT / "samples" / "cohort"
    profile = str(cohort / "profiles" / "harbour-vale-2026.json")
    imported = run("import", str(cohort / "roster.csv"), "--profile", profile, "--out",
                   str(tmp_path / "cohort"), "--dry-run", "--format", "json")
    good = guild_engagement(tmp_path)
    out = tmp_path / "out"
    with lock_held(out):
        busy = run("build", str(good), "--out", str(out), "--format", "json")
    missing = run("import", str(tmp_path / "nowhere.csv"), "--profile", profile, "--out",
                  str(tmp_path / "cohort"), "--format", "json")

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("confdocs.engagement.validate.validate_paths", broken)
    bug = run("validate", str(good), "--format", "json")
    assert [r.exit_code for r in (imported, busy, missing, bug)] == [0, 2, 2, 3]
    for result in (imported, busy, missing, bug):
        document = json.loads(result.stdout)
        assert not list(validator.iter_errors(document)), result.stdout  # type: ignore[attr-defined]
    assert json.loads(imported.stdout)["rows"] == 5
    failure = json.loads(busy.stdout)
    assert failure["exit_code"] == 2 and "another confdocs build" in failure["error"]
    assert json.loads(missing.stdout)["exit_code"] == 2
    assert json.loads(bug.stdout) == {"error": "internal error: RuntimeError: a bug",
                                      "exit_code": 3}
    assert run("validate", str(good)).stdout == ""  # text: the error goes to stderr alone


def test_quiet_leaves_findings_only(tmp_path: Path, run) -> None:
    good = guild_engagement(tmp_path)
    bad = guild_engagement(tmp_path, {"locale": "xx-YY", "id": "BAD-1"}, name="bad.json")
    assert run("validate", "--quiet", str(good)).output == ""
    lines = run("validate", "-q", str(good), str(bad)).output.splitlines()
    assert len(lines) == 1 and "locale-unknown" in lines[0]
    built = run("build", "-q", str(good), "--out", str(tmp_path / "out"))
    assert built.exit_code == 0 and built.output == ""
