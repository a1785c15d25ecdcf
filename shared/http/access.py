"""One access-log line and the HTTP metrics per request, labelled by route template, not raw path.

A pure ASGI middleware, outermost, so it also sees what the perimeter refuses (401/413) and what
fails. It logs method, route template, status and duration: never the query string (tokens or
personal data may ride in it) nor any header (Authorization). Probes and the scrape log at DEBUG.
"""

from __future__ import annotations

import time
from typing import Any

import structlog
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.runtime.metrics import HTTP_REQUESTS, HTTP_SECONDS

log = structlog.get_logger("zones.access")
QUIET = frozenset({"/healthz", "/healthz/consumers", "/readyz", "/metrics"})
UNMATCHED = "unmatched"  # no route: one label for every unknown path, so scanners cannot grow the series


def route_template(scope: Scope) -> str:
    """The path template of the route that served (or would serve) this request."""
    route = scope.get("route")
    if route is not None:
        return str(getattr(route, "path", UNMATCHED))
    app = scope.get("app")  # refused before routing (perimeter): find the route it was meant for
    for candidate in getattr(getattr(app, "router", None), "routes", []):
        match, _ = candidate.matches({**scope, "method": scope.get("method", "GET")})
        if match is not Match.NONE:
            return str(getattr(candidate, "path", UNMATCHED))
    return UNMATCHED


class AccessLog:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        answer: dict[str, Any] = {"status": 500}  # an exception before the response: the server says 500

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                answer["status"] = message["status"]
                headers = dict(message.get("headers") or ())
                answer["correlation_id"] = headers.get(b"x-correlation-id", b"").decode("latin-1")
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            self.record(scope, answer, time.perf_counter() - started)

    @staticmethod
    def record(scope: Scope, answer: dict[str, Any], seconds: float) -> None:
        method, route, status = scope.get("method", "GET"), route_template(scope), answer["status"]
        HTTP_REQUESTS.labels(method, route, str(status)).inc()
        HTTP_SECONDS.labels(method, route, str(status)).observe(seconds)
        fields: dict[str, Any] = {"method": method, "route": route, "status": status}
        fields["duration_ms"] = round(seconds * 1000, 2)
        if answer.get("correlation_id"):
            fields["correlation_id"] = answer["correlation_id"]
        if route in QUIET and status < 400:
            log.debug("http_request", **fields)
        else:
            log.info("http_request", **fields)
