"""A handler's Quarantined (an event whose claims do not hold against the receiver's state) is dead-lettered
at once with its reasons: no retry, nothing claimed, the next record goes on."""

from __future__ import annotations

from typing import Any

from shared.errors import Quarantined, quarantine
from shared.events.envelope import Envelope
from shared.events.sender import Sender
from shared.events.topics import DEAD_LETTER
from shared.tests.test_consumer import NOW, consumer, designated, record


async def test_a_quarantined_event_is_dead_lettered_once_with_its_reason_and_not_claimed() -> None:
    calls: list[Any] = []

    async def handler(payload: Any, uow: Any) -> None:
        calls.append(payload)
        raise quarantine("not_zone_authority", "不是认定机关", "not the zone's designating authority")

    claimed: set[str] = set()
    c, broker = consumer(handler, claimed)
    await c.handle_record(record())
    assert len(calls) == 1  # not retried: no retry can make a wrong sender right
    [(_, topic, headers)] = broker.sent
    assert topic == DEAD_LETTER and headers["x-dlq-attempts"] == "1"
    assert headers["x-dlq-reason"].startswith("quarantined: not_zone_authority")
    assert claimed == set() and (c.quarantined, c.dead_lettered, c.handled) == (1, 1, 0)


def test_the_sender_is_read_from_the_source_and_nothing_else() -> None:
    env = Envelope.wrap(designated(), source="/jurisdictions/370103/review", time=NOW)
    assert Sender.of(env) == Sender("370103", "review") and Sender.of(env).is_("review", "370103")
    assert not Sender.of(env).is_("review", "370000") and not Sender.of(env).is_("monitoring")
    for odd in ("", "/jurisdictions/370103", "/somewhere/370103/review", "/jurisdictions/370103/review/x"):
        assert Sender.of(Envelope.wrap(designated(), source=odd, time=NOW)) == Sender("", "")
    assert Sender.of(None) == Sender("", "") and str(Sender("", "")) == "(no sender)"
    assert isinstance(quarantine("c", "中", "en"), Quarantined)
