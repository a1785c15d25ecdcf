"""CloudEvents 1.0 context attributes as the specification states them, for every binding we speak.

- `id`, `source`, `specversion` and `type` are required and non-empty; `subject`, `time`,
  `datacontenttype` and `dataschema` are optional; any other lower-case name is an extension.
- An attribute name is lower-case letters and digits only (spec, "Attribute Naming Convention").
- `time` is an RFC 3339 timestamp, so it always carries an offset (`Z` or `±hh:mm`).
- The data of our events is JSON: `datacontenttype`, when given, must be JSON.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime

SPECVERSION = "1.0"
CONTENT_TYPE = "application/json"
STRUCTURED_CONTENT_TYPE = "application/cloudevents+json"
BATCH_CONTENT_TYPE = "application/cloudevents-batch+json"
REQUIRED = ("id", "source", "type", "specversion")
OWN = frozenset({"id", "source", "type", "specversion", "subject", "time", "correlationid", "causationid"})
"""Attributes the envelope holds in fields of its own; every other one is kept as an extension."""

_NAME = re.compile(r"[a-z0-9]{1,64}")
_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})")


class MalformedEvent(ValueError):
    """A record that is not a valid event of a known type; it goes to the dead-letter topic."""


def check_attributes(attrs: Mapping[str, str]) -> None:
    """MalformedEvent unless `attrs` (name → text) are valid CloudEvents 1.0 context attributes."""
    bad = sorted(n for n in attrs if not _NAME.fullmatch(n))
    if bad:
        raise MalformedEvent(f"attribute names must be lower-case letters and digits: {bad[:5]}")
    missing = [a for a in REQUIRED if not attrs.get(a)]
    if missing:
        raise MalformedEvent(f"missing CloudEvents attributes: {', '.join(missing)}")
    if attrs["specversion"] != SPECVERSION:
        raise MalformedEvent(f"unsupported specversion {attrs['specversion']!r}")
    content_type = attrs.get("datacontenttype")
    if content_type is not None and not is_json(content_type):
        raise MalformedEvent(f"data content type {content_type!r} is not JSON")


def parse_time(text: str | None) -> datetime | None:
    """The `time` attribute: None when absent, MalformedEvent unless it is RFC 3339 with an offset."""
    if text is None:
        return None
    if not _RFC3339.fullmatch(text):
        raise MalformedEvent(f"time {text[:40]!r} is not an RFC 3339 timestamp with an offset")
    try:
        return datetime.fromisoformat(text[:-1] + "+00:00" if text[-1] in "Zz" else text)
    except ValueError as exc:
        raise MalformedEvent(f"time not parseable: {exc}") from exc


def media_type(content_type: str) -> str:
    """`application/json; charset=utf-8` → `application/json`."""
    return content_type.split(";", 1)[0].strip().lower()


def is_json(content_type: str) -> bool:
    kind = media_type(content_type)
    return kind == CONTENT_TYPE or kind.endswith("+json")
