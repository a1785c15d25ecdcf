"""Events as the other services publish them, for notify's tests."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from shared.events.envelope import Envelope
from shared.events.registry import Event
from shared.events.schemas import (
    ApplicantRef,
    ApplicationSubmitted,
    DemonstrationUnitRegistered,
    ObligationDueSoon,
    ObligationOverdue,
    ObligationReviewed,
    ObligationScheduled,
    ObligationSubmitted,
    ReviewStageDecided,
    ReviewTaskOpened,
    ReviewTaskOverdue,
    ReviewTaskOverdueSoon,
    ZoneDesignated,
    ZoneInspected,
    ZoneProgressReported,
    ZoneRecommended,
    ZoneRequestDecided,
    ZoneRequestFiled,
    ZoneStateChanged,
    ZoneWarned,
)
from tests.support.sources import rightful_source

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


# --- A zone's life after designation (monitoring, review's time limits, intake's registered units) ---

REVIEWER_REF = "reviewer:370000:5d8e3c1a"  # a person reference: never shown to a reader
ZONE: dict[str, Any] = dict(zone_id=ZONE_ID, application_id=APP_ID, programme="shandong-zones",
                            applicant=APPLICANT, authority="370000")  # fmt: skip
SUMMARY: dict[str, Any] = dict(
    obligation_id="o-2", kind="annual_summary", title="2027年度实验总结", due_on=date(2027, 12, 31)
)
ACCEPTANCE: dict[str, Any] = dict(
    obligation_id="o-9", kind="acceptance_review", title="验收评审", due_on=date(2029, 11, 29)
)


def due_soon(days_left: int = 7, by_owner: bool = False) -> ObligationDueSoon:
    if by_owner:  # the authority's own item: the acceptance review
        return ObligationDueSoon(**ZONE, **ACCEPTANCE, days_left=days_left, actor="owner")
    return ObligationDueSoon(**ZONE, **SUMMARY, days_left=days_left, actor="zone")


def overdue() -> ObligationOverdue:
    return ObligationOverdue(**ZONE, **SUMMARY, overdue_since=date(2028, 1, 1))


def filed() -> ObligationSubmitted:
    return ObligationSubmitted(
        **ZONE, **SUMMARY, submission_id="s-1",
        indicators={"facility_coverage": 92.5, "volunteer_rate": 12.0},
        submitted_at=datetime(2027, 12, 20, 3, 0, tzinfo=UTC),
    )  # fmt: skip


def filing_reviewed(outcome: str = "returned") -> ObligationReviewed:
    return ObligationReviewed(
        **ZONE, **SUMMARY, submission_id="s-1", outcome="accepted" if outcome == "accepted" else "returned",
        reviewer=REVIEWER_REF, opinion="总结缺少志愿服务数据，请补充后重新报送。",
        reviewed_at=datetime(2028, 1, 5, 2, 0, tzinfo=UTC),
    )  # fmt: skip


def warned() -> ZoneWarned:
    return ZoneWarned(**ZONE, **SUMMARY, warning_no=1, level_above="370100",
                      warned_at=datetime(2028, 1, 15, 1, 0, tzinfo=UTC))  # fmt: skip


def _task_limit() -> dict[str, Any]:
    return dict(
        task_id="t-2", application_id=APP_ID, programme="shandong-zones", stage="preliminary_review",
        stage_name="省级专家初审", reviewer_jurisdiction="370000", assignee="reviewer:370000:7a1b2c3d",
        applicant=APPLICANT, title=TITLE, due_on=date(2027, 7, 20),
    )  # fmt: skip


def task_overdue_soon() -> ReviewTaskOverdueSoon:
    return ReviewTaskOverdueSoon(**_task_limit(), days_left=3)


def task_overdue() -> ReviewTaskOverdue:
    return ReviewTaskOverdue(**{**_task_limit(), "assignee": None}, overdue_since=date(2027, 7, 21))


EXTENSION_ASKED = "因实地建设延后，申请延期半年。"
REVOCATION_PROPOSED = "济南市市中区经2次督促仍未报送：2027年度实验总结。建议撤销。"


def request_filed(kind: str = "extension") -> ZoneRequestFiled:
    by_zone = kind != "revocation"
    data: dict[str, Any] = dict(
        request_id="r-1", zone_id=ZONE_ID, application_id=APP_ID, programme="shandong-zones",
        programme_version=1, applicant=APPLICANT, kind=kind, title=TITLE,
        summary=EXTENSION_ASKED if by_zone else REVOCATION_PROPOSED,
        requested_end=date(2030, 2, 28) if kind == "extension" else None, authority="370000",
        filed_by="370103" if by_zone else "370000", filed_at=datetime(2029, 6, 1, 2, 0, tzinfo=UTC),
    )  # fmt: skip
    return ZoneRequestFiled(**data)


def request_decided(kind: str = "extension", outcome: str = "approved") -> ZoneRequestDecided:
    data: dict[str, Any] = dict(
        request_id="r-1", zone_id=ZONE_ID, application_id=APP_ID, programme="shandong-zones",
        programme_version=1, applicant=APPLICANT, kind=kind, outcome=outcome, decided_by="370000",
        reviewer=REVIEWER_REF, opinion="理由充分，同意。",
        new_end=date(2030, 2, 28) if (kind, outcome) == ("extension", "approved") else None,
        document_no="鲁民函〔2029〕30号" if kind in ("acceptance", "revocation") else None,
        decided_at=datetime(2029, 6, 20, 2, 0, tzinfo=UTC),
    )  # fmt: skip
    return ZoneRequestDecided(**data)


def state_changed(change: str = "revoked", state: str | None = None) -> ZoneStateChanged:
    return ZoneStateChanged(
        **ZONE, change=change, state=state or change, previous_state="active", request_id="r-1",
        period_end=date(2030, 2, 28) if change == "extended" else date(2029, 8, 31),
        title_conferred="山东省城乡社区治理实验区" if change == "titled" else None,
        changed_at=datetime(2029, 6, 20, 2, 0, tzinfo=UTC),
    )  # fmt: skip


def recommended() -> ZoneRecommended:
    return ZoneRecommended(
        **ZONE, recommendation_id="rec-1", into_programme="national-zones", title=TITLE,
        theme="推进智慧社区建设", title_conferred="山东省城乡社区治理实验区",
        note_zh="择优推荐申报全国社区治理和服务创新实验区",
        recommended_at=datetime(2029, 12, 1, 2, 0, tzinfo=UTC), into_name_zh="全国社区治理和服务创新实验区",
        opinion="红色物业做法成效显著，择优推荐。",
    )  # fmt: skip


def recommended_rural() -> ZoneRecommended:
    """003:47–49: 全国农村社区治理实验区 is a target run outside the system: nothing is pre-filled."""
    return recommended().model_copy(
        update={"recommendation_id": "rec-2", "into_programme": "national-rural-zones",
                "into_name_zh": "全国农村社区治理实验区", "into_external": True}
    )  # fmt: skip


def unit_registered() -> DemonstrationUnitRegistered:
    return DemonstrationUnitRegistered(
        unit_id="0b6f1f5e-3333-4c3a-9d2e-000000000003", programme="harmonious-demo-liaison",
        programme_version=1, unit_type="street", unit_type_name="全国和谐社区建设示范街道",
        unit_name="济南市市中区大观园街道", location=ApplicantRef(code="370103", name="济南市市中区"),
        liaison_jurisdiction="370000", reporting_cadence="quarterly", contact_email="dgy@jnsz.gov.cn",
        title_document="民函〔2011〕50号", registered_at=datetime(2027, 3, 1, 2, 0, tzinfo=UTC),
    )  # fmt: skip


# --- Dynamic management beyond deadlines (issue 17 point 9): a national zone, the province inspecting ---

NATIONAL_ZONE: dict[str, Any] = {**ZONE, "programme": "national-zones", "authority": "000000"}
FINDINGS = "社区议事协商制度未落实，居民议事会全年仅召开1次。"


def inspected(rating: str = "needs_improvement") -> ZoneInspected:
    return ZoneInspected(
        **NATIONAL_ZONE, inspection_id="i-1", inspected_by="370000", kind="inspection",
        inspected_on=date(2028, 5, 10), findings=FINDINGS, rating=rating, follow_up_required=True,
        follow_up="按月召开居民议事会", follow_up_by=date(2028, 7, 31), supervisors=["000000", "370000"],
        inspector="inspector:370000:i1", recorded_at=datetime(2028, 5, 12, 2, 0, tzinfo=UTC),
    )  # fmt: skip


def progress_reported() -> ZoneProgressReported:
    return ZoneProgressReported(
        **NATIONAL_ZONE, report_id="p-1", report_title="居民议事会整改情况", inspection_id="i-1",
        supervisors=["000000", "370000"], reported_at=datetime(2028, 7, 20, 2, 0, tzinfo=UTC),
    )  # fmt: skip


def proposed() -> ZoneRequestFiled:
    """The province proposes revoking a national zone on its inspection; the ministry decides."""
    return request_filed("revocation").model_copy(
        update={"programme": "national-zones", "authority": "000000", "filed_by": "370000",
                "summary": FINDINGS, "inspection_id": "i-1", "supervisors": ["000000", "370000"]}
    )  # fmt: skip


def envelope(event: Event, source: str | None = None) -> Envelope:
    at = datetime(2027, 6, 1, tzinfo=UTC)
    return Envelope.wrap(event, source=source or rightful_source(event), time=at)
