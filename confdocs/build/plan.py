"""Which template each document of a build is made with, decided in the parent process.

For each engagement, its locale picks a template set per document kind (``template_sets``); each
template a build uses is checked (``templates check``, once per version) and compiled once, the
first time an engagement needs it, and refused for good if it has errors. What the workers get
is the outcome: for each kind, the template to use, or why there is none.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CatalogueUnreadable, InputError, TemplateError
from ..lint.finding import TemplateFinding
from ..render.catalogue import REFERENCE_LOCALE
from ..render.documents import DocumentKind
from ..render.sets import Choice, NoTemplateSet, TemplateSets


@dataclass(frozen=True)
class Use:
    """A template a worker renders a kind of document with, and the words and language it writes
    in. Plain strings only: it travels to worker processes with each engagement."""

    kind: DocumentKind
    template: str
    template_sha256: str  # what the manifest records of it; "" for a template only tried
    catalogue: str | None  # the words of its set: its messages.po, None for the en-GB words
    set_locale: str
    language: str
    # The sha256 of its catalogue file, which the manifest records as it does the template's:
    # a word changed in messages.po changes the documents. None without a catalogue.
    catalogue_sha256: str | None = None
    # The contract template of the engagement's set, whose sections every document's clause
    # numbers come from (a letter cites that contract's clauses); None: the shipped contracts'.
    contract: str | None = None

    @classmethod
    def chosen(cls, choice: Choice, template_sha256: str,
               catalogue_sha256: str | None = None, contract: str | None = None) -> Use:
        """The template a set gives a kind of document, with that set's words, numbered as the
        ``contract`` template of the engagement's set numbers its sections."""
        return cls(kind=choice.kind, template=str(choice.template),
                   template_sha256=template_sha256,
                   catalogue=str(choice.catalogue) if choice.catalogue else None,
                   set_locale=choice.set_locale, language=choice.language,
                   catalogue_sha256=catalogue_sha256, contract=contract)

    @classmethod
    def tried(cls, kind: DocumentKind, template: str, language: str,
              words_from: Choice | None, contract: str | None = None) -> Use:
        """A template tried outside any set (``confdocs render``), written in ``language``
        with the words of the set ``words_from`` comes from, or the en-GB words without one,
        numbered as ``contract`` numbers its sections. It has no fingerprint: no manifest
        records it."""
        return cls(kind=kind, template=template, template_sha256="",
                   catalogue=(str(words_from.catalogue) if words_from and words_from.catalogue
                              else None),
                   set_locale=words_from.set_locale if words_from else REFERENCE_LOCALE,
                   language=language, contract=contract)


@dataclass(frozen=True)
class RefusedTemplate:
    """A template that `templates check` rejects, or that does not compile: the documents that
    need it are not made. The plan records why; the build adds how many documents it kept from
    being made, once they are counted."""

    kind: DocumentKind
    template: str
    reason: str
    # Not a Word document at all, or its catalogue cannot be read: a usage error, as in
    # `templates check`.
    unreadable: bool
    documents: int = 0  # documents of this run that needed it


@dataclass(frozen=True)
class EngagementTemplates:
    """For one engagement: the templates to use by kind, the kinds whose template is refused,
    and the kinds no set covers (with the message saying so)."""

    uses: tuple[Use, ...] = ()
    refused: tuple[tuple[DocumentKind, str], ...] = ()  # kind, template path
    uncovered: tuple[tuple[DocumentKind, str], ...] = ()

    def shas(self) -> dict[str, str]:
        return {use.kind: use.template_sha256 for use in self.uses}

    def catalogue_shas(self) -> dict[str, str | None]:
        return {use.kind: use.catalogue_sha256 for use in self.uses}

    @property
    def kinds(self) -> tuple[DocumentKind, ...]:
        return tuple(use.kind for use in self.uses)


NO_TEMPLATES = EngagementTemplates()  # an input that cannot be read as an engagement


