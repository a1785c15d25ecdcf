"""An event consumer: parse the envelope, apply it in one unit of work, commit the offset after.

- A record of a type this consumer does not handle, or about another instance's territory (`concerns`),
  is skipped before any signature work ("ignored"; the latter counted in `zones_events_skipped_total`).
- A record that is not a valid event, or not signed by a trusted key of a source with the
  authority to emit it, goes to the dead-letter topic at once with the reason (`admission.py`).
- A handler error is retried with exponential backoff; after `max_attempts` the record goes to
  the dead-letter topic with the error, and the consumer goes on with the next record.
- An infrastructure error (database or network down) is not the record's fault: the offset is
  not committed and the record is read again, however long that takes.
- The inbox claim sits in the handler's transaction, so a redelivered event changes nothing.
- A fetched batch (up to `consumer_batch_size` records) is applied in one transaction: one inbox
  insert for the batch, each handler in order, one commit, then one offset commit. A batch that fails
  is applied again one record at a time as above, so a poison record is dead-lettered alone
  (`batch.py`).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from functools import partial
from itertools import chain
from typing import Any, Generic, TypeVar

import structlog
from faststream import AckPolicy
from faststream.kafka import KafkaBroker
from faststream.message import StreamMessage
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from shared.db.ports import UnitOfWork
from shared.errors import Quarantined
from shared.events.envelope import Envelope
from shared.events.registry import Event
from shared.faults import crash_point
from shared.messaging.admission import Admitted, Concerns, Refused, Skipped, admit
from shared.messaging.batch import BeginBatch, apply_batch
from shared.messaging.dead_letter import send_to_dead_letter
from shared.runtime.metrics import (
    DEAD_LETTERS,
    EVENTS_FAILED,
    EVENTS_HANDLED,
    EVENTS_SKIPPED,
    HANDLER_SECONDS,
)
from shared.security.gate import TrustUnavailable
from shared.settings import Settings

log = structlog.get_logger()

U = TypeVar("U", bound=UnitOfWork)
Handler = Callable[[Any, U], Awaitable[None]]
"""handler(payload, uow): a service-layer function; it calls uow.commit() when it changed anything.
The unit of work is the service's own (its protocol), so mypy checks each handler map entry."""

TRANSIENT = (OSError, ConnectionError, TimeoutError, OperationalError, InterfaceError)


# SQLSTATE classes that are the server's state, not the record's: connection exceptions (08),
# insufficient resources (53), operator intervention (57: "the database system is shutting down").
TRANSIENT_SQLSTATES = ("08", "53", "57")


def is_transient(exc: BaseException) -> bool:
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    seen: BaseException | None = exc
    for _ in range(8):  # the driver's error, wrapped by SQLAlchemy's adapter and DBAPIError
        if seen is None:
            break
        if isinstance(seen, TRANSIENT):
            return True
        state = getattr(seen, "sqlstate", None) or getattr(seen, "pgcode", None)
        if isinstance(state, str) and state.startswith(TRANSIENT_SQLSTATES):
            return True
        seen = getattr(seen, "orig", None) or seen.__cause__ or seen.__context__
    return False


async def _record(msg: StreamMessage[Any]) -> Any:
    """Hand the handler the aiokafka record itself: no decoding, and no context injection (which
    fast_depends resolves in a worker thread, a thread hop per message)."""
    return msg.raw_message


FETCH_WAIT_MS = 500  # a batch fetch returns as soon as records arrive; this bounds an idle wait


async def _fetch_batch(subscriber: Any, consumer: Any) -> tuple[Any, ...]:
    """FastStream's batch fetch (`BatchSubscriber.get_msg`) without the pause it takes after an empty
    fetch: `getmany` returns as soon as records arrive, so its wait adds no latency, but a record
    arriving during that pause would wait it out."""
    wait, most = subscriber.batch_timeout_ms, subscriber.max_records
    fetched = await consumer.getmany(timeout_ms=wait, max_records=most)
    return tuple(chain.from_iterable(fetched.values()))


