"""The gate every consumed event passes first: signature, signer, and the signer's authority.

Configured by `ZONES_TRUST_FILE`; without it (development) the gate lets everything through.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from pathlib import Path

from shared.events.envelope import Envelope, MalformedEvent
from shared.programmes.loader import default_catalogue
from shared.security.policy import authority_problem
from shared.security.trust import TrustStore, Untrusted


@cache
def trust_store(path: str) -> TrustStore:
    return TrustStore.load(Path(path))


def check(env: Envelope, trust_file: str, now: datetime) -> None:
    """Raise Untrusted when `env` must be quarantined; return when it may be applied."""
    if not trust_file:
        return
    trust_store(trust_file).verify(env, now)
    try:
        payload = env.payload()
    except MalformedEvent:
        return  # not our verdict: the consumer dead-letters it as malformed
    problem = authority_problem(env, payload, default_catalogue())
    if problem:
        raise Untrusted("not_authorised", problem)
