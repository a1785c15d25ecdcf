"""Background jobs: the sender (email and webhook deliveries; woken by commits, polling as a fallback)
and the daily digest (looking every so often whether a digest is due by the injected clock)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Coroutine
from typing import Any

import structlog

from services.notify.domain.delivery import RetryPolicy
from services.notify.service_layer.digests import make_digests
from services.notify.service_layer.ports import NotifyUnitOfWork, Renderer
from services.notify.service_layer.sending import Senders, send_due

log = structlog.get_logger()
POLL_SECONDS = 0.2  # also how soon a retry whose backoff has run out is noticed
Job = Callable[[Any], Coroutine[Any, Any, None]]


def sender_job(
    uow_factory: Callable[[], NotifyUnitOfWork],
    senders: Senders,
    policy: RetryPolicy,
    wake: asyncio.Event,
    poll: float = POLL_SECONDS,
) -> Job:
    """`job(runtime)`, looping until cancelled; `wake.set()` makes it look at once."""

    async def job(_runtime: Any) -> None:
        while True:
            wake.clear()
            try:
                await send_due(uow_factory, senders, policy)
            except Exception as exc:  # the database is away: try again later, never die
                log.warning("sender_failed", error=repr(exc))
                await asyncio.sleep(1.0)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wake.wait(), poll)

    return job


def digest_job(
    uow_factory: Callable[[], NotifyUnitOfWork], renderer: Renderer, hour: int, poll: float
) -> Job:
    """`job(runtime)`: makes each due digest once (the digests table of deliveries keeps it so)."""

    async def job(_runtime: Any) -> None:
        while True:
            try:
                await make_digests(uow_factory, renderer, hour)
            except Exception as exc:
                log.warning("digest_failed", error=repr(exc))
            await asyncio.sleep(poll)

    return job
