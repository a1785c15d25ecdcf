"""An applicant's application: its timeline across levels named from the programme, the revision form
when a reviewer asked for one (filled with what was sent), attachments passed on to intake."""

from __future__ import annotations

from collections.abc import Callable

from services.workbench.service_layer.ports import Answer
from services.workbench.tests.unit.conftest import Browser
from services.workbench.tests.unit.fakes import FakeBackends

APP = {
    "id": "app-1",
    "reference_no": "SZ-2027-370104-01",
    "programme": "shandong-zones",
    "programme_version": 1,
    "applicant_code": "370104",
    "applicant_name": "济南市槐荫区",
    "title": "槐荫区智慧社区建设实验",
    "theme": "推进智慧社区建设",
    "period_months": 24,
    "status": "revision_requested",
    "stage": "prefecture_review",
    "revision": 1,
    "contact_email": "sqzl-370104@example.gov.cn",
    "guidance_expert": "王振华",
    "plan": {"background": "原来的背景"},
    "documents": {},
    "form": {},
    "attestations": [],
    "history": [
        {
            "at": "2027-06-01T09:00:00+08:00",
            "what": "submitted",
            "by": "370104",
            "detail": "SZ-2027-370104-01",
        },
        {
            "at": "2027-06-02T09:00:00+08:00",
            "what": "prefecture_review:needs_improvement",
            "by": "370100",
            "detail": "请补充实验举措",
        },
    ],
}


def test_a_revision_asked_for_shows_the_timeline_and_a_filled_form_and_sends_the_content_only(
    sign_in: Callable[..., Browser], backends: FakeBackends
) -> None:
    # 003:31 "实验方案经市级民政部门审核通过": the prefecture's 待完善 sends it back to the county
    backends.answer("intake", "GET", "/applications/app-1", Answer(200, APP))
    backends.answer("intake", "GET", "/applications/app-1/attachments", Answer(200, []))
    backends.answer(
        "intake", "POST", "/applications/app-1/revisions", Answer(200, APP | {"status": "under_review"})
    )
    county = sign_in("county", "370104")
    page = county.client.get("/applications/app-1").text
    assert "市级民政部门审核：待完善" in page and "请补充实验举措" in page and "提交申报" in page
    assert ">原来的背景</textarea>" in page and 'action="/applications/app-1/revision"' in page
    form = {
        "csrf": county.csrf("/applications/app-1"),
        "title": APP["title"],
        "plan.background": "补充后的背景",
    }
    res = county.client.post("/applications/app-1/revision", data=form, follow_redirects=False)
    assert (res.status_code, res.headers["location"]) == (303, "/applications/app-1")
    sent = backends.called("intake", "POST", "/applications/app-1/revisions")[0]["json"]
    assert (
        sent["plan"]["background"] == "补充后的背景"
        and "programme" not in sent
        and "applicant_code" not in sent
    )


def test_an_attachment_is_passed_to_intake_as_uploaded(
    sign_in: Callable[..., Browser], backends: FakeBackends
) -> None:
    backends.answer("intake", "GET", "/applications/app-1", Answer(200, APP | {"status": "under_review"}))
    backends.answer("intake", "POST", "/applications/app-1/attachments", Answer(201, {"id": "att-1"}))
    county = sign_in("county", "370104")
    files = {"file": ("方案.pdf", b"%PDF-1.7 test", "application/pdf")}
    res = county.client.post(
        "/applications/app-1/attachments",
        data={"csrf": county.csrf("/applications/app-1")},
        files=files,
        follow_redirects=False,
    )
    assert res.status_code == 303
    sent = backends.called("intake", "POST", "/applications/app-1/attachments")[0]["files"]
    assert sent == {"file": ("方案.pdf", b"%PDF-1.7 test", "application/pdf")}


def test_an_open_application_is_withdrawn_through_intake_with_the_reason_given(
    sign_in: Callable[..., Browser], backends: FakeBackends
) -> None:
    backends.answer("intake", "GET", "/applications/app-1", Answer(200, APP | {"status": "under_review"}))
    closed = {"reasons": [{"code": "not_open", "message_zh": "申报已办结，不能撤回", "message_en": "closed"}]}
    backends.answer("intake", "POST", "/applications/app-1/withdrawal", Answer(409, closed))
    county = sign_in("county", "370104")
    assert 'action="/applications/app-1/withdrawal"' in county.client.get("/applications/app-1").text
    form = {"csrf": county.csrf("/applications/app-1"), "reason": "调整实验主题后再申报"}
    res = county.client.post("/applications/app-1/withdrawal", data=form)
    assert res.status_code == 409 and "申报已办结，不能撤回" in res.text  # intake's reason, shown as given
    assert backends.called("intake", "POST", "/applications/app-1/withdrawal")[0]["json"] == {
        "reason": "调整实验主题后再申报"
    }


def test_the_checks_warnings_are_shown_apart_from_refusals(
    sign_in: Callable[..., Browser], backends: FakeBackends
) -> None:
    warning = {
        "code": "beyond_guidance",
        "message_zh": "服务设施辐射半径一般不超过 3 公里",
        "message_en": "radius",
    }
    backends.answer(
        "intake",
        "POST",
        "/applications/check",
        Answer(200, {"ok": True, "reasons": [], "warnings": [warning]}),
    )
    county = sign_in("county", "370104")
    form = {"csrf": county.csrf("/apply/shandong-zones"), "title": "t"}
    res = county.client.post("/apply/shandong-zones/check", data=form, headers={"HX-Request": "true"})
    assert "检查通过" in res.text and "不影响提交" in res.text and "一般不超过 3 公里" in res.text
    assert 'class="alert"' not in res.text
