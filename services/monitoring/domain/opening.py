"""How a zone comes into monitoring: a designation, or a demonstration unit's registration."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from services.monitoring.domain.model import Zone
from services.monitoring.domain.planning import plan
from shared import jurisdictions as j
from shared.errors import refuse
from shared.events.schemas import DemonstrationUnitRegistered, ZoneDesignated
from shared.programmes.model import Programme


def designate(event: ZoneDesignated, programme: Programme) -> Zone:
    """The zone a designation creates, with everything it owes for the whole period."""
    if event.period_end < event.period_start:
        raise refuse(
            "period_invalid",
            f"实验期结束日（{event.period_end}）早于开始日（{event.period_start}）",
            f"the experiment period ends ({event.period_end}) before it starts ({event.period_start})",
            "period_end",
        )
    _valid_code(event.applicant.code, "applicant.code")
    zone = Zone(
        id=event.zone_id,
        application_id=event.application_id,
        programme=event.programme,
        programme_version=event.programme_version,
        applicant_code=event.applicant.code,
        applicant_name=event.applicant.name,
        title=event.title,
        theme=event.theme,
        designated_by=event.designated_by,
        document_no=event.document_no,
        designated_at=event.designated_at,
        period_start=event.period_start,
        period_end=event.period_end,
    )
    for planned in plan(programme, event.designated_at, event.period_start, event.period_end):
        zone.add_planned(planned)
    return zone


def register_unit(event: DemonstrationUnitRegistered, programme: Programme, horizon_years: int) -> Zone:
    """A titled demonstration unit, monitored by its liaison level, planned `horizon_years` ahead
    (a title has no end; the plan is extended when the horizon nears)."""
    _valid_code(event.location.code, "location.code")
    start = event.registered_at.astimezone(ZoneInfo(programme.window.timezone)).date()
    end = date(start.year + horizon_years, 12, 31)
    zone = Zone(
        id=event.unit_id,
        application_id=event.unit_id,
        programme=event.programme,
        programme_version=event.programme_version,
        applicant_code=event.location.code,
        applicant_name=event.unit_name,
        title=event.unit_type_name,
        theme=event.unit_type,
        designated_by=event.liaison_jurisdiction,
        document_no=event.title_document,
        designated_at=event.registered_at,
        period_start=start,
        period_end=end,
        kind="unit",
        reporting_cadence=event.reporting_cadence,
    )
    for planned in plan(programme, event.registered_at, start, end, event.reporting_cadence):
        zone.add_planned(planned)
    return zone


def _valid_code(code: str, field: str) -> None:
    try:
        j.validate(code)
    except j.InvalidJurisdiction as exc:
        raise refuse(
            "invalid_jurisdiction",
            "行政区划代码无效（应为6位数字）",
            "invalid jurisdiction code (six digits expected)",
            field,
        ) from exc
