"""Every problem in a Word template, placed as its editor sees it (see the package's docstring)."""

from __future__ import annotations

from pathlib import Path

from jinja2 import nodes
from jinja2.exceptions import TemplateSyntaxError
from lxml import etree

from ..engagement.fields import FieldIndex
from ..errors import TemplateError
from ..render.documents import DocumentKind, TemplateContext, template_context
from ..render.integrity import template_faults
from ..render.names import context_fields
from ..render.parts import part_label
from ..render.places import Paragraph, describe, paragraphs, read_parts
from .access import check_image_calls, check_pictures, check_table_headers
from .active import check_active, check_subdocs
from .fields import Field, FieldChecker
from .finding import TemplateFinding
from .package import (
    check_comments,
    check_section_breaks,
    check_tag_row_borders,
    read_comments,
    track_changes_on,
)
from .spans import check_spans
from .structure import (
    TAG,
    UNREADABLE_CODES,
    check_blocks,
    check_paragraphs,
    check_tracked_changes,
    tags_in_order,
)
from .syntax import PartSource, parse, part_source, repaired, tag_syntax_error


def check_template(path: Path, *, kind: DocumentKind | None = None) -> list[TemplateFinding]:
    """Every problem in one template, in document order; never raises for a bad template. A
    template without errors is also rendered against engagements made from the schema."""
    context = template_context(path, kind=kind)
    findings, _ = _walk(path, context)
    if not any(f.is_error for f in findings):
        from .exercise import exercise

        findings.extend(exercise(path, context))
    return findings


def static_findings(path: Path, *, kind: DocumentKind | None = None) -> list[TemplateFinding]:
    """What the checks find in one template without rendering it: its structure, its tags and
    the fields it names (``check_template`` then renders a template without errors)."""
    findings, _ = _walk(path, template_context(path, kind=kind))
    return findings


def template_fields(path: Path, *, kind: DocumentKind | None = None) -> list[Field]:
    """The fields a template uses, in the order the guide lists them."""
    findings, used = _walk(path, template_context(path, kind=kind))
    unreadable = [f for f in findings if f.code == "template-unreadable"]
    if unreadable:
        raise TemplateError(f"{path}: {unreadable[0].message}")
    return [used[key] for key in sorted(used)]


def _walk(path: Path, context: TemplateContext) -> tuple[list[TemplateFinding], dict[str, Field]]:
    name = path.name
    findings: list[TemplateFinding] = []
    used: dict[str, Field] = {}
    try:
        parts = read_parts(path)
    except TemplateError as exc:
        message = str(exc).removeprefix(f"{path}: ")  # the report names the template already
        return [TemplateFinding(name, "", "template-unreadable", "error", message)], used
    findings.extend(_package_findings(path))
    fields = context_fields(context)
    comments, recording = read_comments(path)
    if recording:
        findings.append(track_changes_on(name))
    for part, root in parts.items():
        paras = list(paragraphs(part, root))
        # A text box's second copy is rendered too, but checked once, as its first.
        once = [p for p in paras if not p.copy]
        found = list(check_tracked_changes(name, part, root, once))
        found.extend(check_comments(name, once, comments))
        found.extend(check_section_breaks(name, once))
        found.extend(check_spans(name, once))
        found.extend(check_tag_row_borders(name, once))
        found.extend(check_pictures(name, once))
        found.extend(check_table_headers(name, once))
        found.extend(check_paragraphs(name, once))
        blocks = list(check_blocks(name, tags_in_order(once)))
        found.extend(blocks)
        source = part_source(root, paras)
        if source is not None:
            try:
                tree = parse(source)
            except TemplateSyntaxError as exc:
                found.extend(_syntax(name, part, once, found, bool(blocks), source, exc))
                if not blocks:
                    found.extend(_check_repaired(name, part, root, paras, found, fields, used,
                                                 path.parent))
            else:
                found.extend(_check_fields(name, part, tree, source, fields, used, path.parent))
                found.extend(_check_references(name, part, tree, source, path))
        # A tag that holds a field reads as a misspelt field; it is reported as what it is.
        holding_fields = {f.place for f in found if f.code == "tag-split" and "holds a field"
                          in f.message}
        found = [f for f in found if not (f.code == "unknown-field" and f.place in holding_fields)]
        # A mark broken by an invisible character leaves its block unmatched: said once, as what
        # it is.
        invisible = {f.place for f in found if f.code == "tag-invisible-character"}
        found = [f for f in found if not (f.code.startswith("block-") and f.place in invisible)]
        findings.extend(_in_document_order(found, paras))
    try:
        findings.extend(check_active(path, parts))
    except TemplateError as exc:
        message = str(exc).removeprefix(f"{path}: ")
        findings.append(TemplateFinding(name, "", "template-unreadable", "error", message))
    unique = list(dict.fromkeys(findings))
    return unique, used