class EventConsumer(Generic[U]):
    def __init__(
        self,
        name: str,
        topics: list[str],
        handlers: Mapping[type[Event], Handler[U]],
        uow_factory: Callable[[Envelope], U],
        settings: Settings,
        *,
        concerns: Concerns | None = None,
    ) -> None:
        """`concerns(env, payload)`: whether an event is this instance's own (its service's scope rule,
        e.g. services/notify/domain/scope.py); None: every event is."""
        self.name = name
        self.topics = topics
        self.handlers = {cls.type: h for cls, h in handlers.items()}
        self.uow_factory = uow_factory
        self.settings = settings
        self.concerns: Concerns = concerns or (lambda _env, _payload: True)
        self.broker: KafkaBroker | None = None
        self.subscriber: Any = None  # FastStream's subscriber; its `.consumer` is the aiokafka consumer
        self.now: Callable[[], datetime] = lambda: datetime.now(UTC)  # the service's clock (runtime)
        self.skew = timedelta(seconds=settings.event_clock_skew_s)
        self.handled = 0
        self.dead_lettered = 0
        self.quarantined = 0
        self.skipped = 0  # events not this instance's own, skipped unverified
        self.on_record: Callable[[Any], None] = lambda _record: None  # before each record (replay's clock)
        # one transaction per fetched batch where the unit of work can join one (the SQL one can)
        self.begin_batch: BeginBatch | None = getattr(uow_factory, "batch", None)

    def register(self, broker: KafkaBroker) -> None:
        """Subscribe on `broker` in consumer group `name`, committing offsets only after handling."""
        self.broker = broker
        size = self.settings.consumer_batch_size
        batching: dict[str, Any] = (
            {"batch": True, "max_records": size, "batch_timeout_ms": FETCH_WAIT_MS} if size > 1 else {}
        )
        self.subscriber = broker.subscriber(
            *self.topics,
            group_id=self.name,
            auto_offset_reset="earliest",
            fetch_max_wait_ms=self.settings.kafka_fetch_max_wait_ms,
            session_timeout_ms=self.settings.kafka_session_timeout_ms,
            ack_policy=AckPolicy.NACK_ON_ERROR,
            decoder=_record,
            title=f"{self.name}:{','.join(self.topics)}",
            **batching,
        )

        if size > 1:
            self.subscriber.get_msg = partial(_fetch_batch, self.subscriber)

        @self.subscriber
        async def on_records(records: Any) -> None:
            if isinstance(records, tuple):  # a batch subscriber hands over every record fetched
                await self.handle_batch(records)
            else:
                await self.handle_record(records)

    async def admit(self, record: Any) -> Admitted | Refused | Skipped:
        """What this consumer makes of `record` (admission.py); a trust bundle that cannot be read
        raises (after a pause): not the record's fault, so it is read again."""
        self.on_record(record)
        try:
            return admit(
                record,
                self.settings.trust,
                self.now(),
                self.skew,
                handles=self.handlers.__contains__,
                concerns=self.concerns,
            )
        except TrustUnavailable as exc:
            log.error("trust_bundle_unavailable", error=str(exc))
            await asyncio.sleep(1.0)
            raise

    async def handle_batch(self, records: Sequence[Any]) -> list[str]:
        """Apply a fetched batch in one transaction (what `handle_record` returns, per record); a batch
        that fails is applied again one record at a time. Only an infrastructure error raises."""
        if self.begin_batch is None or len(records) < 2:
            return [await self.handle_record(r) for r in records]
        verdicts = [await self.admit(r) for r in records]
        try:
            outcomes = await apply_batch(self, self.begin_batch, verdicts)
        except Exception as exc:
            if is_transient(exc):
                log.warning("event_infrastructure_error", error=repr(exc), records=len(records))
                await asyncio.sleep(1.0)
                raise  # not committed: the batch is read again
            log.warning("event_batch_failed", records=len(records), error=repr(exc))
            return [await self.handle_record(r) for r in records]  # one by one: the poison one alone
        crash_point("consumer.batch_after_commit")
        crash_point("consumer.after_apply")  # the same moment as after one record's commit
        for i, (record, verdict) in enumerate(zip(records, verdicts, strict=True)):
            outcomes[i] = await self._not_applied(record, verdict) if outcomes[i] is None else outcomes[i]
        return [o or "ignored" for o in outcomes]

    async def _not_applied(self, record: Any, verdict: Refused | Skipped | Admitted) -> str:
        if isinstance(verdict, Refused):
            await self._dead_letter(record, verdict.reason, 1)
            return "dead_lettered"
        if isinstance(verdict, Skipped) and verdict.reason == "foreign":
            self.skipped += 1
            EVENTS_SKIPPED.labels(self.name).inc()
        return "ignored"

    async def handle_record(self, record: Any) -> str:
        """Apply, skip or dead-letter one record: "applied", "duplicate", "ignored" or "dead_lettered".
        Only an infrastructure error raises (the record is then read again)."""
        verdict = await self.admit(record)
        if not isinstance(verdict, Admitted):  # refused: dead-lettered; skipped: not its type or territory
            return await self._not_applied(record, verdict)
        env, payload = verdict.env, verdict.payload
        handler = self.handlers[env.type]
        structlog.contextvars.bind_contextvars(
            event_id=env.id, correlation_id=env.correlation_id, event_type=env.type
        )
        try:
            return await self._apply(record, env, payload, handler)
        finally:
            structlog.contextvars.unbind_contextvars("event_id", "correlation_id", "event_type")

    async def _apply(self, record: Any, env: Envelope, payload: Event, handler: Handler[U]) -> str:
        delay = self.settings.retry_backoff_ms / 1000
        labels = (self.name, env.type)
        for attempt in range(1, self.settings.max_attempts + 1):
            started = time.perf_counter()
            try:
                async with self.uow_factory(env) as uow:
                    if not await uow.claim(self.name, env):
                        log.info("event_duplicate_ignored")
                        return "duplicate"
                    await handler(payload, uow)
                self.handled += 1
                EVENTS_HANDLED.labels(*labels).inc()
                HANDLER_SECONDS.labels(*labels).observe(time.perf_counter() - started)
                crash_point("consumer.after_apply")
                return "applied"
            except Quarantined as exc:  # its claims do not hold here: no retry can change that
                log.warning("event_quarantined", reason=str(exc))
                self.quarantined += 1
                await self._dead_letter(record, f"quarantined: {exc}", attempt)
                return "dead_lettered"
            except Exception as exc:
                EVENTS_FAILED.labels(*labels).inc()
                if is_transient(exc):
                    log.warning("event_infrastructure_error", error=repr(exc))
                    await asyncio.sleep(1.0)
                    raise  # not committed: the record is read again
                log.warning("event_handler_failed", attempt=attempt, error=repr(exc))
                if attempt == self.settings.max_attempts:
                    await self._dead_letter(record, f"handler failed: {exc!r}", attempt)
                    return "dead_lettered"
                await asyncio.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable: the last attempt returns or raises")

    async def _dead_letter(self, record: Any, reason: str, attempts: int) -> None:
        assert self.broker is not None
        log.error("event_dead_lettered", reason=reason, topic=record.topic, offset=record.offset)
        await send_to_dead_letter(
            self.broker.publish, record, consumer=self.name, reason=reason, attempts=attempts
        )
        self.dead_lettered += 1
        DEAD_LETTERS.labels(self.name).inc()
