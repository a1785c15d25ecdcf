"""Facts of dynamic management beyond deadlines: a supervising level's inspection with its findings, and a
progress report the zone filed outside its schedule (a revocation proposal is a request filed)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from services.notify.domain.facts import Facts, iso
from shared import jurisdictions as j
from shared.events.registry import Event
from shared.events.schemas import ZoneInspected, ZoneProgressReported
from shared.events.schemas.supervision import INSPECTION_KINDS, INSPECTION_RATINGS, POOR_RATINGS
from shared.programmes.model import Kind, Programme


def _names(codes: list[str]) -> str:
    return "、".join(j.name(c) for c in codes)


def _inspected(e: ZoneInspected, p: Programme | None) -> Facts:
    kind_zh, kind_en = INSPECTION_KINDS[e.kind]
    rating_zh, rating_en = INSPECTION_RATINGS[e.rating]
    return {
        "zone_id": e.zone_id,
        "inspection_id": e.inspection_id,
        "inspection_kind": e.kind,
        "inspection_name": kind_zh,
        "inspection_name_en": kind_en,
        "inspected_by_name": j.name(e.inspected_by),
        "inspected_on": iso(e.inspected_on),
        "findings": e.findings,
        "rating": e.rating,
        "rating_name": rating_zh,
        "rating_name_en": rating_en,
        "poor": e.rating in POOR_RATINGS,
        "follow_up_required": e.follow_up_required,
        "follow_up": e.follow_up or None,
        "follow_up_by": iso(e.follow_up_by),
        "supervisors_names": _names(e.supervisors),
        "is_unit": bool(p and p.kind is Kind.REGISTRATION),
        "recorded_at": iso(e.recorded_at),
    }


def _progress_reported(e: ZoneProgressReported, p: Programme | None) -> Facts:
    return {
        "zone_id": e.zone_id,
        "report_id": e.report_id,
        "report_title": e.report_title,
        "follows_inspection": e.inspection_id is not None,
        "authority_name": j.name(e.authority),
        "supervisors_names": _names(e.supervisors),
        "reported_at": iso(e.reported_at),
    }


FACTS: dict[type[Event], Callable[[Any, Programme | None], Facts]] = {
    ZoneInspected: _inspected,
    ZoneProgressReported: _progress_reported,
}
