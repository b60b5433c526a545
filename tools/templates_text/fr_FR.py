"""Le texte des modèles fr-FR : l'accord, l'annexe, la lettre de notification et la fiche de décision.

The French set is written in French, as a French practitioner would sign it, not translated
sentence by sentence; but its structure is the reference set's (tools/templates_text/en_GB.py):
the same clause numbers, conditions, loops, fields printed and tables, so that the completeness
check can compare the two. Only the prose differs.

The role words come from the catalogue templates/fr-FR/messages.po, with their article forms
(``words.the_client`` "le coaché", ``words.of_the_engagement`` "de la formation",
``words.to_the_practitioner`` "à l'organisme"), since French cannot build them from the bare word.
The practitioner and the client words are masculine in every kind of engagement, the session words
feminine (séance, rencontre, réunion); the engagement words are not all of one gender (le coaching,
la formation, l'adhésion), so no adjective or pronoun here refers to the engagement.

The text is typed with ordinary spaces and apostrophes; :func:`typography` sets the French ones
(a no-break space before ":" and inside guillemets, a narrow no-break space before ";", "!" and
"?", the typographic apostrophe), outside the Jinja tags.
"""

from __future__ import annotations

import re

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx_builder import SIGNATURE_LINE, Builder, CellList, Language, optional_line, set_table_look

NBSP = "\u00a0"
NNBSP = "\u202f"
_HIGH_PUNCTUATION = re.compile(r" ([;!?])")


def typography(text: str) -> str:
    """French spacing and apostrophes in a template's own text (never applied to a Jinja tag)."""
    text = text.replace("'", "’")
    text = _HIGH_PUNCTUATION.sub(NNBSP + r"\1", text)
    text = text.replace(" :", NBSP + ":")
    return text.replace("« ", "«" + NBSP).replace(" »", NBSP + "»")


LANGUAGE = Language(
    tag="fr-FR",
    page="Page ",
    of=" sur ",
    signature="Signature : ",  # the builder's paragraphs go through typography()
    date="Date : ",
    comments=typography("Modèle confdocs. Modifiez-le dans Word ; `confdocs templates fields` "
                        "et docs/fields.md indiquent les champs qu'il peut utiliser."),
    keywords="confidentialité",
    category="modèle confdocs",
    typography=typography,
)

# -- les mots communs aux documents ------------------------------------------------------------------

PRACTITIONER = "{{ words.practitioner }}"
CLIENT = "{{ words.client }}"
ENGAGEMENT = "{{ words.engagement }}"
SESSION = "{{ words.session }}"
SESSIONS = "{{ words.sessions }}"
THE_P = "{{ words.the_practitioner }}"
THE_P_ = "{{ words.the_practitioner|capfirst }}"
OF_THE_P = "{{ words.of_the_practitioner }}"
TO_THE_P = "{{ words.to_the_practitioner }}"
THE_C = "{{ words.the_client }}"
THE_C_ = "{{ words.the_client|capfirst }}"
OF_THE_C = "{{ words.of_the_client }}"
TO_THE_C = "{{ words.to_the_client }}"
THE_E = "{{ words.the_engagement }}"
# Les pronoms qui reprennent le client s'accordent avec lui (elle, il ; elle après « la personne
# coachée » lorsqu'aucun genre n'est donné), comme les noms du superviseur : tout vient du
# catalogue, choisi d'après parties.*.gender.
CLIENT_HE = "{{ words.client_he }}"
CLIENT_HE_ = "{{ words.client_he|capfirst }}"
CLIENT_HIM = "{{ words.client_him }}"
A_SUPERVISOR = "{{ words.a_supervisor }}"
THE_SUPERVISOR = "{{ words.the_supervisor }}"
TO_THE_SUPERVISOR = "{{ words.to_the_supervisor }}"
THEIR_SUPERVISOR = "{{ words.their_supervisor }}"
SUPERVISOR_HE = "{{ words.supervisor_he }}"
# L'organisation professionnelle avec son article (« la Fédération… »), lorsque les données le donnent.
BODY_NAME = ("{% if professional_body.name_with_article %}{{ professional_body.name_with_article }}"
             "{% else %}{{ professional_body.name }}{% endif %}")
THE_E_ = "{{ words.the_engagement|capfirst }}"
OF_THE_E = "{{ words.of_the_engagement }}"
THIS_E = "{{ words.this_engagement }}"
# A time as French writes it, "9 h 00", "14 h 30" (Babel's pattern; the spaces are no-break).
HOUR = f"H'{NBSP}h{NBSP}'mm"
OTHERS = "feedback.from_others"
INTERVIEWS = f"{OTHERS}.method == 'interviews'"
MEMBERSHIP = "kind == 'membership'"

# Chaque niveau d'anonymat, pour un questionnaire et pour des entretiens (dont le contenu est
# toujours restitué sous forme de tendances, jamais par nom, fonction ou relation).
ANONYMITY = {
    "unidentified": (
        "**Anonymat complet.** "
        f"{{% if {INTERVIEWS} %}}"
        "Le rapport ne dit pas qui a été interrogé, et il est rédigé de façon que rien de ce "
        "qu'il contient ne puisse être rattaché à une personne."
        "{% else %}"
        "Les réponses sont regroupées, de sorte que personne ne puisse savoir, à la lecture du "
        "rapport, qui a dit quoi."
        "{% endif %}"
    ),
    "category": (
        "**Par catégorie.** "
        f"{{% if {INTERVIEWS} %}}"
        "Le rapport peut indiquer de quels groupes viennent les personnes interrogées, par exemple "
        "les pairs ou les collaborateurs directs, mais rien n'y est attribué à un groupe ni à une "
        "personne."
        "{% else %}"
        "Les réponses sont présentées par catégorie de répondants, par exemple les pairs ou les "
        "collaborateurs directs, et jamais nominativement. Une catégorie n'est présentée "
        "séparément que si elle compte assez de répondants."
        "{% endif %}"
    ),
    "named": (
        "**Nominatif.** "
        f"{{% if {INTERVIEWS} %}}"
        "Le rapport donne la liste des personnes interrogées, mais rien n'y est attribué à l'une "
        "d'elles en particulier."
        "{% else %}"
        "Chaque réponse est présentée avec le nom de la personne qui l'a donnée. Chaque personne "
        "sollicitée en est informée avant de répondre, et peut refuser de participer."
        "{% endif %}"
    ),
}


def document_reference(b: Builder) -> None:
    b.lines("**Référence :** {{ id }}", "**Date de l'accord :** {{ dates.agreed|date }}")
    b.doc.paragraphs[-1].paragraph_format.space_after = Pt(12)


def feedback_about_client_details(b: Builder) -> None:
    """La synthèse sur le client que reçoit l'organisation : qui, quoi, comment, quand."""
    about = "feedback.about_client"
    b.bullet(f"**Destinataire :** {{{{ {about}.recipient }}}}")
    b.bullet(f"**Forme :** {{{{ {about}.form }}}}")
    b.bullet("**Contenu :**")
    with b.for_each(f"item in {about}.content"):
        b.bullet("{{ item|capfirst }}", level=2)
    b.bullet(f"**Moment :** {{{{ {about}.when }}}}")
    b.para(
        f"{{% if {about}.client_sees_first %}}"
        f"{THE_C_} prend connaissance de la synthèse et en approuve la rédaction avant son envoi."
        "{% else %}"
        f"La synthèse est envoyée sans que {THE_C} l'ait vue au préalable ; {THE_C} peut en "
        "demander une copie à tout moment."
        "{% endif %}"
        " Elle ne porte sur rien d'autre que les points ci-dessus."
    )


def signatures(b: Builder) -> None:
    """Les blocs de signature du praticien, du client et, dans un accord tripartite, du
    représentant du commanditaire."""
    b.signature_block(
        THE_P_,
        "Nom : {{ parties.practitioner.name }}",
        "Fonction : {{ parties.practitioner.role }}"
        "{% if parties.practitioner.organisation %}, {{ parties.practitioner.organisation }}"
        "{% endif %}",
    )
    b.signature_block(THE_C_, "Nom : {{ parties.client.name }}")
    with b.only_if("parties.sponsor"):
        b.signature_block(
            "Pour le commanditaire, {{ parties.sponsor.organisation }}",
            "Nom : {{ parties.sponsor.contact.name }}",
            "Fonction : {{ parties.sponsor.contact.role }}",
        )


# -- l'accord de confidentialité ---------------------------------------------------------------------


def build_contract() -> Builder:
    b = Builder(
        LANGUAGE,
        title="Accord de confidentialité",
        subject="Les clauses de confidentialité d'un contrat d'accompagnement (modèle confdocs)",
        header="{{ id }} · {{ title }}",
    )
    b.title("Accord de confidentialité")
    b.subtitle("{{ title }}")
    document_reference(b)
    b.para(
        f"Le présent accord, qui porte sur {THIS_E}, précise comment sont traitées les "
        "informations confidentielles : ce qui sera communiqué, à qui, de quelle manière et à "
        "quel moment ; ce qui ne le sera pas ; dans quels cas et selon quelle procédure la "
        "confidentialité pourrait devoir être levée. Il fait partie intégrante du contrat conclu "
        f"pour {THIS_E}. Chaque signataire confirme l'avoir lu, compris et accepté."
    )
    contract_parties(b)
    contract_sharing(b)
    contract_guidelines_and_body(b)
    contract_feedback(b)
    contract_limits(b)
    contract_procedure(b)
    contract_records(b)
    contract_supervision_and_review(b)
    with b.kept_together():
        b.heading("Signatures")
        b.para("En signant ci-dessous, chaque partie accepte les termes du présent accord.")
        signatures(b)
    return b


