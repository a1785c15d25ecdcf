"""Each event reaches its default audience; notify's view supplies the reference number to later notices."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from services.notify.adapters.mailer import SmtpMailer
from services.notify.adapters.templates import TemplateRenderer
from services.notify.domain.delivery import RetryPolicy
from services.notify.entrypoints.jobs import sender_job
from services.notify.service_layer.sending import Senders
from services.notify.tests import samples as ev
from services.notify.tests.integration.conftest import MailCatcher, UowFactory, count, record
from shared.messaging.consumer import EventConsumer

pytestmark = pytest.mark.integration


async def test_a_whole_life_tells_the_applicant_and_the_reviewer(
    consumer: EventConsumer, uow_factory: UowFactory
) -> None:
    events = [ev.submitted(), ev.task_opened(), ev.decided("revise"), ev.designated(), ev.obligation()]
    for offset, event in enumerate(events):
        await consumer.handle_record(record(ev.envelope(event), offset))
    uow = uow_factory()
    async with uow:
        applicant = await uow.in_app_messages.list("applicant:370103")
        reviewer = await uow.in_app_messages.list("jurisdiction:370100")
        zone = await uow.views.zone(ev.ZONE_ID)
        subscribers = {s.id: s for s in await uow.subscribers.list()}
    assert [e.event_type for e in applicant] == [
        "zones.obligation.scheduled.v1", "zones.zone.designated.v1", "zones.review.stage_decided.v1",
        "zones.application.submitted.v1",
    ]  # fmt: skip
    assert "SZ-2027-370103-01" in applicant[2].body and "2027年7月1日前重新提交" in applicant[2].body
    assert "2027年10月1日" in applicant[0].subject
    task, submission = [e for e in reviewer if e.event_type != "zones.zone.designated.v1"]
    assert submission.subject.startswith("【申报报送】济南市市中区") and "济南市：" in submission.body
    assert any(e.event_type == "zones.zone.designated.v1" for e in reviewer)  # the level above
    assert task.subject.startswith("【待审事项】市级民政部门审核") and "2027年6月16日" in task.body
    assert zone is not None and zone.application_id == ev.APP_ID
    assert subscribers["jurisdiction:370100"].email is None
    assert subscribers["applicant:370103"].email == "sq@jnsz.gov.cn"
    # four emails to the applicant, none to the reviewer (in-app only)
    assert await count(uow_factory(), "deliveries", "channel = 'email'") == 4
    assert await count(uow_factory(), "deliveries", "subscriber_id = 'jurisdiction:370100'") == 3


async def test_the_sender_job_is_woken_by_the_commit(
    database: str, uow_factory: UowFactory, consumer: EventConsumer, smtp: MailCatcher, mailer: SmtpMailer
) -> None:
    wake = asyncio.Event()

    def waking_factory(cause: Any = None, **kw: Any) -> Any:
        return uow_factory(cause, on_pending=wake.set, **kw)

    consumer.uow_factory = waking_factory
    # a long poll: only the wake-up can make the email go out within the test's patience
    job = sender_job(waking_factory, Senders(mailer, TemplateRenderer()), RetryPolicy(), wake, poll=30)
    task = asyncio.create_task(job(None))
    try:
        await asyncio.sleep(0.1)  # the job's first look finds nothing and starts waiting
        await consumer.handle_record(record(ev.envelope(ev.submitted())))
        for _ in range(50):
            if smtp.received:
                break
            await asyncio.sleep(0.05)
        assert len(smtp.received) == 1
    finally:
        task.cancel()
