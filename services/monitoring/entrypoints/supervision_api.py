"""Dynamic management beyond deadlines over HTTP: a supervising level records an inspection or proposes
revocation on its findings; the zone reports progress at any time. Who supervises comes from the zone's
record and the programme, the acting jurisdiction from the caller's token; 409 at a mirror."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Depends, Request, status

from services.monitoring.domain.keeping import ensure_kept
from services.monitoring.domain.model import Zone
from services.monitoring.entrypoints.api import _uow, territory
from services.monitoring.entrypoints.life_api import AUTHORITY, ZONE_SIDE
from services.monitoring.entrypoints.schemas import RequestOut
from services.monitoring.entrypoints.supervision_schemas import (
    InspectionIn,
    InspectionOut,
    ProgressReportIn,
    ProgressReportOut,
    ProposalIn,
)
from services.monitoring.service_layer import supervision
from shared.errors import NotFound
from shared.http.auth import ensure_covers
from shared.security.tokens import Principal
from shared.territory import Territory

router = APIRouter()


def _seen_and_kept(who: Principal, mine: Territory) -> Callable[[Zone], None]:
    def check(zone: Zone) -> None:
        if not who.covers(zone.applicant_code):
            raise NotFound("实验区", "zone", zone.id)
        ensure_kept(zone, mine)  # a mirror answers 409 and changes nothing

    return check


@router.post(
    "/zones/{zone_id}/inspections",
    response_model=InspectionOut,
    status_code=status.HTTP_201_CREATED,
    tags=["dynamic management"],
)
async def inspect(
    zone_id: str, body: InspectionIn, request: Request, who: Principal = Depends(AUTHORITY)
) -> InspectionOut:
    """A supervising level records an inspection, check or assessment with its findings (403 for any
    other jurisdiction; 409 at a mirror)."""
    record = await supervision.inspect(
        _uow(request),
        zone_id,
        who.jurisdiction,
        body.kind,
        body.inspected_on,
        body.findings,
        body.rating,
        body.follow_up,
        body.follow_up_by,
        body.follow_up_required,
        body.inspector,
        _seen_and_kept(who, territory(request)),
    )
    return InspectionOut.of(record)


@router.post(
    "/zones/{zone_id}/revocation-proposals",
    response_model=RequestOut,
    status_code=status.HTTP_201_CREATED,
    tags=["dynamic management"],
)
async def propose_revocation(
    zone_id: str, body: ProposalIn, request: Request, who: Principal = Depends(AUTHORITY)
) -> RequestOut:
    """A supervising level proposes revoking the zone on a poorly rated inspection; the deciding
    authority decides it through review."""
    req = await supervision.propose_revocation(
        _uow(request),
        zone_id,
        who.jurisdiction,
        body.inspection_id,
        body.summary,
        _seen_and_kept(who, territory(request)),
    )
    return RequestOut.of(req)


@router.post(
    "/zones/{zone_id}/progress-reports",
    response_model=ProgressReportOut,
    status_code=status.HTTP_201_CREATED,
    tags=["dynamic management"],
)
async def report_progress(
    zone_id: str, body: ProgressReportIn, request: Request, who: Principal = Depends(ZONE_SIDE)
) -> ProgressReportOut:
    """The zone reports its progress whenever it has something to report (not for an obligation)."""
    mine = territory(request)

    def check(zone: Zone) -> None:
        ensure_covers(who, zone.applicant_code)
        ensure_kept(zone, mine)

    report = await supervision.report_progress(
        _uow(request), zone_id, body.title, body.text, body.inspection_id, check
    )
    return ProgressReportOut.of(report)
