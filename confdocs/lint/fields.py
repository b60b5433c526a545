"""Which fields a template uses, checked against the schema of what its context holds
(``render.names``), not against sample data.

The walk follows Jinja's scopes: a loop variable takes the schema of its array's entries, inside its
loop only.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import nodes

from ..render.environment import environment


@dataclass(frozen=True)
class Field:
    """A field as a template writes it (``limit.description``) and as the guide lists it
    (``confidentiality.limits[].description``), with its schema."""

    written: str
    path: str
    schema: Mapping[str, Any] | None  # None: anything (a value the checker cannot follow)


Report = Callable[[str, int, str], None]  # code, line, message


class FieldChecker:
    """Walks one part's Jinja AST; reports unknown fields, filters and tests, and loop variables
    used outside their loop; records every field used."""

    def __init__(self, root: Mapping[str, Any], report: Report, folder: Path | None = None,
                 ) -> None:
        self.root = root
        self.report = report
        self.folder = folder  # the template's, where image() and subdoc() find their files
        self.env = environment()
        self.used: dict[str, Field] = {}
        self.loops: dict[str, list[str]] = {}  # loop variable -> the loops that bind it

    def check(self, template: nodes.Template) -> None:
        self.loops = {}
        for loop in template.find_all(nodes.For):
            for name in _names(loop.target):
                loops = self.loops.setdefault(name.name, [])
                written = f"{{% for {name.name} in {_written(loop.iter)} %}}"
                if written not in loops:
                    loops.append(written)
        scope: dict[str, Field] = {}  # {% set %} at the top level lasts to the end of the part
        for child in template.body:
            self.visit(child, scope)

    def visit(self, node: nodes.Node, scope: dict[str, Field]) -> None:
        if isinstance(node, nodes.For):
            source = self.resolve(node.iter, scope)
            inner = dict(scope)
            item = _items(source.schema)
            for name in _names(node.target):
                inner[name.name] = Field(name.name, f"{source.path}[]", item)
            inner["loop"] = Field("loop", "loop", None)
            if node.test is not None:
                self.resolve(node.test, inner)
            for child in node.body:
                self.visit(child, inner)
            for child in node.else_:
                self.visit(child, scope)
        elif isinstance(node, nodes.Assign):
            self.resolve(node.node, scope)
            for name in _names(node.target):
                scope[name.name] = Field(name.name, name.name, None)
        elif isinstance(node, nodes.Expr):
            self.resolve(node, scope)
        else:
            for child in node.iter_child_nodes():
                self.visit(child, scope)

    def resolve(self, node: nodes.Node, scope: dict[str, Field]) -> Field:
        anything = Field("", "", None)
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            known = self.root["properties"]
            if node.name in known:
                return self._use(Field(node.name, node.name, known[node.name]))
            if node.name not in self.env.globals:
                if node.name in self.loops:
                    loops = self.loops[node.name]
                    where = (f"between {loops[0]} and its endfor" if len(loops) == 1 else
                             f"inside its loops ({', '.join(loops)})")
                    self.report("loop-variable-outside", node.lineno,
                                f"{node.name} is used here outside its loop: it exists only "
                                f"{where}; move this inside the loop, or use a field from "
                                "docs/fields.md")
                else:
                    self.report("unknown-field", node.lineno,
                                f"no field {node.name}{_suggest(node.name, known)}")
            return anything
        if isinstance(node, nodes.Getattr):
            return self._member(self.resolve(node.node, scope), node.attr, node.lineno)
        if isinstance(node, nodes.Getitem):
            base = self.resolve(node.node, scope)
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                return self._member(base, node.arg.value, node.lineno)
            self.resolve(node.arg, scope)
            schema = base.schema or {}
            if schema.get("type") == "array":
                return Field(f"{base.written}[]", f"{base.path}[]", _items(schema))
            extra = schema.get("additionalProperties")
            if isinstance(extra, dict):
                return Field(f"{base.written}[]", f"{base.path}[]", extra)
            return anything
        if isinstance(node, (nodes.Filter, nodes.Test)):
            if node.node is not None:
                self.resolve(node.node, scope)
            for child in (*node.args, *(kw.value for kw in node.kwargs)):
                self.resolve(child, scope)
            table = self.env.filters if isinstance(node, nodes.Filter) else self.env.tests
            if node.name not in table:
                if isinstance(node, nodes.Filter):
                    self.report("unknown-filter", node.lineno,
                                f"there is no filter |{node.name}{_suggest(node.name, table, '|')}")
                else:
                    close = difflib.get_close_matches(node.name, list(table), n=1, cutoff=0.6)
                    self.report("unknown-test", node.lineno,
                                f"there is no test \"is {node.name}\""
                                + (f"; did you mean \"is {close[0]}\"?" if close else ""))
            return anything
        if isinstance(node, nodes.Call):
            self._check_extra(node)
        for inner in node.iter_child_nodes():
            if isinstance(inner, nodes.Expr):
                self.resolve(inner, scope)
        return anything

    def _check_extra(self, call: nodes.Call) -> None:
        """link('...'), image('...') and subdoc('...') with a name written in the template: the
        check they make when a document is rendered, made now."""
        from ..render.extras import NAMES, ExtraError, bind

        if not isinstance(call.node, nodes.Name) or call.node.name not in NAMES or self.folder is None:
            return
        args = [arg.value for arg in call.args if isinstance(arg, nodes.Const)]
        kwargs = {kw.key: kw.value.value for kw in call.kwargs if isinstance(kw.value, nodes.Const)}
        if not args or len(args) != len(call.args) or len(kwargs) != len(call.kwargs):
            return  # a value from the engagement: checked when each document is made
        function = bind(None, self.folder)[call.node.name]
        try:
            function(*args, **kwargs)
        except ExtraError as exc:
            self.report("extra-invalid", call.lineno, str(exc))
        except TypeError as exc:
            self.report("extra-invalid", call.lineno,
                        f"{call.node.name}(): {exc}; see docs/editing-templates.md")

    def _member(self, base: Field, name: str, line: int) -> Field:
        schema = base.schema
        if schema is None or schema.get("type") not in ("object", None) or ("properties" not in \
                schema and "additionalProperties" not in schema):
            return Field(f"{base.written}.{name}", f"{base.path}.{name}", None)
        properties = schema.get("properties", {})
        if name in properties:
            return self._use(Field(f"{base.written}.{name}", f"{base.path}.{name}",
                                   properties[name]))
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            return Field(f"{base.written}.{name}", f"{base.path}[]", extra)
        entry = f" ({base.written} is an entry of {base.path[:-2]})" if base.path.endswith(
            "[]") else ""
        suggestion = _suggest(name, properties, f"{base.written}.")
        self.report("unknown-field", line, f"no field {base.written}.{name}{suggestion}{entry}")
        return Field(f"{base.written}.{name}", f"{base.path}.{name}", None)

    def _use(self, field: Field) -> Field:
        self.used.setdefault(field.path, field)
        return field


def _names(target: nodes.Node) -> list[nodes.Name]:
    """The names a loop or assignment binds (find_all never yields the node itself)."""
    if isinstance(target, nodes.Name):
        return [target]
    return list(target.find_all(nodes.Name))


def _items(schema: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    if schema is None:
        return None
    items = schema.get("items")
    return items if isinstance(items, dict) else None


def _suggest(name: str, choices: Any, prefix: str = "") -> str:
    """'; did you mean parties.client.name?' for the closest of the choices, if one is close
    (prefix 'parties.client.')."""
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {prefix}{close[0]}?" if close else ""


def _written(node: nodes.Node) -> str:
    """An expression as a template writes it, for the simple ones loops go over."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_written(node.node)}.{node.attr}"
    if isinstance(node, nodes.Filter) and node.node is not None:
        return f"{_written(node.node)}|{node.name}"
    return "..."
