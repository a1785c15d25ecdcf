"""Authority rules for events on `zones.applications.v1` and intake's registrations.

Each check returns why the signed source may not emit the event, or None. The service part of the
source is checked before (`policy.py`); here: the jurisdiction against the programme and payload.
"""

from __future__ import annotations

from shared import jurisdictions as j
from shared.events.envelope import Envelope
from shared.events.registry import Event
from shared.events.schemas import (
    ApplicationSubmitted,
    ApplicationWithdrawn,
    DemonstrationUnitRegistered,
    ReviewStageDecided,
    ReviewTaskOpened,
)
from shared.events.schemas.review import ReviewTaskOverdue, ReviewTaskOverdueSoon
from shared.programmes.loader import Catalogue
from shared.programmes.model import Kind
from shared.security.authorities import covers, programmes, stage_owner

HIDDEN_CODE = ""  # an anonymous stage's alerts withhold the applicant's code


def submitted(env: Envelope, e: Event, c: Catalogue) -> str | None:
    assert isinstance(e, ApplicationSubmitted)
    found = programmes(c, e.programme, e.programme_version)
    if not found or found[0].kind is Kind.REGISTRATION:
        return f"no application programme {e.programme} v{e.programme_version}"
    if not covers(env.jurisdiction, e.applicant.code):
        return f"intake at {env.jurisdiction} cannot submit for {e.applicant.code}"
    if not covers(found[0].applicant_territory, e.applicant.code):
        return f"{e.applicant.code} lies outside {e.programme}'s territory"
    return None


def withdrawn(env: Envelope, e: Event, c: Catalogue) -> str | None:
    """Only the intake covering the applicant; receivers also check the case they hold (not this)."""
    assert isinstance(e, ApplicationWithdrawn)
    found = programmes(c, e.programme, e.programme_version)
    if not found or found[0].kind is Kind.REGISTRATION:
        return f"no application programme {e.programme} v{e.programme_version}"
    if not covers(env.jurisdiction, e.applicant.code):
        return f"intake at {env.jurisdiction} cannot withdraw for {e.applicant.code}"
    return None


def registered(env: Envelope, e: Event, c: Catalogue) -> str | None:
    assert isinstance(e, DemonstrationUnitRegistered)
    found = programmes(c, e.programme, e.programme_version)
    if not found or found[0].registration is None:
        return f"no registration programme {e.programme} v{e.programme_version}"
    unit_type = found[0].registration.unit_type(e.unit_type)
    if unit_type is None:
        return f"{e.programme} has no unit type {e.unit_type}"
    if not covers(env.jurisdiction, e.location.code):
        return f"intake at {env.jurisdiction} cannot register a unit in {e.location.code}"
    allowed = {j.ancestor_at(e.location.code, lvl) or j.NATIONAL for lvl in unit_type.liaison_levels}
    if e.liaison_jurisdiction not in allowed:
        return f"{e.liaison_jurisdiction} cannot liaise with a {e.unit_type} in {e.location.code}"
    return None


def task_opened(env: Envelope, e: Event, c: Catalogue) -> str | None:
    assert isinstance(e, ReviewTaskOpened)
    owners = stage_owner(c, e.programme, None, e.stage, e.applicant.code)
    if env.jurisdiction != e.reviewer_jurisdiction or env.jurisdiction not in owners:
        return f"{env.jurisdiction} does not own stage {e.stage} for {e.applicant.code}"
    return None


def stage_decided(env: Envelope, e: Event, c: Catalogue) -> str | None:
    assert isinstance(e, ReviewStageDecided)
    owners = stage_owner(c, e.programme, e.programme_version, e.stage, e.applicant.code)
    if env.jurisdiction != e.decided_by or env.jurisdiction not in owners:
        return f"{env.jurisdiction} does not own stage {e.stage} for {e.applicant.code}"
    return None


def task_time_limit(env: Envelope, e: Event, c: Catalogue) -> str | None:
    assert isinstance(e, ReviewTaskOverdueSoon | ReviewTaskOverdue)
    if env.jurisdiction != e.reviewer_jurisdiction:
        return f"{env.jurisdiction} cannot report on {e.reviewer_jurisdiction}'s task"
    if e.applicant.code == HIDDEN_CODE:  # anonymous stage: the owner must at least own such a stage
        levels = {s.owner or s.level for p in programmes(c, e.programme, None) if (s := p.stage(e.stage))}
        if not levels & {env.jurisdiction, j.level(env.jurisdiction)}:
            return f"{env.jurisdiction} owns no stage {e.stage} of {e.programme}"
        return None
    if env.jurisdiction not in stage_owner(c, e.programme, None, e.stage, e.applicant.code):
        return f"{env.jurisdiction} does not own stage {e.stage} for {e.applicant.code}"
    return None
