"""One pass of dynamic management: every mark an open obligation has reached fires, once.

A pass runs in one transaction under an advisory lock (a second instance skips the pass); every mark
is claimed in the `marks` table before it acts, so a restart, a retried pass or another instance
cannot fire it again, and a pass that fails leaves nothing claimed. Only zones this instance KEEPS
are visited (domain/keeping.py): a mirror's pass fires nothing for the zones it only shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import structlog

from services.monitoring.domain import dynamics as d
from services.monitoring.domain.keeping import keeps
from services.monitoring.domain.model import Zone
from services.monitoring.service_layer.ports import MonitoringUnitOfWork
from shared.programmes.loader import default_catalogue
from shared.programmes.lookup import programme_of
from shared.territory import Territory

log = structlog.get_logger()
SHANGHAI = ZoneInfo("Asia/Shanghai")
EVERYWHERE = Territory("000000")  # a single deployment's monitoring keeps every zone


@dataclass(frozen=True)
class Settings:
    reminder_days: tuple[int, ...] = (30, 7, 0)
    revoke_after_warnings: int = 2
    long_overdue_days: int = 90
    territory: Territory = EVERYWHERE  # whose designations this instance keeps


@dataclass
class Pass:
    ran: bool = False
    fired: int = 0


async def run_pass(uow: MonitoringUnitOfWork, settings: Settings = Settings()) -> Pass:
    """Fire what is due today (Beijing time by the injected clock)."""
    result = Pass()
    async with uow:
        if not await uow.marks.lock():
            return result
        result.ran = True
        now = uow.clock.now()
        today = now.astimezone(SHANGHAI).date()
        horizon = today + timedelta(days=max(settings.reminder_days, default=0))
        for zone_id, designated_by in await uow.zones.watched(horizon):
            if not keeps(designated_by, settings.territory):
                continue  # a mirror: the keeper fires this zone's marks
            zone = await uow.zones.get(zone_id, for_update=True)
            if zone is not None:
                result.fired += await _zone_pass(uow, zone, today, settings)
                await uow.zones.save(zone)
        await uow.commit()
    if result.fired:
        log.info("dynamics_pass", fired=result.fired, today=str(today))
    return result


async def _zone_pass(uow: MonitoringUnitOfWork, zone: Zone, today: date, settings: Settings) -> int:
    programme = programme_of(default_catalogue(), zone.programme, zone.programme_version)
    policy = d.Policy.of(
        programme, settings.reminder_days, settings.revoke_after_warnings, settings.long_overdue_days
    )
    now, fired, long_overdue = uow.clock.now(), 0, False
    for ob in list(zone.obligations):
        marks = d.marks_due(ob, today, policy)
        reminders = [m for m in marks if m.startswith("remind:")]
        claimed = [m for m in marks if await uow.marks.claim(ob.id, m, now)]
        if reminders and reminders[-1] in claimed:  # only the nearest: a late pass does not send stale ones
            d.remind(zone, ob, today)
            fired += 1
        if "overdue" in claimed:
            d.overdue(zone, ob)
            fired += 1
        if "warn" in claimed:
            d.warn(zone, ob, now)
            fired += 1
        long_overdue = long_overdue or "long_overdue" in marks
    if d.should_recommend_revocation(zone, long_overdue, policy) and not _pending_revocation(zone):
        if await uow.marks.claim(zone.id, "revocation_recommended", now):
            d.recommend_revocation(zone, now, programme)
            fired += 1
    return fired


def _pending_revocation(zone: Zone) -> bool:
    return any(r.kind == "revocation" and r.outcome is None for r in zone.requests)
