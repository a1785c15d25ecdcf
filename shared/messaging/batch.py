"""Applying a fetched batch of records in one transaction (the consumer's fast path).

One inbox insert claims every admitted event of the batch (`ON CONFLICT DO NOTHING RETURNING`: the
ids not applied before); each fresh event's handler then runs, in the order fetched (so per partition,
so per key), in a unit of work that joins the batch's transaction; claims of events whose handler
committed nothing are released, as the one-by-one path rolls them back; one commit. The consumer
commits the offsets after it. Any error leaves nothing behind (the transaction rolls back) and the
consumer applies the batch again one record at a time.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING, Any

import structlog

from shared.db.batch import BatchTransaction
from shared.faults import crash_point
from shared.messaging.admission import Admitted, Refused, Skipped
from shared.runtime.metrics import EVENTS_HANDLED, HANDLER_SECONDS

if TYPE_CHECKING:
    from shared.messaging.consumer import EventConsumer

log = structlog.get_logger()

BeginBatch = Callable[[], AbstractAsyncContextManager[BatchTransaction]]
"""Opens a transaction that units of work made inside it join (`SqlUnitOfWorkFactory.batch`)."""


async def apply_batch(
    consumer: EventConsumer[Any], begin: BeginBatch, verdicts: Sequence[Admitted | Refused | Skipped]
) -> list[str | None]:
    """Per verdict: "applied", "duplicate", or None (not admitted: the caller's, after the commit)."""
    outcomes: list[str | None] = [None] * len(verdicts)
    timings: list[tuple[str, float]] = []
    applied: list[str] = []
    async with begin() as batch:
        fresh = await batch.claim(consumer.name, [v.env for v in verdicts if isinstance(v, Admitted)])
        for i, v in enumerate(verdicts):
            if not isinstance(v, Admitted):
                continue
            if v.env.id not in fresh:  # applied before, or a second copy within this batch
                outcomes[i] = "duplicate"
                continue
            fresh.discard(v.env.id)
            started = time.perf_counter()
            structlog.contextvars.bind_contextvars(
                event_id=v.env.id, correlation_id=v.env.correlation_id, event_type=v.env.type
            )
            try:
                async with consumer.uow_factory(v.env) as uow:
                    await consumer.handlers[v.env.type](v.payload, uow)
            finally:
                structlog.contextvars.unbind_contextvars("event_id", "correlation_id", "event_type")
            outcomes[i] = "applied"
            applied.append(v.env.id)
            timings.append((v.env.type, time.perf_counter() - started))
        await batch.release(consumer.name, [e for e in applied if e not in batch.committed])
        crash_point("consumer.batch_before_commit")
        await batch.commit()
    consumer.handled += len(timings)
    for event_type, seconds in timings:
        EVENTS_HANDLED.labels(consumer.name, event_type).inc()
        HANDLER_SECONDS.labels(consumer.name, event_type).observe(seconds)
    if len(timings) > 1:
        log.debug("event_batch_applied", applied=len(timings), records=len(verdicts))
    return outcomes
