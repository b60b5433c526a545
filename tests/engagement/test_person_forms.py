"""The people's forms are data (issue 22, item 1): each named person may give a grammatical
gender and a form of address, and the professional body its name with its article. The fields
are optional, so every file valid before stays valid."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ..helpers import ROOT

PEOPLE = {
    "practitioner": ("parties", "practitioner"),
    "client": ("parties", "client"),
    "sponsor contact": ("parties", "sponsor", "contact"),
    "supervisor": ("parties", "supervisor"),
}


def _sample() -> dict[str, Any]:
    return json.loads((ROOT / "samples" / "coaching-fr-lyon.json").read_text("utf-8"))


def _person(data: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    node: Any = data
    for key in path:
        node = node[key]
    assert isinstance(node, dict)
    return node


def _findings(data: dict[str, Any]) -> list[tuple[str, str]]:
    from confdocs.engagement.validate import check_source

    source = check_source("forms.json", json.dumps(data, indent=2).encode("utf-8"))
    return [(f.code, f.pointer) for f in source.findings if f.severity == "error"]


@pytest.mark.parametrize("gender", ["feminine", "masculine", "none"])
def test_every_named_person_may_give_a_gender_and_a_form_of_address(gender: str) -> None:
    data = _sample()
    for path in PEOPLE.values():
        _person(data, path).update({"gender": gender, "form_of_address": "Docteure"})
    for disclosure in data.get("disclosures", []):
        disclosure["recipient"].update({"gender": gender, "form_of_address": "Madame"})
    data["professional_body"]["name_with_article"] = (
        "la Fédération française des coachs professionnels")
    assert _findings(data) == []


@pytest.mark.parametrize(("role", "path"), list(PEOPLE.items()))
def test_a_gender_is_one_of_the_three_and_never_a_free_word(role: str,
                                                            path: tuple[str, ...]) -> None:
    data = _sample()
    _person(data, path)["gender"] = "female"
    pointer = "/" + "/".join(path) + "/gender"
    assert any(found == pointer for _, found in _findings(data)), role


def test_a_file_without_the_new_fields_is_as_valid_as_before() -> None:
    data = _sample()
    for path in PEOPLE.values():
        _person(data, path).pop("gender", None)
    data["professional_body"].pop("name_with_article", None)
    assert "gender" not in json.dumps(data["parties"])
    assert _findings(data) == []
