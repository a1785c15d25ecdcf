"""CloudEvents 1.0 over Kafka. We write binary mode (the value is the JSON data, attributes are `ce_*`
headers); we read binary mode and structured mode (`content-type: application/cloudevents+json`, the
value one JSON document, `structured.py`). Attribute rules: `attributes.py`.

Extension attributes: `correlationid`, `causationid`; `signature` and `keyid` are reserved for
signed events (headers are carried through untouched so a later verifier can read them). `time` is
optional, as in the specification; a received `time` is kept as written, so a signature over it holds.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from shared.events.attributes import (
    BATCH_CONTENT_TYPE,
    CONTENT_TYPE,
    OWN,
    REQUIRED,
    SPECVERSION,
    STRUCTURED_CONTENT_TYPE,
    MalformedEvent,
    check_attributes,
    media_type,
    parse_time,
)
from shared.events.json_limits import MAX_JSON_DEPTH, json_depth, parse_json
from shared.events.registry import Event, event_class

MAX_EVENT_BYTES = 1_000_000
MAX_HEADERS = 64
MAX_HEADER_BYTES = 16_384  # all header values together
__all__ = [
    "CONTENT_TYPE", "MAX_JSON_DEPTH", "REQUIRED", "SPECVERSION", "Envelope", "MalformedEvent", "json_depth",
    "parse_json",
]  # fmt: skip


@dataclass(frozen=True)
class Envelope:
    id: str
    type: str
    source: str
    subject: str
    time: datetime | None
    data: dict[str, Any]
    correlation_id: str
    causation_id: str | None = None
    extensions: dict[str, str] = field(default_factory=dict)
    time_text: str = field(default="", compare=False)  # `time` as received, when it was

    @classmethod
    def wrap(
        cls,
        event: Event,
        *,
        source: str,
        time: datetime,
        correlation_id: str | None = None,
        causation_id: str | None = None,
        ident: str | None = None,
    ) -> Envelope:
        """A new envelope around a payload; a fresh id unless given, a fresh correlation id unless given."""
        ident = ident or str(uuid.uuid4())
        return cls(
            id=ident,
            type=event.type,
            source=source,
            subject=event.key,
            time=time,
            data=event.model_dump(mode="json"),
            correlation_id=correlation_id or ident,
            causation_id=causation_id,
        )

    @property
    def topic(self) -> str:
        cls = event_class(self.type)
        if cls is None:
            raise MalformedEvent(f"unknown event type {self.type!r}")
        return cls.topic

    @property
    def jurisdiction(self) -> str:
        """The jurisdiction code in `source` (/jurisdictions/<code>/<service>)."""
        parts = self.source.strip("/").split("/")
        return parts[1] if len(parts) >= 2 and parts[0] == "jurisdictions" else ""

    def payload(self) -> Event:
        """The typed payload; MalformedEvent when the type is unknown or the data does not fit."""
        cls = event_class(self.type)
        if cls is None:
            raise MalformedEvent(f"unknown event type {self.type!r}")
        try:
            return cls.model_validate(self.data)
        except ValidationError as exc:
            raise MalformedEvent(f"data does not match {self.type}: {exc.errors(include_url=False)}") from exc

    def value(self) -> bytes:
        return json.dumps(self.data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()

    def headers(self) -> dict[str, str]:
        h = {
            "ce_specversion": SPECVERSION,
            "ce_id": self.id,
            "ce_source": self.source,
            "ce_type": self.type,
            "ce_subject": self.subject,
            "ce_correlationid": self.correlation_id,
            "content-type": CONTENT_TYPE,
        }
        if not self.subject:
            del h["ce_subject"]
        if self.time is not None:
            h["ce_time"] = self._time_as_received() or self.time.astimezone(UTC).isoformat().replace(
                "+00:00", "Z"
            )
        if self.causation_id:
            h["ce_causationid"] = self.causation_id
        for name, val in self.extensions.items():
            h[f"ce_{name}"] = val
        return h

    def _time_as_received(self) -> str:
        try:
            return self.time_text if parse_time(self.time_text) == self.time else ""
        except MalformedEvent:
            return ""

    @classmethod
    def from_record(
        cls, headers: Iterable[tuple[str, bytes]] | Mapping[str, str | bytes], value: bytes | None
    ) -> Envelope:
        """Parse a Kafka record in binary or structured mode; raise MalformedEvent saying what is wrong."""
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
            from shared.events.structured import attributes_and_data

            attrs, data = attributes_and_data(parse_json(value))
        else:
            attrs = {k[3:]: v for k, v in h.items() if k.startswith("ce_")}
            if "content-type" in h:
                attrs["datacontenttype"] = h["content-type"]
            data = parse_json(value)
        return cls.from_attributes(attrs, data)

    @classmethod
    def from_attributes(cls, attrs: Mapping[str, str], data: Any) -> Envelope:
        """An envelope from CloudEvents attributes (name → text) and parsed JSON data."""
        check_attributes(attrs)
        time = parse_time(attrs.get("time"))
        if not isinstance(data, dict):
            raise MalformedEvent("data is not a JSON object")
        return cls(
            id=attrs["id"],
            type=attrs["type"],
            source=attrs["source"],
            subject=attrs.get("subject", ""),
            time=time,
            data=data,
            correlation_id=attrs.get("correlationid") or attrs["id"],
            causation_id=attrs.get("causationid"),
            extensions={k: v for k, v in attrs.items() if k not in OWN and k != "datacontenttype"},
            time_text=attrs.get("time", ""),
        )