def contract_parties(b: Builder) -> None:
    practitioner = "parties.practitioner"
    sponsor = "parties.sponsor"
    b.heading("{{ clause.parties }}. Les parties et l'objet")
    b.para("Le présent accord est conclu entre :")
    b.bullet(
        f"**{THE_P_} :** "
        f"{{% if {MEMBERSHIP} and {practitioner}.organisation %}}{{{{ {practitioner}.organisation }}}}, "
        f"représenté par {{{{ {practitioner}.name }}}}, {{{{ {practitioner}.role }}}}"
        f"{{% else %}}{{{{ {practitioner}.name }}}}, {{{{ {practitioner}.role }}}}"
        f"{{% if {practitioner}.organisation %}}, {{{{ {practitioner}.organisation }}}}"
        "{% endif %}{% endif %}"
    )
    b.bullet(
        f"**{THE_C_} :** {{{{ parties.client.name }}}}"
        "{% if parties.client.job_title %}, {{ parties.client.job_title }}{% endif %}"
        "{% if parties.client.membership_number %} (numéro d'adhérent "
        "{{ parties.client.membership_number }}){% endif %}"
    )
    with b.only_if(sponsor):
        b.bullet(
            f"**Le commanditaire :** {{{{ {sponsor}.organisation }}}}, représenté par "
            f"{{{{ {sponsor}.contact.name }}}}, {{{{ {sponsor}.contact.role }}}}"
        )
        b.para(
            f"Il s'agit d'un accord tripartite. Le commanditaire, à l'initiative de {THIS_E}, "
            f"convient avec {THE_C} et {THE_P} de ce qui lui sera communiqué et de ce qui ne le "
            f"sera pas. Il s'intéresse à la progression {OF_THE_E} ; ce que {THE_C} confie au "
            f"cours des {SESSIONS} n'appartient qu'à {CLIENT_HIM}."
        )
        with b.only_if(f"{sponsor}.meetings"):
            b.para(f"{THE_C_}, {THE_P} et le commanditaire se réuniront à trois :")
            with b.for_each(f"meeting in {sponsor}.meetings"):
                b.bullet("{{ meeting|capfirst }}")
            b.para(
                f"Au cours de ces réunions, {THE_P} ne communique rien de plus que ce que permet "
                f"le présent accord ; {THE_C} décide de ce qu'{CLIENT_HE} souhaite ajouter."
            )
    with b.only_if(f"{practitioner}.internal"):
        b.para(
            f"**Une intervention en interne.** {{{{ {practitioner}.name }}}} travaille pour la même "
            f"organisation que {THE_C}. Pour que les rôles, les dossiers et les liens "
            "hiérarchiques restent clairs :"
        )
        b.bullet(
            f"Dans le cadre {OF_THE_E}, {{{{ {practitioner}.name }}}} intervient uniquement en "
            f"tant que {PRACTITIONER}. Rien de ce qui y est appris n'est utilisé dans ses autres "
            "fonctions, par exemple en matière de management, d'évaluation, de recrutement, "
            "d'insuffisance professionnelle ou de discipline."
        )
        b.bullet(
            f"Les dossiers {OF_THE_E} sont conservés à part des dossiers du personnel et des "
            "évaluations, et n'y sont jamais versés. L'article {{ clause.records }} précise où "
            "ils sont conservés et qui peut les consulter."
        )
        b.bullet(
            f"{{{{ {practitioner}.name }}}} ne rend pas compte {OF_THE_E} à sa propre hiérarchie "
            f"ni à celle {OF_THE_C}, sauf dans la mesure prévue par le présent accord."
        )
    others = f"{practitioner}.other_clients"
    with b.only_if(f"{others} in ('same_organisation', 'reporting_line')"):
        b.para(
            f"**D'autres personnes de la même organisation.** {{{{ {practitioner}.name }}}} "
            "travaille aussi avec d'autres personnes {% if parties.sponsor %}de l'organisation "
            "{{ parties.sponsor.organisation }}{% else %}de la même organisation que "
            f"{THE_C}{{% endif %}}"
            f"{{% if {others} == 'reporting_line' %}}, dont une personne de la ligne hiérarchique "
            f"{OF_THE_C} : une personne dont {THE_C} relève, ou qui relève {OF_THE_C}, "
            "directement ou non{% endif %}. Pour que la confidentialité "
            f"{OF_THE_C} n'en soit en rien diminuée :"
        )
        b.bullet(
            f"Rien de ce que {THE_C} dit au cours des {SESSIONS} n'est transmis à l'une de ces "
            "personnes{% if confidentiality.shared %}, au-delà de ce qu'énumère l'article "
            "{{ clause.shared }}{% endif %}. Rien de ce qu'elles confient à "
            f"{{{{ {practitioner}.name }}}} n'entre dans {THIS_E}"
            f"{{% if {OTHERS}.collected %}}, hormis leurs retours sur {THE_C}, qui n'y "
            "parviennent que par le rapport décrit à l'article "
            "{{ clause.feedback_from_others }}{% endif %}."
        )
        b.bullet(
            f"{{{{ {practitioner}.name }}}} n'utilise pas ce que dit l'une de ces personnes dans "
            "le travail avec une autre, et ne prend parti pour aucune."
        )
        with b.only_if(f"{others} == 'reporting_line'"):
            b.bullet(
                f"Il s'agit d'un conflit d'intérêts. {{{{ {practitioner}.name }}}} le signale ici "
                "sans nommer personne, chaque accompagnement étant aussi confidentiel que "
                f"celui-ci, et préviendra {THE_C} s'il venait à peser sur le travail."
            )
        b.bullet(
            f"{THE_C_} peut demander à tout moment, sans avoir à se justifier, à changer de "
            f"{PRACTITIONER}{{% if parties.sponsor %}} ; l'organisation "
            "{{ parties.sponsor.organisation }} s'en charge alors{% endif %}."
        )
    b.heading("Objet", level=2)
    b.para("{{ purpose }}")
    b.para(
        f"{THE_E_} débute le {{{{ dates.start|date }}}}"
        "{% if dates.end %} et s'achève le {{ dates.end|date }}{% else %}, sans date de fin "
        "fixée{% endif %}."
    )


def contract_sharing(b: Builder) -> None:
    b.heading("{{ clause.shared }}. Ce qui sera communiqué, à qui, comment et quand")
    b.tag("if confidentiality.shared")
    b.lead_in(
        f"Seules les informations suivantes sur {THE_E} seront communiquées, aux personnes "
        "désignées, de la manière et au moment indiqués."
    )
    table = b.table([50, 40, 40, 30], style="Light List Accent 1",
                    header=["Information", "Destinataires", "Modalités", "Moment"])
    b.row_tag(table, "for item in confidentiality.shared")
    b.row(table, ["{{ item.what }}", CellList("recipient in item.with_whom", "{{ recipient }}"),
                  "{{ item.how }}", "{{ item.when }}"])
    b.row_tag(table, "endfor")
    b.tag("else")
    b.para(
        f"Aucune information sur {THE_E} ne sera communiquée à quiconque"
        "{% if parties.sponsor %}, pas même au commanditaire{% endif %}"
        "{% if feedback.about_client.required %}, hormis la synthèse décrite à l'article "
        "{{ clause.feedback_about_client }}{% endif %}."
    )
    b.tag("endif")

    b.heading("{{ clause.not_shared }}. Ce qui ne sera pas communiqué")
    b.para(
        f"Ce qui suit reste entre {THE_C} et {THE_P}"
        "{% if parties.sponsor %} ; rien n'en est communiqué au commanditaire ni à quiconque"
        "{% endif %} :"
    )
    with b.for_each("item in confidentiality.not_shared"):
        b.bullet("{{ item|capfirst }}")
    with b.only_if("confidentiality.extra_sharing_needs_written_consent"):
        b.para(
            "Rien de plus que ce que prévoit le présent accord ne sera communiqué à quiconque "
            f"sans le consentement écrit {OF_THE_C}, donné à l'avance et pour chaque élément en "
            "particulier. Seules font exception les limites de la confidentialité prévues à "
            "l'article {{ clause.limits }}."
        )

    with b.only_if("clause.group"):
        b.heading("{{ clause.group }}. La confidentialité au sein du groupe")
        b.para(
            f"Une grande partie {OF_THE_E} se déroule en groupe. Ce que {THE_C} dit lors des "
            "échanges, des exercices et des jeux de rôle en groupe est entendu par les autres "
            f"participants autant que par {THE_P} : cela ne peut donc pas rester entre {THE_C} "
            f"et {THE_P}. {THE_P_} demande à chaque membre du groupe de respecter les règles "
            "suivantes :"
        )
        with b.for_each("rule in confidentiality.ground_rules"):
            b.bullet("{{ rule }}")
        b.para(
            f"{THE_P_} rappellera ces règles au groupe, mais ne peut ni engager les autres "
            f"participants ni garantir qu'ils les respecteront. {THE_C_} ne dit donc en groupe "
            f"que ce qu'{CLIENT_HE} accepte que d'autres sachent. Ce que {THE_C} confie {TO_THE_P} "
            "en tête-à-tête, en dehors du groupe, reste confidentiel dans les conditions du présent "
            f"accord, et {THE_C} respecte les mêmes règles à l'égard de ce que disent les autres "
            "membres du groupe."
        )


def contract_guidelines_and_body(b: Builder) -> None:
    b.heading("{{ clause.guidelines }}. Règles de l'organisation")
    b.tag("if organisational_guidelines")
    b.para(f"Les règles internes suivantes ont une incidence sur la confidentialité dans le "
           f"cadre {OF_THE_E} :")
    with b.for_each("guideline in organisational_guidelines"):
        b.bullet(
            "**{{ guideline.title }}**"
            "{% if guideline.reference %} ({{ guideline.reference }}){% endif %}"
            "\n{{ guideline.summary }}"
        )
    b.para(
        "Lorsque l'une de ces règles imposerait de transmettre une information confiée sous le "
        "sceau de la confidentialité, celle-ci n'est transmise qu'au titre d'une limite de la "
        "confidentialité prévue à l'article {{ clause.limits }}, et selon la procédure de "
        "l'article {{ clause.procedure }}."
    )
    b.tag("else")
    b.para(
        "Aucune règle interne n'a d'incidence sur la confidentialité dans le "
        f"cadre {OF_THE_E}. Si certaines venaient à s'appliquer, elles ne seraient ajoutées au "
        "présent accord qu'avec l'accord de tous ses signataires."
    )
    b.tag("endif")

    body = "professional_body"
    code = f"{body}.code_of_ethics"
    b.heading("{{ clause.professional_body }}. {% if " + MEMBERSHIP + " %}Le code de l'organisme"
              "{% else %}L'organisation professionnelle et son code de déontologie{% endif %}")
    b.para(
        f"{{% if {MEMBERSHIP} %}}{THE_C_} s'engage à respecter le code ci-dessous en tant que "
        f"membre {OF_THE_P} ; celui-ci traite les informations qu'il recueille sur {THE_C} "
        f"conformément au présent accord et à ce code.{{% else %}}{THE_P_} exerce dans le "
        "respect du code de déontologie ci-dessous, dans le cadre duquel le présent accord est "
        # Le code d'un organisme s'impose au membre : il n'exige rien de l'organisme lui-même.
        f"conclu.{{% endif %}} Lorsque le code {{% if {MEMBERSHIP} %}}est plus exigeant"
        f"{{% else %}}exige davantage {OF_THE_P}{{% endif %}} que le présent accord, c'est le "
        "code qui s'applique."
    )
    b.bullet(f"**{{% if {MEMBERSHIP} %}}Organisme{{% else %}}Organisation professionnelle"
             f"{{% endif %}} :** {{{{ {body}.name }}}}")
    with b.only_if(f"{body}.membership_number"):
        b.bullet(f"**Numéro d'adhérent {OF_THE_P} :** {{{{ {body}.membership_number }}}}")
    b.bullet(
        f"**Code de déontologie :** {{{{ {code}.title }}}}"
        f"{{% if {code}.version %}} ({{{{ {code}.version }}}}){{% endif %}}"
    )
    with b.only_if(f"{code}.url"):
        b.bullet(f"**Où le consulter :** {{{{ {code}.url }}}}")
    with b.only_if(f"{body}.requirements"):
        b.para(f"Les exigences suivantes {{% if {MEMBERSHIP} %}}de l'organisme{{% else %}}"
               "de l'organisation professionnelle{% endif %} ont une incidence sur la "
               "confidentialité :")
        with b.for_each(f"requirement in {body}.requirements"):
            b.bullet("{{ requirement }}")
    b.para(
        f"**Réclamations.** {THE_C_}{{% if parties.sponsor %}}, ou le commanditaire,{{% endif %}} "
        f"peut faire part {TO_THE_P} de toute préoccupation sur la manière dont la "
        f"confidentialité a été traitée, {{% if {MEMBERSHIP} %}}et peut déposer une réclamation "
        "en bonne et due forme selon la procédure propre à l'organisme{% else %}et peut aussi "
        f"saisir l'organisation professionnelle, {BODY_NAME}{{% endif %}}. La marche à "
        f"suivre est indiquée à l'adresse {{{{ {body}.complaints_url }}}}. Une réclamation "
        "relative à l'utilisation des données personnelles peut aussi être adressée à l'autorité "
        "de contrôle, comme l'indique l'article {{ clause.records }}."
    )


