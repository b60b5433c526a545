"""A roster's rows checked over worker processes (engagement.row_findings): a worker
killed from outside is an error that says nothing was written."""

from __future__ import annotations

import json
import os
import signal
from typing import Any

import pytest

from confdocs.errors import WorkerLostError

from ..helpers import sample_data


@pytest.mark.usefixtures("no_hang")  # a killed worker must never leave the suite waiting
def test_import_with_a_killed_worker_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    from confdocs.engagement import row_findings

    raw = json.dumps(sample_data("membership-guild.json")).encode()
    items = [(f"row-{index}.json", raw) for index in range(row_findings.PARALLEL_FROM)]
    monkeypatch.setattr(row_findings, "check_engagement", _check_or_die)
    with pytest.raises(WorkerLostError, match=r"killed by SIGKILL.*nothing was written"):
        row_findings.check_engagements(items, 2)


def _check_or_die(item: tuple[str, bytes]) -> Any:
    from confdocs.engagement.validate import check_bytes

    if item[0] == "row-42.json":
        os.kill(os.getpid(), signal.SIGKILL)
    return check_bytes(item[0], item[1], want_engagement=False)
