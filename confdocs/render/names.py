"""What a template sees, declared once: the renderer fills it (``context``), the template linter
checks templates against it (``lint.fields``) and the field guide describes it (``guide``).

Every template sees the engagement's fields, but ``$schema`` and ``extends`` (the file's, not the
engagement's), and what its context adds (which context a template has: ``documents.CONTEXT_OF``):

- every template: ``words``, ``clause`` and ``law`` (:class:`EngagementNames`);
- a disclosure notice, one per disclosure: ``disclosure``, ``limit``, ``limit_clause``,
  ``notice_days_given`` and ``decision`` (:class:`NoticeNames`);
- an internal decision record, one per decision: ``decision``, ``limit``, ``limit_clause`` and
  ``decision_disclosures`` (:class:`DecisionNames`).

Each context's names are a TypedDict, so that mypy holds the renderer's context functions to
them, and each name's annotation declares it: its description, and the engagement field whose
schema (and fields) it has, or a schema of its own.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from itertools import chain
from typing import Annotated, Any, TypedDict, get_type_hints

from ..engagement.fields import FILE_FIELDS, FieldIndex, SchemaField, engagement_fields, walk
from ..engagement.law import BASES, CONDITIONS, REGIMES
from .catalogue import GROUNDS, WORD_DESCRIPTIONS, WORD_KEYS
from .documents import TemplateContext
from .numbering import SECTION_KEYS


@dataclass(frozen=True)
class Declared:
    """A name a context adds: what it is, and its schema, taken from an engagement field
    (``source``: ``disclosures[]``, an entry of that list) or given (``schema``)."""

    description: str
    source: str | None = None
    schema: Mapping[str, Any] | None = None
    always: bool = True  # False: absent from some documents of the context


_STRING = {"type": "string"}

_WORDS = {
    "type": "object",
    "properties": {
        **{key: {**_STRING, "description": WORD_DESCRIPTIONS[key]} for key in WORD_KEYS},
        "ground": {"type": "object",
                   "properties": {ground: {**_STRING, "description": f"The label of the ground "
                                                                   f"'{ground}'."}
                                  for ground in GROUNDS},
                   "description": "The label of each ground, by the ground's value."},
    },
}

_CLAUSE = {
    "type": "object",
    "properties": {
        **{key: {**_STRING, "description": f"The number of the contract section '{key}'; absent "
                                           "when the section is left out, or not in the "
                                           "contract template."}
           for key in SECTION_KEYS},
        "limit": {"type": "object", "additionalProperties": _STRING,
                  "description": "The number of the clause declaring each limit, by limit id "
                                 "(clause.limit[limit.id] gives '8.2')."},
    },
    # A section an organisation adds to its contract: numbered by its heading
    # ("{{ clause.complaints }}. Complaints"), like the shipped ones.
    "additionalProperties": {**_STRING, "description": "The number of a section your contract "
                                                       "adds, by the name its heading gives it "
                                                       "({{ clause.complaints }}. Complaints)."},
}

_BY_BASIS = {"type": "object", "properties": {basis: _STRING for basis in BASES}}
_BY_CONDITION = {"type": "object", "properties": {name: _STRING for name in CONDITIONS}}
_LAW = {
    "type": "object",
    "required": ["regime", "name", "of_gdpr", "basis", "article6", "condition", "article9", "article21"],
    "properties": {
        "regime": {**_STRING, "enum": list(REGIMES),
                   "description": "The regime whose law applies: uk, eu-fr or eu-ie."},
        "name": {**_STRING, "description": "The law's full name (the UK GDPR and the Data "
                                           "Protection Act 2018)."},
        "of_gdpr": {**_STRING, "description": "'of' the regulation, as an article is cited (of "
                                              "the UK GDPR; fr-FR: du RGPD)."},
        "basis": {**_BY_BASIS, "description": "Each Article 6 basis in plain words, by its "
                                              "value (law.basis[disclosure.lawful_basis])."},
        "article6": {**_BY_BASIS, "description": "Each basis's article, cited in the regime's "
                                                 "words (Article 6(1)(d) of the UK GDPR)."},
        "condition": {**_BY_CONDITION, "description": "Each Article 9 condition in plain words, "
                                                      "by its value."},
        "article9": {**_BY_CONDITION, "description": "Each condition's article (and, in the UK, "
                                                     "its Schedule 1 paragraph), cited."},
        "article21": {**_STRING, "description": "The right to object's article, cited."},
        "after_death": {**_STRING, "description": "In France only: the article of the right to "
                                                  "leave instructions about one's data after "
                                                  "death (loi Informatique et Libertés, art. 85)."},
    },
}

_LIMIT_CLAUSE = Declared("The number of the contract clause that declares that limit.",
                         schema=_STRING)


class EngagementNames(TypedDict):
    """What every template sees besides the engagement's fields."""

    words: Annotated[Any, Declared(
        "What the documents call the parties and the work, by kind of engagement and in the "
        "document's language (for coaching in en-GB: coach, coachee, coaching, session, "
        "sessions; the coach, of the coach, to the coach...), and the label of each ground of a "
        "limit (words.ground[limit.ground]).", schema=_WORDS)]
    clause: Annotated[Any, Declared(
        "Section and clause numbers, worked out from the headings of the contract template in "
        "use, the same in every document of an engagement.", schema=_CLAUSE)]
    law: Annotated[Any, Declared(
        "The data-protection law the documents cite (records.regime, or the supervisory "
        "authority's), in the document's language: print a basis, a condition or a right from "
        "it, never a citation typed by hand.", schema=_LAW)]


