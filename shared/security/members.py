"""A member of the trust bundle: one signing key bound to one instance — (jurisdiction, service) —
the event types it may sign, and the period its signatures count for (judged at the event's time:
valid while not_before ≤ time < not_after and, when revoked, time < revoked_at)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from shared import jurisdictions
from shared.security.signing import public_key_from_text

NAME = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")  # a service name (unknown ones are kept: newer peers)
KEY_ID = re.compile(r"^[A-Za-z0-9][-._A-Za-z0-9]{0,99}$")
TYPE = re.compile(r"^[a-z0-9_.-]{1,120}$")


class TrustFormatError(ValueError):
    """A bundle, member or anchor that cannot be read: what is wrong and where."""


def iso(at: datetime) -> str:
    """An instant as the bundle writes it: UTC, seconds, `Z`."""
    return at.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def instant(value: object, name: str) -> datetime | None:
    """An ISO 8601 instant with an offset, or None for an absent/null value."""
    if value is None:
        return None
    try:
        at = datetime.fromisoformat(str(value))
    except ValueError as exc:
        raise TrustFormatError(f"`{name}` {value!r} is not an ISO 8601 time") from exc
    if at.tzinfo is None:
        raise TrustFormatError(f"`{name}` {value!r} needs an offset (Z or +08:00)")
    return at


@dataclass(frozen=True)
class Member:
    key_id: str
    jurisdiction: str
    service: str
    types: tuple[str, ...]
    public_key: str  # base64url raw Ed25519, as `zones keys generate` writes it
    not_before: datetime | None = None
    not_after: datetime | None = None
    revoked_at: datetime | None = None

    @classmethod
    def from_json(cls, raw: object, index: int = 0) -> Member:
        where = f"members[{index}]"
        if not isinstance(raw, dict):
            raise TrustFormatError(f"{where}: not an object")
        try:
            key_id, service = str(raw["key_id"]), str(raw["service"])
            types = raw["types"]
            if not KEY_ID.match(key_id):
                raise ValueError(f"key_id {key_id!r} is not [-._A-Za-z0-9]")
            if not NAME.match(service):
                raise ValueError(f"service {service!r} is not a service name")
            if not isinstance(types, list) or not all(isinstance(t, str) and TYPE.match(t) for t in types):
                raise ValueError("types must be a list of event type names")
            public_key_from_text(str(raw["public_key"]))  # strict base64url, 32 bytes
            member = cls(
                key_id=key_id,
                jurisdiction=jurisdictions.validate(str(raw["jurisdiction"])),
                service=service,
                types=tuple(types),
                public_key=str(raw["public_key"]),
                not_before=instant(raw.get("not_before"), "not_before"),
                not_after=instant(raw.get("not_after"), "not_after"),
                revoked_at=instant(raw.get("revoked_at"), "revoked_at"),
            )
        except TrustFormatError as exc:
            raise TrustFormatError(f"{where}: {exc}") from exc
        except (KeyError, ValueError, TypeError) as exc:
            raise TrustFormatError(f"{where}: {exc!r}") from exc
        unknown = set(raw) - {f for f in cls.__dataclass_fields__}
        if unknown:
            raise TrustFormatError(f"{where}: unknown fields {sorted(unknown)}")
        return member

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "key_id": self.key_id,
            "jurisdiction": self.jurisdiction,
            "service": self.service,
            "types": list(self.types),
            "public_key": self.public_key,
            "not_before": iso(self.not_before) if self.not_before else None,
            "not_after": iso(self.not_after) if self.not_after else None,
        }
        if self.revoked_at:
            out["revoked_at"] = iso(self.revoked_at)
        return out

    @property
    def instance(self) -> str:
        return f"{self.service}-{self.jurisdiction}"
