"""Which events are this notify instance's own, and whom of an event's audience it may tell.

A notify instance tells only its own people: the units, reviewers and officials of jurisdictions it owns
(shared/territory.py) and its own subscribers. Shandong's notify with Jinan delegated (370100) tells
neither a Jinan county nor the Jinan bureau: Jinan's own notify does. An event none of whose people
it owns is skipped, unverified.
"""

from __future__ import annotations

from typing import Any

from services.notify.domain.audience import Target, default_targets
from services.notify.domain.territory import event_territory
from shared import jurisdictions as j
from shared.events.envelope import Envelope
from shared.events.registry import Event
from shared.territory import Territory


def own_targets(territory: Territory, targets: list[Target]) -> list[Target]:
    """The default audience less the jurisdictions this instance does not own."""
    return [t for t in targets if territory.owns(t.code)]


def concerns(territory: Territory, env: Envelope, payload: Event) -> bool:
    """True when the event reaches someone I own by default, or lies in my territory (subscriptions)."""
    data: dict[str, Any] = env.data
    place = event_territory(data)
    if place is None and territory.jurisdiction == j.NATIONAL:
        return True  # as within_territory: an event naming no place is the national level's
    if territory.owns(place):
        return True
    return bool(own_targets(territory, default_targets(env.type, data, None)))
