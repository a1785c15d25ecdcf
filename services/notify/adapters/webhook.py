"""Webhooks over real HTTP (httpx)."""

from __future__ import annotations

import httpx


class WebhookRefused(RuntimeError):
    """The receiver answered, but not with 2xx."""


class HttpWebhookPoster:
    def __init__(self, timeout: float = 10.0) -> None:
        self.timeout = timeout

    async def post(self, url: str, body: bytes, headers: dict[str, str]) -> None:
        async with httpx.AsyncClient(timeout=self.timeout) as client:
            answer = await client.post(url, content=body, headers=headers)
        if not answer.is_success:
            raise WebhookRefused(f"HTTP {answer.status_code}: {answer.text[:300]}")
