"""Reminders of time limits: due soon and overdue, each emitted once per task (a mark in the database)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from zoneinfo import ZoneInfo

import structlog

from services.review.domain.alerts import alert_event, alerts_owed
from services.review.service_layer.ports import ReviewUnitOfWork
from shared.programmes.loader import Catalogue

log = structlog.get_logger()


async def send_due_alerts(
    uow_factory: Callable[[], ReviewUnitOfWork], catalogue: Catalogue, soon_days: int
) -> int:
    """Emit every reminder owed today by the injected clock; the number emitted."""
    sent = 0
    uow = uow_factory()
    async with uow:
        now = uow.clock.now()
        horizon = now.date() + timedelta(days=soon_days + 1)  # a day's margin for any time zone
        for task, had in await uow.alerts.open_due_by(horizon):
            programme = catalogue.get(task.programme, task.programme_version)
            today = now.astimezone(ZoneInfo(programme.window.timezone) if programme else now.tzinfo).date()
            for kind in alerts_owed(task, today, soon_days, had):
                if await uow.alerts.mark(task.id, kind, now):
                    uow.emit(alert_event(task, kind, today))
                    sent += 1
                    log.info("review_task_alert", task_id=task.id, kind=kind, due_on=str(task.due_on))
        await uow.commit()
    return sent
