"""The text of the en-GB templates: the reference set, which every other language mirrors.

Each ``build_*`` function writes one template with a :class:`Builder`; ``TEMPLATES`` maps the
template's file name to it. Another language's module keeps the same structure (the same clause
numbers, conditions, loops and fields printed) and changes only the prose.
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx_builder import SIGNATURE_LINE, Builder, CellList, Language, optional_line, set_table_look

LANGUAGE = Language(
    tag="en-GB",
    page="Page ",
    of=" of ",
    signature="Signature: ",
    date="Date: ",
    comments=("A confdocs template. Edit it in Word; `confdocs templates fields` and "
              "docs/fields.md list the fields it may use."),
    keywords="confidentiality",
    category="confdocs template",
)

# -- wording shared by the documents ---------------------------------------------------------------

PRACTITIONER = "{{ words.practitioner }}"
CLIENT = "{{ words.client }}"
ENGAGEMENT = "{{ words.engagement }}"
SESSION = "{{ words.session }}"
SESSIONS = "{{ words.sessions }}"
OTHERS = "feedback.from_others"
INTERVIEWS = f"{OTHERS}.method == 'interviews'"
MEMBERSHIP = "kind == 'membership'"
# The professional body with its article ('the Association for Coaching'), where the data gives it.
BODY_NAME = ("{% if professional_body.name_with_article %}{{ professional_body.name_with_article }}"
             "{% else %}{{ professional_body.name }}{% endif %}")

# How each level of anonymity reads, for a survey and for interviews (whose content is always
# reported as patterns, never by name, role or relationship).
ANONYMITY = {
    "unidentified": (
        "**Unidentified.** "
        f"{{% if {INTERVIEWS} %}}"
        "The report does not say who was interviewed, and is written so that nothing in it can "
        "be traced to any one person."
        "{% else %}"
        "Responses are combined, so that no one reading the report can tell who said what."
        "{% endif %}"
    ),
    "category": (
        "**By category.** "
        f"{{% if {INTERVIEWS} %}}"
        "The report may say which groups the people interviewed came from, such as peers or "
        "direct reports, but nothing in it is attributed to a group or to a person."
        "{% else %}"
        "Responses are reported by category of rater, such as peers or direct reports, and never "
        "by name. A category is shown on its own only when enough people in it have responded."
        "{% endif %}"
    ),
    "named": (
        "**By name.** "
        f"{{% if {INTERVIEWS} %}}"
        "The report lists the people who were interviewed, but nothing in it is attributed to any "
        "one of them."
        "{% else %}"
        "Each response is shown with the name of the person who gave it. Everyone asked for "
        "feedback is told this before they respond, and may decline to take part."
        "{% endif %}"
    ),
}


def document_reference(b: Builder) -> None:
    b.lines("**Reference:** {{ id }}", "**Date agreed:** {{ dates.agreed|date }}")
    b.doc.paragraphs[-1].paragraph_format.space_after = Pt(12)


def feedback_about_client_details(b: Builder) -> None:
    """The summary about the client that the organisation receives: who, what, how, when."""
    about = "feedback.about_client"
    b.bullet(f"**Who receives it:** {{{{ {about}.recipient }}}}")
    b.bullet(f"**Form:** {{{{ {about}.form }}}}")
    b.bullet("**What it covers:**")
    with b.for_each(f"item in {about}.content"):
        b.bullet("{{ item|capfirst }}", level=2)
    b.bullet(f"**When:** {{{{ {about}.when }}}}")
    b.para(
        f"{{% if {about}.client_sees_first %}}"
        f"The {CLIENT} sees the summary, and agrees its wording, before it is sent."
        "{% else %}"
        f"The summary is sent without the {CLIENT} seeing it first; the {CLIENT} may ask for a "
        "copy at any time."
        "{% endif %}"
        " It covers nothing beyond the points above."
    )


def signatures(b: Builder) -> None:
    """Signature blocks for the practitioner, the client and, in a three-way contract, the
    sponsor's contact."""
    b.signature_block(
        f"The {PRACTITIONER}",
        "Name: {{ parties.practitioner.name }}",
        "Role: {{ parties.practitioner.role }}"
        "{% if parties.practitioner.organisation %}, {{ parties.practitioner.organisation }}"
        "{% endif %}",
    )
    b.signature_block(f"The {CLIENT}", "Name: {{ parties.client.name }}")
    with b.only_if("parties.sponsor"):
        b.signature_block(
            "For the sponsor, {{ parties.sponsor.organisation }}",
            "Name: {{ parties.sponsor.contact.name }}",
            "Role: {{ parties.sponsor.contact.role }}",
        )


# -- the contract ----------------------------------------------------------------------------------


