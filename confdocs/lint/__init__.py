"""`confdocs templates check`: every problem in a Word template, placed as its editor sees it."""

from __future__ import annotations

from pathlib import Path

from jinja2.exceptions import TemplateSyntaxError

from ..errors import TemplateError
from ..render.environment import environment
from ..render.places import paragraphs, prepare, read_parts
from .fields import Field, FieldChecker, context_schema
from .finding import TemplateFinding
from .structure import check_blocks, check_paragraph, tags_in_order

__all__ = ["TemplateFinding", "check_template", "is_notice", "template_fields"]


def is_notice(path: Path) -> bool:
    """A disclosure notice sees the disclosure too; it is known by its name."""
    return "notice" in path.name.lower()


def _part_label(part: str) -> str:
    stem = part.rsplit("/", 1)[-1].removesuffix(".xml").rstrip("0123456789")
    return {"document": "body"}.get(stem, stem)


def check_template(path: Path) -> list[TemplateFinding]:
    """Every problem in one template, in document order; never raises for a bad template."""
    findings, _ = _walk(path)
    return findings


def template_fields(path: Path) -> list[Field]:
    """The fields a template uses, in the order the guide lists them."""
    findings, used = _walk(path)
    unreadable = [f for f in findings if f.code == "template-unreadable"]
    if unreadable:
        raise TemplateError(unreadable[0].message)
    return [used[key] for key in sorted(used)]


def _walk(path: Path) -> tuple[list[TemplateFinding], dict[str, Field]]:
    name = path.name
    findings: list[TemplateFinding] = []
    used: dict[str, Field] = {}
    try:
        parts = read_parts(path)
    except TemplateError as exc:
        return [TemplateFinding(name, "", "template-unreadable", "error", str(exc))], used
    schema = context_schema(is_notice(path))
    for part, root in parts.items():
        paras = list(paragraphs(part, root))
        for paragraph in paras:
            findings.extend(check_paragraph(name, paragraph))
        blocks = list(check_blocks(name, tags_in_order(paras)))
        findings.extend(blocks)
        prepared = prepare(part, root)
        if prepared is None:
            continue
        try:
            tree = environment().parse(prepared.source)
        except TemplateSyntaxError as exc:
            if not blocks:  # an unbalanced block is already reported, at its own place
                findings.append(TemplateFinding(
                    name, prepared.place_of_line(exc.lineno) or _part_label(part),
                    "jinja-syntax", "error", f"the template language cannot read this: {exc.message}"))
            continue

        def report(code: str, line: int, message: str, prepared: object = prepared,
                   part: str = part) -> None:
            place = prepared.place_of_line(line) or _part_label(part)  # type: ignore[attr-defined]
            findings.append(TemplateFinding(name, place, code, "error", message))

        checker = FieldChecker(schema, report)
        checker.check(tree)
        used.update(checker.used)
    unique = list(dict.fromkeys(findings))
    return unique, used
