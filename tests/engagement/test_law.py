"""How free text claims a consent (engagement.law.consent_claimed): in the words people use, in
English and French, and never where the words deny it or make it a condition."""

from __future__ import annotations

import pytest

from confdocs.engagement import law
from confdocs.engagement.law import bases_named, consent_claimed

# The paraphrases a letter to a client who refused, or was not asked, must not print (the DPO
# review of issue 21, minor finding 5).
CLAIMS = [
    "you said yes to this when we first talked",
    "You agreed that the concern should go to the Head of Internal Audit",
    "you gave your permission",
    "you gave me the go-ahead",
    "you were happy for me to tell her",
    "You\u2019re happy for me to pass it on",
    "with your agreement",
    "as you agreed",
    "I could not reach you, but you agreed later",
    "you told me you agreed",
    "you've consented",
    "at your request",
    "Vous m\u2019avez dit oui lors de notre séance",
    "vous avez accepté que ces faits soient signalés",
    "vous m'avez donné votre accord",
    "avec votre accord",
    "vous étiez d\u2019accord",
    "vous y avez consenti",
    "comme vous l\u2019aviez accepté",
    "Je n'ai pas pu vous joindre, mais vous avez dit oui ensuite",
]
# Denials, conditions, the contract's own "we agreed", and words that are not about consent.
NOT_CLAIMS = [
    "you did not agree",
    "You told me you did not agree, because you fear losing your job",
    "you have not agreed",
    "you never said yes",
    "It is not true that you agreed",
    "if you agreed",
    "whether you agreed or not",
    "the grounds we agreed",
    "you gave me the figures",
    "you refused to give your consent",
    "without your agreement",
    "not with your consent",
    "vous n'avez pas donné votre accord",
    "vous ne m\u2019avez pas dit oui",
    "sans votre accord",
    "ce n'est pas avec votre accord",
    "même si vous avez accepté",
    "vous n\u2019étiez pas d\u2019accord",
    "vous m\u2019avez donné votre avis",
    "vous avez refusé",
]


@pytest.mark.parametrize("text", CLAIMS)
def test_a_paraphrase_of_agreement_is_a_consent_claimed(text: str) -> None:
    assert consent_claimed(text)


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_a_denial_or_a_condition_claims_no_consent(text: str) -> None:
    assert consent_claimed(text) is None


def test_a_legal_basis_that_paraphrases_agreement_names_consent() -> None:
    # legal-text-other-basis: "you were happy for it" says the disclosure rests on agreement.
    assert bases_named("you were happy for the concern to go to the auditor") == {"consent"}
    assert bases_named("the concern has to be investigated, although you did not agree") == set()


# Found by the second review of issue 21: more ways of saying yes, in a letter.
MORE_CLAIMS = [
    "as you requested", "you have permitted me to tell her", "you signed off on it",
    "you wanted me to raise it", "you did not object", "you raised no objection",
    "vous étiez favorable à ce signalement", "vous avez souhaité que je le signale",
    "vous avez bien voulu", "vous n'y voyiez pas d'objection", "vous ne vous y êtes pas opposée",
]


@pytest.mark.parametrize("text", MORE_CLAIMS)
def test_more_paraphrases_of_agreement_are_claims(text: str) -> None:
    assert law.consent_claimed(text) is not None


REFUSALS = ["You told me you do not agree to this disclosure.", "against your wishes",
            "you refused", "vous avez refusé", "vous n'acceptiez pas cette divulgation",
            "sans votre accord"]
NOT_REFUSALS = ["I would not act against your wishes.", "you agreed", "if you refused"]


@pytest.mark.parametrize("text", REFUSALS)
def test_a_refusal_said_is_found(text: str) -> None:
    assert law.refusal_said(text) is not None


@pytest.mark.parametrize("text", NOT_REFUSALS)
def test_a_refusal_denied_or_conditional_is_none(text: str) -> None:
    assert law.refusal_said(text) is None


NAMES = ("Daniel Osei-Mensah", "Daniel", "Osei-Mensah")
RECORDED = ["Daniel agreed to the disclosure.", "Daniel consented.", "He gave his permission.",
            "Daniel accepted the disclosure.", "The client agreed.", "Disclosed with his consent.",
            "Daniel agreed that I should tell the Chair.", "Daniel was happy for me to raise it.",
            "Daniel said yes.", "Daniel a donné son accord."]
NOT_RECORDED = ["The client agreed to see their GP.", "Daniel had not agreed to it.",
                "Daniel does not want me to tell the Chair.", "Daniel wants me to listen.",
                # A request for limits, in the words of a wish (eleventh and twelfth reviews).
                "He asked me to tell the Chair nothing about his health.",
                "He asked me to tell the Chair only the two facts if I go ahead.",
                "She accepted the offer of support.", "Daniel refused consent."]


@pytest.mark.parametrize("text", RECORDED)
def test_a_record_in_the_third_person_claims_consent(text: str) -> None:
    assert law.recorded_consent_claimed(text, NAMES) is not None


@pytest.mark.parametrize("text", NOT_RECORDED)
def test_a_record_of_something_else_claims_no_consent(text: str) -> None:
    assert law.recorded_consent_claimed(text, NAMES) is None


