"""Which fields a template uses, checked against the fields its context holds (``render.names``),
not against sample data.

The walk follows Jinja's scopes: a loop variable takes the fields of its list's entries, inside its
loop only.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import nodes

from ..engagement.fields import FieldIndex, SchemaField
from ..render.environment import environment


@dataclass(frozen=True)
class Field:
    """A field as a template writes it (``limit.description``) and as the guide lists it
    (``confidentiality.limits[].description``), with the context's field it is."""

    written: str
    path: str
    known: SchemaField | None = None  # None: anything (a value the checker cannot follow)

    @property
    def schema(self) -> Mapping[str, Any] | None:
        return self.known.schema if self.known is not None else None


Report = Callable[[str, int, str], None]  # code, line, message


class FieldChecker:
    """Walks one part's Jinja AST; reports unknown fields, filters and tests, and loop variables
    used outside their loop; records every field used."""

    def __init__(self, fields: FieldIndex, report: Report, folder: Path | None = None,
                 ) -> None:
        self.fields = fields  # what the template's context holds: render.names.context_fields
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
            item = self._entries(source)
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
        anything = Field("", "")
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            top = self.fields.child("", node.name)
            if top is not None:
                return self._use(Field(node.name, node.name, top))
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
                    known = [field.name for field in self.fields.children()]
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
            if base.known is None:
                return anything
            entry = self.fields.entry(base.known.path)
            if base.known.is_list or entry is not None:  # a list's entry, a keyed object's value
                return Field(f"{base.written}[]", f"{base.path}[]", entry)
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
        known = base.known
        if known is None or known.type not in ("object", None) or ("properties" not in \
                known.schema and "additionalProperties" not in known.schema):
            return Field(f"{base.written}.{name}", f"{base.path}.{name}")
        member = self.fields.child(known.path, name)
        if member is not None:
            return self._use(Field(f"{base.written}.{name}", f"{base.path}.{name}", member))
        value = self.fields.entry(known.path)
        if value is not None:  # an object keyed by name: clause.limit.x is clause.limit[...]
            return Field(f"{base.written}.{name}", f"{base.path}[]", value)
        entry = f" ({base.written} is an entry of {base.path[:-2]})" if base.path.endswith(
            "[]") else ""
        known_names = [field.name for field in self.fields.children(known.path)]
        suggestion = _suggest(name, known_names, f"{base.written}.")
        self.report("unknown-field", line, f"no field {base.written}.{name}{suggestion}{entry}")
        return Field(f"{base.written}.{name}", f"{base.path}.{name}")

    def _entries(self, listed: Field) -> SchemaField | None:
        """What a loop over ``listed`` binds its variable to: an entry of the list."""
        if listed.known is None or not listed.known.is_list:
            return None
        return self.fields.entry(listed.known.path)

    def _use(self, field: Field) -> Field:
        self.used.setdefault(field.path, field)
        return field


def _names(target: nodes.Node) -> list[nodes.Name]:
    """The names a loop or assignment binds (find_all never yields the node itself)."""
    if isinstance(target, nodes.Name):
        return [target]
    return list(target.find_all(nodes.Name))


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
