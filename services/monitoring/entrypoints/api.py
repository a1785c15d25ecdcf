"""Monitoring's HTTP routes: thin, each maps a request to a handler."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Query, Request

from services.monitoring.domain.keeping import keeps
from services.monitoring.domain.model import ObligationState, ZoneState
from services.monitoring.entrypoints.schemas import ObligationOut, ZoneDetailOut, ZoneOut
from services.monitoring.service_layer import handlers
from services.monitoring.service_layer.ports import MonitoringUnitOfWork
from shared import jurisdictions as j
from shared.errors import NotFound, refuse
from shared.http.auth import caller, ensure_covers, settings_of
from shared.security.tokens import Principal
from shared.territory import Territory

router = APIRouter()


def _uow(request: Request) -> MonitoringUnitOfWork:
    factory = request.app.state.uow_factory
    return factory(correlation_id=getattr(request.state, "correlation_id", None))


def territory(request: Request) -> Territory:
    """This instance's territory: which zones it keeps, which it only mirrors (domain/keeping.py)."""
    return settings_of(request.app).territory


def _jurisdiction(code: str | None, field: str) -> str | None:
    if code is not None:
        try:
            j.validate(code)
        except j.InvalidJurisdiction as exc:
            raise refuse(
                "invalid_jurisdiction",
                f"行政区划代码无效（应为6位数字）：{code}",
                f"invalid jurisdiction code (six digits expected): {code}",
                field,
            ) from exc
    return code


def _scope(who: Principal, within: str | None) -> str | None:
    """The territory a listing is limited to: the caller's own, or a part of it it asked for."""
    if within is not None:
        ensure_covers(who, within)
        return within
    return None if who.jurisdiction == j.NATIONAL else who.jurisdiction


@router.get("/zones", response_model=list[ZoneOut], tags=["zones"])
async def list_zones(
    request: Request,
    application_id: str | None = None,
    designated_by: str | None = Query(None, description="Code of the designating authority."),
    state: ZoneState | None = None,
    within: str | None = Query(None, description="Only zones whose applicant lies in this jurisdiction."),
    who: Principal = Depends(caller),
) -> list[ZoneOut]:
    """Designated zones (实验区) in the caller's territory, newest first."""
    zones = await handlers.list_zones(
        _uow(request),
        application_id=application_id,
        state=state,
        designated_by=_jurisdiction(designated_by, "designated_by"),
        within=_scope(who, _jurisdiction(within, "within")),
    )
    mine = territory(request)
    return [ZoneOut.of(z, keeps(z.designated_by, mine)) for z in zones]


@router.get("/zones/{zone_id}", response_model=ZoneDetailOut, tags=["zones"])
async def get_zone(zone_id: str, request: Request, who: Principal = Depends(caller)) -> ZoneDetailOut:
    """One zone with its obligations; 404 when unknown or outside the caller's territory."""
    zone = await handlers.get_zone(zone_id, _uow(request))
    if not who.covers(zone.applicant_code):
        raise NotFound("实验区", "zone", zone_id)
    return ZoneDetailOut.of(zone, keeps(zone.designated_by, territory(request)))


@router.get("/obligations", response_model=list[ObligationOut], tags=["obligations"])
async def list_obligations(
    request: Request,
    due_before: date | None = Query(None, description="Only obligations due before this day (exclusive)."),
    state: ObligationState | None = None,
    who: Principal = Depends(caller),
) -> list[ObligationOut]:
    """What zones in the caller's territory owe, earliest due first."""
    obligations = await handlers.list_obligations(
        _uow(request), due_before=due_before, state=state, within=_scope(who, None)
    )
    return [ObligationOut.of(o) for o in obligations]