def test_a_duty_in_words_names_legal_obligation() -> None:
    assert law.bases_compelled("The law requires me to report this, whatever you decide.") == {
        "legal_obligation"}
    assert law.bases_compelled("la loi m'oblige à le signaler") == {"legal_obligation"}
    assert law.bases_compelled("no law requires it; I judged it necessary") == set()


# The third review of issue 21: a French record says it as a French practitioner writes it.
FRENCH_NAMES = ("Thomas Garnier", "Thomas", "Garnier")


@pytest.mark.parametrize("text", ["Thomas est d'accord et m'a demandé de l'accompagner.",
                                  "Il est d'accord pour que je le signale.", "Thomas y consent.",
                                  "Thomas ne s'y oppose pas.", "Elle est d'accord."])
def test_a_french_record_claims_consent_in_the_third_person(text: str) -> None:
    assert law.recorded_consent_claimed(text, FRENCH_NAMES) is not None


@pytest.mark.parametrize("text", ["Thomas n'est pas d'accord.", "Thomas refuse ce signalement.",
                                  "Il ne souhaite pas que je le signale.", "Thomas s'y oppose."])
def test_a_french_record_says_a_refusal_in_the_third_person(text: str) -> None:
    assert law.recorded_refusal_said(text, FRENCH_NAMES) is not None
    assert law.recorded_consent_claimed(text, FRENCH_NAMES) is None


def test_the_shipped_french_record_beside_a_refusal_is_an_error() -> None:
    """The Lyon sample's own decision record ("Thomas est d'accord…") beside a letter whose
    consent is refused tells two stories."""
    import json

    from confdocs.engagement.validate import check_bytes

    from ..helpers import SAMPLES

    data = json.loads((SAMPLES / "coaching-fr-lyon.json").read_text(encoding="utf-8"))
    data.pop("$schema")
    disclosure = data["disclosures"][0]
    disclosure.update(consent="refused", consent_note="Nous en avons parlé le 14 avril.")
    codes = {f.code for f in check_bytes("lyon.json", json.dumps(data).encode()).findings}
    assert "decision-text-claims-consent" in codes


@pytest.mark.parametrize("text", ["I must report this, whatever you decide.",
                                  "I have to report this even if you object.",
                                  "I have no choice but to tell your GP.",
                                  "je n'ai pas le choix : je signalerai ces faits",
                                  "même si vous vous y opposez, je signalerai ces faits",
                                  "I will have to report this regardless.",
                                  "This must be reported, whether or not you agree.",
                                  "I am required to report this.",
                                  "dans tous les cas, je signalerai ces faits",
                                  "quoi que vous décidiez, je préviendrai la référente",
                                  "I must report this.",
                                  "I have a duty to report this to the Chair.",
                                  "This must be reported to the Chair.",
                                  "either way, I will tell the Chair",
                                  "Je dois signaler ces faits.", "Ces faits doivent être signalés.",
                                  "quoi qu'il arrive, je signalerai ces faits",
                                  "Je suis obligée de les signaler",
                                  "I'll have to report this to the Chair.",
                                  "I have to tell the Chair.", "I need to let the Chair know.",
                                  "I have an obligation to report this.",
                                  "It has to go to the Chair.", "This needs to be reported.",
                                  "Il faut que je signale ces faits.",
                                  "Je me dois de signaler ces faits.",
                                  "Je n'ai d'autre choix que de signaler ces faits.",
                                  "Ces faits devront être signalés.",
                                  # Any wording: a duty and a telling verb in one clause.
                                  "I'm going to have to tell the Chair.",
                                  "It is my duty to report this.",
                                  "This must be shared with the Chair.",
                                  "Il est de mon devoir de signaler ces faits.",
                                  "J'ai l'obligation de signaler ces faits.",
                                  "Je dois en parler à la référente.",
                                  "Je ne peux pas garder cela pour moi et dois le signaler.",
                                  "If you object, I will still have to tell the Chair.",
                                  "Si vous refusez, je serai tout de même tenue de signaler.",
                                  "If you object I'll still need to tell the Chair.",
                                  "Your objection won't change my decision to report this.",
                                  "Il faudra que j'en informe la référente.",
                                  "Il me faudra prévenir la référente.",
                                  "J'ai le devoir de signaler ces faits.",
                                  "Je me vois contrainte de signaler ces faits.",
                                  # Found passing by the tenth review.
                                  "I must, and I will, report this to the Chair.",
                                  "I need to flag this to the Chair.",
                                  "I can't keep this from the Chair.",
                                  "I won’t be able to keep this from the Chair.",
                                  "I’ll still need to tell the Chair.",
                                  "The Chair has to be told.", "Your GP must be informed.",
                                  "Objecting will not stop me reporting this.",
                                  "Your objection won't change the outcome.",
                                  "La référente doit être informée.",
                                  "Votre opposition ne changera rien : je signalerai ces faits.",
                                  "Je vais être obligée d'en informer la référente."])
def test_words_that_settle_the_outcome_are_found(text: str) -> None:
    assert law.outcome_settled(text) is not None


