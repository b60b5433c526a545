"""What a template holds that a translation of it must hold too: its numbered sections, the fields
it prints and its conditional passages, each with the place an editor finds it at.

The completeness check (``completeness``) compares the outline of each language's template with
the outline of the reference set's template of the same kind. Everything here is read from the
template language's syntax tree, so that spacing, ``{%p %}`` or ``{%tr %}`` against ``{% %}``, and
the name a translator gives a loop variable make no difference.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from jinja2 import nodes
from jinja2.exceptions import TemplateSyntaxError

from ..engagement.fields import FieldIndex
from ..errors import TemplateError
from ..render.documents import DocumentKind, template_context
from ..render.names import context_fields
from ..render.numbering import heading
from ..render.places import Paragraph, describe, paragraphs, read_parts
from .fields import Field, FieldChecker
from .syntax import PartSource, parse, part_source

# Block tags and comments: what is left of a paragraph without them is text or printed fields.
_BLOCK_TAG = re.compile(r"\{%.*?%\}|\{#.*?#\}")

PassageKind = Literal["if", "for"]


@dataclass(frozen=True)
class Heading:
    """A numbered section: the tag that prints its number, as written, and its heading."""

    tag: str
    title: str  # the heading's text after the number: "Disclosure in an emergency"
    place: str


@dataclass(frozen=True)
class Passage:
    """A conditional passage (``if``, ``elif``) or a repeated one (``for``)."""

    kind: PassageKind
    key: str  # the condition or the loop's list, normalised: loop variables as their lists' entries
    shown: str  # the tag, as the template writes it but for spacing: "{% if parties.sponsor %}"
    guards: str  # the place of the first paragraph it shows, hides or repeats


@dataclass(frozen=True)
class Outline:
    """One template's sections, printed fields and passages, each at its first place."""

    headings: Mapping[str, Heading]  # clause key ("emergency", "limit") -> its section
    clauses: Mapping[str, str]  # clause key printed anywhere -> place
    fields: Mapping[str, str]  # field printed, as docs/fields.md names it -> place
    passages: tuple[Passage, ...]  # in document order


def outline(path: Path, *, kind: DocumentKind | None = None) -> Outline | None:
    """The outline of a template (of ``kind``, when the caller knows it); None when it cannot be
    read (the template check says why)."""
    try:
        parts = read_parts(path)
    except TemplateError:
        return None
    seen = context_fields(template_context(path, kind=kind))
    headings: dict[str, Heading] = {}
    clauses: dict[str, str] = {}
    fields: dict[str, str] = {}
    passages: list[Passage] = []
    for part, root in parts.items():
        paras = [p for p in paragraphs(part, root) if not p.copy]
        for paragraph in paras:
            found = heading(paragraph.text)  # the renderer numbers sections by the same rule
            if found:
                tag, key, end = found
                title = paragraph.text[end:].lstrip(" .:)-–—\t").strip()
                headings.setdefault(key, Heading(
                    tag, title[:60] + ("..." if len(title) > 60 else ""),
                    describe(paragraph.place, paragraph.text)))
        source = part_source(root, paras)
        if source is None:
            continue
        try:
            tree = parse(source)
        except TemplateSyntaxError:
            return None
        printed = _PrintedFields(seen)
        printed.check(tree)
        for path_, line in printed.printed.items():
            place = source.place_of_line(line)
            if path_.startswith("clause."):
                clauses.setdefault(path_.split(".")[1].removesuffix("[]"), place)
            elif not path_.startswith("words.") and path_ != "words":
                fields.setdefault(path_, place)
        passages.extend(_Passages(source, paras).read(tree))
    return Outline(headings, clauses, fields, tuple(passages))


