"""Events as the other services publish them, for notify's tests."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from shared.events.envelope import Envelope
from shared.events.registry import Event
from shared.events.schemas import (
    ApplicantRef,
    ApplicationSubmitted,
    ObligationScheduled,
    ReviewStageDecided,
    ReviewTaskOpened,
    ZoneDesignated,
)

APP_ID = "0b6f1f5e-1111-4c3a-9d2e-000000000001"
ZONE_ID = "0b6f1f5e-2222-4c3a-9d2e-000000000002"
APPLICANT = ApplicantRef(code="370103", name="济南市市中区")
TITLE = "红色物业引领社区治理实验"


def submitted(**over: Any) -> ApplicationSubmitted:
    data: dict[str, Any] = dict(
        application_id=APP_ID, reference_no="SZ-2027-370103-01", programme="shandong-zones",
        programme_version=1, applicant=APPLICANT, title=TITLE, theme="推进智慧社区建设", period_months=24,
        guidance_expert="王教授", contact_email="sq@jnsz.gov.cn", plan_characters=4800,
        submitted_at=datetime(2027, 5, 31, 17, 30, tzinfo=UTC),  # 1 June in Shanghai
    )  # fmt: skip
    return ApplicationSubmitted(**{**data, **over})


def task_opened() -> ReviewTaskOpened:
    return ReviewTaskOpened(
        task_id="t-1", application_id=APP_ID, programme="shandong-zones", stage="prefecture_review",
        stage_name="市级民政部门审核", reviewer_jurisdiction="370100", applicant=APPLICANT, title=TITLE,
        due_on=date(2027, 6, 16),
    )  # fmt: skip


def decided(effect: str = "revise") -> ReviewStageDecided:
    outcome = {"revise": ("needs_improvement", "待完善"), "advance": ("pass", "审核通过")}[effect]
    return ReviewStageDecided(
        task_id="t-1", application_id=APP_ID, programme="shandong-zones", programme_version=1,
        stage="prefecture_review", stage_name="市级民政部门审核", outcome=outcome[0], outcome_name=outcome[1],
        effect=effect, next_stage="preliminary_review" if effect == "advance" else None, decided_by="370100",
        reviewer="李审核", opinion="实验举措不够具体，请补充分期规划。", applicant=APPLICANT, title=TITLE,
        theme="推进智慧社区建设", revision_due_on=date(2027, 7, 1) if effect == "revise" else None,
        decided_at=datetime(2027, 6, 10, 2, 0, tzinfo=UTC),
    )  # fmt: skip


def designated() -> ZoneDesignated:
    return ZoneDesignated(
        zone_id=ZONE_ID, application_id=APP_ID, programme="shandong-zones", programme_version=1,
        applicant=APPLICANT, title=TITLE, theme="推进智慧社区建设", designated_by="370000",
        document_no="鲁民函〔2027〕12号", designated_at=datetime(2027, 9, 1, 1, 0, tzinfo=UTC),
        period_start=date(2027, 9, 1), period_end=date(2029, 8, 31),
    )  # fmt: skip


def obligation() -> ObligationScheduled:
    return ObligationScheduled(
        obligation_id="o-1", zone_id=ZONE_ID, application_id=APP_ID, programme="shandong-zones",
        applicant=APPLICANT, kind="annual_plan", title="2027年度实验计划", due_on=date(2027, 10, 1),
    )  # fmt: skip


def envelope(event: Event, source: str = "/jurisdictions/000000/intake") -> Envelope:
    return Envelope.wrap(event, source=source, time=datetime(2027, 6, 1, tzinfo=UTC))
