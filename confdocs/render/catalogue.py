"""The words that come from code, per language: gettext catalogues read with Babel.

A template set for a language (``templates/fr-FR/``) holds, beside its Word templates, a gettext
catalogue ``messages.po`` that translates every message below: what the documents call the parties
and the work (by kind of engagement, with the article forms a language needs), the labels of the
grounds of a limit of confidentiality, and the document titles. The reference language, en-GB,
needs no catalogue: its words are the messages themselves. ``templates/messages.pot`` lists every
message for translators' tools (Poedit, Weblate, Lokalize, msgmerge); ``python -m
confdocs.render.catalogue`` rewrites it from this module.

Each message is a gettext context (``msgctxt``, such as ``coaching the_client``) and its English
text (``msgid``, such as ``the coachee``).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

from ..engagement.source import INVALID_XML_CHARS
from ..errors import CatalogueUnreadable, TemplateError
from .pofile import parse_po

REFERENCE_LOCALE: Final = "en-GB"
# A catalogue of a few hundred messages is some 50 KB: anything near this is not one.
MAX_CATALOGUE_BYTES: Final = 10 * 1024 * 1024
# The longest message: the catalogue's are titles, headings and sentences. A longer one is a
# paste gone wrong, and a text of millions of characters is more than Word's readers (libxml2,
# python-docx) take in one run of a document.
MAX_MESSAGE_CHARACTERS: Final = 10_000
CATALOGUE_FILE: Final = "messages.po"
TEMPLATE_FILE: Final = "messages.pot"

# What the documents call the parties and the work, for each kind of engagement. Besides the bare
# words, the forms with an article: a language with genders and elision (le coach, l'organisme,
# du coaching, de la formation) cannot build them from the bare word, so each is a message.
_ROLE_WORDS: Final[Mapping[str, Mapping[str, str]]] = {
    "coaching": {"practitioner": "coach", "client": "coachee", "engagement": "coaching",
                 "session": "session", "sessions": "sessions"},
    "training": {"practitioner": "trainer", "client": "participant", "engagement": "training",
                 "session": "session", "sessions": "sessions"},
    "mentoring": {"practitioner": "mentor", "client": "mentee", "engagement": "mentoring",
                  "session": "meeting", "sessions": "meetings"},
    "membership": {"practitioner": "membership organisation", "client": "member",
                   "engagement": "membership", "session": "meeting", "sessions": "meetings"},
}
_FORMS: Final = (("the_{}", "the {}"), ("of_the_{}", "of the {}"), ("to_the_{}", "to the {}"))
_THIS: Final = ("this_engagement", "this {}")


def _kind_words(words: Mapping[str, str]) -> dict[str, str]:
    out = dict(words)
    for role in ("practitioner", "client", "engagement"):
        for key, text in _FORMS:
            out[key.format(role)] = text.format(words[role])
    out[_THIS[0]] = _THIS[1].format(words["engagement"])
    return out


# The words that name a person or agree with one. Each message has, besides its own form, which
# is the one for a person whose gender is not given (French writes it without a gendered form, as
# « la personne coachée »), a variant per grammatical gender (msgctxt "coaching the_client
# feminine"), chosen from the person's parties.*.gender.
GENDERS: Final = ("feminine", "masculine")
# Pronouns that stand for the client, in English's reference forms (what no gender given writes).
_CLIENT_PRONOUNS: Final[Mapping[str, Mapping[str | None, str]]] = {
    "client_he": {None: "they", "feminine": "she", "masculine": "he"},
    "client_him": {None: "them", "feminine": "her", "masculine": "him"},
}
# Each kind's words that refer to the client or to the practitioner, by the person they follow.
PERSON_WORDS: Final[Mapping[str, tuple[str, ...]]] = {
    "client": ("client", "the_client", "of_the_client", "to_the_client", *_CLIENT_PRONOUNS),
    "practitioner": ("practitioner", "the_practitioner", "of_the_practitioner",
                     "to_the_practitioner"),
}
# The practitioner's supervisor, whatever the kind of engagement, named or not.
SUPERVISOR_WORDS: Final[Mapping[str, Mapping[str | None, str]]] = {
    "a_supervisor": {None: "a supervisor"},
    "the_supervisor": {None: "the supervisor"},
    "to_the_supervisor": {None: "to the supervisor"},
    "their_supervisor": {None: "their supervisor"},
    "supervisor_he": {None: "they", "feminine": "she", "masculine": "he"},
}
# How a formal letter greets the client and takes leave: by the form of address the client gives
# (address), else by their gender, else in the form for no gender given. [name] is the name the
# client is greeted by (the preferred name, else the form of address, else the full name),
# [address] the form of address; a language's formal letter may use neither, so they are not
# {braces}, which gettext tools hold a translation to keep.
SALUTATIONS: Final[Mapping[str, str]] = {"salutation": "Dear [name]", "closing": "Yours sincerely"}
SALUTATION_FORMS: Final = (*GENDERS, "address")


def _kind_person_words(words: Mapping[str, str]) -> dict[str, str]:
    out = _kind_words(words)
    for key, forms in _CLIENT_PRONOUNS.items():
        out[key] = forms[None]
    return out


WORD_KEYS: Final = (*_kind_person_words(_ROLE_WORDS["coaching"]), *SUPERVISOR_WORDS,
                    *SALUTATIONS)

# What each word is, for the field guide and editors' autocompletion (coaching's words as example).
WORD_DESCRIPTIONS: Final[Mapping[str, str]] = {
    "practitioner": "The practitioner: coach (fr-FR: coach).",
    "client": "The client: coachee (fr-FR: coaché).",
    "engagement": "The work: coaching (fr-FR: coaching).",
    "session": "One session: session (fr-FR: séance).",
    "sessions": "Sessions: sessions (fr-FR: séances).",
    "the_practitioner": "The practitioner with its article: the coach (fr-FR: le coach).",
    "of_the_practitioner": "'of the' practitioner: of the coach (fr-FR: du coach).",
    "to_the_practitioner": "'to the' practitioner: to the coach (fr-FR: au coach).",
    "the_client": "The client with its article: the coachee (fr-FR: le coaché).",
    "of_the_client": "'of the' client: of the coachee (fr-FR: du coaché).",
    "to_the_client": "'to the' client: to the coachee (fr-FR: au coaché).",
    "the_engagement": "The work with its article: the coaching (fr-FR: le coaching).",
    "of_the_engagement": "'of the' work: of the coaching (fr-FR: du coaching).",
    "to_the_engagement": "'to the' work: to the coaching (fr-FR: au coaching).",
    "this_engagement": "'this' work: this coaching (fr-FR: ce coaching).",
    "client_he": "A pronoun for the client as a subject, agreeing with parties.client.gender: "
                 "they, she, he (fr-FR: elle, il; elle after « la personne coachée »).",
    "client_him": "A pronoun for the client after a preposition: them, her, him (fr-FR: elle, "
                  "lui).",
    "a_supervisor": "'a' supervisor, agreeing with parties.supervisor.gender (fr-FR: une "
                    "superviseure, un superviseur, une personne chargée de la supervision).",
    "the_supervisor": "The supervisor with its article (fr-FR: la superviseure, le "
                      "superviseur).",
    "to_the_supervisor": "'to the' supervisor (fr-FR: à la superviseure, au superviseur).",
    "their_supervisor": "The practitioner's supervisor (fr-FR: sa superviseure, son "
                        "superviseur).",
    "supervisor_he": "A pronoun for the supervisor as a subject: they, she, he (fr-FR: elle, "
                     "il).",
    "salutation": "How a formal letter greets the client, from parties.client.form_of_address, "
                  "gender, preferred_name and name: Dear Jonah (fr-FR: Madame, ; Monsieur, ; "
                  "Madame, Monsieur,).",
    "closing": "How a formal letter takes leave of the client: Yours sincerely (fr-FR: Je vous "
               "prie d'agréer, Madame, l'expression de mes salutations distinguées.).",
}

GROUNDS: Final[Mapping[str, str]] = {
    "legal": "legal", "organisational": "organisational", "wellbeing": "wellbeing",
    "safeguarding": "safeguarding", "professional": "professional",
}

TITLES: Final[Mapping[str, str]] = {
    "contract": "Confidentiality agreement",
    "annex": "Feedback anonymity annex",
    "notice": "Notice of disclosure",
    "decision": "Record of a disclosure decision",
}


# The data-protection law a document cites (confdocs.engagement.law holds the choices; these are
# their words). Each regime's full name, and "of" its regulation, as an article is cited.
LAW_NAMES: Final[Mapping[str, str]] = {
    "uk": "the UK GDPR and the Data Protection Act 2018",
    "eu-fr": "the EU General Data Protection Regulation (GDPR) and the French loi Informatique et "
             "Libertés",
    "eu-ie": "the EU General Data Protection Regulation (GDPR) and the Irish Data Protection Act "
             "2018",
}
LAW_OF_GDPR: Final[Mapping[str, str]] = {
    "uk": "of the UK GDPR", "eu-fr": "of the GDPR", "eu-ie": "of the GDPR"}
# Each Article 6 basis and Article 9 condition in plain words, as the documents name them.
BASIS_WORDS: Final[Mapping[str, str]] = {
    "consent": "consent",
    "contract": "the performance of a contract with the person concerned",
    "legal_obligation": "compliance with a legal obligation",
    "vital_interests": "vital interests, to protect someone’s life or physical safety",
    "public_task": "a task carried out in the public interest",
    "legitimate_interests": "legitimate interests",
}
CONDITION_WORDS: Final[Mapping[str, str]] = {
    "explicit_consent": "explicit consent",
    "employment": "obligations and rights in employment and social security law",
    "vital_interests": "the protection of someone’s vital interests when they cannot give "
                       "consent",
    "legal_claims": "the establishment, exercise or defence of legal claims",
    "safeguarding": "safeguarding of children and of individuals at risk",
    "health_or_social_care": "health or social care",
}
# How an article is cited: keep each {placeholder} as it is.
CITATIONS: Final[Mapping[str, str]] = {
    "article6": "Article 6(1)({point}) {of_gdpr}",
    "article9": "Article 9(2)({point}) {of_gdpr}",
    "schedule1": "{article9}, with paragraph {paragraph} of Schedule 1 to the Data Protection Act "
                 "2018",
    "article21": "Article 21 {of_gdpr}",
    "article85": "article 85 of the loi Informatique et Libertés",
}


# A document's full title: its kind's title, then the engagement's. A language's typography goes
# here (French puts a no-break space before the colon).
TITLE_WITH_ENGAGEMENT: Final = "{document}: {engagement}"


def _messages() -> dict[str, str]:
    """Every message, context -> English text, in the order translators see them."""
    messages: dict[str, str] = {}
    for kind, words in _ROLE_WORDS.items():
        person = {key for keys in PERSON_WORDS.values() for key in keys}
        for key, text in _kind_person_words(words).items():
            messages[f"{kind} {key}"] = text
            if key in person:
                for gender in GENDERS:
                    messages[f"{kind} {key} {gender}"] = _CLIENT_PRONOUNS.get(
                        key, {}).get(gender, text)
    for key, forms in SUPERVISOR_WORDS.items():
        messages[f"supervisor {key}"] = forms[None]
        for gender in GENDERS:
            messages[f"supervisor {key} {gender}"] = forms.get(gender, forms[None])
    for key, text in SALUTATIONS.items():
        messages[key] = text
        for form in SALUTATION_FORMS:
            messages[f"{key} {form}"] = text
    for ground, text in GROUNDS.items():
        messages[f"ground {ground}"] = text
    for kind, text in TITLES.items():
        messages[f"title {kind}"] = text
    messages["title with engagement"] = TITLE_WITH_ENGAGEMENT
    for regime, text in LAW_NAMES.items():
        messages[f"law {regime}"] = text
    for regime, text in LAW_OF_GDPR.items():
        messages[f"law {regime} of_gdpr"] = text
    for basis, text in BASIS_WORDS.items():
        messages[f"basis {basis}"] = text
    for condition, text in CONDITION_WORDS.items():
        messages[f"condition {condition}"] = text
    for citation, text in CITATIONS.items():
        messages[f"cite {citation}"] = text
    return messages


MESSAGES: Final[Mapping[str, str]] = _messages()

_COMMENTS: Final = {
    "ground": "The label of a ground of a limit of confidentiality, printed before its "
              "description (\"Legal. ...\"); it starts the sentence, so it is capitalised.",
    "title": "A document's title, in its properties and its PDF. \"title with engagement\" puts "
             "it before the engagement's title: keep {document} and {engagement} as they are.",
    "law": "The data-protection law of a regime (uk, eu-fr, eu-ie), by its full name, or (of_gdpr) "
           "as 'of' its regulation when an article is cited.",
    "basis": "An Article 6 lawful basis in plain words; it may start a sentence (capitalised "
             "then).",
    "condition": "An Article 9 condition for special-category data, in plain words.",
    "cite": "How an article is cited. Keep each {placeholder} as it is: {point} is a letter, "
            "{paragraph} a number, {of_gdpr} the regulation as 'law ... of_gdpr' writes it.",
}


def _comment(context: str) -> str:
    head = context.split(" ", 1)[0]
    variant = context.rsplit(" ", 1)[-1]
    if head in SALUTATIONS:
        return (f"How a formal letter {'greets' if head == 'salutation' else 'takes leave of'} "
                "the client: with no form given, for a client whose gender is not given; "
                "feminine, masculine: by the client's gender; address: when the client gives a "
                "form of address. [name] is the preferred name, else the form of address, else "
                "the full name; [address] the form of address. A language may use neither.")
    if variant in GENDERS:
        return (f"The form of \"{context.removesuffix(' ' + variant)}\" for a person whose "
                f"grammatical gender is {variant}: its role noun, article and agreement.")
    if head == "supervisor":
        return ("How the documents name the practitioner's supervisor, or a pronoun for them. "
                "With no gender given, write a form that needs none (« la personne chargée de "
                "la supervision »), never the masculine.")
    if head in _COMMENTS:
        return _COMMENTS[head]
    key = context.split(" ", 1)[1]
    if key in PERSON_WORDS["client"] or key in PERSON_WORDS["practitioner"]:
        return (f"What the documents of a {head} engagement call the parties ({key}), for a "
                "person whose gender is not given: write a form that needs none (« la personne "
                "coachée »), never the masculine. Its feminine and masculine variants follow.")
    return (f"What the documents of a {head} engagement call the parties and the work "
            f"({key}).")


@dataclass(frozen=True)
class People:
    """Who the words agree with: each person's grammatical gender (feminine, masculine, or None
    for none given), the name a letter greets the client by, and the client's form of address."""

    client: str | None = None
    practitioner: str | None = None
    supervisor: str | None = None
    greeted: str = ""
    address: str | None = None


