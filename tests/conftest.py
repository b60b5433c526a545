"""The fixtures every test may ask for (pytest finds them here for every folder below): the
session's own template cache, ``run``, the command line in-process, ``no_hang`` for tests that
kill a worker process, ``shipped`` and ``own``, the template folders the set-completeness tests
compare, and ``extras_folder``, templates' pictures and documents to include. Nothing imports this
module; the helpers tests import are in helpers.py."""

from __future__ import annotations

import shutil
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner, Result

import confdocs.lint.completeness as completeness
import confdocs.render.sets as template_sets
import confdocs.resources as resources
from confdocs.cli import cli

from .helpers import PICTURES, ROOT

SHIPPED = ROOT / "templates"


@pytest.fixture(autouse=True, scope="session")
def _template_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Compiled templates go to a cache of the test session's own, never the user's."""
    import os

    os.environ["CONFDOCS_CACHE_DIR"] = str(tmp_path_factory.mktemp("template-cache"))
    # The key that signs cache entries lives in the user's state folder: the session's own too.
    os.environ["XDG_STATE_HOME"] = str(tmp_path_factory.mktemp("state"))


@pytest.fixture
def run() -> Callable[..., Result]:
    """Run the CLI in-process, as a user would type it (exit code as ``main`` returns it)."""

    def invoke(*args: str, input: str | bytes | None = None) -> Result:
        return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def no_hang() -> Iterator[None]:
    """Fail, rather than hang the suite, if the lost work is waited for."""

    def expired(signum: int, frame: Any) -> None:
        raise TimeoutError("still waiting for a dead worker's work")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(90)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def shipped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The shipped folder as it is while the French templates are being written: the en-GB set
    and the French catalogue. (With shipped French templates, a template left out of the
    organisation's fr-FR set would be taken from them, and be no gap.)"""
    folder = tmp_path / "shipped"
    shutil.copytree(SHIPPED / "en-GB", folder / "en-GB")
    (folder / "fr-FR").mkdir()
    shutil.copy(SHIPPED / "fr-FR" / "messages.po", folder / "fr-FR")
    shutil.copy(SHIPPED / "messages.pot", folder)
    for module in (resources, template_sets, completeness):
        monkeypatch.setattr(module, "templates_dir", lambda: folder)
    return folder


@pytest.fixture
def own(shipped: Path, tmp_path: Path) -> Path:
    """An organisation's folder with a fr-FR set that is the en-GB set, word for word, and the
    shipped French catalogue: complete, as its structure is the reference's."""
    folder = tmp_path / "own"
    french = folder / "fr-FR"
    french.mkdir(parents=True)
    for template in sorted((SHIPPED / "en-GB").glob("*.docx")):
        shutil.copy(template, french)
    shutil.copy(SHIPPED / "fr-FR" / "messages.po", french)
    return folder


@pytest.fixture
def extras_folder(tmp_path: Path) -> Path:
    """A templates folder holding what templates put in beside their text: a picture (logo.png)
    and a document to include whole (terms.docx)."""
    here = tmp_path / "templates"
    here.mkdir()
    shutil.copy(PICTURES / "logo.png", here / "logo.png")
    terms = docx.Document()
    terms.add_paragraph("Standard terms of the organisation, included whole.")
    terms.save(str(here / "terms.docx"))
    return here


@pytest.fixture(scope="session")
def sample_and_edge_pdfs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The PDFs of every sample and edge case, built once for the session: the layout and the
    tagging tests read the same 70 PDFs, and LibreOffice is most of a suite's time."""
    from confdocs.cli import main

    pdfs = []
    for name, inputs in (("samples", ROOT / "samples"), ("edge", ROOT / "tests" / "edge")):
        out = tmp_path_factory.mktemp(name)
        assert main(["build", str(inputs), "--out", str(out), "--pdf", "-q"]) == 0
        pdfs += sorted(out.rglob("*.pdf"))
    return pdfs
