"""The fixtures every test may ask for (pytest finds them here for every folder below): the
session's own template cache, and ``run``, the command line in-process. Nothing imports this
module; the helpers tests import are in helpers.py."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import CliRunner, Result

from confdocs.cli import cli


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
