"""The revision deadline holds, and an applicant can withdraw an open application (issue 17, point 10).

003:33 "方案待完善的申报单位...市级民政部门指导申报单位进行修改，修改后再次提交评审" — a revision is
asked for by a date (the stage's due days); after it, the revision is refused and the applicant may
withdraw and apply again in a later round.
"""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import pytest

from services.intake.service_layer import handlers
from services.intake.tests.integration import test_api
from services.intake.tests.integration.conftest import UowFactory, count, decided, follow, outbox, reach
from services.intake.tests.integration.test_revisions import revision
from services.intake.tests.unit.drafts import draft
from shared.clock import FixedClock
from shared.errors import Conflict
from shared.programmes.loader import default_catalogue

pytestmark = pytest.mark.integration
CATALOGUE = default_catalogue()
app, client, body = test_api.app, test_api.client, test_api.body  # the router over real PostgreSQL


async def sent_back(uow_factory: UowFactory, due: date, code: str = "370103") -> str:
    submit = draft("shandong-zones", applicant_code=code, applicant_name=f"区{code}")
    app = await handlers.handle_submit_application(submit, uow_factory(), CATALOGUE)
    await reach(uow_factory, app.id, "preliminary_review", code=code)
    revise = decided(app.id, "preliminary_review", "revise", code=code)
    revise = revise.model_copy(update={"revision_due_on": due})
    await follow(uow_factory, revise)
    return app.id


async def test_a_revision_on_the_last_day_is_taken_the_day_after_refused(
    uow_factory: UowFactory, clock: FixedClock
) -> None:
    today = clock.now().date()  # 2027-05-10 10:00 in Shanghai
    on_time = await sent_back(uow_factory, today)
    assert (await handlers.get_application(on_time, uow_factory())).revision_due_on == today
    revised = await handlers.handle_revise_application(revision(on_time), uow_factory(), CATALOGUE)
    assert revised.revision == 1 and revised.revision_due_on is None

    late = await sent_back(uow_factory, today - timedelta(days=1), code="370102")
    before = await count(uow_factory(), "outbox")
    with pytest.raises(Conflict) as refused:
        await handlers.handle_revise_application(revision(late), uow_factory(), CATALOGUE)
    assert [r.code for r in refused.value.reasons] == ["revision_overdue"]
    assert (
        "已逾期" in refused.value.reasons[0].message_zh and "too late" in refused.value.reasons[0].message_en
    )
    app = await handlers.get_application(late, uow_factory())
    assert (app.revision, app.status.value) == (0, "revision_requested")
    assert await count(uow_factory(), "outbox") == before  # nothing sent


async def test_an_open_application_is_withdrawn_once_and_the_levels_are_told(uow_factory: UowFactory) -> None:
    app_id = await sent_back(uow_factory, date(2027, 5, 1))  # even past its revision deadline
    withdrawn = await handlers.handle_withdraw_application(app_id, " 条件尚不成熟 ", "370103", uow_factory())
    assert withdrawn.status.value == "withdrawn" and withdrawn.history[-1].what == "withdrawn"
    kind, payload = (await outbox(uow_factory()))[-1]
    assert kind == "zones.application.withdrawn.v1"
    assert (payload["application_id"], payload["reason"], payload["applicant"]["code"]) == (
        app_id,
        "条件尚不成熟",
        "370103",
    )
    before = await count(uow_factory(), "outbox")
    with pytest.raises(Conflict) as again:
        await handlers.handle_withdraw_application(app_id, "", "370103", uow_factory())
    assert [r.code for r in again.value.reasons] == ["not_open"]
    assert await count(uow_factory(), "outbox") == before
    # and the applicant may apply again: nothing of it is open
    again_app = await handlers.handle_submit_application(draft("shandong-zones"), uow_factory(), CATALOGUE)
    assert again_app.status.value == "under_review"


async def test_a_decision_crossing_the_withdrawal_is_kept_as_history_only(uow_factory: UowFactory) -> None:
    app = await handlers.handle_submit_application(draft("shandong-zones"), uow_factory(), CATALOGUE)
    await reach(uow_factory, app.id, "preliminary_review")
    await handlers.handle_withdraw_application(app.id, "", "370103", uow_factory())
    await follow(uow_factory, decided(app.id, "preliminary_review", "advance", outcome="pass"))
    kept = await handlers.get_application(app.id, uow_factory())
    assert kept.status.value == "withdrawn" and kept.history[-1].what == "preliminary_review:pass"


async def test_the_route_withdraws_and_answers_409_once_closed(client: httpx.AsyncClient) -> None:
    """Through the HTTP route (the router over real PostgreSQL, as in test_api)."""
    created = (await client.post("/applications", json=body("shandong-zones"))).json()
    url = f"/applications/{created['id']}/withdrawal"
    done = await client.post(url, json={"reason": "条件尚不成熟"})
    assert done.status_code == 200 and done.json()["status"] == "withdrawn"
    again = await client.post(url, json={})
    assert again.status_code == 409 and again.json()["reasons"][0]["code"] == "not_open"
    assert (await client.post("/applications/nope/withdrawal", json={})).status_code == 404
