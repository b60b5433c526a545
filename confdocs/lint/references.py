"""References to the contract's sections that point nowhere: ``section-missing``.

Clause numbers come from the contract template in use (``render.numbering``): its headings say
which sections there are. A template that prints the number of a section that contract has no
heading for (``{{ clause.limits }}`` after the limits section was deleted, or a letter's
``{{ limit_clause }}`` when the contract numbers no clause per limit) would fail at that paragraph
in every document, so it is reported here, at the referring paragraph. A reference inside an
``{% if %}`` that tests the same section (``{% if clause.emergency %}... section
{{ clause.emergency }}{% endif %}``) is shown only when the section is there, and is fine.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from jinja2 import nodes

from ..errors import TemplateError
from ..render.documents import TEMPLATE_FILES, template_kind
from ..render.numbering import LIMIT, SHIPPED, Outline, contract_outline
from ..render.sets import TemplateSets
from ..resources import templates_dir
from .finding import TemplateFinding


def contract_of(path: Path) -> Path | None:
    """The contract template whose sections the template at ``path`` cites, as a build finds it:
    the contract itself, else the one beside it in its folder, else the shipped one of the
    folder's language (of en-GB for any other folder); None when there is none."""
    contract = TEMPLATE_FILES["contract"]
    if template_kind(path) == "contract":
        return path
    beside = path.parent / contract
    if beside.is_file():
        return beside
    shipped = templates_dir()
    for locale in (path.parent.name, "en-GB"):
        candidate = shipped / locale / contract
        if candidate.is_file():
            return candidate
    return None


def outline_of(path: Path) -> Outline:
    """What the contract that ``path`` cites numbers (the shipped contracts' sections when it
    cannot be read: its own check says why)."""
    contract = contract_of(path)
    if contract is None:
        return SHIPPED
    try:
        return contract_outline(contract)
    except TemplateError:
        return SHIPPED


def unnumbered_references(tree: nodes.Template, outline: Outline) -> Iterator[tuple[int, str]]:
    """(line, message) for each printed reference to a section ``outline`` does not number,
    unless an enclosing ``{% if %}`` tests that section."""
    yield from _walk(tree, frozenset(), outline)


def _walk(node: nodes.Node, guarded: frozenset[str],
          outline: Outline) -> Iterator[tuple[int, str]]:
    if isinstance(node, nodes.If):
        tested = guarded | frozenset(_cited(node.test))
        for child in (*node.body, *node.elif_, *node.else_):
            yield from _walk(child, tested, outline)
        return
    if isinstance(node, nodes.Output):
        for expression in node.nodes:
            if isinstance(expression, nodes.TemplateData):
                continue
            for key in dict.fromkeys(_cited(expression)):
                if key not in guarded and key not in _numbered(outline):
                    yield expression.lineno, _message(key, outline)
        return
    for child in node.iter_child_nodes():
        yield from _walk(child, guarded, outline)


def _numbered(outline: Outline) -> frozenset[str]:
    keys = set(outline.sections)
    if "limits" not in keys:
        keys.discard(LIMIT)  # a limit's clause is numbered inside the limits section
    return frozenset(keys)


def _cited(expression: nodes.Node) -> Iterator[str]:
    """The sections an expression cites: ``clause.X``, ``clause.limit[...]`` and
    ``limit_clause`` (the clause of a letter's or a record's limit)."""
    for found in (expression, *expression.find_all((nodes.Getattr, nodes.Name))):
        if (isinstance(found, nodes.Getattr) and isinstance(found.node, nodes.Name)
                and found.node.name == "clause"):
            yield found.attr
        elif isinstance(found, nodes.Name) and found.name == "limit_clause":
            yield LIMIT


def _message(key: str, outline: Outline) -> str:
    tag = "{{ clause.limit[limit.id] }}" if key == LIMIT else f"{{{{ clause.{key} }}}}"
    template = f"the contract template {outline.template}" if outline.template else "the contract"
    what = "numbers no clause per limit" if key == LIMIT else f"has no section {tag}"
    return (f"this cites a section that is not there: {template} {what} (no heading starts with "
            f"it), so every document would fail here; take the reference out, put it inside "
            f"{{% if clause.{key} %}} ... {{% endif %}}, or put the section back with a heading "
            f"that starts with {tag}")


def references_against(path: Path, outline: Outline) -> list[TemplateFinding]:
    """``section-missing`` for each reference of the template at ``path`` to a section that the
    contract ``outline`` describes does not number: for a template of a set whose contract is
    another than the one beside it (the shipped letter of an organisation that has its own
    contract). Nothing for a template that cannot be read: its own check says why."""
    from jinja2.exceptions import TemplateSyntaxError

    from ..render.parts import part_label
    from ..render.places import paragraphs, read_parts
    from .syntax import parse, part_source

    try:
        parts = read_parts(path)
    except TemplateError:
        return []
    findings: list[TemplateFinding] = []
    for part, root in parts.items():
        source = part_source(root, list(paragraphs(part, root)))
        if source is None:
            continue
        try:
            tree = parse(source)
        except TemplateSyntaxError:
            continue
        findings.extend(TemplateFinding(str(path), source.place_of_line(line) or part_label(part),
                                        "section-missing", "error", message)
                        for line, message in unnumbered_references(tree, outline))
    return findings


def set_references(sets: TemplateSets) -> list[TemplateFinding]:
    """``section-missing`` for each template of each set that cites a section the set's own
    contract does not number, where that contract is not the one the template's own check read
    (an organisation's contract beside a shipped letter)."""
    findings: list[TemplateFinding] = []
    seen: set[tuple[Path, Path]] = set()
    for template_set in sets.sets.values():
        contract = template_set.templates.get("contract")
        if contract is None:
            continue
        for kind, template in template_set.templates.items():
            if kind == "contract" or contract_of(template) == contract:
                continue
            if (template, contract) in seen:
                continue
            seen.add((template, contract))
            try:
                outline = contract_outline(contract)
            except TemplateError:
                continue
            findings.extend(references_against(template, outline))
    return findings
