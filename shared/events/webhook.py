"""The CloudEvents HTTP mapping of our webhooks: structured mode, one event per request.

The body is the event's structured-mode document (`structured.document`) and the request's
`Content-Type` is `application/cloudevents+json` (CloudEvents HTTP protocol binding, section 3.2).
Notify signs the body with Standard Webhooks (`services/notify/domain/signature.py`); that signature
is the subscriber's proof of origin, since a webhook is not a Kafka record and carries no `ce_signature`
check of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from shared.events.attributes import STRUCTURED_CONTENT_TYPE, MalformedEvent, media_type
from shared.events.envelope import Envelope
from shared.events.json_limits import parse_json
from shared.events.structured import attributes_and_data, document

CONTENT_TYPE = f"{STRUCTURED_CONTENT_TYPE}; charset=utf-8"


def webhook_document(env: Envelope) -> dict[str, Any]:
    """What a webhook about `env` carries as its JSON body (the Kafka signature stays behind: it covers
    the record, and the webhook is signed on its own)."""
    return {k: v for k, v in document(env).items() if k not in ("signature", "keyid")}


def webhook_headers(signed: Mapping[str, str]) -> dict[str, str]:
    """The request headers: the CloudEvents content type, then the webhook signature headers."""
    return {"Content-Type": CONTENT_TYPE, **signed}


def from_webhook(headers: Mapping[str, str], body: bytes) -> Envelope:
    """The event a webhook request carries (a receiver's view); MalformedEvent when it is not one."""
    content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    if media_type(content_type) != STRUCTURED_CONTENT_TYPE:
        raise MalformedEvent(f"content type {content_type!r} is not {STRUCTURED_CONTENT_TYPE}")
    attrs, data = attributes_and_data(parse_json(body))
    return Envelope.from_attributes(attrs, data)
