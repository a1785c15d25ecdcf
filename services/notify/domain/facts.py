"""Facts: what a notice's template is filled with. JSON-safe, so dates travel as ISO strings."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

Facts = dict[str, Any]


def iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