@pytest.mark.parametrize("text", ["I must tell you that the meeting moved.",
                                  "I would tell you before making it, if I can.",
                                  "if I still conclude that I must report this I will tell you",
                                  "I do not think I have to report this.",
                                  "avant de décider si je dois signaler",
                                  "I need to let you know the date.",
                                  "Je dois vous informer que vous pouvez vous opposer.",
                                  # Honest letters the eighth review found refused by a
                                  # broader rule, since dropped.
                                  "I need to hear from you before I share anything.",
                                  "I may have to report this, but I will hear you first.",
                                  "My duty of confidentiality means I will share only this.",
                                  "I have to tell you my decision before I report anything.",
                                  "I need to check with you before I tell your GP.",
                                  "l'entretien que nous avons tenu le 14 avril",
                                  "Vous m'avez dit vous sentir obligée d'en parler.",
                                  # The practitioner's duty to tell the client (ninth review).
                                  "It is my duty to tell you that you can object first.",
                                  "I have a duty to tell you before I tell anyone else.",
                                  "Il est de mon devoir de vous informer de votre droit.",
                                  "J'ai l'obligation de vous prévenir avant tout signalement.",
                                  "Il faudra que je vous en parle avant toute décision.",
                                  "Il faudra que je réfléchisse avant de prévenir la référente.",
                                  "Nothing must be shared with the Chair until you have had "
                                  "your say.",
                                  # Honest sentences beside the tenth review's forms.
                                  "You must be told of your right to object.",
                                  "I can't keep this from you: I think the Chair should know.",
                                  "If I cannot keep this from the Chair, I will tell you first.",
                                  "Your objection will not change anything between us.",
                                  "I won't report anything before we have spoken.",
                                  "Vous devez être informée de votre droit d'opposition.",
                                  "Je vais être obligée de vous demander votre avis."])
def test_words_that_leave_the_outcome_open_are_not_found(text: str) -> None:
    assert law.outcome_settled(text) is None


# The tenth review of issue 21 (its p10 probes): words that dismiss the client's say in terms are
# an error; a duty merely stated is a warning; hedged, conditional or client-bound sentences are
# neither.
OVERRIDDEN_P10 = [
    "If you object, I will still report this to the Chair.",
    "If you object, I'll report it anyway.",
    "Your objection won't change anything.",
    "Objecting won't make any difference.",
    "I can't keep this confidential.",
    "This isn't something I can keep to myself.",
    "I'm duty-bound to report this.",
    "The Speaking Up policy requires me to report this to the Chair.",
    "My professional code obliges me to report this.",
    "I see no way around telling the Chair.",
    "I am left with no option but to report this.",
    "I'm not in a position to keep this from the Chair.",
    "The policy leaves me no discretion: this goes to the Chair.",
    "the company's legitimate interest in preventing fraud overrides any objection you may have",
    "Lindqvist & Shaw has a legitimate interest in preventing fraud, and an objection from you "
    "would not change that",
    "Nothing you say now can change this.",
    "Reporting this is not optional for me.",
    "I'd have to report this even if you objected.",
    "I will report this despite any objection you make.",
    "You told me you did not agree, but I'm afraid that doesn't change anything: the Chair will be told.",
    "I have a responsibility to report this to the Chair.",
    "Even if you change your mind, I will still tell your GP.",
    "If you withdraw your consent, I'll still have to contact your GP.",
    "you agreed that your GP should be told, though given the risk I would tell your GP anyway",
    "I can't keep this from your GP.",
    "Votre opposition n’y changera rien.",
    "Je suis dans l’obligation de signaler ces faits.",
    "Je me dois de signaler ces faits.",
    "Si vous vous y opposez, je signalerai quand même ces faits.",
    "Je ne peux pas garder cela pour moi.",
    "Je ne peux pas garder ces faits confidentiels.",
    "La référente sera informée, que vous le vouliez ou non.",
    "Mon code de déontologie m’oblige à signaler ces faits.",
    "La procédure m’impose de prévenir la référente.",
    "Je n’ai pas d’autre option que de signaler ces faits.",
    "Cela ne changera rien à ma décision de signaler ces faits.",
    "Vous avez accepté le 14 avril ; de toute manière, j’aurais dû en informer la référente.",
    "l’intérêt légitime de Transports Saône-Rhône à prévenir le harcèlement l’emporte sur toute "
    "opposition de votre part",
    "Je signalerai ces faits malgré votre opposition.",
    "Je n’ai d’autre choix que de signaler ces faits.",
    "Je ne suis pas en mesure de garder ces faits pour moi.",
    "Même si vous retirez votre consentement, je préviendrai votre médecin.",
    "Je ne peux pas garder cela pour moi : votre médecin doit le savoir.",
    "Si vous changez d’avis, il faudra quand même que je prévienne votre médecin.",
    "Je serai amenée à informer la référente.",
    "Je me verrai dans l’obligation de prévenir la référente.",
    "Il m’appartient de signaler ces faits à la référente.",
    "Je suis tenue d’en informer la référente.",
]

DUTY_ONLY_P10 = [
    "The Chair needs to know about this.",
    "You told me you did not agree. I understand, but I have decided that the Chair must be told.",
    "I'll be reporting this to the Chair, as I must.",
    "Your GP has to know about this.",
    "Given the risk, your GP needs to know.",
    "La référente doit savoir.",
    "Je dois impérativement prévenir la référente.",
    "Votre médecin doit être prévenu.",
    "It's got to go to the Chair.",
    "This has got to be reported.",
]

