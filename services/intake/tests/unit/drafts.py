"""A valid submission for every programme (unit and integration tests build refused cases from these)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from services.intake.domain.commands import SubmitApplication
from shared.programmes.loader import default_catalogue
from shared.programmes.model import Programme

TEXT = "本区坚持以人民为中心，推进社区治理创新，完善社区服务体系，健全居民自治机制。"  # 38 characters
IN_EVERY_WINDOW = datetime(2027, 3, 10, 2, 0, tzinfo=UTC)  # Shandong, Jilin and top-10 windows all open
LETTER = TEXT * 8

VALID: dict[str, dict[str, Any]] = {
    "shandong-zones": dict(
        applicant_code="370103",
        applicant_name="济南市市中区",
        theme="推进智慧社区建设",
        period_months=24,
        guidance_expert="王教授",
        plan={k: TEXT * 30 for k in ("background", "theme_goals", "measures", "safeguards")},
    ),
    "national-zones": dict(
        applicant_code="370103",
        applicant_name="济南市市中区",
        theme="社区协商民主",
        period_months=36,
        documents={"application_letter": LETTER},
        plan={k: TEXT * 10 for k in ("background", "theme", "content", "safeguards")},
    ),
    "jilin-zones": dict(
        applicant_code="220104",
        applicant_name="长春市朝阳区",
        theme="推进社区减负增效",
        period_months=24,
        documents={"application_letter": LETTER},
        attestations=("party_government_attention", "solid_foundation", "capable_cadres"),
        plan={k: TEXT * 20 for k in ("background", "theme", "content", "safeguards")},
    ),
    "top10-innovation": dict(
        applicant_code="220104",
        applicant_name="长春市朝阳区",
        theme="“三社联动”机制建设",
        form={"summary": TEXT * 6, "practice": TEXT * 22, "results": TEXT * 11, "replicability": TEXT * 6},
    ),
    "rural-full-coverage": dict(
        applicant_code="370112",
        applicant_name="济南市历城区",
        form={
            **{k: TEXT * 6 for k in ("leadership", "planning", "facilities", "services", "management")},
            "facility_radius_km": 2.5,
            "walking_minutes": 20,
        },
    ),
}


def programme(key: str, version: int | None = None) -> Programme:
    found = default_catalogue().get(key, version)
    assert found is not None
    return found


def draft(key: str, **over: Any) -> SubmitApplication:
    data: dict[str, Any] = dict(programme=key, title="社区治理创新实验", contact_email="sq@example.gov.cn")
    data.update(VALID[key])
    data.update(over)
    return SubmitApplication(**data)
