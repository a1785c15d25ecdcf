"""Designation arithmetic: the experiment period and the document number (文号)."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo


def designation_date(at: datetime, timezone: str) -> date:
    """The calendar day of `at` where the programme lives (Asia/Shanghai for every programme so far)."""
    return at.astimezone(ZoneInfo(timezone)).date()


def period_end(start: date, months: int) -> date:
    """Last day of a period of `months` months whose first day is `start`.

    The day before the same day `months` later; when that month has no such day (31 January plus
    one month), the period ends on that month's last day, as periods counted in months do in law.
    """
    if months <= 0:
        raise ValueError(f"months must be positive, not {months}")
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    if start.day > last:
        return date(year, month, last)
    return date(year, month, start.day) - timedelta(days=1)


def document_no(prefix: str, year: int, n: int) -> str:
    """A designation document number, e.g. 鲁民函〔2027〕3号."""
    return f"{prefix}〔{year}〕{n}号"


def period(start: date, months: int) -> tuple[date, date]:
    """The experiment period of a zone from `start` (a recognition, effect recognise, has none)."""
    return start, period_end(start, months) if months > 0 else start


DESIGNATION_KINDS = {"application": "zone", "dossier": "achievement", "self_nomination": "demonstration_unit"}


def designation_kind(programme_kind: str) -> str:
    """What the final stage confers: a zone, a recognised achievement or a demonstration unit."""
    return DESIGNATION_KINDS.get(programme_kind, "zone")
