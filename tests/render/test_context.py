"""The context a template is rendered with (render.context): exactly what render.names declares
for each context, for every sample and edge engagement."""

from __future__ import annotations

from typing import Any

from confdocs.engagement.fields import FieldIndex
from confdocs.engagement.validate import load_engagement
from confdocs.render.context import (
    Absent,
    Fields,
    decision_context,
    disclosure_context,
    engagement_context,
)
from confdocs.render.documents import (
    CONTEXT_OF,
    TemplateContext,
    plan_documents,
)
from confdocs.render.names import context_fields, seen

from ..helpers import ROOT, SAMPLES

ENGAGEMENTS = sorted(SAMPLES.glob("*.json")) + sorted((ROOT / "tests" / "edge").glob("*.json"))


def _holds_what_is_declared(value: Any, fields: FieldIndex, path: str) -> None:
    """Every object in the context holds exactly the fields its declaration lists."""
    if isinstance(value, Fields):
        field = fields[path]
        entry = fields.entry(path)
        # Keyed by name: clause.limit[limit.id] (clause, which also names a section an
        # organisation adds, has its own fields first: the shipped contracts add none).
        if entry is not None and not field.is_list and not list(fields.children(path)):
            for item in value.values():
                _holds_what_is_declared(item, fields, entry.path)
            return
        assert set(value) == {f.name for f in fields.children(path)}, value.path
        for name, item in value.items():
            _holds_what_is_declared(item, fields, f"{path}.{name}")
    elif isinstance(value, list) and fields.entry(path) is not None:
        for item in value:
            _holds_what_is_declared(item, fields, f"{path}[]")


def test_the_renderer_fills_exactly_what_each_context_declares() -> None:
    contexts: set[TemplateContext] = set()
    kinds: set[str] = set()
    for path in ENGAGEMENTS:
        data = load_engagement(path).data
        kinds.add(data["kind"])
        base = engagement_context(data)
        for document in plan_documents(data):
            context = CONTEXT_OF[document.kind]
            if document.disclosure is not None:
                made = disclosure_context(base, document.disclosure)
            elif document.decision is not None:
                made = decision_context(base, document.decision)
            else:
                made = base
            assert sorted(made) == sorted(seen(context)), path
            fields = context_fields(context)
            for name, value in made.items():
                if not isinstance(value, Absent):
                    _holds_what_is_declared(value, fields, name)
            contexts.add(context)
    assert contexts == {"engagement", "notice", "decision"}
    assert kinds == {"coaching", "training", "mentoring", "membership"}
