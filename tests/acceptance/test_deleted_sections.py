"""Issue 23, item 1: numbers and references are computed from the contract template in use.

Each numbered section of the shipped en-GB contract is deleted in turn (its heading, its text and
its loops, with the `{%p if %}` that shows it), as an organisation's editor deletes it, and the
samples are built with that contract. Every document is then either refused, with a message
naming the paragraph that cites the missing section, or made with its sections numbered 1, 2,
3... without a gap and citing no section or clause the contract does not have (read back with
python-docx, the letters and the decision records included).
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from confdocs.build import build
from confdocs.resources import templates_dir

from ..helpers import SAMPLES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CONTRACT = templates_dir() / "en-GB" / "contract.docx"
ENGLISH = sorted(p for p in SAMPLES.glob("*.json") if "-fr-" not in p.name)


# A heading that numbers a section: "{{ clause.records }}. Records" (written here, not taken
# from the code under test).
_HEADING = re.compile(r"^\{\{ clause\.(\w+)(?:\[limit\.id\])? \}\}[.\t]")


def heading(text: str) -> tuple[str, str] | None:
    match = _HEADING.match(text)
    return (match.group(0), match.group(1)) if match else None


def _text(paragraph: etree._Element) -> str:
    return "".join(t.text or "" for t in paragraph.iter(f"{W}t"))


def _sections(body: etree._Element) -> list[tuple[str, int, int]]:
    """(key, first, end) of each numbered section: from its heading (or the {%p if %} just
    before it) to where the next one starts, the last ending at the body's last paragraph."""
    paragraphs = [p for p in body if p.tag == f"{W}p" or p.tag == f"{W}tbl"]
    starts: list[tuple[str, int]] = []
    for index, element in enumerate(paragraphs):
        if element.tag != f"{W}p":
            continue
        found = heading(_text(element))
        if found is None or found[1] == "limit":
            continue
        first = index
        if index and re.fullmatch(r"\{%p if clause\.\w+ %\}", _text(paragraphs[index - 1])):
            first = index - 1
        starts.append((found[1], first))
    sections = []
    for number, (key, first) in enumerate(starts):
        if number + 1 < len(starts):
            end = starts[number + 1][1]
        else:  # the last section runs to the last paragraph of text that closes its blocks
            end = first + 1
            depth = 0
            for index in range(first, len(paragraphs)):
                text = _text(paragraphs[index])
                depth += len(re.findall(r"\{%p (?:if|for) ", text))
                depth -= len(re.findall(r"\{%p end(?:if|for) ", text))
                end = index + 1
                if depth == 0 and index > first and heading(text) is None and not text.strip():
                    break
        sections.append((key, first, end))
    return sections


def _without(key: str, target: Path) -> None:
    with zipfile.ZipFile(CONTRACT) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    body = root.find(f"{W}body")
    assert body is not None
    elements = [p for p in body if p.tag in (f"{W}p", f"{W}tbl")]
    first, end = next((f, e) for k, f, e in _sections(body) if k == key)
    for element in elements[first:end]:
        body.remove(element)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                                standalone=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            package.writestr(name, content)


def _keys() -> list[str]:
    root = etree.fromstring(zipfile.ZipFile(CONTRACT).read("word/document.xml"))
    body = root.find(f"{W}body")
    assert body is not None
    return [key for key, _, _ in _sections(body)]


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


# What the practitioners wrote themselves ("a ground declared in clause 8.2"): their words, not
# a number the template printed.
WRITTEN = [text for path in ENGLISH for text in _strings(json.loads(path.read_text("utf-8")))]

_CITED = re.compile(r"\b(?:[Ss]ections?|[Cc]lauses?) ((?:\d+(?:\.\d+)?(?:, | and | or )?)+)")


def _read(path: Path) -> list[tuple[str, str]]:
    return [(p.style.name if p.style is not None else "", p.text)
            for p in docx.Document(str(path)).paragraphs]


def test_the_shipped_contract_numbers_fourteen_sections() -> None:
    assert _keys() == ["parties", "shared", "not_shared", "group", "guidelines",
                       "professional_body", "feedback_about_client", "feedback_from_others",
                       "limits", "procedure", "emergency", "records", "supervision", "review"]


@pytest.mark.parametrize("key", _keys())
def test_deleting_a_section_never_leaves_a_gap_or_a_citation_of_it(key: str,
                                                                    tmp_path: Path) -> None:
    own = tmp_path / "own"
    own.mkdir()
    _without(key, own / "contract.docx")
    for other in ("feedback-annex.docx", "disclosure-notice.docx", "decision-record.docx"):
        shutil.copy(CONTRACT.parent / other, own / other)
    out = tmp_path / "out"
    report = build(ENGLISH, out, templates=own, jobs=1)
    for failure in report.failures:
        # Refused: the message names the paragraph that cites the section.
        assert re.search(r"(body paragraph|table) \d+", failure.message), failure.message
        assert "is the number of a section that is not there" in failure.message
    for refused in report.refused:
        # Refused before any document: `templates check` names each referring paragraph.
        cited = [f for f in report.template_findings if f.code == "section-missing"
                 and Path(f.template).name == Path(refused.template).name]
        assert cited, refused
        assert all(re.match(r"(body paragraph|table) \d+", f.place) for f in cited), cited
    made = 0
    for folder in sorted(p for p in out.iterdir() if p.is_dir()):
        contract = next(folder.glob("*-contract.docx"), None)
        if contract is None:
            continue
        paragraphs = _read(contract)
        numbers = [int(m.group(1)) for style, text in paragraphs if style == "Heading 1"
                   and (m := re.match(r"(\d+)\. ", text))]
        assert numbers == list(range(1, len(numbers) + 1)), (folder.name, numbers)
        clauses = {str(n) for n in numbers} | {
            m.group(1) for _, text in paragraphs if (m := re.match(r"(\d+\.\d+)\t", text))}
        for document in sorted(folder.glob("*.docx")):
            for _, text in _read(document):
                for cited in _CITED.finditer(text):
                    if any(cited.group(0) in written for written in WRITTEN):
                        continue
                    for number in re.findall(r"\d+(?:\.\d+)?", cited.group(1)):
                        assert number in clauses, (document.name, number, text)
            made += 1
    assert made or report.failures or report.refused
