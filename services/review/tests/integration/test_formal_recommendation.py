"""Shandong's 逐级推荐 (003:33, 003:35) through review's HTTP routes on real PostgreSQL: the prefecture's
formal recommendation states its review opinion in the three parts the notice names and its support
measures; the province's 待完善 goes to the prefecture, which guides the revision."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import pytest

from services.review.tests.integration.http_instance import HttpReview, http_review
from services.review.tests.samples import APPLICANT_FORM, RECOMMENDATION, submitted
from shared.events.schemas import ApplicationSubmitted, ReviewStageDecided
from shared.settings import Settings
from tests.support.issuer import mint

pytestmark = pytest.mark.integration
AT = datetime(2027, 5, 20, 2, tzinfo=UTC)


def province_passed(app: ApplicationSubmitted) -> ReviewStageDecided:
    return ReviewStageDecided(
        task_id=str(uuid.uuid4()), application_id=app.application_id, programme="shandong-zones",
        programme_version=1, stage="preliminary_review", stage_name="省级专家初审", outcome="pass",
        outcome_name="通过", effect="advance", next_stage="formal_recommendation", decided_by="370000",
        reviewer="reviewer:370000:t", opinion="初审通过", applicant=app.applicant, title=app.title,
        theme=app.theme, decided_at=AT,
    )  # fmt: skip


async def at_formal_recommendation(
    jinan: HttpReview, app: ApplicationSubmitted, *, filed: bool = True
) -> str:
    await jinan.feed(app)
    [task] = (
        await jinan.client.get("/tasks", params={"state": "open", "applicant": app.applicant.code})
    ).json()
    passed = await jinan.client.post(
        f"/tasks/{task['id']}/decision", json={"outcome": "pass", "opinion": "同意"}
    )
    assert passed.status_code == 200, passed.text
    await jinan.feed(province_passed(app))
    found = (
        await jinan.client.get("/tasks", params={"state": "open", "stage": "formal_recommendation"})
    ).json()
    [task] = [t for t in found if t["application_id"] == app.application_id]
    if filed:  # the county files its own 申报表 with the prefecture
        url = f"/applications/{app.application_id}/formal-submission"
        sent = await jinan.client.post(url, json={"form": APPLICANT_FORM}, headers=county(app.applicant.code))
        assert sent.status_code == 201, sent.text
    return str(task["id"])


def county(code: str) -> dict[str, str]:
    aud = Settings(service="review", jurisdiction="370100").audience
    return {"Authorization": f"Bearer {mint(aud, '市中区民政局', 'applicant', code)}"}


async def decided_opinions(review: HttpReview) -> list[dict[str, object]]:
    rows = await review.sql("SELECT value FROM outbox WHERE event_type LIKE '%stage_decided%' ORDER BY id")
    return [json.loads(str(v)) for (v,) in rows]


async def test_a_recommendation_without_the_three_parts_and_the_support_measures_is_refused(
    pg_server: str,
) -> None:
    """003:35 "市级民政部门正式文件内容应包括本级审核意见(实验区工作基础评价、实验主题和措施评价、指导实验
    方案制定情况等)和本级保障支持措施(政策支持、经费支持、项目支持等)"."""
    async with http_review(pg_server, "370100", AT) as jinan:
        task = await at_formal_recommendation(jinan, submitted())
        bare = await jinan.client.post(
            f"/tasks/{task}/decision", json={"outcome": "recommend", "opinion": "同意推荐"}
        )
        assert bare.status_code == 422
        reasons = bare.json()["reasons"]
        assert [(r["code"], r["field"]) for r in reasons] == [
            ("opinion_part_missing", "opinion_parts.foundation"),
            ("opinion_part_missing", "opinion_parts.theme_measures"),
            ("opinion_part_missing", "opinion_parts.plan_guidance"),
            ("support_measure_missing", "support_measures.policy"),
            ("support_measure_missing", "support_measures.funding"),
            ("support_measure_missing", "support_measures.projects"),
        ]
        assert "实验区工作基础评价" in reasons[0]["message_zh"] and "foundation" in reasons[0]["message_en"]
        assert "指导实验方案制定情况" in reasons[2]["message_zh"] and "guided" in reasons[2]["message_en"]
        assert "经费" in reasons[4]["message_zh"] and "funding" in reasons[4]["message_en"]

        parts = {**RECOMMENDATION["opinion_parts"], "plan_guidance": " ", "other": "x"}
        partial = await jinan.client.post(
            f"/tasks/{task}/decision",
            json={"outcome": "recommend", "opinion": "同意推荐", **RECOMMENDATION, "opinion_parts": parts},
        )
        assert [r["code"] for r in partial.json()["reasons"]] == [
            "opinion_part_unknown",
            "opinion_part_missing",
        ]
        assert len(await decided_opinions(jinan)) == 1  # only the prefecture's first review: nothing changed

        ok = await jinan.client.post(
            f"/tasks/{task}/decision", json={"outcome": "recommend", "opinion": "同意推荐", **RECOMMENDATION}
        )
        assert ok.status_code == 200, ok.text
        assert ok.json()["opinion_parts"] == RECOMMENDATION["opinion_parts"]
        assert ok.json()["support_measures"] == RECOMMENDATION["support_measures"]
        sent = (await decided_opinions(jinan))[-1]
        for text in (
            "实验区工作基础评价：社区治理基础扎实",
            "实验主题和措施评价：",
            "指导实验方案制定情况：",
            "经费：市级财政",
        ):
            assert text in str(sent["opinion"]), sent["opinion"]

        # Declining needs no recommendation's content.
        other = submitted(applicant="370102", name="济南市历下区")
        task = await at_formal_recommendation(jinan, other)
        declined = await jinan.client.post(
            f"/tasks/{task}/decision", json={"outcome": "decline", "opinion": "工作基础尚不具备"}
        )
        assert declined.status_code == 200, declined.text


