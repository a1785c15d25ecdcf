"""`GET /audit/verify`: walk the hash-chained history and report the first broken link."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request

from shared.db import audit
from shared.http.auth import require
from shared.security.tokens import Principal

router = APIRouter(tags=["audit"])


@router.get("/audit/verify")
async def verify_history(
    request: Request, aggregate_id: str | None = None, _who: Principal = Depends(require("admin", "monitor"))
) -> dict[str, Any]:
    """Verify every chain (or one application's or zone's): entries checked and the first broken link."""
    async with request.app.state.runtime.sessions() as session:
        report = await audit.verify(session, aggregate_id)
    return {
        "ok": report.ok, "entries": report.entries, "aggregate_id": aggregate_id,
        "first_broken_seq": report.first_broken_seq, "reason": report.reason,
    }  # fmt: skip


@router.get("/audit/{aggregate_id}")
async def history(
    aggregate_id: str, request: Request, _who: Principal = Depends(require("admin", "monitor"))
) -> list[dict[str, Any]]:
    """One application's or zone's audited history, oldest first."""
    from sqlalchemy import text

    async with request.app.state.runtime.sessions() as session:
        rows = await session.execute(
            text("SELECT seq, at, actor, action, hash FROM audit_log WHERE aggregate_id = :a ORDER BY seq"),
            {"a": aggregate_id},
        )
        return [dict(r._mapping) for r in rows]
