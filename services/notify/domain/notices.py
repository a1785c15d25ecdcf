"""An event as a notice: the facts its template needs, names in Chinese and (from the programme) English."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from services.notify.domain import obligation_notices, review_notices, zone_notices
from services.notify.domain.facts import Facts, iso
from services.notify.domain.model import ApplicationView, Notice
from services.notify.domain.names import stage_name_en
from shared import jurisdictions as j
from shared.events.registry import Event
from shared.events.schemas import (
    ApplicationSubmitted,
    ApplicationWithdrawn,
    ReviewStageDecided,
    ZoneDesignated,
)
from shared.programmes.model import Programme


def _submitted(e: ApplicationSubmitted, p: Programme | None) -> Facts:
    return {
        "reference_no": e.reference_no,
        "title": e.title,
        "theme": e.theme,
        "revision": e.revision,
        "period_months": e.period_months,
        "submitted_at": iso(e.submitted_at),
    }


def _withdrawn(e: ApplicationWithdrawn, p: Programme | None) -> Facts:
    return {"reference_no": e.reference_no, "reason": e.reason, "withdrawn_at": iso(e.withdrawn_at)}


def _stage_decided(e: ReviewStageDecided, p: Programme | None) -> Facts:
    stage = p.stage(e.stage) if p else None
    outcome = stage.outcome(e.outcome) if stage else None
    return {
        "title": e.title,
        "stage": e.stage,
        "stage_name": e.stage_name,
        "stage_name_en": stage.name_en if stage else None,
        "outcome": e.outcome,
        "outcome_name": e.outcome_name,
        "outcome_name_en": outcome.name_en if outcome else None,
        "effect": e.effect,
        "opinion": e.opinion,
        "revision_due_on": iso(e.revision_due_on),
        "next_stage_name_en": stage_name_en(p, e.next_stage),
        "decided_at": iso(e.decided_at),
        "decided_by": e.decided_by,
        "decided_by_name": j.name(e.decided_by),
        # a recognition (an achievement, a title) is told as what it is, never as a zone (002:10, 001:499)
        "confers": e.confers,
        "confers_en": (outcome.confers_en or None) if outcome and e.confers else None,
        "document_no": e.document_no,
    }


def _zone_designated(e: ZoneDesignated, p: Programme | None) -> Facts:
    return {
        "zone_id": e.zone_id,
        "title": e.title,
        "document_no": e.document_no,
        "designated_at": iso(e.designated_at),
        "designated_by_name": j.name(e.designated_by),
        "period_start": iso(e.period_start),
        "period_end": iso(e.period_end),
    }


_FACTS: dict[type[Event], Callable[[Any, Programme | None], Facts]] = {
    ApplicationSubmitted: _submitted,
    ApplicationWithdrawn: _withdrawn,
    ReviewStageDecided: _stage_decided,
    ZoneDesignated: _zone_designated,
    **obligation_notices.FACTS,
    **review_notices.FACTS,
    **zone_notices.FACTS,
}
TOLD = tuple(_FACTS)
_DATES = ("due_on", "overdue_since", "revoked_at", "decided_at", "period_end")


def _other(e: Event, p: Programme | None) -> Facts:
    """An event without its own template: its plain fields, for the generic one."""
    data = e.model_dump(mode="json")
    facts: Facts = {k: v for k, v in data.items() if isinstance(v, str | int | float | bool) or v is None}
    facts.setdefault("title", None)
    facts["date"] = next((data[k] for k in _DATES if data.get(k)), None)
    return facts


def notice_for(
    event_id: str, event: Event, application: ApplicationView | None, programme: Programme | None
) -> Notice:
    """The notice of `event`; the application view supplies what the event itself does not carry."""
    applicant = getattr(event, "applicant", None)
    facts: Facts = {
        "application_id": getattr(event, "application_id", None),
        "applicant_code": applicant.code if applicant else None,
        "applicant_name": applicant.name if applicant else None,
        "programme": getattr(event, "programme", None),
        "programme_name": programme.name_zh if programme else None,
        "programme_name_en": programme.name_en if programme else None,
        "title": application.title if application else None,
        "reference_no": application.reference_no if application else None,
        "event_type": event.type,
    }
    facts.update({k: v for k, v in _FACTS.get(type(event), _other)(event, programme).items()
                  if v is not None or facts.get(k) is None})  # fmt: skip
    return Notice(
        event_id=event_id, event_type=event.type, application_id=facts["application_id"], facts=facts
    )
