"""The source that may emit an event (by `shared/security/policy.py`), for tests that feed events
through a real consumer: the service of its rule, at the jurisdiction the event names as its own
(the decider, designator or task owner), else the national singleton instance."""

from __future__ import annotations

from shared.events.registry import Event
from shared.security.policy import RULES

SELF_NAMED = ("decided_by", "designated_by", "reviewer_jurisdiction")


def rightful_source(event: Event) -> str:
    service = RULES[event.type].service
    named = (*SELF_NAMED, "authority") if service == "review" else SELF_NAMED  # a recommendation's
    code = next((str(getattr(event, f)) for f in named if hasattr(event, f)), "000000")
    return f"/jurisdictions/{code}/{service}"
