"""Template sets, one per language: which templates and which words an engagement's documents get.

The shipped templates are in ``templates/<locale>/`` (``en-GB``, ``fr-FR``...), each folder
holding the four Word templates and, for every language but the reference one, the gettext
catalogue ``messages.po`` (see ``render.catalogue``). An organisation's folder (``--templates DIR``)
is laid out the same way, ``DIR/fr-FR/contract.docx``; templates directly in ``DIR`` are its en-GB
set, as before there were languages. Its templates replace the shipped ones of the same locale and
kind, one by one.

An engagement's locale picks, for each document, the set of that locale, then within the same
language only: ``fr-CA`` takes ``fr-CA``, then ``fr``, then any ``fr-*``. It never silently takes
another language: a locale whose language has no set is an error, unless the build names a
fallback language, and then the whole document is in that language (dates included), never a
mix.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..errors import InputError
from ..resources import templates_dir
from .catalogue import CATALOGUE_FILE, REFERENCE_LOCALE, Catalogue, load_catalogue
from .documents import TEMPLATE_FILES, DocumentKind
from .folder import candidates, own_templates

# The locale of an engagement that does not say (the schema's default).
DEFAULT_LOCALE = REFERENCE_LOCALE

# A folder named as a BCP 47 tag: a language, then script, region or variant subtags.
_LOCALE_FOLDER = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


def language(tag: str) -> str:
    """'fr-CA' -> 'fr'."""
    return tag.split("-", 1)[0].split("_", 1)[0].lower()


def _normal(tag: str) -> str:
    return tag.replace("_", "-").lower()


@dataclass(frozen=True)
class TemplateSet:
    """The templates of one locale: the organisation's own where it has them, else shipped."""

    locale: str
    templates: Mapping[DocumentKind, Path]
    own: frozenset[DocumentKind] = frozenset()
    catalogue: Path | None = None  # its messages.po; None for an English set without one


@dataclass(frozen=True)
class Choice:
    """What one document of an engagement is made with."""

    kind: DocumentKind
    template: Path
    own: bool
    set_locale: str  # the set the template comes from
    language: str  # the locale the document is written in: dates, lists, w:lang, /Lang
    catalogue: Path | None


class NoTemplateSet(InputError):
    """An engagement's locale that no template set covers (or not for this document)."""


@dataclass(frozen=True)
class TemplateSets:
    """Every template set a build may use, and how a locale finds its set."""

    sets: Mapping[str, TemplateSet]
    fallback: str | None = None  # the locale of the set to use for a language with no set
    own_folder: Path | None = None
    _memo: dict[tuple[str, DocumentKind], Choice | str] = field(
        default_factory=dict, compare=False, repr=False)
    _covered: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    @property
    def locales(self) -> list[str]:
        return sorted(self.sets)

    def _candidates(self, tag: str, kind: DocumentKind) -> list[TemplateSet]:
        """The sets with this kind of template that a locale may use, best first."""
        having = [s for s in self.sets.values() if kind in s.templates]
        wanted, lang = _normal(tag), language(tag)
        exact = [s for s in having if _normal(s.locale) == wanted]
        bare = [s for s in having if _normal(s.locale) == lang]
        # Within the language: the set whose region or script shares most of the tag first.
        same = sorted((s for s in having if language(s.locale) == lang
                       and s not in exact and s not in bare),
                      key=lambda s: (-_shared(s.locale, tag), s.locale))
        return exact + bare + same

    def choose(self, tag: str, kind: DocumentKind) -> Choice:
        """The template (and words) for a document of ``kind`` for an engagement in ``tag``.
        Raises NoTemplateSet with a message naming the locale and the sets there are."""
        key = (tag, kind)
        if key not in self._memo:
            self._memo[key] = self._choose(tag, kind)
        chosen = self._memo[key]
        if isinstance(chosen, str):
            raise NoTemplateSet(chosen)
        return chosen

    def _choose(self, tag: str, kind: DocumentKind) -> Choice | str:
        found = self._candidates(tag, kind)
        writes_in = tag
        if not found and self.fallback is not None:
            found = self._candidates(self.fallback, kind)
            writes_in = found[0].locale if found else tag
        if not found:
            return self._no_set_message(tag, kind)
        chosen = found[0]
        return Choice(kind, chosen.templates[kind], kind in chosen.own, chosen.locale,
                      writes_in, chosen.catalogue)

    def _no_set_message(self, tag: str, kind: DocumentKind) -> str:
        lang = language(tag)
        there = ", ".join(self.locales) or "none"
        if any(language(s) == lang for s in self.sets):
            return (f"locale {tag}: no {TEMPLATE_FILES[kind]} in a {lang} template set "
                    f"(sets: {there}); add one to "
                    f"{(self.own_folder or templates_dir()) / tag}")
        hint = f" or choose a language to fall back to with --fallback-language {REFERENCE_LOCALE}"
        return (f"locale {tag}: no template set in {_language_name(tag)} ({lang}); the sets are "
                f"{there}. Add a template set for {tag} (docs/languages.md)"
                f"{'' if self.fallback else hint}")

    def covers(self, tag: str) -> bool:
        """Whether some set of the engagement's own language has every kind of document
        (validate asks for every file: answered once per locale)."""
        if tag not in self._covered:
            self._covered[tag] = all(self._candidates(tag, kind) for kind in TEMPLATE_FILES)
        return self._covered[tag]

    def catalogue(self, choice: Choice) -> Catalogue:
        return load_catalogue(choice.set_locale, choice.catalogue)


def _shared(locale: str, tag: str) -> int:
    return len(set(_normal(locale).split("-")) & set(_normal(tag).split("-")))


def _language_name(tag: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(language(tag)).get_display_name("en"))
    except (ValueError, TypeError, LookupError, UnknownLocaleError):
        # A language Babel has no data for (zz, i-klingon): the engagement is invalid anyway
        # (locale-unknown), and its tag is all there is to name it by.
        return language(tag)


def set_folders(root: Path, *, strict: bool = True) -> dict[str, Path]:
    """The subfolders of ``root`` named as locales. A folder that cannot be read raises
    InputError, or (``strict`` False) has none."""
    try:
        entries = sorted(root.iterdir())
    except OSError as exc:
        if not strict:
            return {}
        raise InputError(f"{root}: the templates folder cannot be read "
                         f"({exc.strerror or exc})") from exc
    return {entry.name: entry for entry in entries
            if entry.is_dir() and _LOCALE_FOLDER.match(entry.name)}


def templates_in(folder: Path) -> dict[DocumentKind, Path]:
    """The templates in ``folder``, by kind."""
    return {kind: folder / name for kind, name in TEMPLATE_FILES.items()
            if (folder / name).is_file()}


def catalogue_in(folder: Path) -> Path | None:
    """The folder's messages.po, if it has one. Anything at that name counts, a folder or a
    dangling link included, so that reading it says what is wrong (never the shipped words
    taken in its place)."""
    path = folder / CATALOGUE_FILE
    return path if os.path.lexists(path) else None


def shipped_sets() -> dict[str, TemplateSet]:
    """The template sets confdocs ships, by locale."""
    sets = {}
    for locale, folder in set_folders(templates_dir()).items():
        templates = templates_in(folder)
        if templates:
            sets[locale] = TemplateSet(locale, templates, frozenset(), catalogue_in(folder))
    return sets


@cache
def shipped_template_sets() -> TemplateSets:
    """The shipped sets alone, read once per process."""
    return TemplateSets(shipped_sets())


def load_sets(own_folder: Path | None = None, *, fallback: str | None = None) -> TemplateSets:
    """The shipped sets, with an organisation's own (``--templates DIR``) over them, and the
    fallback language, which must name a set. Raises InputError for a folder that does not
    exist, holds no template, or holds a file or folder that replaces nothing."""
    sets = shipped_sets()
    if own_folder is not None:
        for locale, own in _own_sets(own_folder).items():
            shipped = sets.get(locale)
            templates = dict(shipped.templates) if shipped else {}
            templates.update(own)
            catalogue = (catalogue_in(own_folder / locale)
                         if (own_folder / locale).is_dir() else None)
            if catalogue is None and shipped is not None:
                catalogue = shipped.catalogue
            sets[locale] = TemplateSet(locale, templates, frozenset(own), catalogue)
    chosen = TemplateSets(sets, None, own_folder)
    if fallback is not None:
        if not _LOCALE_FOLDER.match(fallback):
            raise InputError(f"--fallback-language {fallback!r}: write a locale, such as "
                             f"{REFERENCE_LOCALE}")
        if not all(chosen._candidates(fallback, kind) for kind in TEMPLATE_FILES):
            raise InputError(f"--fallback-language {fallback}: no complete template set in that "
                             f"language; the sets are {', '.join(chosen.locales)}")
        chosen = TemplateSets(sets, fallback, own_folder)
    for template_set in chosen.sets.values():
        if (template_set.catalogue is None and language(template_set.locale) != "en"):
            raise InputError(
                f"{(own_folder or templates_dir()) / template_set.locale}: no {CATALOGUE_FILE}; "
                f"copy {templates_dir() / 'messages.pot'} there as {CATALOGUE_FILE} and translate "
                "it (docs/languages.md)")
    return chosen


def _own_sets(folder: Path) -> dict[str, dict[DocumentKind, Path]]:
    """An organisation's sets: its locale subfolders, and its en-GB set directly in it."""
    if not folder.is_dir():
        raise InputError(f"{folder}: the templates directory does not exist")
    subfolders = set_folders(folder)
    flat = candidates(folder)
    sets: dict[str, dict[DocumentKind, Path]] = {}
    if flat or not subfolders:
        if flat and REFERENCE_LOCALE in subfolders:
            raise InputError(f"{folder}: templates directly in the folder are its {REFERENCE_LOCALE} "
                             f"set, and so is {folder / REFERENCE_LOCALE}; keep one of the two")
        sets[REFERENCE_LOCALE] = own_templates(folder, TEMPLATE_FILES)
    for locale, sub in subfolders.items():
        sets[locale] = own_templates(sub, TEMPLATE_FILES) if candidates(sub) else {}
        if not sets[locale] and not (sub / CATALOGUE_FILE).is_file():
            raise InputError(f"{sub}: the folder holds no template; put your own "
                             f"{', '.join(TEMPLATE_FILES.values())} (any of them) there")
    return sets


def folder_templates(folder: Path, *, own: bool) -> tuple[list[Path], dict[Path, str]]:
    """What ``templates check`` checks in a folder, as build would take it: the templates of each
    locale subfolder (and, in an organisation's folder, those directly in it, its en-GB set), and
    each file that replaces no template, with a message suggesting a name. For the shipped
    folder, every .docx of every set."""
    from .folder import misnamed

    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder")
    folders = list(set_folders(folder).values())
    if own:
        folders.insert(0, folder)
    targets: list[Path] = []
    wrong: dict[Path, str] = {}
    for each in folders:
        named = misnamed(each, TEMPLATE_FILES.values()) if own else {}
        wrong.update(named)
        targets.extend(p for p in candidates(each) if p.suffix.lower() == ".docx"
                       and p not in named and (not own or p.name in TEMPLATE_FILES.values()))
    if not targets and not wrong:
        raise InputError(f"{folder}: the folder holds no .docx template")
    return targets, wrong
