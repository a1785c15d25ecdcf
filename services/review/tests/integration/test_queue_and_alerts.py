"""The queue's filters, sorting and pages; reminders of time limits exactly once, across restarts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from services.review.adapters.repository import TaskQuery
from services.review.service_layer.alerts import send_due_alerts
from services.review.tests.integration.conftest import Instance, envelope
from services.review.tests.samples import submitted
from shared.programmes.loader import default_catalogue

pytestmark = pytest.mark.integration
CATALOGUE = default_catalogue()


async def jinan_with_three(instances: object) -> Instance:
    jinan: Instance = await instances("370100")  # type: ignore[operator]
    for code, name in (("370103", "济南市市中区"), ("370102", "济南市历下区"), ("370104", "济南市槐荫区")):
        await jinan.deliver(envelope(submitted(code, name)))
        jinan.clock.advance(timedelta(days=1))
    return jinan


async def test_filters_sorting_and_pages(instances: object) -> None:
    jinan = await jinan_with_three(instances)
    async with (uow := jinan.uow()):
        page, total = await uow.tasks.list(TaskQuery(sort="due_on", limit=2))
        assert total == 3 and [t.applicant_code for t in page] == ["370103", "370102"]
        rest, _ = await uow.tasks.list(TaskQuery(sort="due_on", limit=2, offset=2))
        assert [t.applicant_code for t in rest] == ["370104"]
        mine, n = await uow.tasks.list(
            TaskQuery(applicant="370102", state="open", programme="shandong-zones")
        )
        assert n == 1 and mine[0].applicant_code == "370102"
        early, _ = await uow.tasks.list(TaskQuery(due_before=page[1].due_on))
        assert [t.applicant_code for t in early] == ["370103"]


async def test_due_soon_then_overdue_each_once_even_after_a_restart(instances: object) -> None:
    jinan = await jinan_with_three(instances)
    due = date.fromisoformat(str(await jinan.scalar("SELECT min(due_on) FROM tasks")))
    jinan.clock.at = jinan.clock.at.replace(year=due.year, month=due.month, day=due.day) - timedelta(days=2)
    # Two days before the first due date: the first two are due within three days, the third is not.
    assert await send_due_alerts(jinan.uow, CATALOGUE, soon_days=3) == 2
    assert await send_due_alerts(jinan.uow, CATALOGUE, soon_days=3) == 0  # a second look, or a restart
    jinan.clock.advance(timedelta(days=10))  # every task overdue now
    assert await send_due_alerts(jinan.uow, CATALOGUE, soon_days=3) == 3
    assert await send_due_alerts(jinan.uow, CATALOGUE, soon_days=3) == 0
    types = await jinan.outbox_types()
    assert types.count("task_overdue_soon") == 2 and types.count("task_overdue") == 3
