"""The forgeries the end-to-end suite produces: each by a wrong party, against genuine state (`Base`)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from shared.events.registry import Event
from shared.events.schemas import (
    ApplicantRef,
    ApplicationSubmitted,
    ReviewStageDecided,
    ZoneDesignated,
    ZoneRequestDecided,
)

COUNTY = "370124"  # 济南市平阴县: no other end-to-end test applies for it (notify remembers applicants)
PINGYIN = ApplicantRef(code=COUNTY, name="济南市平阴县")
NOW = datetime(2027, 6, 1, 2, tzinfo=UTC)


def review(code: str) -> str:
    return f"/jurisdictions/{code}/review"


@dataclass
class Base:
    """Genuine state: an application at Jinan's prefecture stage; the county's zone with pending requests."""

    app_id: str
    zone_id: str
    zone_app_id: str
    requests: dict[str, str] = field(default_factory=dict)
    forged_app_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    forged_zone_id: str = field(default_factory=lambda: str(uuid.uuid4()))

    def designation(self, **over: Any) -> ZoneDesignated:
        data: dict[str, Any] = dict(
            zone_id=self.zone_id, application_id=self.zone_app_id, programme="shandong-zones",
            programme_version=1, applicant=PINGYIN, title="智慧社区", theme="推进智慧社区建设",
            designated_by="370000", document_no="鲁民函〔2027〕41号", designated_at=NOW,
            period_start=date(2027, 9, 1), period_end=date(2029, 8, 31),
        )  # fmt: skip
        return ZoneDesignated(**{**data, **over})

    def decision(self, **over: Any) -> ReviewStageDecided:
        data: dict[str, Any] = dict(
            task_id=str(uuid.uuid4()), application_id=self.app_id, programme="shandong-zones",
            programme_version=1, stage="prefecture_review", stage_name="市级审核", outcome="pass",
            outcome_name="通过", effect="advance", next_stage="preliminary_review", decided_by="370100",
            reviewer="reviewer:370100:forged", opinion="同意", applicant=PINGYIN, title="并行测试",
            theme="推进智慧社区建设", decided_at=NOW,
        )  # fmt: skip
        return ReviewStageDecided(**{**data, **over})

    def request_decision(self, kind: str, **over: Any) -> ZoneRequestDecided:
        data: dict[str, Any] = dict(
            request_id=self.requests[kind], zone_id=self.zone_id, application_id=self.zone_app_id,
            programme="shandong-zones", programme_version=1, applicant=PINGYIN, kind=kind,
            outcome="approved", decided_by="370000", reviewer="reviewer:370000:forged", opinion="同意",
            new_end=date(2099, 12, 31) if kind == "extension" else None, decided_at=NOW,
        )  # fmt: skip
        return ZoneRequestDecided(**{**data, **over})

    def county_submission(self) -> ApplicationSubmitted:
        """The county's own: window closed, a 12-character plan, an unlisted theme."""
        return ApplicationSubmitted(
            application_id=self.forged_app_id, reference_no="SZ-2027-370124-X", programme="shandong-zones",
            programme_version=1, applicant=PINGYIN, title="自己批准", theme="自拟主题", period_months=24,
            guidance_expert="guidance_expert:370124:x", contact_email="sq@example.cn", plan_characters=12,
            submitted_at=datetime(2027, 8, 1, 2, tzinfo=UTC),
        )  # fmt: skip


def forgeries(b: Base) -> dict[str, tuple[Event, str]]:
    """Name -> (event, the wrong party's source)."""
    qingdao_claim = ApplicantRef(code="370203", name="青岛市黄岛区")
    return {
        "sibling prefecture decides Jinan's stage (claims 370203, next evaluation)": (
            b.decision(decided_by="370200", applicant=qingdao_claim, next_stage="evaluation"),
            review("370200")),
        "genuine owner names next_stage evaluation": (b.decision(next_stage="evaluation"), review("370100")),
        "upper level decides the prefecture's stage": (b.decision(decided_by="370000"), review("370000")),
        "right jurisdiction, wrong service decides": (b.decision(), "/jurisdictions/370100/intake"),
        "county's own ApplicationSubmitted (window, plan, theme)": (
            b.county_submission(), f"/jurisdictions/{COUNTY}/intake"),
        "county approves its own extension to 2099-12-31": (
            b.request_decision("extension", decided_by=COUNTY), review(COUNTY)),
        "county approves, claiming to be the province": (b.request_decision("extension"), review(COUNTY)),
        "prefecture approves the province's zone's extension": (
            b.request_decision("extension", decided_by="370100"), review("370100")),
        "county terminates its own zone": (
            b.request_decision("termination", decided_by=COUNTY), review(COUNTY)),
        "right jurisdiction, wrong service approves": (
            b.request_decision("extension"), "/jurisdictions/370000/intake"),
        "county designates itself": (
            b.designation(zone_id=b.forged_zone_id, application_id=b.forged_app_id, designated_by=COUNTY),
            review(COUNTY)),
        "sibling province designates a Shandong county": (
            b.designation(zone_id=b.forged_zone_id, application_id=b.forged_app_id, designated_by="220000"),
            review("220000")),
    }  # fmt: skip