def contract_feedback(b: Builder) -> None:
    b.heading(f"{{{{ clause.feedback_about_client }}}}. Synthèse sur {THE_C}")
    b.tag("if feedback.about_client.required")
    b.para(
        "{% if parties.sponsor %}Le commanditaire{% else %}L'organisation{% endif %} demande une "
        f"synthèse sur {THE_C}. Elle est établie comme suit :"
    )
    feedback_about_client_details(b)
    b.tag("else")
    b.para(
        f"Aucune synthèse ni aucun rapport sur {THE_C} n'est remis "
        "{% if parties.sponsor %}au commanditaire{% else %}à aucune organisation{% endif %} ni à "
        # L'article « shared » n'énumère rien lorsque rien n'est communiqué : il n'est cité que
        # s'il énumère quelque chose.
        "qui que ce soit. {% if confidentiality.shared %}En dehors de ce qu'énumère l'article "
        f"{{{{ clause.shared }}}}, {THE_P} ne rend compte de rien concernant {THE_C}.{{% else %}}"
        f"{THE_P_} ne rend compte à personne de quoi que ce soit concernant {THE_C}.{{% endif %}}"
    )
    b.tag("endif")

    b.heading("{{ clause.feedback_from_others }}. Retours de l'entourage professionnel")
    b.tag(f"if {OTHERS}.collected")
    b.para(
        f"Des retours sur {THE_C} seront recueillis auprès de personnes qui travaillent avec "
        f"{CLIENT_HIM}, "
        f"{{% if {INTERVIEWS} %}}au cours d'entretiens. Leurs propos sont restitués sous forme de "
        "tendances communes aux entretiens, jamais par nom, fonction ou relation de travail."
        "{% else %}au moyen d'un questionnaire.{% endif %}"
    )
    b.para("Le niveau d'anonymat, convenu à l'avance, est le suivant :")
    for level, text in ANONYMITY.items():
        with b.only_if(f"{OTHERS}.anonymity == '{level}'"):
            b.para(text)
    b.para(
        f"Destinataires du rapport : {{{{ {OTHERS}.report_recipients|and_list }}}}. L'annexe "
        "sur l'anonymat des retours, qui fait partie du présent accord, en précise les "
        "modalités : le nombre minimal de répondants, ce qui se passe lorsque trop peu de "
        "personnes répondent et le traitement des commentaires écrits."
    )
    b.tag("else")
    b.para(
        f"Aucun retour sur {THE_C} n'est recueilli auprès d'autres personnes, collègues ou autres "
        f"participants par exemple, dans le cadre {OF_THE_E}. Si cela devait être souhaité, le "
        "niveau d'anonymat serait convenu par écrit, par tous les signataires du présent accord, "
        "avant tout recueil."
    )
    b.tag("endif")


def contract_limits(b: Builder) -> None:
    b.heading("{{ clause.limits }}. Les limites de la confidentialité")
    b.para(
        "Une confidentialité absolue ne peut pas être garantie. La loi, les règles de "
        "l'organisation et le souci de la sécurité ou du bien-être d'une personne peuvent chacun "
        f"imposer qu'une information soit transmise. {THE_P_} ne lèvera donc la confidentialité "
        "que pour l'un des motifs ci-dessous, chacun faisant l'objet d'une clause distincte, et "
        "uniquement selon la procédure de l'article {{ clause.procedure }}"
        "{% if clause.emergency %} ou, en cas d'urgence, dans les conditions de l'article "
        "{{ clause.emergency }}{% endif %}. Aucun autre motif ne suffit."
    )
    with b.for_each("limit in confidentiality.limits"):
        b.clause("{{ clause.limit[limit.id] }}",
                 "**{{ words.ground[limit.ground]|capfirst }}.** {{ limit.description }}")


# Un organisme n'a pas de superviseur : la personne qui agit pour lui peut en avoir un.
SUPERVISOR = (f"{{% if {MEMBERSHIP} %}}{THE_SUPERVISOR} de {{{{ parties.practitioner.name }}}}"
              f"{{% else %}}{THE_SUPERVISOR} {OF_THE_P}{{% endif %}}")
# À qui le praticien demande conseil lorsqu'il n'a pas de superviseur et que personne n'est nommé.
ADVISER = (f"{{% if {MEMBERSHIP} %}}une personne expérimentée du métier, extérieure {TO_THE_P}"
           "{% else %}une autre personne expérimentée du métier{% endif %}")


