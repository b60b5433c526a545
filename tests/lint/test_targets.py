"""Which templates `templates check` checks, and what checking them gives, as values
(lint.targets)."""

from __future__ import annotations

from pathlib import Path

from ..helpers import ROOT


def test_the_templates_named_and_what_checking_them_gives_are_values(tmp_path: Path) -> None:
    """The CLI prints what confdocs.lint.targets chose and found, and exits with its code."""
    from confdocs.lint.targets import check_targets, templates_to_check

    good = ROOT / "templates" / "en-GB" / "contract.docx"
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"not a zip")
    gone = tmp_path / "gone.docx"
    targets = templates_to_check([str(good), str(junk), str(gone), str(tmp_path / "~$owner.docx")])
    assert (targets.templates, targets.missing) == ((good, junk, gone), (gone,))
    assert not targets.compare_sets and not targets.misnamed
    report = check_targets(targets, by_path=True)
    assert (report.checked, report.failed) == (2, 1)
    assert [(f.template, f.code) for f in report.findings] == [(str(junk), "template-unreadable")]
    assert report.exit_code() == 2
    unreadable = check_targets(templates_to_check([str(junk)]))
    assert unreadable.findings[0].template == "junk.docx"  # by its name unless asked by path
    assert unreadable.exit_code() == 2
