"""The workbench's pages over a fake deployment: sign-in and the session cookie, the applicant's form
with the live check and submit, the reviewer's queue and decision form, the redacted anonymous task,
the inbox. What the services would answer is canned (fakes.py); what the pages send is checked."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from fastapi.testclient import TestClient

from services.workbench.adapters.session_cookie import COOKIE
from services.workbench.service_layer.ports import Answer
from services.workbench.tests.unit.conftest import Browser
from services.workbench.tests.unit.fakes import FakeBackends

SignIn = Callable[..., Browser]
TOO_SHORT = {
    "code": "plan_too_short",
    "field": "plan",
    "message_zh": "实验方案不少于 4000 字（现为 8 字）",
    "message_en": "the experiment plan needs at least 4000 characters (has 8)",
}


def test_a_page_without_a_session_sends_to_sign_in_and_back(app: FastAPI) -> None:
    res = TestClient(app).get("/apply/shandong-zones", follow_redirects=False)
    assert (res.status_code, res.headers["location"]) == (303, "/signin?next=%2Fapply%2Fshandong-zones")
    htmx = TestClient(app).post("/apply/shandong-zones/check", headers={"HX-Request": "true"})
    assert (htmx.status_code, htmx.headers["hx-redirect"]) == (401, "/signin?next=%2F")


def test_dev_sign_in_lists_the_actors_and_sets_a_signed_http_only_cookie(app: FastAPI) -> None:
    client = TestClient(app)
    listed = client.get("/signin").text
    for label in (
        "县（市、区）民政局",
        "济南市民政局 李明",
        "山东省民政厅 赵强",
        "评审专家",
        "民政部评审专家 陈静",
    ):
        assert label in listed
    res = client.post("/signin/dev", data={"who": "county", "county": "370104"}, follow_redirects=False)
    cookie = res.headers["set-cookie"]
    assert COOKIE in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert client.get("/applications", follow_redirects=False).status_code == 200
    client.cookies.set(COOKIE, client.cookies[COOKIE][:-2] + "xx")  # tampered with
    assert client.get("/applications", follow_redirects=False).status_code == 303


def test_the_live_check_shows_every_reason_in_chinese_and_in_english_on_request(
    sign_in: SignIn, backends: FakeBackends
) -> None:
    # 003:31 "实验方案不少于 4000 字": intake's reason, shown as intake gives it
    theme = {"code": "theme_not_listed", "message_zh": "实验主题不在清单上", "message_en": "theme not listed"}
    backends.answer(
        "intake", "POST", "/applications/check", Answer(200, {"ok": False, "reasons": [TOO_SHORT, theme]})
    )
    county = sign_in("county", "370104")
    csrf = county.csrf("/apply/shandong-zones")
    form = {"csrf": csrf, "title": "槐荫区智慧社区", "plan.background": "太短的实验方案。"}
    res = county.client.post("/apply/shandong-zones/check", data=form, headers={"HX-Request": "true"})
    assert res.status_code == 200
    assert "实验方案不少于 4000 字（现为 8 字）" in res.text and "实验主题不在清单上" in res.text
    assert "<html" not in res.text  # htmx gets the reasons alone
    sent = backends.called("intake", "POST", "/applications/check")[0]
    assert (
        sent["json"]["applicant_code"] == "370104"
        and sent["json"]["plan"]["background"] == "太短的实验方案。"
    )
    assert sent["token"] == "tok|370104 申报单位|applicant|370104"  # as the signed-in county
    county.client.get("/lang?to=en&next=/")
    whole = county.client.post("/apply/shandong-zones/check", data=form)  # without JavaScript: the whole form
    assert "the experiment plan needs at least 4000 characters (has 8)" in whole.text
    assert 'value="槐荫区智慧社区"' in whole.text  # what was typed stays


def test_submit_posts_the_form_as_intakes_body_and_opens_the_application(
    sign_in: SignIn, backends: FakeBackends
) -> None:
    backends.answer("intake", "POST", "/applications", Answer(201, {"id": "app-1"}))
    county = sign_in("county", "370104")
    form = {
        "csrf": county.csrf("/apply/shandong-zones"),
        "title": "t",
        "theme": "推进智慧社区建设",
        "period_months": "24",
        "contact_email": "a@b.cn",
        "guidance_expert": "王振华",
    }
    res = county.client.post("/apply/shandong-zones", data=form, follow_redirects=False)
    assert (res.status_code, res.headers["location"]) == (303, "/applications/app-1?submitted=1")
    body = backends.called("intake", "POST", "/applications")[0]["json"]
    assert (body["programme"], body["theme"], body["period_months"]) == (
        "shandong-zones",
        "推进智慧社区建设",
        24,
    )
    assert body["applicant_name"] == "济南市槐荫区"


def test_a_refused_submission_keeps_the_form_and_lists_the_reasons(
    sign_in: SignIn, backends: FakeBackends
) -> None:
    backends.answer("intake", "POST", "/applications", Answer(422, {"reasons": [TOO_SHORT]}))
    county = sign_in("county")
    form = {"csrf": county.csrf("/apply/shandong-zones"), "title": "t"}
    res = county.client.post("/apply/shandong-zones", data=form)
    assert (
        res.status_code == 422
        and "实验方案不少于 4000 字" in res.text
        and 'id="application-form"' in res.text
    )


def test_a_post_without_the_sessions_csrf_value_is_refused_and_sends_nothing(
    sign_in: SignIn, backends: FakeBackends
) -> None:
    county = sign_in("county")
    res = county.client.post("/apply/shandong-zones", data={"csrf": "forged", "title": "t"})
    assert res.status_code == 403 and "表单已过期" in res.text
    assert backends.called("intake", "POST", "/applications") == []


def task(**over: object) -> dict:
    base = {
        "id": "task-1",
        "kind": "stage",
        "application_id": "app-1",
        "programme": "shandong-zones",
        "programme_version": 1,
        "stage": "prefecture_review",
        "stage_name": "市级民政部门审核",
        "reviewer_jurisdiction": "370100",
        "applicant_code": "370104",
        "applicant_name": "济南市槐荫区",
        "title": "槐荫区智慧社区建设实验",
        "anonymous": False,
        "due_on": "2027-06-16",
        "opened_at": "2027-06-01T09:00:00+08:00",
        "state": "open",
        "assignee": None,
        "outcomes": ["pass", "needs_improvement"],
        "outcome": None,
        "outcome_name": None,
        "experts": [],
        "notice": None,
    }
    return base | over


def test_the_queue_marks_overdue_tasks_by_reviews_own_list(sign_in: SignIn, backends: FakeBackends) -> None:
    late = task(id="task-2", title="逾期的任务", due_on="2027-05-01")
    backends.answer("review", "GET", "/tasks", Answer(200, [task(), late], {"x-total-count": "2"}))
    backends.answer("review", "GET", "/tasks/overdue", Answer(200, [late]))
    page = sign_in("jinan").client.get("/queue").text
    assert page.count("已超期") == 1 and 'class="overdue" data-task="task-2"' in page
    assert backends.called("review", "GET", "/tasks")[0]["jurisdiction"] == "370100"
    assert backends.called("review", "GET", "/tasks")[0]["params"] == {"state": "open"}


def test_the_decision_form_offers_exactly_the_stages_outcomes_and_claims_as_the_reviewer(
    sign_in: SignIn, backends: FakeBackends
) -> None:
    # shandong-zones prefecture_review: 审核通过 / 待完善 (003:31 "实验方案经市级民政部门审核通过")
    backends.answer(
        "review", "GET", "/tasks/task-1", Answer(200, {"task": task(), "case": None, "documents": []})
    )
    backends.answer("review", "POST", "/tasks/task-1/claim", Answer(200, task(assignee="济南市民政局 李明")))
    jinan = sign_in("jinan")
    page = jinan.client.get("/tasks/370100/task-1").text
    assert page.count('name="outcome"') == 2
    assert 'value="pass" checked> 审核通过' in page and 'value="needs_improvement"> 待完善' in page
    res = jinan.client.post(
        "/tasks/370100/task-1/claim",
        data={"csrf": jinan.csrf("/tasks/370100/task-1")},
        follow_redirects=False,
    )
    assert res.headers["location"] == "/tasks/370100/task-1?done=claim"
    assert backends.called("review", "POST", "/tasks/task-1/claim")[0]["token"].startswith(
        "tok|济南市民政局 李明"
    )
    assert (
        jinan.client.get("/tasks/370000/task-1").status_code == 404
    )  # Jinan's reviewer: not Shandong's queue


def test_an_expert_sees_the_anonymous_task_as_review_redacts_it(
    sign_in: SignIn, backends: FakeBackends
) -> None:
    hidden = task(
        applicant_code="",
        applicant_name="匿名申报单位 7F3A",
        title="匿名申报单位 7F3A智慧社区建设实验",
        application_id="",
        anonymous=True,
        experts=[{"expert": "山东省专家 王振华", "opinion": None}],
    )
    backends.answer(
        "review", "GET", "/tasks/task-1", Answer(200, {"task": hidden, "case": None, "documents": []})
    )
    page = sign_in("expert").client.get("/tasks/370000/task-1").text
    assert "匿名申报单位 7F3A" in page and "匿名评审" in page
    assert "槐荫" not in page and "370104" not in page
    assert 'id="decision-form"' not in page and "提交专家意见" in page


def test_the_inbox_shows_the_units_messages_with_unread_counts(
    sign_in: SignIn, backends: FakeBackends
) -> None:
    entries = [
        {
            "id": 7,
            "event_type": "zones.stage.decided.v1",
            "application_id": "app-1",
            "subject": "市级审核通过",
            "body": "您单位的申报已通过市级审核。",
            "created_at": "2027-06-01T10:00:00+08:00",
            "read_at": None,
        }
    ]
    backends.answer(
        "notify", "GET", "/inbox/applicant:370104", Answer(200, {"unread": 1, "entries": entries})
    )
    backends.answer("notify", "POST", "/inbox/applicant:370104/entries/7/read", Answer(200, entries[0]))
    county = sign_in("county", "370104")
    page = county.client.get("/inbox").text
    assert "市级审核通过" in page and 'data-unread="1"' in page and 'class="badge"' in page
    res = county.client.post(
        "/inbox/applicant:370104/entries/7/read", data={"csrf": county.csrf("/inbox")}, follow_redirects=False
    )
    assert (
        res.status_code == 303
        and len(backends.called("notify", "POST", "/inbox/applicant:370104/entries/7/read")) == 1
    )
    county.client.post("/inbox/applicant:370103/entries/7/read", data={"csrf": county.csrf("/inbox")})
    assert backends.called("notify", "POST", "/inbox/applicant:370103/entries/7/read") == []  # not theirs


def test_the_dashboard_draws_from_monitoring_and_keeps_every_figure_in_a_table(
    sign_in: SignIn, backends: FakeBackends
) -> None:
    zones = [
        {"id": "z1", "applicant_code": "370103", "designated_at": "2027-06-20T10:00:00+08:00"},
        {"id": "z2", "applicant_code": "370202", "designated_at": "2026-06-20T10:00:00+08:00"},
    ]
    board = {
        "overdue": [{"zone_id": "z1"}, {"zone_id": "z1"}, {"zone_id": "z2"}],
        "indicators": [
            {
                "key": "volunteer_rate",
                "name_zh": "社区志愿者注册率",
                "name_en": "Volunteers",
                "unit": "%",
                "target": 10,
                "series": [{"year": 2027, "value": 12.5}],
            }
        ],
    }
    backends.answer("monitoring", "GET", "/zones", Answer(200, zones))
    backends.answer("monitoring", "GET", "/dashboard", Answer(200, board))
    page = sign_in("shandong").client.get("/dashboard").text
    assert "<td>济南市</td><td>2</td>" in page and "<td>青岛市</td><td>1</td>" in page
    assert "<td>2026</td><td>1</td>" in page and "<td>12.5</td><td>10</td>" in page
    assert page.count('type="application/json"') == 3 and "/static/vendor/echarts.min.js" in page
    assert backends.called("monitoring", "GET", "/dashboard")[0]["params"] == {"within": "370000"}


def test_a_service_that_does_not_answer_is_named_on_the_page(sign_in: SignIn, backends: FakeBackends) -> None:
    from services.workbench.service_layer.ports import Unavailable

    def down(call: dict) -> Answer:
        raise Unavailable("intake-000000")

    backends.answer("intake", "GET", "/programmes", down)
    res = sign_in("county").client.get("/apply")
    assert res.status_code == 503 and "服务暂时不可用：intake-000000" in res.text
