"""Recommendations into a programme over HTTP: what is waiting for an applicant, pre-filled.

An applicant sees its own; any other role the recommendations in its territory; an unknown caller
nothing (401)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request

from services.intake.service_layer.recommendations import get_recommendation, list_recommendations
from shared.errors import NotFound
from shared.http.auth import caller
from shared.security.tokens import Principal

router = APIRouter(tags=["recommendations"])


@router.get("/recommendations")
async def recommendations(
    request: Request,
    applicant_code: str | None = Query(None, description="Only this applicant's."),
    who: Principal = Depends(caller),
) -> list[dict[str, Any]]:
    """Pending recommendations (择优推荐), newest first; `prefill` is the start of an application body."""
    wanted = who.jurisdiction if who.role == "applicant" else applicant_code
    found = await list_recommendations(request.app.state.uow_factory(), wanted)
    return [r for r in found if who.covers(r["applicant_code"])]


@router.get("/recommendations/{ident}")
async def recommendation(ident: str, request: Request, who: Principal = Depends(caller)) -> dict[str, Any]:
    """One recommendation with its pre-filled application; 404 when unknown or outside the territory."""
    found = await get_recommendation(request.app.state.uow_factory(), ident)
    if not who.covers(found["applicant_code"]):
        raise NotFound("推荐", "recommendation", ident)
    return found
