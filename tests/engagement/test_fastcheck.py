"""The fast yes/no schema check must agree with jsonschema on every input it sees."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from confdocs.engagement.schema import fast_check, validator

from ..helpers import DATA, SAMPLES, sample_data


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
    ("schema_version", 2.0),            # but 2.0 is the integer 2 (the current version)
    ("schema_version", 1),              # an older version is not this schema's
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


def test_every_keyword_it_compiles_agrees_with_jsonschema() -> None:
    """The compiler on a schema of its own, which uses every keyword it handles, in every way."""
    import jsonschema

    from confdocs.engagement.fastcheck import compile_schema
    from confdocs.engagement.schema import conforms

    schema = {
        "type": "object",
        "required": ["a"],
        "properties": {
            "a": {"type": ["string", "null"], "pattern": "^x+$", "minLength": 2, "maxLength": 3},
            "n": {"type": "integer", "minimum": 1, "maximum": 3},
            "f": {"type": "number"},
            "b": {"type": "boolean"},
            "e": {"enum": [1, "one", None]},
            "s": {"enum": ["p", "q"]},
            "c": {"const": True},
            "l": {"type": "array", "items": {"type": "string", "format": "date"},
                  "minItems": 1, "maxItems": 2},
            "u": {"format": "email"},
            "w": {"pattern": "^y$", "minItems": 1},
        },
        "additionalProperties": {"type": "integer"},
        "if": {"properties": {"b": {"const": True}}, "required": ["b"]},
        "then": {"required": ["n"]},
        "else": {"properties": {"n": {"maximum": 2}}},
    }
    check = compile_schema(schema, conforms)
    slow = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.FormatChecker())
    instances: list[Any] = [
        {"a": "xx"}, {"a": None}, {"a": "x"}, {"a": "xxxx"}, {"a": "xy"}, {}, [], "a", 1, None,
        {"a": "xx", "n": 1}, {"a": "xx", "n": 0}, {"a": "xx", "n": 4}, {"a": "xx", "n": 2.0},
        {"a": "xx", "n": 2.5}, {"a": "xx", "n": True}, {"a": "xx", "f": 1.5}, {"a": "xx", "f": "1"},
        {"a": "xx", "e": 1}, {"a": "xx", "e": True}, {"a": "xx", "e": None}, {"a": "xx", "e": 2},
        {"a": "xx", "s": "p"}, {"a": "xx", "s": "r"}, {"a": "xx", "c": True}, {"a": "xx", "c": 1},
        {"a": "xx", "l": ["2026-01-01"]}, {"a": "xx", "l": []}, {"a": "xx", "l": ["x"]},
        {"a": "xx", "l": ["2026-01-01"] * 3}, {"a": "xx", "u": "a@b.example"},
        {"a": "xx", "u": "nope"}, {"a": "xx", "u": 5}, {"a": "xx", "w": "y"}, {"a": "xx", "w": "z"},
        {"a": "xx", "w": []}, {"a": "xx", "extra": 5}, {"a": "xx", "extra": "5"},
        {"a": "xx", "b": True}, {"a": "xx", "b": True, "n": 2}, {"a": "xx", "b": False, "n": 3},
        {"a": "xx", "b": 1},
    ]
    for instance in instances:
        expected = not any(True for _ in slow.iter_errors(instance))
        assert check(instance) == expected, instance
