"""A commit wakes its database's relay in-process when this process's relay is the active one, and
NOTIFYs only when it is not (shared/db/outbox_wake.py): NOTIFY makes every NOTIFY-ing commit of the
server wait in one line through its WAL flush, which choked the deadline-day surge."""

from __future__ import annotations

import asyncio
from typing import Any

import asyncpg
import pytest

from services.intake.service_layer import handlers
from services.intake.tests.integration.conftest import UowFactory
from services.intake.tests.unit.drafts import draft
from shared.db import outbox_wake
from shared.db.unit_of_work import OUTBOX_CHANNEL
from shared.messaging.relay import OutboxRelay
from shared.programmes.loader import default_catalogue

pytestmark = pytest.mark.integration


def _url(uow_factory: UowFactory) -> Any:
    uow = uow_factory()
    return uow._sessions.kw["bind"].url  # the engine the test's units of work commit through


async def test_a_commit_notifies_only_when_no_relay_of_this_process_is_active(
    uow_factory: UowFactory,
) -> None:
    url = _url(uow_factory)
    key = outbox_wake.database_key(url)
    heard: list[str] = []
    listener = await asyncpg.connect(url.set(drivername="postgresql").render_as_string(hide_password=False))
    await listener.add_listener(OUTBOX_CHANNEL, lambda *args: heard.append(args[2]))
    catalogue = default_catalogue()
    try:
        await handlers.handle_submit_application(draft("national-zones"), uow_factory(), catalogue)
        await asyncio.sleep(0.5)
        assert heard == [OUTBOX_CHANNEL]  # no relay here: NOTIFY, as before
        woken: list[int] = []
        outbox_wake.relaying_here(key, lambda: woken.append(1))
        try:
            cmd = draft("national-zones", applicant_code="370102", applicant_name="济南市历下区")
            await handlers.handle_submit_application(cmd, uow_factory(), catalogue)
            await asyncio.sleep(0.5)
        finally:
            outbox_wake.relaying_elsewhere(key)
        assert woken == [1] and heard == [OUTBOX_CHANNEL]  # woken in-process after the commit, no NOTIFY
    finally:
        await listener.close()


async def test_the_active_relay_registers_itself_and_withdraws_when_it_stops(uow_factory: UowFactory) -> None:
    url = _url(uow_factory)
    key = outbox_wake.database_key(url)
    published: list[bytes] = []

    async def publish(topic: str, k: bytes, value: bytes, headers: dict[str, str]) -> Any:
        published.append(k)
        return asyncio.sleep(0)

    dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
    relay = OutboxRelay(dsn, publish, poll_interval=30.0)  # only a wake makes it publish within the test
    task = asyncio.create_task(relay.run())
    for _ in range(100):
        if relay.active:
            break
        await asyncio.sleep(0.05)
    assert relay.active and outbox_wake.local_waker(key) is not None
    app = await handlers.handle_submit_application(
        draft("national-zones"), uow_factory(), default_catalogue()
    )
    for _ in range(40):  # woken by the commit, not by its 30 s poll
        if published:
            break
        await asyncio.sleep(0.025)
    assert published == [app.id.encode()]
    relay.stop()
    await task
    assert outbox_wake.local_waker(key) is None
