"""The gate every consumed event passes first: signature, signer, and the signer's authority.

Configured by `ZONES_TRUST_BUNDLE` and `ZONES_TRUST_ANCHOR` (`current.py`: the bundle in force,
re-read on change). Without them (a development machine or an unsigned test stack,
`ZONES_UNSIGNED_EVENTS=true`) signatures are not checked, but the authority rules still are: an
event type without a rule is refused everywhere (`policy.py`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from shared.events.envelope import Envelope, MalformedEvent
from shared.programmes.loader import default_catalogue
from shared.security.current import TrustPaths, TrustUnavailable, trust_store
from shared.security.policy import authority_problem
from shared.security.trust import Untrusted

DEFAULT_SKEW = timedelta(minutes=5)


def check(
    env: Envelope,
    trust: TrustPaths | None,
    now: datetime,
    *,
    topic: str,
    key: bytes | None,
    skew: timedelta = DEFAULT_SKEW,
) -> None:
    """Raise Untrusted when `env` (received on `topic` under `key` at the receiver's `now`) must be
    quarantined; MalformedEvent when its data is not its type's; TrustUnavailable when no valid
    bundle is in force; return when it may be applied."""
    if trust is not None:
        trust_store(trust, now).verify(env, now, topic=topic, key=key, skew=skew)
    if topic != env.topic:
        raise Untrusted("wrong_topic", f"{env.type} travels on {env.topic}, not {topic}")
    payload = env.payload()  # MalformedEvent propagates: the consumer dead-letters it as malformed
    if (key or b"") != env.subject.encode() or env.subject != payload.key:
        raise Untrusted("wrong_key", f"record key and subject must both be the aggregate id {payload.key}")
    problem = authority_problem(env, payload, default_catalogue())
    if problem:
        raise Untrusted("not_authorised", problem)


__all__ = ["DEFAULT_SKEW", "MalformedEvent", "TrustPaths", "TrustUnavailable", "Untrusted", "check"]
