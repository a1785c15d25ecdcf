"""Webhook signatures: HMAC-SHA256 over `<timestamp>.<body>` with the subscriber's shared secret.

Headers sent with every webhook (docs/notifications.md):
  X-Zones-Delivery   the delivery id, the same on every retry (a receiver keeps it to drop repeats)
  X-Zones-Event-Id   the id of the event told
  X-Zones-Timestamp  Unix seconds when this attempt was signed
  X-Zones-Signature  v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>
A receiver recomputes the signature over the raw body, compares in constant time, refuses a timestamp
more than `TOLERANCE_S` away from its own clock, and refuses a (delivery, timestamp) it has seen.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

TOLERANCE_S = 300
SCHEME = "v1"
DELIVERY_HEADER = "X-Zones-Delivery"
EVENT_HEADER = "X-Zones-Event-Id"
TIMESTAMP_HEADER = "X-Zones-Timestamp"
SIGNATURE_HEADER = "X-Zones-Signature"


def canonical_body(document: dict[str, Any]) -> bytes:
    """The JSON body as sent: UTF-8, keys sorted, no spaces; the same document gives the same bytes."""
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def sign(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256)
    return f"{SCHEME}={mac.hexdigest()}"


def verify(secret: str, timestamp: str, body: bytes, signature: str, now: float) -> str | None:
    """None when genuine and fresh, else why not (the receiver still has to refuse replays it saw)."""
    try:
        ts = int(timestamp)
    except ValueError:
        return "bad timestamp"
    if abs(now - ts) > TOLERANCE_S:
        return "timestamp outside tolerance"
    if not hmac.compare_digest(sign(secret, ts, body), signature):
        return "bad signature"
    return None
