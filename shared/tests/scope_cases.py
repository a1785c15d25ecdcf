"""The genuine events (one of every type, about 济南市市中区 370103) as each instance's scope sees them:
the short type names an instance's `concerns` keeps, for the services' scope tests."""

from __future__ import annotations

from collections.abc import Callable

from shared.events.envelope import Envelope
from shared.events.registry import Event
from shared.territory import Territory
from shared.tests.genuine_events import GENUINE, NOW

ALL = {e.type.split(".", 1)[1].rsplit(".", 1)[0] for e, _ in GENUINE}  # e.g. zone.designated
EVERY_INTAKE = {"register.published"}  # a register: the same list for every deployment's intake
ABOUT_AN_APPLICANT = ALL - {"notification.failed"} - EVERY_INTAKE


def kept(concerns: Callable[[Territory, Envelope, Event], bool], territory: Territory) -> set[str]:
    """Which of the genuine events `concerns` says are `territory`'s own."""
    out = set()
    for event, source in GENUINE:
        env = Envelope.wrap(event, source=f"/jurisdictions/{source}", time=NOW)
        if concerns(territory, env, event):
            out.add(event.type.split(".", 1)[1].rsplit(".", 1)[0])
    return out
