"""Verifying one event against the bundle's members: the key must be a member, bound to the event's
own jurisdiction and service (`ce_source` /jurisdictions/<code>/<service>), allowed to sign its type,
valid at the event's own time, and its signature must hold.

A key's validity is judged at the event's `time`, so replaying history after a rotation still
verifies; an event dated further ahead of the receiver's clock than the allowed skew is refused, so
a retiring key cannot sign for the future. The bundle itself (signature, serial, issued_at ..
valid_until) is checked where it is loaded (`bundle.py`, `current.py`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from shared.events.envelope import Envelope
from shared.security.authorities import service_of
from shared.security.members import Member, iso
from shared.security.signing import public_key_from_text, signature_valid


class Untrusted(ValueError):
    """An event whose signature does not hold; it goes to quarantine with this reason."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code


class TrustStore:
    """The members of one verified bundle, by key id."""

    def __init__(self, members: list[Member] | tuple[Member, ...]) -> None:
        self.members = {m.key_id: m for m in members}
        self._public: dict[str, Ed25519PublicKey] = {
            m.key_id: public_key_from_text(m.public_key) for m in members
        }

    def verify(
        self, env: Envelope, now: datetime, *, topic: str, key: bytes | None, skew: timedelta
    ) -> Member:
        """The member that vouches for `env`, received on `topic` under `key` at the receiver's `now`;
        Untrusted saying why when none does."""
        key_id = env.extensions.get("keyid")
        if not env.extensions.get("signature") or not key_id:
            raise Untrusted("unsigned", "the event carries no signature")
        m = self.members.get(key_id)
        if m is None:
            raise Untrusted("unknown_key", f"no trusted key {key_id!r}")
        if m.jurisdiction != env.jurisdiction:
            raise Untrusted(
                "wrong_signer", f"key {key_id} speaks for {m.jurisdiction}, not {env.jurisdiction}"
            )
        if m.service != service_of(env):
            raise Untrusted(
                "wrong_service", f"key {key_id} speaks for {m.service}, not {service_of(env) or 'unknown'}"
            )
        if env.type not in m.types:
            raise Untrusted("type_not_allowed", f"key {key_id} ({m.instance}) may not sign {env.type}")
        when = env.time or now  # an event without a time is judged at its arrival
        if when > now + skew:
            raise Untrusted("future_event", f"dated {when.isoformat()}, later than now + {skew}")
        if m.revoked_at and when >= m.revoked_at:
            raise Untrusted("key_revoked", f"key {key_id} was revoked at {iso(m.revoked_at)}")
        if m.not_before and when < m.not_before:
            raise Untrusted("key_not_yet_valid", f"key {key_id} signs events dated from {iso(m.not_before)}")
        if m.not_after and when >= m.not_after:
            raise Untrusted("key_expired", f"key {key_id} signs events dated before {iso(m.not_after)}")
        if not signature_valid(env, self._public[key_id], topic, key):
            raise Untrusted("bad_signature", "the signature does not match the record")
        return m
