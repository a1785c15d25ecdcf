"""Issue 7: the name of the authority's reviewer stays with the submission in monitoring's database;
the event says who reviewed only by reference."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from services.monitoring.service_layer import filings, handlers
from services.monitoring.tests.integration.conftest import UowFactory
from services.monitoring.tests.integration.life import feed, outbox
from services.monitoring.tests.samples import designation
from tests.support.outbox import outbox_text

pytestmark = pytest.mark.integration
REVIEWER = "山东省民政厅 赵强（13912345678）"


async def test_the_reviewers_name_is_kept_here_and_not_sent(uow_factory: UowFactory) -> None:
    zone_id = designation().zone_id
    await feed(uow_factory, designation())
    zone = await handlers.get_zone(zone_id, uow_factory())
    plan = next(o for o in zone.obligations if o.actor == "zone")
    submission = await filings.submit(uow_factory(), zone_id, plan.id, f"{plan.title}全文", {})
    await filings.review(uow_factory(), zone_id, plan.id, "returned", REVIEWER, "请补充经费保障。")

    [reviewed] = await outbox(uow_factory, "zones.obligation.reviewed.v1")
    assert reviewed["reviewer"] == f"reviewer:370000:{submission.id.replace('-', '')[:8]}"
    uow = uow_factory()
    async with uow:
        sent = await outbox_text(uow.session)
        kept = (await uow.session.execute(text("SELECT reviewer FROM submissions"))).scalar_one()
    assert kept == REVIEWER
    assert "zones.obligation.reviewed.v1" in sent and "赵强" not in sent and "13912345678" not in sent
