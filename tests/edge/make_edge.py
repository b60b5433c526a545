#!/usr/bin/env python3
"""Write the edge engagements (tests/edge/*.json) from the valid cases and samples they vary.

Each is a hard case for the documents: the fewest fields for each kind, every field, an emergency
disclosure made before the client could be told, consent given, refused (with and without the offer
to disclose first) and not sought, a group course, a membership, no feedback, empty lists, every
procedural flag off, interview feedback. tests/acceptance/test_documents_read_back.py builds and
reads them. Run it again after changing the cases it starts from; the output is deterministic.
"""

import copy
import json
from pathlib import Path

OUT = Path(__file__).resolve().parent
ROOT = OUT.parent.parent
minimal = json.loads((ROOT / "tests/data/valid/minimal.json").read_text())
maximal = json.loads((ROOT / "tests/data/valid/every-optional-field.json").read_text())
for d in (minimal, maximal):
    d.pop("$schema", None)


def save(name, d):
    d = {"$schema": "../../schemas/engagement.schema.json", **d}
    d["id"] = "EDGE-" + name
    (OUT / f"{name}.json").write_text(json.dumps(d, indent=2, ensure_ascii=False) + "\n")


# minimal per kind
words_for = {
    "coaching": "coaching sessions",
    "training": "training sessions",
    "mentoring": "mentoring meetings",
    "membership": "meetings with the membership officer",
}
words = {
    "coaching": ("Executive coach", "client"),
    "training": ("Trainer", "participant"),
    "mentoring": ("Mentor", "mentee"),
    "membership": ("Membership officer", "member"),
}
for kind, (role, client) in words.items():
    d = copy.deepcopy(minimal)
    d["kind"] = kind
    d["parties"]["practitioner"]["role"] = role
    d["title"] = f"A {kind} engagement with only the required fields"
    d["purpose"] = "To test the fewest fields a contract can be made from."
    d["confidentiality"]["limits"][0]["description"] = (
        "If the law requires information to be disclosed."
    )
    # The fewest fields still give the client's safety a limit (limits-no-safety-ground).
    d["confidentiality"]["limits"][1]["description"] = (
        f"If the {role.lower()} believes the {client}'s own health or safety is at serious risk."
    )
    d["confidentiality"]["not_shared"] = [f"everything said in {words_for[kind]}"]
    if kind == "training":
        d["setting"] = "one_to_one"  # a course must say whether it is one (training-no-setting)
    d["records"]["storage"] = f"a password-protected laptop kept by the {role.lower()}"
    d["records"]["retention"] = f"one year after the {kind} ends"
    d["records"]["access"] = [f"the {role.lower()}"]
    if kind == "membership":
        d["parties"]["practitioner"]["organisation"] = "the Institute of Practice Mentors"
    save(f"minimal-{kind}", d)