@dataclass(frozen=True)
class Catalogue:
    """The words of one language: each message's translation (the English text for en-GB)."""

    locale: str
    path: Path | None  # None: the reference language, whose words are the messages
    translations: Mapping[str, str]

    def get(self, context: str) -> str:
        return self.translations.get(context) or MESSAGES[context]

    def words(self, kind: str, people: People | None = None) -> dict[str, object]:
        """``words`` in a template's context: the role words for this kind of engagement, each
        in the form of its person's gender (``people``; none given when left out), how a
        letter greets the client and takes leave, and ``words.ground``, the label of each
        ground."""
        people = people or People()
        genders = {"client": people.client, "practitioner": people.practitioner}
        out: dict[str, object] = {}
        for key in _kind_person_words(_ROLE_WORDS["coaching"]):
            role = next((r for r, keys in PERSON_WORDS.items() if key in keys), None)
            out[key] = self._variant(f"{kind} {key}", genders.get(role or ""))
        for key in SUPERVISOR_WORDS:
            out[key] = self._variant(f"supervisor {key}", people.supervisor)
        form = "address" if people.address else people.client
        for key in SALUTATIONS:
            text = self._variant(key, form)
            out[key] = text.replace("[name]", people.greeted).replace(
                "[address]", people.address or people.greeted)
        out["ground"] = {ground: self.get(f"ground {ground}") for ground in GROUNDS}
        return out

    def _variant(self, context: str, form: str | None) -> str:
        return self.get(f"{context} {form}") if form else self.get(context)

    def citation(self, name: str, **values: str) -> str:
        """The citation ``name`` (``cite article6``...) with ``values`` in its placeholders; a
        translation that loses a placeholder falls back to the reference form, so a citation
        never loses its article."""
        form = self.get(f"cite {name}")
        if any("{" + key + "}" not in form for key in values):
            form = CITATIONS[name]
        for key, value in values.items():
            form = form.replace("{" + key + "}", value)
        return form

    def title(self, kind: str, engagement: str | None = None) -> str:
        """The title of a document of ``kind``; with ``engagement`` (the engagement's title),
        the full title, as the language writes it. A translation that loses a placeholder
        falls back to the reference form, so a title never loses a part."""
        document = self.get(f"title {kind}")
        if engagement is None:
            return document
        form = self.get("title with engagement")
        if "{document}" not in form or "{engagement}" not in form:
            form = TITLE_WITH_ENGAGEMENT
        return form.replace("{document}", document).replace("{engagement}", engagement)

    def missing(self) -> list[str]:
        """The messages this catalogue does not translate (none for the reference language)."""
        if self.path is None:
            return []
        return [context for context in MESSAGES if not self.translations.get(context)]