def build_contract() -> Builder:
    b = Builder(
        LANGUAGE,
        title="Confidentiality agreement",
        subject="The confidentiality clauses of an engagement contract (confdocs template)",
        header="{{ id }} · {{ title }}",
    )
    b.title("Confidentiality agreement")
    b.subtitle("{{ title }}")
    document_reference(b)
    b.para(
        f"This agreement sets out how confidential information is handled in the {ENGAGEMENT} "
        "named above: what will be shared, with whom, how and when; what will not be shared; and "
        "when and how confidentiality may have to be broken. It forms part of the "
        f"{ENGAGEMENT} contract. Everyone who signs it confirms that they have read it, "
        "understood it and agree to it."
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
        b.para("By signing below, each party agrees to the terms of this agreement.")
        signatures(b)
    return b


def contract_parties(b: Builder) -> None:
    practitioner = "parties.practitioner"
    sponsor = "parties.sponsor"
    b.heading("{{ clause.parties }}. The parties and the purpose")
    b.para("This agreement is made between:")
    b.bullet(
        f"**The {PRACTITIONER}:** "
        f"{{% if {MEMBERSHIP} and {practitioner}.organisation %}}{{{{ {practitioner}.organisation }}}}, "
        f"acting through {{{{ {practitioner}.name }}}}, {{{{ {practitioner}.role }}}}"
        f"{{% else %}}{{{{ {practitioner}.name }}}}, {{{{ {practitioner}.role }}}}"
        f"{{% if {practitioner}.organisation %}}, {{{{ {practitioner}.organisation }}}}"
        "{% endif %}{% endif %}"
    )
    b.bullet(
        f"**The {CLIENT}:** {{{{ parties.client.name }}}}"
        "{% if parties.client.job_title %}, {{ parties.client.job_title }}{% endif %}"
        "{% if parties.client.membership_number %} (membership number "
        "{{ parties.client.membership_number }}){% endif %}"
    )
    with b.only_if(sponsor):
        b.bullet(
            f"**The sponsor:** {{{{ {sponsor}.organisation }}}}, represented by "
            f"{{{{ {sponsor}.contact.name }}}}, {{{{ {sponsor}.contact.role }}}}"
        )
        b.para(
            f"This is a three-way agreement. The sponsor has commissioned the {ENGAGEMENT}, and "
            f"agrees with the {CLIENT} and the {PRACTITIONER} what it will and will not be told. "
            f"The sponsor’s interest is in the progress of the {ENGAGEMENT}; what the {CLIENT} "
            f"says in {SESSIONS} belongs to the {CLIENT}."
        )
        with b.only_if(f"{sponsor}.meetings"):
            b.para(f"The {CLIENT}, the {PRACTITIONER} and the sponsor will meet together:")
            with b.for_each(f"meeting in {sponsor}.meetings"):
                b.bullet("{{ meeting|capfirst }}")
            b.para(
                f"In these meetings the {PRACTITIONER} shares nothing beyond what this agreement "
                f"allows; the {CLIENT} decides what else to say."
            )
    with b.only_if(f"{practitioner}.internal"):
        b.para(
            f"**An internal {PRACTITIONER}.** {{{{ {practitioner}.name }}}} works for the same "
            f"organisation as the {CLIENT}. To keep roles, records and reporting lines clear:"
        )
        b.bullet(
            f"In this {ENGAGEMENT}, {{{{ {practitioner}.name }}}} acts only as {PRACTITIONER}. "
            "Nothing learned in it is used in any other role they hold, such as in management, "
            "appraisal, selection, capability or disciplinary matters."
        )
        b.bullet(
            f"The records of the {ENGAGEMENT} are kept apart from personnel and performance "
            "records, and are never added to them. Section {{ clause.records }} says where they "
            "are kept and who can read them."
        )
        b.bullet(
            f"{{{{ {practitioner}.name }}}} does not report on the {ENGAGEMENT} through their "
            f"own line management or the {CLIENT}’s, except as this agreement allows."
        )
    others = f"{practitioner}.other_clients"
    with b.only_if(f"{others} in ('same_organisation', 'reporting_line')"):
        b.para(
            f"**Other people in the same organisation.** {{{{ {practitioner}.name }}}} also works "
            "with other people from {% if parties.sponsor %}{{ parties.sponsor.organisation }}"
            f"{{% else %}}the {CLIENT}’s organisation{{% endif %}}"
            f"{{% if {others} == 'reporting_line' %}}, among them someone in the {CLIENT}’s "
            f"reporting line: a manager above the {CLIENT}, or someone who reports to the "
            f"{CLIENT}, directly or not{{% endif %}}. So that this takes nothing from the "
            f"{CLIENT}’s confidentiality:"
        )
        # What the agreement itself passes between them (what is shared, feedback from others)
        # is named, so that the promise does not contradict it.
        b.bullet(
            f"Nothing the {CLIENT} says in {SESSIONS} is passed to any of them"
            "{% if confidentiality.shared %}, beyond what section {{ clause.shared }} lists"
            "{% endif %}. Nothing they say to "
            f"{{{{ {practitioner}.name }}}} is brought into this {ENGAGEMENT}"
            f"{{% if {OTHERS}.collected %}}, apart from their feedback about the {CLIENT}, which "
            "reaches it only through the report that section "
            "{{ clause.feedback_from_others }} describes{% endif %}."
        )
        b.bullet(
            f"{{{{ {practitioner}.name }}}} does not use what one of them says in the work with "
            "another, and takes no side between them."
        )
        with b.only_if(f"{others} == 'reporting_line'"):
            b.bullet(
                f"This is a conflict of interest. {{{{ {practitioner}.name }}}} discloses it here "
                f"without naming anyone, since their {SESSIONS} are as confidential as the "
                f"{CLIENT}’s, and will tell the {CLIENT} if it ever affects the work."
            )
        b.bullet(
            f"The {CLIENT} may ask at any time, without giving a reason, to work with another "
            f"{PRACTITIONER}{{% if parties.sponsor %}}; {{{{ parties.sponsor.organisation }}}} "
            "will then arrange it{% endif %}."
        )
    b.heading("Purpose", level=2)
    b.para("{{ purpose }}")
    b.para(
        f"The {ENGAGEMENT} runs from {{{{ dates.start|date }}}}"
        "{% if dates.end %} to {{ dates.end|date }}{% else %} and has no fixed end date{% endif %}."
    )


def contract_sharing(b: Builder) -> None:
    b.heading("{{ clause.shared }}. What will be shared, with whom, how and when")
    b.tag("if confidentiality.shared")
    b.lead_in(
        f"Only the following information about the {ENGAGEMENT} will be shared, with the "
        "people named, in the way and at the time stated."
    )
    table = b.table([50, 40, 40, 30], style="Light List Accent 1",
                    header=["What", "With whom", "How", "When"])
    b.row_tag(table, "for item in confidentiality.shared")
    b.row(table, ["{{ item.what }}", CellList("recipient in item.with_whom", "{{ recipient }}"),
                  "{{ item.how }}", "{{ item.when }}"])
    b.row_tag(table, "endfor")
    b.tag("else")
    b.para(
        f"No information about the {ENGAGEMENT} will be shared with anyone"
        "{% if parties.sponsor %}, including the sponsor{% endif %}"
        "{% if feedback.about_client.required %}, apart from the summary described in section "
        "{{ clause.feedback_about_client }}{% endif %}."
    )
    b.tag("endif")

    b.heading("{{ clause.not_shared }}. What will not be shared")
    b.para(
        f"The following stays between the {CLIENT} and the {PRACTITIONER}"
        "{% if parties.sponsor %}; it is not shared with the sponsor or with anyone else{% endif %}:"
    )
    with b.for_each("item in confidentiality.not_shared"):
        b.bullet("{{ item|capfirst }}")
    with b.only_if("confidentiality.extra_sharing_needs_written_consent"):
        b.para(
            "Nothing beyond what this agreement sets out will be shared with anyone without the "
            f"{CLIENT}’s written consent, given in advance for that particular item. The only "
            "exceptions are the limits of confidentiality in section {{ clause.limits }}."
        )

    with b.only_if("clause.group"):
        b.heading("{{ clause.group }}. Confidentiality in the group")
        b.para(
            f"Much of the {ENGAGEMENT} takes place in a group. What the {CLIENT} says in group "
            "discussions, exercises and role-plays is heard by the other participants as well as "
            f"by the {PRACTITIONER}, so it cannot stay between the {CLIENT} and the "
            f"{PRACTITIONER}. The {PRACTITIONER} asks everyone in the group to keep these ground "
            "rules:"
        )
        with b.for_each("rule in confidentiality.ground_rules"):
            b.bullet("{{ rule }}")
        b.para(
            f"The {PRACTITIONER} will remind the group of these rules, but cannot bind the other "
            "participants or promise that they will keep them. The "
            f"{CLIENT} should say in the group only what they are comfortable with others "
            f"knowing. What the {CLIENT} says to the {PRACTITIONER} one to one, outside the group, "
            f"stays between them on the terms of this agreement, and the {CLIENT} keeps the same "
            "ground rules about what others say in the group."
        )


def contract_guidelines_and_body(b: Builder) -> None:
    b.heading("{{ clause.guidelines }}. Organisational guidelines")
    b.tag("if organisational_guidelines")
    b.para(f"These organisational policies bear on confidentiality in this {ENGAGEMENT}:")
    with b.for_each("guideline in organisational_guidelines"):
        b.bullet(
            "**{{ guideline.title }}**"
            "{% if guideline.reference %} ({{ guideline.reference }}){% endif %}"
            "\n{{ guideline.summary }}"
        )
    b.para(
        "Where one of these policies would require something said in confidence to be passed "
        "on, it is passed on only under a limit of confidentiality in section "
        "{{ clause.limits }}, and by the procedure in section {{ clause.procedure }}."
    )
    b.tag("else")
    b.para(
        "No organisational guidelines bear on confidentiality in this "
        f"{ENGAGEMENT}. Should any come to apply, they will be added to this agreement only with "
        "the agreement of everyone who signed it."
    )
    b.tag("endif")

    body = "professional_body"
    code = f"{body}.code_of_ethics"
    b.heading("{{ clause.professional_body }}. {% if " + MEMBERSHIP + " %}The organisation’s code"
              "{% else %}The professional body and its code of ethics{% endif %}")
    b.para(
        f"{{% if {MEMBERSHIP} %}}The {CLIENT} works to the code below as a member of the "
        f"{PRACTITIONER}, which handles what it learns about the {CLIENT} under this agreement and "
        "under that code.{% else %}The "
        f"{PRACTITIONER} works to the code of ethics below, and this agreement is made under it."
        # A membership's code binds the member: it asks nothing of the organisation as such.
        f"{{% endif %}} Where the code asks more {{% if {MEMBERSHIP} %}}than{{% else %}}of the "
        f"{PRACTITIONER} than{{% endif %}} this agreement does, the code applies."
    )
    b.bullet(f"**{{% if {MEMBERSHIP} %}}Organisation{{% else %}}Professional body{{% endif %}}:** "
             f"{{{{ {body}.name }}}}")
    with b.only_if(f"{body}.membership_number"):
        b.bullet(f"**The {PRACTITIONER}’s membership number:** {{{{ {body}.membership_number }}}}")
    b.bullet(
        f"**Code of ethics:** {{{{ {code}.title }}}}"
        f"{{% if {code}.version %}} ({{{{ {code}.version }}}}){{% endif %}}"
    )
    with b.only_if(f"{code}.url"):
        b.bullet(f"**Where to read it:** {{{{ {code}.url }}}}")
    with b.only_if(f"{body}.requirements"):
        b.para(f"These requirements of the {{% if {MEMBERSHIP} %}}organisation{{% else %}}"
               "professional body{% endif %} bear on confidentiality:")
        with b.for_each(f"requirement in {body}.requirements"):
            b.bullet("{{ requirement }}")
    b.para(
        f"**Complaints.** The {CLIENT}{{% if parties.sponsor %}}, or the sponsor,{{% endif %}} may "
        f"raise with the {PRACTITIONER} any concern about how confidentiality has been handled, "
        f"{{% if {MEMBERSHIP} %}}and may make a formal complaint under the organisation’s own "
        "complaints procedure{% else %}and may also complain to the professional body, "
        f"{BODY_NAME}{{% endif %}}. How to complain is set out at "
        f"{{{{ {body}.complaints_url }}}}. Complaints about the use of personal information can "
        "also go to the supervisory authority, as section {{ clause.records }} says."
    )


def contract_feedback(b: Builder) -> None:
    b.heading(f"{{{{ clause.feedback_about_client }}}}. Feedback about the {CLIENT}")
    b.tag("if feedback.about_client.required")
    b.para(
        "{% if parties.sponsor %}The sponsor{% else %}The organisation{% endif %} requires a "
        f"summary about the {CLIENT}. It is given as follows:"
    )
    feedback_about_client_details(b)
    b.tag("else")
    b.para(
        f"No summary or report about the {CLIENT} is given to "
        "{% if parties.sponsor %}the sponsor{% else %}any organisation{% endif %} or to anyone "
        # Section "shared" lists nothing when nothing is shared: it is cited only when it does.
        "else. {% if confidentiality.shared %}Apart from what section {{ clause.shared }} lists, "
        f"the {PRACTITIONER} reports nothing about the {CLIENT}.{{% else %}}The {PRACTITIONER} "
        f"reports nothing at all about the {CLIENT}, to anyone.{{% endif %}}"
    )
    b.tag("endif")

    b.heading("{{ clause.feedback_from_others }}. Feedback from others")
    b.tag(f"if {OTHERS}.collected")
    b.para(
        f"Feedback about the {CLIENT} will be gathered from people who work with them, "
        f"{{% if {INTERVIEWS} %}}in interviews. What they say is reported as patterns across "
        "the interviews, never by name, role or relationship."
        "{% else %}through a survey.{% endif %}"
    )
    b.para("The level of anonymity, agreed in advance, is:")
    for level, text in ANONYMITY.items():
        with b.only_if(f"{OTHERS}.anonymity == '{level}'"):
            b.para(text)
    b.para(
        f"The feedback report goes to {{{{ {OTHERS}.report_recipients|and_list }}}}. The annex "
        "“Feedback anonymity annex”, which forms part of this agreement, sets out the details: "
        "the minimum numbers of respondents, what happens when too few respond, and how "
        "written comments are treated."
    )
    b.tag("else")
    b.para(
        f"No feedback about the {CLIENT} is gathered from other people, such as colleagues or "
        f"fellow participants, in this {ENGAGEMENT}. If that is ever wanted, how anonymous it "
        "will be is agreed in writing, by everyone who signed this agreement, before any is "
        "gathered."
    )
    b.tag("endif")


def contract_limits(b: Builder) -> None:
    b.heading("{{ clause.limits }}. The limits of confidentiality")
    b.para(
        "Total confidentiality cannot be promised. The law, the rules of the organisation and "
        "concern for someone’s safety or wellbeing can each require information to be passed "
        f"on. The {PRACTITIONER} will therefore break confidentiality only on one of the grounds "
        "below, each set out in a clause of its own, and only by the procedure in section "
        "{{ clause.procedure }}{% if clause.emergency %} or, in an emergency, as section "
        "{{ clause.emergency }} allows{% endif %}. No other reason is enough."
    )
    with b.for_each("limit in confidentiality.limits"):
        b.clause("{{ clause.limit[limit.id] }}",
                 "**{{ words.ground[limit.ground]|capfirst }}.** {{ limit.description }}")


# A membership organisation has no supervisor of its own: the person who acts for it may.
SUPERVISOR = (f"{{% if {MEMBERSHIP} %}}{{{{ parties.practitioner.name }}}}’s{{% else %}}the "
              f"{PRACTITIONER}’s{{% endif %}} professional supervisor")
# Whom the practitioner asks for guidance when there is no supervisor and no one is named.
ADVISER = (f"{{% if {MEMBERSHIP} %}}an experienced practitioner from outside the {PRACTITIONER}"
           "{% else %}another experienced practitioner{% endif %}")


def contract_procedure(b: Builder) -> None:
    procedure = "disclosure_procedure"
    b.heading("{{ clause.procedure }}. Breaking confidentiality: the procedure")
    b.para(
        f"If something comes up in a {SESSION} that may mean confidentiality has to be broken, "
        f"the {PRACTITIONER} will{{% if clause.emergency %}}, except in an emergency (section "
        "{{ clause.emergency }}),{% endif %} take these steps, in this order:"
    )
    b.step("Stop and think about what to do next, before taking any action.")
    # In a group the others are in the room: the client is spoken to privately, never in front
    # of them, and every step that follows happens in that conversation.
    with b.only_if("clause.group"):
        b.step(
            f"Speak to the {CLIENT} privately, away from the group (at a break, or by stepping "
            f"aside with them), and tell them plainly that a confidentiality issue has arisen and "
            "needs to be dealt with straight away. Nothing about it is raised in front of the "
            "other participants: the steps below take place in that private conversation."
        )
    b.step(
        f"Check with the {CLIENT} that what the {PRACTITIONER} "
        f"{{% if {MEMBERSHIP} %}}was told{{% else %}}heard{{% endif %}} is what the {CLIENT} "
        "meant, and whether it really is something that would have to be disclosed."
    )
    with b.only_if("not clause.group"):
        b.step(
            f"Pause the {SESSION} and tell the {CLIENT} plainly that a confidentiality issue has "
            "arisen and needs to be dealt with straight away."
        )
    b.step(
        "Look at the issue together: what has happened, who is involved, when, and how. This "
        "honest clarification may well show that no disclosure is needed."
    )
    with b.only_if(f"{procedure}.supervision_consulted"):
        b.step(
            f"Consult {SUPERVISOR}{{% if parties.supervisor %}}, "
            f"{{{{ parties.supervisor.name }}}},{{% endif %}} before disclosing anything, without "
            f"naming the {CLIENT}."
        )
    with b.only_if(f"{procedure}.consent_sought_first"):
        b.step(
            f"If a disclosure is needed, seek the {CLIENT}’s agreement to it before anything is "
            "disclosed, pointing to this section of the agreement."
        )
    with b.only_if(f"{procedure}.self_disclosure_support"):
        b.step(
            f"Offer the {CLIENT} the chance to make the disclosure themselves, with support: "
            f"agree who it should be made to, and talk through what it may mean for the {CLIENT} "
            f"and for the {PRACTITIONER}"
            f"{{% if {procedure}.practitioner_present %}}, and offer to be present when it is "
            "made{% endif %}."
        )
    b.step(
        f"Not collude in avoiding the issue. The {CLIENT} may have put off dealing with it for a "
        f"long time; the {PRACTITIONER} will not become part of that pattern, will act "
        "professionally, following the code of ethics and this procedure, and, if the issue is "
        "not resolved as agreed, will come back to it until it is properly dealt with."
    )
    with b.only_if(f"{procedure}.consent_sought_first"):
        b.step(
            f"If the {CLIENT} does not agree to the disclosure, point to sections "
            "{{ clause.limits }} and {{ clause.procedure }} of this agreement, under which it may "
            f"still be made{{% if {procedure}.self_disclosure_support %}}, by the {CLIENT} or by "
            f"the {PRACTITIONER}{{% endif %}}"
            # A membership's code binds the member: it gives the organisation no authority.
            f"{{% if not {MEMBERSHIP} %}}, and to the "
            "{{ professional_body.code_of_ethics.title }}, which permits confidentiality to be "
            "broken on the grounds agreed{% endif %}. Consider how the disclosure will affect "
            f"the {CLIENT}, "
            "and look into the reasons for the refusal: for example, whether pressure from within "
            "the organisation lies behind it."
        )
    b.step(
        "Disclose only the specific information that the ground requires, and nothing more, "
        "keeping facts apart from opinion."
    )
    b.step(
        f"Agree with the {CLIENT} how the disclosure will be made (its form, time and place) or, "
        f"where agreement is not possible, tell them. The {CLIENT} will be told in writing "
        f"{{% if {procedure}.notice_days %}}at least {{{{ {procedure}.notice_days|days }}}} "
        "before it is made{% else %}before it is made{% endif %}, so that they can prepare, "
        "unless giving notice would put someone at risk or defeat the purpose of the "
        "disclosure; the reason for any shorter notice is recorded and given to the "
        f"{CLIENT}."
    )
    b.step(
        "Record the decision and the reasons for it, including a decision not to disclose: who "
        "was consulted, the options weighed, what was disclosed, to whom, and on what basis."
    )
    with b.only_if(f"{procedure}.relationship_review"):
        b.step(
            f"Once the matter is resolved, review the relationship with the {CLIENT}, as section "
            "{{ clause.review }} describes."
        )
    # A step left out is said, not silently missing.
    with b.only_if(f"not {procedure}.consent_sought_first or not "
                   f"{procedure}.self_disclosure_support or not {procedure}.relationship_review"):
        # Each sentence after the first one printed opens with its space, so that the paragraph
        # never ends, or starts, with one.
        no_consent = f"not {procedure}.consent_sought_first"
        no_self = f"not {procedure}.self_disclosure_support"
        b.para(
            f"{{% if {no_consent} %}}The {CLIENT}’s consent is not sought "
            "before a disclosure on one of the grounds in section {{ clause.limits }}: the "
            f"{CLIENT} agrees to those grounds now, by signing this agreement, and is told of each "
            "disclosure as set out above. This agreement to the grounds is not consent in the "
            "sense of data-protection law: each disclosure rests on the legal basis its notice "
            "gives.{% endif %}"
            f"{{% if {no_self} %}}{{% if {no_consent} %}} {{% endif %}}The {CLIENT} is not "
            "offered the chance to make a disclosure themselves before it is made.{% endif %}"
            f"{{% if not {procedure}.relationship_review %}}{{% if {no_consent} or {no_self} %}} "
            "{% endif %}No review of the relationship follows a disclosure as a matter of course; "
            f"the {CLIENT} or the {PRACTITIONER} may ask for one, as section "
            "{{ clause.review }} provides.{% endif %}"
        )

    with b.only_if("clause.emergency"):
        b.heading("{{ clause.emergency }}. Disclosure in an emergency")
        b.para(
            "Where there is an immediate risk of serious harm to the "
            f"{CLIENT} or to someone else, and no time to follow the steps of section "
            f"{{{{ clause.procedure }}}} first, the {PRACTITIONER} may disclose at once, to the "
            "emergency services or to whoever can prevent the harm, without first seeking the "
            f"{CLIENT}’s agreement or giving notice. The same applies where the law requires a "
            f"disclosure and forbids the {PRACTITIONER} to tell the {CLIENT} first, or where "
            "asking would itself put someone at risk."
        )
        b.para(
            "Such a disclosure still rests on one of the limits in section {{ clause.limits }}, "
            "and covers only what is needed to prevent the harm. As soon as it is safe, the "
            f"{PRACTITIONER} will then:"
        )
        b.bullet(
            f"tell the {CLIENT} in writing what was disclosed, to whom, when and why, and why "
            "they could not be told first;"
        )
        b.bullet("record the decision and the reasons for it;")
        with b.only_if("disclosure_procedure.supervision_consulted"):
            b.bullet(f"discuss it with {SUPERVISOR}, without naming the {CLIENT};")
        with b.only_if("not disclosure_procedure.supervision_consulted"):
            b.bullet(
                f"ask {{% if confidentiality.supervision.guidance_from %}}"
                f"{{{{ confidentiality.supervision.guidance_from }}}}{{% else %}}{ADVISER}"
                f"{{% endif %}} to review what happened, without naming the {CLIENT};"
            )
        b.bullet(
            f"take the steps of section {{{{ clause.procedure }}}} that can still be taken, and "
            f"offer the {CLIENT} a review of the relationship."
        )


def contract_records(b: Builder) -> None:
    records = "records"
    authority = f"{records}.supervisory_authority"
    b.heading("{{ clause.records }}. Records and data protection")
    b.lead_in(
        f"The records of the {ENGAGEMENT} are personal information about the {CLIENT}, and are "
        "kept as follows, under {{ law.name }}."
    )
    table = b.table([50, 110])
    set_table_look(table, first_row=False, first_column=True)
    b.row(table, ["Data controller",
                  f"{{{{ {records}.controller }}}}{{% if {records}.controller_contact %}}, "
                  f"contact: {{{{ {records}.controller_contact }}}}{{% endif %}}"],
          bold_first=True)
    b.row_tag(table, f"if {records}.dpo")
    b.row(table, ["Data protection officer",
                  f"{{{{ {records}.dpo.name|capfirst }}}}, contact: "
                  f"{{{{ {records}.dpo.contact }}}}"], bold_first=True)
    b.row_tag(table, "endif")
    # The records of decisions and disclosures are kept whatever the data lists: the
    # procedure keeps them, so the list says so itself (records-kept-repeats-decisions).
    b.row(table, ["Records kept", CellList(
        f"record in {records}.kept", "{{ record|capfirst }}", "List Bullet",
        after=("The record of each decision about breaking confidentiality, whether or not a "
               "disclosure follows, and of each disclosure",))], bold_first=True)
    # Written from the choices, in the regime's words: the free text only says why.
    basis, condition = f"{records}.lawful_basis", f"{records}.special_category_condition"
    b.row(table, ["Why they may be kept",
                  f"{{{{ law.basis[{basis}]|capfirst }}}} ({{{{ law.article6[{basis}] }}}})"
                  f"{{% if {records}.legal_basis %}}: {{{{ {records}.legal_basis }}}}{{% endif %}}."
                  # Kept whatever the client decides: never on a consent they could withdraw.
                  f"{{% if {basis} == 'consent' %}} Whatever the {CLIENT} decides, the record "
                  "of each decision about breaking confidentiality, and of each disclosure, is "
                  "kept on another basis: {{ law.basis['legitimate_interests'] }} "
                  "({{ law.article6['legitimate_interests'] }}).{% endif %}"],
          bold_first=True)
    b.row_tag(table, f"if {records}.special_category")
    b.row(table, ["Special-category data",
                  "The records may include special-category data (Article 9 "
                  "{{ law.of_gdpr }}), such as information about health. It is recorded only "
                  f"where the {ENGAGEMENT} needs it, is protected "
                  "with particular care, and is kept on this condition: "
                  f"{{{{ law.condition[{condition}] }}}} ({{{{ law.article9[{condition}] }}}})"
                  f"{{% if {records}.special_category_note %}}, "
                  f"{{{{ {records}.special_category_note }}}}{{% endif %}}."
                  # The record of a decision about confidentiality is kept whatever the client
                  # decides: never on a consent they could withdraw.
                  f"{{% if {condition} != 'legal_claims' %}} Whatever the {CLIENT} decides, the "
                  "record of each decision about breaking confidentiality, and of each "
                  "disclosure, is kept on another condition: "
                  "{{ law.condition['legal_claims'] }} ({{ law.article9['legal_claims'] }})."
                  "{% endif %}"], bold_first=True)
    b.row_tag(table, "endif")
    b.row(table, ["Where they are kept",
                  f"{{{{ {records}.storage|capfirst }}}}{{% if {records}.organisation_can_read %}}. "
                  "**Please note:** because the records are on the organisation’s systems, the "
                  "organisation is able to read them.{% endif %}"], bold_first=True)
    b.row(table, ["Who can read them", CellList(f"reader in {records}.access",
                                                 "{{ reader|capfirst }}", "List Bullet")],
          bold_first=True)
    b.row(table, ["How long they are kept", f"{{{{ {records}.retention|capfirst }}}}"],
          bold_first=True)
    b.row_tag(table, f"if {records}.destruction")
    b.row(table, ["How they are destroyed", f"{{{{ {records}.destruction|capfirst }}}}"],
          bold_first=True)
    b.row_tag(table, "endif")
    b.keep_rows_together(table)
    # The rights the basis gives (Articles 15 to 21), and no others: objection only on a public
    # task or legitimate interests, portability only on consent or a contract.
    objection = f"{basis} in ('public_task', 'legitimate_interests')"
    portability = f"{basis} in ('consent', 'contract')"
    b.after_table(b.para(
        f"The {CLIENT} has the right to see the records held about them, to have anything "
        "inaccurate corrected, to ask for records to be erased (a right that is not absolute: "
        "some records must be kept, for example for legal reasons), "
        f"{{% if {objection} %}}to ask for their use to be restricted, and to object to their "
        f"use, because they are kept on the ground of "
        f"{{% if {basis} == 'public_task' %}}a public task{{% else %}}legitimate interests"
        "{% endif %}{% else %}and to ask for their use to be restricted{% endif %}. "
        f"{{% if {portability} %}}Because the records are kept "
        f"{{% if {basis} == 'consent' %}}with the {CLIENT}’s consent{{% else %}}under a contract "
        f"with the {CLIENT}{{% endif %}}, the {CLIENT} may also ask for a copy in a form a "
        "computer can read, to take elsewhere"
        f"{{% if {basis} == 'consent' %}}, and may withdraw that consent at any time, without "
        "affecting what was done before; the records of decisions and disclosures, kept on "
        f"legitimate interests, stay, and the {CLIENT} may object to their keeping{{% endif %}}. "
        "{% endif %}"
        # An Article 9 condition of explicit consent gives its own right to withdraw (7(3)).
        f"{{% if {records}.special_category and {condition} == 'explicit_consent' %}}The "
        f"{CLIENT} may withdraw at any time the explicit consent on which special-category "
        "information is kept; what was noted on it is then deleted, apart from the records of "
        "decisions and disclosures, without affecting what was done before. {% endif %}"
        "{% if law.after_death %}The "
        f"{CLIENT} may also leave instructions on how their data is kept, erased and passed on "
        "after their death ({{ law.after_death }}). {% endif %}A request to see the records, "
        "known as a subject "
        "access request, is answered within one month; a complex request may take up to two "
        f"months more, and the {CLIENT} will be told if it does. Requests go to the data "
        f"controller, {{{{ {records}.controller }}}}"
        f"{{% if {records}.dpo %}}, or to its data protection officer{{% endif %}}."
    ))
    b.para(
        f"The {CLIENT} may complain about how their personal information is handled to "
        f"{{{{ {authority}.name }}}} ({{{{ {authority}.url }}}}), as well as to the "
        f"{{% if {MEMBERSHIP} %}}organisation{{% else %}}{PRACTITIONER} and the professional "
        "body{% endif %}."
    )
    with b.only_if(f"{records}.privacy_notice"):
        b.para(
            f"The full data-protection information is in “{{{{ {records}.privacy_notice.title }}}}”, "
            f"at {{{{ {records}.privacy_notice.url }}}}. It informs; it is not a term of this "
            "agreement, and the controller may update it."
        )
    b.para(
        f"Courts and the police can require the records, including notes of {SESSIONS}, to be "
        "handed over."
    )


# What a review of the relationship asks first: an organisation has no feelings, its people do.
FEELINGS = (f"{{% if {MEMBERSHIP} %}}how the {CLIENT}, and the people who deal with the {CLIENT} "
            f"for the {PRACTITIONER}, feel{{% else %}}how each of them feels{{% endif %}}")


def contract_supervision_and_review(b: Builder) -> None:
    supervision = "confidentiality.supervision"
    guidance = f"{supervision}.guidance_from"
    b.heading("{{ clause.supervision }}. Supervision and guidance")
    b.tag(f"if {supervision}.discussed")
    b.para(
        f"{{% if {MEMBERSHIP} %}}{{{{ parties.practitioner.name }}}}, who acts for the "
        f"{PRACTITIONER} under this agreement,{{% else %}}The {PRACTITIONER}{{% endif %}} "
        "discusses their work with a professional supervisor"
        "{% if parties.supervisor %}, {{ parties.supervisor.name }}{% endif %}, to keep their "
        f"practice safe and effective. {{% if {supervision}.anonymised %}}The {CLIENT} is never "
        "named in supervision, and details that would identify them are left out."
        f"{{% else %}}The {CLIENT} may be named in supervision; the supervisor keeps what they "
        "hear confidential.{% endif %}"
    )
    b.tag("else")
    b.para(
        f"{{% if {MEMBERSHIP} %}}The {PRACTITIONER} does not use professional supervision for "
        f"this work{{% else %}}The {PRACTITIONER} does not have a professional supervisor for "
        f"this work{{% endif %}}, so the {CLIENT} is not discussed in supervision."
    )
    b.tag("endif")
    b.para(
        "If confidentiality may have to be broken, or once it has been, the "
        f"{PRACTITIONER} may ask {{% if {guidance} %}}{{{{ {guidance} }}}}"
        f"{{% elif {supervision}.discussed %}}{{% if {MEMBERSHIP} %}}that supervisor{{% else %}}"
        f"their supervisor{{% endif %}}{{% else %}}{ADVISER}{{% endif %}} for guidance: to "
        f"review what happened and to advise on what to do next. The {CLIENT} is not named to "
        f"them, and nothing that would identify the {CLIENT} is passed on."
    )

    b.heading("{{ clause.review }}. Reviewing the relationship")
    b.para(
        f"The {CLIENT} and the {PRACTITIONER}"
        "{% if parties.sponsor %}, and the sponsor where it concerns them,{% endif %} may ask to "
        "review this agreement at any time. Any change is made in writing and signed by everyone "
        "who signed this agreement."
    )
    # The procedure's section cites this one for a review asked for, when none is agreed as a
    # matter of course: it says so here.
    b.tag("if disclosure_procedure.relationship_review")
    b.para(
        f"If confidentiality has had to be broken, the {PRACTITIONER} and the {CLIENT} will "
        f"review their relationship once the matter is resolved. They will consider {FEELINGS}; "
        "what the effect has been; whether both can carry on without judgement "
        "and on the terms of this agreement; whether any values or beliefs are affected; and "
        f"whether the {ENGAGEMENT} can still be as effective as before. The {CLIENT} may wish "
        "to continue, and either of them may decide not to."
    )
    b.tag("else")
    b.para(
        "If confidentiality has had to be broken, no review of the relationship follows as a "
        f"matter of course, but the {CLIENT} or the {PRACTITIONER} may ask for one once the "
        f"matter is resolved. Such a review considers {FEELINGS}; what the effect has been; "
        "whether both can carry on without judgement and on the terms of this agreement; "
        f"whether any values or beliefs are affected; and whether the {ENGAGEMENT} can still "
        f"be as effective as before. The {CLIENT} may wish to continue, and either of them may "
        "decide not to."
    )
    b.tag("endif")


# -- the feedback annex ------------------------------------------------------------------------------


def build_annex() -> Builder:
    b = Builder(
        LANGUAGE,
        title="Feedback anonymity annex",
        subject="How feedback from others is gathered and reported (confdocs template)",
        header="Feedback anonymity annex · {{ id }}",
    )
    b.title("Feedback anonymity annex")
    b.subtitle("{{ title }}")
    document_reference(b)
    b.para(
        f"This annex forms part of the confidentiality agreement for this {ENGAGEMENT}, agreed on "
        "{{ dates.agreed|date }}{% if clause.feedback_from_others %}, and gives the details of its "
        "section {{ clause.feedback_from_others }}{% endif %}. It sets out how feedback about the "
        f"{CLIENT} is gathered and reported, and how the people who give it are protected. It is "
        "agreed before any feedback is gathered, so that everyone asked for feedback can be told "
        "how their answers will be used."
    )

    with b.only_if("feedback.about_client.required"):
        b.heading(f"Feedback about the {CLIENT}")
        b.para(
            "Separately from the feedback from others below, "
            "{% if parties.sponsor %}the sponsor{% else %}the organisation{% endif %} receives a "
            f"summary about the {CLIENT}, as section {{{{ clause.feedback_about_client }}}} of "
            "the agreement sets out:"
        )
        feedback_about_client_details(b)

    b.heading("How feedback is gathered")
    b.tag(f"if {INTERVIEWS}")
    b.para(
        f"Feedback is gathered in interviews with people who work with the {CLIENT}. What they "
        "say is reported as patterns and themes across all the interviews, never by name, role "
        f"or relationship to the {CLIENT}."
    )
    b.tag("else")
    b.para(f"Feedback is gathered through a survey of people who work with the {CLIENT}.")
    b.tag("endif")

    b.heading("How anonymous it is")
    b.para("The level of anonymity agreed is:")
    for level, text in ANONYMITY.items():
        with b.only_if(f"{OTHERS}.anonymity == '{level}'"):
            b.para(text)

    categories = f"{OTHERS}.categories"
    with b.only_if(categories):
        b.heading("Rater categories", level=2)
        b.lead_in(
            "Feedback is grouped into these categories. A category is reported on its own only "
            "when at least its minimum number of people have responded."
        )
        table = b.table([60, 40, 60], style="Light List Accent 1",
                        header=["Category", "Minimum respondents", "Identified"])
        b.row_tag(table, f"for category in {categories}")
        b.row(table, [
            "{{ category.name }}",
            "{{ category.minimum_respondents }}",
            "{% if category.identified %}Yes: identified by nature; the report says so"
            "{% else %}No{% endif %}",
        ])
        b.row_tag(table, "endfor")
        with b.only_if(f"true in {categories}|map(attribute='identified')"):
            b.after_table(b.para(
                "A category marked “Yes” is one whose raters can be identified by its nature, "
                f"such as the {CLIENT}’s single line manager. The report says so wherever it "
                "shows that category, and those raters are told before they respond."
            ))

    minimum = f"{OTHERS}.minimum_total"
    with b.only_if(f"{minimum} or {categories}"):
        b.heading("Minimum numbers")
        with b.only_if(minimum):
            b.para(
                f"No report is produced unless at least {{{{ {minimum} }}}} "
                f"{{% if {minimum} == 1 %}}person has{{% else %}}people have{{% endif %}} "
                f"{{% if {INTERVIEWS} %}}been interviewed{{% else %}}given feedback in all"
                f"{{% endif %}}{{% if not {categories} %}}. If fewer take part, the remedy is to "
                "invite more people to give feedback{% endif %}."
            )
        with b.only_if(categories):
            b.para(
                "If a category has fewer responses than its minimum, "
                f"{{% if {OTHERS}.below_minimum == 'merge' and {OTHERS}.anonymity != 'category' %}}"
                "its responses are not shown apart from the others, and count only in the "
                "overall figure{% else %}its scores and comments are left out of every figure in "
                "the report, including the overall figure, so that they cannot be worked out by "
                "comparing one figure with another{% endif %}. This protects the people in small "
                "groups. The remedy for a category that is too small is to invite more raters to "
                "it, never to lower its minimum."
            )

    comments = f"{OTHERS}.comments"
    b.heading("Written comments")
    named = f"{OTHERS}.anonymity == 'named'"
    with b.only_if(f"{comments} == 'verbatim'"):
        b.para(
            f"{{% if {INTERVIEWS} %}}Quotations from the interviews may be used to illustrate the "
            "patterns. They are reported word for word, but without saying who said them, and in "
            f"shuffled order, so that their order gives nothing away.{{% elif {named} %}}Written "
            "comments are reported word for word, with the name of the person who wrote them."
            "{% else %}Written comments are reported word for word, but without saying who wrote "
            "them, and in shuffled order, so that their order gives nothing away.{% endif %}"
        )
    with b.only_if(f"{comments} == 'themed'"):
        b.para(
            "Comments are not quoted. They are summarised as themes drawn from "
            f"{{% if {INTERVIEWS} %}}all the interviews{{% else %}}all the comments{{% endif %}} "
            "together."
        )
    with b.only_if(f"{comments} == 'excluded'"):
        b.para(
            f"{{% if {INTERVIEWS} %}}No one is quoted in the report.{{% else %}}Written comments "
            "are not included in the report.{% endif %}"
        )
    with b.only_if(f"{comments} != 'excluded' and not ({named} and not {INTERVIEWS})"):
        b.para(
            "Everyone asked for feedback is warned that specific details in what they say, such "
            "as a particular event or a turn of phrase, can identify them even when their name "
            "is not given."
        )

    b.heading("Who receives the report")
    b.para(
        f"The feedback report is given to {{{{ {OTHERS}.report_recipients|and_list }}}}"
        "{% if confidentiality.extra_sharing_needs_written_consent %}, and to no one else without "
        f"the {CLIENT}’s written consent, except under the limits of confidentiality in section "
        "{{ clause.limits }} of the agreement{% endif %}."
    )

    with b.kept_together():
        b.heading("Acknowledgement")
        b.para(
            f"By signing below, the {CLIENT}{{% if parties.sponsor %}}, the {PRACTITIONER} and "
            f"the sponsor{{% else %}} and the {PRACTITIONER}{{% endif %}} confirm that these "
            "arrangements were agreed before any feedback was gathered."
        )
        signatures(b)
    return b


# -- the disclosure notice ---------------------------------------------------------------------------


def build_notice() -> Builder:
    d = "disclosure"
    practitioner = "parties.practitioner"
    after = f"{d}.after_the_event"
    b = Builder(
        LANGUAGE,
        title="Notice of disclosure",
        subject="A letter telling the client of a disclosure of confidential information "
                "(confdocs template)",
        header="Private and confidential · Disclosure notice {{ disclosure.id }} · {{ id }}",
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
    date = b.para(f"{{{{ {d}.notice_date|date }}}}")
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    date.paragraph_format.space_before = Pt(12)
    date.paragraph_format.space_after = Pt(12)

    b.lines("**Private and confidential**", "{{ parties.client.name }}")
    with b.for_each("line in parties.client.address"):
        b.lines("{{ line }}")
    b.doc.paragraphs[-1].paragraph_format.space_after = Pt(0)
    # The preferred name, else the form of address, else the name (catalogue.People).
    b.para("{{ words.salutation }}").paragraph_format.space_before = Pt(18)
    b.para(
        f"**{{% if {after} %}}A disclosure made under{{% else %}}Notice of disclosure under"
        "{% endif %} clause {{ limit_clause }} of our confidentiality agreement**"
    )
    # A membership is the member's, not shared with the organisation as a coaching is.
    from_our = (f"{{% if {MEMBERSHIP} %}}held in connection with your {ENGAGEMENT}{{% else %}}"
                f"from our {ENGAGEMENT}{{% endif %}}")
    basis = f"{d}.lawful_basis"
    b.para(
        f"{{% if {after} %}}I am writing to tell you about a disclosure of information {from_our} "
        f"that I had to make on {{{{ {d}.disclosure_date|date }}}}, before I could "
        "tell you, and to explain exactly what I disclosed, to whom, why and how."
        # The verb follows the basis (tenth review of issue 21): a consent is confirmed, an
        # intention under legitimate interests or a public task waits on any objection, and
        # only a disclosure the client cannot stop is one "I need to" make.
        f"{{% elif {basis} == 'consent' %}}I am writing to confirm the disclosure of some "
        f"information {from_our} that you have agreed to, and to explain exactly what will be "
        "disclosed, to whom, why and how, before it happens."
        f"{{% elif {basis} in ('legitimate_interests', 'public_task') %}}I am writing to let "
        f"you know that I intend to disclose some information {from_our}, and to explain "
        "exactly what I propose to disclose, to whom, why and how, and your right to object, "
        "before anything is disclosed."
        f"{{% else %}}I am writing to let you know that I need to disclose some information "
        f"{from_our}, and to explain exactly what will be disclosed, to whom, why and how, "
        "before it happens.{% endif %}"
    )
    b.para(
        "Our confidentiality agreement of {{ dates.agreed|date }} (reference {{ id }}) sets out, "
        "in clause {{ limit_clause }}, one of the limits of confidentiality we agreed:"
    )
    quote = b.para("{{ limit.description }}", "Quote")
    quote.paragraph_format.left_indent = quote.paragraph_format.right_indent = Mm(10)
    b.para(f"{{% if {after} %}}I concluded that this clause applied.{{% else %}}I have concluded "
           "that this clause now applies.{% endif %}")

    b.heading(f"{{% if {after} %}}What I disclosed{{% else %}}What will be disclosed"
              "{% endif %}", level=2)
    b.para(f"{{% if {after} %}}I disclosed only the following, and nothing more:{{% else %}}I will "
           "disclose only the following, and nothing more:{% endif %}")
    with b.for_each(f"item in {d}.information"):
        b.bullet("{{ item }}")

    b.heading("To whom, and why", level=2)
    b.bullet(
        f"**To:** {{{{ {d}.recipient.name }}}}, {{{{ {d}.recipient.role }}}}"
        f"{{% if {d}.recipient.organisation %}}, {{{{ {d}.recipient.organisation }}}}{{% endif %}}"
    )
    b.bullet(f"**Why:** {{{{ {d}.reason|sentence }}}}")
    # Written from the choices, in the regime's words: the free text only says why.
    condition = f"{d}.special_category_condition"
    b.bullet(
        f"**Legal basis:** {{{{ law.basis[{basis}]|capfirst }}}} ({{{{ law.article6[{basis}] }}}})"
        f"{{% if {d}.legal_basis %}}: {{{{ {d}.legal_basis|sentence }}}}{{% else %}}.{{% endif %}}"
    )
    with b.only_if(condition):
        # Said as the data has it: special-category information, or (on a wellbeing or
        # safeguarding limit) information that may concern someone's health: safety alone is
        # not an Article 9 category, so the sentence names health only.
        b.bullet(
            f"**{{% if {d}.special_category %}}Because the information is about health or "
            "another special category of personal data{% else %}If any of this information "
            "concerns someone's health{% endif %}, the disclosure also "
            f"{{% if {after} %}}rested{{% else %}}rests{{% endif %}} on this condition:** "
            f"{{{{ law.condition[{condition}]|capfirst }}}} "
            f"({{{{ law.article9[{condition}] }}}})."
        )

    form = f"{d}.method.form"
    how = (f"{{% if {form} == 'meeting' %}}in a meeting{{% elif {form} == 'letter' %}}by letter"
           f"{{% elif {form} == 'email' %}}by email{{% else %}}by telephone{{% endif %}}")
    b.tag(f"if {after}")
    b.heading("When and how it was made", level=2)
    b.tag("else")
    b.heading("How and when", level=2)
    b.tag("endif")
    b.bullet(f"**How:** {how}")
    b.bullet(f"**Date:** {{{{ {d}.disclosure_date|date }}}}")
    with b.only_if(f"{d}.method.time"):
        b.bullet(f"**Time:** {{{{ {d}.method.time|time }}}}")
    with b.only_if(f"{d}.method.place"):
        b.bullet(f"**Place:** {{{{ {d}.method.place }}}}")
    b.tag(f"if {after}")
    b.para(
        "I could not tell you beforehand. "
        f"{{{{ {d}.no_notice_reason|capfirst|sentence }}}} Our agreement allows this in an emergency"
        "{% if clause.emergency %} (section {{ clause.emergency }}){% endif %}, on condition that "
        "I tell you as soon as it is safe to do so: this letter is that account."
    )
    b.tag("else")
    b.para(
        "{% if notice_days_given == 0 %}The disclosure will be made on the date of this letter, "
        "so I cannot give you notice in advance.{% else %}This gives you "
        "{% if notice_days_given == 1 %}one day’s notice"
        "{% else %}{{ notice_days_given|days }}’ notice{% endif %}, so that you can prepare."
        "{% endif %}"
    )
    with b.only_if(f"{d}.no_notice_reason"):
        b.para(
            "{% if notice_days_given is lt(disclosure_procedure.notice_days) %}This is less notice "
            "than the {{ disclosure_procedure.notice_days|days }} our agreement provides for. "
            f"{{% endif %}}{{{{ {d}.no_notice_reason|capfirst|sentence }}}}"
        )
    b.tag("endif")

    body = "professional_body"
    agreed_clause = "clause {{ limit_clause }} of our agreement"
    # Article 21: a disclosure resting on legitimate interests or a public task may be objected
    # to. Where the client can still object before it is made, no sentence says it will be made
    # whatever they do: an objection is considered first. After the event (or on the day of the
    # letter) an objection can only concern what is done with the information from then on.
    objectable = f"{d}.lawful_basis in ('legitimate_interests', 'public_task')"
    object_first = f"{objectable} and not {after} and notice_days_given > 0"
    b.heading("Your consent", level=2)
    with b.only_if(f"{d}.consent == 'given'"):
        # After the event, consent came afterwards: the letter never says it was agreed first.
        b.para(
            f"{{% if {after} %}}After the disclosure had been made, you told me that you agreed "
            "with it. It was not made on the strength of that agreement, which came afterwards."
            "{% else %}You have given your consent to this disclosure, and this letter confirms "
            f"what we agreed.{{% endif %}}"
            f"{{% if {d}.consent_note %}} {{{{ {d}.consent_note|capfirst|sentence }}}}{{% endif %}}"
        )
        # A limit that protects someone else cannot be consented away: withdrawing consent does
        # not promise that nothing will be disclosed.
        with b.only_if(f"not {after} and {d}.lawful_basis == 'consent'"):
            b.para(
                "You may withdraw your consent at any time before "
                f"{{{{ {d}.disclosure_date|date }}}}, by telling me in writing or by telephone "
                "(the details are at the end of this letter); withdrawing it does not make "
                "unlawful anything done before you withdrew it. "
                "{% if limit.ground == 'safeguarding' %}Because this limit of our agreement also "
                "protects other people, withdrawing your consent would not by itself end the "
                "matter: if I still believed that someone was at risk of serious harm, I would "
                "have to consider a disclosure under clause {{ limit_clause }} on another legal "
                # The emergency section lets a disclosure be made first and told after.
                "basis, and I would tell you about it{% if clause.emergency %} beforehand if I "
                "could or, in an emergency (section {{ clause.emergency }} of our agreement), as "
                "soon as it was safe to do so{% else %} before making it{% endif %}."
                "{% else %}If you do, I will not make this disclosure, and we will talk about "
                "what happens next.{% endif %}"
            )
        with b.only_if(f"not {after} and {d}.lawful_basis != 'consent'"):
            b.para(
                "Thank you for agreeing. The disclosure does not rest on your consent, though, but "
                f"on the legal basis given above{{% if {object_first} %}}. If you change your "
                "mind, please tell me: you may then object to it, as explained below."
                "{% else %}, so it would still be made if you changed your mind. If you do, "
                "please tell me, and we will talk about it before "
                f"{{{{ {d}.disclosure_date|date }}}}.{{% endif %}}"
            )
    with b.only_if(f"{d}.consent == 'refused'"):
        b.para(
            f"{{% if {after} %}}You told me that you did not agree to this disclosure. It was "
            f"made even so, as {agreed_clause} and, in an emergency, section "
            "{{ clause.emergency }} allow.{% else %}You have told me that you do not agree to "
            f"this disclosure. {{% if {object_first} %}}{agreed_clause[0].upper()}"
            f"{agreed_clause[1:]} allows me to make it even so"
            f"{{% if {d}.client_may_disclose_first %}}, unless you would rather make it yourself"
            "{% endif %}, but not before I have considered any objection you make, as explained "
            f"below.{{% else %}}It will be made even so, as {agreed_clause} allows"
            f"{{% if {d}.client_may_disclose_first %}}, whether you make it yourself or I do"
            "{% endif %}.{% endif %}{% endif %} The "
            f"{{{{ {body}.code_of_ethics.title }}}}{{% if {MEMBERSHIP} %}}, under which the "
            f"{PRACTITIONER} handles what it learns about you,{{% else %}}, which I follow,"
            "{% endif %} permits confidentiality to be broken on the grounds we agreed."
            f"{{% if {d}.consent_note %}} {{{{ {d}.consent_note|capfirst|sentence }}}}{{% endif %}}"
        )
    with b.only_if(f"{d}.consent == 'not_sought'"):
        b.para(
            f"I {{% if {after} %}}did not ask{{% else %}}have not asked{{% endif %}} for your "
            "consent to this disclosure. {% if disclosure_procedure.consent_sought_first %}Our "
            "agreement says that I will seek your consent before any disclosure, except in the "
            "circumstances set out in section {{ clause.emergency }}, which "
            f"{{% if {after} %}}applied{{% else %}}apply{{% endif %}} here.{{% else %}}Our "
            "agreement does not require me to ask for your consent before a disclosure on one of "
            "the grounds it declares (section {{ clause.procedure }})"
            f"{{% if {after} %}}, and section {{{{ clause.emergency }}}} let me disclose at once "
            "in an emergency{% endif %}.{% endif %}"
            f" {{{{ {d}.consent_note|capfirst|sentence }}}}"
        )

    # The client must be told of the right to object at the latest in the first communication;
    # the article is cited in the one regime that applies.
    with b.only_if(objectable):
        b.para(
            "**Your right to object.** Because this disclosure rests on "
            f"{{% if {d}.lawful_basis == 'public_task' %}}a task carried out in the public "
            "interest{% else %}legitimate interests{% endif %}, you have the right to object "
            f"to {{% if {object_first} %}}it ({{{{ law.article21 }}}}), by telling me before "
            f"{{{{ {d}.disclosure_date|date }}}}. If you object, I will not make the disclosure "
            "until I have considered your objection and told you my decision. I will make it "
            "only if there are compelling legitimate grounds for it that override your "
            "interests, rights and freedoms, or if it is needed to establish, exercise or "
            "defend legal claims, and I will tell you which.{% if clause.emergency %} Only an "
            "emergency of the kind section {{ clause.emergency }} of our agreement describes "
            "could lead me to act before then, and I would tell you as soon as it was safe to "
            "do so.{% endif %}{% else %}any further use of the information disclosed "
            f"({{{{ law.article21 }}}}). {{% if {after} %}}The disclosure has already been made, "
            "so an objection cannot undo it{% else %}The disclosure is made on the date of this "
            "letter, so an objection can only concern what happens afterwards{% endif %}; if "
            "you object, I will make further use of the information only for compelling "
            "legitimate grounds that override your interests, rights and freedoms, or for legal "
            "claims, and I will tell you which.{% endif %}"
        )

    with b.only_if(f"{d}.client_may_disclose_first and not {after}"):
        b.heading("Making the disclosure yourself", level=2)
        b.para(
            "If you would prefer, you can make this disclosure yourself before "
            f"{{{{ {d}.disclosure_date|date }}}}. I will support you in doing so"
            f"{{% if {d}.practitioner_present %}}, and I can be with you when you make it"
            "{% else %}, although I will not be present when you make it{% endif %}. Please let "
            "me know as soon as you can if you would like to do this, so that we can agree how."
        )

    with b.only_if(f"{d}.support_offered"):
        b.heading("Support", level=2)
        b.para(f"Support is available to you, if you would like it: "
               f"{{{{ {d}.support_offered|sentence }}}}")

    b.heading(f"{{% if {after} %}}What happens now{{% else %}}After the disclosure{{% endif %}}",
              level=2)
    with b.only_if(f"{d}.further_use"):
        b.para(
            f"I {{% if {after} %}}asked{{% else %}}have agreed with{{% endif %}} "
            f"{{{{ {d}.recipient.name }}}}{{% if {after} %}} to keep to{{% endif %}} these limits "
            f"on any further use of the information: {{{{ {d}.further_use|sentence }}}}"
        )
    # A decision record exists only where the disclosure links one: the letter never mentions
    # one it does not have, and promises no more than the contract's records section describes.
    b.para(
        "{% if decision %}I keep a record of this disclosure with the records of "
        f"{{% if {MEMBERSHIP} %}}your{{% else %}}our{{% endif %}} {ENGAGEMENT}: the "
        "decision and the reasons for it, what was disclosed, to whom, and on what basis "
        "(my reference {{ decision.id }}). You may ask to see it, as you may any record I hold "
        "about you.{% else %}I keep a note of this disclosure with the records of "
        f"{{% if {MEMBERSHIP} %}}your{{% else %}}our{{% endif %}} {ENGAGEMENT}: the "
        "information disclosed, to whom, when and on what basis. Section "
        "{{ clause.records }} of our agreement says where those records are kept, who can "
        "read them and for how long. You may ask to see the note, as you may any record I "
        "hold about you.{% endif %}"
    )
    with b.only_if(f"{d}.review_date"):
        b.para(
            "Once this is resolved, I would like us to review our working relationship together"
            "{% if disclosure_procedure.relationship_review %}, as our agreement provides"
            "{% endif %}: how we each feel about continuing, and whether "
            f"{{% if {MEMBERSHIP} %}}your{{% else %}}the{{% endif %}} {ENGAGEMENT} can still be "
            "as useful to you as before. I suggest we meet on "
            f"{{{{ {d}.review_date|date }}}}."
        )

    authority = "records.supervisory_authority"
    b.heading("Questions and concerns", level=2)
    b.para(
        "If you have any questions, or if anything in this letter is not accurate, please "
        f"contact me{{% if not {after} and notice_days_given %}} before "
        f"{{{{ {d}.disclosure_date|date }}}}{{% endif %}}, at "
        f"{{{{ {practitioner}.email }}}}{{% if {practitioner}.phone %}} or on "
        f"{{{{ {practitioner}.phone|nobreak }}}}{{% endif %}}."
    )
    b.para(
        "If you are unhappy with how this has been handled, you can complain "
        f"{{% if {MEMBERSHIP} %}}under the organisation’s complaints procedure{{% else %}}to "
        f"the professional body, {BODY_NAME}{{% endif %}}, as set out at "
        f"{{{{ {body}.complaints_url }}}}. You also have the right to complain about the use "
        f"of your personal information to {{{{ {authority}.name }}}}: "
        f"{{{{ {authority}.url }}}}."
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


# -- the decision record ------------------------------------------------------------------------------


def not_recorded(field: str) -> str:
    """A field of the record, or 'Not recorded.' where it was left out."""
    return f"{{% if {field} %}}{{{{ {field} }}}}{{% else %}}Not recorded.{{% endif %}}"


def build_decision() -> Builder:
    dec = "decision"
    practitioner = "parties.practitioner"
    b = Builder(
        LANGUAGE,
        title="Record of a disclosure decision",
        subject="The practitioner's internal record of a decision about breaking confidentiality "
                "(confdocs template)",
        header="Internal record, not for the client · Decision {{ decision.id }} · {{ id }}",
    )
    b.title("Record of a disclosure decision")
    b.subtitle("{{ title }}")
    warning = b.para(
        f"**Internal record for the {PRACTITIONER}’s file.** It is not sent to the {CLIENT} or to "
        "anyone else. It is kept with the records of the "
        f"{ENGAGEMENT}, as section {{{{ clause.records }}}} of the agreement sets out, and the "
        f"{CLIENT} may see it on request, as they may any record held about them."
    )
    warning.paragraph_format.space_after = Pt(12)

    b.heading("The decision", level=2)
    table = b.table([50, 110])
    set_table_look(table, first_row=False, first_column=True)
    b.row(table, ["Reference", "{{ decision.id }} (engagement {{ id }})"], bold_first=True)
    b.row(table, ["Date of the decision", f"{{{{ {dec}.date|date }}}}"], bold_first=True)
    # A membership organisation is the organisation, acting through its officer (as in the
    # agreement's parties), not the officer alone.
    b.row(table, ["{{ words.practitioner|capfirst }}",
                  f"{{% if {MEMBERSHIP} and {practitioner}.organisation %}}"
                  f"{{{{ {practitioner}.organisation }}}}, acting through {{{{ {practitioner}.name }}}}, "
                  f"{{{{ {practitioner}.role }}}}{{% else %}}{{{{ {practitioner}.name }}}}, "
                  f"{{{{ {practitioner}.role }}}}{{% endif %}}"],
          bold_first=True)
    b.row(table, ["{{ words.client|capfirst }}", "{{ parties.client.name }}"],
          bold_first=True)
    b.row(table, ["Limit considered",
                  "Clause {{ limit_clause }} ({{ words.ground[limit.ground] }}): {{ limit.description }}"],
          bold_first=True)
    b.row(table, ["Outcome",
                  # The decision, true on the record's date whether or not the disclosure
                  # has been made yet.
                  f"**{{% if {dec}.outcome == 'disclosed' %}}Decided to disclose"
                  f"{{% elif {dec}.outcome == 'client_disclosed' %}}Decided that the {CLIENT} "
                  f"would make the disclosure themselves{{% else %}}Decided not to disclose"
                  "{% endif %}**"], bold_first=True)
    # The basis and the condition, written from the choices, as in the letter.
    b.row_tag(table, f"if {dec}.lawful_basis")
    b.row(table, ["Legal basis",
                  f"{{{{ law.basis[{dec}.lawful_basis]|capfirst }}}} "
                  f"({{{{ law.article6[{dec}.lawful_basis] }}}})"
                  f"{{% if {dec}.legal_basis %}}: {{{{ {dec}.legal_basis }}}}{{% endif %}}"],
          bold_first=True)
    b.row_tag(table, "endif")
    b.row_tag(table, f"if {dec}.special_category_condition")
    b.row(table, ["Article 9 condition",
                  f"{{{{ law.condition[{dec}.special_category_condition]|capfirst }}}} "
                  f"({{{{ law.article9[{dec}.special_category_condition] }}}})"],
          bold_first=True)
    b.row_tag(table, "endif")

    b.heading("What happened", level=2)
    b.para(f"{{{{ {dec}.situation }}}}")
    # Every heading of the record is there; a gap reads as such, not as a missing page.
    b.heading(f"Checked with the {CLIENT}", level=2)
    b.para(not_recorded(f"{dec}.checked_with_client"))
    b.heading("Who was consulted", level=2)
    with b.for_each(f"person in {dec}.consulted"):
        b.bullet("{{ person|capfirst }}")
    b.heading("Options weighed", level=2)
    with b.for_each(f"option in {dec}.options"):
        b.bullet("{{ option|capfirst }}")
    b.heading("Reasons", level=2)
    b.para(f"{{{{ {dec}.reasons }}}}")
    b.heading(f"The {CLIENT}’s view", level=2)
    b.para(not_recorded(f"{dec}.client_view"))

    with b.only_if("decision_disclosures"):
        b.heading("Disclosures under this decision, made or to be made", level=2)
        with b.for_each("made in decision_disclosures"):
            b.bullet(
                "**{{ made.id }}:** {{ made.disclosure_date|date }}, to {{ made.recipient.name }}, "
                "{{ made.recipient.role }}; consent {% if made.consent == 'given' %}given"
                "{% elif made.consent == 'refused' %}refused{% else %}not sought{% endif %}"
                "{% if made.after_the_event %}; made before the client could be told, letter of "
                "{{ made.notice_date|date }}{% else %}; notice given on {{ made.notice_date|date }}"
                # What can still stop it, as the letter tells the client (tenth review of
                # issue 21): the record does not read as settled while it is not.
                "{% if made.lawful_basis in ('legitimate_interests', 'public_task') %}; made "
                f"only if, once any objection from the {CLIENT} has been considered, the grounds "
                f"for it still override their interests{{% elif made.lawful_basis == 'consent' %}}; "
                f"made only if the {CLIENT} does not withdraw their consent first{{% endif %}}"
                # The items are written to the client (the letter's words), so they are
                # introduced as quoted, in this third-person record.
                f"{{% endif %}}. Information disclosed, as the letter to the {CLIENT} words it:"
            )
            with b.for_each("item in made.information"):
                b.bullet("{{ item }}", level=2)
    b.heading("Follow-up", level=2)
    b.para(not_recorded(f"{dec}.follow_up"))

    with b.kept_together():
        b.heading("Recorded by", level=2)
        b.signature_block("{{ parties.practitioner.name }}",
                          "Role: {{ parties.practitioner.role }}")
    return b


TEMPLATES = {
    "contract.docx": build_contract,
    "feedback-annex.docx": build_annex,
    "disclosure-notice.docx": build_notice,
    "decision-record.docx": build_decision,
}
