"""Facts of a zone's life after designation: requests and their decisions, changes of state (extension,
termination, acceptance, revocation), a recommendation upward; and a demonstration unit's registration."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from services.notify.domain.facts import Facts, iso
from services.notify.domain.names import (
    CADENCES,
    CHANGES,
    OUTCOMES,
    UNIT_CHANGES,
    UNIT_OUTCOMES,
    UNIT_REVOCATION_EN,
    request_name,
)
from shared import jurisdictions as j
from shared.events.registry import Event
from shared.events.schemas import (
    DemonstrationUnitRegistered,
    ZoneRecommended,
    ZoneRequestDecided,
    ZoneRequestFiled,
    ZoneStateChanged,
)
from shared.programmes.model import Kind, Programme


def _request(kind: str) -> Facts:
    zh, en = request_name(kind)
    return {"request_kind": kind, "request_name": zh, "request_name_en": en}


def _title_en(p: Programme | None, conferred: str | None) -> str | None:
    return (p.success.title_en or None) if conferred and p and p.success else None


def _withdraws_title(kind: str, p: Programme | None) -> bool:
    """A registered unit's title is withdrawn by its holder on the liaison's proposal (001:425)."""
    return kind == "revocation" and bool(p and p.kind is Kind.REGISTRATION)


def _request_filed(e: ZoneRequestFiled, p: Programme | None) -> Facts:
    unit = _withdraws_title(e.kind, p)
    return {
        **_request(e.kind),
        **({"request_name": "取消示范单位称号建议", "request_name_en": UNIT_REVOCATION_EN} if unit else {}),
        "is_unit": unit,
        "filed_by_name": j.name(e.filed_by),
        "zone_id": e.zone_id,
        "title": e.title,
        "summary": e.summary,
        "requested_end": iso(e.requested_end),
        "authority_name": j.name(e.authority),
        "filed_by_zone": e.filed_by == e.applicant.code,
        "filed_at": iso(e.filed_at),
    }


def _request_decided(e: ZoneRequestDecided, p: Programme | None) -> Facts:
    unit = _withdraws_title(e.kind, p)
    zh, en = (UNIT_OUTCOMES if unit else OUTCOMES).get(e.outcome, (e.outcome, e.outcome))
    success = p.success if p else None
    conferred = (success.title_zh or None) if success and e.outcome == "accepted_with_title" else None
    return {
        **_request(e.kind),
        "zone_id": e.zone_id,
        "outcome": e.outcome,
        "outcome_name": zh,
        "outcome_name_en": en,
        "opinion": e.opinion,
        "new_end": iso(e.new_end),
        "document_no": e.document_no,
        "title_conferred": conferred,
        "title_conferred_en": _title_en(p, conferred),
        "decided_by_name": j.name(e.decided_by),
        "decided_at": iso(e.decided_at),
        "is_unit": unit,
        "filed_by_name": j.name(e.filed_by) if e.filed_by else None,
    }


def _state_changed(e: ZoneStateChanged, p: Programme | None) -> Facts:
    unit = bool(p and p.kind is Kind.REGISTRATION)
    zh, en = (UNIT_CHANGES if unit else CHANGES).get(e.change) or CHANGES.get(e.change, (e.change, e.change))
    return {
        "zone_id": e.zone_id,
        "change": e.change,
        "change_name": zh,
        "change_name_en": en,
        "period_end": iso(e.period_end),
        "title_conferred": e.title_conferred,
        "title_conferred_en": _title_en(p, e.title_conferred),
        "authority_name": j.name(e.authority),
        "is_unit": unit,  # a unit's title is withdrawn, not a designation revoked
        "changed_at": iso(e.changed_at),
    }


def _recommended(e: ZoneRecommended, p: Programme | None) -> Facts:
    return {
        "zone_id": e.zone_id,
        "title": e.title,
        "theme": e.theme,
        "title_conferred": e.title_conferred,
        "title_conferred_en": _title_en(p, e.title_conferred),
        "note": e.note_zh or None,
        "note_en": (p.success.note_en or None) if p and p.success else None,
        "authority_name": j.name(e.authority),
        "recommended_at": iso(e.recommended_at),
    }


def _unit_registered(e: DemonstrationUnitRegistered, p: Programme | None) -> Facts:
    unit_type = p.registration.unit_type(e.unit_type) if p and p.registration else None
    zh, en = CADENCES.get(e.reporting_cadence, (e.reporting_cadence, e.reporting_cadence))
    return {
        "application_id": e.unit_id,  # a unit's zone events carry its id as their application id
        "applicant_code": e.location.code,
        "applicant_name": e.unit_name,
        "unit_type_name": e.unit_type_name,
        "unit_type_name_en": unit_type.name_en if unit_type else None,
        "location_name": e.location.name,
        "liaison_name": j.name(e.liaison_jurisdiction),
        "cadence_name": zh,
        "cadence_name_en": en,
        "title_document": e.title_document or None,
        "registered_at": iso(e.registered_at),
    }


FACTS: dict[type[Event], Callable[[Any, Programme | None], Facts]] = {
    ZoneRequestFiled: _request_filed,
    ZoneRequestDecided: _request_decided,
    ZoneStateChanged: _state_changed,
    ZoneRecommended: _recommended,
    DemonstrationUnitRegistered: _unit_registered,
}