@dataclass
class TemplatePlan:
    """The templates of one build: sets, checks done, refusals, and what was used."""

    sets: TemplateSets
    only: Sequence[DocumentKind]
    findings: list[TemplateFinding] = field(default_factory=list)
    refusals: dict[str, RefusedTemplate] = field(default_factory=dict)  # by template path
    used: dict[str, tuple[str, bool]] = field(default_factory=dict)  # path -> (set, own)
    _shas: dict[str, str] = field(default_factory=dict)
    _catalogue_shas: dict[str, str] = field(default_factory=dict)
    _memo: dict[str, EngagementTemplates] = field(default_factory=dict)
    _set_findings: dict[str, list[TemplateFinding]] | None = None
    _reported: set[str] = field(default_factory=set)

    def for_locale(self, locale: str) -> EngagementTemplates:
        """The templates an engagement in ``locale`` gets (the same for every engagement of that
        locale, so worked out once)."""
        if locale not in self._memo:
            self._memo[locale] = self._for_locale(locale)
        return self._memo[locale]

    def _for_locale(self, locale: str) -> EngagementTemplates:
        uses: list[Use] = []
        refused: list[tuple[DocumentKind, str]] = []
        uncovered: list[tuple[DocumentKind, str]] = []
        contract = self._contract(locale)
        for kind in self.only:
            try:
                choice = self.sets.choose(locale, kind)
            except NoTemplateSet as exc:
                uncovered.append((kind, str(exc)))
                continue
            sha = self._checked(choice)
            if sha is None or (kind != "contract" and not self._cites_what_is_there(choice,
                                                                                   contract)):
                refused.append((kind, str(choice.template)))
                continue
            uses.append(Use.chosen(choice, _numbered(sha, kind, contract),
                                   self._catalogue_sha(choice), contract))
        return EngagementTemplates(tuple(uses), tuple(refused), tuple(uncovered))

    def _contract(self, locale: str) -> str | None:
        """The contract template whose sections the documents of ``locale`` cite: its set's,
        when it can be used; None (the shipped contracts' sections) when the set has none or it
        is refused, for then no contract is made and the build says why."""
        from ..render.numbering import contract_outline

        try:
            choice = self.sets.choose(locale, "contract")
        except NoTemplateSet:
            return None
        if "contract" in self.only:
            return str(choice.template) if self._checked(choice) is not None else None
        try:
            contract_outline(choice.template)
        except TemplateError:
            return None
        return str(choice.template)

    def _cites_what_is_there(self, choice: Choice, contract: str | None) -> bool:
        """Whether a letter, record or annex cites only sections its set's contract numbers,
        when that contract is not the one its own check read (refused, with the paragraphs,
        when it does not)."""
        from ..lint.references import contract_of, references_against
        from ..render.numbering import contract_outline

        path = str(choice.template)
        if contract is None or contract_of(choice.template) == Path(contract):
            return True
        if path in self.refusals:
            return False
        cited = references_against(choice.template, contract_outline(Path(contract)))
        if not cited:
            return True
        self.findings.extend(cited)
        self.refusals[path] = RefusedTemplate(
            choice.kind, path,
            f"it cites {len(cited)} time{'s' if len(cited) > 1 else ''} a section that the "
            f"contract {contract} does not number (listed above); take the references out, or "
            "put the sections back in the contract, and build again", False)
        return False

    def _catalogue_sha(self, choice: Choice) -> str | None:
        """The sha256 of the catalogue a choice writes with, read once per build."""
        if choice.catalogue is None:
            return None
        path = str(choice.catalogue)
        if path not in self._catalogue_shas:
            # Read and parsed already, with the template (_checked). Gone since: "" matches no
            # recorded hash, so its documents are made again, and their worker says what is
            # wrong with it.
            try:
                self._catalogue_shas[path] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
            except OSError:
                self._catalogue_shas[path] = ""
        return self._catalogue_shas[path]

    def _checked(self, choice: Choice) -> str | None:
        """The template's fingerprint for the manifest, once it passes the check and compiles;
        None when it is refused."""
        path = str(choice.template)
        if path in self._shas:
            return self._shas[path]
        if path in self.refusals:
            return None
        from ..lint.gate import check_once
        from ..render.template import load_template

        self.used[path] = (choice.set_locale, choice.own)
        try:
            checked = check_once(choice.template, kind=choice.kind)
        except InputError as exc:
            self.refusals[path] = RefusedTemplate(choice.kind, path, str(exc), True)
            return None
        self.findings.extend(checked.findings)
        if checked.errors:
            errors = len(checked.errors)
            self.refusals[path] = RefusedTemplate(
                choice.kind, path,
                f"{errors} error{'s' if errors > 1 else ''} (listed above); fix "
                f"{'them' if errors > 1 else 'it'} and build again (confdocs templates check "
                f"{path})", checked.unreadable)
            return None
        gaps = self._incomplete(choice)
        faults = {f.code for f in gaps} & {"catalogue-unreadable", "catalogue-message-invalid"}
        if faults:
            # Unreadable input (exit 2) or a message no document can hold (exit 1), as in
            # `templates check`.
            unreadable = "catalogue-unreadable" in faults
            self.refusals[path] = RefusedTemplate(
                choice.kind, path,
                f"the {choice.set_locale} set's catalogue {choice.catalogue} "
                f"{'cannot be read' if unreadable else 'has a message no document can hold'} "
                f"(listed above); mend it and build again (confdocs templates check "
                f"--templates {self.sets.own_folder})", unreadable)
            return None
        if gaps:
            self.refusals[path] = RefusedTemplate(
                choice.kind, path,
                f"the {choice.set_locale} set lacks what the en-GB set has (listed above), so "
                f"its documents would not say what the en-GB ones say; complete it and build "
                f"again (confdocs templates check --templates {self.sets.own_folder})", False)
            return None
        try:
            # Compiled here, so that forked workers inherit it, and the catalogue read, so that
            # a broken one is one clear error.
            sha = load_template(choice.template).fingerprint()
            self.sets.catalogue(choice)
        except TemplateError as exc:
            self.refusals[path] = RefusedTemplate(choice.kind, path, str(exc),
                                                  isinstance(exc, CatalogueUnreadable))
            return None
        self._shas[path] = sha
        return sha

    def _incomplete(self, choice: Choice) -> list[TemplateFinding]:
        """What the completeness check finds missing from this template, or from its set's
        catalogue (a message it lacks would print in English), when the build uses an
        organisation's own templates; the shipped sets are complete (their tests say so).
        Each finding is reported once."""
        if self.sets.own_folder is None:
            return []
        if self._set_findings is None:
            from ..lint.completeness import compare_sets

            self._set_findings = {}
            for finding in compare_sets(self.sets):
                if finding.is_error:
                    self._set_findings.setdefault(finding.template, []).append(finding)
        keys = [str(choice.template)] + ([str(choice.catalogue)] if choice.catalogue else [])
        found = [f for key in keys for f in self._set_findings.get(key, [])]
        for key in keys:
            if key in self._set_findings and key not in self._reported:
                self._reported.add(key)
                self.findings.extend(self._set_findings[key])
        return found

    def used_paths(self) -> list[Path]:
        return [Path(path) for path in self.used if path not in self.refusals]


def _numbered(sha: str, kind: DocumentKind, contract: str | None) -> str:
    """What the manifest records of a template: a letter's, a record's or an annex's numbers
    come from its set's contract, so an organisation's contract that numbers its sections
    otherwise than the shipped one makes them other documents (made again when it changes)."""
    from ..render.numbering import SHIPPED, contract_outline

    if kind == "contract" or contract is None:
        return sha
    sections = contract_outline(Path(contract)).sections
    if sections == SHIPPED.sections:
        return sha
    return hashlib.sha256(f"{sha}\0sections\0{','.join(sections)}".encode()).hexdigest()


