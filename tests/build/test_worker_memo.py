"""A build keeps each template and catalogue it uses for the whole build, in a memo of its own;
`render`, outside any build, reads a template's words as they are now, even in a process that
has built before."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from confdocs.build import build, render_document
from confdocs.build.plan import Use
from confdocs.build.worker import BuildMemo
from confdocs.render import sets
from confdocs.resources import templates_dir

from ..helpers import SAMPLES


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the shipped template sets, which the test may change, in their place."""
    folder = tmp_path / "shipped"
    shutil.copytree(templates_dir(), folder)
    monkeypatch.setattr(sets, "templates_dir", lambda: folder)
    sets.shipped_template_sets.cache_clear()
    yield folder
    sets.shipped_template_sets.cache_clear()


def _french(folder: Path) -> Path:
    data = json.loads((SAMPLES / "exec-coaching-harbour-vale.json").read_text(encoding="utf-8"))
    data.pop("$schema", None)
    data["locale"] = "fr-FR"
    path = folder / "FR-1.json"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_memo_compiles_each_template_once_and_reads_each_catalogue_once() -> None:
    use = Use.chosen(sets.shipped_template_sets().choose("fr-FR", "contract"), "")
    memo = BuildMemo()
    assert memo.template(use.template) is memo.template(use.template)
    catalogue = memo.catalogue(use)
    assert catalogue is memo.catalogue(use)
    assert catalogue.title("contract") == "Accord de confidentialité"


def test_render_after_a_build_reads_the_words_as_they_are_now(shipped: Path,
                                                              tmp_path: Path) -> None:
    engagement = _french(tmp_path / "in")
    # One engagement: built in this process, which keeps the words in its memo.
    report = build([engagement], tmp_path / "out", only=("contract",))
    assert report.exit_code() == 0 and report.written == 1, report
    built = docx.Document(str(next((tmp_path / "out").rglob("*-contract.docx"))))
    assert built.core_properties.title.startswith("Accord de confidentialité")
    catalogue = shipped / "fr-FR" / "messages.po"
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace(
        'msgstr "Accord de confidentialité"', 'msgstr "Accord de confidentialité revu"'),
        encoding="utf-8")
    rendered = render_document(shipped / "fr-FR" / "contract.docx", engagement,
                               tmp_path / "tried.docx")
    title = docx.Document(str(rendered.path)).core_properties.title
    assert title.startswith("Accord de confidentialité revu\N{NO-BREAK SPACE}: ")
