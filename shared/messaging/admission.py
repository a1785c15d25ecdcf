"""What a consumer makes of one record before any handler sees it: an event it may apply, or the
reason it is dead-lettered. Nothing a record holds can make this raise (a poison record never
stalls a partition); only a missing or broken trust file does, which is infrastructure's fault.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from shared.events.envelope import Envelope, MalformedEvent
from shared.events.registry import Event
from shared.security import gate
from shared.security.gate import TrustUnavailable
from shared.security.trust import Untrusted


@dataclass(frozen=True)
class Admitted:
    env: Envelope
    payload: Event


@dataclass(frozen=True)
class Refused:
    reason: str  # "malformed: …", "untrusted: <code>: …" or "unreadable: …"


def admit(record: Any, trust_file: str, now: datetime, skew: timedelta) -> Admitted | Refused:
    """Parse, verify and decode `record` (an aiokafka ConsumerRecord, or anything shaped like one)."""
    try:
        env = Envelope.from_record(record.headers or (), record.value)
        topic = record.topic if isinstance(record.topic, str) else ""
        key = record.key if isinstance(record.key, bytes | None) else None
        gate.check(env, trust_file, now, topic=topic, key=key, skew=skew)
        payload = env.payload()
        # what the receiver keeps (inbox, views, webhooks) holds only the fields its version knows
        return Admitted(replace(env, data=payload.model_dump(mode="json")), payload)
    except MalformedEvent as exc:
        return Refused(f"malformed: {exc}")
    except Untrusted as exc:
        return Refused(f"untrusted: {exc}")
    except TrustUnavailable:
        raise
    except Exception as exc:  # whatever else a record provokes is still the record's fault
        return Refused(f"unreadable: {type(exc).__name__}: {str(exc)[:500]}")