HONEST_P10 = [
    "The Chair may have to be told, but I will not decide until I have heard your objection.",
    "The Chair might need to be informed; I have not decided, and I will hear you first.",
    "If you object, I will still need to weigh your reasons against the risk before I decide.",
    "You told me you do not agree. Telling the Chair won't stop me from supporting you through "
    "this, and I will weigh anything you say.",
    "You told me you do not agree. I have not yet decided whether the Chair needs to be told, "
    "and I will consider anything you say.",
    "Re-dating invoices may be false accounting, and I think the Chair should be told; I will "
    "hear your view before I decide.",
    "Lindqvist & Shaw has a legitimate interest in preventing fraud, and its Audit Committee "
    "must be able to look into concerns like this one",
    "I need to think about whether the Chair must be told, and I want your view first.",
    "I understand you'd rather this wasn't passed on; nothing will be shared until I've "
    "considered what you say.",
    "I can't promise the Chair won't need to know, but I won't decide until we've talked.",
    "Re-dating invoices may be false accounting; I don't yet know whether the Chair has to be told.",
    "I'm not sure the Chair needs to be told, and I want to hear from you before I decide.",
    "You asked me to tell your GP, and you can change your mind at any time before I do.",
    "Your GP may need to be told, and I will only do so with your agreement.",
    "You told me you want medical help, and your GP is best placed to arrange it.",
    "you asked for medical help and agreed, when we spoke on 14 April, that your GP should be "
    "told; you can withdraw that agreement at any time before I contact the surgery",
    "Je ne sais pas encore s’il faudra prévenir la référente.",
    "Je dois décider si la référente doit être informée ; je veux d’abord entendre votre avis.",
    "La référente pourrait devoir être informée, mais je ne déciderai rien sans vous avoir entendue.",
    "Je vais être obligée d’en parler avec vous avant de décider quoi que ce soit.",
    "Il faudra peut-être informer la référente ; rien ne sera fait sans que nous en ayons parlé.",
    "Vous avez accepté le 14 avril ; si vous changez d’avis, dites-le-moi : rien ne sera "
    "transmis avant que j’aie examiné votre opposition.",
    "La référente devra peut-être être informée ; je vous en parlerai avant.",
    "Il se peut que la référente doive être informée, mais rien n’est décidé.",
    "Transports Saône-Rhône a un intérêt légitime à prévenir le harcèlement ; sa référente doit "
    "pouvoir examiner de tels faits",
    "Je me demande si la référente doit être prévenue ; j’attends votre avis.",
    "Vous m’avez demandé de prévenir votre médecin ; vous pouvez retirer votre accord à tout "
    "moment avant que je le fasse.",
    "Votre médecin pourrait devoir être informé, mais seulement avec votre accord.",
    "Re-dating invoices may be false accounting; if it happened again, the Chair would have to be told.",
    "Si la situation s’aggravait, la référente devrait être informée.",
    "Il m’appartient de vous informer de vos droits avant toute décision.",
    "I need to flag this with you before anything is decided.",
    "I need to raise this with you first, before I decide whether to tell anyone.",
    "I need to share my thinking with you before I decide anything.",
    "I have to share my concern with you first; nothing goes to the Chair until you have had your say.",
]


@pytest.mark.parametrize("text", OVERRIDDEN_P10)
def test_words_that_dismiss_the_clients_say_are_an_override(text: str) -> None:
    assert law.outcome_overridden(text) is not None


DUTY_ONLY_P10 += ["I have decided to report this to the Chair.",
                  "The policy requires it to be reported.",
                  "J'ai décidé de signaler ces faits à la référente."]
HONEST_P10 += ["I have decided to tell you first, before anything else.",
               "J'ai décidé de vous en parler d'abord."]


@pytest.mark.parametrize("text", DUTY_ONLY_P10)
def test_a_duty_merely_stated_is_a_duty_not_an_override(text: str) -> None:
    assert law.outcome_overridden(text) is None
    assert law.duty_stated(text) is not None


@pytest.mark.parametrize("text", HONEST_P10)
def test_hedged_or_client_bound_sentences_settle_nothing(text: str) -> None:
    assert law.outcome_overridden(text) is None
    assert law.duty_stated(text) is None


