"""The AsyncAPI 3.0 document of every topic and event, generated from the payload classes.

`python -m shared.events.asyncapi > docs/asyncapi.json` writes it; a test fails when the
committed copy differs from what the code generates.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic.json_schema import models_json_schema

from shared.events.envelope import SPECVERSION
from shared.events.registry import EVENT_TYPES
from shared.events.topics import TOPICS

CE_HEADERS: dict[str, Any] = {
    "type": "object",
    "description": "CloudEvents 1.0 attributes in Kafka binary mode (ce_* headers); the value is the data. "
    "Receivers also accept structured mode (content-type application/cloudevents+json, the value the whole "
    "event). ce_time is optional, as in CloudEvents; ce_subject is required by zones (the record key).",
    "required": ["ce_specversion", "ce_id", "ce_source", "ce_type", "ce_subject"],
    "properties": {
        "ce_specversion": {"type": "string", "const": SPECVERSION},
        "ce_id": {"type": "string", "description": "Event id (UUID); consumers drop a second copy of an id."},
        "ce_source": {"type": "string", "description": "/jurisdictions/<code>/<service> of the emitter."},
        "ce_type": {"type": "string", "description": "zones.<entity>.<past-verb>.v<n>"},
        "ce_subject": {"type": "string", "description": "The aggregate id; also the record key."},
        "ce_time": {"type": "string", "format": "date-time", "description": "RFC 3339, with an offset."},
        "ce_correlationid": {"type": "string", "description": "Id of the first event of this chain."},
        "ce_causationid": {"type": "string", "description": "Id of the event that caused this one."},
        "ce_signature": {"type": "string", "description": "Reserved: signature over attributes and data."},
        "ce_keyid": {"type": "string", "description": "Reserved: id of the signing key."},
        "content-type": {"type": "string", "description": "application/json (binary mode)."},
    },
}


def _name(event_type: str) -> str:
    return EVENT_TYPES[event_type].__name__


def build() -> dict[str, Any]:
    import shared.events.schemas  # noqa: F401  (registers every type)

    classes = [EVENT_TYPES[t] for t in sorted(EVENT_TYPES)]
    _, defs = models_json_schema(
        [(c, "validation") for c in classes], ref_template="#/components/schemas/{model}"
    )
    messages: dict[str, Any] = {}
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    for spec in TOPICS:
        channels[spec.name] = {"address": spec.name, "description": spec.description, "messages": {}}
    for cls in classes:
        name = cls.__name__
        messages[name] = {
            "name": cls.type,
            "title": name,
            "summary": (cls.__doc__ or "").strip(),
            "contentType": "application/json",
            "headers": {"$ref": "#/components/schemas/CloudEventHeaders"},
            "payload": {"$ref": f"#/components/schemas/{name}"},
            "bindings": {"kafka": {"key": {"type": "string", "description": f"The {cls.key_field}."}}},
        }
        channels[cls.topic]["messages"][name] = {"$ref": f"#/components/messages/{name}"}
    for spec in TOPICS:
        refs = [{"$ref": f"#/channels/{spec.name}/messages/{m}"} for m in channels[spec.name]["messages"]]
        if refs:
            operations[f"consume {spec.name}"] = {
                "action": "receive",
                "channel": {"$ref": f"#/channels/{spec.name}"},
                "messages": refs,
            }
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "zones lifecycle events",
            "version": "1",
            "description": "Events between the intake, review, monitoring and notify services of every "
            "jurisdiction (社区治理实验区). Generated from shared/events; do not edit by hand.",
        },
        "defaultContentType": "application/json",
        "servers": {
            "local": {"host": "127.0.0.1:19092", "protocol": "kafka", "description": "Tansu (make run)"}
        },
        "channels": channels,
        "operations": operations,
        "components": {
            "messages": messages,
            "schemas": {"CloudEventHeaders": CE_HEADERS, **defs.get("$defs", {})},
        },
    }


def render() -> str:
    return json.dumps(build(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    print(render(), end="")
