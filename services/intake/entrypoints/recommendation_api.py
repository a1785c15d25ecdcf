"""Recommendations into a programme over HTTP: what is waiting for an applicant, pre-filled."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request

from services.intake.service_layer.recommendations import get_recommendation, list_recommendations

router = APIRouter(tags=["recommendations"])


@router.get("/recommendations")
async def recommendations(
    request: Request, applicant_code: str | None = Query(None, description="Only this applicant's.")
) -> list[dict[str, Any]]:
    """Pending recommendations (择优推荐), newest first; `prefill` is the start of an application body."""
    return await list_recommendations(request.app.state.uow_factory(), applicant_code)


@router.get("/recommendations/{ident}")
async def recommendation(ident: str, request: Request) -> dict[str, Any]:
    """One recommendation with its pre-filled application; 404 when unknown."""
    return await get_recommendation(request.app.state.uow_factory(), ident)