# The eleventh and twelfth reviews' probes (p11, p12): what settles the outcome is found (an
# override or a duty, both warnings now), and honest sentences, however hedged, are not.
SETTLED_P11_P12 = [
    "Your objection won't change the fact that I have to report this.",
    "Reporting this is mandatory under the Speaking Up policy.",
    "I am required by the Speaking Up policy to report this to the Chair.",
    "The Chair will be told whether you agree or not.",
    "Although you have objected, I will tell the Chair.",
    "Even though you object, I will report this to the Chair.",
    "You told me you did not agree. Your objection is noted, but the report will go ahead.",
    "My decision is final.",
    "I have made up my mind to report this to the Chair.",
    "This falls within my duty to report.",
    "The Chair will be told whether you like it or not.",
    "the company's legitimate interest in preventing fraud, which takes priority over your "
    "wishes",
    "the company's interest in preventing fraud outweighs your right to object",
    "Under the policy I have no discretion: the Chair must be informed.",
    "Even if you object, I will go ahead.",
    "If you object, I will go ahead anyway.",
    "I'll be disclosing this whatever your answer.",
    "I have to report this to the Chair, though I know it's not what you want.",
    "I am bound by the policy to report this.",
    "I would contact your GP even without your consent, given the risk.",
    "Your GP will be told, whether or not you change your mind.",
    "This is not something I can leave unreported, even if you change your mind.",
    "Le signalement est obligatoire.",
    "Ce signalement est obligatoire au regard de la procédure.",
    "Je vais informer la référente, même si je sais que vous n’êtes pas d’accord.",
    "Bien que vous vous y opposiez, j’informerai la référente.",
    "Ma décision est prise : la référente sera informée.",
    "Votre opposition ne modifiera pas ma décision.",
    "La procédure ne me laisse pas le choix.",
    "Je suis tenue au signalement.",
    "J’informerai la référente, que vous soyez d’accord ou pas.",
    "Votre refus ne m’empêchera pas de prévenir la référente.",
    "Je préviendrai la référente en tout état de cause.",
    "Même sans votre accord, je préviendrai votre médecin.",
    "Votre médecin sera prévenu, que vous changiez d’avis ou non.",
    "You have told me you disagree and I will still tell the Chair.",
    "The policy requires concerns like this to be reported to the Chair.",
    "Whatever you say, the Chair will be told on 6 May.",
    "Your objection will make no difference: the Chair must be told.",
    "Objecting will not stop the report.",
    "This is not something you can stop by objecting.",
    "I will report this to the Chair regardless.",
    "You told me you did not agree. I respect that, but I will be telling the Chair on 6 May.",
    "The Chair will be told, even if you object.",
    "I cannot agree to keep this from the Chair.",
    "I'm afraid your objection won't alter my decision to tell the Chair.",
    "Your refusal doesn't change my decision: I will tell the Chair on 6 May.",
    "the company's legitimate interest in preventing fraud, which overrides your interests and "
    "your refusal",
    "The Chair will hear about this from me on 6 May, whatever you think.",
    "I don't have a choice about telling the Chair.",
    "My hands are tied: the policy says the Chair must be told.",
    "You told me you did not agree, but that does not change what I have to do.",
    "I will tell the Chair on 6 May, with or without your agreement.",
    "You told me you did not agree. I have taken that into account, but the Chair will be told "
    "on 6 May.",
    "Whatever your objection, the Chair will be informed.",
    "I'm obliged to pass this on to the Chair.",
    "This has to go to the Chair.",
    "Given the risk, I will contact your GP whatever you decide.",
    "Given the risk, I would contact your GP even if you withdrew your consent.",
    "You agreed on 14 April. Even if you now withdraw, I will still let your GP know.",
    "Your GP needs to know about this, with or without your agreement.",
    "your explicit consent; in any event I would have had to contact your GP given the risk",
    "Given the risk, withdrawing your consent would not stop me contacting your GP.",
    "Je préviendrai la référente, quelle que soit votre décision.",
    "Votre désaccord n’y changera rien : la référente sera informée.",
    "Je n’ai pas d’autre choix que de prévenir la référente.",
    "Je suis obligée de signaler ces faits à la référente.",
    "La référente sera informée le 6 mai, avec ou sans votre accord.",
    "Votre opposition n’empêchera pas le signalement.",
    "Je vais signaler ces faits à la référente malgré votre refus.",
    "Le signalement à la référente est impératif.",
    "Vous m’avez dit ne pas être d’accord ; je le respecte, mais je préviendrai la référente le "
    "6 mai.",
    "La charte impose que ces faits soient signalés à la référente.",
    "Je me vois contrainte de prévenir la référente.",
    "Je dois en informer la référente, que cela vous plaise ou non.",
    "Je n’ai pas le droit de garder ces faits pour moi : la référente sera prévenue.",
    "Compte tenu du risque, je contacterai votre médecin même si vous retirez votre "
    "consentement.",
    "Votre médecin sera prévenu avec ou sans votre accord.",
    "votre consentement explicite ; de toute manière, vu le risque, j’aurais prévenu votre "
    "médecin",
]

