"""What the supervising levels and the zone do outside the schedule (动态管理): inspect and assess,
propose revocation on an inspection's findings, report progress at any time."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from zoneinfo import ZoneInfo

from services.monitoring.domain import inspections, progress
from services.monitoring.domain.model import Zone, ZoneRequest
from services.monitoring.domain.records import Inspection, ProgressReport
from services.monitoring.service_layer.filings import _anyone, _change
from services.monitoring.service_layer.ports import MonitoringUnitOfWork
from shared.programmes.loader import default_catalogue
from shared.programmes.lookup import programme_of
from shared.programmes.model import Programme

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _programme(zone: Zone) -> Programme:
    return programme_of(default_catalogue(), zone.programme, zone.programme_version)


async def inspect(
    uow: MonitoringUnitOfWork,
    zone_id: str,
    by: str,
    kind: str,
    inspected_on: date,
    findings: str,
    rating: str,
    follow_up: str,
    follow_up_by: date | None,
    follow_up_required: bool,
    inspector: str,
    check: Callable[[Zone], None] = _anyone,
) -> Inspection:
    """`by` is the caller's own jurisdiction; the zone's record and programme say whether it supervises."""

    def act(zone: Zone) -> Inspection:
        now = uow.clock.now()
        record = Inspection(
            str(uuid.uuid4()), kind, by, inspected_on, findings, rating,
            follow_up_required, follow_up, follow_up_by, inspector, now,
        )  # fmt: skip
        return inspections.inspect(zone, _programme(zone), record, now.astimezone(SHANGHAI).date())

    return await _change(uow, zone_id, check, act)


async def propose_revocation(
    uow: MonitoringUnitOfWork,
    zone_id: str,
    by: str,
    inspection_id: str,
    summary: str,
    check: Callable[[Zone], None] = _anyone,
) -> ZoneRequest:
    return await _change(
        uow,
        zone_id,
        check,
        lambda zone: inspections.propose_revocation(
            zone, _programme(zone), by, inspection_id, summary, uow.clock.now()
        ),
    )


async def report_progress(
    uow: MonitoringUnitOfWork,
    zone_id: str,
    title: str,
    text: str,
    inspection_id: str | None,
    check: Callable[[Zone], None] = _anyone,
) -> ProgressReport:
    return await _change(
        uow,
        zone_id,
        check,
        lambda zone: progress.report(zone, _programme(zone), title, text, inspection_id, uow.clock.now()),
    )
