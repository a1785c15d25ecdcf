"""One genuine event of every registered type, with the source that may emit it: the starting point
of the adversarial suite (`test_forgeries.py`) and the consumer's property test. The applicant is
济南市市中区 (370103) in Shandong's programme; its prefecture is Jinan (370100)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from shared.events.registry import Event
from shared.events.schemas import (
    ApplicantRef,
    ApplicationSubmitted,
    ApplicationWithdrawn,
    DemonstrationUnitRegistered,
    NotificationFailed,
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
    ZoneRecommended,
    ZoneRequestDecided,
    ZoneRequestFiled,
    ZoneStateChanged,
    ZoneWarned,
)

NOW = datetime(2027, 6, 1, 1, 0, tzinfo=UTC)
DAY = date(2027, 6, 1)
WHO = ApplicantRef(code="370103", name="济南市市中区")
APP = {"application_id": "a1", "programme": "shandong-zones", "applicant": WHO}
TASK = {
    **APP,
    "task_id": "t1",
    "stage": "prefecture_review",
    "stage_name": "市级审核",
    "reviewer_jurisdiction": "370100",
    "title": "t",
    "due_on": DAY,
}
ZONE = {**APP, "zone_id": "z1", "authority": "370000"}
OBLIGATION = {
    **ZONE,
    "obligation_id": "o1",
    "kind": "annual_summary",
    "title": "2027年度实验总结",
    "due_on": DAY,
}
REQUEST = {**APP, "zone_id": "z1", "request_id": "r1", "programme_version": 1, "kind": "extension"}


def _events() -> list[tuple[Event, str]]:
    by: dict[str, Any] = {"reviewer": "reviewer:370100:t1", "opinion": "同意"}
    return [
        (
            ApplicationSubmitted(
                **APP,
                reference_no="R1",
                programme_version=1,
                title="t",
                theme="推进智慧社区建设",
                period_months=24,
                contact_email="mz@example.gov.cn",
                plan_characters=5000,
                submitted_at=NOW,
            ),
            "000000/intake",
        ),
        (
            ApplicationWithdrawn(**APP, reference_no="R1", programme_version=1, reason="", withdrawn_at=NOW),
            "000000/intake",
        ),
        (
            DemonstrationUnitRegistered(
                unit_id="u1",
                programme="harmonious-demo-liaison",
                programme_version=1,
                unit_type="street",
                unit_type_name="示范街道",
                unit_name="大观园街道",
                location=WHO,
                liaison_jurisdiction="370000",
                reporting_cadence="quarterly",
                contact_email="u@example.gov.cn",
                registered_at=NOW,
            ),
            "000000/intake",
        ),
        (ReviewTaskOpened(**TASK), "370100/review"),
        (
            ReviewStageDecided(
                **{k: v for k, v in TASK.items() if k not in ("reviewer_jurisdiction", "due_on")},
                programme_version=1,
                outcome="pass",
                outcome_name="通过",
                effect="advance",
                next_stage="preliminary_review",
                decided_by="370100",
                theme="x",
                decided_at=NOW,
                **by,
            ),
            "370100/review",
        ),
        (ReviewTaskOverdueSoon(**TASK, days_left=3), "370100/review"),
        (ReviewTaskOverdue(**TASK, overdue_since=DAY), "370100/review"),
        (
            ZoneDesignated(
                **APP,
                zone_id="z1",
                programme_version=1,
                title="t",
                theme="x",
                designated_by="370000",
                document_no="鲁民函〔2027〕1号",
                designated_at=NOW,
                period_start=DAY,
                period_end=DAY,
            ),
            "370000/review",
        ),
        (
            ObligationScheduled(**{k: v for k, v in OBLIGATION.items() if k != "authority"}),
            "000000/monitoring",
        ),
        (
            ZoneRequestFiled(
                **REQUEST, title="t", summary="延期一年", authority="370000", filed_by="370103", filed_at=NOW
            ),
            "000000/monitoring",
        ),
        (
            ZoneRequestDecided(
                **REQUEST,
                outcome="approved",
                decided_by="370000",
                reviewer="reviewer:370000:r1",
                opinion="同意",
                new_end=DAY,
                decided_at=NOW,
            ),
            "370000/review",
        ),
        (
            ObligationSubmitted(**OBLIGATION, submission_id="s1", indicators={}, submitted_at=NOW),
            "000000/monitoring",
        ),
        (
            ObligationReviewed(
                **OBLIGATION,
                submission_id="s1",
                outcome="accepted",
                reviewer="reviewer:370000:s1",
                opinion="同意",
                reviewed_at=NOW,
            ),
            "000000/monitoring",
        ),
        (ObligationDueSoon(**OBLIGATION, days_left=7, actor="zone"), "000000/monitoring"),
        (ObligationOverdue(**OBLIGATION, overdue_since=DAY), "000000/monitoring"),
        (ZoneWarned(**OBLIGATION, warning_no=1, level_above="370100", warned_at=NOW), "000000/monitoring"),
        (
            ZoneStateChanged(
                **ZONE,
                change="extended",
                state="active",
                previous_state="active",
                period_end=DAY,
                changed_at=NOW,
            ),
            "000000/monitoring",
        ),
        (
            ZoneRecommended(
                **ZONE,
                recommendation_id="rc1",
                into_programme="national-zones",
                title="t",
                theme="x",
                recommended_at=NOW,
            ),
            "000000/monitoring",
        ),
        (
            NotificationFailed(
                delivery_id="d1",
                event_id="e1",
                event_type="zones.zone.warned.v1",
                subscriber_id="applicant:370103",
                channel="email",
                attempts=5,
                failed_at=NOW,
            ),
            "000000/notify",
        ),
    ]


GENUINE: list[tuple[Event, str]] = _events()
"""(event, "<code>/<service>") for every registered type, each emitted by whom it may be."""
