"""The families of cases, and how many cases a job of each takes."""


from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from .catalogues import prepare_catalogues
from .common import Prepared
from .engagements import prepare_engagements
from .profiles import prepare_profiles
from .rosters import prepare_rosters
from .templates import prepare_templates


class Family(NamedTuple):
    prepare: Callable[[Path, int, list[int]], Prepared]
    batch: int  # cases a job takes


FAMILIES = {
    "engagements": Family(prepare_engagements, 50),
    "profiles": Family(prepare_profiles, 20),
    "rosters": Family(prepare_rosters, 20),
    "catalogues": Family(prepare_catalogues, 1),
    "templates": Family(prepare_templates, 1),
}
