"""Lifecycle events: CloudEvents envelope (Kafka binary mode), payload schemas, topics."""

from shared.events.envelope import Envelope, MalformedEvent
from shared.events.registry import EVENT_TYPES, Event, event_class

__all__ = ["EVENT_TYPES", "Envelope", "Event", "MalformedEvent", "event_class"]
