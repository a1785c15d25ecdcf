"""Which events are this intake instance's own: those about applicants in its territory (their
applications' decisions, designations, recommendations), and every register (each intake checks
against the same lists). The rest it skips, unverified."""

from __future__ import annotations

from shared.events.envelope import Envelope
from shared.events.registry import Event
from shared.events.schemas.registers import RegisterPublished
from shared.territory import Territory, applicant_code


def concerns(territory: Territory, env: Envelope, payload: Event) -> bool:
    """True for a register, or when the event's applicant (a unit's location) is one this instance owns."""
    return isinstance(payload, RegisterPublished) or territory.owns(applicant_code(payload))
