"""CloudEvents 1.0 in Kafka binary mode: the value is the JSON data, attributes are `ce_*` headers.

Extension attributes: `correlationid`, `causationid`; `signature` and `keyid` are reserved for
signed events (headers are carried through untouched so a later verifier can read them).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from shared.events.registry import Event, event_class

SPECVERSION = "1.0"
CONTENT_TYPE = "application/json"
MAX_EVENT_BYTES = 1_000_000
MAX_JSON_DEPTH = 16  # our payloads nest 3 deep; deeper is refused before anything walks it
MAX_HEADERS = 64
MAX_HEADER_BYTES = 16_384  # all header values together
REQUIRED = ("id", "source", "type", "specversion")


class MalformedEvent(ValueError):
    """A record that is not a valid event of a known type; it goes to the dead-letter topic."""


@dataclass(frozen=True)
class Envelope:
    id: str
    type: str
    source: str
    subject: str
    time: datetime
    data: dict[str, Any]
    correlation_id: str
    causation_id: str | None = None
    extensions: dict[str, str] = field(default_factory=dict)

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
            "ce_time": self.time.astimezone(UTC).isoformat().replace("+00:00", "Z"),
            "ce_correlationid": self.correlation_id,
            "content-type": CONTENT_TYPE,
        }
        if self.causation_id:
            h["ce_causationid"] = self.causation_id
        for name, val in self.extensions.items():
            h[f"ce_{name}"] = val
        return h

    @classmethod
    def from_record(
        cls, headers: Iterable[tuple[str, bytes]] | Mapping[str, str | bytes], value: bytes | None
    ) -> Envelope:
        """Parse a Kafka record; raise MalformedEvent saying what is wrong."""
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
        attrs = {k[3:]: v for k, v in h.items() if k.startswith("ce_")}
        missing = [a for a in REQUIRED if not attrs.get(a)]
        if missing:
            raise MalformedEvent(f"missing CloudEvents attributes: {', '.join(missing)}")
        if attrs["specversion"] != SPECVERSION:
            raise MalformedEvent(f"unsupported specversion {attrs['specversion']!r}")
        if value is None or len(value) > MAX_EVENT_BYTES:
            raise MalformedEvent("empty or oversized value")
        data = parse_json(value)
        try:
            time = datetime.fromisoformat(attrs.get("time", "").replace("Z", "+00:00"))
        except ValueError as exc:
            raise MalformedEvent(f"time not parseable: {exc}") from exc
        if time.tzinfo is None:
            raise MalformedEvent("time has no UTC offset")
        if not isinstance(data, dict):
            raise MalformedEvent("data is not a JSON object")
        known = {"id", "source", "type", "specversion", "subject", "time", "correlationid", "causationid"}
        return cls(
            id=attrs["id"],
            type=attrs["type"],
            source=attrs["source"],
            subject=attrs.get("subject", ""),
            time=time,
            data=data,
            correlation_id=attrs.get("correlationid") or attrs["id"],
            causation_id=attrs.get("causationid"),
            extensions={k: v for k, v in attrs.items() if k not in known},
        )


def parse_json(value: bytes) -> Any:
    """JSON nested at most MAX_JSON_DEPTH deep; MalformedEvent for anything else (never RecursionError,
    which the parser raises on a value of nothing but `[`)."""
    try:
        data = json.loads(value)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise MalformedEvent(f"value not parseable: {str(exc)[:200]}") from exc
    if json_depth(data) > MAX_JSON_DEPTH:
        raise MalformedEvent(f"JSON nested deeper than {MAX_JSON_DEPTH}")
    return data


def json_depth(data: Any) -> int:
    """How deep lists and objects nest in parsed JSON (0 for a scalar), without recursion."""
    deepest, stack = 0, [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            depth += 1
            deepest = max(deepest, depth)
            stack.extend((child, depth) for child in (node.values() if isinstance(node, dict) else node))
    return deepest
