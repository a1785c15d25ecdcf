"""The perimeter: before a route reads a byte of the body, the caller is known and the body is capped.

A pure ASGI middleware (no body buffering): a request to a path off the public list without a valid
bearer token is refused 401; a body declared (Content-Length) or streamed beyond its content type's
cap is refused 413 — every content type, uploads included. Routes still check role and territory.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.errors import DomainError, Reason
from shared.http.auth import principal_of
from shared.settings import Settings

# Probes and the Prometheus scrape hold nobody's data; the API description is the published contract
# (no data either), and /docs must load it before a person can paste a token into "Authorize".
PUBLIC = frozenset({"/healthz", "/healthz/consumers", "/readyz", "/metrics", "/docs", "/openapi.json"})
MAX_BODY = 8 * 1024 * 1024  # a JSON request (plans run to tens of thousands of characters)
UPLOAD = "multipart/form-data"


def refusal(status: int, reasons: list[Reason]) -> tuple[int, bytes]:
    kind = {401: "Unauthenticated", 413: "InvalidRequest"}.get(status, "Refused")
    body = {"error": kind, "reasons": [r.as_dict() for r in reasons]}
    return status, json.dumps(body, ensure_ascii=False).encode()


def too_large(cap: int) -> tuple[int, bytes]:
    mb = f"{cap / (1024 * 1024):g}"
    return refusal(413, [Reason(
        "request_too_large", f"请求体超过{mb}MB，无法处理", f"the request body exceeds {mb} MB",
    )])  # fmt: skip


class Perimeter:
    """Token presence and validity, then a body cap per content type (`upload_max` for uploads)."""

    def __init__(self, app: ASGIApp, settings: Settings, upload_max: int = MAX_BODY) -> None:
        self.app, self.settings, self.upload_max = app, settings, upload_max

    def cap(self, scope: Scope) -> int:
        content_type = dict(scope["headers"]).get(b"content-type", b"").decode("latin-1").lower()
        return self.upload_max if content_type.startswith(UPLOAD) else MAX_BODY

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        if scope["path"] not in PUBLIC:
            try:
                # in a worker thread: an issuer's keys may have to be fetched over HTTP (jwks_url)
                header = headers.get(b"authorization", b"").decode("latin-1")
                await run_in_threadpool(principal_of, self.settings, header)
            except DomainError as exc:
                await _answer(send, *refusal(exc.status, exc.reasons))
                return
        cap, declared = self.cap(scope), headers.get(b"content-length", b"").decode("latin-1")
        if declared.isdigit() and int(declared) > cap:
            await _answer(send, *too_large(cap))
            return
        await _Capped(self.app, cap)(scope, receive, send)


class _Capped:
    """Counts the body as it streams; past the cap it answers 413 and tells the app the client left."""

    def __init__(self, app: ASGIApp, cap: int) -> None:
        self.app, self.cap, self.seen, self.answered, self.started = app, cap, 0, False, False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def counted() -> Message:
            if self.answered:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                self.seen += len(message.get("body", b""))
                if self.seen > self.cap:
                    if not self.started:
                        self.answered = True
                        await _answer(send, *too_large(self.cap))
                    return {"type": "http.disconnect"}
            return message

        async def guarded(message: Message) -> None:
            if self.answered:
                return  # the app's late answer to a body it never got in full
            self.started = True
            await send(message)

        try:
            await self.app(scope, counted, guarded)
        except Exception:
            if not self.answered:
                raise  # a disconnect we caused may surface as an error; the caller has its 413


async def _answer(send: Send, status: int, body: bytes) -> None:
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if status == 401:
        headers.append((b"www-authenticate", b"Bearer"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def install_perimeter(app: Any, settings: Settings, upload_max: int = MAX_BODY) -> None:
    """Wrap `app` in the perimeter (add it after the other middleware so it runs before them)."""
    app.add_middleware(Perimeter, settings=settings, upload_max=upload_max)