REFERENCE: Final = Catalogue(REFERENCE_LOCALE, None, {})


def load_catalogue(locale: str, path: Path | None) -> Catalogue:
    """The catalogue of a template set: its ``messages.po`` (``path``), or the reference words
    when the set is en-GB and has none. Raises CatalogueUnreadable for a catalogue that cannot be
    read, TemplateError for a message no document can hold."""
    if path is None:
        return REFERENCE
    try:
        status = os.stat(path)
    except OSError as exc:
        raise CatalogueUnreadable(
            f"{path}: the catalogue cannot be read ({exc.strerror or exc})") from exc
    if not stat.S_ISREG(status.st_mode):
        # A folder, a device (/dev/zero) or a FIFO: never read, never taken for the words.
        raise CatalogueUnreadable(f"{path}: the catalogue is not a regular file; put the set's "
                                  "messages.po there")
    if status.st_size > MAX_CATALOGUE_BYTES:
        raise CatalogueUnreadable(f"{path}: the catalogue is larger than the "
                                  f"{MAX_CATALOGUE_BYTES // 1048576} MiB a catalogue may be")
    return _read(locale, str(path), status.st_mtime_ns, status.st_size)


def read_po_file(path: str) -> Any:
    """The Babel catalogue of the file at ``path``, read within the size a catalogue may be
    (see ``render.pofile``). Raises CatalogueUnreadable."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_CATALOGUE_BYTES + 1)  # it may have grown since its stat
    except OSError as exc:
        raise CatalogueUnreadable(
            f"{path}: the catalogue cannot be read ({exc.strerror or exc})") from exc
    if len(raw) > MAX_CATALOGUE_BYTES:
        raise CatalogueUnreadable(f"{path}: the catalogue is larger than the "
                                  f"{MAX_CATALOGUE_BYTES // 1048576} MiB a catalogue may be")
    return parse_po(path, raw)


@lru_cache(maxsize=64)
def _read(locale: str, path: str, mtime_ns: int, size: int) -> Catalogue:
    catalog = read_po_file(path)
    translations: dict[str, str] = {}
    for message in catalog:
        if not message.id or message.fuzzy or not isinstance(message.string, str):
            continue  # the header, an entry a translator has not confirmed, or a plural
        if message.context and message.string.strip():
            forbidden = INVALID_XML_CHARS.search(message.string)
            if forbidden:
                # Word's Shift+Enter (U+000B) pasted into a title: the document could not be
                # opened. Said here, where check and build both read the catalogue. The file
                # can be read: a problem found in it (exit 1), not unreadable input.
                raise TemplateError(
                    f"{path}:{message.lineno}: the message {message.context!r} holds "
                    f"U+{ord(forbidden.group()):04X}, a character a Word document cannot hold "
                    "(a line break typed with Shift+Enter, or text pasted from elsewhere); "
                    "delete it, or write a space")
            if len(message.string) > MAX_MESSAGE_CHARACTERS:
                raise TemplateError(
                    f"{path}:{message.lineno}: the message {message.context!r} is "
                    f"{len(message.string):,} characters long, more than the "
                    f"{MAX_MESSAGE_CHARACTERS:,} a message may be (a title, a heading or a "
                    "sentence); write the translation itself")
            translations[message.context] = message.string
    return Catalogue(locale, Path(path), translations)


def template_text() -> str:
    """The catalogue template (messages.pot) translators start from. Its entries are written by
    Babel's PO writer, which escapes what a message may hold (``"``, ``\\``, line breaks); the
    header is fixed, with no creation date or Babel version, so the shipped file only changes
    when a message does."""
    import io

    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    header = "\n".join([
        "# The words confdocs documents take from code, for translators.",
        "# Copy this file to templates/<locale>/messages.po and translate each msgstr;",
        "# docs/languages.md says how to add a language.",
        'msgid ""',
        'msgstr ""',
        '"Project-Id-Version: confdocs\\n"',
        '"MIME-Version: 1.0\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Content-Transfer-Encoding: 8bit\\n"',
        "",
    ])
    catalog = Catalog(project="confdocs", charset="utf-8")
    for context, text in MESSAGES.items():
        catalog.add(text, context=context, auto_comments=[_comment(context)])
    entries = io.BytesIO()
    write_po(entries, catalog, width=0, omit_header=True)
    return header + "\n" + entries.getvalue().decode("utf-8")


def main() -> int:
    from ..resources import templates_dir

    path = templates_dir() / TEMPLATE_FILE
    path.write_text(template_text(), encoding="utf-8")
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
