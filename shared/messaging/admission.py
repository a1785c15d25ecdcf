"""What a consumer makes of one record before any handler sees it: an event it may apply, one it skips
(not a type it handles, or not its instance's own), or the reason it is dead-lettered.

The order matters: parse the envelope, decode the payload (malformed: dead-lettered), then ask whether
this consumer handles the type and whether the event concerns this instance (its territory); only
then the gate (signature, signer, authority). An event about another instance's territory is skipped
without any signature work, so a deployment needs no key of jurisdictions it has nothing to do with.

Nothing a record holds can make this raise (a poison record never stalls a partition); only a missing
refused or expired trust bundle does, which is infrastructure's fault.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from shared.events.envelope import Envelope, MalformedEvent
from shared.events.registry import Event
from shared.security import gate
from shared.security.gate import TrustPaths, TrustUnavailable
from shared.security.trust import Untrusted

Concerns = Callable[[Envelope, Event], bool]
"""concerns(envelope, payload): True when the event is this instance's own business (its territory)."""


@dataclass(frozen=True)
class Admitted:
    env: Envelope
    payload: Event


@dataclass(frozen=True)
class Refused:
    reason: str  # "malformed: …", "untrusted: <code>: …" or "unreadable: …"


@dataclass(frozen=True)
class Skipped:
    reason: str  # "unhandled" (a type this consumer does not act on) or "foreign" (not this instance's)


def _everything(_env: Envelope, _payload: Event) -> bool:
    return True


def admit(
    record: Any,
    trust: TrustPaths | None,
    now: datetime,
    skew: timedelta,
    *,
    handles: Callable[[str], bool] = lambda _type: True,
    concerns: Concerns = _everything,
) -> Admitted | Refused | Skipped:
    """Parse and decode `record` (an aiokafka ConsumerRecord, or anything shaped like one); skip it when
    `handles(type)` or `concerns(env, payload)` says no; else verify it at the gate."""
    try:
        env = Envelope.from_record(record.headers or (), record.value)
        payload = env.payload()
        if not handles(env.type):
            return Skipped("unhandled")
        if not concerns(env, payload):
            return Skipped("foreign")
        topic = record.topic if isinstance(record.topic, str) else ""
        key = record.key if isinstance(record.key, bytes | None) else None
        gate.check(env, trust, now, topic=topic, key=key, skew=skew)
        # what the receiver keeps (inbox, views, webhooks) holds only the fields its version knows
        return Admitted(replace(env, data=payload.model_dump(mode="json")), payload)
    except MalformedEvent as exc:
        return Refused(f"malformed: {exc}")
    except Untrusted as exc:
        return Refused(f"untrusted: {exc}")
    except TrustUnavailable:
        raise
    except Exception as exc:  # whatever else a record provokes (a scope rule included) is the record's fault
        return Refused(f"unreadable: {type(exc).__name__}: {str(exc)[:500]}")
