"""Assembling daily digests: per subscriber, the held deliveries become one digest email, in one
transaction, so a digest is made once and every held delivery is in exactly one digest."""

from __future__ import annotations

from collections.abc import Callable

import structlog

from services.notify.domain.delivery import Delivery
from services.notify.domain.digest import digest_cutoff, digest_notice
from services.notify.domain.subscriber import Channel
from services.notify.service_layer.ports import NotifyUnitOfWork, Renderer

log = structlog.get_logger()


async def digest_one(uow: NotifyUnitOfWork, subscriber_id: str, renderer: Renderer, hour: int) -> bool:
    """Make today's digest for one subscriber; False when there was nothing (left) to gather."""
    async with uow:
        now = uow.clock.now()
        cutoff, day = digest_cutoff(now, hour)
        subscriber = await uow.subscribers.get(subscriber_id)
        held = await uow.deliveries.held(subscriber_id, cutoff)
        if subscriber is None or not held or not subscriber.email:
            return False
        items = [
            {"subject": renderer.render(d.event_type, d.language, d.facts).subject,
             "event_type": d.event_type, "created_at": d.created_at.isoformat()}
            for d in held
        ]  # fmt: skip
        digest = Delivery.of(digest_notice(day, subscriber.name, items), subscriber, Channel.EMAIL, now)
        if not await uow.deliveries.add(digest):
            log.info("digest_exists", subscriber_id=subscriber_id, day=day.isoformat())
            return False
        for d in held:
            d.mark_digested(now)
        await uow.deliveries.mark_digested(held, digest.id)
        await uow.commit()
    log.info("digest_made", subscriber_id=subscriber_id, day=day.isoformat(), items=len(held))
    return True


async def make_digests(uow_factory: Callable[[], NotifyUnitOfWork], renderer: Renderer, hour: int) -> int:
    """Every digest due now; how many were made."""
    uow = uow_factory()
    async with uow:
        cutoff, _day = digest_cutoff(uow.clock.now(), hour)
        waiting = await uow.deliveries.held_subscribers(cutoff)
    made = 0
    for subscriber_id in waiting:
        made += await digest_one(uow_factory(), subscriber_id, renderer, hour)
    return made
