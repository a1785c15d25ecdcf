"""The consumer's rules, with fakes: dead letters, bounded retries, redelivery, infrastructure errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from shared.events.envelope import Envelope
from shared.events.schemas import ZoneDesignated
from shared.events.topics import DEAD_LETTER
from shared.messaging.consumer import EventConsumer
from shared.settings import Settings
from shared.tests.test_envelope import designated

NOW = datetime(2027, 6, 1, tzinfo=UTC)


@dataclass
class Record:
    value: bytes
    headers: list[tuple[str, bytes]]
    key: bytes = b"z1"
    topic: str = "zones.zones.v1"
    partition: int = 0
    offset: int = 7


@dataclass
class FakeUow:
    """Like the SQL one: a claim lasts only if the unit of work commits."""

    claimed: set[str]
    pending: set[str] = field(default_factory=set)

    async def __aenter__(self) -> FakeUow:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.pending.clear()

    async def claim(self, consumer: str, env: Envelope) -> bool:
        if env.id in self.claimed:
            return False
        self.pending.add(env.id)
        return True

    async def commit(self) -> None:
        self.claimed |= self.pending


@dataclass
class FakeBroker:
    sent: list[tuple[bytes, str, dict[str, str]]] = field(default_factory=list)

    async def publish(self, value: bytes, topic: str, *, key: bytes, headers: dict[str, str]) -> None:
        self.sent.append((value, topic, headers))


def record() -> Record:
    event = designated()
    env = Envelope.wrap(event, source="/jurisdictions/370000/review", time=NOW)
    return Record(env.value(), [(k, v.encode()) for k, v in env.headers().items()])


def consumer(
    handler: Any, claimed: set[str] | None = None, concerns: Any = None, name: str = "monitoring-000000"
) -> tuple[EventConsumer, FakeBroker]:
    claimed = set() if claimed is None else claimed
    c = EventConsumer(
        name,
        ["zones.zones.v1"],
        {ZoneDesignated: handler},
        lambda env: FakeUow(claimed),
        Settings(max_attempts=3, retry_backoff_ms=1),
        concerns=concerns,
    )
    broker = FakeBroker()
    c.broker = broker  # type: ignore[assignment]
    return c, broker


async def test_a_handler_that_keeps_failing_is_dead_lettered_after_max_attempts() -> None:
    calls = 0

    async def failing(payload: object, uow: object) -> None:
        nonlocal calls
        calls += 1
        raise ValueError("boom")

    c, broker = consumer(failing)
    await c.handle_record(record())
    assert calls == 3
    [(value, topic, headers)] = broker.sent
    assert topic == DEAD_LETTER and value == record().value
    assert headers["x-dlq-attempts"] == "3" and "boom" in headers["x-dlq-reason"]
    assert headers["x-dlq-topic"] == "zones.zones.v1" and headers["x-dlq-offset"] == "7"
    assert headers["ce_type"] == "zones.zone.designated.v1"  # the original headers travel along


async def test_a_handler_that_fails_once_then_succeeds_is_not_dead_lettered() -> None:
    outcomes = [ValueError("flaky"), None]

    async def flaky(payload: object, uow: FakeUow) -> None:
        if (exc := outcomes.pop(0)) is not None:
            raise exc
        await uow.commit()

    c, broker = consumer(flaky, claimed=set())
    await c.handle_record(record())
    assert broker.sent == [] and c.handled == 1


async def test_a_redelivered_event_is_not_applied_again() -> None:
    applied: list[object] = []

    async def handler(payload: object, uow: FakeUow) -> None:
        applied.append(payload)
        await uow.commit()

    c, _ = consumer(handler)
    rec = record()
    await c.handle_record(rec)
    await c.handle_record(rec)
    assert len(applied) == 1


async def test_an_infrastructure_error_is_raised_so_the_offset_is_not_committed(monkeypatch: Any) -> None:
    monkeypatch.setattr("shared.messaging.consumer.asyncio.sleep", _no_sleep)

    async def db_down(payload: object, uow: object) -> None:
        raise OperationalError("SELECT 1", {}, ConnectionRefusedError())

    c, broker = consumer(db_down)
    with pytest.raises(OperationalError):
        await c.handle_record(record())
    assert broker.sent == []


async def test_a_malformed_record_goes_straight_to_dead_letter() -> None:
    c, broker = consumer(lambda p, u: None)
    await c.handle_record(Record(b"{}", [("ce_id", b"1")]))
    [(_, topic, headers)] = broker.sent
    assert topic == DEAD_LETTER and headers["x-dlq-reason"].startswith("malformed")


async def _no_sleep(_: float) -> None:
    return None


async def test_a_foreign_event_is_skipped_before_any_signature_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """A gate that refuses everything (as it refuses an unsigned event): an event about another
    instance's territory is ignored without the gate being asked, one about mine is dead-lettered."""
    from shared.security import gate
    from shared.security.trust import Untrusted
    from shared.territory import Territory

    checked: list[str] = []

    def refusing(env: Envelope, *args: Any, **kw: Any) -> None:
        checked.append(env.id)
        raise Untrusted("unsigned", "no signature")

    monkeypatch.setattr(gate, "check", refusing)

    async def never(payload: object, uow: object) -> None:
        raise AssertionError("a handler must not see it")

    verdicts = {}
    for mine in ("370000", "220000"):  # Shandong's monitoring, then Jilin's: the zone lies in Shandong
        territory = Territory.of(mine)

        def concerns(env: Envelope, payload: Any, t: Territory = territory) -> bool:
            return t.owns(payload.applicant.code)

        c, broker = consumer(never, concerns=concerns, name=f"monitoring-{mine}")
        verdicts[mine] = (await c.handle_record(record()), c.skipped, len(broker.sent))
    assert verdicts == {"370000": ("dead_lettered", 0, 1), "220000": ("ignored", 1, 0)}
    assert len(checked) == 1  # only Shandong's own looked at the signature