def contract_procedure(b: Builder) -> None:
    procedure = "disclosure_procedure"
    b.heading("{{ clause.procedure }}. Lever la confidentialité : la procédure")
    b.para(
        f"Si un élément abordé au cours d'une {SESSION} laisse penser que la confidentialité "
        f"pourrait devoir être levée, {THE_P}{{% if clause.emergency %}}, sauf en cas d'urgence "
        "(article {{ clause.emergency }}),{% endif %} suivra les étapes ci-dessous, dans cet "
        "ordre :"
    )
    b.step("S'arrêter et réfléchir à la suite à donner, avant toute action.")
    # En groupe, les autres sont présents : on parle à la personne en privé, jamais devant eux,
    # et toutes les étapes suivantes ont lieu dans cet entretien.
    with b.only_if("clause.group"):
        b.step(
            f"S'entretenir en privé avec {THE_C}, à l'écart du groupe (pendant une pause, ou en "
            "se mettant à part), et lui dire clairement qu'une question de confidentialité se "
            "pose et doit être traitée sans attendre. Rien n'en est dit devant les autres "
            "participants : les étapes suivantes se déroulent dans cet entretien privé."
        )
    b.step(
        f"Vérifier auprès {OF_THE_C} que {{% if {MEMBERSHIP} %}}ce qui a été dit {TO_THE_P}"
        f"{{% else %}}ce que {THE_P} a entendu{{% endif %}} correspond bien à ce que "
        f"{THE_C} voulait dire, et qu'il s'agit réellement d'une information qui devrait être "
        "divulguée."
    )
    with b.only_if("not clause.group"):
        b.step(
            f"Suspendre la {SESSION} et dire clairement {TO_THE_C} qu'une question de "
            "confidentialité se pose et doit être traitée sans attendre."
        )
    b.step(
        "Examiner la situation ensemble : ce qui s'est passé, qui est concerné, quand et "
        "comment. Cette clarification honnête peut très bien montrer qu'aucune divulgation "
        "n'est nécessaire."
    )
    with b.only_if(f"{procedure}.supervision_consulted"):
        b.step(
            f"Consulter {SUPERVISOR}{{% if parties.supervisor %}}, "
            f"{{{{ parties.supervisor.name }}}},{{% endif %}} avant toute divulgation, sans "
            f"nommer {THE_C}."
        )
    with b.only_if(f"{procedure}.consent_sought_first"):
        b.step(
            f"Si une divulgation est nécessaire, demander l'accord {OF_THE_C} avant de divulguer "
            "quoi que ce soit, en se référant au présent article."
        )
    with b.only_if(f"{procedure}.self_disclosure_support"):
        b.step(
            f"Proposer {TO_THE_C} de procéder {CLIENT_HIM}-même à la divulgation, avec un soutien : "
            "convenir ensemble de la personne à qui elle doit être faite et examiner ce qu'elle "
            f"peut impliquer pour {THE_C} et pour {THE_P}"
            f"{{% if {procedure}.practitioner_present %}}, puis proposer sa présence lorsqu'elle "
            "sera faite{% endif %}."
        )
    b.step(
        f"Ne pas se faire complice d'un évitement. {THE_C_} a pu repousser longtemps le moment "
        f"d'affronter la question ; {THE_P} n'entrera pas dans ce schéma, agira avec "
        "professionnalisme, dans le respect du code de déontologie et de la présente procédure, "
        "et, si la question n'est pas réglée comme convenu, y reviendra jusqu'à ce qu'elle soit "
        "traitée comme il se doit."
    )
    with b.only_if(f"{procedure}.consent_sought_first"):
        b.step(
            f"Si {THE_C} refuse la divulgation, lui rappeler les articles {{{{ clause.limits }}}} "
            "et {{ clause.procedure }} du présent accord, en vertu desquels elle peut tout de "
            f"même avoir lieu{{% if {procedure}.self_disclosure_support %}}, à son initiative ou à "
            f"celle {OF_THE_P}{{% endif %}}"
            # Le code d'un organisme lie le membre : il ne donne aucune autorité à l'organisme.
            f"{{% if not {MEMBERSHIP} %}}, ainsi que le code de déontologie applicable "
            "({{ professional_body.code_of_ethics.title }}), qui permet de lever la "
            "confidentialité pour les motifs convenus{% endif %}. Mesurer les effets de la "
            "divulgation sur "
            f"{THE_C} et chercher à comprendre les raisons de son refus : par exemple, une "
            "pression exercée au sein de l'organisation."
        )
    b.step(
        "Ne divulguer que les informations précises qu'exige le motif invoqué, et rien de plus, "
        "en distinguant les faits des opinions."
    )
    b.step(
        f"Convenir avec {THE_C} des modalités de la divulgation (sa forme, sa date et son lieu) "
        f"ou, à défaut d'accord, l'en informer. {THE_C_} en reçoit l'annonce par écrit "
        f"{{% if {procedure}.notice_days %}}au moins {{{{ {procedure}.notice_days|days }}}} "
        "avant qu'elle ait lieu{% else %}avant qu'elle ait lieu{% endif %}, afin de pouvoir s'y "
        "préparer, sauf si ce préavis mettait quelqu'un en danger ou privait la divulgation de "
        f"son objet ; la raison d'un préavis plus court est consignée et communiquée {TO_THE_C}."
    )
    b.step(
        "Consigner la décision et ses motifs, y compris une décision de ne pas divulguer : les "
        "personnes consultées, les options envisagées, ce qui a été divulgué, à qui et sur quel "
        "fondement."
    )
    with b.only_if(f"{procedure}.relationship_review"):
        b.step(
            f"Une fois la situation réglée, faire le point sur la relation avec {THE_C}, comme le "
            "prévoit l'article {{ clause.review }}."
        )
    # Une étape omise est dite, et non passée sous silence.
    with b.only_if(f"not {procedure}.consent_sought_first or not "
                   f"{procedure}.self_disclosure_support or not {procedure}.relationship_review"):
        # Chaque phrase après la première imprimée commence par son espace : le paragraphe ne
        # commence ni ne finit jamais par une espace.
        no_consent = f"not {procedure}.consent_sought_first"
        no_self = f"not {procedure}.self_disclosure_support"
        b.para(
            f"{{% if {no_consent} %}}Le consentement {OF_THE_C} n'est pas "
            "demandé avant une divulgation fondée sur l'un des motifs de l'article "
            f"{{{{ clause.limits }}}} : {THE_C} accepte ces motifs dès à présent, en signant le "
            "présent accord, et chaque divulgation lui est annoncée comme indiqué ci-dessus. "
            "Cette acceptation des motifs n'est pas un consentement au sens du droit de la "
            "protection des données : chaque divulgation repose sur la base légale que précise "
            "l'avis qui l'annonce.{% endif %}"
            f"{{% if {no_self} %}}{{% if {no_consent} %}} {{% endif %}}Il n'est pas "
            f"proposé {TO_THE_C} de procéder {CLIENT_HIM}-même à une divulgation avant qu'elle soit faite."
            f"{{% endif %}}{{% if not {procedure}.relationship_review %}}"
            f"{{% if {no_consent} or {no_self} %}} {{% endif %}}Une divulgation n'est pas "
            f"suivie d'office d'un point sur la relation ; {THE_C} ou {THE_P} peut en demander un, "
            "comme le prévoit l'article {{ clause.review }}.{% endif %}"
        )

    with b.only_if("clause.emergency"):
        b.heading("{{ clause.emergency }}. Divulgation en cas d'urgence")
        b.para(
            "Lorsqu'il existe un risque immédiat de préjudice grave pour "
            f"{THE_C} ou pour autrui, et qu'il n'est pas possible de suivre d'abord les étapes "
            f"de l'article {{{{ clause.procedure }}}}, {THE_P} peut divulguer sans délai, aux "
            "services d'urgence ou à toute personne en mesure d'empêcher ce préjudice, sans avoir "
            f"recueilli au préalable l'accord {OF_THE_C} ni lui avoir donné de préavis. Il en va de même "
            f"lorsque la loi impose une divulgation et interdit {TO_THE_P} d'en informer {THE_C} "
            "au préalable, ou lorsque l'en informer mettrait à son tour quelqu'un en danger."
        )
        b.para(
            "Une telle divulgation repose toujours sur l'une des limites de l'article "
            "{{ clause.limits }}, et ne porte que sur ce qui est nécessaire pour empêcher le "
            f"préjudice. Dès que cela peut se faire sans danger, {THE_P} :"
        )
        b.bullet(
            f"informe {THE_C} par écrit de ce qui a été divulgué, à qui, quand et pourquoi, et "
            "de la raison pour laquelle il n'a pas été possible de l'en avertir avant ;"
        )
        b.bullet("consigne la décision et ses motifs ;")
        with b.only_if("disclosure_procedure.supervision_consulted"):
            b.bullet(f"en parle avec {SUPERVISOR}, sans nommer {THE_C} ;")
        with b.only_if("not disclosure_procedure.supervision_consulted"):
            b.bullet(
                "demande à {% if confidentiality.supervision.guidance_from %}"
                f"{{{{ confidentiality.supervision.guidance_from }}}}{{% else %}}{ADVISER}"
                f"{{% endif %}} d'examiner ce qui s'est passé, sans nommer {THE_C} ;"
            )
        b.bullet(
            f"suit les étapes de l'article {{{{ clause.procedure }}}} qui peuvent encore l'être, "
            f"et propose {TO_THE_C} de faire le point sur leur relation."
        )


def contract_records(b: Builder) -> None:
    records = "records"
    authority = f"{records}.supervisory_authority"
    b.heading("{{ clause.records }}. Dossiers et protection des données")
    b.lead_in(
        f"Les dossiers {OF_THE_E} contiennent des données personnelles concernant {THE_C}. Ils "
        "sont tenus comme suit, selon les règles fixées par {{ law.name }}."
    )
    table = b.table([50, 110])
    set_table_look(table, first_row=False, first_column=True)
    b.row(table, ["Responsable du traitement",
                  f"{{{{ {records}.controller }}}}{{% if {records}.controller_contact %}}, "
                  f"contact : {{{{ {records}.controller_contact }}}}{{% endif %}}"],
          bold_first=True)
    b.row_tag(table, f"if {records}.dpo")
    b.row(table, ["Délégué à la protection des données",
                  f"{{{{ {records}.dpo.name|capfirst }}}}, contact : "
                  f"{{{{ {records}.dpo.contact }}}}"], bold_first=True)
    b.row_tag(table, "endif")
    # Les traces des décisions et des divulgations sont conservées quoi que disent les
    # données : la liste le dit elle-même (records-kept-repeats-decisions).
    b.row(table, ["Données conservées", CellList(
        f"record in {records}.kept", "{{ record|capfirst }}", "List Bullet",
        after=("La trace de chaque décision de lever ou non la confidentialité, et de chaque "
               "divulgation",))], bold_first=True)
    # Written from the choices, in the regime's words: the free text only says why.
    basis, condition = f"{records}.lawful_basis", f"{records}.special_category_condition"
    b.row(table, ["Base légale",
                  f"{{{{ law.basis[{basis}]|capfirst }}}} ({{{{ law.article6[{basis}] }}}})"
                  f"{{% if {records}.legal_basis %}} : {{{{ {records}.legal_basis }}}}{{% endif %}}."
                  f"{{% if {basis} == 'consent' %}} Quelle que soit la décision {OF_THE_C}, la "
                  "trace de chaque décision de lever ou non la confidentialité, et de chaque "
                  "divulgation, est conservée sur une autre base : "
                  "{{ law.basis['legitimate_interests'] }} "
                  "({{ law.article6['legitimate_interests'] }}).{% endif %}"],
          bold_first=True)
    b.row_tag(table, f"if {records}.special_category")
    b.row(table, ["Données sensibles",
                  "Les dossiers peuvent contenir des données sensibles (catégories particulières "
                  "de données au sens de l'article 9 {{ law.of_gdpr }}), relatives à la santé par "
                  "exemple. "
                  f"Elles ne sont consignées que si {THE_E} l'exige, bénéficient d'une protection "
                  "renforcée et sont traitées à la condition suivante : "
                  f"{{{{ law.condition[{condition}] }}}} ({{{{ law.article9[{condition}] }}}})"
                  f"{{% if {records}.special_category_note %}}, "
                  f"{{{{ {records}.special_category_note }}}}{{% endif %}}."
                  f"{{% if {condition} != 'legal_claims' %}} Quelle que soit la décision "
                  f"{OF_THE_C}, la trace de chaque décision de lever ou non la confidentialité, "
                  "et de chaque divulgation, est conservée sur un autre fondement : "
                  "{{ law.condition['legal_claims'] }} ({{ law.article9['legal_claims'] }})."
                  "{% endif %}"], bold_first=True)
    b.row_tag(table, "endif")
    b.row(table, ["Lieu de conservation",
                  f"{{{{ {records}.storage|capfirst }}}}{{% if {records}.organisation_can_read %}}. "
                  "**Attention :** les dossiers étant hébergés sur les systèmes de "
                  "l'organisation, celle-ci peut les consulter.{% endif %}"], bold_first=True)
    b.row(table, ["Personnes y ayant accès", CellList(f"reader in {records}.access",
                                                       "{{ reader|capfirst }}", "List Bullet")],
          bold_first=True)
    b.row(table, ["Durée de conservation", f"{{{{ {records}.retention|capfirst }}}}"],
          bold_first=True)
    b.row_tag(table, f"if {records}.destruction")
    b.row(table, ["Destruction", f"{{{{ {records}.destruction|capfirst }}}}"],
          bold_first=True)
    b.row_tag(table, "endif")
    b.keep_rows_together(table)
    # The rights the basis gives (articles 15 to 21), and no others.
    objection = f"{basis} in ('public_task', 'legitimate_interests')"
    portability = f"{basis} in ('consent', 'contract')"
    b.after_table(b.para(
        f"{THE_C_} dispose d'un droit d'accès à ses données personnelles, d'un droit de "
        "rectification des données inexactes, d'un droit à l'effacement (qui n'est pas absolu : "
        "certaines données doivent être conservées, par exemple pour des raisons légales)"
        f"{{% if {objection} %}}, d'un droit à la limitation du traitement et, le traitement "
        f"reposant sur {{% if {basis} == 'public_task' %}}une mission d'intérêt public"
        "{% else %}un intérêt légitime{% endif %}, d'un droit d'opposition"
        "{% else %} et d'un droit à la limitation du traitement{% endif %}. "
        f"{{% if {portability} %}}Le traitement reposant sur "
        f"{{% if {basis} == 'consent' %}}son consentement{{% else %}}un contrat{{% endif %}}, "
        f"{THE_C} dispose aussi d'un droit à la portabilité : ses données peuvent lui être "
        "remises dans un format lisible par machine, pour être transmises ailleurs"
        f"{{% if {basis} == 'consent' %}} ; ce consentement peut être retiré à tout moment, sans "
        "remettre en cause le traitement effectué auparavant ; la trace des décisions et des "
        "divulgations, conservée sur le fondement de l'intérêt légitime, demeure, et il est "
        "possible de s'opposer à sa conservation{% endif %}. {% endif %}"
        f"{{% if {records}.special_category and {condition} == 'explicit_consent' %}}"
        f"{THE_C_} peut retirer à tout moment le consentement explicite sur lequel reposent les "
        "données sensibles ; ce qui a été consigné sur ce fondement est alors effacé, hormis la "
        "trace des décisions et des divulgations, sans remettre en cause le traitement effectué "
        "auparavant. {% endif %}"
        f"{{% if law.after_death %}}{CLIENT_HE_} peut également définir des directives sur la "
        "conservation, l'effacement et la communication de ses données après son décès "
        "({{ law.after_death }}). {% endif %}Il est répondu à toute demande d'exercice de ces "
        "droits dans un délai d'un "
        "mois ; ce délai peut être prolongé de deux mois pour une demande complexe, "
        f"ce qui est alors signalé {TO_THE_C}. Les demandes sont adressées au responsable du traitement, "
        f"{{{{ {records}.controller }}}}"
        f"{{% if {records}.dpo %}}, ou à son délégué à la protection des données{{% endif %}}."
    ))
    b.para(
        f"{THE_C_} peut introduire une réclamation relative au traitement de ses données "
        f"personnelles auprès de {{{{ {authority}.name }}}}, à l'adresse {{{{ {authority}.url }}}}, "
        f"ainsi qu'auprès {{% if {MEMBERSHIP} %}}de l'organisme{{% else %}}{OF_THE_P} et de "
        "l'organisation professionnelle{% endif %}."
    )
    with b.only_if(f"{records}.privacy_notice"):
        b.para(
            "L'information complète sur la protection des données figure dans le document "
            f"« {{{{ {records}.privacy_notice.title }}}} », à l'adresse "
            f"{{{{ {records}.privacy_notice.url }}}}. Ce document informe ; il ne constitue pas "
            "une clause du présent accord, et le responsable du traitement peut le mettre à jour."
        )
    b.para(
        "Les juridictions et la police peuvent exiger la remise des dossiers, y compris des "
        f"notes prises lors des {SESSIONS}."
    )