save("maximal", copy.deepcopy(maximal))
# emergency after the event: only D1 of maximal
d = copy.deepcopy(maximal)
d["disclosures"] = [d["disclosures"][0]]
d["decisions"] = [d["decisions"][0]]
save("emergency-after-the-event", d)
# consent given
d = copy.deepcopy(maximal)
g = d["disclosures"][1]
g["consent"] = "given"
g.pop("consent_note")
g["lawful_basis"] = "consent"
g["legal_basis"] = "you asked me on 30 April to pass on your concern"
g["reason"] = (
    "you asked me to pass on your concern about the complaint figures, and agreed that I should"
)
g.pop("decision")
d["disclosures"] = [g]
d["decisions"] = []
save("consent-given", d)
# consent refused, self-disclosure offered
d = copy.deepcopy(maximal)
d["disclosures"] = [d["disclosures"][1]]
d["decisions"] = [d["decisions"][1]]
save("consent-refused", d)
# consent refused, no self-disclosure offered
d = copy.deepcopy(maximal)
r = d["disclosures"][1]
r["client_may_disclose_first"] = False
r["practitioner_present"] = False
r["support_offered"] = "the Employee Assistance Programme, in confidence"
d["disclosures"] = [r]
d["decisions"] = [d["decisions"][1]]
d["decisions"][0]["options"] = ["no disclosure", "disclose to the Head of Internal Audit"]
d["decisions"][0]["reasons"] = (
    "The policy requires the concern to be reported; raising it personally was not offered, "
    "because the client feared being identified as the source."
)
save("consent-refused-no-self-disclosure", d)
# consent not sought, with notice given in advance, under a contract that does not seek consent
# first (a court order: the disclosure is made whatever the client decides)
d = copy.deepcopy(maximal)
d["disclosure_procedure"]["consent_sought_first"] = False
n = d["disclosures"][0]
n.pop("after_the_event")
n["notice_date"] = "2026-02-27"
n["no_notice_reason"] = (
    "the court set the date of the hearing, which left three days rather than five."
)
n["consent_note"] = (
    "I have not asked for your consent because the court order requires the disclosure whatever you decide."
)
n["limit"] = "legal-requirement"
n["lawful_basis"] = "legal_obligation"
# Producing notes to a court: Article 9(2)(f), legal claims and courts (not vital interests,
# which needs someone who cannot consent)
n["special_category_condition"] = "legal_claims"
n["legal_basis"] = (
    "the order of the District Court of 20 February 2026 requires me to produce these notes"
)
n["reason"] = (
    "a court order requires me to produce my notes of our sessions about the incident"
    " you described on 9 February"
)
n["information"] = ["my notes of the sessions of 9 and 16 February that mention the incident"]
n["method"] = {
    "form": "letter",
    "place": "by registered post to the District Court office",
    "time": "10:00",
}
n["further_use"] = "to be used only in the proceedings for which the order was made"
n["recipient"] = {
    "name": "Niamh Byrne",
    "role": "Clerk of the District Court",
    "organisation": "the District Court, Dublin",
}
n["support_offered"] = (
    "the Employee Assistance Programme, and time in our next session to talk about the hearing"
)
n.pop("decision")
d["disclosures"] = [n]
d["decisions"] = []
save("consent-not-sought", d)
# consent given, though the disclosure rests on another basis (it would be made anyway)
d = copy.deepcopy(maximal)
g = d["disclosures"][1]
g["consent"] = "given"
g.pop("consent_note")
g.pop("decision")
g["lawful_basis"] = "legitimate_interests"
g["reason"] = "the Protected Disclosures policy provides for the concern to be reported"
d["disclosures"] = [g]
d["decisions"] = []
save("consent-given-other-basis", d)
# group training
d = json.loads((ROOT / "samples/training-course-data-leadership.json").read_text())
d.pop("$schema")
save("group-training", d)
# membership
d = json.loads((ROOT / "samples/membership-guild.json").read_text())
d.pop("$schema")
save("membership", d)
# no feedback at all, no sponsor, no guidelines, one-to-one coaching
d = copy.deepcopy(maximal)
d.pop("feedback")
d["parties"].pop("sponsor")
d["organisational_guidelines"] = []
d["confidentiality"]["shared"] = []
d["disclosures"] = []
d["decisions"] = []
d["confidentiality"]["limits"] = [
    lim for lim in d["confidentiality"]["limits"] if lim["id"] != "wrongdoing"
]
save("no-feedback", d)
# empty lists wherever the schema allows them
d = copy.deepcopy(minimal)
d["organisational_guidelines"] = []
d["disclosures"] = []
d["decisions"] = []
d["confidentiality"]["shared"] = []
save("empty-lists", d)
# every procedural flag off; internal practitioner; organisation can read records
d = copy.deepcopy(maximal)
p = d["disclosure_procedure"]
for k in (
    "consent_sought_first",
    "self_disclosure_support",
    "practitioner_present",
    "relationship_review",
    "supervision_consulted",
    "emergency_provision",
):
    p[k] = False
p["notice_days"] = 0
d["parties"]["practitioner"]["internal"] = True
d["parties"]["practitioner"]["organisation"] = "Liffey & Shannon Utilities DAC"
d["records"]["organisation_can_read"] = True
d["records"]["controller"] = "Liffey & Shannon Utilities DAC"
d["records"]["controller_contact"] = "dataprotection@liffeyshannon.example.ie"
d["records"]["storage"] = "the coaching folder of the company's HR system"
d["records"].pop("dpo")
d["records"].pop("privacy_notice")
d["professional_body"]["requirements"] = [
    "Members agree confidentiality in writing before coaching starts."
]
d["confidentiality"]["supervision"] = {"discussed": False, "guidance_from": "the Head of Coaching"}
d["disclosures"] = []
d["decisions"] = []
save("flags-off-internal", d)
# feedback: unidentified interviews; about client without client_sees_first
d = copy.deepcopy(maximal)
f = d["feedback"]["from_others"]
f.update(
    {"method": "interviews", "anonymity": "unidentified", "minimum_total": 4, "comments": "themed"}
)
f.pop("categories")
f.pop("below_minimum")
d["feedback"]["about_client"]["client_sees_first"] = False
save("feedback-interviews", d)
print(f"wrote {len(list(OUT.glob('*.json')))} edge engagements into {OUT}")
