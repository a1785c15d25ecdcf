"""Errors that carry reasons a person can act on, in Chinese and English.

Domain code raises these; the HTTP layer turns them into 4xx answers listing every reason.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Reason:
    """One thing wrong with a request: a machine-readable code, the field, and two messages."""

    code: str
    message_zh: str
    message_en: str
    field: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return asdict(self)


class DomainError(Exception):
    """Base of refusals; `status` is the HTTP status an API answers with."""

    status = 400

    def __init__(self, reasons: list[Reason]) -> None:
        self.reasons = reasons
        super().__init__("; ".join(f"{r.code}: {r.message_en}" for r in reasons))


class Refused(DomainError):
    """The request is understood but breaks the programme's rules (422)."""

    status = 422


class NotFound(DomainError):
    status = 404

    def __init__(self, what_zh: str, what_en: str, ident: str) -> None:
        super().__init__([Reason("not_found", f"{what_zh}不存在：{ident}", f"{what_en} not found: {ident}")])


class Conflict(DomainError):
    """The request is valid but the state moved on (409), e.g. a task already decided."""

    status = 409


class Quarantined(DomainError):
    """A consumed event whose claims do not hold against the receiver's own state or the programme
    (wrong sender, wrong stage, effect not the programme's): not applied; the consumer dead-letters it
    at once with these reasons."""

    status = 403


def quarantine(code: str, zh: str, en: str) -> Quarantined:
    """Build a single-reason quarantine."""
    return Quarantined([Reason(code, zh, en)])


def refuse(code: str, zh: str, en: str, field: str | None = None) -> Refused:
    """Build a single-reason refusal."""
    return Refused([Reason(code, zh, en, field)])


class Unauthenticated(DomainError):
    """No valid bearer token (401)."""

    status = 401

    def __init__(self, why_zh: str, why_en: str) -> None:
        super().__init__([Reason("unauthenticated", f"未认证：{why_zh}", f"not authenticated: {why_en}")])


class Forbidden(DomainError):
    """A valid caller acting outside its role or territory (403)."""

    status = 403

    def __init__(self, zh: str, en: str) -> None:
        super().__init__([Reason("forbidden", zh, en)])
