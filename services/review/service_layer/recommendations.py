"""择优推荐: the authority recommends one of the zones it designated into another programme."""

from __future__ import annotations

import structlog

from services.review.adapters.repository import TaskQuery
from services.review.domain.commands import RecommendZone
from services.review.domain.recommendation import recommend, record_recommended
from services.review.service_layer.ports import ReviewUnitOfWork
from shared.errors import quarantine
from shared.events.schemas import ZoneRecommended
from shared.events.sender import Sender
from shared.programmes.loader import Catalogue

log = structlog.get_logger()


async def handle_recommend_zone(
    cmd: RecommendZone, uow: ReviewUnitOfWork, catalogue: Catalogue, me: str
) -> ZoneRecommended:
    """Judge the recommendation against this instance's own records of the zone; emit it when it holds."""
    async with uow:
        zone_tasks, _ = await uow.tasks.list(TaskQuery(zone_id=cmd.zone_id, sort="opened_at", limit=1000))
        application_ids = {t.application_id for t in zone_tasks if t.kind == "stage"}
        case = (
            await uow.cases.get(application_ids.pop(), for_update=True) if len(application_ids) == 1 else None
        )
        programme = catalogue.get(case.programme, case.programme_version) if case else None
        event = recommend(cmd, me, case, zone_tasks, programme, uow.clock.now())
        assert case is not None
        await uow.cases.save(case)
        await uow.commit()
    log.info(
        "zone_recommended", zone_id=cmd.zone_id, into=cmd.into, recommendation_id=event.recommendation_id
    )
    return event


async def handle_zone_recommended(event: ZoneRecommended, uow: ReviewUnitOfWork, me: str) -> None:
    """My own recommendation (a rebuild by replay): the case's history, which refuses a second one."""
    if event.authority != me:
        return
    sender = Sender.of(uow.cause)
    if not sender.is_("review", me):
        raise quarantine(
            "not_my_own",
            f"自称本级（{me}）作出的推荐，发送方却是 {sender}",
            f"a recommendation claiming to be {me}'s own was sent by {sender}",
        )
    async with uow:
        case = await uow.cases.get(event.application_id, for_update=True)
        if case is None or not record_recommended(case, event):
            return
        await uow.cases.save(case)
        await uow.commit()