class _PrintedFields(FieldChecker):
    """The fields a part prints ({{ ... }}), each at its first line, as the guide names them
    (a loop variable's field as its list's entry: confidentiality.limits[].description)."""

    def __init__(self, fields: FieldIndex) -> None:
        super().__init__(fields, lambda code, line, message: None)
        self.printed: dict[str, int] = {}
        self._printing = False
        self._in_chain = False

    def visit(self, node: nodes.Node, scope: dict[str, Field]) -> None:
        if isinstance(node, nodes.Output):
            self._printing = True
            try:
                super().visit(node, scope)
            finally:
                self._printing = False
        else:
            super().visit(node, scope)

    def resolve(self, node: nodes.Node, scope: dict[str, Field]) -> Field:
        # Only the whole of a chain is printed (parties.client.name, not parties), and not the
        # index inside it (limit.id in clause.limit[limit.id]).
        outer = isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)) and not self._in_chain
        if outer:
            self._in_chain = True
        try:
            field = super().resolve(node, scope)
        finally:
            if outer:
                self._in_chain = False
        root = re.split(r"[.\[]", field.path, maxsplit=1)[0]
        if outer and self._printing and self.fields.child("", root) is not None:
            self.printed.setdefault(field.path, node.lineno)
        return field


class _Passages:
    """The ifs and fors of one part, in document order."""

    def __init__(self, source: PartSource, paras: list[Paragraph]) -> None:
        self.source = source
        self.content: dict[str, bool] = {}
        for paragraph in paras:
            where = describe(paragraph.place, paragraph.text)
            has_text = bool(_BLOCK_TAG.sub("", paragraph.text).strip())
            self.content[where] = self.content.get(where, False) or has_text
        self.found: list[Passage] = []

    def read(self, tree: nodes.Template) -> list[Passage]:
        for child in tree.body:
            self._walk(child, {}, False)
        return self.found

    def _walk(self, node: nodes.Node, scope: dict[str, str], elif_: bool) -> None:
        if isinstance(node, nodes.For):
            shown = (f"{{% for {expression(node.target, {})} in "
                     f"{expression(node.iter, {})} %}}")
            listed = expression(node.iter, scope)
            self.found.append(Passage("for", listed, shown, self._guards(node, node.body)))
            inner = dict(scope)
            for name in _names(node.target):
                inner[name] = f"{listed}[]"
            for child in node.body:
                self._walk(child, inner, False)
            for child in node.else_:
                self._walk(child, scope, False)
            return
        if isinstance(node, nodes.If):
            shown = f"{{% {'elif' if elif_ else 'if'} {expression(node.test, {})} %}}"
            self.found.append(Passage("if", expression(node.test, scope), shown,
                                      self._guards(node, node.body)))
            for child in node.body:
                self._walk(child, scope, False)
            for branch in node.elif_:
                self._walk(branch, scope, True)
            for child in node.else_:
                self._walk(child, scope, False)
            return
        for child in node.iter_child_nodes():
            self._walk(child, scope, False)

    def _guards(self, tag: nodes.Node, body: list[nodes.Node]) -> str:
        """The first paragraph with text (or a printed field) that the tag shows or repeats: the
        tag's own for a tag inside a paragraph, the next for a {%p %} or {%tr %} tag."""
        last = max((_last_line(node) for child in body
                    for node in (child, *child.find_all(nodes.Node))), default=tag.lineno)
        for line in range(tag.lineno, last + 1):
            where = self.source.place_of_line(line)
            if where and self.content.get(where):
                return where
        return self.source.place_of_line(tag.lineno)


def _last_line(node: nodes.Node) -> int:
    """The last line a node spans: text runs on over the paragraphs until the next tag."""
    line: int = node.lineno or 0
    if isinstance(node, nodes.TemplateData):
        line += node.data.count("\n")
    return line


def _names(target: nodes.Node) -> list[str]:
    if isinstance(target, nodes.Name):
        return [target.name]
    return [name.name for name in target.find_all(nodes.Name)]


# How tightly each kind of expression binds, to put brackets only where the template needs them.
_OR, _AND, _NOT, _COMPARE, _SUM, _PRODUCT, _UNARY, _POSTFIX = range(1, 9)
_COMPARISONS = {"eq": "==", "ne": "!=", "gt": ">", "gteq": ">=", "lt": "<", "lteq": "<=",
                "in": "in", "notin": "not in"}


