"""Registers as the unit tests need them: a version of one kind, with the entries given."""

from __future__ import annotations

from datetime import UTC, date, datetime

from services.intake.domain.facts import Facts
from services.intake.domain.register import Register
from shared.events.schemas.registers import RegisterEntry
from shared.registers.kinds import holder_of

SAMPLE = "示例名录（虚构）/ sample register (fictional)"


def register(kind: str, *entries: RegisterEntry, version: int = 1) -> Register:
    holder = holder_of(kind) or "000000"
    at = datetime(2027, 1, 5, tzinfo=UTC)
    return Register(kind, version, holder, SAMPLE, date(2027, 1, 4), entries, at)


def unit(code: str, name: str = "") -> RegisterEntry:
    return RegisterEntry(code=code, name=name or code)


def member(name: str, committee: str = "山东省基层政权建设和社区治理专家委员会") -> RegisterEntry:
    return RegisterEntry(name=name, committee=committee)


def loaded(*registers: Register, **over: object) -> Facts:
    """Facts with `registers` loaded (and every other field as given)."""
    return Facts(registers={r.kind: r for r in registers}, **over)  # type: ignore[arg-type]
