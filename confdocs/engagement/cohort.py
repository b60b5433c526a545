"""Rules across the engagements of one run (validate, build, import): a practitioner who works
with two people in one reporting line, or with several people in one organisation, must say so
in each contract (``parties.practitioner.other_clients``), and the files say who reports to whom
(``parties.client.reports_to``).

Each valid engagement gives a few :class:`Facts` as it is checked; :func:`cross_findings` reads
them all at the end of the run. People are matched by email address (case apart); reporting
lines are followed upwards through the files' ``reports_to``, as far as the files go.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import Finding, Severity
from .source import read_source

# Each code of this module and its severity (docs/rules.md documents them with the other rules).
CROSS_RULES: dict[str, Severity] = {
    "conflict-of-interest-undeclared": "error",
    "feedback-read-across-reporting-line": "error",
    "other-clients-contradicted": "error",
    "other-clients-undeclared": "warning",
}
DECLARED = "/parties/practitioner/other_clients"
RECIPIENTS = "/feedback/from_others/report_recipients"
REPORTING_LINE = "reporting_line"
# Levels followed upwards from each person: more than any organisation has, and a bound on the
# work (a line of 100,000 people, each reporting to the one before, is not walked to its top
# from each of them).
MAX_LEVELS = 64
_TITLES = re.compile(r"^(?:(?:dr|mr|mrs|ms|mx|miss|prof|professor|sir|dame|m|mme|mlle)\.?\s+)+",
                     re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def _plain(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold()


def _bare_name(name: str) -> str:
    """A name without its titles, to find it in a recipient's text ("Dr Amara Okafor" is named
    by "Amara Okafor, coach")."""
    plain = _plain(name)
    return _TITLES.sub("", plain) or plain


@dataclass(frozen=True, slots=True)
class Facts:
    """What the rules across files need of one valid engagement."""

    path: str
    ident: str
    practitioner: str  # email, casefolded
    practitioner_name: str
    client: str  # email, casefolded
    reports_to: str | None
    declared: str | None  # other_clients as the engagement (or its profile) gives it
    organisation: str | None  # the sponsor's, or an internal practitioner's employer
    readers: tuple[str, ...]  # who receives the feedback report about the client, plain


def facts_of(path: str, data: Any) -> Facts | None:
    """The facts of one schema-valid engagement's (merged) data; None if it lacks them."""
    try:
        parties = data["parties"]
        practitioner, client = parties["practitioner"], parties["client"]
        sponsor = parties.get("sponsor")
        organisation = (sponsor["organisation"] if sponsor
                        else practitioner.get("organisation") if practitioner.get("internal")
                        else None)
        others = (data.get("feedback") or {}).get("from_others") or {}
        readers = (tuple(_plain(r) for r in others.get("report_recipients", ()))
                   if others.get("collected") else ())
        reports_to = client.get("reports_to")
        return Facts(path, str(data["id"]), practitioner["email"].casefold(),
                     practitioner["name"], client["email"].casefold(),
                     reports_to.casefold() if reports_to else None,
                     practitioner.get("other_clients"),
                     _plain(organisation) if organisation else None, readers)
    except (KeyError, TypeError, AttributeError):
        return None


Found = tuple[str, str]  # a code, and its message


def cross_findings(everyone: Iterable[Facts]) -> dict[str, list[Found]]:
    """The findings across the files, by file, in the order the files were given."""
    facts = list(everyone)
    conflicts, read = _reporting_lines(facts)
    colleagues = _Colleagues(facts)
    found: dict[str, list[Found]] = {}
    for fact in facts:
        items = [*_conflict(fact, conflicts.get(fact.path, {})),
                 *_read_across(read.get(fact.path, {})),
                 *([] if fact.path in conflicts else _same_organisation(fact, colleagues))]
        if items:
            found[fact.path] = items
    return found


Reasons = dict[str, dict[str, None]]  # by file, each reason once, in the order found


def _reporting_lines(facts: list[Facts]) -> tuple[Reasons, Reasons]:
    """For each engagement, why it is in a conflict it does not declare (one practitioner on
    both sides of a reporting line), and why its feedback report is read across one (by the
    practitioner of someone in the client's line who is not the client's own)."""
    by_client: dict[str, list[Facts]] = defaultdict(list)
    for fact in facts:
        by_client[fact.client].append(fact)

    def above(fact: Facts) -> list[str]:
        """The people above ``fact``'s client, nearest first, as far as the files say."""
        chain: list[str] = []
        seen = {fact.client}
        step = fact.reports_to
        while step is not None and step not in seen and len(chain) < MAX_LEVELS:
            chain.append(step)
            seen.add(step)
            bosses = by_client.get(step)
            step = bosses[0].reports_to if bosses else None
        return chain

    conflicts: Reasons = defaultdict(dict)
    read: Reasons = defaultdict(dict)
    for junior in facts:
        for depth, email in enumerate(above(junior), start=1):
            line = "directly" if depth == 1 else "indirectly"
            for senior in by_client.get(email, ()):
                if senior.practitioner == junior.practitioner:
                    how = f"both work with {junior.practitioner_name}"
                    if senior.declared != REPORTING_LINE:
                        conflicts[senior.path][f"the client of {junior.ident} ({junior.path}) "
                                               f"reports {line} to this client, and {how}"] = None
                    if junior.declared != REPORTING_LINE:
                        conflicts[junior.path][f"this client reports {line} to the client of "
                                               f"{senior.ident} ({senior.path}), and {how}"] = None
                    continue
                if _reads(senior, junior):
                    read[senior.path][f"{junior.practitioner_name}, who works with the client "
                                      f"of {junior.ident} ({junior.path}), {line} below this "
                                      "client"] = None
                if _reads(junior, senior):
                    read[junior.path][f"{senior.practitioner_name}, who works with the client "
                                      f"of {senior.ident} ({senior.path}), {line} above this "
                                      "client"] = None
    return conflicts, read