HONEST_P11_P12 = [
    "You told me you do not agree. Whatever you decide, I will keep supporting you, and I will "
    "weigh any objection before I decide.",
    "In any case, I will tell you my decision before I tell the Chair anything.",
    "You told me you do not agree. Either way, our coaching can continue.",
    "You can still raise an objection before 6 May, and I will consider it before I decide.",
    "Even so, I will not tell the Chair until you have had your say.",
    "I still won't tell anyone until we have talked.",
    "I have a responsibility to raise this with you first.",
    "The Speaking Up policy requires me to consider reporting concerns of this kind; I have not "
    "yet decided.",
    "My duty of confidentiality requires me to share only the two facts listed above.",
    "You told me you did not agree. Regardless of what you decide, I will not think less of "
    "you, and I will weigh your objection.",
    "I still need to share my concern with you before anything is decided.",
    "You told me you did not agree, and I respect that. Nothing you say now will change how I "
    "work with you, and I will consider your objection before I decide.",
    "Lindqvist & Shaw's legitimate interest in preventing fraud; I have weighed it against your "
    "interests, and I will weigh any objection you make before I decide",
    "Re-dating invoices may be false accounting. The policy says such concerns should go to the "
    "Chair, but I have not decided and will hear you first.",
    "I am not required to report this; the decision is mine, and I will hear you first.",
    "You told me you did not agree. If you object, you will still be told my decision before "
    "anything is passed on.",
    "Whatever you decide, I will support you in getting help.",
    "You agreed on 14 April. In any case, you can withdraw your agreement before I contact the "
    "surgery.",
    "You asked me to tell your GP, and I have a responsibility to share only what they need.",
    "Quoi que vous décidiez, je continuerai à vous accompagner.",
    "Dans tous les cas, je vous informerai de ma décision avant tout signalement.",
    "De toute façon, rien ne sera transmis avant que nous en ayons parlé.",
    "Le code de déontologie m’oblige à en parler d’abord avec vous.",
    "La procédure m’oblige à ne signaler que les faits strictement nécessaires.",
    "Vous pouvez quand même en parler vous-même à la référente avant le 6 mai.",
    "Je ne déciderai rien avant d’avoir entendu votre avis, et je dois d’abord vous en parler.",
    "Je dois décider s’il faut prévenir la référente ; je veux d’abord vous entendre.",
    "Si les faits se reproduisaient, je serais amenée à en informer la référente.",
    "Vous avez accepté le 14 avril ; vous pouvez toutefois retirer votre accord ou vous opposer "
    "avant le 6 mai.",
    "Quoi que vous décidiez, je resterai à vos côtés.",
    "Whatever you decide, I will not tell the Chair before 6 May.",
    "You told me you did not agree. Whatever you decide, I will tell you first what I plan to "
    "do.",
    "You told me you did not agree. Whatever you decide, I will go through the letter with you "
    "before anything goes to the Chair.",
    "In any case, I will hear your objection before anything is passed on to the Chair.",
    "Either way, the decision about telling the Chair will be taken only after 6 May.",
    "I will still tell you my decision in writing before I contact the Chair.",
    "Even if you object, I will still listen and weigh what you say.",
    "You told me you did not agree, and I understand why. Nothing has been decided, and I will "
    "not tell the Chair anything before we meet on 5 May.",
    "The policy asks me to report concerns like this, but it leaves the decision to me, and I "
    "have not made it.",
    "The Speaking Up policy requires concerns of this kind to be reported to the Chair, but I "
    "have not decided whether this is one, and I will hear you first.",
    "Lindqvist & Shaw's legitimate interest in preventing fraud, which I believe outweighs your "
    "interests, though I will weigh any objection you make before I decide",
    "I am not bound by the policy to report this, and the decision is mine.",
    "Unless you object, I will tell the Chair on 6 May.",
    "Your objection could change my decision, so please tell me before 6 May.",
    "I know you would rather I didn't, and I have not decided yet.",
    "Lindqvist & Shaw's legitimate interest in preventing fraud, which I judge outweighs your "
    "wishes, subject to any objection you make",
    "You told me you did not agree. Regardless of what you decide, you can still talk to me "
    "about it at our next session.",
    "Whatever you decide about your GP, I will carry on coaching you.",
    "You agreed on 14 April. If you change your mind, I will not contact the surgery.",
    "You asked me to tell your GP, and I will tell them only what you agreed.",
    "Either way, you decide whether your GP is told.",
    "Whatever you decide, your GP will only be told with your agreement.",
    "Whatever you decide, I will respect it: if you withdraw your consent, I will not contact "
    "your GP.",
    "You agreed on 14 April. In any case, your GP will be told only what you agreed to.",
    "Quoi que vous décidiez, je ne préviendrai pas la référente avant le 6 mai.",
    "Quoi que vous décidiez, je vous dirai ce que je compte faire avant de prévenir la "
    "référente.",
    "Dans tous les cas, rien ne sera transmis à la référente avant que je vous aie entendue.",
    "En tout état de cause, j’examinerai votre opposition avant de prendre ma décision.",
    "En tout état de cause, je vous entendrai avant d’informer la référente.",
    "Même si vous n’êtes pas d’accord, je vous entendrai avant toute décision.",
    "La charte ne m’impose pas de signaler ces faits ; la décision m’appartient.",
    "La procédure prévoit que ces faits soient signalés à la référente, mais je n’ai encore "
    "rien décidé et je veux d’abord vous entendre.",
    "De toute façon, la référente ne sera informée qu’après le 6 mai, une fois votre avis "
    "entendu.",
    "Quoi que vous décidiez, votre médecin ne sera prévenu qu’avec votre accord.",
    "De toute façon, c’est vous qui décidez si votre médecin est prévenu.",
    "Dans tous les cas, je continuerai à vous accompagner, et je ne contacterai votre médecin "
    "qu’avec votre accord.",
]


@pytest.mark.parametrize("text", SETTLED_P11_P12)
def test_the_later_reviews_settled_sentences_are_found(text: str) -> None:
    assert law.outcome_settled(text) is not None


@pytest.mark.parametrize("text", HONEST_P11_P12)
def test_the_later_reviews_honest_sentences_are_not(text: str) -> None:
    assert law.outcome_settled(text) is None


