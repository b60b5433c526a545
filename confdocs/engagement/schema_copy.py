"""The schemas written where a team's files can point at them (``confdocs schema --write DIR``).

A ``$schema`` pointer into confdocs' own repository (``../../../schemas/profile.schema.json``, as
the samples have) points at nothing once a sample is copied elsewhere, and editors then check
nothing. The team's repository gets its own copy, and its files point at that; ``import`` writes
the profile's pointer into every file it makes, relative to each.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..atomic import LinkRefused, write_atomic
from ..errors import OutputError

ENGAGEMENT_SCHEMA = "engagement.schema.json"
PROFILE_SCHEMA = "profile.schema.json"


def schema_texts() -> dict[str, str]:
    """The two schemas as ``confdocs schema`` and ``confdocs schema --profile`` print them, by
    the file name each is shipped under."""
    from ..resources import schema_path
    from .profiles import partial_schema

    return {ENGAGEMENT_SCHEMA: schema_path().read_text(encoding="utf-8"),
            PROFILE_SCHEMA: json.dumps(partial_schema(), indent=2, ensure_ascii=False) + "\n"}


def write_schemas(folder: Path) -> list[Path]:
    """Write the engagement and profile schemas into ``folder`` (made if missing), replacing
    older copies; returns the files written. Raises :class:`~confdocs.errors.OutputError` when
    the folder cannot be written."""
    written = []
    for name, text in schema_texts().items():
        path = folder / name
        try:
            write_atomic(path, text.encode("utf-8"))
        except (OSError, LinkRefused) as exc:
            raise OutputError(f"{path}: cannot be written ({exc.strerror or exc}); choose a "
                              "folder you can write to") from None
        written.append(path)
    return written
