"""Recommendations into a programme (择优推荐), pre-filled applications the applicant completes: SQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from services.intake.adapters.tables import RecommendationRow


class RecommendationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, **values: Any) -> None:
        """Once per recommendation id: a redelivered or re-published copy changes nothing."""
        await self.session.execute(insert(RecommendationRow).values(**values).on_conflict_do_nothing())

    async def find(self, applicant_code: str | None = None) -> list[RecommendationRow]:
        stmt = select(RecommendationRow).order_by(col(RecommendationRow.recommended_at).desc())
        if applicant_code:
            stmt = stmt.where(col(RecommendationRow.applicant_code) == applicant_code)
        return list((await self.session.execute(stmt)).scalars())

    async def get(self, ident: str) -> RecommendationRow | None:
        return await self.session.get(RecommendationRow, ident)
