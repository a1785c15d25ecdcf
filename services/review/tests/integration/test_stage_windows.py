"""A programme's yearly date binds the stage the notice means: the prefecture's forward to the province
(003:31, 004:49), not the county's submission. Through review's HTTP routes on real PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from services.review.tests.integration.http_instance import HttpReview, http_review
from services.review.tests.samples import submitted
from shared.events.schemas import ApplicantRef, ReviewStageDecided

pytestmark = pytest.mark.integration
PASS = {"outcome": "pass", "opinion": "方案基础扎实，同意报送省民政厅。"}


async def _task(review: HttpReview, stage: str) -> dict[str, object]:
    [task] = (await review.client.get("/tasks", params={"state": "open", "stage": stage})).json()
    return dict(task)


async def test_shandong_a_forward_after_30_june_is_refused_a_late_submission_joins_the_next_round(
    pg_server: str,
) -> None:
    """003:31 "实验方案经市级民政部门审核通过，电子版于 6 月 30 日前报省民政厅"."""
    async with http_review(pg_server, "370100", datetime(2027, 6, 25, 2, tzinfo=UTC)) as jinan:
        early = submitted(submitted_at=datetime(2027, 6, 25, 1, tzinfo=UTC))
        await jinan.feed(early)
        task = await _task(jinan, "prefecture_review")
        assert task["due_on"] == "2027-06-30"  # the round's last day, before the stage's 15 days

        jinan.clock.at = datetime(2027, 7, 1, 2, tzinfo=UTC)  # 1 July in Jinan
        late = await jinan.client.post(f"/tasks/{task['id']}/decision", json=PASS)
        assert late.status_code == 422, late.text
        [reason] = late.json()["reasons"]
        assert reason["code"] == "forward_deadline_passed"
        assert "2027-06-30" in reason["message_zh"] and "报送" in reason["message_zh"]
        assert "2027-06-30" in reason["message_en"] and "forward" in reason["message_en"]
        assert (await _task(jinan, "prefecture_review"))["state"] == "open"  # nothing changed
        assert await jinan.sql("SELECT count(*) FROM outbox WHERE event_type LIKE '%stage_decided%'") == [
            (0,)
        ]

        back = await jinan.client.post(
            f"/tasks/{task['id']}/decision",
            json={"outcome": "needs_improvement", "opinion": "已过本轮截止日，请完善后参加下一轮。"},
        )
        assert back.status_code == 200, back.text  # sending back is still the prefecture's to do

        # Submitted in July: not refused (the date binds the forward), due within the stage's 15 days.
        other = submitted(
            applicant="370102",
            name="济南市历下区",
            submitted_at=datetime(2027, 7, 1, 1, tzinfo=UTC),
        )
        await jinan.feed(other)
        [(n,)] = await jinan.sql(
            f"SELECT count(*) FROM cases WHERE application_id = '{other.application_id}'"
        )
        assert n == 1
        task = await _task(jinan, "prefecture_review")
        assert task["applicant_code"] == "370102" and task["due_on"] == "2027-07-16"
        ok = await jinan.client.post(f"/tasks/{task['id']}/decision", json=PASS)
        assert ok.status_code == 200, ok.text  # forwarded in July 2027 for the round closing 2028-06-30


async def test_jilin_a_forward_after_the_end_of_september_is_refused(pg_server: str) -> None:
    """004:49 "由区(县、市)党委、政府提出申请,市州民政局审核后,于每年的9月底前报省民政厅"."""
    async with http_review(pg_server, "220100", datetime(2027, 9, 20, 2, tzinfo=UTC)) as changchun:
        app = submitted(
            applicant="220104",
            name="长春市朝阳区",
            programme="jilin-zones",
            theme="提高社区治理水平",
            guidance_expert=None,
            plan_characters=3500,
            submitted_at=datetime(2027, 9, 20, 1, tzinfo=UTC),
        )
        assert app.applicant == ApplicantRef(code="220104", name="长春市朝阳区")
        await changchun.feed(app)
        task = await _task(changchun, "prefecture_review")
        assert task["due_on"] == "2027-09-30"  # not 20 days on (10 October)

        changchun.clock.at = datetime(2027, 9, 30, 16, 0, tzinfo=UTC)  # midnight: 1 October
        late = await changchun.client.post(f"/tasks/{task['id']}/decision", json=PASS)
        assert late.status_code == 422 and late.json()["reasons"][0]["code"] == "forward_deadline_passed"

        changchun.clock.at = datetime(2027, 9, 30, 15, 59, tzinfo=UTC)
        ok = await changchun.client.post(f"/tasks/{task['id']}/decision", json=PASS)
        assert ok.status_code == 200, ok.text


async def test_the_province_does_not_take_a_forward_made_after_the_round_closed(pg_server: str) -> None:
    """003:31 "电子版于 6 月 30 日前报省民政厅": the province judges the forward's date against its own
    case (the submission's round), whatever the prefecture's instance let through."""
    async with http_review(pg_server, "370000", datetime(2027, 7, 2, 2, tzinfo=UTC)) as shandong:
        app = submitted(submitted_at=datetime(2027, 6, 25, 1, tzinfo=UTC))
        await shandong.feed(app)
        late = ReviewStageDecided(
            task_id=str(uuid.uuid4()),
            application_id=app.application_id,
            programme="shandong-zones",
            programme_version=1,
            stage="prefecture_review",
            stage_name="市级民政部门审核",
            outcome="pass",
            outcome_name="审核通过",
            effect="advance",
            next_stage="preliminary_review",
            decided_by="370100",
            reviewer="reviewer-ref",
            opinion="同意。",
            applicant=app.applicant,
            title=app.title,
            theme=app.theme,
            decided_at=datetime(2027, 7, 1, 2, tzinfo=UTC),
        )
        await shandong.feed(late)
        [reason] = shandong.dead_letters
        assert "forward_after_deadline" in reason and "2027-06-30" in reason
        assert await shandong.sql("SELECT stage, status FROM cases") == [
            ("prefecture_review", "under_review")
        ]
        assert await shandong.sql("SELECT count(*) FROM tasks") == [(0,)]
        on_time = late.model_copy(
            update={"task_id": str(uuid.uuid4()), "decided_at": datetime(2027, 6, 30, 2, tzinfo=UTC)}
        )
        await shandong.feed(on_time)  # the same forward on 30 June is taken: the guard looked at both
        assert await shandong.sql("SELECT stage FROM cases") == [("preliminary_review",)]
        assert len(shandong.dead_letters) == 1
        assert await shandong.sql("SELECT count(*) FROM tasks WHERE stage = 'preliminary_review'") == [(1,)]
