"""A zone recommended into another programme arrives at intake as a pre-filled, pending application."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from services.intake.entrypoints.consumers import intake_consumer
from services.intake.service_layer.recommendations import get_recommendation, list_recommendations
from services.intake.service_layer.unit_of_work import SqlIntakeUnitOfWork
from shared.errors import NotFound
from shared.events.envelope import Envelope
from shared.events.schemas import ApplicantRef, ZoneRecommended
from shared.events.topics import ZONES
from shared.programmes.loader import default_catalogue
from shared.settings import Settings

pytestmark = pytest.mark.integration

EVENT = ZoneRecommended(
    zone_id="z-1", application_id="app-jl", programme="jilin-zones",
    applicant=ApplicantRef(code="220104", name="长春市朝阳区"), authority="220000",
    recommendation_id="r-1", into_programme="national-zones", title="智慧社区", theme="提升社区服务能力",
    title_conferred="吉林省社区治理和服务创新实验区", note_zh="省民政厅择优推荐申报国家级实验区",
    recommended_at=datetime(2029, 9, 10, 2, tzinfo=UTC),
)  # fmt: skip


def record(
    event: ZoneRecommended = EVENT,
) -> SimpleNamespace:  # a new event id each time: a re-published copy
    source = f"/jurisdictions/{event.authority}/review"  # the province's own decision (004:51)
    env = Envelope.wrap(event, source=source, time=event.recommended_at)
    headers = [(k, v.encode()) for k, v in env.headers().items()]
    return SimpleNamespace(
        headers=headers, value=env.value(), key=env.subject.encode(), topic=ZONES, partition=0, offset=0
    )


async def test_a_recommendation_becomes_one_prefilled_pending_application(uow_factory) -> None:
    def factory(cause: Envelope | None = None, correlation_id: str | None = None) -> SqlIntakeUnitOfWork:
        return uow_factory(cause=cause, correlation_id=correlation_id)

    consumer = intake_consumer(Settings(service="intake"), factory, default_catalogue())
    await consumer.handle_record(record())
    await consumer.handle_record(record())
    assert consumer.dead_lettered == 0
    [rec] = await list_recommendations(uow_factory(), "220104")
    assert (rec["status"], rec["into_programme"], rec["recommended_by"]) == (
        "pending",
        "national-zones",
        "220000",
    )
    assert rec["prefill"] == {
        "programme": "national-zones", "applicant_code": "220104", "applicant_name": "长春市朝阳区",
        "title": "智慧社区", "theme": "提升社区服务能力",
    }  # fmt: skip
    assert (await get_recommendation(uow_factory(), "r-1"))["zone_id"] == "z-1"
    assert await list_recommendations(uow_factory(), "370103") == []
    with pytest.raises(NotFound):
        await get_recommendation(uow_factory(), "nope")


async def test_a_recommendation_into_a_target_run_outside_the_system_prefills_nothing(uow_factory) -> None:
    """003:47–49 "申报…“全国农村社区治理实验区”的单位原则上从全省城乡社区治理实验区中择优推荐": the
    rural national programme has no definition here, so the recommendation is told, not pre-filled."""

    def factory(cause: Envelope | None = None, correlation_id: str | None = None) -> SqlIntakeUnitOfWork:
        return uow_factory(cause=cause, correlation_id=correlation_id)

    rural = EVENT.model_copy(
        update={
            "programme": "shandong-zones", "applicant": ApplicantRef(code="370103", name="济南市市中区"),
            "authority": "370000", "recommendation_id": "r-2", "into_programme": "national-rural-zones",
            "into_name_zh": "全国农村社区治理实验区", "into_external": True,
        }
    )  # fmt: skip
    consumer = intake_consumer(Settings(service="intake"), factory, default_catalogue())
    await consumer.handle_record(record(rural))
    await consumer.handle_record(
        record(rural.model_copy(update={"into_programme": "national-zones", "into_external": False}))
    )
    assert consumer.dead_lettered == 0 and consumer.handled == 2
    assert [r["into_programme"] for r in await list_recommendations(uow_factory(), "370103")] == [
        "national-zones"
    ]
