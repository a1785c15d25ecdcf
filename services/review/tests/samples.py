"""Sample events and commands for review's tests (Shandong: 370103 under Jinan 370100)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from services.review.domain.commands import DecideTask
from shared.events.schemas import ApplicantRef, ApplicationSubmitted

SUBMITTED_AT = datetime(2027, 5, 10, 2, 0, tzinfo=UTC)


def submitted(applicant: str = "370103", name: str = "济南市市中区", **over: object) -> ApplicationSubmitted:
    data: dict[str, object] = dict(
        application_id=str(uuid.uuid4()),
        reference_no=f"SZ-2027-{applicant}-01",
        programme="shandong-zones",
        programme_version=1,
        applicant=ApplicantRef(code=applicant, name=name),
        title="智慧社区",
        theme="推进智慧社区建设",
        period_months=24,
        guidance_expert="王教授",
        contact_email="sq@jnsz.gov.cn",
        plan_characters=4800,
        submitted_at=SUBMITTED_AT,
    )
    data.update(over)
    return ApplicationSubmitted.model_validate(data)


# 003:35: the prefecture's formal recommendation states its review opinion in three parts and its
# support measures (policy, funding, projects).
RECOMMENDATION: dict[str, Any] = {
    "opinion_parts": {
        "foundation": "社区治理基础扎实，网格化管理全覆盖。",
        "theme_measures": "主题切合实际，举措具体可行。",
        "plan_guidance": "市局两次组织专家指导方案修改。",
    },
    "support_measures": {
        "policy": "出台专项支持意见",
        "funding": "市级财政安排200万元",
        "projects": "纳入市级重点项目",
    },
}


# 003:35: the applicant's 申报表, sent in the name of its Party committee and government.
APPLICANT_FORM: dict[str, str] = {
    "in_name_of": "中共济南市市中区委员会、济南市市中区人民政府",
    "letter_no": "市中发〔2027〕12号",
    "department": "区民政局基层政权和社区建设科",
    "department_head": "张科长",
    "public_mailbox": "sqzl@jnsz.gov.cn",
}


def decide(task_id: str, outcome: str = "pass", **over: Any) -> DecideTask:
    extra = RECOMMENDATION if outcome == "recommend" else {}
    data = {"reviewer": "李科长", "opinion": "方案基础扎实，同意。", **extra, **over}
    return DecideTask(task_id=task_id, outcome=outcome, **data)
