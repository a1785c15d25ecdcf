"""Recommendations into a programme (择优推荐), pre-filled applications the applicant completes: SQL."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Column, DateTime, String, Text, select
from sqlalchemy.dialects.postgresql import JSONB, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel, col


class RecommendationRow(SQLModel, table=True):
    __tablename__ = "recommendations"

    id: str = Field(sa_column=Column(String(36), primary_key=True))
    zone_id: str = Field(sa_column=Column(String(36), nullable=False))
    from_programme: str = Field(sa_column=Column(String(64), nullable=False))
    into_programme: str = Field(sa_column=Column(String(64), nullable=False, index=True))
    applicant_code: str = Field(sa_column=Column(String(6), nullable=False, index=True))
    recommended_by: str = Field(sa_column=Column(String(6), nullable=False))
    note_zh: str = Field(sa_column=Column(Text, nullable=False))
    prefill: dict[str, Any] = Field(sa_column=Column(JSONB, nullable=False))
    status: str = Field(sa_column=Column(String(16), nullable=False))  # pending: waits for the applicant
    recommended_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


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