# The thirteenth review's probes (p13): "only the two facts" limits a disclosure and spares
# nothing, while "only with your agreement" makes it wait on the client.
SETTLED_P13 = [
    "Whatever you decide, I will tell the Chair only the two facts listed above.",
    "Whatever you decide, I will share these two facts with the Chair and nothing more.",
    "Whatever you decide, the Chair will be told on 6 May, and no one else.",
    "Even if you object, I will pass on only what the policy requires.",
    "I'm going ahead with telling the Chair on 6 May.",
    "The decision has been made: the Chair will be told on 6 May.",
    "This will be reported to the Chair on 6 May, as the policy requires.",
    "I intend to tell the Chair on 6 May and I will not change my mind.",
    "You told me you did not agree, but I am still going to tell the Chair.",
    "Regardless of your objection, the Chair will be told.",
    "An objection from you won't affect whether the Chair is told.",
    "I am duty-bound to tell the Chair.",
    "Your agreement is not needed: I will tell the Chair on 6 May.",
    "You said no. Unfortunately that does not stop me from telling the Chair.",
    "Whether you object or not, the Chair will be told only the two facts above.",
    "Lindqvist & Shaw's legitimate interest in preventing fraud, which outweighs anything you "
    "might say against it",
    "The policy leaves me no choice: I will tell the Chair.",
    "I am not able to keep this between us, so I will be telling the Chair on 6 May.",
    "Whatever you decide, your GP will be told only about the risk, not the details.",
    "I will contact your GP whether or not you agree.",
    "Quoi que vous décidiez, je ne transmettrai à la référente que les faits énumérés.",
    "Quoi que vous décidiez, seuls les deux faits ci-dessus seront transmis à la référente.",
    "Ma décision est prise : je préviendrai la référente le 6 mai.",
    "Je signalerai ces faits à la référente, que vous vous y opposiez ou non.",
    "Votre opposition ne changera pas ma décision d’informer la référente.",
    "Je suis dans l’obligation d’informer la référente.",
    "Quelle que soit votre réponse, la référente sera informée le 6 mai.",
    "Vous n’êtes pas d’accord, je l’entends, mais je dois prévenir la référente.",
    "Je n’ai pas encore choisi la date, mais la référente sera prévenue quoi que vous décidiez.",
    "Il ne m’est pas possible de garder ces faits pour moi.",
    "Quoi que vous décidiez, je ne dirai à votre médecin que l’essentiel.",
    "Quoi que vous décidiez, je ferai part de mon inquiétude à votre médecin.",
]

HONEST_P13 = [
    "Whatever you decide, the information you gave me stays with me until we have spoken again.",
    "You told me you did not agree. I understand, but let's talk it through on 5 May before "
    "anything is decided.",
    "The Speaking Up policy requires serious concerns to be reported, and I do not yet know "
    "whether this is one.",
    "Whatever you decide, I will respect your choice about whether to raise it with HR "
    "yourself.",
    "If, after hearing your objection, I still think the Chair should know, I will write to you "
    "before I tell them.",
    "You said no, and I respect that. I will not contact the Chair before 6 May, and not at all "
    "if your objection persuades me.",
    "I am minded to tell the Chair on 6 May, but I will think again if you object.",
    "Lindqvist & Shaw's legitimate interest in preventing fraud, which I currently think "
    "outweighs your interests; I will reconsider if you object",
    "Whatever you decide, the sessions remain yours and nothing else we discussed will be "
    "passed on.",
    "My current view is that the Chair should be told, but that view can change once I have "
    "heard from you.",
    "You did not agree. I understand, and I would like to hear your reasons before 6 May.",
    "Whatever you decide about telling your GP, you remain in charge of what is shared.",
    "You agreed on 14 April. You can change your mind at any time before I call the surgery, "
    "and I will then not call.",
    "It is important that your GP knows, and you agreed that I could tell them.",
    "Il est impératif que nous en parlions avant toute décision.",
    "Je le comprends, mais je vous en parlerai avant de décider quoi que ce soit.",
    "Quoi que vous décidiez, les informations que vous m’avez confiées restent entre nous d’ici "
    "notre prochain échange.",
    "J’envisage d’informer la référente le 6 mai, mais je reconsidérerai ma position si vous "
    "vous y opposez.",
    "La charte prévoit le signalement de faits graves ; je n’ai pas encore déterminé si c’est "
    "le cas ici.",
    "l’intérêt légitime du cabinet à prévenir la fraude, qui me paraît à ce stade prévaloir sur "
    "vos intérêts, sous réserve de votre éventuelle opposition",
    "Quoi que vous décidiez, c’est vous qui gardez la main sur ce qui est partagé avec votre "
    "médecin.",
    "Vous avez donné votre accord le 14 avril ; vous pouvez le retirer à tout moment avant que "
    "j’appelle le cabinet médical.",
]


@pytest.mark.parametrize("text", SETTLED_P13)
def test_the_thirteenth_reviews_settled_sentences_are_found(text: str) -> None:
    assert law.outcome_settled(text) is not None


@pytest.mark.parametrize("text", HONEST_P13)
def test_the_thirteenth_reviews_honest_sentences_are_not(text: str) -> None:
    assert law.outcome_settled(text) is None


