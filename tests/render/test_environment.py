"""The sandboxed Jinja environment (render.environment): the names a template may use at its top
level."""

from __future__ import annotations

from confdocs.engagement.schema import load_schema
from confdocs.render.environment import top_level


def test_top_level_names_cover_the_schema() -> None:
    assert set(load_schema()["properties"]) - {"$schema", "schema_version", "extends"} <= set(top_level())
