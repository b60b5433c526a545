"""English letters greet the client as issue 22 says: by the preferred name ('Dear Daniel'),
else by the form of address given ('Dear Mr Osei-Mensah'), else by the full name; and a sentence
names the professional body with the article the data gives ('the Association for Coaching')."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import docx
import pytest

from confdocs.build import build

from ..helpers import SAMPLES, paragraph_texts

SAMPLE = SAMPLES / "coaching-two-disclosures.json"


def _letter(tmp_path: Path, change: dict[str, Any], body: str | None = None) -> list[str]:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data.pop("$schema", None)
    client = data["parties"]["client"]
    client.pop("preferred_name", None)
    client.update(change)
    if body is not None:
        data["professional_body"]["name_with_article"] = body
    source = tmp_path / "in" / "case.json"
    source.parent.mkdir()
    source.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    report = build([source], tmp_path / "out", only=("notice",), jobs=1)
    assert report.exit_code() == 0, report
    letter = tmp_path / "out" / data["id"] / f"{data['id']}-disclosure-D1.docx"
    return list(paragraph_texts(docx.Document(str(letter))))


@pytest.mark.parametrize(("change", "greeting"), [
    ({"preferred_name": "Daniel", "form_of_address": "Mr Osei-Mensah", "gender": "masculine"},
     "Dear Daniel"),
    ({"form_of_address": "Mr Osei-Mensah", "gender": "masculine"}, "Dear Mr Osei-Mensah"),
    ({"gender": "feminine"}, "Dear Daniel Osei-Mensah"),
    ({}, "Dear Daniel Osei-Mensah"),
])
def test_the_client_is_greeted_by_preferred_name_else_form_of_address_else_name(
        tmp_path: Path, change: dict[str, Any], greeting: str) -> None:
    texts = _letter(tmp_path, change)
    assert greeting in texts
    assert "Yours sincerely" in texts


def test_the_professional_body_takes_the_article_the_data_gives(tmp_path: Path) -> None:
    texts = "\n".join(_letter(tmp_path, {}, body="the Association for Coaching"))
    assert "to the professional body, the Association for Coaching, as set out at" in texts
    assert "professional body, Association" not in texts
