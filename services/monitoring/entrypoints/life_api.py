"""A zone's life over HTTP: filing, reviewing, requests, dashboards. Thin; auth via shared/http/auth."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request, status

from services.monitoring.domain.keeping import ensure_kept
from services.monitoring.domain.model import Zone
from services.monitoring.entrypoints.api import _jurisdiction, _uow, territory
from services.monitoring.entrypoints.schemas import (
    RequestIn,
    RequestOut,
    ReviewIn,
    SubmissionIn,
    SubmissionOut,
    ZoneDetailOut,
)
from services.monitoring.service_layer import filings
from services.monitoring.service_layer.dashboard import dashboard
from shared.http.auth import ensure_covers, require
from shared.security.tokens import Principal

router = APIRouter()
ZONE_SIDE = require("applicant", "monitor")
AUTHORITY = require("reviewer", "monitor")
ANYONE = require("applicant", "reviewer", "expert", "monitor")


@router.post(
    "/zones/{zone_id}/obligations/{obligation_id}/submissions",
    response_model=SubmissionOut,
    status_code=status.HTTP_201_CREATED,
    tags=["obligations"],
)
async def submit(
    zone_id: str,
    obligation_id: str,
    body: SubmissionIn,
    request: Request,
    who: Principal = Depends(ZONE_SIDE),
) -> SubmissionOut:
    """The zone files what it owes: text and indicators (the final report opens the acceptance review).
    409 at a monitoring instance that only mirrors the zone."""
    mine = territory(request)

    def check(zone: Zone) -> None:
        ensure_covers(who, zone.applicant_code)
        ensure_kept(zone, mine)  # a mirror answers 409 and changes nothing

    sub = await filings.submit(_uow(request), zone_id, obligation_id, body.text, body.indicators, check)
    return SubmissionOut.of(sub)


@router.post(
    "/zones/{zone_id}/obligations/{obligation_id}/review", response_model=ZoneDetailOut, tags=["obligations"]
)
async def review(
    zone_id: str, obligation_id: str, body: ReviewIn, request: Request, who: Principal = Depends(AUTHORITY)
) -> ZoneDetailOut:
    """The designating authority's reviewer accepts the submission or returns it with an opinion (409 at
    a mirror)."""
    mine = territory(request)

    def check(zone: Zone) -> None:
        ensure_covers(who, zone.designated_by)
        ensure_kept(zone, mine)

    uow = _uow(request)
    zone = await filings.review(uow, zone_id, obligation_id, body.outcome, body.reviewer, body.opinion, check)
    return ZoneDetailOut.of(zone)


@router.post(
    "/zones/{zone_id}/requests",
    response_model=RequestOut,
    status_code=status.HTTP_201_CREATED,
    tags=["zones"],
)
async def file_request(
    zone_id: str, body: RequestIn, request: Request, who: Principal = Depends(ZONE_SIDE)
) -> RequestOut:
    """A request needing prior approval; the designating authority decides it through review (409 at a
    mirror)."""
    mine = territory(request)

    def check(zone: Zone) -> None:
        ensure_covers(who, zone.applicant_code)
        ensure_kept(zone, mine)  # a mirror answers 409 and changes nothing

    req = await filings.file_request(
        _uow(request), zone_id, body.kind, body.summary, body.requested_end, check
    )
    return RequestOut.of(req)


@router.get("/dashboard", tags=["dashboards"])
async def get_dashboard(
    request: Request,
    within: str = Query("000000", description="A jurisdiction: it and every jurisdiction below it."),
    who: Principal = Depends(ANYONE),
) -> dict[str, Any]:
    """Zones by state, obligations due soon and overdue, indicator values against targets per year."""
    code = _jurisdiction(within, "within") or "000000"
    ensure_covers(who, code)
    return await dashboard(_uow(request), code)
