"""Webhook signatures in the Standard Webhooks format (https://www.standardwebhooks.com/), signed with
the reference library `standardwebhooks`, so any of that specification's libraries can verify them.

Headers sent with every webhook (docs/notifications.md):
  webhook-id         the delivery id, the same on every retry (a receiver keeps it to drop repeats)
  webhook-timestamp  Unix seconds when this attempt was signed
  webhook-signature  v1,<base64 HMAC-SHA256(key, "{webhook-id}.{webhook-timestamp}.{body}")>
The key is the subscriber's secret `whsec_<base64 of 24 to 64 random bytes>`, decoded. A receiver
recomputes the signature over the raw body, compares in constant time, refuses a timestamp more than
`TOLERANCE_S` away from its own clock, and refuses a (webhook-id, timestamp) it has seen.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
from datetime import UTC, datetime
from typing import Any

from standardwebhooks import Webhook

TOLERANCE_S = 300
SCHEME = "v1"
PREFIX = "whsec_"
KEY_BYTES = (24, 64)
ID_HEADER = "webhook-id"
TIMESTAMP_HEADER = "webhook-timestamp"
SIGNATURE_HEADER = "webhook-signature"


def canonical_body(document: dict[str, Any]) -> bytes:
    """The JSON body as sent: UTF-8, keys sorted, no spaces; the same document gives the same bytes."""
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def secret_key(secret: str) -> bytes | None:
    """The key a `whsec_` secret holds, decoded strictly; None when it is not one (or too short/long)."""
    if not secret.startswith(PREFIX):
        return None
    try:
        key = base64.b64decode(secret.removeprefix(PREFIX), validate=True)
    except (binascii.Error, ValueError):
        return None
    return key if KEY_BYTES[0] <= len(key) <= KEY_BYTES[1] else None


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """The webhook-signature value; ValueError when the secret is not a valid `whsec_` secret."""
    if secret_key(secret) is None:
        raise ValueError("the subscriber's secret is not a whsec_ secret")
    return Webhook(secret).sign(msg_id, datetime.fromtimestamp(timestamp, UTC), body.decode())


def headers(secret: str, msg_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    return {
        ID_HEADER: msg_id,
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: sign(secret, msg_id, timestamp, body),
    }


def verify(secret: str, got: dict[str, str], body: bytes, now: float) -> str | None:
    """None when genuine and fresh, else why not (the receiver still has to refuse replays it saw).
    The reference library's own `verify` reads the wall clock; this one takes the receiver's `now`."""
    lower = {k.lower(): v for k, v in got.items()}
    msg_id, stamp = lower.get(ID_HEADER, ""), lower.get(TIMESTAMP_HEADER, "")
    if not msg_id:
        return "no webhook-id"
    try:
        ts = int(stamp)
    except ValueError:
        return "bad timestamp"
    if abs(now - ts) > TOLERANCE_S:
        return "timestamp outside tolerance"
    expected = sign(secret, msg_id, ts, body)
    offered = [s for s in lower.get(SIGNATURE_HEADER, "").split(" ") if s.startswith(f"{SCHEME},")]
    if not any(hmac.compare_digest(expected.encode(), s.encode()) for s in offered):
        return "bad signature"
    return None
