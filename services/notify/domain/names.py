"""Names a reader reads: English names from the programme, and what requests, their outcomes and a zone's
changes are called in Chinese and English (the events carry keys; the Chinese names of requests and
their outcomes are the shared contract's, in shared/events/schemas/monitoring.py)."""

from __future__ import annotations

from shared.events.schemas.monitoring import REQUEST_NAMES_ZH, REQUEST_OUTCOME_NAMES_ZH, REQUEST_STAGE_PREFIX
from shared.programmes.model import Programme

REQUEST_NAMES_EN = {
    "content_change": "Change of content",
    "schedule_adjustment": "Schedule adjustment",
    "termination": "Termination of the experiment",
    "extension": "Extension of the period",
    "acceptance": "Acceptance review",
    "revocation": "Revocation of the designation",
}
OUTCOME_NAMES_EN = {
    "approved": "Approved",
    "refused": "Refused",
    "accepted": "Accepted",
    "accepted_with_title": "Accepted, with the title conferred",
    "failed": "Not accepted",
    "revoked": "Designation revoked",
    "not_revoked": "Not revoked",
}
OUTCOMES: dict[str, tuple[str, str]] = {
    k: (REQUEST_OUTCOME_NAMES_ZH[k], en) for k, en in OUTCOME_NAMES_EN.items()
}
CHANGES: dict[str, tuple[str, str]] = {
    "extended": ("实验期延长", "Period extended"),
    "terminated": ("实验中止", "Experiment terminated"),
    "under_acceptance": ("进入验收", "Acceptance review under way"),
    "accepted": ("通过验收", "Accepted"),
    "titled": ("通过验收并授予称号", "Accepted, with the title conferred"),
    "failed": ("未通过验收", "Not accepted"),
    "revoked": ("撤销认定", "Designation revoked"),
    "content_change": ("实验内容变更", "Content changed"),
    "schedule_adjustment": ("实验进度调整", "Schedule adjusted"),
}
# A registered unit's title is withdrawn by the ministry on the liaison's proposal (001:425, 001:385).
UNIT_REVOCATION_EN = "Proposal to withdraw the demonstration unit's title"
UNIT_OUTCOMES: dict[str, tuple[str, str]] = {
    "revoked": ("取消示范单位称号", "Title withdrawn"),
    "not_revoked": ("保留示范单位称号", "Title kept"),
}
UNIT_CHANGES: dict[str, tuple[str, str]] = {"revoked": ("取消示范单位称号", "Title withdrawn")}
FILING_OUTCOMES: dict[str, tuple[str, str]] = {
    "accepted": ("审核通过", "Accepted"),
    "returned": ("退回修改", "Returned for rework"),
}
CADENCES: dict[str, tuple[str, str]] = {
    "quarterly": ("每季度", "every quarter"),
    "half_yearly": ("每半年", "every half-year"),
}


def request_name(kind: str) -> tuple[str, str]:
    """内容变更 / Change of content."""
    return REQUEST_NAMES_ZH.get(kind, kind), REQUEST_NAMES_EN.get(kind, kind)


def stage_name_en(programme: Programme | None, key: str | None) -> str | None:
    """A stage of the programme's route, or the request a task decides (request:extension)."""
    if key and key.startswith(REQUEST_STAGE_PREFIX):
        return REQUEST_NAMES_EN.get(key.removeprefix(REQUEST_STAGE_PREFIX))
    stage = programme.stage(key) if programme and key else None
    return stage.name_en if stage else None


def kind_name_en(programme: Programme | None, kind: str) -> str | None:
    """What a zone owes, by its key: from the monitoring schedule, else the older obligations list."""
    if programme is None:
        return None
    schedule = programme.monitoring.schedule if programme.monitoring else ()
    found = next((s.name_en for s in schedule if s.key == kind), None)
    return found or next((o.name_en for o in programme.obligations if o.kind == kind), None)
