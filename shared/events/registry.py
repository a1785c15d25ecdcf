"""Base class of every event payload, and the registry of event types."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

EVENT_TYPES: dict[str, type[Event]] = {}


class Event(BaseModel):
    """A payload. Subclasses name their CloudEvents type, topic and the field that is the key.

    Tolerant reader: a field this version does not know is ignored (dropped, never stored), so a
    sender one minor version ahead, which added an optional field, is still understood.
    """

    model_config = ConfigDict(extra="ignore", frozen=True)

    type: ClassVar[str]
    topic: ClassVar[str]
    key_field: ClassVar[str]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "type" in cls.__dict__:
            if cls.type in EVENT_TYPES:
                raise TypeError(f"event type registered twice: {cls.type}")
            EVENT_TYPES[cls.type] = cls

    @property
    def key(self) -> str:
        """The aggregate id: record key and CloudEvents subject."""
        return str(getattr(self, self.key_field))


def event_class(event_type: str) -> type[Event] | None:
    """The payload class for a CloudEvents type, or None when unknown here."""
    import shared.events.schemas  # noqa: F401  (registers every type)

    return EVENT_TYPES.get(event_type)
