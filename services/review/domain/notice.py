"""Public notice (公示): a window for objections that must all be resolved before the stage completes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from shared.errors import Conflict, Reason, Refused


@dataclass
class Objection:
    id: str
    objector: str
    text: str
    filed_at: datetime
    resolution: str | None = None  # upheld | dismissed
    note: str | None = None
    resolved_by: str | None = None
    resolved_at: datetime | None = None


@dataclass
class PublicNotice:
    opened_at: datetime
    closes_at: datetime
    opened_by: str
    objections: list[Objection] = field(default_factory=list)

    @classmethod
    def open(cls, now: datetime, days: int, by: str) -> PublicNotice:
        return cls(opened_at=now, closes_at=now + timedelta(days=days), opened_by=by)

    def is_open(self, now: datetime) -> bool:
        return now < self.closes_at

    def object(self, objector: str, text: str, now: datetime) -> Objection:
        if not self.is_open(now):
            raise Conflict(
                [
                    Reason(
                        "notice_closed",
                        "公示期已结束，不再受理异议",
                        "the public notice has closed; objections are no longer taken",
                    )
                ]
            )
        if not objector.strip() or not text.strip():
            raise Refused(
                [
                    Reason(
                        "objection_incomplete",
                        "异议须写明异议人和异议内容",
                        "an objection needs who objects and what",
                        "text",
                    )
                ]
            )
        objection = Objection(str(uuid.uuid4()), objector.strip(), text.strip(), now)
        self.objections.append(objection)
        return objection

    def resolve(self, objection_id: str, resolution: str, note: str, by: str, now: datetime) -> Objection:
        found = next((o for o in self.objections if o.id == objection_id), None)
        if found is None:
            raise Refused([Reason("unknown_objection", "没有这条异议", "no such objection", "objection_id")])
        if found.resolution is not None:
            raise Conflict(
                [Reason("objection_resolved", "该异议已处理", "this objection is already resolved")]
            )
        if resolution not in ("upheld", "dismissed") or not note.strip():
            raise Refused(
                [
                    Reason(
                        "resolution_invalid",
                        "处理结果须为 upheld（成立）或 dismissed（不成立），并写明理由",
                        "resolution must be upheld or dismissed, with a note",
                        "resolution",
                    )
                ]
            )
        found.resolution, found.note, found.resolved_by, found.resolved_at = resolution, note.strip(), by, now
        return found

    def blocks_completion(self, now: datetime) -> list[Reason]:
        """Why a passing decision must wait: the window still open, objections open or upheld."""
        reasons: list[Reason] = []
        if self.is_open(now):
            reasons.append(
                Reason(
                    "notice_still_open",
                    f"公示期至 {self.closes_at:%Y-%m-%d %H:%M} 结束，结束后方可办结",
                    f"the public notice runs until {self.closes_at.isoformat()}",
                    "notice",
                )
            )
        open_ones = [o for o in self.objections if o.resolution is None]
        if open_ones:
            reasons.append(
                Reason(
                    "objections_unresolved",
                    f"尚有 {len(open_ones)} 条异议未处理",
                    f"{len(open_ones)} objections are not resolved",
                    "notice",
                )
            )
        if any(o.resolution == "upheld" for o in self.objections):
            reasons.append(
                Reason(
                    "objection_upheld",
                    "异议成立，不能以通过办结",
                    "an objection was upheld; the stage cannot pass",
                    "outcome",
                )
            )
        return reasons


def notice_missing() -> Reason:
    return Reason(
        "notice_not_held",
        "本环节须经公示，公示结束后方可办结",
        "this stage needs a public notice before it can pass",
        "notice",
    )
