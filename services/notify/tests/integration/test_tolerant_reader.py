"""Tolerant reader, against real PostgreSQL: every registered event type, carrying a field a later minor
version added, is applied by its consumers, and the field is nowhere in what they keep.

Notify consumes every lifecycle type (real handlers, real database, a webhook subscriber that wants them
all); intake, review and monitoring handlers take the typed payload, which has no such field
(shared/tests/test_cloudevents_attributes.py). The one type on the dead-letter topic has no consumer:
its admission is checked."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import text

from services.notify.domain import registration
from services.notify.service_layer import subscribers
from services.notify.tests.integration.conftest import UowFactory, record
from shared.events.envelope import Envelope
from shared.events.registry import EVENT_TYPES
from shared.events.topics import DEAD_LETTER
from shared.messaging.admission import Admitted, admit
from shared.messaging.consumer import EventConsumer
from shared.tests.genuine_events import GENUINE, NOW

pytestmark = pytest.mark.integration
MARK = "added_in_a_later_minor"
SECRET = "whsec_cHJvdmluY2Utb2Etc2hhcmVkLXNlY3JldC0zMmJ5dGU="


def _newer(env: Envelope) -> Envelope:
    return replace(env, data={**env.data, MARK: {"note": "a later minor version's optional field"}})


async def _tables_holding(uow_factory: UowFactory, needle: str) -> dict[str, int]:
    uow = uow_factory()
    async with uow:
        names = await uow.session.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
        found = {}
        for (name,) in names.all():
            n = (await uow.session.execute(text(f'SELECT count(*) FROM "{name}" t WHERE t::text LIKE :n'),
                                           {"n": f"%{needle}%"})).scalar_one()  # fmt: skip
            found[name] = int(n)
    return found


async def test_every_type_with_an_unknown_field_is_applied_and_the_field_kept_out(
    consumer: EventConsumer, uow_factory: UowFactory
) -> None:
    system = registration.new_system(
        "sd-oa", "山东省民政厅办公系统", "370000", "https://oa.example/h", SECRET
    )
    await subscribers.register(system, uow_factory())
    wanted = registration.new_subscription("s1", system.id, "zones.*", None, set(), None, True, {})
    await subscribers.subscribe(wanted, uow_factory())
    applied, admitted_only = set(), set()
    for offset, (event, who) in enumerate(GENUINE):
        env = _newer(Envelope.wrap(event, source=f"/jurisdictions/{who}", time=NOW))
        if event.topic == DEAD_LETTER:  # nobody consumes it as an event; admission must still read it
            verdict = admit(SimpleNamespace(**vars(record(env, offset))), None, NOW, timedelta(minutes=5))
            assert isinstance(verdict, Admitted) and MARK not in verdict.env.data
            assert verdict.payload == event
            admitted_only.add(event.type)
            continue
        assert await consumer.handle_record(record(env, offset)) == "applied", event.type
        applied.add(event.type)
    assert consumer.dead_lettered == 0
    assert len(applied) + len(admitted_only) == len(EVENT_TYPES) == len(GENUINE)
    assert len(applied) == len(EVENT_TYPES) - 1
    kept = await _tables_holding(uow_factory, MARK)
    assert sum(kept.values()) == 0, kept
    # the check looked where the events went: the inbox holds each id, the webhook deliveries each event
    claimed = await _tables_holding(uow_factory, "zones.")
    assert claimed["deliveries"] >= len(applied) and len(kept) >= 5
