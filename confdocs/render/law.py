"""``law`` in a template's context: the data-protection law the engagement's documents cite, in
the document's language, written from the engagement's choices (its regime, each disclosure's
lawful basis and Article 9 condition), never from text typed beside them.

The regime is ``records.regime``, or the supervisory authority's (``engagement.law``); the words
and the form of each citation come from the template set's catalogue.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..engagement import law
from .catalogue import Catalogue


def law_words(data: Mapping[str, Any], catalogue: Catalogue) -> dict[str, Any] | None:
    """What ``law`` holds for an engagement, or None when no regime can be told (validation
    refuses such an engagement: records-regime-unknown)."""
    regime = law.regime_of(data)
    if regime is None:
        return None
    of_gdpr = catalogue.get(f"law {regime} of_gdpr")
    article9 = {}
    for name, condition in law.CONDITIONS.items():
        cited = catalogue.citation("article9", point=condition.point, of_gdpr=of_gdpr)
        if regime == law.UK and condition.schedule_1 is not None:
            cited = catalogue.citation("schedule1", article9=cited,
                                       paragraph=str(condition.schedule_1))
        article9[name] = cited
    words: dict[str, Any] = {
        "regime": regime,
        "name": catalogue.get(f"law {regime}"),
        "of_gdpr": of_gdpr,
        "basis": {basis: catalogue.get(f"basis {basis}") for basis in law.BASES},
        "article6": {basis: catalogue.citation("article6", point=point, of_gdpr=of_gdpr)
                     for basis, point in law.BASES.items()},
        "condition": {name: catalogue.get(f"condition {name}") for name in law.CONDITIONS},
        "article9": article9,
        "article21": catalogue.citation("article21", of_gdpr=of_gdpr),
    }
    if regime == "eu-fr":
        # France lets a person leave instructions for their data after death (loi Informatique
        # et Libertés, article 85): the rights a French document lists include it.
        words["after_death"] = catalogue.citation("article85")
    return words
