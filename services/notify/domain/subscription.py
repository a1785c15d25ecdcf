"""Subscriptions: a subscriber asks for events by type pattern, programme, jurisdiction scope and
fields of the event. Every criterion left empty matches everything."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from fnmatch import fnmatchcase
from typing import Any

from shared import jurisdictions as j


def concerned_codes(data: dict[str, Any]) -> set[str]:
    """The jurisdictions an event is about: the applicant, and whoever reviews, decides or designates."""
    applicant = data.get("applicant")
    codes = {applicant.get("code")} if isinstance(applicant, dict) else set()
    codes |= {data.get(k) for k in ("reviewer_jurisdiction", "decided_by", "designated_by")}
    return {c for c in codes if isinstance(c, str) and len(c) == 6 and c.isdigit()}


def field_value(data: dict[str, Any], path: str) -> Any:
    """`applicant.code` → data["applicant"]["code"]; None when missing."""
    value: Any = data
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


@dataclass(frozen=True)
class Subscription:
    id: str
    subscriber_id: str
    event_type: str = "*"  # glob: zones.review.*, *.overdue.*, zones.zone.designated.v1
    programme: str | None = None
    scope: str | None = None  # a jurisdiction code
    include_descendants: bool = True  # the scope and everything under it, or the scope code alone
    filter: dict[str, Any] = field(default_factory=dict)  # field path → wanted value (or list of values)
    created_at: datetime | None = None

    def matches(self, event_type: str, data: dict[str, Any]) -> bool:
        if not fnmatchcase(event_type, self.event_type):
            return False
        if self.programme and data.get("programme") != self.programme:
            return False
        if self.scope and not self._in_scope(concerned_codes(data)):
            return False
        return all(self._field_matches(data, path, want) for path, want in self.filter.items())

    def _in_scope(self, codes: set[str]) -> bool:
        assert self.scope is not None
        if self.include_descendants:
            return any(j.is_within(c, self.scope) for c in codes)
        return self.scope in codes

    @staticmethod
    def _field_matches(data: dict[str, Any], path: str, want: Any) -> bool:
        got = field_value(data, path)
        return got in want if isinstance(want, list) else got == want
