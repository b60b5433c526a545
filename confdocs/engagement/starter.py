"""`confdocs new`: a first engagement file, with the schema's required fields and a placeholder
for each fact only a person can give.

JSON has no comments, so the guidance is in the values: a placeholder is a text wholly between
``<`` and ``>`` with a space in it ("<the client's full name>"). The file is valid JSON from the
start, editors complete it from its ``$schema``, and ``validate`` reports each placeholder still
there as ``placeholder-unfilled`` at its line and column (see :mod:`.placeholders`).

Which fields a starter holds is read from the schema (its ``required`` lists, walked with
:mod:`.fields`); a choice (a yes/no, a number, a value from a list, an id) takes the schema's own
example, so nothing here repeats the schema. Only the guidance a placeholder gives is written
here, in each shipped language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from .fields import FieldIndex, SchemaField, engagement_fields

KINDS = ("coaching", "training", "mentoring", "membership")
SETTINGS = ("one_to_one", "group")
LOCALES = ("en-GB", "fr-FR")

# What each placeholder asks for, by field path and language. A field here is a fact about this
# engagement; every other field a starter holds takes the schema's example.
GUIDANCE: Mapping[str, Mapping[str, str]] = {
    "id": {"en": "<a short unique id, such as EC-2026-014>",
           "fr": "<un identifiant court et unique, par exemple EC-2026-014>"},
    "title": {"en": "<a title, such as Executive coaching for the Head of Operations>",
              "fr": "<un titre, par exemple Coaching de la directrice des opérations>"},
    "purpose": {"en": "<what the engagement is for, in one sentence>",
                "fr": "<l'objet de l'accompagnement, en une phrase>"},
    "dates.agreed": {"en": "<the date the agreement is signed, YYYY-MM-DD>",
                     "fr": "<la date de signature de l'accord, AAAA-MM-JJ>"},
    "dates.start": {"en": "<the date the work starts, YYYY-MM-DD>",
                    "fr": "<la date du début, AAAA-MM-JJ>"},
    "parties.practitioner.name": {"en": "<the practitioner's full name>",
                                  "fr": "<le nom complet de l'intervenant>"},
    "parties.practitioner.role": {"en": "<the practitioner's role, such as Executive coach>",
                                  "fr": "<le rôle de l'intervenant, par exemple Coach>"},
    "parties.practitioner.email": {"en": "<the practitioner's email address>",
                                   "fr": "<l'adresse e-mail de l'intervenant>"},
    "parties.client.name": {"en": "<the client's full name>",
                            "fr": "<le nom complet du client>"},
    "parties.client.email": {"en": "<the client's email address>",
                             "fr": "<l'adresse e-mail du client>"},
    "professional_body.name": {"en": "<the practitioner's professional body>",
                               "fr": "<l'organisme professionnel de l'intervenant>"},
    "professional_body.code_of_ethics.title": {
        "en": "<the title of its code of ethics>", "fr": "<le titre de son code de déontologie>"},
    "professional_body.complaints_url": {
        "en": "<the web address where a complaint to it is made, https://...>",
        "fr": "<l'adresse web où lui adresser une réclamation, https://...>"},
    "confidentiality.shared[].what": {
        "en": "<what is shared, such as session dates and attendance>",
        "fr": "<ce qui est communiqué, par exemple les dates des séances et la présence>"},
    "confidentiality.shared[].with_whom[]": {"en": "<with whom, such as the HR Business Partner>",
                                             "fr": "<à qui, par exemple la responsable RH>"},
    "confidentiality.shared[].how": {"en": "<how, such as a short email from the practitioner>",
                                     "fr": "<comment, par exemple un court e-mail>"},
    "confidentiality.shared[].when": {"en": "<when, such as after each session>",
                                      "fr": "<quand, par exemple après chaque séance>"},
    "confidentiality.not_shared[]": {
        "en": "<what stays private, such as what is said in sessions>",
        "fr": "<ce qui reste confidentiel, par exemple ce qui est dit en séance>"},
    "confidentiality.limits[].description": {
        "en": "<when confidentiality may be broken, such as a risk of serious harm>",
        "fr": "<quand la confidentialité peut être levée, par exemple un risque grave>"},
    "confidentiality.ground_rules[]": {
        "en": "<what participants keep to themselves, such as what others say in the group>",
        "fr": "<ce que les participants gardent pour eux, par exemple ce que disent les autres>"},
    "records.kept[]": {"en": "<a record kept, such as session notes>",
                       "fr": "<un document conservé, par exemple les notes de séance>"},
    "records.storage": {"en": "<where the records are kept, such as an encrypted folder>",
                        "fr": "<où les documents sont conservés, par exemple un dossier chiffré>"},
    "records.retention": {"en": "<how long they are kept, such as three years after the end>",
                          "fr": "<combien de temps, par exemple trois ans après la fin>"},
    "records.access[]": {"en": "<who may read them, such as the client, on request>",
                         "fr": "<qui peut les lire, par exemple le client, sur demande>"},
    "records.controller": {"en": "<who is responsible for the records (the data controller)>",
                           "fr": "<le responsable du traitement des données>"},
    "records.controller_contact": {
        "en": "<the controller's email address for questions about the records>",
        "fr": "<l'adresse e-mail du responsable du traitement>"},
}

# The data-protection law and supervisory authority of each shipped locale's region.
_LAW: Mapping[str, tuple[str, str, str]] = {
    "en-GB": ("uk", "the Information Commissioner's Office (ICO)",
              "https://ico.org.uk/make-a-complaint/"),
    "fr-FR": ("eu-fr", "la Commission nationale de l’informatique et des libertés (CNIL)",
              "https://www.cnil.fr"),
}


@dataclass(frozen=True)
class Starter:
    """What ``confdocs new`` wrote: the file and how many placeholders it holds."""

    path: str
    placeholders: int


def starter_data(kind: str, *, setting: str | None = None, locale: str = "en-GB",
                 schema_ref: str | None = None) -> dict[str, Any]:
    """A starter engagement: every field the schema requires, a placeholder for each fact (in
    ``locale``'s language), the schema's example for each choice. ``setting`` defaults to
    ``group`` for training and ``one_to_one`` otherwise; a group gets ground rules."""
    from .version import SCHEMA_VERSION

    if kind not in KINDS:
        raise InputError(f"--kind {kind!r}: choose one of {', '.join(KINDS)}")
    if locale not in _LAW:
        raise InputError(f"--locale {locale!r}: choose one of {', '.join(LOCALES)}")
    setting = setting or ("group" if kind == "training" else "one_to_one")
    index = engagement_fields()
    language = locale.split("-")[0]
    regime, authority, authority_url = _LAW[locale]
    data: dict[str, Any] = {}
    if schema_ref:
        data["$schema"] = schema_ref
    for field in index.required():
        data[field.name] = _value(index, field, language)
    data["schema_version"] = SCHEMA_VERSION
    data["kind"] = kind
    # Not required by the schema, but what the documents are written in and for.
    _after(data, "kind", "setting", setting)
    _after(data, "purpose", "locale", locale)
    confidentiality = data["confidentiality"]
    if setting == "group":
        _after(confidentiality, "limits", "ground_rules",
               _value(index, index["confidentiality.ground_rules"], language))
    records = data["records"]
    records["regime"] = regime
    records["supervisory_authority"] = {"name": authority, "url": authority_url}
    # A safeguarding limit (the schema's example) needs a way to act at once: without it the
    # practitioner would have to seek consent and give notice first (limits-no-emergency-route).
    data["disclosure_procedure"]["emergency_provision"] = _value(
        index, index["disclosure_procedure.emergency_provision"], language)
    return data


def _after(data: dict[str, Any], before: str, name: str, value: Any) -> None:
    """Put ``name`` just after ``before`` (the order a person reads the file in)."""
    items = list(data.items())
    at = next(i for i, (key, _) in enumerate(items) if key == before) + 1
    items.insert(at, (name, value))
    data.clear()
    data.update(items)


def _value(index: FieldIndex, field: SchemaField, language: str) -> Any:
    """What a starter holds for ``field``: its required fields for an object, one entry for a
    list, a placeholder for a fact, the schema's example for a choice."""
    guidance = GUIDANCE.get(field.path)
    if guidance is not None:
        return guidance[language]
    if field.is_object:
        return {sub.name: _value(index, sub, language) for sub in index.required(field.path)}
    if field.is_list:
        entry = index.entry(field.path)
        assert entry is not None, field.path
        return [_value(index, entry, language)]
    examples = field.schema.get("examples")
    if isinstance(examples, list) and examples:
        return examples[0]
    raise AssertionError(f"{field.path}: no guidance and no example in the schema")


def schema_reference(target: Path) -> str:
    """The ``$schema`` a new file at ``target`` points at: the engagement schema in a
    ``schemas`` folder beside it or above it (the team's own copy, relative, so that it survives
    copying the folder), else the schema's ``$id``."""
    import os

    from ..resources import load_schema

    folder = target.resolve().parent
    for above in (folder, *folder.parents):
        candidate = above / "schemas" / "engagement.schema.json"
        if candidate.is_file():
            return Path(os.path.relpath(candidate, folder)).as_posix()
    return str(load_schema()["$id"])


def write_starter(target: str, kind: str, *, setting: str | None = None,
                  locale: str = "en-GB", replace: bool = False) -> Starter:
    """Write a starter engagement file at ``target`` (see :func:`starter_data`). An existing
    file is replaced only with ``replace``."""
    from ..atomic import write_atomic
    from ..jsonfile import dumps
    from .placeholders import is_placeholder

    path = Path(target)
    if path.is_dir():
        raise InputError(f"{target}: is a folder; name the engagement file to write, such as "
                         f"{Path(target, 'engagement.json').as_posix()}")
    if path.exists() and not replace:
        raise InputError(f"{target}: already exists; choose another name, or add --force to "
                         "replace it with a starter")
    data = starter_data(kind, setting=setting, locale=locale,
                        schema_ref=schema_reference(path))
    write_atomic(path, (dumps(data) + "\n").encode("utf-8"))
    return Starter(target, sum(1 for value in _strings(data) if is_placeholder(value)))


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []
