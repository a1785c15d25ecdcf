"""CloudEvents 1.0 structured mode (JSON event format): the whole event as one JSON document.

We read it from Kafka records whose `content-type` is `application/cloudevents+json`, and write it
as the body of webhooks (`webhook.py`) and for outside systems that prefer it (`structured_record`).
Attribute values are JSON strings, or numbers and booleans for extensions of those types; the data
of our events is a JSON object under `data` (`data_base64` is not ours to accept).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from shared.events.attributes import CONTENT_TYPE, SPECVERSION, STRUCTURED_CONTENT_TYPE, MalformedEvent

if TYPE_CHECKING:
    from shared.events.envelope import Envelope


def attributes_and_data(doc: Any) -> tuple[dict[str, str], Any]:
    """The attributes (name → text) and the data of a parsed structured-mode document."""
    if not isinstance(doc, dict):
        raise MalformedEvent("a structured-mode event is a JSON object")
    if "data_base64" in doc:
        raise MalformedEvent("data_base64 is not accepted: the data of a zones event is a JSON object")
    attrs: dict[str, str] = {}
    for name, value in doc.items():
        if name == "data":
            continue
        if isinstance(value, bool):
            attrs[name] = "true" if value else "false"
        elif isinstance(value, str | int):
            attrs[name] = str(value)
        else:
            raise MalformedEvent(f"attribute {name[:40]!r} is not a string, integer or boolean")
    return attrs, doc.get("data")


def document(env: Envelope) -> dict[str, Any]:
    """`env` as a structured-mode document: every attribute its Kafka headers carry, and the data."""
    doc: dict[str, Any] = {k[3:]: v for k, v in env.headers().items() if k.startswith("ce_")}
    doc["specversion"] = SPECVERSION
    doc["datacontenttype"] = CONTENT_TYPE
    doc["data"] = env.data
    return doc


def structured_record(env: Envelope) -> tuple[dict[str, str], bytes]:
    """The headers and value of `env` as a structured-mode Kafka record (key: its subject, as ever)."""
    value = json.dumps(document(env), ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
    return {"content-type": f"{STRUCTURED_CONTENT_TYPE}; charset=utf-8"}, value
