"""择优推荐 (003:47–49, 004:51): the designating authority recommends one of its zones upward."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from services.review.entrypoints.access import WORK, actor, deciding_as, in_scope
from services.review.entrypoints.api import _uow
from services.review.entrypoints.schemas import RecommendationIn, RecommendationOut
from services.review.service_layer.recommendations import handle_recommend_zone
from shared.security.tokens import Principal

router = APIRouter(tags=["recommendations"])


@router.post("/zones/{zone_id}/recommendations", response_model=RecommendationOut, status_code=201)
async def recommend_zone(
    zone_id: str, body: RecommendationIn, request: Request, who: Principal = Depends(WORK)
) -> RecommendationOut:
    """Recommend a zone this jurisdiction designated into a target of its programme. 422 with every
    reason (not designated here, not a target, not titled where the programme asks for the title,
    the zone ended); 409 when already recommended there; nothing changes either way."""
    in_scope(request, who)
    e = await handle_recommend_zone(
        body.command(zone_id, actor(who), deciding_as(who)),
        _uow(request),
        request.app.state.catalogue,
        request.app.state.jurisdiction,
    )
    return RecommendationOut(
        recommendation_id=e.recommendation_id,
        zone_id=e.zone_id,
        application_id=e.application_id,
        into=e.into_programme,
        into_name_zh=e.into_name_zh,
        external=e.into_external,
        title_conferred=e.title_conferred,
        recommended_by=e.authority,
        recommended_at=e.recommended_at,
    )