# Ce qu'examine d'abord un point sur la relation : un organisme ne ressent rien, ses membres si.
FEELINGS = (f"{{% if {MEMBERSHIP} %}}ce que ressentent {THE_C} et les personnes qui traitent son "
            f"dossier au sein {OF_THE_P}{{% else %}}ce que ressent chaque partie{{% endif %}}")


def contract_supervision_and_review(b: Builder) -> None:
    supervision = "confidentiality.supervision"
    guidance = f"{supervision}.guidance_from"
    b.heading("{{ clause.supervision }}. Supervision et conseil")
    b.tag(f"if {supervision}.discussed")
    b.para(
        f"{{% if {MEMBERSHIP} %}}{{{{ parties.practitioner.name }}}}, qui agit pour le compte "
        f"{OF_THE_P} dans le cadre du présent accord,{{% else %}}{THE_P_}{{% endif %}} "
        f"analyse sa pratique avec {A_SUPERVISOR}"
        "{% if parties.supervisor %}, {{ parties.supervisor.name }}{% endif %}, afin de garantir "
        f"la sécurité et la qualité de son travail. {{% if {supervision}.anonymised %}}Le nom "
        f"{OF_THE_C} n'est jamais cité en supervision, et les détails qui permettraient de "
        "l'identifier sont omis."
        f"{{% else %}}Le nom {OF_THE_C} peut être cité en supervision ; {THE_SUPERVISOR} garde "
        f"confidentiel ce qu'{SUPERVISOR_HE} entend.{{% endif %}}"
    )
    b.tag("else")
    b.para(
        f"{{% if {MEMBERSHIP} %}}{THE_P_} n'a pas recours à la supervision pour ce travail"
        f"{{% else %}}{THE_P_} ne bénéficie pas d'une supervision pour ce travail{{% endif %}} : "
        f"il n'est donc pas question {OF_THE_C} en supervision."
    )
    b.tag("endif")
    b.para(
        "Si la confidentialité risque de devoir être levée, ou après qu'elle l'a été, "
        f"{THE_P} peut demander conseil {{% if {guidance} %}}à {{{{ {guidance} }}}}"
        f"{{% elif {supervision}.discussed %}}{{% if {MEMBERSHIP} %}}{TO_THE_SUPERVISOR}{{% else %}}"
        f"à {THEIR_SUPERVISOR}{{% endif %}}{{% else %}}à {ADVISER}{{% endif %}}, pour examiner ce qui "
        f"s'est passé et décider de la suite. Le nom {OF_THE_C} ne lui est pas communiqué, ni "
        "rien qui permettrait de l'identifier."
    )

    b.heading("{{ clause.review }}. Faire le point sur la relation")
    b.para(
        f"{THE_C_} et {THE_P}"
        "{% if parties.sponsor %}, ainsi que le commanditaire pour ce qui le concerne,{% endif %} "
        "peuvent demander à tout moment à réexaminer le présent accord. Toute modification est "
        "faite par écrit et signée par tous les signataires du présent accord."
    )
    # L'article de la procédure renvoie à celui-ci pour un point demandé, lorsqu'aucun n'est
    # prévu d'office : il le dit ici.
    b.tag("if disclosure_procedure.relationship_review")
    b.para(
        f"Si la confidentialité a dû être levée, {THE_P} et {THE_C} feront le point sur leur "
        f"relation une fois la situation réglée. Ce point portera sur {FEELINGS} ; sur "
        "les conséquences de la divulgation ; sur la possibilité de poursuivre sans jugement "
        "et dans le respect du présent accord ; sur les valeurs ou les convictions qui "
        f"pourraient être en jeu ; et sur la capacité {OF_THE_E} à rester aussi efficace "
        f"qu'auparavant. {THE_C_} peut souhaiter poursuivre, et chaque partie peut décider d'y "
        "mettre fin."
    )
    b.tag("else")
    b.para(
        "Si la confidentialité a dû être levée, aucun point sur la relation n'est prévu "
        f"d'office, mais {THE_C} ou {THE_P} peut en demander un une fois la situation réglée. "
        f"Ce point porte sur {FEELINGS} ; sur les conséquences de la divulgation ; sur "
        "la possibilité, pour chaque partie, de poursuivre sans jugement et dans le "
        "respect du présent accord ; sur les valeurs ou les convictions qui pourraient être en "
        f"jeu ; et sur la capacité {OF_THE_E} à rester aussi efficace qu'auparavant. {THE_C_} "
        "peut souhaiter poursuivre, et chaque partie peut décider d'y mettre fin."
    )
    b.tag("endif")


# -- l'annexe sur l'anonymat des retours ----------------------------------------------------------


def build_annex() -> Builder:
    b = Builder(
        LANGUAGE,
        title="Annexe sur l'anonymat des retours",
        subject="Comment les retours de l'entourage sont recueillis et restitués (modèle confdocs)",
        header="Annexe sur l'anonymat des retours · {{ id }}",
    )
    b.title("Annexe sur l'anonymat des retours")
    b.subtitle("{{ title }}")
    document_reference(b)
    b.para(
        f"La présente annexe fait partie de l'accord de confidentialité conclu pour {THIS_E} le "
        "{{ dates.agreed|date }}{% if clause.feedback_from_others %}, dont elle précise "
        "l'article {{ clause.feedback_from_others }}{% endif %}. Elle indique comment les retours "
        f"sur {THE_C} sont recueillis et restitués, et comment les personnes qui les donnent sont "
        "protégées. Elle est convenue avant tout recueil, afin que chaque personne sollicitée "
        "sache comment ses réponses seront utilisées."
    )

    with b.only_if("feedback.about_client.required"):
        b.heading(f"Synthèse sur {THE_C}")
        b.para(
            "Indépendamment des retours de l'entourage décrits ci-dessous, "
            "{% if parties.sponsor %}le commanditaire{% else %}l'organisation{% endif %} reçoit "
            f"une synthèse sur {THE_C}, comme le prévoit l'article "
            "{{ clause.feedback_about_client }} de l'accord :"
        )
        feedback_about_client_details(b)

    b.heading("Mode de recueil")
    b.tag(f"if {INTERVIEWS}")
    b.para(
        f"Les retours sont recueillis au cours d'entretiens avec des personnes qui travaillent "
        f"avec {THE_C}. Leurs propos sont restitués sous forme de tendances et de thèmes communs "
        f"à l'ensemble des entretiens, jamais par nom, fonction ou relation avec {THE_C}."
    )
    b.tag("else")
    b.para(f"Les retours sont recueillis au moyen d'un questionnaire adressé à des personnes qui "
           f"travaillent avec {THE_C}.")
    b.tag("endif")

    b.heading("Niveau d'anonymat")
    b.para("Le niveau d'anonymat convenu est le suivant :")
    for level, text in ANONYMITY.items():
        with b.only_if(f"{OTHERS}.anonymity == '{level}'"):
            b.para(text)

    categories = f"{OTHERS}.categories"
    with b.only_if(categories):
        b.heading("Catégories de répondants", level=2)
        b.lead_in(
            "Les retours sont regroupés dans les catégories ci-dessous. Une catégorie n'est "
            "présentée séparément que si le nombre minimal de répondants fixé pour elle est "
            "atteint."
        )
        table = b.table([60, 40, 60], style="Light List Accent 1",
                        header=["Catégorie", "Nombre minimal de répondants", "Identifiable"])
        b.row_tag(table, f"for category in {categories}")
        b.row(table, [
            "{{ category.name }}",
            "{{ category.minimum_respondents }}",
            "{% if category.identified %}Oui : identifiable par nature ; le rapport le signale"
            "{% else %}Non{% endif %}",
        ])
        b.row_tag(table, "endfor")
        with b.only_if(f"true in {categories}|map(attribute='identified')"):
            b.after_table(b.para(
                "Une catégorie marquée « Oui » est une catégorie dont les répondants sont "
                f"identifiables par nature, comme la hiérarchie directe {OF_THE_C}, seule "
                "dans sa catégorie. Le rapport le signale partout où cette catégorie apparaît, et "
                "les répondants concernés en sont informés avant de répondre."
            ))

    minimum = f"{OTHERS}.minimum_total"
    with b.only_if(f"{minimum} or {categories}"):
        b.heading("Nombres minimaux")
        with b.only_if(minimum):
            b.para(
                f"Un rapport n'est établi que si au moins {{{{ {minimum} }}}} "
                f"{{% if {minimum} == 1 %}}personne a{{% else %}}personnes ont{{% endif %}} "
                f"{{% if {INTERVIEWS} %}}participé aux entretiens{{% else %}}répondu au "
                f"total{{% endif %}}{{% if not {categories} %}}. Si trop peu de personnes "
                "participent, la solution est d'inviter davantage de personnes à donner leur "
                "avis{% endif %}."
            )
        with b.only_if(categories):
            b.para(
                "Si une catégorie compte moins de réponses que son minimum, "
                f"{{% if {OTHERS}.below_minimum == 'merge' and {OTHERS}.anonymity != 'category' %}}"
                "ses réponses ne sont pas présentées à part et ne comptent que dans le résultat "
                "global{% else %}ses notes et ses commentaires sont exclus de tous les résultats "
                "du rapport, y compris du résultat global, afin qu'ils ne puissent pas être "
                "déduits par comparaison d'un résultat avec un autre{% endif %}. Les personnes "
                "des petits groupes sont ainsi protégées. Lorsqu'une catégorie est trop petite, "
                "la solution est d'y inviter davantage de répondants, jamais d'abaisser son "
                "minimum."
            )

    comments = f"{OTHERS}.comments"
    b.heading("Commentaires écrits")
    named = f"{OTHERS}.anonymity == 'named'"
    with b.only_if(f"{comments} == 'verbatim'"):
        b.para(
            f"{{% if {INTERVIEWS} %}}Des citations tirées des entretiens peuvent illustrer les "
            "tendances. Elles sont reproduites mot pour mot, sans indication de leur auteur et "
            f"dans un ordre aléatoire, afin que leur ordre ne trahisse rien.{{% elif {named} %}}"
            "Les commentaires écrits sont reproduits mot pour mot, avec le nom de leur auteur."
            "{% else %}Les commentaires écrits sont reproduits mot pour mot, sans indication de "
            "leur auteur et dans un ordre aléatoire, afin que leur ordre ne trahisse rien."
            "{% endif %}"
        )
    with b.only_if(f"{comments} == 'themed'"):
        b.para(
            "Les commentaires ne sont pas cités. Ils sont résumés sous forme de thèmes dégagés de "
            f"{{% if {INTERVIEWS} %}}l'ensemble des entretiens{{% else %}}l'ensemble des "
            "commentaires{% endif %}."
        )
    with b.only_if(f"{comments} == 'excluded'"):
        b.para(
            f"{{% if {INTERVIEWS} %}}Personne n'est cité dans le rapport.{{% else %}}Les "
            "commentaires écrits ne figurent pas dans le rapport.{% endif %}"
        )
    with b.only_if(f"{comments} != 'excluded' and not ({named} and not {INTERVIEWS})"):
        b.para(
            "Chaque personne sollicitée est avertie que des détails précis dans ses propos, comme "
            "un événement particulier ou une tournure de phrase, peuvent permettre de "
            "l'identifier même si son nom n'est pas indiqué."
        )

    b.heading("Destinataires du rapport")
    b.para(
        f"Le rapport est remis aux personnes suivantes : "
        f"{{{{ {OTHERS}.report_recipients|and_list }}}}"
        "{% if confidentiality.extra_sharing_needs_written_consent %}. Il n'est remis à personne "
        "d'autre sans "
        f"le consentement écrit {OF_THE_C}, sauf au titre des limites de la confidentialité "
        "prévues à l'article {{ clause.limits }} de l'accord{% endif %}."
    )

    with b.kept_together():
        b.heading("Approbation")
        b.para(
            f"En signant ci-dessous, {THE_C}{{% if parties.sponsor %}}, {THE_P} et le "
            f"commanditaire{{% else %}} et {THE_P}{{% endif %}} confirment que ces modalités ont "
            "été convenues avant tout recueil de retours."
        )
        signatures(b)
    return b


