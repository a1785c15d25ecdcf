"""Who sent an event: the jurisdiction and service in its CloudEvents `source`.

The security gate guarantees that `source` is the authenticated sender; receivers then judge what the
sender may do against their own state and the programme, never against what the event says of itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.events.envelope import Envelope


@dataclass(frozen=True)
class Sender:
    jurisdiction: str
    service: str

    @classmethod
    def of(cls, envelope: Envelope | None) -> Sender:
        """The sender of `envelope` (/jurisdictions/<code>/<service>); empty parts when it names none."""
        if envelope is None:
            return cls("", "")
        parts = envelope.source.strip("/").split("/")
        if len(parts) == 3 and parts[0] == "jurisdictions":
            return cls(parts[1], parts[2])
        return cls("", "")

    def is_(self, service: str, jurisdiction: str | None = None) -> bool:
        """True when this is `service` (of `jurisdiction`, when given)."""
        return self.service == service and (jurisdiction is None or self.jurisdiction == jurisdiction)

    def __str__(self) -> str:
        return f"/jurisdictions/{self.jurisdiction}/{self.service}" if self.service else "(no sender)"
