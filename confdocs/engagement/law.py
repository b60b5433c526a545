"""The data-protection law an engagement's documents cite, as data: the regimes, the Article 6
lawful bases, the Article 9 conditions, and how free text names them.

The documents never print a citation typed by hand: they write it from these choices (the
render stage reads the letters and numbers here), and the rules (``legal_rules``) refuse free
text that names another basis or another regime than the one chosen, so that a letter cannot
tell two legal stories at once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, Final, NamedTuple
from urllib.parse import urlsplit

# The regimes confdocs can cite: the UK GDPR with the Data Protection Act 2018, or the EU GDPR
# with a member state's law (France: loi Informatique et Libertés; Ireland: Data Protection Act
# 2018). A regime is the law of the supervisory authority the client complains to.
REGIMES: Final = ("uk", "eu-fr", "eu-ie")
UK: Final = "uk"
# Each regime's name, for messages (the documents name it in their own language).
REGIME_NAMES: Final[Mapping[str, str]] = {
    "uk": "the UK GDPR and the Data Protection Act 2018",
    "eu-fr": "the EU GDPR and the loi Informatique et Libertés",
    "eu-ie": "the EU GDPR and the Irish Data Protection Act 2018"}

# The regime of each supervisory authority confdocs knows, by its web address's host (without
# "www.") and by the words of its name.
_AUTHORITY_HOSTS: Final[Mapping[str, str]] = {
    "ico.org.uk": "uk", "cnil.fr": "eu-fr", "dataprotection.ie": "eu-ie"}
_AUTHORITY_NAMES: Final = (
    (re.compile(r"\bICO\b|Information Commissioner", re.IGNORECASE), "uk"),
    (re.compile(r"\bCNIL\b|informatique et (?:des )?libert", re.IGNORECASE), "eu-fr"),
    (re.compile(r"\bDPC\b|Data Protection Commission", re.IGNORECASE), "eu-ie"),
)

# Article 6(1): each lawful basis and its point.
BASES: Final[Mapping[str, str]] = {
    "consent": "a", "contract": "b", "legal_obligation": "c", "vital_interests": "d",
    "public_task": "e", "legitimate_interests": "f"}
# The bases a person may object to (Article 21), and those that give portability (Article 20).
OBJECTION_BASES: Final = frozenset({"public_task", "legitimate_interests"})
PORTABILITY_BASES: Final = frozenset({"consent", "contract"})


class Condition(NamedTuple):
    """An Article 9(2) condition: its point, and the paragraph of Schedule 1 to the UK's Data
    Protection Act 2018 that the UK GDPR asks for beside it (None: none is needed, or the
    condition is not one of the UK's)."""

    point: str
    schedule_1: int | None
    uk_only: bool = False


# The Article 9 conditions a practitioner's disclosure or record can rest on. Safeguarding of
# children and of individuals at risk is a substantial public interest (Article 9(2)(g)) that
# only UK law names (DPA 2018, Schedule 1, paragraph 18): under the EU GDPR a member state's law
# would have to, so it is offered only under the UK regime.
CONDITIONS: Final[Mapping[str, Condition]] = {
    "explicit_consent": Condition("a", None),
    "employment": Condition("b", 1),
    "vital_interests": Condition("c", None),
    "legal_claims": Condition("f", None),
    "safeguarding": Condition("g", 18, uk_only=True),
    "health_or_social_care": Condition("h", 2),
}

# The grounds of a limit whose disclosures are, in practice, about someone's health or safety:
# special-category information, which needs an Article 9 condition.
SPECIAL_GROUNDS: Final = frozenset({"wellbeing", "safeguarding"})


def authority_regime(authority: object) -> str | None:
    """The regime of a supervisory authority (``records.supervisory_authority``), by its address
    or its name; None for one confdocs does not know."""
    if not isinstance(authority, Mapping):
        return None
    url = authority.get("url")
    if isinstance(url, str):
        try:
            host = (urlsplit(url).hostname or "").removeprefix("www.")
        except ValueError:
            host = ""
        if host in _AUTHORITY_HOSTS:
            return _AUTHORITY_HOSTS[host]
    name = authority.get("name")
    if isinstance(name, str):
        for pattern, regime in _AUTHORITY_NAMES:
            if pattern.search(name):
                return regime
    return None


def regime_of(data: Mapping[str, Any]) -> str | None:
    """The regime an engagement's documents cite: ``records.regime`` when it is written, else
    the regime of its supervisory authority; None when neither says."""
    records = data.get("records")
    if not isinstance(records, Mapping):
        return None
    written = records.get("regime")
    if isinstance(written, str) and written in REGIMES:
        return written
    return authority_regime(records.get("supervisory_authority"))


def needs_condition(entry: Mapping[str, Any], ground: str | None) -> bool:
    """Whether a disclosure or decision needs an Article 9 condition: its information is
    special-category, or its limit's ground is wellbeing or safeguarding."""
    return bool(entry.get("special_category")) or ground in SPECIAL_GROUNDS


# --- How free text names a basis, a regime or a consent ------------------------------------------

# An Article 6(1) citation: "Article 6(1)(d)", "art. 6.1.d", "article 6, paragraphe 1, point d".
_ARTICLE_6 = re.compile(
    r"\b6\s*\(\s*1\s*\)\s*\(\s*([a-f])\s*\)"
    r"|\b6\s*\.\s*1\s*\.\s*([a-f])\b"
    r"|\b6\s*,?\s*(?:paragraphe|par\.|§)\s*1\s*,?\s*(?:point|sous|alinéa|lettre|lit\.?)?\s*"
    r"\(?([a-f])\)?(?![a-z])",
    re.IGNORECASE)
_POINTS: Final = {point: basis for basis, point in BASES.items()}

# The words that name a basis, in English and French. The contract basis is named only by its
# article: "contract" is too common a word in these texts to mean the basis.
_BASIS_WORDS: Final[Mapping[str, re.Pattern[str]]] = {
    "consent": re.compile(r"\bconsent(?:s|ed)?\b|\bconsentement\b", re.IGNORECASE),
    "legal_obligation": re.compile(r"\blegal (?:obligation|duty)|\bobligation légale"
                                   r"|\bthe law (?:requires|obliges|compels)\b|\brequired by law\b"
                                   r"|\blegally (?:required|obliged|bound)\b"
                                   r"|\bla loi (?:m.|nous |me )?(?:oblige|impose|exige)",
                                   re.IGNORECASE),
    "vital_interests": re.compile(r"\bvital interests?\b|\bintérêts? vita", re.IGNORECASE),
    "public_task": re.compile(r"\bpublic task\b|\bmission d.intérêt public", re.IGNORECASE),
    "legitimate_interests": re.compile(r"\blegitimate interests?\b|\bintérêts? légitimes?\b",
                                       re.IGNORECASE),
}
# A word that names a basis in order to deny it ("without your consent") does not claim it.
_DENIED = re.compile(r"\b(?:without|not|no|never|cannot|nor|sans|pas|ni|aucun)\b[^.;]{0,30}$",
                     re.IGNORECASE)

# A consent claimed as given, in the words people use for it: "you gave your consent", "you said
# yes", "you were happy for me to", "with your permission", "vous avez accepté", "vous m'avez dit
# oui", "avec votre accord". Each has the client agree: "the limits we agreed" is the contract.
_APOSTROPHE = "['\u2019]"
_PERMISSION = (r"(?:consent|agreement|permission|approval|authori[sz]ation|blessing|go-ahead"
               r"|ok|okay)")
_ACCORD = r"(?:accord|consentement|autorisation|permission|aval|assentiment|feu vert)"
# Pronouns between "vous" and its verb: "vous m'avez", "vous l'aviez", "vous y avez".
_VOUS = rf"\bvous (?:(?:m{_APOSTROPHE}|l{_APOSTROPHE}|nous |me |le |la |les |y |en )\s*)*"
CONSENT_CLAIM = re.compile(
    rf"\byou(?:{_APOSTROPHE}ve|{_APOSTROPHE}d| have| had)?(?: also| already| clearly)? "
    rf"(?:(?:gave|given)(?: me| us| it)? (?:your |me your |the |an? )?(?:full |explicit )?"
    rf"{_PERMISSION}|agreed|consented|accepted|approved|authori[sz]ed|okayed|said yes"
    rf"|told me yes|said (?:that )?(?:it was|that was) (?:fine|ok|okay|all right)"
    rf"|(?:told me|said) (?:that )?you (?:agreed|consented|were (?:happy|fine|content))"
    rf"|(?:had|have) no objection)\b"
    rf"|\byou(?:{_APOSTROPHE}re| were| are) (?:happy|content|fine|comfortable|ok|okay|willing) "
    rf"(?:for|with|that|to)\b|\byou (?:were|are) in agreement\b"
    rf"|\bwith your (?:full |explicit )?{_PERMISSION}\b|\byour consent,? given\b"
    rf"|\bas you (?:had )?agreed\b|\bat your (?:own )?request\b"
    rf"|{_VOUS}(?:avez|aviez) (?:bien |déjà |aussi )?(?:(?:donné|exprimé|accordé) "
    rf"(?:votre |son )?(?:plein |entier )?{_ACCORD}|accepté|consenti|approuvé|autorisé"
    rf"|acquiescé|dit oui|répondu oui"
    rf"|dit (?:que )?(?:c{_APOSTROPHE}était|vous étiez) (?:bien )?d{_APOSTROPHE}accord)"
    rf"|\bvous (?:étiez|êtes) (?:tout à fait |bien )?d{_APOSTROPHE}accord\b"
    rf"|\bavec votre (?:plein |entier )?{_ACCORD}\b|\bà votre demande\b",
    re.IGNORECASE)
# What before a claim, in its clause, denies it or makes it a condition: "it is not true that
# you agreed", "if you agreed", "même si vous avez accepté", "sans". A clause ends at a stop, a
# comma or a colon, or at "but", "and", "mais", "et".
_CLAIM_DENIED = re.compile(
    r"\b(?:not|no|never|cannot|nor|neither|without|if|unless|whether|sans|pas|ni|jamais|si"
    r"|sauf|aucun|s.ils?)\b(?:(?!\b(?:but|and|yet|mais|et|puis)\b)[^.;:,!?])*$", re.IGNORECASE)


# More ways of saying it, found by the second review of issue 21: a request, a permission, a
# wish, or an objection not raised ("you did not object" claims a consent: its "not" is part of
# the claim, not a denial of it).
CONSENT_CLAIM_MORE = re.compile(
    rf"\bas you (?:had )?(?:requested|asked|wished|wanted)\b"
    rf"|\byou(?:{_APOSTROPHE}ve| have| had)? (?:permitted|allowed|signed (?:it |this |that )?off"
    rf"|(?:wanted|asked) me to (?:go ahead|tell|report|share|pass|contact|call|let|inform"
    rf"|speak to|write to|raise)(?! (?:you|yourself|it yourself|nothing|only)\b)"
    rf"|did not object|didn{_APOSTROPHE}t object|raised no objection"
    rf"|made no objection)\b"
    rf"|{_VOUS}(?:étiez|êtes) (?:tout à fait |bien )?favorable"
    rf"|{_VOUS}(?:avez|aviez) (?:souhaité|voulu|demandé) que\b|{_VOUS}(?:avez|aviez) bien voulu"
    rf"|\bvous n{_APOSTROPHE}(?:y )?(?:voyiez|voyez|aviez|avez) (?:vu )?(?:pas|aucune) "
    rf"(?:d{_APOSTROPHE})?objection|\bvous ne vous y (?:êtes|étiez) pas opposée?s?\b",
    re.IGNORECASE)


def _first_claim(text: str, patterns: tuple[re.Pattern[str], ...]) -> str | None:
    """The first match of ``patterns`` in ``text`` not denied or made a condition in its clause."""
    for pattern in patterns:
        for match in pattern.finditer(text):
            if not _CLAIM_DENIED.search(text[:match.start()]):
                return match.group()
    return None


def consent_claimed(text: str) -> str | None:
    """The words of ``text`` that say the client agreed, if any ("you said yes", "avec votre
    accord"); a claim denied or made a condition in its clause ("not with your agreement",
    "if you agreed") is none."""
    return _first_claim(text, (CONSENT_CLAIM, CONSENT_CLAIM_MORE))


# A refusal, in the words people use for it: said where consent was given, the letter would
# tell two stories ("You have given your consent… You told me you do not agree").
CONSENT_REFUSED = re.compile(
    rf"\byou(?:{_APOSTROPHE}ve| have| had)? (?:refused|declined|said no|objected|opposed)\b"
    rf"|\byou (?:do|did|would)(?: not|n{_APOSTROPHE}t) (?:agree|consent|want)\b"
    rf"|\b(?:against|despite) your (?:wishes|will|objection|refusal)\b"
    rf"|\bwithout your (?:{_PERMISSION})\b"
    rf"|\bvous n{_APOSTROPHE}(?:êtes|étiez|étiez) pas d{_APOSTROPHE}accord"
    rf"|{_VOUS}(?:avez|aviez) refusé|\bvous n{_APOSTROPHE}(?:acceptiez|acceptez|avez pas accepté)"
    rf"|\bvous ne (?:souhaitez|souhaitiez|voulez|vouliez) pas\b"
    rf"|\bcontre votre (?:gré|volonté|avis)\b|\bsans votre {_ACCORD}\b",
    re.IGNORECASE)


def refusal_said(text: str) -> str | None:
    """The words of ``text`` that say the client refused, if any (a refusal itself denied, "I
    would not act against your wishes", is none)."""
    return _first_claim(text, (CONSENT_REFUSED,))


@lru_cache(maxsize=64)
def recorded(subjects: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The claim of consent, and of a refusal, as a record writes them in the third person, of
    the client named by ``subjects`` (their names) or by a pronoun or their role."""
    names = "|".join(re.escape(s) for s in subjects if s)
    who = (rf"(?:{names + '|' if names else ''}he|she|they|the (?:client|coachee|mentee|member"
           rf"|participant|trainee)|il|elle|iel|le coaché|la coachée|l{_APOSTROPHE}adhérente?"
           rf"|le participant|la participante|le mentoré|la mentorée)")
    after = (r"(?=\s*[.;,!]|\s*$| that\b| to (?:it|this|that|its|my|our|me|us)\b"
             r"| to (?:the |this |that )?(?:disclosure|referral|report|sharing)\b)")
    claim = re.compile(
        rf"\b{who} (?:has |had )?(?:agreed|consented){after}"
        rf"|\b{who} (?:has |had )?accepted (?:it|this|that|the (?:disclosure|referral|report))\b"
        rf"|\b{who} (?:was|is|had been) (?:happy|content|fine|willing|comfortable) "
        rf"(?:for|with|that|to)\b|\b{who} (?:has |had )?said yes\b"
        rf"|\b{who} (?:has |had )?(?:gave|given) (?:me |us )?(?:his|her|their) (?:full |explicit )?"
        rf"{_PERMISSION}\b|\bwith (?:his|her|their) (?:full |explicit )?{_PERMISSION}\b"
        rf"|\b{who} (?:a|avait) (?:donné|exprimé|accordé) son (?:plein )?{_ACCORD}"
        rf"|\b{who} (?:a|avait) (?:consenti|accepté)\b|\bavec son (?:plein )?{_ACCORD}\b"
        rf"|\b{who} (?:est|était|a été) (?:tout à fait |bien )?d{_APOSTROPHE}accord\b"
        rf"|\b{who} (?:y )?(?:consent|consentait|accepte|acceptait)\b"
        rf"|\b{who} ne s{_APOSTROPHE}y (?:oppose|opposait) pas\b",
        # Not a wish or a request ("Daniel asked me to tell the Chair"): a client who refused
        # asks for limits in the same words ("asked me to tell the Chair only the two facts",
        # "nothing about his health"), and the eleventh and twelfth reviews of issue 21 found
        # such honest notes refused.
        re.IGNORECASE)
    refusal = re.compile(
        rf"\b{who} (?:has |had )?(?:refused|declined|objected|said no)\b"
        rf"|\b{who} (?:did|does|would)(?: not|n{_APOSTROPHE}t) (?:agree|consent|want)\b"
        rf"|\bagainst (?:his|her|their) (?:wishes|will|objection)\b"
        rf"|\b{who} (?:a|avait) refusé\b|\b{who} n{_APOSTROPHE}(?:a|avait) pas (?:donné son "
        rf"{_ACCORD}|accepté|consenti)|\bcontre son (?:gré|avis)\b"
        rf"|\b{who} n{_APOSTROPHE}(?:est|était) pas d{_APOSTROPHE}accord\b"
        rf"|\b{who} (?:refuse|refusait)\b|\b{who} ne (?:souhaite|souhaitait|veut|voulait) pas\b"
        rf"|\b{who} s{_APOSTROPHE}y (?:oppose|opposait)\b",
        re.IGNORECASE)
    return claim, refusal


def recorded_consent_claimed(text: str, subjects: tuple[str, ...]) -> str | None:
    """A claim of consent in a third-person record (or a second-person one quoted in it)."""
    claim, _ = recorded(subjects)
    return _first_claim(text, (claim, CONSENT_CLAIM_RECORDED, CONSENT_CLAIM, CONSENT_CLAIM_MORE))


def recorded_refusal_said(text: str, subjects: tuple[str, ...]) -> str | None:
    """A refusal said in a third-person record (or a second-person one quoted in it)."""
    _, refusal = recorded(subjects)
    return _first_claim(text, (refusal, CONSENT_REFUSED))


# The same claim in the third person, as a practitioner's record writes it ("Daniel gave his
# consent", "the client agreed to the disclosure"); a negation ("had not agreed"), or agreeing to
# something else ("the client agreed to see their GP"), does not match.
CONSENT_CLAIM_RECORDED = re.compile(
    r"\b(?:gave|given) (?:his|her|their) (?:consent|agreement)\b"
    r"|\b(?:he|she|they|the (?:client|coachee|mentee|member|participant|trainee)) "
    r"(?:has |had )?(?:agreed|consented) to (?:it\b|(?:the |this |that |its )?"
    r"(?:disclosure|sharing|passing|report))"
    r"|\ba (?:donné|exprimé) son (?:accord|consentement)\b|\ba consenti\b",
    re.IGNORECASE)

# What names each regime in free text. "GDPR" alone, and "RGPD" in French, name the regulation
# whichever regime: only the words below tell one regime from another.
_REGIME_WORDS: Final[Mapping[str, re.Pattern[str]]] = {
    "uk": re.compile(r"\bUK[- ]GDPR\b|\bUK Data Protection Act\b|\bSchedule 1\b|\bICO\b"
                     r"|Information Commissioner"
                     r"|\bUnited Kingdom\b|\bRoyaume-Uni\b|\bbritannique",
                     re.IGNORECASE),
    "eu": re.compile(r"\bEU GDPR\b|\bRegulation \(EU\) 2016/679|\brèglement \(UE\) 2016/679"
                     r"|\bRGPD\b", re.IGNORECASE),
    "eu-fr": re.compile(r"Informatique et Libert|\bloi n° ?78-17|\bCNIL\b", re.IGNORECASE),
    # The UK's and Ireland's acts share the name: said alone, it is either's, never France's.
    "dpa-2018": re.compile(r"\bData Protection Act 2018\b", re.IGNORECASE),
    "eu-ie": re.compile(r"\bData Protection Act 2018 \(IE\)|\bIreland\b|\bIrlande\b|\birlandais"
                        r"|\bData Protection Commission\b|\bDPC\b", re.IGNORECASE),
}


def bases_cited(text: str) -> set[str]:
    """The bases ``text`` cites by their Article 6(1) point."""
    return {_POINTS[next(g for g in match.groups() if g).lower()]
            for match in _ARTICLE_6.finditer(text)}


def bases_named(text: str) -> set[str]:
    """The bases ``text`` cites or names in words (a word denied, "without your consent", does
    not count)."""
    named = bases_cited(text)
    if consent_claimed(text):
        named.add("consent")  # "you said yes when we first talked" names consent as a basis
    for basis, pattern in _BASIS_WORDS.items():
        for match in pattern.finditer(text):
            if not _DENIED.search(text[:match.start()]):
                named.add(basis)
                break
    return named


# "rests on", "is based on", "repose sur": what follows names the basis the text claims.
_RESTS_ON = re.compile(r"\b(?:rests?|resting|relies|rely|relying|based|founded|grounded) "
                       r"(?:up)?on\b|\brepose(?:nt)? sur\b|\bfondée?s? sur\b", re.IGNORECASE)


def bases_rested_on(text: str) -> set[str]:
    """The bases ``text`` says something rests on, in words ("this disclosure rests on your
    consent"), unless it denies it ("does not rest on your consent")."""
    named = set()
    for match in _RESTS_ON.finditer(text):
        if _DENIED.search(text[:match.start()]):
            continue
        following = re.split(r"[.;]", text[match.end():match.end() + 60], maxsplit=1)[0]
        named |= {basis for basis, pattern in _BASIS_WORDS.items() if pattern.search(following)}
    return named


# What settles a disclosure's outcome in a letter's free text comes in two kinds (the tenth
# review of issue 21). The first is a closed class of words that dismiss the client's say in
# terms: a concession ("I will still report it", "anyway", « quand même »), an objection said to
# change nothing, a rule said to leave the writer no choice, a confidence said not to be kept.
# Beside a letter that promises to weigh an objection, or not to disclose if consent is
# withdrawn, these tell a second story, and are an error. The second kind is any statement of
# a duty ("I must report this", "the Chair has to be told"): practitioners hedge such sentences
# in more ways than a list can hold ("may have to", "before I decide"), so it is a warning.
# A verb of telling someone, in any of its forms ("report", "sharing", "disclosed", "speak to
# the Chair"), never the client ("tell you", "speaking to you"): a stem, then the rest of its
# word, then not "you".
_TELLING = (r"(?:report|disclos|pass|refer|rais|shar|escalat|flag|tell|inform(?!ation)"
            r"|let(?:s|ting)?\b(?!')"
            r"|notif|alert|contact|(?<!the )(?<!a )(?<!our )call|phone|ring"
            r"|(?:speak|speaking|write|writing) to(?! you\b)"
            r"|(?:hear|hears|hearing) about)\w*\b(?! you\b)")
_TOLD = (rf"(?:{_TELLING}|(?:be |been )?(?:told|informed|notified|alerted|made aware)\b"
         r"(?! of your))")
_DIRE = (r"(?:signal|préven|prévien|inform(?!\w* vous\b)(?!ation)|transm|divulgu|communiqu"
         r"|alert|avert|saisi|(?<!vous )en parl|parler à (?!vous)|dirai|dire à (?!vous)|partag|appel"
         r"|f(?:ai(?:re|s)|erai) part"
         r"|mettr\w* au courant|mise? au courant|avis(?:er|ée?s?|erai)\b)")

# "If you object, I will still…" without its comma: the condition is the client's, and the
# clause that follows it is the writer's, so a comma is put where the writer left it out.
_CLIENT_IF = re.compile(
    r"\b((?:even )?if you (?:object|refuse|disagree|say no|withdraw|change your mind|do not agree"
    r"|don't agree)\w*(?: (?:to (?:it|this|that)|your consent))?"
    r"|(?:même )?si vous (?:vous y opposez|refusez|retirez votre consentement|changez d.avis"
    r"|n.êtes pas d.accord))(?=\s+[^\s,])", re.IGNORECASE)

WHATEVER_DECIDED = re.compile(
    r"\bwhatever you (?:decide|say|want|wish|think)\b|\beven if you (?:do not|don.t) agree\b"
    r"|\bregardless of (?:your|what you)\b|\bquelle que soit votre (?:décision|réponse|position)\b"
    r"|\beven if you (?:object\w*|refuse\w*|change your mind|changed your mind|withdr\w+)"
    r"|\b(?:I|we) (?:have|had) no (?:other )?(?:choice|option|alternative)\b"
    r"|\b(?:regardless|whatever happens|in any (?:case|event)|whether or not you (?:agree|object))\b"
    r"|\b(?:I am|we are) (?:required|obliged|bound|duty-bound) to (?:report|disclose|pass|tell"
    r"|inform|notify)\b"
    r"|\bje (?:suis|me vois) (?:dans l.obligation|tenue?|obligée?|contrainte?) d(?:e |')"
    r"(?!vous\b)|\bje me dois d(?:e |')(?!vous\b)"
    r"|\bje n.ai (?:pas )?d.autre (?:choix|option|solution) que\b"
    r"|\bdans tous les cas\b|\bquoi que vous (?:décidiez|disiez|pensiez)\b"
    r"|\bque vous soyez d.accord ou non\b|\bque vous le vouliez ou non\b"
    r"|\b(?:either way|no matter what)\b|\bde toute (?:façon|manière)\b|\bquoi qu.il arrive\b"
    r"|\bmême si vous (?:vous y opposez|refusez|retirez|changez d.avis|n.acceptez pas"
    r"|n.êtes pas d.accord)"
    r"|\bje n.ai pas le choix\b"
    r"|\b(?:although|even though|though|while) you (?:have )?(?:object|refuse|disagree"
    r"|do not agree)\w*|\bwhether you (?:agree|object|like it)\w* or not\b"
    r"|\bwhatever your (?:answer|decision|view|views|response|wishes|objection)\b"
    r"|\bwith or without your (?:agreement|consent|permission)\b"
    r"|\bavec ou sans votre (?:accord|consentement|autorisation)\b"
    r"|\b(?:I|we) do not have (?:a|any) (?:choice|option|alternative)\b"
    r"|\beven without your (?:consent|agreement|permission)\b"
    r"|\bwhether or not you (?:change your mind|consent)\b"
    r"|\bmême sans votre (?:accord|consentement|autorisation)\b"
    r"|\bque vous (?:changiez d.avis|soyez d.accord|acceptiez|refusiez|vous y opposiez)"
    r" ou (?:non|pas)\b"
    r"|\bmême si (?:je sais que )?vous (?:n.êtes pas d.accord|refusez|vous y opposez)"
    r"|\ben tout état de cause\b|\bbien que vous (?:vous y opposiez|refusiez"
    r"|ne soyez pas d.accord)|\bd.accord ou (?:pas|non)\b",
    re.IGNORECASE)

OVERRIDDEN = re.compile(
    # A concession beside a disclosure: "I will still report it", "I'll report it anyway".
    rf"\b(?:I|we)(?: (?:will|would|shall|must|am|are|do))? still (?:\w+ ){{0,3}}?{_TOLD}"
    rf"|\b{_TELLING}\w*(?: \S+){{0,4}}? anyway\b"
    rf"|\b(?:even so|nevertheless|nonetheless|all the same),? (?:\w+ ){{0,4}}?{_TOLD}"
    r"|\b(?:despite|in spite of|notwithstanding|regardless of) (?:any|your|an?|the) (?:\w+ )?"
    r"(?:objection|refusal|wish|disagreement|view|decision)"
    rf"|\b{_DIRE}\w*(?: \S+){{0,4}}? (?:quand|tout de) même\b"
    rf"|\b(?:quand|tout de) même (?:que je |que j.)?(?:(?!vous\b)\S+ ){{0,2}}?{_DIRE}"
    r"|\bmalgré (?:votre|toute|son|une|leur) (?:éventuelle )?(?:opposition|refus|désaccord"
    r"|objection|avis)"
    # An objection said to change nothing, or outweighed before it is made.
    r"|\b(?:your |an |any |the )?(?:objection|objecting|refusal|refusing|disagreement"
    r"|withdrawal|withdrawing(?: your consent)?|changing your mind)s?(?: from you)? (?:will not"
    r"|would not|does not|do not|cannot|could not|can not) "
    r"(?:change (?:anything(?! (?:between|about|in))|the outcome|my decision"
    r"|that|this)|make (?:any|the slightest) difference|alter (?:that|this|the outcome)"
    r"|alter (?:my decision|the decision)|stop (?:me|the disclosure|this|the report"
    r"|the referral))\b"
    r"|\b(?:opposition|refus|objection) n.empêchera pas\b"
    r"|\bnothing you (?:say|do|decide)(?: \w+){0,2} (?:can|will|could) change\b"
    r"|\b(?:that|this) (?:does|will) not change anything\b(?! (?:between|about|in))"
    r"|\bno way (?:around|round|out of)\b"
    r"|\b(?:the |my |this )?(?:report|disclosure|referral) will (?:still )?go ahead\b"
    r"|\bmy decision is final\b|\bis (?:mandatory|compulsory)\b"
    r"|\b(?:the|my) decision has (?:already )?been (?:made|taken)\b"
    r"|\bj.ai pris ma décision\b|\bit is not your (?:decision|choice)\b"
    rf"|\b(?:I|we) do not have (?:a|any) choice about {_TELLING}"
    r"|\bce n.est pas à vous de\b"
    rf"|\bnéanmoins (?:\S+ ){{0,2}}?{_DIRE}|\b{_DIRE}\w*(?: \S+){{0,3}}? néanmoins\b"
    r"|\bcomme (?:l.exige|le prévoit impérativement) (?:la|le|les|l.)\b"
    r"|\bcomme (?:la|le|les|l.)\S* ?\S+ m.y (?:oblige|contraint)\b"
    r"|\bprévaut sur (?:toute|votre) (?:éventuelle )?opposition\b"
    r"|\b(?:it|this) is not (?:up to you|your (?:choice|decision))\b"
    r"|\b(?:will not|would not|does not|cannot) affect whether (?:the|your) \S+ (?:is|will be)"
    r" (?:told|informed)\b|\byour (?:agreement|consent|permission) is not (?:needed|required)\b"
    r"|\b(?:I|we) will not change (?:my|our) minds?(?! about)\b"
    r"|\bce n.est pas (?:à vous|votre choix|votre décision)\b"
    r"|\bne m.empêche(?:ra)? pas d(?:e |')(?!vous\b)"
    rf"|\bis not what you want,? but (?:\S+ ){{0,4}}?(?:{_TELLING}|be told|be informed)"
    r"|\ba disclosure (?:I|we) (?:must|have to) make\b"
    r"|\boutweighs? anything you (?:might|may|could) say\b"
    r"|\bil ne m.est pas possible de garder\b"
    rf"|\b(?:does|will|would|can|could) not stop me (?:from )?{_TELLING}"
    rf"|\b(?:I am|we are|I will be) going ahead(?: with {_TELLING}|\s*[.;])"
    r"|\bnot something you can stop\b|\byou cannot stop (?:this|it|the disclosure|me)\b"
    r"|\bdoes not change what I (?:have to|must|need to) do\b"
    r"|\bn.ai pas le droit de garder\b"
    rf"|\b(?:respect that|understand(?: that)?|(?:have )?taken (?:that|this|it) into account"
    rf"|je le respecte|je le comprends|j.en ai tenu compte),? (?:but|mais) (?:\S+ ){{0,4}}?"
    rf"(?:{_TELLING}|{_DIRE}|told|informed|prévenue?|informée?)"
    r"|\b(?:will not|would not|does not|cannot|can not|could not) change the fact that\b"
    r"|\bgo ahead(?: \S+){0,3}? anyway\b"
    r"|\b(?:takes? priority over|outweighs?|overrides?|prevails? over) (?:your|any) "
    r"(?:\w+ (?:and|or) (?:your|any) )?(?:wishes|right to object|objections?|refusal|views)\b"
    r"|\b(?:cannot|not something I can) leave (?:this |it )?unreported\b"
    r"|\b(?:signalement|divulgation|transmission)(?: \S+){0,4}? est (?:obligatoire|impératif"
    r"|incontournable)\b"
    r"|\bma décision est (?:prise|définitive|arrêtée)\b"
    r"|\bne (?:me laisse|m.a laissé) pas (?:le|d.autre) choix\b"
    r"|\bne m.empêchera pas de (?!vous\b)"
    r"|\bne (?:modifiera|changera) pas ma décision\b"
    r"|\b(?:overrides?|outweighs?|prevails? over|trumps?) (?:any|your|an?) (?:\w+ )?"
    r"(?:objection|refusal|opposition)"
    r"|\bn.y changer(?:a|ait) rien\b|\brien n.y changer(?:a|ait)\b"
    r"|\bne changer(?:a|ait) rien à (?:ma décision|cela|la décision)"
    r"|\b(?:opposition|objection|refus|désaccord) ne (?:changera|changerait|change) rien\b"
    r"|\bl.emporte(?:ra|rait)? sur (?:toute|votre|une|son) (?:éventuelle )?"
    r"(?:opposition|objection|refus)"
    # A rule said to leave the writer no choice.
    rf"|\b(?:requires?|obliges?|compels?|forces?) me to {_TELLING}"
    rf"|\brequires? that (?:I|we) {_TELLING}"
    rf"|\b(?:I am|we are) (?:required|obliged|bound) by (?:\S+ ){{1,5}}?to {_TELLING}"
    rf"|\b(?:I have|I have got|it is my|I bear) (?:a |the )?responsibility to (?:\w+ )?{_TELLING}"
    r"|\bleft (?:me )?with no (?:option|choice|alternative)\b|\bnot optional\b"
    r"|\bno (?:option|choice|alternative|discretion) but to\b"
    r"|\bleaves? me no (?:option|choice|discretion|alternative)\b"
    rf"|\bm.(?:oblige|impose|contraint|force)(?:ra|rait)? (?:à|de|d.) (?:(?!vous\b)\S+ ){{0,2}}?{_DIRE}"
    rf"|\bil m.appartient de (?:(?!vous\b)\S+ ){{0,2}}?{_DIRE}"
    rf"|\b(?:serai|suis|vais être) amenée? à (?:(?!vous\b)\S+ ){{0,2}}?{_DIRE}"
    r"|\bme verr(?:ai|ais) dans l.obligation de\b"
    # A confidence said not to be kept.
    r"|\b(?:cannot|can not|am not able to|am unable to|will not be able to|am not in a position"
    r" to|could not|not something I can) (?:agree to )?(?:keep|hold) (?:this|it|that|these|them|what you"
    r" (?:told me|said))? ?(?:back )?(?:confidential|private|secret|to myself|to ourselves"
    r"|between us|(?:secret |hidden )?from (?!you\b))"
    r"|\b(?:ne (?:peux|pourrai|pourrais) pas|ne suis pas en mesure de) garder (?:cela|ça|ceci"
    r"|ces faits|ces informations|tout cela|le secret)\b(?: \S+)? ?(?:pour moi|confidentiel\w*"
    r"|secret\w*)?",
    re.IGNORECASE)

# A duty the writer states as theirs ("I must report this", "I'll have to tell the Chair",
# "this has to go to the Chair", « il faut que je signale »), unless it is told to the client
# ("I have to share this with you first").
DUTY_STATED = re.compile(
    rf"\b(?:I|we)(?:{_APOSTROPHE}ll| will| shall| am going to| are going to| would)? ?"
    rf"(?:must|have to|have got to|{_APOSTROPHE}ve got to|need to|needs to|am obliged to"
    rf"|am bound to|am duty-bound to|{_APOSTROPHE}m (?:obliged|bound|duty-bound) to"
    rf"|have (?:a|an) (?:duty|obligation) to|am under (?:a|an) (?:duty|obligation) to"
    rf"|cannot keep this confidential and must|must,? and (?:I|we) will,?)"
    rf" (?:\w+ ){{0,2}}?{_TELLING}\b"
    rf"|\b(?:it|this|that|these|they|which) (?:has|have|needs|need|must|will have) to "
    rf"(?:go to|be (?:reported|disclosed|passed on|referred|shared|escalated))\b"
    rf"|\b(?:it|this|that)(?: has|{_APOSTROPHE}s) got to (?:go to|be reported)\b"
    rf"|(?<!\byou )(?<!\bnothing )\b(?:(?:has|have|needs?|will have) to|must) be "
    rf"(?:reported|disclosed|passed on|referred|told|informed|notified|alerted|made aware)\b"
    rf"|(?<!\byou )(?<!\bnothing )\b(?:must|has to|needs to|need to) (?:know|be shared with)\b"
    rf"|\b(?:requires?|demands?) (?:\w+ ){{1,4}}?to be (?:reported|disclosed|passed on"
    rf"|referred)\b"
    rf"|\b(?:impose|exige)(?:nt)? que (?:\S+ ){{0,4}}?soi(?:t|ent) (?:signalée?s?|transmise?s?"
    rf"|divulguée?s?)\b|\bil est impératif (?:de |d')(?:(?!vous\b)\S+ ){{0,2}}?{_DIRE}"
    rf"|\bit is my (?:professional )?duty to {_TELLING}\b|\bas (?:I|we) (?:must|have to)\b"
    # A decision said as made, beside a letter that says an objection is weighed first.
    rf"|\b(?:within|under|part of) my (?:\w+ )?duty to {_TELLING}"
    rf"|\bas (?:the|our|its|their|this) (?:\w+ ){{0,3}}?(?:policy|procedure|code|rules?|law)"
    rf" requires\b"
    rf"|\bje suis (?:tenue?|obligée?) (?:au|à un) signalement\b"
    rf"|\b(?:I|we) have made up (?:my|our) minds? to (?:\w+ ){{0,2}}?{_TELLING}\b"
    rf"|\b(?:I|we) have (?:now |already )?decided (?:that (?:I|we) (?:will|must) |to )"
    rf"(?:\w+ ){{0,2}}?{_TELLING}\b"
    rf"|\bj{_APOSTROPHE}ai (?:donc |déjà )?décidé d(?:e |{_APOSTROPHE})(?:(?!vous\b)\S+ ){{0,2}}?"
    rf"{_DIRE}"
    rf"|\b(?:I am|I.m) going to have to (?:report|disclose|tell|pass|refer|inform)\b"
    rf"|\b(?:I am|I.m) (?:compelled|forced) to (?:\w+ )?{_TELLING}"
    rf"|\bje (?:vais devoir|dois|devrai|me dois d(?:e |e$|{_APOSTROPHE})"
    rf"|suis (?:dans l{_APOSTROPHE}obligation|contrainte?|tenue?|obligée?|forcée?)"
    rf" d(?:e |e$|{_APOSTROPHE})"
    rf"|(?:vais être|serai|me vois|me verrai) (?:tenue?|obligée?|contrainte?|forcée?)"
    rf" d(?:e |e$|{_APOSTROPHE})"
    rf"|n{_APOSTROPHE}ai (?:pas )?d{_APOSTROPHE}autre choix que d(?:e |e$|{_APOSTROPHE})"
    rf"|ne peux pas faire autrement que d(?:e |e$|{_APOSTROPHE}))\s*"
    rf"(?:(?!vous\b)[\w'’]+\s+){{0,2}}?{_DIRE}"
    rf"|(?<!s')\bil (?:me )?(?:faut|faudra) (?:que j(?:e |{_APOSTROPHE})(?:le |les |l{_APOSTROPHE}"
    rf"|en |lui |leur )?)?{_DIRE}"
    rf"|\b(?:il est de mon devoir|j{_APOSTROPHE}ai (?:l{_APOSTROPHE}obligation|le devoir))"
    rf" d(?:e |{_APOSTROPHE})(?:(?!vous\b)\S+ ){{0,2}}?{_DIRE}"
    rf"|\bje dois en parler à (?!vous)"
    rf"|(?<=\bet )dois (?:le |la |les |l.)?(?:signaler|divulguer|transmettre)\b"
    rf"|\b(?:doi(?:t|vent)|devr(?:a|ont)) (?:être (?:signalée?s?|divulguée?s?|transmise?s?"
    rf"|informée?s?|prévenue?s?|avertie?s?|alertée?s?|saisie?s?|mise?s? au courant)|savoir)\b",
    re.IGNORECASE)

# A duty hedged in its clause ("the Chair may have to be told", « il faudra peut-être »), or told
# to the client ("I need to raise this with you first"), settles nothing.
_HEDGED = re.compile(r"\b(?:may|might|could|would|perhaps|possibly|peut-être|pourrait|pourrais"
                     r"|pourra|éventuellement)\b(?:(?!\b(?:but|and|mais|et)\b)[^.;:,!?])*$",
                     re.IGNORECASE)
_TO_THE_CLIENT = re.compile(r"^\s*(?:\S+\s+){0,4}?(?:(?:with|to) you|avec vous)\b",
                            re.IGNORECASE)

# English contractions written out before matching, so that each pattern need not spell both
# forms ("I'll still need to" is "I will still need to", "can't" is "cannot").
_CONTRACTION = re.compile(
    r"\b(?:(I|we|you|they|it|that)'(ll|d|m|ve|re|s)|(wo|ca|sha)n't|(\w+)n't)\b", re.IGNORECASE)
_LONG = {"ll": " will", "d": " would", "m": " am", "ve": " have", "re": " are", "s": " is"}
_NEGATED = {"wo": "will not", "ca": "cannot", "sha": "shall not"}


def _expanded(text: str) -> str:
    """``text`` with its English contractions written out, its curly apostrophes straight, and
    a comma after a condition that is the client's ("if you object I will still…")."""
    def longer(match: re.Match[str]) -> str:
        subject, ending, special, stem = match.groups()
        if subject:
            return subject + _LONG[ending.lower()]
        if special:
            return _NEGATED[special.lower()]
        return f"{stem} not"
    text = re.sub(r"\b(it|that|this)'s got\b", r"\1 has got", text.replace("\u2019", "'"),
                  flags=re.IGNORECASE)
    text = _CONTRACTION.sub(longer, text)
    return _CLIENT_IF.sub(r"\1,", text)


# What denies or narrows a disclosure ("I still will not tell anyone", « m'impose de ne
# transmettre que », "nothing will be passed on"), and what narrows it just after the words
# ("requires me to share only the two facts"). The negations that are the words' own ("your
# objection won't change anything", « je ne peux pas garder cela pour moi ») are not these.
_NEGATED_DISCLOSURE = re.compile(
    rf"\b(?:not|never|ne|n')\s+(?:\w+\s+)?(?:{_TELLING}|{_DIRE}|be told|be informed)"
    r"(?![^.;]{0,60}\bqu(?:e\b|'))",
    re.IGNORECASE)
# "Only" spares a sentence when it makes the disclosure wait on the client ("only with your
# agreement", "only if", « que si »), not when it limits what is told ("only the two facts",
# the thirteenth review of issue 21); "no one else" and "nothing more" limit, they deny nothing.
_NOTHING_DISCLOSED = re.compile(
    r"\b(?:nothing(?! more)|rien(?! de plus)|no one(?! else)|nobody(?! else)"
    r"|personne(?! d.autre)|(?<!whatever )(?<!what )you decide|vous qui (?:décidez|gardez)"
    r"|vous décidez si|up to you"
    r"|your choice|votre choix|you remain in charge|à vous de|whether to"
    r"|what you (?:have )?agreed|ce que vous avez accepté|do not (?:yet )?know whether"
    r"|only\b[^.;]{0,25}\b(?:if|with your|after|once|when|until)"
    r"|(?:seulement|uniquement) (?:si|avec|après)|qu.avec votre|que si"
    r"|qu.(?:après|une fois|lorsque|quand))\b", re.IGNORECASE)
# A sentence that says the outcome is still open settles nothing, whatever else it says.
# What qualifies a whole sentence as still open ("…, subject to any objection").
_SUBJECT_TO = re.compile(r"\bsubject to (?:any|your) objection|\bsous réserve de (?:votre|toute) "
                         r"(?:éventuelle )?opposition|\byou (?:can|may) (?:still )?object\b"
                         r"|\bvous pouvez (?:toujours )?vous y opposer\b", re.IGNORECASE)
_STILL_OPEN = re.compile(
    r"\bsubject to (?:any|your) objection|\bsous réserve de (?:votre|toute) (?:éventuelle )?"
    r"opposition|\b(?:have|has) not (?:yet )?decided\b|\bnot yet decided\b"
    r"|\bn.ai pas (?:encore )?décidé\b|\brien n.est (?:encore )?décidé\b"
    r"|\bdo not (?:yet )?know whether\b|\bne sais pas (?:encore )?si\b", re.IGNORECASE)
_ONLY_AFTER = re.compile(r"^\s*(?:\S+\s+)?(?:only|que)\b", re.IGNORECASE)
# A disclosure in a sentence: what "whatever you decide" must stand beside to settle one.
_DISCLOSURE_SAID = re.compile(
    rf"(?<!\bbefore I )(?<!\buntil I )(?<!\bavant tout )(?<!\bavant de )(?<!\bvous )"
    rf"(?<!\bbefore anything is )(?<!\bbefore it is )(?<!\bd'informer )(?<!\bavant d')"
    rf"(?<!\bbefore anything )(?<!\bbefore it )(?<!\babout )(?<!\bwhether to )"
    rf"\b(?:{_TOLD}|{_DIRE}|go(?:es)? to|go ahead|aller à|the report)", re.IGNORECASE)
# A clause whose subject is the client ("you can still raise it", « vous pouvez quand même en
# parler ») settles nothing of the writer's.
_CLIENT_SUBJECT = re.compile(
    r"(?<!\bfrom )(?<!\bde )\b(?:you|vous) (?:can|may|might|could|will|would|are|have|decide"
    r"|remain|keep|pouvez|pourrez|pourriez|décidez|avez|êtes|gardez)\b", re.IGNORECASE)
_WRITER_SUBJECT = re.compile(r"\bI\b|\bje\b|\bj'|\bwe\b|\bil (?:me )?faudra\b", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.;!?]*")


def _sentence_at(text: str, start: int) -> str:
    """The sentence of ``text`` around position ``start``."""
    begin = max(text.rfind(mark, 0, start) for mark in ".;!?") + 1
    match = _SENTENCE.match(text, start)
    return text[begin:match.end() if match else len(text)]


def _settles(text: str, match: re.Match[str], *, needs_disclosure: bool) -> bool:
    """Whether ``match`` in ``text`` settles the outcome: not denied or made a condition in its
    clause, not narrowed ("will not", "only"), not told to the client ("with you"), and, for
    words about the client's answer ("whatever you decide"), beside a disclosure in its
    sentence that nothing in the sentence denies."""
    after = text[match.end():match.end() + 40]
    clause = re.split(r"[,.;:!?]|\b(?:and|but|mais|et)\b", text[:match.start()])[-1]
    if _CLIENT_SUBJECT.search(clause) and not _WRITER_SUBJECT.search(clause):
        return False
    if _CLAIM_DENIED.search(text[:match.start()]) or _TO_THE_CLIENT.search(after) or \
            _NEGATED_DISCLOSURE.search(match.group()) or _ONLY_AFTER.match(after) or \
            _STILL_OPEN.search(_clause_at(text, match.start())) or \
            _SUBJECT_TO.search(_sentence_at(text, match.start())):
        return False
    if needs_disclosure:
        # Some disclosure of the sentence that its own clause neither denies nor limits to a
        # condition ("I have thought about whether to tell the Chair, and I will tell them
        # whatever you decide": the second clause settles it; thirteenth review).
        return any(_disclosure_stands(text, said)
                   for said in _DISCLOSURE_SAID.finditer(_sentence_at(text, match.start())))
    return True


_CLAUSE_END = re.compile(r"[,.;:!?]|\b(?:and|but|mais|et|or|ou)\b", re.IGNORECASE)


def _clause_at(text: str, start: int) -> str:
    """The clause of ``text`` around position ``start``, between stops, commas and "and"s."""
    begin = 0
    for mark in _CLAUSE_END.finditer(text, 0, start):
        begin = mark.end()
    end = _CLAUSE_END.search(text, start)
    return text[begin:end.start() if end else len(text)]


def _disclosure_stands(text: str, said: re.Match[str]) -> bool:
    """Whether the disclosure ``said`` (a match in a sentence of ``text``) is neither denied
    nor made to wait on the client in its own clause."""
    sentence = said.string
    clause = _clause_at(sentence, said.start())
    return not (_NEGATED_DISCLOSURE.search(clause) or _NOTHING_DISCLOSED.search(clause))


def outcome_overridden(text: str) -> str | None:
    """The words of ``text`` that dismiss the client's say in terms ("I will still report it",
    "your objection won't change anything", "the policy requires me to report this", « que
    vous le vouliez ou non » beside a disclosure); none when denied, made a condition, narrowed
    or told to the client. The words are returned with contractions written out."""
    return _overridden(_expanded(text))


def duty_stated(text: str) -> str | None:
    """The words of ``text`` that state a duty to tell someone ("I must report this", "the
    Chair has to be told"); none when denied, made a condition, hedged ("may have to") or told
    to the client ("I need to raise this with you")."""
    return _duty(_expanded(text))


def outcome_settled(text: str) -> str | None:
    """Either: words that dismiss the client's say, or a duty stated."""
    text = _expanded(text)
    return _overridden(text) or _duty(text)


def _overridden(text: str) -> str | None:
    """``outcome_overridden`` of a text already expanded."""
    for pattern, needs_disclosure in ((WHATEVER_DECIDED, True), (OVERRIDDEN, False)):
        for match in pattern.finditer(text):
            if _settles(text, match, needs_disclosure=needs_disclosure):
                return match.group()
    return None


def _duty(text: str) -> str | None:
    """``duty_stated`` of a text already expanded."""
    for match in DUTY_STATED.finditer(text):
        before = text[:match.start()]
        if _CLAIM_DENIED.search(before) or _HEDGED.search(before) or \
                _TO_THE_CLIENT.search(text[match.end():]) or \
                _STILL_OPEN.search(_sentence_at(text, match.start())):
            continue
        return match.group()
    return None


def bases_compelled(text: str) -> set[str]:
    """{"legal_obligation"} when ``text`` says, in words not denied, that the law requires the
    disclosure ("the law requires me to report it", "la loi m'oblige à")."""
    for match in _BASIS_WORDS["legal_obligation"].finditer(text):
        if not _DENIED.search(text[:match.start()]):
            return {"legal_obligation"}
    return set()


def other_regimes_named(text: str, regime: str) -> list[str]:
    """The words of ``text`` that name a regime other than ``regime``."""
    own = {regime, "eu"} if regime.startswith("eu-") else {regime}
    if regime in (UK, "eu-ie"):
        own.add("dpa-2018")
    found = []
    for name, pattern in _REGIME_WORDS.items():
        if name in own:
            continue
        match = pattern.search(text)
        if match:
            found.append(match.group())
    return found
