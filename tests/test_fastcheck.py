"""The fast yes/no schema check must agree with jsonschema on every input it sees."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from confdocs.schema import fast_check, validator

from .conftest import DATA, SAMPLES, sample_data


def _agrees(data: Any) -> None:
    quick = fast_check()
    assert quick is not None, "the shipped schema must compile to the fast check"
    slow = not any(True for _ in validator().iter_errors(data))
    assert quick(data) == slow, json.dumps(data)[:300]


def _parseable(folder: Path) -> list[Path]:
    found = []
    for path in sorted(folder.rglob("*.json")):
        try:
            json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            continue
        found.append(path)
    return found


@pytest.mark.parametrize("path", [*SAMPLES.glob("*.json"), *_parseable(DATA / "valid"),
                                  *_parseable(DATA / "invalid")], ids=lambda p: p.name)
def test_agrees_on_every_case(path: Path) -> None:
    _agrees(json.loads(path.read_text(encoding="utf-8")))


MUTATIONS = [
    ("schema_version", True),           # JSON has no true == 1
    ("schema_version", 1.0),            # but 1.0 is the integer 1
    ("id", "EC-1\n"),                   # '$' must not match before a final newline
    ("id", "x" * 65),
    ("locale", "en_GB"),
    ("kind", None),
    ("dates", {"agreed": "2026-01-01", "start": "2026-13-01"}),
    ("dates", {"agreed": "2026-01-01"}),
    ("extra", 1),
]


@pytest.mark.parametrize("key, value", MUTATIONS, ids=lambda v: repr(v)[:20])
def test_agrees_on_mutations(key: str, value: Any) -> None:
    data = sample_data("exec-coaching-harbour-vale.json")
    data[key] = copy.deepcopy(value)
    _agrees(data)
    assert fast_check()(data) is (key == "schema_version" and type(value) is float)  # type: ignore[misc]


def test_agrees_deep_inside() -> None:
    data = sample_data("exec-coaching-harbour-vale.json")
    data["feedback"]["from_others"]["categories"][0]["minimum_respondents"] = 0
    _agrees(data)
    data = sample_data("exec-coaching-harbour-vale.json")
    del data["feedback"]["from_others"]["below_minimum"]
    _agrees(data)
    data["feedback"]["from_others"]["anonymity"] = "named"
    _agrees(data)