# -- la lettre de notification d'une divulgation ------------------------------------------------------


def build_notice() -> Builder:
    d = "disclosure"
    practitioner = "parties.practitioner"
    after = f"{d}.after_the_event"
    b = Builder(
        LANGUAGE,
        title="Notification d'une levée de confidentialité",
        subject="Lettre informant le client d'une divulgation d'informations confidentielles "
                "(modèle confdocs)",
        header="Personnel et confidentiel · Notification {{ disclosure.id }} · {{ id }}",
    )
    letterhead = [
        b.para(f"**{{{{ {practitioner}.name }}}}**"),
        *optional_line(b, f"{practitioner}.organisation"),
        b.para(f"{{{{ {practitioner}.email }}}}"),
        *optional_line(b, f"{practitioner}.phone", "nobreak"),
    ]
    for paragraph in letterhead:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.space_after = Pt(0)
    date = b.para(f"Le {{{{ {d}.notice_date|date }}}}")
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    date.paragraph_format.space_before = Pt(12)
    date.paragraph_format.space_after = Pt(12)

    b.lines("**Personnel et confidentiel**", "{{ parties.client.name }}")
    with b.for_each("line in parties.client.address"):
        b.lines("{{ line }}")
    b.doc.paragraphs[-1].paragraph_format.space_after = Pt(0)
    b.para(
        f"**Objet : {{% if {after} %}}divulgation effectuée au titre de{{% else %}}notification "
        "d'une divulgation au titre de{% endif %} l'article {{ limit_clause }} de notre accord "
        "de confidentialité**"
    ).paragraph_format.space_before = Pt(18)
    # Une lettre formelle : « Madame, », « Monsieur, », « Madame, Monsieur, » ou la forme
    # d'adresse que donne la personne, jamais son prénom.
    b.para("{{ words.salutation }}")
    # L'adhésion est celle du membre : l'organisme ne la partage pas avec lui comme un coaching.
    from_our = (f"{{% if {MEMBERSHIP} %}}détenues dans le cadre de votre {ENGAGEMENT}"
                f"{{% else %}}issues de notre {ENGAGEMENT}{{% endif %}}")
    basis = f"{d}.lawful_basis"
    b.para(
        f"{{% if {after} %}}Je vous écris pour vous informer d'une divulgation d'informations "
        f"{from_our} que j'ai dû effectuer le {{{{ {d}.disclosure_date|date }}}}, "
        "avant d'avoir pu vous en parler, et pour vous expliquer précisément ce que j'ai "
        "divulgué, à qui, pourquoi et de quelle manière."
        # Le verbe suit la base légale : un consentement se confirme, une intention fondée sur
        # l'intérêt légitime ou une mission d'intérêt public attend une éventuelle opposition.
        f"{{% elif {basis} == 'consent' %}}Je vous écris pour vous confirmer la divulgation de "
        f"certaines informations {from_our} à laquelle vous avez consenti, et pour vous "
        "expliquer précisément, avant qu'elle ait lieu, ce qui sera divulgué, à qui, pourquoi et "
        "de quelle manière."
        f"{{% elif {basis} in ('legitimate_interests', 'public_task') %}}Je vous écris pour vous "
        f"informer que j'envisage de divulguer certaines informations {from_our}, et pour vous "
        "expliquer précisément, avant toute divulgation, ce que je propose de divulguer, à qui, "
        "pourquoi et de quelle manière, ainsi que votre droit de vous y opposer."
        "{% else %}Je vous écris pour vous informer que je dois divulguer certaines informations "
        f"{from_our}, et pour vous expliquer précisément, avant que cela ait lieu, ce qui sera "
        "divulgué, à qui, pourquoi et de quelle manière.{% endif %}"
    )
    b.para(
        "Notre accord de confidentialité du {{ dates.agreed|date }} (référence {{ id }}) prévoit, "
        "à son article {{ limit_clause }}, l'une des limites de la confidentialité dont nous "
        "sommes convenus :"
    )
    quote = b.para("{{ limit.description }}", "Quote")
    quote.paragraph_format.left_indent = quote.paragraph_format.right_indent = Mm(10)
    b.para(f"{{% if {after} %}}J'ai estimé que cet article s'appliquait.{{% else %}}J'estime que "
           "cet article s'applique désormais.{% endif %}")

    b.heading(f"{{% if {after} %}}Ce que j'ai divulgué{{% else %}}Ce qui sera divulgué"
              "{% endif %}", level=2)
    b.para(f"{{% if {after} %}}Je n'ai divulgué que ce qui suit, et rien de plus :{{% else %}}Je ne "
           "divulguerai que ce qui suit, et rien de plus :{% endif %}")
    with b.for_each(f"item in {d}.information"):
        b.bullet("{{ item }}")

    b.heading("Destinataire et motif", level=2)
    b.bullet(
        f"**Destinataire :** {{{{ {d}.recipient.name }}}}, {{{{ {d}.recipient.role }}}}"
        f"{{% if {d}.recipient.organisation %}}, {{{{ {d}.recipient.organisation }}}}{{% endif %}}"
    )
    b.bullet(f"**Motif :** {{{{ {d}.reason|sentence }}}}")
    # Écrit à partir des choix, dans les termes du régime : le texte libre dit seulement pourquoi.
    condition = f"{d}.special_category_condition"
    b.bullet(
        f"**Fondement juridique :** {{{{ law.basis[{basis}] }}}} "
        f"({{{{ law.article6[{basis}] }}}}){{% if {d}.legal_basis %}} : "
        f"{{{{ {d}.legal_basis|sentence }}}}{{% else %}}.{{% endif %}}"
    )
    with b.only_if(condition):
        # Dit comme les données le disent : des données d'une catégorie particulière, ou (pour
        # une limite de bien-être ou de protection) des informations qui peuvent porter sur la
        # santé d'une personne : la sécurité seule n'est pas une catégorie de l'article 9.
        # Après les deux-points, une minuscule.
        b.bullet(
            f"**{{% if {d}.special_category %}}Comme les informations portent sur la santé ou "
            "sur une autre catégorie particulière de données{% else %}Si certaines de ces "
            "informations portent sur la santé d'une personne{% endif %}, la "
            f"communication {{% if {after} %}}reposait{{% else %}}repose{{% endif %}} aussi sur "
            "cette condition :** "
            f"{{{{ law.condition[{condition}] }}}} ({{{{ law.article9[{condition}] }}}})."
        )

    form = f"{d}.method.form"
    how = (f"{{% if {form} == 'meeting' %}}lors d'un rendez-vous{{% elif {form} == 'letter' %}}"
           f"par courrier{{% elif {form} == 'email' %}}par courriel{{% else %}}par téléphone"
           "{% endif %}")
    b.tag(f"if {after}")
    b.heading("Date et modalités de la divulgation", level=2)
    b.tag("else")
    b.heading("Modalités et date", level=2)
    b.tag("endif")
    b.bullet(f"**Modalités :** {how}")
    b.bullet(f"**Date :** {{{{ {d}.disclosure_date|date }}}}")
    with b.only_if(f"{d}.method.time"):
        b.bullet(f"**Heure :** {{{{ {d}.method.time|time(\"{HOUR}\") }}}}")
    with b.only_if(f"{d}.method.place"):
        b.bullet(f"**Lieu :** {{{{ {d}.method.place }}}}")
    b.tag(f"if {after}")
    b.para(
        "Je n'ai pas pu vous prévenir à l'avance. "
        f"{{{{ {d}.no_notice_reason|capfirst|sentence }}}} Notre accord le permet en cas d'urgence"
        "{% if clause.emergency %} (article {{ clause.emergency }}){% endif %}, à condition que "
        "je vous en informe dès que cela peut se faire sans danger : c'est l'objet de la présente "
        "lettre."
    )
    b.tag("else")
    b.para(
        "{% if notice_days_given == 0 %}La divulgation aura lieu à la date de la présente lettre : "
        "je ne peux donc pas vous prévenir plus tôt.{% else %}Vous disposez ainsi d'un préavis "
        "{% if notice_days_given == 1 %}d'un jour"
        "{% else %}de {{ notice_days_given|days }}{% endif %} pour vous y préparer."
        "{% endif %}"
    )
    with b.only_if(f"{d}.no_notice_reason"):
        b.para(
            "{% if notice_days_given is lt(disclosure_procedure.notice_days) %}C'est moins que le "
            "préavis de {{ disclosure_procedure.notice_days|days }} prévu par notre accord. "
            f"{{% endif %}}{{{{ {d}.no_notice_reason|capfirst|sentence }}}}"
        )
    b.tag("endif")

    body = "professional_body"
    agreed_clause = "l'article {{ limit_clause }} de notre accord"
    # Article 21 : une divulgation fondée sur l'intérêt légitime ou sur une mission d'intérêt
    # public peut faire l'objet d'une opposition. Tant que la personne peut s'opposer avant la
    # divulgation, aucune phrase ne dit qu'elle aura lieu quoi qu'elle fasse : l'opposition est
    # examinée d'abord. Après coup (ou le jour même de la lettre), l'opposition ne peut porter
    # que sur ce qui est fait ensuite des informations.
    objectable = f"{d}.lawful_basis in ('legitimate_interests', 'public_task')"
    object_first = f"{objectable} and not {after} and notice_days_given > 0"
    b.heading("Votre consentement", level=2)
    with b.only_if(f"{d}.consent == 'given'"):
        # Après coup, l'accord est venu ensuite : la lettre ne dit jamais qu'il a précédé.
        b.para(
            f"{{% if {after} %}}Après la divulgation, vous m'avez dit que vous l'approuviez. Elle "
            "n'a pas eu lieu sur la foi de cet accord, qui est venu ensuite.{% else %}Vous avez "
            "donné votre consentement à cette divulgation, et la présente lettre confirme ce dont "
            f"nous sommes convenus.{{% endif %}}"
            f"{{% if {d}.consent_note %}} {{{{ {d}.consent_note|capfirst|sentence }}}}{{% endif %}}"
        )
        # Une limite qui protège autrui ne se lève pas par un consentement : le retrait ne
        # promet pas qu'aucune divulgation n'aura lieu.
        with b.only_if(f"not {after} and {d}.lawful_basis == 'consent'"):
            b.para(
                "Vous pouvez retirer votre consentement à tout moment avant le "
                f"{{{{ {d}.disclosure_date|date }}}}, en me le faisant savoir par écrit ou par "
                "téléphone (mes coordonnées figurent à la fin de la présente lettre) ; ce retrait "
                "ne remet pas en cause ce qui a été fait avant lui. "
                "{% if limit.ground == 'safeguarding' %}Cette limite de notre accord protégeant "
                "aussi d'autres personnes, le retrait de votre consentement ne suffirait pas à "
                "clore la question : si j'estimais qu'une personne reste exposée à un risque de "
                "préjudice grave, je devrais envisager une divulgation au titre de l'article "
                "{{ limit_clause }} sur un autre fondement juridique, et je vous en informerais "
                # L'article sur l'urgence permet de divulguer d'abord et d'informer ensuite.
                "{% if clause.emergency %}au préalable si je le pouvais ou, en cas d'urgence "
                "(article {{ clause.emergency }} de notre accord), dès que cela pourrait se faire "
                "sans danger.{% else %}avant d'y procéder.{% endif %}{% else %}Dans ce cas, je "
                "ne procéderai pas à cette divulgation, et nous parlerons ensemble de la suite."
                "{% endif %}"
            )
        with b.only_if(f"not {after} and {d}.lawful_basis != 'consent'"):
            b.para(
                "Je vous remercie de votre accord. La divulgation ne repose toutefois pas sur "
                "votre consentement, mais sur le fondement juridique indiqué ci-dessus"
                f"{{% if {object_first} %}}. Si vous changez d'avis, dites-le-moi : vous pourrez "
                "alors vous y opposer, comme expliqué plus bas.{% else %} : elle aurait donc lieu "
                "même si vous changiez d'avis. Si c'est le cas, dites-le-moi, et nous en "
                f"parlerons avant le {{{{ {d}.disclosure_date|date }}}}.{{% endif %}}"
            )
    with b.only_if(f"{d}.consent == 'refused'"):
        b.para(
            f"{{% if {after} %}}Vous m'aviez fait savoir que vous n'acceptiez pas cette "
            f"divulgation. Elle a néanmoins eu lieu, comme le permettent {agreed_clause} et, en "
            "cas d'urgence, son article {{ clause.emergency }}.{% else %}Vous m'avez fait savoir "
            f"que vous n'acceptiez pas cette divulgation. {{% if {object_first} %}}"
            f"{agreed_clause[0].upper()}{agreed_clause[1:]} me permet d'y procéder malgré tout"
            f"{{% if {d}.client_may_disclose_first %}}, à moins que vous ne préfériez la faire "
            "vous-même{% endif %}, mais pas avant d'avoir examiné votre éventuelle opposition, "
            "comme expliqué plus bas.{% else %}Elle aura "
            f"néanmoins lieu, comme le permet {agreed_clause}"
            f"{{% if {d}.client_may_disclose_first %}}, que vous la fassiez vous-même ou que je "
            f"la fasse{{% endif %}}.{{% endif %}}{{% endif %}} {{% if {MEMBERSHIP} %}}Le code "
            "dans le cadre "
            f"duquel {THE_P} "
            "traite les informations qu'il recueille à votre sujet{% else %}Le code de "
            "déontologie que je respecte{% endif %}, "
            f"{{{{ {body}.code_of_ethics.title }}}}, permet de lever la confidentialité pour les "
            "motifs dont nous sommes convenus."
            f"{{% if {d}.consent_note %}} {{{{ {d}.consent_note|capfirst|sentence }}}}{{% endif %}}"
        )
    with b.only_if(f"{d}.consent == 'not_sought'"):
        b.para(
            f"Je ne vous {{% if {after} %}}ai pas demandé{{% else %}}demande pas{{% endif %}} "
            "votre consentement pour cette divulgation. "
            "{% if disclosure_procedure.consent_sought_first %}Notre accord prévoit que je "
            "sollicite votre consentement avant toute divulgation, sauf dans les circonstances "
            "décrites à l'article {{ clause.emergency }}, qui "
            f"{{% if {after} %}}étaient réunies{{% else %}}sont réunies{{% endif %}} ici.{{% else %}}"
            "Notre accord ne m'impose pas de solliciter votre consentement avant une divulgation "
            "fondée sur l'un des motifs qu'il prévoit (article {{ clause.procedure }})"
            f"{{% if {after} %}}, et son article {{{{ clause.emergency }}}} me permettait de "
            "divulguer sans attendre en cas d'urgence{% endif %}.{% endif %}"
            f" {{{{ {d}.consent_note|capfirst|sentence }}}}"
        )

    # La personne doit connaître son droit d'opposition dès la première communication ;
    # l'article est cité dans le seul régime qui s'applique.
    with b.only_if(objectable):
        b.para(
            "**Votre droit d'opposition.** Cette divulgation reposant sur "
            f"{{% if {d}.lawful_basis == 'public_task' %}}une mission d'intérêt public"
            "{% else %}un intérêt légitime{% endif %}, vous avez le droit de vous opposer "
            f"{{% if {object_first} %}}à celle-ci ({{{{ law.article21 }}}}), en me le faisant "
            f"savoir avant le {{{{ {d}.disclosure_date|date }}}}. Si vous vous y opposez, je ne "
            "procéderai pas à la divulgation avant d'avoir examiné votre opposition et de vous "
            "avoir fait part de ma décision. Je n'y procéderai que s'il existe des motifs "
            "légitimes et impérieux qui prévalent sur vos intérêts, droits et libertés, ou si "
            "elle est nécessaire à la constatation, à l'exercice ou à la défense de droits en "
            "justice, et je vous indiquerai lesquels.{% if clause.emergency %} Seule une "
            "urgence telle que la décrit l'article {{ clause.emergency }} de notre accord "
            "pourrait me conduire à agir plus tôt, et je vous en informerais dès que cela "
            "pourrait se faire sans danger.{% endif %}{% else %}à toute nouvelle utilisation des "
            f"informations divulguées ({{{{ law.article21 }}}}). {{% if {after} %}}La divulgation "
            "ayant déjà eu lieu, une opposition ne peut pas l'annuler{% else %}La divulgation "
            "ayant lieu à la date de la présente lettre, une opposition ne peut porter que sur "
            "la suite{% endif %} ; si vous vous y opposez, je n'utiliserai plus ces informations "
            "que pour des motifs légitimes et impérieux qui prévalent sur vos intérêts, droits et "
            "libertés, ou pour la constatation, l'exercice ou la défense de droits en justice, et "
            "je vous indiquerai lesquels.{% endif %}"
        )

    with b.only_if(f"{d}.client_may_disclose_first and not {after}"):
        b.heading("Faire vous-même la divulgation", level=2)
        b.para(
            "Si vous le préférez, vous pouvez procéder vous-même à cette divulgation avant le "
            f"{{{{ {d}.disclosure_date|date }}}}. Je vous accompagnerai dans cette démarche"
            f"{{% if {d}.practitioner_present %}}, et je peux être à vos côtés à ce moment-là"
            "{% else %}, sans toutefois pouvoir être à vos côtés à ce moment-là{% endif %}. "
            "Faites-le-moi savoir dès que possible si vous le souhaitez, afin que nous convenions "
            "de la manière de procéder."
        )

    with b.only_if(f"{d}.support_offered"):
        b.heading("Soutien", level=2)
        b.para(f"Si vous le souhaitez, vous pouvez bénéficier du soutien suivant : "
               f"{{{{ {d}.support_offered|sentence }}}}")

    b.heading(f"{{% if {after} %}}La suite{{% else %}}Après la divulgation{{% endif %}}",
              level=2)
    with b.only_if(f"{d}.further_use"):
        b.para(
            f"{{% if {after} %}}J'ai demandé à{{% else %}}J'ai fixé avec{{% endif %}} "
            f"{{{{ {d}.recipient.name }}}}{{% if {after} %}} de respecter{{% endif %}} les limites "
            "suivantes à toute utilisation ultérieure de ces informations : "
            f"{{{{ {d}.further_use|sentence }}}}"
        )
    # Une fiche de décision n'existe que si la divulgation en cite une : la lettre ne parle
    # jamais d'une fiche absente, et ne promet rien de plus que l'article sur les dossiers.
    b.para(
        "{% if decision %}Je conserve une trace de cette divulgation dans les dossiers de "
        f"{{% if {MEMBERSHIP} %}}votre{{% else %}}notre{{% endif %}} {ENGAGEMENT} : "
        "la décision et ses motifs, ce qui a été divulgué, à qui et sur quel fondement "
        "(ma référence {{ decision.id }}). Vous pouvez la consulter, comme tout dossier que je "
        "détiens à votre sujet.{% else %}Je garde une note de cette divulgation dans les "
        f"dossiers de {{% if {MEMBERSHIP} %}}votre{{% else %}}notre{{% endif %}} {ENGAGEMENT} : "
        "les informations divulguées, leur destinataire, la date et le fondement juridique. "
        "L'article {{ clause.records }} de notre accord indique où ces dossiers sont "
        "conservés, qui peut les lire et pendant combien de temps. Vous pouvez consulter "
        "cette note, comme tout dossier que je détiens à votre sujet.{% endif %}"
    )
    with b.only_if(f"{d}.review_date"):
        b.para(
            "Une fois cette situation réglée, je souhaiterais que nous fassions le point ensemble "
            "sur notre relation de travail"
            "{% if disclosure_procedure.relationship_review %}, comme le prévoit notre accord"
            "{% endif %} : ce que nous ressentons à l'idée de poursuivre, et si "
            f"{{% if {MEMBERSHIP} %}}votre{{% else %}}notre{{% endif %}} {ENGAGEMENT} peut vous "
            "être aussi utile qu'auparavant. Je vous propose que nous "
            f"nous rencontrions le {{{{ {d}.review_date|date }}}}."
        )

    authority = "records.supervisory_authority"
    b.heading("Questions et réclamations", level=2)
    b.para(
        "Si vous avez des questions, ou si un élément de la présente lettre est inexact, je vous "
        f"invite à me contacter{{% if not {after} and notice_days_given %}} avant le "
        f"{{{{ {d}.disclosure_date|date }}}}{{% endif %}}, à l'adresse "
        f"{{{{ {practitioner}.email }}}}{{% if {practitioner}.phone %}} ou au "
        f"{{{{ {practitioner}.phone|nobreak }}}}{{% endif %}}."
    )
    b.para(
        "Si la manière dont cette situation a été traitée ne vous satisfait pas, vous pouvez "
        f"adresser une réclamation {{% if {MEMBERSHIP} %}}selon la procédure de réclamation de "
        f"l'organisme{{% else %}}à l'organisation professionnelle, {BODY_NAME}"
        f"{{% endif %}}, comme indiqué à l'adresse {{{{ {body}.complaints_url }}}}. Vous avez "
        "également le droit d'introduire une réclamation relative à l'utilisation de vos "
        f"données personnelles auprès de {{{{ {authority}.name }}}} : {{{{ {authority}.url }}}}."
    )

    with b.kept_together():
        closing = b.para("{{ words.closing }}")
        closing.paragraph_format.space_before = Pt(12)
        line = b.para(SIGNATURE_LINE)
        line.paragraph_format.space_before = Pt(30)
        line.paragraph_format.space_after = Pt(0)
        name = b.para(f"{{{{ {practitioner}.name }}}}")
        name.paragraph_format.space_after = Pt(0)
        b.para(
            f"{{{{ {practitioner}.role }}}}"
            f"{{% if {practitioner}.organisation %}}, {{{{ {practitioner}.organisation }}}}"
            "{% endif %}"
        )
    return b


