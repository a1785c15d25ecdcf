"""Who may emit what: an event is applied only if its signed source had the authority to emit it.

Deny by default: every registered event type has a rule here — the one service that emits it, and
a check of the source's jurisdiction against the programme definition and the payload; a type
without a rule is refused (`shared/tests/test_policy.py` fails when a registered type has none).
What a receiver checks against its own state (the stage its own case is at, the zone holding the
pending request) is the receiver's, in its service layer. The table is in docs/SECURITY.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from shared import jurisdictions
from shared.events.envelope import Envelope
from shared.events.registry import Event
from shared.events.schemas import (
    ApplicationSubmitted,
    ApplicationWithdrawn,
    DemonstrationUnitRegistered,
    NotificationFailed,
    ObligationDueSoon,
    ObligationOverdue,
    ObligationReviewed,
    ObligationScheduled,
    ObligationSubmitted,
    ReviewStageDecided,
    ReviewTaskOpened,
    ReviewTaskOverdue,
    ReviewTaskOverdueSoon,
    ZoneDesignated,
    ZoneRecommended,
    ZoneRequestDecided,
    ZoneRequestFiled,
    ZoneStateChanged,
    ZoneWarned,
)
from shared.programmes.loader import Catalogue
from shared.security import rules_applications as a
from shared.security import rules_zones as z
from shared.security.authorities import service_of

Check = Callable[[Envelope, Event, Catalogue], str | None]


class Rule(NamedTuple):
    service: str
    check: Check
    who: str  # for docs/SECURITY.md: who may emit it


ZONE = "monitoring covering the zone's place; `authority` = the programme's designating authority there"
STAGE = "review of the stage's owner for the applicant (by the programme)"

RULES: dict[str, Rule] = {
    ApplicationSubmitted.type: Rule(
        "intake", a.submitted, "intake covering the applicant, inside the programme's territory"
    ),
    ApplicationWithdrawn.type: Rule(
        "intake", a.withdrawn, "intake covering the applicant (review also checks the case it holds)"
    ),
    DemonstrationUnitRegistered.type: Rule(
        "intake", a.registered, "intake covering the unit; liaison at a level its unit type allows"
    ),
    ReviewTaskOpened.type: Rule("review", a.task_opened, STAGE + "; a request's: the designating authority"),
    ReviewStageDecided.type: Rule("review", a.stage_decided, STAGE + "; `decided_by` = the source"),
    ReviewTaskOverdueSoon.type: Rule("review", a.task_time_limit, "review of the task's owner"),
    ReviewTaskOverdue.type: Rule("review", a.task_time_limit, "review of the task's owner"),
    ZoneDesignated.type: Rule(
        "review", z.designated, "review of the owner of the designating stage; `designated_by` = the source"
    ),
    ObligationScheduled.type: Rule("monitoring", z.scheduled, "monitoring covering the zone's place"),
    ZoneRequestFiled.type: Rule(
        "monitoring",
        z.request_filed,
        "monitoring covering the zone's place; `authority` = who decides the kind there (the designating "
        "authority; a unit's revocation: the title holder); filed by the zone, the authority or, for a "
        "unit's revocation, a level liaising with it",
    ),
    ZoneRequestDecided.type: Rule(
        "review",
        z.request_decided,
        "review of who decides the kind (the designating authority; a unit's revocation: the title "
        "holder); `decided_by` = the source; an outcome the kind allows",
    ),
    ObligationSubmitted.type: Rule("monitoring", z.zone_life, ZONE),
    ObligationReviewed.type: Rule("monitoring", z.zone_life, ZONE),
    ObligationDueSoon.type: Rule("monitoring", z.zone_life, ZONE),
    ObligationOverdue.type: Rule("monitoring", z.zone_life, ZONE),
    ZoneWarned.type: Rule("monitoring", z.zone_life, ZONE + "; `level_above` = the zone's parent"),
    ZoneStateChanged.type: Rule("monitoring", z.zone_life, ZONE),
    ZoneRecommended.type: Rule("monitoring", z.zone_life, ZONE + "; the target programme exists"),
    NotificationFailed.type: Rule("notify", z.notification_failed, "notify (any: it decides nothing)"),
}


def authority_problem(env: Envelope, event: Event, catalogue: Catalogue) -> str | None:
    """Why `env`'s source may not emit `event`, or None when it may. Deny by default."""
    rule = RULES.get(env.type)
    if rule is None:
        return f"no authority rule for {env.type}: refused"
    if service_of(env) != rule.service:
        return f"{env.type} comes from the {rule.service} service, not {service_of(env) or 'unknown'}"
    try:
        jurisdictions.validate(env.jurisdiction)
        return rule.check(env, event, catalogue)
    except jurisdictions.InvalidJurisdiction as exc:
        return f"a jurisdiction code is malformed: {exc.code!r}"


def types_emitted_by(service: str) -> list[str]:
    """The event types `service` may emit (what `zones trust add` lets its key sign by default)."""
    return sorted(t for t, rule in RULES.items() if rule.service == service)
