"""What an obligation is called: its year (or quarter, half-year), then the programme's name for it."""

from __future__ import annotations

from datetime import date

from shared.programmes.model import Cadence

ANNUAL = "年度"


def obligation_title(name_zh: str, due_on: date) -> str:
    """`2027年度实验计划` from `年度实验计划` due in 2027 (年度 is written once, whatever the name)."""
    return f"{due_on.year}{ANNUAL}{name_zh.removeprefix(ANNUAL)}"


def scheduled_title(name_zh: str, cadence: Cadence, covers: date, due_on: date) -> str:
    """The title of one scheduled item; `covers` is the last day of the quarter or half-year reported."""
    if cadence is Cadence.QUARTERLY:
        return f"{covers.year}年第{(covers.month - 1) // 3 + 1}季度{name_zh}"
    if cadence is Cadence.HALF_YEARLY:
        return f"{covers.year}年{'上' if covers.month <= 6 else '下'}半年{name_zh}"
    if cadence is Cadence.ANNUAL:
        return obligation_title(name_zh, due_on)
    return name_zh
