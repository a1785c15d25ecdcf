"""Webhooks over real HTTP (httpx), only to targets the rules allow (domain.webhook_target).

The host is resolved once per attempt, every address is checked, and the request goes to the first
checked address (the name kept in Host and in TLS SNI, so the certificate is still checked against it):
a name that answers differently a moment later (DNS rebinding) cannot swap the address under the check.
No redirects are followed and no proxy from the environment is used. A failure is told as the status
code or the kind of error only: what the receiver wrote back never reaches the deliveries API."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable
from http import HTTPStatus
from urllib.parse import urlsplit, urlunsplit

import httpx

from services.notify.domain.webhook_target import Address, TargetNotAllowed, TargetRules
from shared.errors import Reason, Refused

Resolver = Callable[[str, int], Awaitable[list[Address]]]


class WebhookFailed(RuntimeError):
    """The attempt did not go through; the message is short and never the receiver's body."""


async def system_resolve(host: str, port: int) -> list[Address]:
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError:
        return []
    return list(dict.fromkeys(ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos))


def _port(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("not an http(s) URL")
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


class TargetGuard:
    def __init__(self, rules: TargetRules, own: Iterable[tuple[str, int]] = (),
                 resolve: Resolver = system_resolve) -> None:  # fmt: skip
        self.rules, self.own, self.resolve = rules, list(own), resolve

    async def problem(self, url: str) -> tuple[Reason | None, list[Address]]:
        """Why `url` may not be posted to (or None), and the addresses checked."""
        try:
            host, port = _port(url)
        except ValueError:
            return Reason("invalid_webhook_url", f"回调地址无效：{url}", f"invalid webhook URL {url!r}"), []
        addresses = await self._addresses(host, port)
        own = [a for h, p in self.own for a in await self._addresses(h, p)]
        return self.rules.refusal(host, addresses, own), addresses

    async def _addresses(self, host: str, port: int) -> list[Address]:
        literal = _literal(host)
        return [literal] if literal else await self.resolve(host, port)

    async def check(self, url: str) -> None:
        """At registration: Refused (422, in Chinese and English) when the target is not allowed."""
        reason, _ = await self.problem(url)
        if reason:
            raise Refused([reason])


def _literal(host: str) -> Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


class HttpWebhookPoster:
    def __init__(self, guard: TargetGuard, timeout: float = 10.0,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:  # fmt: skip
        self.guard, self.timeout, self.transport = guard, timeout, transport

    async def post(self, url: str, body: bytes, headers: dict[str, str]) -> None:
        reason, addresses = await self.guard.problem(url)
        if reason:
            raise TargetNotAllowed(reason.message_en)
        if not addresses:  # an allowed name that does not resolve now
            raise WebhookFailed("the webhook host does not resolve")
        parts = urlsplit(url)
        pinned = str(addresses[0]) if addresses[0].version == 4 else f"[{addresses[0]}]"
        netloc = f"{pinned}:{parts.port}" if parts.port else pinned
        extensions = {"sni_hostname": parts.hostname} if parts.scheme == "https" else {}
        headers = {**headers, "Host": parts.netloc.rpartition("@")[2]}
        try:
            async with httpx.AsyncClient(timeout=self.timeout, follow_redirects=False, trust_env=False,
                                         transport=self.transport) as client:  # fmt: skip
                answer = await client.post(urlunsplit(parts._replace(netloc=netloc)), content=body,
                                           headers=headers, extensions=extensions)  # fmt: skip
        except httpx.HTTPError as exc:
            raise WebhookFailed(f"{type(exc).__name__} (no answer from the receiver)") from None
        if not answer.is_success:
            raise WebhookFailed(f"HTTP {answer.status_code} {_phrase(answer.status_code)}".rstrip())


def _phrase(code: int) -> str:
    try:
        return HTTPStatus(code).phrase  # ours, not the receiver's reason phrase
    except ValueError:
        return ""
