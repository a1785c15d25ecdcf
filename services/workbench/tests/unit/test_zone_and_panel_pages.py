"""A zone's obligations on a calendar with its filings to review, and an expert's scored opinion: what
the pages show from monitoring and review, and what they send back as the signed-in person."""

from __future__ import annotations

from collections.abc import Callable

from services.workbench.service_layer.ports import Answer
from services.workbench.tests.unit.conftest import Browser
from services.workbench.tests.unit.fakes import FakeBackends
from services.workbench.tests.unit.test_pages import task

ZONE = {
    "id": "z1",
    "applicant_code": "370103",
    "applicant_name": "济南市市中区",
    "title": "市中区智慧社区建设实验",
    "document_no": "鲁民函〔2027〕1号",
    "period_start": "2027-07-01",
    "period_end": "2029-06-30",
    "state": "active",
    "obligations": [
        {"id": "o2", "title": "2027年度实验总结", "due_on": "2027-12-31", "state": "upcoming"},
        {"id": "o1", "title": "2027年度实验计划", "due_on": "2027-07-01", "state": "submitted"},
        {"id": "o3", "title": "2028年度实验计划", "due_on": "2028-01-31", "state": "overdue"},
    ],
    "submissions": [
        {
            "id": "s1",
            "obligation_id": "o1",
            "text": "年度计划正文",
            "indicators": {"volunteer_rate": 12.0},
            "submitted_at": "2027-06-20T10:00:00+08:00",
            "outcome": None,
        },
    ],
    "requests": [],
}


def test_a_zone_shows_its_obligations_by_month_and_a_filing_is_reviewed_as_the_signed_in_reviewer(
    sign_in: Callable[..., Browser], backends: FakeBackends
) -> None:
    # 003:45 "按时上报年度实验计划和总结": the annual plan, reviewed by the province
    backends.answer("monitoring", "GET", "/zones/z1", Answer(200, ZONE))
    backends.answer("monitoring", "POST", "/zones/z1/obligations/o1/review", Answer(200, ZONE))
    shandong = sign_in("shandong")
    page = shandong.client.get("/zones/z1").text
    months = [m for m in ("2027-07", "2027-12", "2028-01") if f'<h3 style="margin:0">{m}</h3>' in page]
    assert months == ["2027-07", "2027-12", "2028-01"] and page.index("2027-07") < page.index("2028-01")
    assert 'class="overdue-mark"' in page and "年度计划正文" in page
    form = {"csrf": shandong.csrf("/zones/z1"), "outcome": "accepted", "opinion": "", "reviewer": "冒名"}
    res = shandong.client.post("/zones/z1/obligations/o1/review", data=form, follow_redirects=False)
    assert res.status_code == 303
    sent = backends.called("monitoring", "POST", "/zones/z1/obligations/o1/review")[0]["json"]
    assert sent == {
        "outcome": "accepted",
        "reviewer": "山东省民政厅 赵强",
        "opinion": "",
    }  # the session's, not the form's


def test_an_expert_scores_each_criterion_of_the_stage(
    sign_in: Callable[..., Browser], backends: FakeBackends
) -> None:
    # 003:37 "从工作基础、实验主题、实验方案、保障力度、市民政部门支持力度等方面综合评估"
    seat = task(
        stage="evaluation",
        stage_name="省级评估认定",
        outcomes=["designate", "not_designated"],
        experts=[{"expert": "山东省专家 王振华", "opinion": None}],
    )
    backends.answer(
        "review", "GET", "/tasks/task-1", Answer(200, {"task": seat, "case": None, "documents": []})
    )
    backends.answer("review", "POST", "/tasks/task-1/opinions", Answer(200, seat))
    expert = sign_in("expert")
    page = expert.client.get("/tasks/370000/task-1").text
    criteria = ["foundation", "theme", "plan", "safeguards", "prefecture_support"]
    assert all(f'name="score.{c}"' in page for c in criteria) and 'id="decision-form"' not in page
    form = {"csrf": expert.csrf("/tasks/370000/task-1"), "opinion": "工作基础扎实。"}
    form |= {f"score.{c}": "80" for c in criteria}
    expert.client.post("/tasks/370000/task-1/opinion", data=form, follow_redirects=False)
    sent = backends.called("review", "POST", "/tasks/task-1/opinions")[0]
    assert sent["json"] == {"opinion": "工作基础扎实。", "scores": dict.fromkeys(criteria, 80.0)}
    assert sent["token"].startswith("tok|山东省专家 王振华|expert|")
