"""Progress reports a zone files whenever it has something to report, not for an obligation
(001:417 "临时工作信息可随时报送"; 000:47 "及时通报工作进展和成效")."""

from __future__ import annotations

import uuid
from datetime import datetime

from services.monitoring.domain.inspections import ensure_live, supervising
from services.monitoring.domain.model import Zone
from services.monitoring.domain.records import ProgressReport
from shared.errors import Reason, Refused
from shared.events.schemas.supervision import ZoneProgressReported
from shared.programmes.model import Programme

TITLE_MAX = 200


def report(
    zone: Zone, programme: Programme, title: str, text: str, inspection_id: str | None, now: datetime
) -> ProgressReport:
    """Put the zone's report on its record and tell its supervising levels."""
    ensure_live(zone)
    reasons = []
    if not title.strip() or len(title) > TITLE_MAX:
        reasons.append(
            Reason(
                "title_invalid",
                f"请填写标题（不超过{TITLE_MAX}字）",
                f"give a title of at most {TITLE_MAX} characters",
                "title",
            )
        )
    if not text.strip():
        reasons.append(Reason("text_missing", "报送内容不能为空", "the report's text is empty", "text"))
    if inspection_id is not None and zone.inspection(inspection_id) is None:
        reasons.append(
            Reason(
                "inspection_unknown",
                f"该实验区没有这条检查记录：{inspection_id}",
                f"this zone has no inspection {inspection_id}",
                "inspection_id",
            )
        )
    if reasons:
        raise Refused(reasons)
    filed = ProgressReport(str(uuid.uuid4()), title.strip(), text, now, inspection_id)
    zone.progress_reports.append(filed)
    zone.events.append(
        ZoneProgressReported(
            **zone.facts(),
            report_id=filed.id,
            report_title=filed.title,
            inspection_id=inspection_id,
            supervisors=supervising(zone, programme),
            reported_at=now,
        )
    )
    return filed
