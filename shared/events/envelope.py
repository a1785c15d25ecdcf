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
    CONTENT_TYPE,
    OWN,
    REQUIRED,
    SPECVERSION,
    MalformedEvent,
    check_attributes,
    parse_time,
)
from shared.events.json_limits import MAX_JSON_DEPTH, json_depth, parse_json
from shared.events.kafka_record import MAX_EVENT_BYTES, MAX_HEADER_BYTES, MAX_HEADERS, record_attributes
from shared.events.registry import Event, event_class

__all__ = [
    "CONTENT_TYPE", "MAX_EVENT_BYTES", "MAX_HEADERS", "MAX_HEADER_BYTES", "MAX_JSON_DEPTH", "REQUIRED",
    "SPECVERSION", "Envelope", "MalformedEvent", "json_depth", "parse_json",
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
        attrs, data = record_attributes(headers, value)
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
