"""Version 1 -> 2: what changed, what ``confdocs upgrade`` fills in, and what a person must decide.

Version 2 asks a contract to give the client the data-protection information the UK and EU GDPR
owe them (Article 13): ``records`` gained three required fields (``controller_contact``,
``lawful_basis``, ``supervisory_authority``); an empty list that a sentence introduces is refused;
the professional body's addresses must be web or mailto addresses; and the rules of the hard cases
(emergencies, consent, anonymity arithmetic, Article 9 conditions) refuse promises the documents
could not keep. A disclosure's Article 6 basis became a required choice (``lawful_basis``), filled
from the article its ``legal_basis`` text cites where it cites one; its Article 9 condition, where
its information needs one, is a person's to choose. docs/version-2.md says the same for people.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..errors import Finding
from . import law
from .rewrite import Rewrite

# The records fields version 2 requires.
REQUIRED = ("/records/controller_contact", "/records/lawful_basis",
            "/records/supervisory_authority")
# Lists version 2 refuses empty. The optional ones are left out when empty (it says the same);
# the others need an entry only a person can write.
OPTIONAL_LISTS = ("/parties/client/address", "/parties/sponsor/meetings",
                  "/professional_body/requirements")
LISTS = (*OPTIONAL_LISTS, "/feedback/about_client/content", "/feedback/from_others/report_recipients")
ADDRESSES = ("/professional_body/complaints_url", "/professional_body/code_of_ethics/url")
# The rules added with version 2 that a file written for version 1 can break (the others are
# about fields version 1 did not have).
RULES = frozenset({
    "records-special-category-no-condition", "feedback-overall-minimum-too-small",
    "feedback-merge-recoverable", "feedback-interviews-no-minimum", "disclosure-before-notice",
    "disclosure-not-sought-without-provision", "disclosure-no-legal-basis",
    "disclosure-self-disclosure-not-in-contract", "supervision-consulted-without-supervision",
    "engagement-id-reserved-name", "disclosure-id-case-clash",
    # Issue 21's contradictions, added before version 2 was released, are version 2's too.
    "disclosure-after-event-consent", "disclosure-consent-basis-protects-others",
    "feedback-unidentified-no-minimum", "feedback-unidentified-categories",
    "feedback-interviews-verbatim", "feedback-summary-no-organisation", "training-no-setting",
    # The legal story of a disclosure, told from its choices (issue 21).
    "disclosure-no-condition", "decision-no-condition", "legal-text-other-basis",
    "legal-text-other-regime", "disclosure-text-claims-consent", "records-regime-unknown",
    "records-regime-authority-mismatch", "legal-condition-not-in-regime",
})
# A disclosure's (and a decision's) Article 6 basis is a required choice in version 2.
_REQUIRED_BASIS = re.compile(r"^/(?:disclosures|decisions)/\d+/lawful_basis$")

# The supervisory authority of a locale's region, named in the locale's language: the one the
# documents of an engagement in that locale are written for. A region (or a language) not here
# is left for a person to write.
AUTHORITIES: Mapping[str, tuple[str, Mapping[str, str]]] = {
    "GB": ("https://ico.org.uk/make-a-complaint/",
           {"en": "the Information Commissioner's Office (ICO)"}),
    "IE": ("https://www.dataprotection.ie/", {"en": "the Data Protection Commission (DPC)"}),
    "FR": ("https://www.cnil.fr",
           {"fr": "la Commission nationale de l’informatique et des libertés (CNIL)",
            "en": "the Commission nationale de l'informatique et des libertés (CNIL)"}),
}


def upgrade(file: Rewrite) -> None:
    """Fill what version 2 requires where the file's other data gives it; leave out empty lists
    that version 2 refuses and that mean nothing when absent."""
    records = file.own.get("records")
    if isinstance(records, dict):
        known = _at(file.context, "/records") or {}
        if "controller_contact" not in known:
            contact = _controller_contact(file.context)
            if contact is not None:
                email, controller = contact
                file.fill("/records/controller_contact", email,
                          f"the practitioner's email, {email}, since {controller} (the "
                          "controller) is the practitioner or their organisation; write the "
                          "controller's privacy address instead if it has one",
                          after=("controller",))
        if "supervisory_authority" not in known:
            found = _authority(file.context)
            if found is not None:
                authority, locale = found
                file.fill("/records/supervisory_authority", authority,
                          f"{authority['name']}, the authority of the locale {locale}; check "
                          "that it is the one the client may complain to",
                          after=("controller_contact", "controller"))
    _disclosure_bases(file)
    for pointer in OPTIONAL_LISTS:
        if _at(file.own, pointer) == []:
            file.drop(pointer, "version 2 refuses an empty list where a sentence would "
                               "introduce it, and leaving the field out says the same")


def decides(finding: Finding) -> bool:
    """Whether ``finding``, on a file taken to version 2, is something version 2 asks that only
    a person can answer."""
    return ((finding.code == "schema-required" and (finding.pointer in REQUIRED
                                                    or bool(_REQUIRED_BASIS.match(finding.pointer))))
            or (finding.code == "schema-items" and finding.pointer in LISTS)
            or (finding.code == "schema-pattern" and finding.pointer in ADDRESSES)
            or finding.code in RULES)


def _disclosure_bases(file: Rewrite) -> None:
    """Each disclosure's lawful_basis, from the one Article 6 point its legal_basis cites; a
    disclosure with consent given and no legal_basis rested on that consent in version 1's
    letter. Any other is left for a person to choose."""
    disclosures = file.own.get("disclosures")
    if not isinstance(disclosures, list):
        return
    for index, disclosure in enumerate(disclosures):
        if not isinstance(disclosure, dict) or "lawful_basis" in disclosure:
            continue
        text = disclosure.get("legal_basis")
        cited = law.bases_cited(text) if isinstance(text, str) else set()
        pointer = f"/disclosures/{index}/lawful_basis"
        after = ("legal_basis", "consent_note", "consent")
        if len(cited) == 1:
            basis = cited.pop()
            file.fill(pointer, basis, f"{basis}, the basis whose article its legal_basis cites "
                                      f"(Article 6(1)({law.BASES[basis]})); the letter now cites "
                                      "it from this choice", after=after)
        elif text is None and disclosure.get("consent") == "given":
            file.fill(pointer, "consent", "consent, which version 1's letter rested the "
                                          "disclosure on (consent given, no legal_basis); choose "
                                          "another basis if the disclosure would have been made "
                                          "without it", after=after)


def _at(data: Any, pointer: str) -> Any:
    for token in pointer.split("/")[1:]:
        if not isinstance(data, dict) or token not in data:
            return None
        data = data[token]
    return data


def _controller_contact(context: Mapping[str, Any]) -> tuple[str, str] | None:
    """The practitioner's email and the controller's name, when the controller is the
    practitioner or the practitioner's organisation: writing to the practitioner reaches it."""
    controller = _at(context, "/records/controller")
    practitioner = _at(context, "/parties/practitioner")
    if not isinstance(controller, str) or not isinstance(practitioner, dict):
        return None
    email = practitioner.get("email")
    names = {str(practitioner.get(key, "")).strip().casefold() for key in ("name", "organisation")}
    if isinstance(email, str) and email and controller.strip().casefold() in names - {""}:
        return email, controller
    return None


def _authority(context: Mapping[str, Any]) -> tuple[dict[str, str], str] | None:
    """The supervisory authority of the file's locale (written in it or in its profiles; the
    default locale says nothing about where the client is), and that locale."""
    locale = context.get("locale")
    if not isinstance(locale, str):
        return None
    parts = locale.split("-")
    known = AUTHORITIES.get(parts[-1]) if len(parts) > 1 else None
    if known is None or parts[0] not in known[1]:
        return None
    url, names = known
    return {"name": names[parts[0]], "url": url}, locale
