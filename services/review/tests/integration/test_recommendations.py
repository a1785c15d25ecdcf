"""择优推荐 is the province's own decision (003:47–49, 004:51), taken at its review instance over HTTP, with
authority from review's own records: the zone it designated, the title it conferred. Real PostgreSQL."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from services.review.domain.task import TASK_ID_NAMESPACE
from services.review.tests.integration.http_instance import HttpReview, http_review
from services.review.tests.samples import submitted
from shared.events.schemas import ApplicationSubmitted, ReviewStageDecided, ZoneDesignated, ZoneRequestFiled
from shared.settings import Settings
from tests.support.issuer import mint

pytestmark = pytest.mark.integration
AUD = Settings(service="review", jurisdiction="370000").audience
AT = datetime(2029, 9, 1, 2, tzinfo=UTC)
SHANDONG = (
    ("prefecture_review", "pass", "advance", "preliminary_review", "370100"),
    ("preliminary_review", "pass", "advance", "formal_recommendation", "370000"),
    ("formal_recommendation", "recommend", "advance", "evaluation", "370100"),
    ("evaluation", "designate", "designate", None, "370000"),
)
JILIN = (
    ("prefecture_review", "pass", "advance", "expert_review", "220100"),
    ("expert_review", "pass", "advance", "confirmation", "220000"),
    ("confirmation", "confirm", "designate", None, "220000"),
)
Route = tuple[tuple[str, str, str, str | None, str], ...]


async def designated_here(review: HttpReview, app: ApplicationSubmitted, route: Route) -> str:
    """The province's records of a zone it designated, rebuilt by replaying the route's decisions (its
    own among them, with the task ids that follow from what opened them) and its designation."""
    await review.feed(app)
    for stage, outcome, effect, following, by in route:
        task = f"{app.application_id}|{stage}|0|{by}" if by == review.me else f"{by}|{stage}"
        await review.feed(
            ReviewStageDecided(
                task_id=str(uuid.uuid5(TASK_ID_NAMESPACE, task)), application_id=app.application_id,
                programme=app.programme, programme_version=1, stage=stage, stage_name=stage,
                outcome=outcome, outcome_name=outcome, effect=effect, next_stage=following,
                decided_by=by, reviewer=f"reviewer:{by}:t", opinion="同意", applicant=app.applicant,
                title=app.title, theme=app.theme, decided_at=AT - timedelta(days=800),
            )
        )  # fmt: skip
    zone_id = str(uuid.uuid4())
    await review.feed(
        ZoneDesignated(
            zone_id=zone_id, application_id=app.application_id, programme=app.programme,
            programme_version=1, applicant=app.applicant, title=app.title, theme=app.theme,
            designated_by=review.me, document_no="〔2027〕1号", designated_at=AT - timedelta(days=790),
            period_start=date(2027, 7, 1), period_end=date(2029, 6, 30),
        )
    )  # fmt: skip
    assert await review.sql("SELECT count(*) FROM tasks WHERE zone_id IS NOT NULL") == [(1,)]
    return zone_id


async def request_decided(
    review: HttpReview, app: ApplicationSubmitted, zone_id: str, kind: str, outcome: str
) -> None:
    """Monitoring files a request about the zone; the province decides it over HTTP."""
    request_id = str(uuid.uuid4())
    await review.feed(
        ZoneRequestFiled(
            request_id=request_id, zone_id=zone_id, application_id=app.application_id,
            programme=app.programme, programme_version=1, applicant=app.applicant, kind=kind,
            title=app.title, summary="终期报告已提交", authority=review.me,
            filed_by=review.me if kind == "revocation" else app.applicant.code, filed_at=AT,
        )
    )  # fmt: skip
    task_id = str(uuid.uuid5(TASK_ID_NAMESPACE, f"request|{request_id}|{review.me}"))
    done = await review.client.post(
        f"/tasks/{task_id}/decision", json={"outcome": outcome, "opinion": "决定"}
    )
    assert done.status_code == 200, done.text


def recommend(into: str, opinion: str = "工作推进顺利，创新成效显著，择优推荐。") -> dict[str, str]:
    return {"into": into, "opinion": opinion}


async def recommended(review: HttpReview) -> list[dict[str, object]]:
    rows = await review.sql(
        "SELECT value FROM outbox WHERE event_type = 'zones.zone.recommended.v1' ORDER BY id"
    )
    return [json.loads(str(v)) for (v,) in rows]


async def test_shandong_recommends_a_zone_it_designated_into_either_national_programme(
    pg_server: str,
) -> None:
    """003:47–49 "申报“全国社区治理和服务创新实验区”“全国农村社区治理实验区”的单位原则上从全省城乡社区
    治理实验区中择优推荐": the province chooses among its zones; the rural programme is a target too."""
    async with http_review(pg_server, "370000", AT) as shandong:
        app = submitted()
        zone = await designated_here(shandong, app, SHANDONG)
        assert await recommended(shandong) == []  # designation (or a title) recommends nobody by itself

        ok = await shandong.client.post(
            f"/zones/{zone}/recommendations", json=recommend("national-rural-zones")
        )
        assert ok.status_code == 201, ok.text
        body = ok.json()
        assert (body["into"], body["into_name_zh"], body["external"], body["recommended_by"]) == (
            "national-rural-zones", "全国农村社区治理实验区", True, "370000",
        )  # fmt: skip
        [event] = await recommended(shandong)
        assert (event["zone_id"], event["authority"], event["into_programme"], event["into_external"]) == (
            zone, "370000", "national-rural-zones", True,
        )  # fmt: skip
        assert str(event["opinion"]).startswith("工作推进顺利")

        again = await shandong.client.post(
            f"/zones/{zone}/recommendations", json=recommend("national-rural-zones")
        )
        assert again.status_code == 409 and again.json()["reasons"][0]["code"] == "already_recommended"
        wrong = await shandong.client.post(
            f"/zones/{zone}/recommendations", json=recommend("top10-innovation")
        )
        assert wrong.status_code == 422
        [reason] = wrong.json()["reasons"]
        assert reason["code"] == "not_a_target" and "national-rural-zones" in reason["message_en"]
        assert "全国农村社区治理实验区" in reason["message_zh"]
        national = await shandong.client.post(
            f"/zones/{zone}/recommendations", json=recommend("national-zones")
        )
        assert national.status_code == 201 and national.json()["external"] is False
        assert len(await recommended(shandong)) == 2


