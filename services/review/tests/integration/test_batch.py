"""The consumer's batches on real PostgreSQL: one transaction per fetched batch, exactly-once effects,
and a poison record that still goes to the dead-letter topic alone while the others apply."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from services.review.entrypoints.consumers import review_consumer
from services.review.service_layer.ports import ReviewUnitOfWork
from services.review.service_layer.unit_of_work import SqlReviewUnitOfWork
from services.review.tests.integration.conftest import Instance, envelope
from services.review.tests.samples import submitted
from shared.db import audit
from shared.db.engine import session_factory
from shared.db.unit_of_work import unit_of_work_factory
from shared.events.envelope import Envelope
from shared.messaging.consumer import EventConsumer
from shared.programmes.loader import default_catalogue
from shared.runtime.metrics import REGISTRY
from shared.settings import Settings

Make = Callable[[str], Awaitable[Instance]]


@dataclass
class DeadLetters:
    sent: list[dict[str, str]] = field(default_factory=list)

    async def publish(self, _value: bytes, _topic: str, *, key: bytes, headers: dict[str, str]) -> None:
        self.sent.append(headers)


def batching_consumer(inst: Instance) -> tuple[EventConsumer[ReviewUnitOfWork], DeadLetters]:
    settings = Settings(service="review", jurisdiction=inst.me, retry_backoff_ms=1, max_attempts=1)
    factory = unit_of_work_factory(
        SqlReviewUnitOfWork, session_factory(inst.engine), source=settings.source, clock=inst.clock
    )
    consumer = review_consumer(settings, factory, default_catalogue())
    assert consumer.begin_batch is not None  # the SQL unit of work can join a batch
    dead = DeadLetters()
    consumer.broker = dead  # type: ignore[assignment]
    return consumer, dead


def record(env: Envelope, offset: int) -> Any:
    return SimpleNamespace(
        headers=[(k, v.encode()) for k, v in env.headers().items()],
        value=env.value(),
        key=env.subject.encode(),
        topic=env.topic,
        partition=0,
        offset=offset,
    )


def handled_metric() -> float:
    labels = {"consumer": "review-370100", "type": "zones.application.submitted.v1"}
    return REGISTRY.get_sample_value("zones_events_handled_total", labels) or 0.0


def dead_metric() -> float:
    return REGISTRY.get_sample_value("zones_dead_letters_total", {"consumer": "review-370100"}) or 0.0


async def counts(inst: Instance) -> tuple[object, ...]:
    return tuple(
        [await inst.scalar(f"SELECT count(*) FROM {t}") for t in ("cases", "tasks", "inbox", "outbox")]
    )


async def test_a_batch_applies_in_one_transaction_and_a_redelivery_changes_nothing(instances: Make) -> None:
    jinan = await instances("370100")
    consumer, dead = batching_consumer(jinan)
    events = [envelope(submitted(f"3701{n:02d}")) for n in (2, 3, 4, 5, 12)]
    again = envelope(events[0].payload())  # the same submission re-published under a new id
    garbage = SimpleNamespace(
        headers=[("ce_id", b"x")], value=b"\xff", key=b"k", topic="t", partition=0, offset=9
    )
    records = [record(e, i) for i, e in enumerate(events)] + [record(events[1], 5), record(again, 6), garbage]

    before = handled_metric(), dead_metric()
    outcomes = await consumer.handle_batch(records)

    assert outcomes == ["applied"] * 5 + ["duplicate", "applied", "dead_lettered"]
    assert (handled_metric() - before[0], dead_metric() - before[1]) == (6, 1)  # counted per record
    assert await counts(jinan) == (5, 5, 5, 5)  # the copy committed nothing: its claim was released
    assert await jinan.scalar("SELECT count(DISTINCT handled_at) FROM inbox") == 1  # one transaction
    async with session_factory(jinan.engine)() as session:
        chain = await audit.verify(session)
    assert chain.ok and chain.entries == 5, chain  # each event's entry, chained in the batch's order
    assert [d["x-dlq-reason"].split(":")[0] for d in dead.sent] == ["malformed"]
    assert consumer.handled == 6

    assert await consumer.handle_batch(records) == ["duplicate"] * 6 + ["applied", "dead_lettered"]
    assert await counts(jinan) == (5, 5, 5, 5)


async def test_a_poison_record_in_a_batch_goes_to_the_dead_letter_topic_alone(instances: Make) -> None:
    jinan = await instances("370100")
    consumer, dead = batching_consumer(jinan)
    good = [envelope(submitted(f"3701{n:02d}")) for n in (2, 3, 4)]
    poison = envelope(submitted("370105", period_months=999))  # the handler quarantines it
    records = [record(e, i) for i, e in enumerate([good[0], poison, good[1], good[2]])]

    outcomes = await consumer.handle_batch(records)

    assert outcomes == ["applied", "dead_lettered", "applied", "applied"]
    assert await counts(jinan) == (3, 3, 3, 3)
    assert len(dead.sent) == 1 and dead.sent[0]["ce_id"] == poison.id
    assert dead.sent[0]["x-dlq-reason"].startswith("quarantined")
