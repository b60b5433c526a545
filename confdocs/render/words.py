"""What the documents call the parties and the work, by kind of engagement."""

from __future__ import annotations

from collections.abc import Mapping

WORDS: Mapping[str, Mapping[str, str]] = {
    "coaching": {"practitioner": "coach", "client": "coachee", "engagement": "coaching",
                 "session": "session", "sessions": "sessions"},
    "training": {"practitioner": "trainer", "client": "participant", "engagement": "training",
                 "session": "session", "sessions": "sessions"},
    "mentoring": {"practitioner": "mentor", "client": "mentee", "engagement": "mentoring",
                  "session": "meeting", "sessions": "meetings"},
    "membership": {"practitioner": "membership organisation", "client": "member",
                   "engagement": "membership", "session": "meeting", "sessions": "meetings"},
}