# -- la fiche de décision -------------------------------------------------------------------------------


def not_recorded(field: str) -> str:
    """Un champ de la fiche, ou « Non consigné. » lorsqu'il n'a pas été renseigné."""
    return f"{{% if {field} %}}{{{{ {field} }}}}{{% else %}}Non consigné.{{% endif %}}"


def build_decision() -> Builder:
    dec = "decision"
    practitioner = "parties.practitioner"
    b = Builder(
        LANGUAGE,
        title="Fiche de décision sur une levée de confidentialité",
        subject="La trace interne, pour le dossier de l'accompagnement, d'une décision sur la "
                "levée de la confidentialité (modèle confdocs)",
        header=f"Document interne, à ne pas transmettre {TO_THE_C} · Décision "
               "{{ decision.id }} · {{ id }}",
    )
    b.title("Fiche de décision sur une levée de confidentialité")
    b.subtitle("{{ title }}")
    warning = b.para(
        f"**Document interne, pour le dossier {OF_THE_P}.** Il n'est transmis ni {TO_THE_C} ni à "
        f"quiconque. Il est conservé avec les dossiers {OF_THE_E}, comme le prévoit l'article "
        f"{{{{ clause.records }}}} de l'accord, et {THE_C} peut le consulter sur demande, comme "
        "toute donnée à son sujet."
    )
    warning.paragraph_format.space_after = Pt(12)

    b.heading("La décision", level=2)
    table = b.table([50, 110])
    set_table_look(table, first_row=False, first_column=True)
    b.row(table, ["Référence", "{{ decision.id }} (dossier {{ id }})"], bold_first=True)
    b.row(table, ["Date de la décision", f"{{{{ {dec}.date|date }}}}"], bold_first=True)
    # A membership organisation is the organisation, acting through its officer (as in the
    # agreement's parties), not the officer alone.
    b.row(table, ["{{ words.practitioner|capfirst }}",
                  f"{{% if {MEMBERSHIP} and {practitioner}.organisation %}}"
                  f"{{{{ {practitioner}.organisation }}}}, représenté par {{{{ {practitioner}.name }}}}, "
                  f"{{{{ {practitioner}.role }}}}{{% else %}}{{{{ {practitioner}.name }}}}, "
                  f"{{{{ {practitioner}.role }}}}{{% endif %}}"],
          bold_first=True)
    b.row(table, ["{{ words.client|capfirst }}", "{{ parties.client.name }}"],
          bold_first=True)
    b.row(table, ["Limite examinée",
                  "Article {{ limit_clause }} ({{ words.ground[limit.ground] }}) : "
                  "{{ limit.description }}"],
          bold_first=True)
    b.row(table, ["Issue",
                  # La décision, vraie à la date de la fiche, que la divulgation ait déjà eu
                  # lieu ou non.
                  f"**{{% if {dec}.outcome == 'disclosed' %}}Décision de divulguer"
                  f"{{% elif {dec}.outcome == 'client_disclosed' %}}Décision que {THE_C} "
                  f"procède lui-même à la divulgation{{% else %}}Décision de ne pas divulguer"
                  "{% endif %}**"],
          bold_first=True)
    # Le fondement et la condition, écrits à partir des choix, comme dans la lettre.
    b.row_tag(table, f"if {dec}.lawful_basis")
    b.row(table, ["Fondement juridique",
                  f"{{{{ law.basis[{dec}.lawful_basis]|capfirst }}}} "
                  f"({{{{ law.article6[{dec}.lawful_basis] }}}})"
                  f"{{% if {dec}.legal_basis %}} : {{{{ {dec}.legal_basis }}}}{{% endif %}}"],
          bold_first=True)
    b.row_tag(table, "endif")
    b.row_tag(table, f"if {dec}.special_category_condition")
    b.row(table, ["Condition de l'article 9",
                  f"{{{{ law.condition[{dec}.special_category_condition]|capfirst }}}} "
                  f"({{{{ law.article9[{dec}.special_category_condition] }}}})"],
          bold_first=True)
    b.row_tag(table, "endif")

    b.heading("Les faits", level=2)
    b.para(f"{{{{ {dec}.situation }}}}")
    # Chaque rubrique de la fiche figure ; un vide se lit comme tel, et non comme une page perdue.
    b.heading(f"Vérification auprès {OF_THE_C}", level=2)
    b.para(not_recorded(f"{dec}.checked_with_client"))
    b.heading("Personnes consultées", level=2)
    with b.for_each(f"person in {dec}.consulted"):
        b.bullet("{{ person|capfirst }}")
    b.heading("Options envisagées", level=2)
    with b.for_each(f"option in {dec}.options"):
        b.bullet("{{ option|capfirst }}")
    b.heading("Motifs de la décision", level=2)
    b.para(f"{{{{ {dec}.reasons }}}}")
    b.heading(f"Le point de vue {OF_THE_C}", level=2)
    b.para(not_recorded(f"{dec}.client_view"))

    with b.only_if("decision_disclosures"):
        b.heading("Divulgations prévues ou effectuées en vertu de cette décision", level=2)
        with b.for_each("made in decision_disclosures"):
            b.bullet(
                "**{{ made.id }} :** {{ made.disclosure_date|date }}, à {{ made.recipient.name }}, "
                "{{ made.recipient.role }} ; consentement {% if made.consent == 'given' %}donné"
                "{% elif made.consent == 'refused' %}refusé{% else %}non sollicité{% endif %}"
                "{% if made.after_the_event %} ; effectuée avant "
                f"qu'il ait été possible d'en avertir {THE_C}, lettre du "
                "{{ made.notice_date|date }}{% else %} ; préavis donné le "
                "{{ made.notice_date|date }}"
                # Ce qui peut encore l'arrêter, comme la lettre le dit à la personne.
                "{% if made.lawful_basis in ('legitimate_interests', 'public_task') %} ; "
                f"effectuée seulement si, une fois examinée toute opposition {OF_THE_C}, les "
                "motifs qui la fondent prévalent encore sur ses intérêts"
                "{% elif made.lawful_basis == 'consent' %} ; effectuée seulement si "
                f"{THE_C} ne retire pas son consentement d'ici là{{% endif %}}"
                "{% endif %}. Informations divulguées, telles que la "
                f"lettre adressée {TO_THE_C} les formule :"
            )
            with b.for_each("item in made.information"):
                b.bullet("{{ item }}", level=2)
    b.heading("Suivi", level=2)
    b.para(not_recorded(f"{dec}.follow_up"))

    with b.kept_together():
        b.heading("Consigné par", level=2)
        b.signature_block("{{ parties.practitioner.name }}",
                          "Fonction : {{ parties.practitioner.role }}")
    return b


TEMPLATES = {
    "contract.docx": build_contract,
    "feedback-annex.docx": build_annex,
    "disclosure-notice.docx": build_notice,
    "decision-record.docx": build_decision,
}
