"""The fixtures every test may ask for (pytest finds them here for every folder below): the
session's own template cache, ``run``, the command line in-process, and ``no_hang`` for tests
that kill a worker process. Nothing imports this module; the helpers tests import are in
helpers.py."""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from typing import Any

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
