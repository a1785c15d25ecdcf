"""What the service layer needs from outside, as protocols: fakes in unit tests, adapters in production."""

from __future__ import annotations

from typing import Any, Protocol

from services.notify.domain.model import Email, RenderedMessage


class Renderer(Protocol):
    def render(self, event_type: str, language: str, facts: dict[str, Any]) -> RenderedMessage: ...


class Mailer(Protocol):
    @property
    def sender(self) -> str: ...

    async def send(self, email: Email) -> None: ...


class WebhookPoster(Protocol):
    async def post(self, url: str, body: bytes, headers: dict[str, str]) -> None:
        """POST `body`; raises unless the receiver answers 2xx."""
        ...
