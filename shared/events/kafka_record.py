"""What a Kafka record's headers and value say, as CloudEvents attributes and data, in either mode the
Kafka protocol binding defines: binary (`ce_*` headers, the value the data) or structured
(`content-type: application/cloudevents+json`, the value the whole event). Size limits first, so a
hostile record costs little."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from shared.events.attributes import BATCH_CONTENT_TYPE, STRUCTURED_CONTENT_TYPE, MalformedEvent, media_type
from shared.events.json_limits import parse_json
from shared.events.structured import attributes_and_data

MAX_EVENT_BYTES = 1_000_000
MAX_HEADERS = 64
MAX_HEADER_BYTES = 16_384  # all header values together


def record_attributes(
    headers: Iterable[tuple[str, bytes]] | Mapping[str, str | bytes], value: bytes | None
) -> tuple[dict[str, str], Any]:
    """(attributes name → text, parsed data) of a record; MalformedEvent saying what is wrong."""
    items = list(headers.items() if isinstance(headers, Mapping) else headers or ())
    if len(items) > MAX_HEADERS:
        raise MalformedEvent(f"more than {MAX_HEADERS} headers")
    h: dict[str, str] = {}
    try:
        for k, v in items:
            h[str(k)] = v.decode() if isinstance(v, bytes | bytearray) else str(v)
    except UnicodeDecodeError as exc:
        raise MalformedEvent("a header is not UTF-8") from exc
    if sum(len(v) for v in h.values()) > MAX_HEADER_BYTES:
        raise MalformedEvent(f"headers longer than {MAX_HEADER_BYTES} characters")
    if value is None or len(value) > MAX_EVENT_BYTES:
        raise MalformedEvent("empty or oversized value")
    content_type = media_type(h.get("content-type", ""))
    if content_type == BATCH_CONTENT_TYPE:
        raise MalformedEvent("batched CloudEvents are not accepted: one event per record")
    if content_type == STRUCTURED_CONTENT_TYPE:
        attrs, data = attributes_and_data(parse_json(value))
    else:
        attrs = {k[3:]: v for k, v in h.items() if k.startswith("ce_")}
        if "content-type" in h:
            attrs["datacontenttype"] = h["content-type"]
        data = parse_json(value)
    return attrs, data