class NoticeNames(TypedDict):
    """What a disclosure notice (one letter per disclosure) also sees."""

    disclosure: Annotated[Any, Declared("The disclosure this letter is about.",
                                        source="disclosures[]")]
    limit: Annotated[Any, Declared("The limit of confidentiality the disclosure rests on.",
                                   source="confidentiality.limits[]")]
    limit_clause: Annotated[str, _LIMIT_CLAUSE]
    notice_days_given: Annotated[int, Declared("Days between the notice and the disclosure.",
                                               schema={"type": "integer"})]
    decision: Annotated[Any, Declared(
        "The practitioner's record of the decision to make this disclosure, when the "
        "disclosure links to one (disclosure.decision); internal, so a letter may cite only its "
        "id and date.", source="decisions[]", always=False)]


class DecisionNames(TypedDict):
    """What an internal decision record (one per decision, never sent) also sees."""

    decision: Annotated[Any, Declared("The decision this record is about.",
                                      source="decisions[]")]
    limit: Annotated[Any, Declared("The limit of confidentiality the decision considered.",
                                   source="confidentiality.limits[]")]
    limit_clause: Annotated[str, _LIMIT_CLAUSE]
    decision_disclosures: Annotated[list[Any], Declared(
        "The disclosures made under this decision (those whose disclosure.decision is its id).",
        source="disclosures")]


_NAMES: Mapping[TemplateContext, type] = {
    "engagement": EngagementNames, "notice": NoticeNames, "decision": DecisionNames}


@cache
def added(context: TemplateContext) -> Mapping[str, Declared]:
    """The names ``context``'s own declaration adds, in order: ``words`` and ``clause`` for the
    engagement's; a letter's or a record's own names for the others (which see the
    engagement's as well: :func:`seen`)."""
    hints = get_type_hints(_NAMES[context], include_extras=True)
    return {name: next(m for m in hint.__metadata__ if isinstance(m, Declared))
            for name, hint in hints.items()}


def seen(context: TemplateContext) -> tuple[str, ...]:
    """Every top-level name a template of ``context`` sees, in order."""
    names = [field.name for field in engagement_seen()]
    names += added("engagement")
    if context != "engagement":
        names += added(context)
    return tuple(names)


def engagement_seen() -> tuple[SchemaField, ...]:
    """The engagement's top-level fields a template sees."""
    return tuple(f for f in engagement_fields().children() if f.name not in FILE_FIELDS)


def _declared(context: TemplateContext) -> Iterator[tuple[str, Declared]]:
    yield from added("engagement").items()
    if context != "engagement":
        yield from added(context).items()


def _schema(declared: Declared) -> dict[str, Any]:
    if declared.source is not None:
        own = engagement_fields()[declared.source].schema
    else:
        own = declared.schema or {}
    return {**own, "description": declared.description}


@cache
def context_schema(context: TemplateContext) -> dict[str, Any]:
    """The schema of everything a template of ``context`` sees, as one object."""
    properties = {field.name: field.schema for field in engagement_seen()}
    required = [field.name for field in engagement_fields().required()
                if field.name not in FILE_FIELDS]
    for name, declared in _declared(context):
        properties[name] = _schema(declared)
        if declared.always:
            required.append(name)
    return {"type": "object", "properties": properties, "required": required}


@cache
def context_fields(context: TemplateContext) -> FieldIndex:
    """Every field a template of ``context`` sees, by the path a template writes
    (``limit.description``; ``confidentiality.limits[].description`` inside a loop): the
    engagement's, from its index, then the names the context adds."""
    engagement = engagement_fields()
    kept = [f for f in engagement if f.group not in FILE_FIELDS]
    declared = list(_declared(context))
    more = chain.from_iterable(walk(_schema(d), name, "", d.always) for name, d in declared)
    required = [*(f.name for f in engagement.required() if f.name not in FILE_FIELDS),
                *(name for name, d in declared if d.always)]
    return FieldIndex([*kept, *more], required)