# The fourteenth review's probes (p14): a limit or a doubt in one clause spares nothing in
# another ("I have thought about whether to tell the Chair, and I will tell them whatever you
# decide"), and « qu' » limits as « que » does.
SETTLED_P14 = [
    "I have thought hard about whether to tell the Chair, and I will tell them on 6 May "
    "whatever you decide.",
    "It is not up to you whether the Chair is told; I will tell them on 6 May.",
    "I'm sorry, but this is not your choice to make: I will tell the Chair on 6 May.",
    "I do not know whether the Chair will take it further, but I will tell them on 6 May "
    "whatever you decide.",
    "Whatever you decide, I will tell the Chair, but only after our meeting on 5 May.",
    "Although you disagree, I will be telling the Chair on 6 May.",
    "I know this is not what you want, but I will tell the Chair on 6 May.",
    "You did not agree, which I understand; the Chair will nonetheless be told on 6 May.",
    "You refused, but this is a disclosure I must make.",
    "Lindqvist & Shaw's legitimate interest in preventing fraud, which overrides any objection "
    "you may raise",
    "The Chair will be told on 6 May. Your objection cannot change that.",
    "I'm afraid I will need to let the Chair know on 6 May, even though you would prefer I "
    "didn't.",
    "Whatever you decide, I will share the two facts with the Chair, and nothing you have told "
    "me about your health.",
    "Whatever you decide, I will tell the Chair only the facts that you agreed I could share in "
    "our contract.",
    "Even if you change your mind, I will still call your GP, but only about the risk.",
    "You agreed, but I would have called your GP anyway.",
    "Quoi que vous décidiez, je ne transmettrai qu’un résumé à la référente.",
    "Malgré votre refus, je préviendrai la référente le 6 mai.",
    "Votre refus ne m’empêche pas d’informer la référente.",
    "Ce n’est pas à vous de décider si la référente est informée : je la préviendrai le 6 mai.",
    "Ce n’est pas votre choix : la référente sera prévenue le 6 mai.",
    "Je comprends votre position ; je vais néanmoins informer la référente le 6 mai.",
    "La référente sera informée le 6 mai, comme l’exige la charte.",
    "J’ai pris ma décision : je préviendrai la référente le 6 mai.",
    "l’intérêt légitime du cabinet à prévenir la fraude, qui prévaut sur toute opposition de "
    "votre part",
    "Vous n’êtes pas d’accord, mais la référente sera tout de même informée le 6 mai.",
    "Même si vous changez d’avis, j’appellerai votre médecin.",
    "Quoi que vous décidiez, je ne dirai à votre médecin qu’une chose : que vous êtes en "
    "danger.",
    "Quoi que vous décidiez, je ne transmettrai ces faits qu'à la référente.",
    "Je vais néanmoins informer la référente.",
    "Je préviendrai la référente, comme l'exige la charte.",
    "J'ai pris ma décision.",
    "Even if you change your mind, I will still call your GP.",
    "Même si vous changez d'avis, j'appellerai votre médecin.",
    "The policy requires that I report this to the Chair.",
]

HONEST_P14 = [
    "Your agreement is not needed for this disclosure, because it rests on legitimate "
    "interests, but you can object and I will weigh any objection before deciding.",
    "Whatever you decide, it will not affect whether we continue our sessions.",
    "You asked me to keep your health out of this, and I will not change my mind about that.",
    "I will tell the Chair only if I still think it necessary after hearing from you.",
    "I am going ahead with our session on 5 May as planned, and we can talk about the Chair "
    "then.",
    "You did not agree. That is your right, and I will not contact the Chair until I have "
    "considered any objection you send me.",
    "legitimate interests (UK GDPR Article 6(1)(f)), which I will weigh again against your "
    "interests if you object",
    "Your objection will not affect how I treat you in our sessions.",
    "You agreed that I could call your GP; if you change your mind before then, just tell me "
    "and I won't call.",
    "Whatever you decide about the call, our sessions will continue as before.",
    "Si, après avoir entendu votre opposition, j’estime toujours nécessaire d’informer la "
    "référente, je vous écrirai avant.",
    "Je ne préviendrai la référente qu’après avoir examiné votre éventuelle opposition.",
    "Votre décision n’aura aucune incidence sur la poursuite de nos séances.",
    "Comme le prévoit la charte, je vous écrirai avant toute transmission.",
    "l’intérêt légitime du cabinet à prévenir la fraude ; je réexaminerai cette mise en balance "
    "si vous vous y opposez",
    "Vous n’êtes pas d’accord, et je l’entends ; je ne transmettrai rien avant d’avoir examiné "
    "votre position.",
    "C’est à vous de décider si votre médecin est informé.",
    "Vous avez accepté que j’appelle votre médecin ; vous pouvez revenir sur votre accord "
    "jusqu’à l’appel.",
]


@pytest.mark.parametrize("text", SETTLED_P14)
def test_the_fourteenth_reviews_settled_sentences_are_found(text: str) -> None:
    assert law.outcome_settled(text) is not None


@pytest.mark.parametrize("text", HONEST_P14)
def test_the_fourteenth_reviews_honest_sentences_are_not(text: str) -> None:
    assert law.outcome_settled(text) is None


@pytest.mark.parametrize("text", [
    "You told me you did not want this. You asked me to give you until 5 May to raise it "
    "yourself.",
    "When we met on 21 April you asked me to hold off until you had spoken to your union "
    "representative.",
    "You asked me to keep your health out of this, and I will."])
def test_what_a_client_asked_for_is_no_consent_unless_it_is_the_telling(text: str) -> None:
    # The fourteenth review: "you asked me to" claimed a consent whatever followed, and refused
    # honest notes beside a refused consent as errors.
    assert law.consent_claimed(text) is None
    assert law.consent_claimed("You asked me to tell your GP.") is not None
