"""Which events are this monitoring instance's own: zones (and registered units) that lie in its
territory, and those it designated (or liaises with) itself, wherever they lie. The rest it skips,
unverified."""

from __future__ import annotations

from shared.events.envelope import Envelope
from shared.events.registry import Event
from shared.territory import Territory, applicant_code

# The fields naming the designating (liaising, deciding) authority of a zone event.
# `filed_by`: a unit's liaison level applies the title holder's decision on its own proposal.
AUTHORITY_FIELDS = ("designated_by", "liaison_jurisdiction", "decided_by", "authority", "filed_by")


def concerns(territory: Territory, env: Envelope, payload: Event) -> bool:
    """True when the zone lies in my territory, or my own jurisdiction is its designating authority."""
    if territory.owns(applicant_code(payload)):
        return True
    return any(getattr(payload, name, None) == territory.jurisdiction for name in AUTHORITY_FIELDS)