def _reads(about: Facts, other: Facts) -> bool:
    """Whether the feedback report about ``about``'s client names ``other``'s practitioner."""
    name = _bare_name(other.practitioner_name)
    return bool(name) and any(name in recipient for recipient in about.readers)


def _read_across(why: Mapping[str, None]) -> list[Found]:
    if not why:
        return []
    reasons = list(why)
    told = "; ".join(reasons[:3]) + (f"; and {len(reasons) - 3} more" if len(reasons) > 3 else "")
    return [("feedback-read-across-reporting-line",
             f"the feedback report about this client goes to {told}: that practitioner holds the "
             "confidences of someone in this client's reporting line, who may be among the "
             "raters, and no clause of either contract can make that right; take them off "
             "feedback.from_others.report_recipients (the client's own practitioner may "
             "receive it)")]


def _conflict(fact: Facts, why: Mapping[str, None]) -> list[Found]:
    if not why:
        return []
    reasons = list(why)
    told = "; ".join(reasons[:3]) + (f"; and {len(reasons) - 3} more" if len(reasons) > 3 else "")
    said = (f'gives parties.practitioner.other_clients "{fact.declared}"' if fact.declared
            else "does not say so (parties.practitioner.other_clients)")
    return [("conflict-of-interest-undeclared",
             f"{told}: a conflict of interest that the contract must disclose, and this "
             f'engagement {said}. Set it to "reporting_line" for this engagement (in its own '
             "file, or its row of the roster), so that the contract tells the client and offers "
             "them another practitioner, or give one of the two another practitioner")]


class _Colleagues:
    """The engagements of each practitioner in each organisation, gathered once: asked of every
    file in turn, a walk over all the others made a build of N files take N² steps (minutes at
    100,000 engagements of one organisation)."""

    def __init__(self, facts: list[Facts]) -> None:
        # By organisation and practitioner: each engagement id, with the clients it is held for.
        self._groups: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(dict)
        for fact in facts:
            if fact.organisation is not None:
                group = self._groups[fact.organisation, fact.practitioner]
                group.setdefault(fact.ident, set()).add(fact.client)
        self._sorted: dict[tuple[str, str], list[str]] = {}
        self._by_client: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        for key, group in self._groups.items():
            for ident, clients in group.items():
                for client in clients:
                    self._by_client[key[0], key[1], client].add(ident)

    def others(self, fact: Facts) -> tuple[list[str], int]:
        """The first ids, in order, of the engagements of ``fact``'s practitioner in its
        organisation with other clients, and how many there are in all."""
        assert fact.organisation is not None
        key = (fact.organisation, fact.practitioner)
        group = self._groups[key]
        # An id held only for this client is no other client's engagement.
        own = {ident for ident in self._by_client[key[0], key[1], fact.client]
               if group[ident] == {fact.client}}
        if len(group) == len(own):
            return [], 0
        if key not in self._sorted:
            self._sorted[key] = sorted(group)
        first = []
        for ident in self._sorted[key]:
            if ident not in own:
                first.append(ident)
                if len(first) == 4:
                    break
        return first, len(group) - len(own)


def _same_organisation(fact: Facts, colleagues: _Colleagues) -> list[Found]:
    if fact.organisation is None or fact.declared not in (None, "none"):
        return []
    others, count = colleagues.others(fact)
    if not count:
        return []
    named = ", ".join(others[:3]) + (f" and {count - 3} more" if count > 3 else "")
    if fact.declared == "none":
        return [("other-clients-contradicted",
                 f'parties.practitioner.other_clients says "none", but {fact.practitioner_name} '
                 f"also works with other clients of the same organisation in this run ({named}); "
                 'say "same_organisation" (or "reporting_line" if one of them is in this '
                 "client's reporting line)")]
    return [("other-clients-undeclared",
             f"{fact.practitioner_name} also works with other clients of the same organisation "
             f"in this run ({named}), and the contract does not say so; set "
             'parties.practitioner.other_clients to "same_organisation" (or "reporting_line") so '
             "that it tells the client that nothing passes between them")]


def place(path: str, raw: bytes, items: Iterable[Found]) -> list[Finding]:
    """The findings of one engagement file, each placed in the file itself: at its own
    ``other_clients`` where it gives one, else (a conflict) at its ``reports_to``, else at its
    ``practitioner`` or ``id``. Where ``other_clients`` comes from a profile, the fix for this
    one engagement is still made in its own file."""
    source = read_source(path, raw)
    data = source.data if isinstance(source.data, Mapping) else {}
    for code, message in items:
        places = ((RECIPIENTS,) if code == "feedback-read-across-reporting-line"
                  else (DECLARED, "/parties/client/reports_to", "/parties/practitioner")
                  if code == "conflict-of-interest-undeclared"
                  else (DECLARED, "/parties/practitioner"))
        pointer = next((place for place in places if _holds(data, place)), "/id")
        source.add(code, CROSS_RULES[code], pointer, message)
    return [f for f in source.findings if f.code in CROSS_RULES]


def _holds(data: Mapping[str, Any], pointer: str) -> bool:
    """Whether the file's own data (not its profiles') holds ``pointer``."""
    value: Any = data
    for step in pointer.strip("/").split("/"):
        if not isinstance(value, Mapping) or step not in value:
            return False
        value = value[step]
    return True
