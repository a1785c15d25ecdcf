"""What one instance of a service owns: its jurisdiction's territory, less the children that run their own.

An instance is (service, jurisdiction). It owns a code when the code lies within its jurisdiction
(`000000`: the whole country) and not within one of its delegated children (`ZONES_DELEGATED`: child
jurisdictions that run their own instance of the same service). Shandong's notify with 370100
delegated owns Qingdao and the province's own code, not Jinan nor its districts; Jinan's own notify
owns those. What an instance does not own it skips, unverified (shared/messaging/admission.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from shared import jurisdictions as j


class InvalidDelegation(ValueError):
    """`ZONES_DELEGATED` names a code that is not a jurisdiction strictly inside this instance's, or one
    that the official division table in force does not list."""

    def __init__(self, code: str, jurisdiction: str, *, unlisted: bool = False) -> None:
        if unlisted:
            year = j.division_table().year
            super().__init__(
                f"ZONES_DELEGATED 中的 {code!r} 不在{year}年行政区划代码表中 / "
                f"ZONES_DELEGATED: {code!r} is not in the {year} official division table"
            )
        else:
            super().__init__(
                f"ZONES_DELEGATED 中的 {code!r} 不是 {jurisdiction} 辖区内的下级行政区划代码 / "
                f"ZONES_DELEGATED: {code!r} is not the code of a jurisdiction strictly inside {jurisdiction}"
            )
        self.code = code


def is_code(value: object) -> bool:
    """True for a well-formed 6-digit jurisdiction code."""
    try:
        return isinstance(value, str) and j.validate(value) == value
    except j.InvalidJurisdiction:
        return False


def parse_delegated(jurisdiction: str, text: str | Iterable[str]) -> tuple[str, ...]:
    """The delegated children in `text` (comma-separated, blanks ignored), each checked to lie strictly
    inside `jurisdiction`; InvalidDelegation names the first that does not."""
    items = text.split(",") if isinstance(text, str) else list(text)
    codes = tuple(dict.fromkeys(c.strip() for c in items if c.strip()))
    for code in codes:
        valid = is_code(code) and is_code(jurisdiction) and code != jurisdiction
        if not (valid and j.is_within(code, jurisdiction)):
            raise InvalidDelegation(code, jurisdiction)
        if not j.is_known(code):
            raise InvalidDelegation(code, jurisdiction, unlisted=True)
    return codes


@dataclass(frozen=True)
class Territory:
    """An instance's territory: `jurisdiction` less the `delegated` children."""

    jurisdiction: str
    delegated: tuple[str, ...] = ()

    @classmethod
    def of(cls, jurisdiction: str, delegated: str | Iterable[str] = "") -> Territory:
        """A checked territory (InvalidDelegation, or InvalidJurisdiction for a malformed `jurisdiction`)."""
        return cls(j.validate(jurisdiction), parse_delegated(jurisdiction, delegated))

    def owns(self, code: object) -> bool:
        """True when `code` is a jurisdiction code within mine and not within a delegated child's."""
        if not is_code(code) or not is_code(self.jurisdiction):
            return False
        assert isinstance(code, str)
        if not j.is_within(code, self.jurisdiction):
            return False
        return not any(j.is_within(code, child) for child in self.delegated)

    def describe(self) -> str:
        """`370000 山东省 less 370100 济南市`, for a person reading `zones doctor`."""

        def named(code: str) -> str:
            return f"{code} {j.name(code)}" if j.name(code) != code else code

        less = ", ".join(named(c) for c in self.delegated)
        return named(self.jurisdiction) + (f" less {less}" if less else "")

    def owns_any(self, *codes: object) -> bool:
        """True when I own at least one of `codes` (None and malformed ones own nothing)."""
        return any(self.owns(code) for code in codes)


def applicant_code(payload: object) -> str | None:
    """The code of the unit an event is about: its applicant's, or a registered unit's location."""
    for name in ("applicant", "location"):
        code = getattr(getattr(payload, name, None), "code", None)
        if isinstance(code, str):
            return code
    return None


__all__ = ["InvalidDelegation", "Territory", "applicant_code", "is_code", "parse_delegated"]