def expression(node: nodes.Node, scope: Mapping[str, str]) -> str:
    """An expression as a template writes it, with single spaces; each loop variable named in
    ``scope`` written as its list's entry (``limit`` -> ``confidentiality.limits[]``)."""
    return _expression(node, scope)[0]


def _expression(node: nodes.Node, scope: Mapping[str, str]) -> tuple[str, int]:
    def sub(child: nodes.Node, least: int) -> str:
        text, binding = _expression(child, scope)
        return f"({text})" if binding < least else text

    def arguments(args: list[nodes.Expr], kwargs: Sequence[nodes.Keyword | nodes.Pair]) -> str:
        # A filter's or test's keyword arguments are Keyword nodes too, whatever Jinja's types say.
        return ", ".join([sub(a, _OR) for a in args]
                         + [f"{getattr(k.key, 'name', k.key)}={sub(k.value, _OR)}"
                            for k in kwargs])

    top = _POSTFIX + 1
    if isinstance(node, nodes.Name):
        return scope.get(node.name, node.name), top
    if isinstance(node, nodes.Const):
        value = node.value
        if value is None or isinstance(value, bool):
            return str(value).lower(), top
        return repr(value), top
    if isinstance(node, nodes.Getattr):
        return f"{sub(node.node, _POSTFIX)}.{node.attr}", _POSTFIX
    if isinstance(node, nodes.Getitem):
        return f"{sub(node.node, _POSTFIX)}[{sub(node.arg, _OR)}]", _POSTFIX
    if isinstance(node, (nodes.Filter, nodes.Test)):
        base = sub(node.node, _POSTFIX) if node.node is not None else ""
        args = arguments(node.args, node.kwargs)
        call = f"{node.name}({args})" if args else node.name
        if isinstance(node, nodes.Filter):
            return f"{base}|{call}", _POSTFIX
        return f"{base} is {call}", _POSTFIX
    if isinstance(node, nodes.Call):
        return f"{sub(node.node, _POSTFIX)}({arguments(node.args, node.kwargs)})", _POSTFIX
    if isinstance(node, nodes.Not):
        return f"not {sub(node.node, _NOT)}", _NOT
    if isinstance(node, (nodes.And, nodes.Or)):
        level = _AND if isinstance(node, nodes.And) else _OR
        word = "and" if level == _AND else "or"
        return f"{sub(node.left, level)} {word} {sub(node.right, level + 1)}", level
    if isinstance(node, nodes.Compare):
        pieces = [sub(node.expr, _SUM)]
        for operand in node.ops:
            pieces.append(f"{_COMPARISONS.get(operand.op, operand.op)} {sub(operand.expr, _SUM)}")
        return " ".join(pieces), _COMPARE
    if isinstance(node, nodes.Concat):
        return " ~ ".join(sub(n, _SUM + 1) for n in node.nodes), _SUM
    if isinstance(node, nodes.BinExpr):
        level = _SUM if node.operator in ("+", "-") else _PRODUCT
        return f"{sub(node.left, level)} {node.operator} {sub(node.right, level + 1)}", level
    if isinstance(node, nodes.UnaryExpr):
        return f"{node.operator}{sub(node.node, _UNARY)}", _UNARY
    if isinstance(node, (nodes.List, nodes.Tuple)):
        items = ", ".join(sub(item, _OR) for item in node.items)
        if isinstance(node, nodes.List):
            return f"[{items}]", top
        return f"({items}{',' if len(node.items) == 1 else ''})", top
    if isinstance(node, nodes.Dict):
        pairs = ", ".join(f"{sub(p.key, _OR)}: {sub(p.value, _OR)}" for p in node.items)
        return f"{{{pairs}}}", top
    if isinstance(node, nodes.CondExpr):
        otherwise = f" else {sub(node.expr2, _OR)}" if node.expr2 is not None else ""
        return f"{sub(node.expr1, _OR)} if {sub(node.test, _OR)}{otherwise}", 0
    # Anything rarer: the syntax tree itself, which is the same for the same expression.
    return repr(node), top
