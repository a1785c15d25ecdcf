"""Which events are this intake instance's own: those about applicants in its territory (their
applications' decisions, designations, recommendations). The rest it skips, unverified."""

from __future__ import annotations

from shared.events.envelope import Envelope
from shared.events.registry import Event
from shared.territory import Territory, applicant_code


def concerns(territory: Territory, env: Envelope, payload: Event) -> bool:
    """True when the event's applicant (a unit's location) is one this instance owns."""
    return territory.owns(applicant_code(payload))
