"""Engagement -> the context a template sees, as ``names`` declares it.

Every field the schema defines is present: an optional field the engagement leaves out is an
:class:`Absent` value, which is false in ``{% if %}``, empty in ``{% for %}``, and an error naming the
field if a template prints it. So a conditional passage can test any field, while a blank can never
slip into a signed document.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any, NoReturn

from jinja2.exceptions import UndefinedError

from ..engagement.fields import FieldIndex, SchemaField, engagement_fields
from .catalogue import GENDERS, Catalogue, People
from .law import law_words
from .names import DecisionNames, EngagementNames, NoticeNames, engagement_seen
from .numbering import LIMIT, SECTION_KEYS, SHIPPED, Outline, number_clauses


class Fields(dict[str, Any]):
    """An object of the engagement, which knows its own path for error messages."""

    __slots__ = ("path",)

    def __init__(self, path: str, values: Mapping[str, Any]) -> None:
        super().__init__(values)
        self.path = path


class Absent:
    """An optional field the engagement does not set."""

    __slots__ = ("path",)

    def __init__(self, path: str) -> None:
        self.path = path

    def _fail(self, *args: object) -> NoReturn:
        raise UndefinedError(
            f"{self.path} is not set in this engagement, so it cannot be printed; "
            f"wrap the passage in {{% if {self.path} %}} ... {{% endif %}}")

    def __bool__(self) -> bool:
        return False

    def __iter__(self) -> Iterator[Any]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __getattr__(self, name: str) -> Absent:
        if name.startswith("__"):
            raise AttributeError(name)
        return Absent(f"{self.path}.{name}")

    def __getitem__(self, name: object) -> Absent:
        return Absent(f"{self.path}[{name!r}]")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Absent) or other is None

    def __hash__(self) -> int:
        return 0

    __str__ = __html__ = _fail

    def __repr__(self) -> str:
        return f"Absent({self.path!r})"


class Unnumbered(Absent):
    """A section the contract template in use does not number (deleted, or never written): false
    in ``{% if %}``, like a section the engagement leaves out, and an error naming the template if
    a document cites it, so that no document cites a number that points nowhere."""

    __slots__ = ("key", "template")

    def __init__(self, path: str, key: str, template: str) -> None:
        super().__init__(path)
        self.key = key
        self.template = template

    def _fail(self, *args: object) -> NoReturn:
        tag = "{{ clause.limit[limit.id] }}" if self.key == LIMIT else f"{{{{ clause.{self.key} }}}}"
        what = ("numbers no clause per limit" if self.key == LIMIT
                else f"has no section {tag}")
        template = f"the contract template {self.template}" if self.template else "the contract"
        raise UndefinedError(
            f"{self.path} is the number of a section that is not there: {template} {what} "
            f"(no heading starts with it), so the number would point nowhere; take this reference out, or "
            f"put the section back with a heading that starts with {tag}")

    __str__ = __html__ = _fail

    def __getattr__(self, name: str) -> Unnumbered:
        if name.startswith("__"):
            raise AttributeError(name)
        return Unnumbered(f"{self.path}.{name}", self.key, self.template)

    def __getitem__(self, name: object) -> Unnumbered:
        return Unnumbered(f"{self.path}[{name!r}]", self.key, self.template)

    def __repr__(self) -> str:
        return f"Unnumbered({self.path!r})"


class _Shape:
    """What wrapping needs of one field, worked out once: an object's fields (each with its own
    shape and whether it is a list) and a list's entries."""

    __slots__ = ("fields", "items")

    def __init__(self, index: FieldIndex, path: str,
                 fields: tuple[SchemaField, ...] | None = None) -> None:
        self.fields: tuple[tuple[str, _Shape, bool], ...] = tuple(
            (field.name, _Shape(index, field.path), field.is_list)
            for field in (index.children(path) if fields is None else fields))
        entry = index.entry(path)
        self.items: _Shape | None = _Shape(index, entry.path) if entry is not None else None


_NESTED = (dict, list)


@cache
def _engagement_shape() -> _Shape:
    return _Shape(engagement_fields(), "", engagement_seen())


def _wrap(value: Any, shape: _Shape | None, path: str) -> Any:
    """Objects become :class:`Fields` holding every field of their schema (the ones left out as
    :class:`Absent`, or an empty list); values that are neither objects nor lists stay as they
    are."""
    if type(value) is dict:
        out: dict[str, Any] = {}
        prefix = f"{path}." if path else ""
        for name, child, is_list in shape.fields if shape is not None else ():
            if name in value:
                item = value[name]
                out[name] = _wrap(item, child, prefix + name) if type(item) in _NESTED else item
            elif is_list:
                out[name] = []
            else:
                out[name] = Absent(prefix + name)
        return Fields(path, out)
    if type(value) is list:
        items = shape.items if shape is not None else None
        return [_wrap(item, items, f"{path}[{index}]") if type(item) in _NESTED else item
                for index, item in enumerate(value)]
    return value


