"""Which locales have templates: all that validating an engagement needs to know of the template
sets.

The locale-no-templates rule warns, before any build, about an engagement whose language no
template set covers, since build will not make its documents. Choosing templates is the
renderer's business, downstream of validation, so validation never asks the sets themselves: it
is told what they cover, as a plain value that travels to worker processes with the rest of
their work. By default that is what the sets confdocs ships cover (``"shipped"``); a caller that
makes documents with sets of its own, and reports a locale they lack itself, passes None (build
does: such an engagement's documents fail, with a message naming the build's own sets).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal, TypeAlias


def language_of(tag: str) -> str:
    """'fr-CA' -> 'fr'."""
    return tag.split("-", 1)[0].split("_", 1)[0].lower()


@dataclass(frozen=True)
class LocaleCoverage:
    """The locales of some template sets, and the languages in which they have a template for
    every kind of document (a locale is covered by any set of its language)."""

    sets: tuple[str, ...]  # the sets' locales, as the warning names them
    languages: frozenset[str]

    def covers(self, tag: str) -> bool:
        return language_of(tag) in self.languages


# What validation checks an engagement's locale against: a coverage, the shipped sets' (the
# default), or nothing (None).
Coverage: TypeAlias = LocaleCoverage | Literal["shipped"] | None
SHIPPED: Literal["shipped"] = "shipped"


def resolve(coverage: Coverage) -> LocaleCoverage | None:
    """The coverage ``coverage`` stands for: "shipped" is read from the shipped sets."""
    if coverage == SHIPPED:
        return shipped_coverage()
    if coverage is not None and not isinstance(coverage, LocaleCoverage):
        raise TypeError(f"coverage must be 'shipped', None or a LocaleCoverage, not {coverage!r}")
    return coverage


@cache
def shipped_coverage() -> LocaleCoverage:
    """What the sets confdocs ships cover, read once per process from its templates folder
    (``templates/<locale>/``, each folder a set of Word templates). A language is covered when
    its sets hold every template that any set holds; the renderer chooses the same way
    (tests/engagement/test_coverage.py holds the two to agreeing)."""
    from ..resources import templates_dir

    held: dict[str, frozenset[str]] = {}
    for folder in sorted(templates_dir().iterdir()):
        if folder.is_dir() and not folder.name.startswith((".", "_")):
            names = frozenset(path.name for path in folder.glob("*.docx"))
            if names:
                held[folder.name] = names
    every = frozenset().union(*held.values())
    by_language: dict[str, set[str]] = {}
    for locale, names in held.items():
        by_language.setdefault(language_of(locale), set()).update(names)
    return LocaleCoverage(tuple(held), frozenset(
        language for language, names in by_language.items() if names >= every))
