"""What the workbench needs from its deployment: the services' HTTP APIs, called as the signed-in person.

`HttpBackends` (adapters/backends.py) calls the real instances; the unit tests' fakes answer from
canned data. The workbench keeps no state of its own, so this is its only port.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class Answer:
    status: int
    data: Any = None  # the JSON body (a dict or list), None when there was none
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def reasons(self) -> list[dict[str, Any]]:
        """The service's reasons (code, message_zh, message_en, field) of a refusal, or none."""
        found = self.data.get("reasons") if isinstance(self.data, dict) else None
        return [r for r in found if isinstance(r, dict)] if isinstance(found, list) else []


class Unavailable(Exception):
    """A service could not be reached (connection refused, timed out): the page says which."""

    def __init__(self, instance: str) -> None:
        super().__init__(instance)
        self.instance = instance


class Backends(Protocol):
    def reviews(self) -> list[str]:
        """Jurisdiction codes of the deployment's review instances."""
        ...

    def has(self, service: str) -> bool: ...

    async def call(
        self,
        token: str,
        service: str,
        path: str,
        method: str = "GET",
        *,
        jurisdiction: str | None = None,
        json: Any = None,
        params: dict[str, Any] | None = None,
        files: dict[str, tuple[str, bytes, str]] | None = None,
    ) -> Answer:
        """Call `service` (the review instance of `jurisdiction` for review) with the person's token."""
        ...
