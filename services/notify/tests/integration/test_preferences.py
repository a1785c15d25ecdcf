"""People reached by the default rules, muted versus critical, and the daily digest made exactly once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from services.notify.adapters.mailer import SmtpMailer
from services.notify.adapters.templates import TemplateRenderer
from services.notify.domain import registration
from services.notify.domain.delivery import RetryPolicy
from services.notify.service_layer import subscribers
from services.notify.service_layer.digests import make_digests
from services.notify.service_layer.sending import Senders, send_due
from services.notify.tests import samples as ev
from services.notify.tests.integration.conftest import MailCatcher, UowFactory, record
from shared.clock import FixedClock
from shared.messaging.consumer import EventConsumer

pytestmark = pytest.mark.integration
RENDERER = TemplateRenderer()


async def _person(uow_factory: UowFactory, key: str, code: str, role: str, language: str = "zh-CN") -> str:
    person = registration.new_person(key, f"{key}同志", code, role, f"{key}@mz.gov.cn", language)
    await subscribers.register(person, uow_factory())
    return person.id


async def _statuses(uow_factory: UowFactory, subscriber_id: str) -> list[tuple[str, str, str]]:
    uow = uow_factory()
    async with uow:
        found = await uow.deliveries.list(subscriber_id)
    return sorted((d.event_type.split(".")[-2], d.channel.value, d.status.value) for d in found)


async def test_people_with_a_role_are_reached_by_the_default_rules(
    consumer: EventConsumer, uow_factory: UowFactory
) -> None:
    reviewer = await _person(uow_factory, "li", "370100", "reviewer")
    boss = await _person(uow_factory, "wang", "370100", "supervisor", "en")
    elsewhere = await _person(uow_factory, "zhao", "370200", "reviewer")
    for offset, event in enumerate([ev.submitted(), ev.task_opened()]):
        await consumer.handle_record(record(ev.envelope(event), offset))
    assert await _statuses(uow_factory, reviewer) == [("task_opened", "email", "pending"),
                                                      ("task_opened", "in_app", "sent")]  # fmt: skip
    assert await _statuses(uow_factory, boss) == [("submitted", "email", "pending"),
                                                  ("submitted", "in_app", "sent")]  # fmt: skip
    assert await _statuses(uow_factory, elsewhere) == []
    uow = uow_factory()
    async with uow:
        [entry] = await uow.in_app_messages.list(boss)
    assert entry.subject.startswith("[Application submitted]") and entry.body.startswith("To wang同志,")


async def test_muted_categories_are_not_sent_but_critical_ones_are(
    consumer: EventConsumer, uow_factory: UowFactory
) -> None:
    person = await _person(uow_factory, "sun", "370103", "applicant")
    await subscribers.set_preferences(person, ["submission", "obligation"], False, uow_factory())
    events = [ev.submitted(), ev.decided("revise"), ev.designated(), ev.obligation()]
    for offset, event in enumerate(events):
        await consumer.handle_record(record(ev.envelope(event), offset))
    told = {kind for kind, _channel, _status in await _statuses(uow_factory, person)}
    assert told == {"stage_decided", "designated"}  # the decision and the designation: critical


async def test_the_daily_digest_gathers_what_was_held_once_even_when_run_again(
    consumer: EventConsumer, uow_factory: UowFactory, clock: FixedClock, smtp: MailCatcher, mailer: SmtpMailer
) -> None:
    person = await _person(uow_factory, "qian", "370103", "applicant")
    await subscribers.set_preferences(person, [], True, uow_factory())
    events = [ev.submitted(), ev.decided("revise"), ev.designated(), ev.obligation()]
    for offset, event in enumerate(events):
        await consumer.handle_record(record(ev.envelope(event), offset))
    assert await _statuses(uow_factory, person) == [
        ("designated", "email", "pending"), ("designated", "in_app", "sent"),
        ("scheduled", "email", "held"), ("scheduled", "in_app", "sent"),
        ("stage_decided", "email", "pending"), ("stage_decided", "in_app", "sent"),
        ("submitted", "email", "held"), ("submitted", "in_app", "sent"),
    ]  # fmt: skip
    assert await make_digests(uow_factory, RENDERER, hour=8) == 0  # 10:00 on 1 June: held since today
    clock.advance(timedelta(days=1))  # 10:00 on 2 June in Beijing: the 2 June digest is due
    assert await make_digests(uow_factory, RENDERER, hour=8) == 1
    assert await make_digests(uow_factory, RENDERER, hour=8) == 0  # again, as after a restart: nothing
    await send_due(uow_factory, Senders(mailer, RENDERER), RetryPolicy())
    digests = [m for rcpt, m in smtp.received if rcpt == ["qian@mz.gov.cn"] and "每日汇总" in m["Subject"]]
    [digest] = digests
    assert digest["Subject"] == "【每日汇总】2027年6月2日，共2条通知"
    body = digest.get_body().get_content()  # type: ignore[union-attr]
    assert "【申报受理】" in body and "【报送事项】" in body and "审核结果" not in body
    uow = uow_factory()
    async with uow:
        rows = (await uow.session.execute(text(
            "SELECT status, count(*), count(DISTINCT digest_id) FROM deliveries "
            f"WHERE subscriber_id = '{person}' AND channel = 'email' GROUP BY status ORDER BY status"
        ))).all()  # fmt: skip
    assert [tuple(r) for r in rows] == [("digested", 2, 1), ("sent", 3, 0)]
