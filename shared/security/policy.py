"""Who may emit what: an event is applied only if its signed source had the authority to emit it.

A county cannot emit a designation; only the jurisdiction that owns a stage (by the programme's
definition) can decide it; each event type comes from one service.
"""

from __future__ import annotations

from collections.abc import Callable

from shared import jurisdictions
from shared.events.envelope import Envelope
from shared.events.registry import Event
from shared.events.schemas import (
    ApplicationSubmitted,
    ObligationScheduled,
    ReviewStageDecided,
    ReviewTaskOpened,
    ZoneDesignated,
)
from shared.programmes.loader import Catalogue
from shared.programmes.model import Effect

Check = Callable[[Envelope, Event, Catalogue], str | None]


def _service(env: Envelope) -> str:
    parts = env.source.strip("/").split("/")
    return parts[2] if len(parts) >= 3 else ""


def _owner(catalogue: Catalogue, programme: str, version: int, stage: str, applicant: str) -> str | None:
    p = catalogue.get(programme, version)
    s = p.stage(stage) if p else None
    return p.stage_owner(s, applicant) if p and s else None


def _submitted(env: Envelope, e: Event, _c: Catalogue) -> str | None:
    assert isinstance(e, ApplicationSubmitted)
    if not jurisdictions.is_within(e.applicant.code, env.jurisdiction):
        return f"{env.jurisdiction} cannot submit for {e.applicant.code}"
    return None


def _task_opened(env: Envelope, e: Event, c: Catalogue) -> str | None:
    assert isinstance(e, ReviewTaskOpened)
    p = c.get(e.programme)
    owner = p.stage_owner(p.stage(e.stage), e.applicant.code) if p and p.stage(e.stage) else None  # type: ignore[arg-type]
    if env.jurisdiction != e.reviewer_jurisdiction or owner != env.jurisdiction:
        return f"{env.jurisdiction} does not own stage {e.stage} for {e.applicant.code}"
    return None


def _decided(env: Envelope, e: Event, c: Catalogue) -> str | None:
    assert isinstance(e, ReviewStageDecided)
    owner = _owner(c, e.programme, e.programme_version, e.stage, e.applicant.code)
    if env.jurisdiction != e.decided_by or owner != env.jurisdiction:
        return f"{env.jurisdiction} does not own stage {e.stage} for {e.applicant.code}"
    return None


def _designated(env: Envelope, e: Event, c: Catalogue) -> str | None:
    assert isinstance(e, ZoneDesignated)
    p = c.get(e.programme, e.programme_version)
    final = [s for s in p.route if any(o.effect is Effect.DESIGNATE for o in s.outcomes)] if p else []
    owners = {p.stage_owner(s, e.applicant.code) for s in final} if p else set()
    if env.jurisdiction != e.designated_by or env.jurisdiction not in owners:
        return f"{env.jurisdiction} cannot designate for {e.programme}"
    return None


def _scheduled(env: Envelope, e: Event, _c: Catalogue) -> str | None:
    assert isinstance(e, ObligationScheduled)
    if not jurisdictions.is_within(e.applicant.code, env.jurisdiction):
        return f"{env.jurisdiction} does not monitor {e.applicant.code}"
    return None


RULES: dict[str, tuple[str, Check]] = {
    ApplicationSubmitted.type: ("intake", _submitted),
    ReviewTaskOpened.type: ("review", _task_opened),
    ReviewStageDecided.type: ("review", _decided),
    ZoneDesignated.type: ("review", _designated),
    ObligationScheduled.type: ("monitoring", _scheduled),
}


def authority_problem(env: Envelope, event: Event, catalogue: Catalogue) -> str | None:
    """Why `env`'s source may not emit `event`, or None when it may."""
    rule = RULES.get(env.type)
    if rule is None:
        return None
    service, check = rule
    if _service(env) != service:
        return f"{env.type} comes from the {service} service, not {_service(env) or 'unknown'}"
    return check(env, event, catalogue)
