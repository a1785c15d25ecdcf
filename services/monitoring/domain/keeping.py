"""Which monitoring instance KEEPS a zone, when several hold it (issue 13, federation).

A zone can be held by two instances: the one whose jurisdiction designated it, and the one whose
territory the zone lies in. Exactly one keeps it — the instance whose territory owns the zone's
designating authority code. It alone fires the zone's reminders, overdue notices, warnings and
automatic state changes, and accepts its filings and requests. Every other holder is a MIRROR: it shows
the zone but acts for it in nothing. In a single deployment monitoring-000000 owns every code, so it
keeps every zone.
"""

from __future__ import annotations

from services.monitoring.domain.model import Zone
from shared.errors import Conflict, Reason
from shared.territory import Territory


def keeps(designated_by: str, territory: Territory) -> bool:
    """True when the instance of `territory` keeps a zone designated by `designated_by`."""
    return territory.owns(designated_by)


def ensure_kept(zone: Zone, territory: Territory) -> None:
    """Conflict (409), naming the keeper's jurisdiction, when this instance only mirrors `zone`."""
    if keeps(zone.designated_by, territory):
        return
    code = zone.designated_by
    raise Conflict(
        [
            Reason(
                "kept_elsewhere",
                f"该实验区由认定机关 {code} 的监测实例管理，本实例（{territory.jurisdiction}）仅作镜像显示，"
                "未作任何更改",
                f"this zone is kept by the monitoring instance of its designating authority {code}; this "
                f"instance ({territory.jurisdiction}) only mirrors it and changed nothing",
            )
        ]
    )
