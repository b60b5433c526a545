"""The gate where documents are made (lint.gate): each template checked once per version, and
findings kept for one context never given for another."""

from __future__ import annotations

from pathlib import Path

import pytest

from confdocs.lint import gate

from ..docx_cases import CONTRACT_PLACE, edited_contract, make
from ..helpers import SAMPLES

EXEC = "exec-coaching-harbour-vale.json"  # collects feedback from others: it has an annex


def test_each_template_version_is_checked_once(tmp_path: Path, run,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import confdocs.lint as lint

    own = tmp_path / "own"
    path = make(own / "contract.docx", "Client: {{ parties.client.name }}")
    calls: list[Path] = []
    real = lint.check_template
    monkeypatch.setattr(lint, "check_template",
                        lambda p, **kind: calls.append(p) or real(p, **kind))
    args = ("build", str(SAMPLES / EXEC), "--out", str(tmp_path / "out"), "--templates", str(own),
            "--only", "contract", "--force")
    assert run(*args).exit_code == 0
    assert calls == [path]
    gate._checked.clear()  # a new process: the cache beside the compiled template answers
    assert run(*args).exit_code == 0
    assert calls == [path]
    make(path, "Client: {{ parties.client.nmae }}")  # a new version is checked again
    assert run(*args).exit_code == 1
    assert calls == [path, path]


def test_findings_kept_for_one_context_are_not_given_for_another(tmp_path: Path) -> None:
    path = make(tmp_path / "draft.docx", "Dear client,", "We disclose {{ disclosure.id }}.")
    as_notice = gate.check_once(path, kind="notice")
    assert as_notice.findings == ()
    as_guessed = gate.check_once(path)
    assert [f.code for f in as_guessed.findings] == ["unknown-field"]
    gate._checked.clear()  # a new process: the cache on disk answers, still by context
    assert gate.check_once(path, kind="notice").findings == ()
    assert gate.check_once(path, kind="contract").findings == as_guessed.findings


def test_active_content_kept_in_the_cache_is_refused_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Issue 28, item 7: findings read back from the cache refuse the template as the check did.
    import confdocs.lint as lint

    path = edited_contract(tmp_path / "own" / "contract.docx",
                           '<w:fldSimple w:instr=" INCLUDETEXT &quot;\\\\server\\x.docx&quot; "/>')
    checked = gate.check_once(path)
    assert [(f.code, f.place) for f in checked.errors] == [("include-field", CONTRACT_PLACE)]
    gate._checked.clear()  # a new process: the cache on disk answers, without checking again
    monkeypatch.setattr(lint, "check_template", lambda *args, **kind: pytest.fail("checked"))
    assert gate.check_once(path).errors == checked.errors


def test_templates_check_takes_a_checked_templates_findings_from_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 23, item 8: a check run again after a save costs little more than reading the
    templates; a template changed is checked again."""
    from confdocs.lint import check as check_module
    from confdocs.lint.targets import check_targets, templates_to_check

    path = make(tmp_path / "contract.docx", "Dear {{ parties.client.nmae }},")
    targets = templates_to_check([str(path)])
    first = check_targets(targets)
    calls: list[Path] = []
    real = check_module.check_template

    def counted(template: Path, **kwargs: object) -> object:
        calls.append(template)
        return real(template, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(check_module, "check_template", counted)
    monkeypatch.setattr("confdocs.lint.check_template", counted)
    gate._checked.clear()  # a new process: only the cache on disk is left
    assert check_targets(targets).findings == first.findings
    assert calls == []
    make(path, "Dear {{ parties.client.name }},")
    assert check_targets(targets).findings == ()
    assert calls == [path]