def _package_findings(path: Path) -> list[TemplateFinding]:
    """What makes the template's package unusable (``render.integrity``), as compiling it for a
    build refuses it."""
    try:
        faults = template_faults(path, path.read_bytes())
    except (OSError, TemplateError) as exc:  # read a moment ago: gone or changed since
        message = str(exc).removeprefix(f"{path}: ")
        return [TemplateFinding(path.name, "", "template-unreadable", "error", message)]
    return [TemplateFinding(path.name, fault.place, "package-damaged", "error", fault.message)
            for fault in faults]


def _check_fields(template: str, part: str, tree: nodes.Template, source: PartSource,
                  fields: FieldIndex, used: dict[str, Field], folder: Path,
                  ) -> list[TemplateFinding]:
    found: list[TemplateFinding] = []

    def report(code: str, line: int, message: str) -> None:
        place = source.place_of_line(line) or part_label(part)
        found.append(TemplateFinding(template, place, code, "error", message))

    checker = FieldChecker(fields, report, folder)
    checker.check(tree)
    used.update(checker.used)
    for line, message in check_image_calls(tree):
        found.append(TemplateFinding(template, source.place_of_line(line) or part_label(part),
                                     "picture-no-alt", "warning", message))
    for line, code, message in check_subdocs(tree, folder / template):
        found.append(TemplateFinding(template, source.place_of_line(line) or part_label(part),
                                     code, "error", message))
    return found


def _check_references(template: str, part: str, tree: nodes.Template, source: PartSource,
                      path: Path) -> list[TemplateFinding]:
    """Each reference to a section the contract in use does not number (``references``)."""
    from .references import outline_of, unnumbered_references

    return [TemplateFinding(template, source.place_of_line(line) or part_label(part),
                            "section-missing", "error", message)
            for line, message in unnumbered_references(tree, outline_of(path))]


def _check_repaired(template: str, part: str, root: etree._Element, paras: list[Paragraph],
                    found: list[TemplateFinding], fields: FieldIndex,
                    used: dict[str, Field], folder: Path) -> list[TemplateFinding]:
    """The fields of a part that cannot be read, checked as if its unreadable tags were mended,
    so that one run reports every problem, not only the first."""
    unreadable = {f.place for f in found if f.code in UNREADABLE_CODES and f.is_error}
    faulty = {p.number for p in paras if describe(p.place, p.text) in unreadable}
    source = part_source(repaired(root, paras, faulty), paras) if faulty else None
    if source is None:
        return []
    try:
        tree = parse(source)
    except TemplateSyntaxError:
        return []  # the guess did not mend it: the errors above must be fixed first
    return _check_fields(template, part, tree, source, fields, used, folder)


def _syntax(template: str, part: str, paras: list[Paragraph], found: list[TemplateFinding],
            blocks: bool, source: PartSource, exc: TemplateSyntaxError) -> list[TemplateFinding]:
    """Why the part cannot be read: each tag that cannot be read on its own, at its own place;
    failing that, the part's own error, unless a finding already explains it."""
    explained = {f.place for f in found if f.code in UNREADABLE_CODES and f.is_error}
    tags = []
    for paragraph in paras:
        where = describe(paragraph.place, paragraph.text)
        if where in explained:
            continue
        for tag in TAG.findall(paragraph.text):
            message = tag_syntax_error(tag)
            if message:
                tags.append(TemplateFinding(template, where, "jinja-syntax", "error",
                                            f"the tag {tag} cannot be read: {message}"
                                            + _anchor_hint(tag)))
    if tags or explained or blocks:
        return tags
    where = source.place_of_line(exc.lineno) or part_label(part)
    return [TemplateFinding(template, where, "jinja-syntax", "error",
                            f"the template language cannot read this: {exc.message}")]


def _anchor_hint(tag: str) -> str:
    """Advice for text in double braces that is no tag: an e-signature service's anchor such as
    {{Sig_es_:signer1:signature}}."""
    if tag.startswith("{{") and ":" in tag:
        return ("; if this is text to keep as it is (an e-signature anchor, say), put it between "
                "{% raw %} and {% endraw %}: {% raw %}" + tag + "{% endraw %}")
    return ""


def _in_document_order(found: list[TemplateFinding],
                       paras: list[Paragraph]) -> list[TemplateFinding]:
    order: dict[str, int] = {}
    for index, paragraph in enumerate(paras):
        order.setdefault(describe(paragraph.place, paragraph.text), index)
    return sorted(found, key=lambda f: order.get(f.place, -1))