async def test_needs_improvement_goes_to_the_prefecture_which_guides_the_revision(pg_server: str) -> None:
    """003:33 "方案待完善的申报单位，省民政厅汇总专家意见反馈市级民政部门，市级民政部门指导申报单位
    进行修改"."""
    async with http_review(pg_server, "370000", AT) as shandong:
        app = submitted()
        await shandong.feed(app)
        await shandong.feed(
            province_passed(app).model_copy(
                update={"stage": "prefecture_review", "stage_name": "市级民政部门审核",
                        "decided_by": "370100", "next_stage": "preliminary_review",
                        "reviewer": "reviewer:370100:t"}
            )
        )  # fmt: skip
        [task] = (await shandong.client.get("/tasks", params={"state": "open"})).json()
        assert task["stage"] == "preliminary_review"
        back = await shandong.client.post(
            f"/tasks/{task['id']}/decision",
            json={"outcome": "needs_improvement", "opinion": "保障措施不具体"},
        )
        assert back.status_code == 200, back.text
        [sent] = await decided_opinions(shandong)
        assert (sent["effect"], sent["feedback_to"]) == ("revise", "370100")


async def test_the_applicant_formally_sends_its_form_before_the_prefecture_may_recommend(
    pg_server: str,
) -> None:
    """003:35 "方案通过初审的申报单位，以党委和政府名义向市级民政部门正式行文报送《山东省城乡社区治理
    实验区申报表》" and 003:133–135 (业务部门, 业务负责人, 公共邮箱（非个人邮箱）)."""
    async with http_review(pg_server, "370100", AT) as jinan:
        app = submitted()
        task = await at_formal_recommendation(jinan, app, filed=False)
        early = await jinan.client.post(
            f"/tasks/{task}/decision", json={"outcome": "recommend", "opinion": "同意推荐", **RECOMMENDATION}
        )
        assert early.status_code == 422
        [reason] = early.json()["reasons"]
        assert reason["code"] == "applicant_form_missing" and "党委和政府名义" in reason["message_zh"]
        assert "Party committee and government" in reason["message_en"]

        url = f"/applications/{app.application_id}/formal-submission"
        bad = {
            **APPLICANT_FORM,
            "in_name_of": "市中区民政局",
            "public_mailbox": "张三的邮箱",
            "department": " ",
        }
        refused = await jinan.client.post(url, json={"form": bad}, headers=county("370103"))
        assert refused.status_code == 422
        assert [(r["code"], r["field"]) for r in refused.json()["reasons"]] == [
            ("form_field_missing", "form.department"),
            ("not_in_the_name_of_party_and_government", "form.in_name_of"),
            ("mailbox_invalid", "form.public_mailbox"),
        ]
        sibling = await jinan.client.post(url, json={"form": APPLICANT_FORM}, headers=county("370102"))
        assert sibling.status_code == 422 and sibling.json()["reasons"][0]["code"] == "not_the_applicant"
        assert await jinan.sql(
            "SELECT count(*) FROM cases c, jsonb_array_elements(c.history) h "
            "WHERE h.value->>'what' LIKE 'formally_submitted%'"
        ) == [(0,)]  # nothing was kept by the refusals

        ok = await jinan.client.post(url, json={"form": APPLICANT_FORM}, headers=county("370103"))
        assert ok.status_code == 201, ok.text
        assert "业务部门：区民政局基层政权和社区建设科" in ok.json()["history"][-1]["detail"]
        again = await jinan.client.post(url, json={"form": APPLICANT_FORM})  # the prefecture, on paper
        assert again.status_code == 409 and again.json()["reasons"][0]["code"] == "form_already_filed"
        done = await jinan.client.post(
            f"/tasks/{task}/decision", json={"outcome": "recommend", "opinion": "同意推荐", **RECOMMENDATION}
        )
        assert done.status_code == 200, done.text
