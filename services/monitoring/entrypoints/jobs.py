"""The scheduler as a background job: one dynamic-management pass every `poll` seconds."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import structlog

from services.monitoring.service_layer.dynamics import Settings, run_pass
from services.monitoring.service_layer.ports import MonitoringUnitOfWork

log = structlog.get_logger()


def dynamics_job(
    uow_factory: Callable[[], MonitoringUnitOfWork], settings: Settings, poll: float
) -> Callable[[Any], Any]:
    """`job(runtime)`: reminders, overdue, warnings and revocation recommendations, each once."""

    async def job(_runtime: Any) -> None:
        while True:
            try:
                await run_pass(uow_factory(), settings)
            except Exception as exc:
                log.warning("dynamics_pass_failed", error=repr(exc))
            await asyncio.sleep(poll)

    return job
