"""Background job: reminders of review time limits, looked for every so often by the injected clock."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

import structlog

from services.review.service_layer.alerts import send_due_alerts
from services.review.service_layer.ports import ReviewUnitOfWork
from shared.programmes.loader import Catalogue

log = structlog.get_logger()


def alert_job(
    uow_factory: Callable[[], ReviewUnitOfWork], catalogue: Catalogue, soon_days: int, poll: float
) -> Callable[[Any], Coroutine[Any, Any, None]]:
    async def job(_runtime: Any) -> None:
        while True:
            try:
                await send_due_alerts(uow_factory, catalogue, soon_days)
            except Exception as exc:  # the database is away: try again later, never die
                log.warning("review_alerts_failed", error=repr(exc))
            await asyncio.sleep(poll)

    return job
