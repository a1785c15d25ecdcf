"""The gate every consumed event passes first: signature, signer, and the signer's authority.

Configured by `ZONES_TRUST_FILE`. Without one (a development machine or an unsigned test stack,
`ZONES_UNSIGNED_EVENTS=true`) signatures are not checked, but the authority rules still are: an
event type without a rule is refused everywhere (`policy.py`).

The trust file is re-read when it changes (its modification time, size or inode), so removing or
revoking a key takes effect without a restart. A trust file that cannot be read is not the record's
fault: `TrustUnavailable` is an OSError, which the consumer treats as infrastructure (the record is
read again, never applied unverified nor dead-lettered).
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

import structlog

from shared.events.envelope import Envelope, MalformedEvent
from shared.programmes.loader import default_catalogue
from shared.security.policy import authority_problem
from shared.security.trust import TrustFileError, TrustStore, Untrusted

log = structlog.get_logger()
DEFAULT_SKEW = timedelta(minutes=5)


class TrustUnavailable(OSError):
    """The trust file is missing or malformed: events wait (not applied, not dead-lettered)."""


_loaded: dict[str, tuple[tuple[int, int, int], TrustStore]] = {}


def trust_store(path: str) -> TrustStore:
    """The trust store in `path`, re-read whenever the file changed since the last call."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise TrustUnavailable(f"trust file {path}: {exc}") from exc
    stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
    cached = _loaded.get(path)
    if cached and cached[0] == stamp:
        return cached[1]
    try:
        store = TrustStore.load(Path(path))
    except TrustFileError as exc:
        _loaded.pop(path, None)
        raise TrustUnavailable(str(exc)) from exc
    if cached:
        log.info("trust_file_reloaded", path=path, keys=len(store.keys))
    _loaded[path] = (stamp, store)
    return store


def check(
    env: Envelope,
    trust_file: str,
    now: datetime,
    *,
    topic: str,
    key: bytes | None,
    skew: timedelta = DEFAULT_SKEW,
) -> None:
    """Raise Untrusted when `env` (received on `topic` under `key` at the receiver's `now`) must be
    quarantined; MalformedEvent when its data is not its type's; return when it may be applied."""
    if trust_file:
        trust_store(trust_file).verify(env, now, topic=topic, key=key, skew=skew)
    if topic != env.topic:
        raise Untrusted("wrong_topic", f"{env.type} travels on {env.topic}, not {topic}")
    payload = env.payload()  # MalformedEvent propagates: the consumer dead-letters it as malformed
    if (key or b"") != env.subject.encode() or env.subject != payload.key:
        raise Untrusted("wrong_key", f"record key and subject must both be the aggregate id {payload.key}")
    problem = authority_problem(env, payload, default_catalogue())
    if problem:
        raise Untrusted("not_authorised", problem)


__all__ = ["DEFAULT_SKEW", "MalformedEvent", "TrustUnavailable", "Untrusted", "check", "trust_store"]
