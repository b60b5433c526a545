"""Where the shipped schema and templates are, installed or in a source checkout."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(installed: str, checkout: str) -> Path:
    # In a wheel the data sits inside the package; in a source checkout (and an editable install)
    # it is the top-level folder, which is the one HR and CI people edit.
    inside = _PACKAGE / installed
    return inside if inside.is_dir() else _PACKAGE.parent / checkout


def schemas_dir() -> Path:
    return _data_dir("_schemas", "schemas")


def templates_dir() -> Path:
    return _data_dir("_templates", "templates")


def docs_dir() -> Path:
    """docs/, which --help points at: shipped in the wheel too, so installed users have it."""
    return _data_dir("_docs", "docs")


def schema_path() -> Path:
    return schemas_dir() / "engagement.schema.json"


@cache
def load_schema() -> dict[str, Any]:
    """The engagement schema as data (read once). Light: it needs no jsonschema."""
    with open(schema_path(), encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema
