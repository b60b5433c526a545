"""Is each language's template set complete? What the reference set (en-GB) has that another lacks.

A translated set must make the same documents as the reference set, with the same sections, the
same fields and the same passages shown or left out for the same engagements: a French contract
that forgets the emergency provision, or a French set without the feedback annex, must be caught
before a client signs it. For every set but the reference one, ``compare_sets`` reports

- ``set-template-missing``: a kind of document the reference set has and the set lacks (unless a
  set of the same language has it, which an engagement in the set's locale then gets);
- ``set-clause-missing``: a section the reference template numbers (``{{ clause.emergency }}`` at
  the start of its heading; ``{{ clause.limit[...] }}`` counts as ``clause.limit``) that the set's
  template does not number, or a clause number it prints that the set's never prints;
- ``set-field-missing``: an engagement field the reference template prints that the set's never
  prints (``words.*`` differ by language by design, and are left out);
- ``set-condition-missing``: a conditional or repeated passage (an ``if`` or ``elif`` condition, a
  ``for`` loop's list) of the reference template without its counterpart: the set's template has
  fewer passages under that condition;
- ``set-message-missing``: a message the set's catalogue does not translate (no entry, an empty
  msgstr, or one marked fuzzy), among them each gendered form of a person's words (a set without
  the feminine form of "the coachee" is incomplete), or no catalogue at all for a set in another
  language than English;
- ``catalogue-unreadable``: a catalogue that cannot be read (unreadable input: exit 2);
- ``catalogue-message-invalid``: a message of the catalogue that no document can hold.

A folder holding only a catalogue (``templates/fr-FR/messages.po`` while the French templates are
being written) is a language in progress, not a template set: build uses no set there (an
engagement in that language fails to build, and validate warns). Its catalogue is checked; its
templates are not asked for until the first one is there.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import CatalogueUnreadable, TemplateError
from ..render.catalogue import (
    CATALOGUE_FILE,
    GENDERS,
    MESSAGES,
    REFERENCE_LOCALE,
    TEMPLATE_FILE,
)
from ..render.documents import TEMPLATE_FILES, DocumentKind
from ..render.sets import (
    TemplateSet,
    TemplateSets,
    catalogue_in,
    language,
    set_folders,
    shipped_sets,
    templates_in,
)
from ..resources import templates_dir
from .finding import TemplateFinding
from .outline import Outline, Passage, outline

# A folder named as a BCP 47 tag, as template_sets reads them.

# What a set without a kind of template cannot make.
_DOCUMENT: dict[DocumentKind, str] = {
    "contract": "confidentiality agreement", "annex": "feedback anonymity annex",
    "notice": "notice of disclosure", "decision": "record of a disclosure decision"}


def check_sets(own_folder: Path | None = None, *,
               reference: str = REFERENCE_LOCALE) -> list[TemplateFinding]:
    """What ``templates check`` reports about the sets of the shipped folder, or of an
    organisation's folder over the shipped one: every set compared with the reference set, and
    each template that cites a section its set's contract does not number (``references``)."""
    from .references import set_references

    sets = sets_to_check(own_folder)
    gaps = _as_the_organisation_gave(sets, reference, compare_sets(sets, reference=reference))
    return [*gaps, *_lost_from_shipped(sets, reference), *set_references(sets)]


_STRUCTURE = ("set-clause-missing", "set-field-missing", "set-condition-missing")


def _as_the_organisation_gave(sets: TemplateSets, reference: str,
                              gaps: list[TemplateFinding]) -> list[TemplateFinding]:
    """The gaps, as the organisation can act on them: what its own reference template has that
    a shipped template of another language lacks is no error of a template it never opened,
    for an organisation that may never build that language; it is one warning per template,
    saying which passages engagements in that language would not get (build still refuses
    their documents, as it must). Shipped sets against shipped sets, and an organisation's sets
    against each other, stay errors."""
    base = sets.sets.get(reference)
    if base is None or not base.own:
        return gaps
    shipped: dict[str, tuple[TemplateSet, DocumentKind]] = {}
    for each in sets.sets.values():
        for kind, path in each.templates.items():
            if kind in base.own and kind not in each.own and each.locale != reference:
                shipped.setdefault(str(path), (each, kind))
    grouped: dict[str, list[TemplateFinding]] = {}
    kept: list[TemplateFinding] = []
    for finding in gaps:
        if finding.code in _STRUCTURE and finding.template in shipped:
            grouped.setdefault(finding.template, []).append(finding)
        else:
            kept.append(finding)
    for template, found in grouped.items():
        each, kind = shipped[template]
        name = TEMPLATE_FILES[kind]
        lacks = "; ".join(f.place for f in found)
        codes = [f.code for f in found]
        kept.append(TemplateFinding(
            template, found[0].place,
            "set-condition-missing" if "set-condition-missing" in codes else codes[0], "warning",
            f"the shipped {each.locale} {name} has not what your {reference} {name} adds "
            f"({len(found)} thing{'s' * (len(found) > 1)}: {lacks}): engagements in "
            f"{each.locale} would not get it, so build refuses their {name} (their other "
            f"documents are made). If your organisation never sends documents in {each.locale}, "
            f"nothing needs doing; if it does, copy {template} to "
            f"{_folder(sets, each) / name} and translate what is new"))
    return kept


def _lost_from_shipped(sets: TemplateSets, reference: str) -> Iterator[TemplateFinding]:
    """What the shipped reference template has that the organisation's own lost: a numbered
    section, a field or a conditional passage every document made from it will lack (a
    warning: an organisation may mean to leave it out)."""
    base = sets.sets.get(reference)
    shipped = shipped_sets().get(reference)
    if base is None or shipped is None:
        return
    outlines = _Outlines()
    for kind in sorted(base.own):
        own, original = base.templates[kind], shipped.templates.get(kind)
        if original is None:
            continue
        ours, theirs = outlines.get(original, kind), outlines.get(own, kind)
        if ours is None or theirs is None:
            continue
        name = TEMPLATE_FILES[kind]
        for finding in _compare_outlines(str(own), f"shipped {reference}", f"your {reference}",
                                         name, ours, theirs):
            yield TemplateFinding(
                str(own), finding.place, finding.code, "warning",
                f"your {reference} {name} has not what the shipped one has at this place: every "
                f"document made from it will lack it. If you took it out on purpose, nothing "
                f"needs doing; if not, copy it back from {original}")


def sets_to_check(own_folder: Path | None = None) -> TemplateSets:
    """The sets as build would take them (``template_sets.load_sets``), but gathered without
    stopping at what the check reports: a set without its catalogue, a file that replaces no
    template (which the template check reports). A folder holding only a catalogue is a set
    without templates."""
    shipped = shipped_sets()
    sets: dict[str, TemplateSet] = dict(shipped)
    if own_folder is not None:
        for locale, (own, catalogue) in _own_sets(own_folder).items():
            base = shipped.get(locale)
            templates = {**(base.templates if base else {}), **own}
            if catalogue is None and base is not None:
                catalogue = base.catalogue
            sets[locale] = TemplateSet(locale, templates, frozenset(own), catalogue)
    for locale, folder in set_folders(templates_dir(), strict=False).items():
        if locale not in sets and (folder / CATALOGUE_FILE).is_file():
            sets[locale] = TemplateSet(locale, {}, frozenset(), folder / CATALOGUE_FILE)
    return TemplateSets(sets, None, own_folder)


def compare_sets(sets: TemplateSets, *, reference: str = REFERENCE_LOCALE) -> list[TemplateFinding]:
    """Every set but the reference one compared with it: what the reference set has that the set
    lacks, set by set (by locale), template by template. Never raises for a bad template or
    catalogue: a template that cannot be read is left to the template check."""
    base = sets.sets.get(reference)
    if base is None:
        return []
    outlines = _Outlines()
    findings: list[TemplateFinding] = []
    for locale in sorted(sets.sets):
        if locale == reference:
            continue
        each = sets.sets[locale]
        if each.templates:
            findings.extend(_compare_templates(sets, base, each, outlines))
        findings.extend(_check_catalogue(sets, each))
    return findings


def _compare_templates(sets: TemplateSets, base: TemplateSet, other: TemplateSet,
                       outlines: _Outlines) -> Iterator[TemplateFinding]:
    for kind, reference in base.templates.items():
        name = TEMPLATE_FILES[kind]
        template = other.templates.get(kind)
        if template is None:
            if not _in_same_language(sets, other, kind):
                where = _folder(sets, other) / name
                yield TemplateFinding(
                    str(where), "", "set-template-missing", "error",
                    f"the {other.locale} set has no {name}, which {base.locale} has "
                    f"({reference}): no {_DOCUMENT[kind]} can be made in {other.locale}. Write "
                    f"it in {other.locale} from the {base.locale} one and save it as {where}")
            continue
        if template == reference:
            continue
        ours, theirs = outlines.get(reference, kind), outlines.get(template, kind)
        if ours is None or theirs is None:
            continue  # one cannot be read: the template check says why
        yield from _compare_outlines(str(template), base.locale, other.locale, name, ours, theirs)


def _compare_outlines(template: str, base: str, locale: str, name: str, ours: Outline,
                      theirs: Outline) -> Iterator[TemplateFinding]:
    for key, heading in ours.headings.items():
        if key in theirs.headings:
            continue
        word = "clause" if key == "limit" else "section"
        yield TemplateFinding(
            template, f"{word} {heading.tag} ({heading.title})", "set-clause-missing", "error",
            f"the {locale} {name} has no {word} numbered {heading.tag}; the {base} one has it at "
            f"{heading.place}. Write the {word} in {locale}, with {heading.tag} at the start of "
            "its heading")
    for key, place in ours.clauses.items():
        if key in ours.headings or key in theirs.clauses:
            continue
        tag = f"{{{{ clause.{key} }}}}"
        yield TemplateFinding(
            template, f"{tag} (in the {base} {name}: {place})", "set-clause-missing", "error",
            f"the {locale} {name} never prints {tag}, which the {base} one prints at {place}: "
            "translate the sentence that cites that section, with its number")
    for path, place in ours.fields.items():
        if path in theirs.fields:
            continue
        yield TemplateFinding(
            template, f"field {path} (in the {base} {name}: {place})", "set-field-missing",
            "error",
            f"the {locale} {name} never prints {path}, which the {base} one prints at {place}: "
            "translate that passage with the field in it (docs/fields.md describes each field)")
    yield from _missing_passages(template, base, locale, name, ours.passages, theirs.passages)


def _missing_passages(template: str, base: str, locale: str, name: str,
                      ours: tuple[Passage, ...], theirs: tuple[Passage, ...],
                      ) -> Iterator[TemplateFinding]:
    """The passages of the reference template without a counterpart: for each condition (or
    loop), as many as the other template has fewer of them; which ones, by lining the two
    templates' passages up in document order, so that the finding points at the passage left
    out rather than at the first one with that condition."""
    key = _passage_key
    have = Counter(key(p) for p in theirs)
    short = {k: n - have[k] for k, n in Counter(key(p) for p in ours).items() if n > have[k]}
    if not short:
        return
    matcher = difflib.SequenceMatcher(None, [key(p) for p in ours], [key(p) for p in theirs],
                                      autojunk=False)
    matched = {block.a + i for block in matcher.get_matching_blocks() for i in range(block.size)}
    for index, passage in enumerate(ours):
        k = key(passage)
        if index in matched or not short.get(k):
            continue
        short[k] -= 1
        count = sum(1 for p in ours if key(p) == k)
        what = "repeated" if passage.kind == "for" else "shown"
        yield TemplateFinding(
            template, f"{passage.shown}, over {passage.guards} in the {base} {name}",
            "set-condition-missing", "error",
            f"the {locale} {name} has no counterpart of this passage, {what} under "
            f"{passage.shown} in the {base} one ({base} has {count} passage{'s' * (count > 1)} "
            f"under it, {locale} {have[k]}): translate the passage and put it under the same "
            f"{'loop' if passage.kind == 'for' else 'condition'}")


def _passage_key(passage: Passage) -> tuple[str, str]:
    return passage.kind, passage.key


class _Outlines:
    """Each template's outline, read once per check (the reference set's are read for every
    set compared with it)."""

    def __init__(self) -> None:
        self._read: dict[Path, Outline | None] = {}

    def get(self, path: Path, kind: DocumentKind) -> Outline | None:
        if path not in self._read:
            self._read[path] = outline(path, kind=kind)
        return self._read[path]


def _check_catalogue(sets: TemplateSets, each: TemplateSet) -> Iterator[TemplateFinding]:
    if each.catalogue is None:
        if language(each.locale) != language(REFERENCE_LOCALE):
            where = _folder(sets, each) / CATALOGUE_FILE
            yield TemplateFinding(
                str(where), "", "set-message-missing", "error",
                f"the {each.locale} set has no {CATALOGUE_FILE}, so its documents would have "
                f"English words in them (the role words, the grounds' labels, the titles): copy "
                f"{templates_dir() / TEMPLATE_FILE} to {where} and translate every msgstr")
        return
    from ..render.catalogue import load_catalogue

    try:
        missing = load_catalogue(each.locale, each.catalogue).missing()
    except TemplateError as exc:
        # Unreadable (exit 2, as a template that is no Word document), or a message that no
        # document can hold (a finding, exit 1): the build exits the same for each.
        code = ("catalogue-unreadable" if isinstance(exc, CatalogueUnreadable)
                else "catalogue-message-invalid")
        yield TemplateFinding(str(each.catalogue), "", code,
                              "error", str(exc).removeprefix(f"{each.catalogue}: "))
        return
    reasons = _why_untranslated(each.catalogue, missing)
    for context in missing:
        reason, absent = reasons[context]
        # A message the catalogue has no entry for came after it: msgmerge brings it in.
        advice = (f"bring the catalogue up to date with msgmerge --update {each.catalogue} "
                  f"{templates_dir() / TEMPLATE_FILE}, then translate it" if absent else
                  "translate it (in Poedit, say)")
        yield TemplateFinding(
            str(each.catalogue), f'msgctxt "{context}"', "set-message-missing", "error",
            f'"{MESSAGES[context]}"{_variant(context)} is not translated into {each.locale} '
            f"({reason}): {advice}")


def _variant(context: str) -> str:
    """Which form of a message a context is, when it is one of a person's (issue 22)."""
    form = context.rsplit(" ", 1)[-1]
    if form in GENDERS:
        return f" (its {form} form)"
    return " (its form for a form of address)" if form == "address" else ""


def _why_untranslated(path: Path, contexts: Iterable[str]) -> dict[str, tuple[str, bool]]:
    """Why each message is not translated, and whether the catalogue has no entry for it."""
    from ..render.catalogue import read_po_file

    catalog = read_po_file(str(path))  # read once already by load_catalogue: it can be read
    reasons = {}
    for context in contexts:
        message = catalog.get(MESSAGES[context], context=context)
        if message is None:
            reasons[context] = (f"{path.name} has no entry for it", True)
        elif message.fuzzy:
            reasons[context] = ("its translation is marked fuzzy, not yet confirmed", False)
        else:
            reasons[context] = ("its msgstr is empty", False)
    return reasons


def _in_same_language(sets: TemplateSets, other: TemplateSet, kind: DocumentKind) -> bool:
    """Whether an engagement in the set's locale gets this kind of document from another set of
    its language (fr-CA's contract, say, and fr-FR's annex)."""
    return any(kind in s.templates for s in sets.sets.values()
               if s is not other and language(s.locale) == language(other.locale))


def _folder(sets: TemplateSets, each: TemplateSet) -> Path:
    """Where a set's missing file goes: with ``--templates DIR``, the organisation's folder, where
    build takes it from before the shipped one."""
    return (sets.own_folder or templates_dir()) / each.locale


def _own_sets(folder: Path) -> dict[str, tuple[dict[DocumentKind, Path], Path | None]]:
    """An organisation's sets: each locale subfolder's templates and catalogue, and the templates
    directly in the folder, its en-GB set."""
    sets: dict[str, tuple[dict[DocumentKind, Path], Path | None]] = {}
    flat = templates_in(folder)
    if flat:
        sets[REFERENCE_LOCALE] = (flat, None)
    for locale, sub in set_folders(folder, strict=False).items():
        sets[locale] = ({**sets.get(locale, ({}, None))[0], **templates_in(sub)},
                        catalogue_in(sub))
    return sets
