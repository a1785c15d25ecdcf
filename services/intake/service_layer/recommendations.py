"""A zone recommended into another programme arrives as a pre-filled application (status pending):
the applicant completes it (plan, documents, attestations) and submits it with POST /applications."""

from __future__ import annotations

from typing import Any

from services.intake.adapters.tables import RecommendationRow
from services.intake.domain.claims import judge_recommendation
from services.intake.service_layer.ports import IntakeUnitOfWork
from shared.errors import NotFound
from shared.events.schemas import ZoneRecommended
from shared.events.sender import Sender
from shared.programmes.loader import default_catalogue


async def handle_zone_recommended(event: ZoneRecommended, uow: IntakeUnitOfWork) -> None:
    programme = default_catalogue().get(event.programme)  # the latest version: the event names none
    judge_recommendation(programme, event, Sender.of(uow.cause))
    if event.into_external or default_catalogue().get(event.into_programme) is None:
        return  # a target run outside this system (全国农村社区治理实验区): nothing to pre-fill here
    prefill = {
        "programme": event.into_programme,
        "applicant_code": event.applicant.code,
        "applicant_name": event.applicant.name,
        "title": event.title,
        "theme": event.theme,
    }
    async with uow:
        await uow.recommendations.add(
            id=event.recommendation_id, zone_id=event.zone_id, from_programme=event.programme,
            into_programme=event.into_programme, applicant_code=event.applicant.code,
            recommended_by=event.authority, note_zh=event.note_zh, prefill=prefill, status="pending",
            recommended_at=event.recommended_at,
        )  # fmt: skip
        await uow.commit()


def as_dict(row: RecommendationRow) -> dict[str, Any]:
    return row.model_dump(mode="json")


async def list_recommendations(uow: IntakeUnitOfWork, applicant_code: str | None) -> list[dict[str, Any]]:
    async with uow:
        return [as_dict(r) for r in await uow.recommendations.find(applicant_code)]


async def get_recommendation(uow: IntakeUnitOfWork, ident: str) -> dict[str, Any]:
    async with uow:
        row = await uow.recommendations.get(ident)
        if row is None:
            raise NotFound("推荐", "recommendation", ident)
        return as_dict(row)