def engagement_context(data: Mapping[str, Any], catalogue: Catalogue | None = None, *,
                       language: str | None = None,
                       outline: Outline = SHIPPED) -> dict[str, Any]:
    """The context for the contract and the annex: the engagement's fields, plus ``words`` (what
    the documents call the parties, from the ``catalogue`` of the template set, by default the
    shipped set of the engagement's language), ``clause`` (the clause numbers) and ``law`` (the
    data-protection law the documents cite, in the catalogue's words). ``language``
    is the locale the document is written in, when a fallback set writes it in another
    language than the engagement's own. ``outline`` is what the contract template of the set in
    use numbers (by default, the shipped contracts' sections): every document of the engagement
    cites that contract's numbers."""
    wrapped = _wrap(dict(data), _engagement_shape(), "")
    clauses = number_clauses(data, outline)
    context: dict[str, Any] = dict(wrapped)
    if language is not None:
        context["locale"] = language  # dates and lists follow the words, never a mix
    if catalogue is None:
        catalogue = shipped_catalogue(str(data["locale"]))
    words = catalogue.words(data["kind"], people_of(data))
    words["ground"] = Fields("words.ground", words["ground"])  # type: ignore[arg-type]
    clause: dict[str, Any] = {}
    for key in dict.fromkeys((*SECTION_KEYS, *outline.sections, LIMIT)):
        if key == LIMIT:
            clause[key] = (Fields("clause.limit", clauses.limit) if clauses.limit
                           or (LIMIT in outline.sections and "limits" in clauses.section)
                           else Unnumbered("clause.limit", key, outline.template))
        elif key in clauses.section:
            clause[key] = clauses.section[key]
        elif key in outline.sections:
            clause[key] = Absent(f"clause.{key}")  # a section this engagement leaves out
        else:
            clause[key] = Unnumbered(f"clause.{key}", key, outline.template)
    cited = law_words(data, catalogue)
    law: Any = Absent("law")
    if cited is not None:
        law = Fields("law", {**{key: Fields(f"law.{key}", value) if isinstance(value, dict)
                                else value for key, value in cited.items()},
                             **({} if "after_death" in cited
                                else {"after_death": Absent("law.after_death")})})
    names: EngagementNames = {"words": Fields("words", words), "clause": Fields("clause", clause),
                              "law": law}
    context.update(names)
    return context


def _gender(person: Any) -> str | None:
    gender = person.get("gender") if isinstance(person, Mapping) else None
    return gender if gender in GENDERS else None  # "none", or not given: no gendered form


def people_of(data: Mapping[str, Any]) -> People:
    """Whom the documents' words agree with, from the engagement's parties: only what each
    person says of themselves, never guessed from a name."""
    parties = data["parties"]
    client = parties["client"]
    return People(
        client=_gender(client), practitioner=_gender(parties["practitioner"]),
        supervisor=_gender(parties.get("supervisor")),
        greeted=client.get("preferred_name") or client.get("form_of_address") or client["name"],
        address=client.get("form_of_address"))


def shipped_catalogue(locale: str) -> Catalogue:
    """The words of the shipped set an engagement in ``locale`` gets (the reference words when
    no shipped set is in its language)."""
    from .sets import NoTemplateSet, shipped_template_sets

    try:
        sets = shipped_template_sets()
        return sets.catalogue(sets.choose(locale, "contract"))
    except NoTemplateSet:
        from .catalogue import REFERENCE

        return REFERENCE


def _as(value: Any, old: str, new: str) -> Any:
    """An entry of a list, as a letter's or a record's own name holds it: its fields' paths,
    which an error names, start with that name (``disclosure.consent_note``), not with the
    entry's place in the engagement (``disclosures[0].consent_note``)."""
    if isinstance(value, Fields):
        return Fields(new + value.path[len(old):], {
            name: _as(item, old, new) for name, item in value.items()})
    if type(value) is Absent:
        return Absent(new + value.path[len(old):]) if value.path.startswith(old) else value
    if type(value) is list:
        return [_as(item, old, new) for item in value]
    return value


def _named(entry: Any, name: str) -> Any:
    return _as(entry, entry.path, name) if isinstance(entry, Fields) else entry


def _limit_clause(base: Mapping[str, Any], limit_id: str) -> Any:
    """The number of the contract clause that declares a limit, or why the contract has none."""
    numbers = base["clause"]["limit"]
    if isinstance(numbers, Unnumbered):
        return Unnumbered("limit_clause", LIMIT, numbers.template)
    return numbers[limit_id]


def _limit(base: Mapping[str, Any], limit_id: str) -> Any:
    return next(entry for entry in base["confidentiality"]["limits"] if entry["id"] == limit_id)


def disclosure_context(base: Mapping[str, Any], index: int) -> dict[str, Any]:
    """The context for one disclosure letter: the engagement's context, plus ``disclosure``, the
    ``limit`` it rests on, the number of the ``limit_clause`` that declares it,
    ``notice_days_given`` and the ``decision`` it records (absent when it links to none)."""
    disclosure = base["disclosures"][index]
    notice = _dt.date.fromisoformat(disclosure["notice_date"])
    day = _dt.date.fromisoformat(disclosure["disclosure_date"])
    limit = _limit(base, disclosure["limit"])
    linked = disclosure["decision"]
    names: NoticeNames = {
        "disclosure": _named(disclosure, "disclosure"),
        "limit": _named(limit, "limit"),
        "limit_clause": _limit_clause(base, limit["id"]),
        "notice_days_given": (day - notice).days,
        "decision": _named(next((entry for entry in base["decisions"]
                                 if entry["id"] == linked), Absent("decision")), "decision"),
    }
    return {**base, **names}


def decision_context(base: Mapping[str, Any], index: int) -> dict[str, Any]:
    """The context for one internal decision record: the engagement's context, plus
    ``decision``, the ``limit`` it considered and its ``limit_clause``, and
    ``decision_disclosures``, the disclosures made under it."""
    decision = base["decisions"][index]
    limit = _limit(base, decision["limit"])
    names: DecisionNames = {
        "decision": _named(decision, "decision"),
        "limit": _named(limit, "limit"),
        "limit_clause": _limit_clause(base, limit["id"]),
        "decision_disclosures": [entry for entry in base["disclosures"]
                                 if entry["decision"] == decision["id"]],
    }
    return {**base, **names}