async def test_only_the_designating_province_recommends_deny_by_default(pg_server: str) -> None:
    """004:51 "省民政厅将择优推荐申报国家级实验区": another jurisdiction, a zone not designated here, a
    revoked zone: refused in both languages, nothing emitted."""
    async with http_review(pg_server, "370000", AT) as shandong:
        app = submitted()
        zone = await designated_here(shandong, app, SHANDONG)
        unknown = await shandong.client.post(
            f"/zones/{uuid.uuid4()}/recommendations", json=recommend("national-zones")
        )
        assert unknown.status_code == 422 and unknown.json()["reasons"][0]["code"] == "not_designated_here"
        assert "不能推荐" in unknown.json()["reasons"][0]["message_zh"]

        as_jinan = {"Authorization": f"Bearer {mint(AUD, '济南市民政局 王', 'admin', '370100')}"}
        other = await shandong.client.post(
            f"/zones/{zone}/recommendations", json=recommend("national-zones"), headers=as_jinan
        )
        assert other.status_code == 403, other.text  # Shandong's instance is outside Jinan's territory

        await request_decided(shandong, app, zone, "revocation", "revoked")
        ended = await shandong.client.post(f"/zones/{zone}/recommendations", json=recommend("national-zones"))
        assert ended.status_code == 422
        assert [r["code"] for r in ended.json()["reasons"]] == ["zone_ended"]
        assert await recommended(shandong) == []

    async with http_review(pg_server, "220000", AT) as jilin:  # Jilin's review knows nothing of it
        elsewhere = await jilin.client.post(
            f"/zones/{zone}/recommendations", json=recommend("national-zones")
        )
        assert (
            elsewhere.status_code == 422 and elsewhere.json()["reasons"][0]["code"] == "not_designated_here"
        )


async def test_jilin_recommends_only_a_zone_it_titled(pg_server: str) -> None:
    """004:51 "对于工作推进顺利，创新成效显著的实验区，授予…称号，省民政厅将择优推荐申报国家级实验区"."""
    async with http_review(pg_server, "220000", AT) as jilin:
        app = submitted(
            applicant="220104", name="长春市朝阳区", programme="jilin-zones", theme="提高社区治理水平"
        )
        zone = await designated_here(jilin, app, JILIN)
        early = await jilin.client.post(f"/zones/{zone}/recommendations", json=recommend("national-zones"))
        assert early.status_code == 422
        [reason] = early.json()["reasons"]
        assert reason["code"] == "not_titled" and "吉林省社区治理和服务创新实验区" in reason["message_zh"]
        assert "title" in reason["message_en"]

        await request_decided(jilin, app, zone, "acceptance", "accepted_with_title")
        ok = await jilin.client.post(f"/zones/{zone}/recommendations", json=recommend("national-zones"))
        assert ok.status_code == 201, ok.text
        assert ok.json()["title_conferred"] == "吉林省社区治理和服务创新实验区"
        rural = await jilin.client.post(
            f"/zones/{zone}/recommendations", json=recommend("national-rural-zones")
        )
        assert (
            rural.status_code == 422 and rural.json()["reasons"][0]["code"] == "not_a_target"
        )  # Jilin names none
        [event] = await recommended(jilin)
        assert (event["authority"], event["title_conferred"]) == ("220000", "吉林省社区治理和服务创新实验区")
