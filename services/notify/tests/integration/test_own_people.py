"""Notify tells only its own people: Shandong's notify with Jinan delegated (370100) mails no Jinan county
and not the Jinan bureau, neither by default nor through a subscription; Jinan's own notify does."""

from __future__ import annotations

from dataclasses import replace

import httpx
import pytest
from fastapi import FastAPI

from services.notify.adapters.templates import TemplateRenderer
from services.notify.adapters.webhook import TargetGuard
from services.notify.domain.subscriber import Channel, Role, Subscriber, SubscriberKind
from services.notify.domain.subscription import Subscription
from services.notify.domain.webhook_target import TargetRules
from services.notify.entrypoints.consumers import notify_consumer
from services.notify.entrypoints.subscriber_api import router as subscriber_router
from services.notify.settings import NotifySettings
from services.notify.tests import samples as ev
from services.notify.tests.integration.conftest import UowFactory, count, record
from shared.events.schemas import ApplicantRef
from shared.http.errors import install_error_handlers
from shared.messaging.consumer import EventConsumer
from shared.programmes.loader import default_catalogue

pytestmark = pytest.mark.integration
SECRET = "whsec_YXBpLXRlc3Qtc2VjcmV0LW9mLTI0LWJ5dGVzIQ=="

# A person of the province's bureau, and one of Jinan's registered here by mistake.
PROVINCE = Subscriber(
    "person:sd", SubscriberKind.PERSON, "370000", "省民政厅 王", "w@sdmz.gov.cn", (Channel.EMAIL,),
    role=Role.REVIEWER,
)  # fmt: skip
JINAN = replace(PROVINCE, id="person:jn", code="370100", name="济南市民政局 张", email="zh@jnmz.gov.cn")


def shandong(database: str, uow_factory: UowFactory, delegated: str = "370100") -> EventConsumer:
    settings = NotifySettings(
        service="notify", jurisdiction="370000", delegated=delegated, database_url=database
    )
    assert settings.instance == "notify-370000"
    return notify_consumer(settings, uow_factory, TemplateRenderer(), default_catalogue())


async def told(uow_factory: UowFactory) -> set[str]:
    uow = uow_factory()
    async with uow:
        return {d.subscriber_id for d in await uow.deliveries.list(limit=1000)}


async def test_shandong_tells_no_jinan_county_and_not_the_jinan_bureau(
    database: str, uow_factory: UowFactory
) -> None:
    consumer = shandong(database, uow_factory)
    uow = uow_factory()
    async with uow:  # both subscribed to every event
        for person in (PROVINCE, JINAN):
            await uow.subscribers.add(person, uow.clock.now())
            await uow.subscriptions.add(Subscription(f"all-{person.id}", person.id), uow.clock.now())
        await uow.commit()
    jinans = [ev.submitted(), ev.task_opened(), ev.decided("revise"), ev.designated(), ev.obligation()]
    outcomes = [await consumer.handle_record(record(ev.envelope(e), i)) for i, e in enumerate(jinans)]
    assert outcomes == ["ignored"] * 5 and consumer.skipped == 5  # none of its people: skipped unverified
    assert await count(uow_factory(), "deliveries") == 0 and await count(uow_factory(), "inbox") == 0
    # the province's own part of a Jinan zone's life: its filing to review, its overdue review task
    mine = [ev.filed(), ev.task_overdue()]
    outcomes = [await consumer.handle_record(record(ev.envelope(e), 10 + i)) for i, e in enumerate(mine)]
    assert outcomes == ["applied", "applied"] and consumer.skipped == 5
    assert await told(uow_factory) == {"jurisdiction:370000", "person:sd"}  # the province's reviewers only
    assert await count(uow_factory(), "deliveries", "subscriber_id LIKE '%370103%'") == 0
    assert await count(uow_factory(), "deliveries", "subscriber_id = 'jurisdiction:370100'") == 0
    assert await count(uow_factory(), "deliveries", "subscriber_id = 'person:jn'") == 0  # Jinan's person
    # a Qingdao applicant is the province's own: told by default
    qingdao = ev.submitted(applicant=ApplicantRef(code="370202", name="青岛市市南区"), application_id="a-qd")
    assert await consumer.handle_record(record(ev.envelope(qingdao), 20)) == "applied"
    assert {"applicant:370202", "jurisdiction:370200"} <= await told(uow_factory)


async def test_without_the_delegation_the_province_tells_jinan_as_before(
    database: str, uow_factory: UowFactory
) -> None:
    consumer = shandong(database, uow_factory, delegated="")
    for i, e in enumerate([ev.submitted(), ev.decided("revise")]):
        assert await consumer.handle_record(record(ev.envelope(e), i)) == "applied"
    assert {"applicant:370103", "jurisdiction:370100"} <= await told(uow_factory)
    assert consumer.skipped == 0


async def test_shandong_registers_no_jinan_person_nor_system(uow_factory: UowFactory) -> None:
    settings = NotifySettings(
        service="notify", jurisdiction="370000", delegated="370100", auth_required=False
    )
    app = FastAPI()
    install_error_handlers(app)
    app.include_router(subscriber_router)
    app.state.uow_factory, app.state.settings = uow_factory, settings
    app.state.territory, app.state.instance = settings.territory, settings.instance
    app.state.webhook_guard = TargetGuard(TargetRules.of("", []))
    person = {"key": "li", "name": "李审核", "role": "reviewer", "email": "li@jnmz.gov.cn"}
    system = {
        "key": "oa",
        "name": "济南OA",
        "webhook_url": "https://oa.example/hook",
        "secret": "whsec_YXBpLXRlc3Qtc2VjcmV0LW9mLTI0LWJ5dGVzIQ==",
    }
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://notify") as c:
        refused = [
            await c.post("/subscribers/people", json={**person, "jurisdiction": code})
            for code in ("370100", "370103", "220000")
        ]
        refused.append(await c.post("/subscribers/systems", json={**system, "jurisdiction": "370100"}))
        taken = await c.post("/subscribers/people", json={**person, "jurisdiction": "370200"})
    for answer in refused:
        assert answer.status_code == 403, answer.text
        [reason] = answer.json()["reasons"]
        assert "notify-370000" in reason["message_zh"] and "register them with" in reason["message_en"]
    assert len(refused) == 4 and taken.status_code == 201, taken.text
    assert await count(uow_factory(), "subscribers") == 1
