"""A subscriber hears only of its own territory: the applicants (zones, registered units) that lie within
its jurisdiction. A subscription reaching beyond is refused (403); an event beyond is never delivered
through a subscription, whatever the subscription says (one stored before this rule, too)."""

from __future__ import annotations

from typing import Any

from services.notify.domain.subscription import Subscription, field_value
from shared import jurisdictions as j
from shared.errors import DomainError, Reason

_APPLICANT_FIELDS = ("applicant.code", "location.code")


def _is_code(value: object) -> bool:
    try:
        return isinstance(value, str) and j.validate(value) == value
    except j.InvalidJurisdiction:
        return False


def _covers(scope: str, code: str) -> bool:
    return _is_code(code) and _is_code(scope) and j.is_within(code, scope)


class OutsideTerritory(DomainError):
    """A subscription asks for events outside the subscriber's territory (403)."""

    status = 403


def event_territory(data: dict[str, Any]) -> str | None:
    """The jurisdiction an event belongs to: its applicant's (a registered unit's location), or, when the
    applicant is withheld (an anonymous stage), the reviewing jurisdiction; None when it names neither."""
    for path in (*_APPLICANT_FIELDS, "reviewer_jurisdiction"):
        code = field_value(data, path)
        if isinstance(code, str) and _is_code(code):
            return code
    return None


def within_territory(subscriber_code: str, data: dict[str, Any]) -> bool:
    """Deny by default: an event naming no jurisdiction reaches only a national subscriber."""
    code = event_territory(data)
    if code is None:
        return subscriber_code == j.NATIONAL
    return _covers(subscriber_code, code)


def ensure_within(subscriber_code: str, subscription: Subscription) -> None:
    """OutsideTerritory listing every criterion that reaches beyond the subscriber's jurisdiction."""
    asked = [("scope", subscription.scope)] if subscription.scope else []
    for path in _APPLICANT_FIELDS:
        want = subscription.filter.get(path)
        asked += [("filter", str(v)) for v in (want if isinstance(want, list) else [want]) if v is not None]
    outside = [(field, code) for field, code in asked if not _covers(subscriber_code, code)]
    if outside:
        name = j.name(subscriber_code)
        raise OutsideTerritory([
            Reason("outside_territory", f"超出订阅者辖区：{code} 不在 {name}（{subscriber_code}）范围内",
                   f"outside the subscriber's territory: {code} is not within {subscriber_code}", field)
            for field, code in outside
        ])  # fmt: skip
