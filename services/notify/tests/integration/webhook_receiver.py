"""A real HTTP webhook receiver, as a subscriber's system would run it: verifies the Standard Webhooks
signature, refuses stale timestamps and replays, and can be told to fail its first requests (answering
with an internal detail the deliveries API must not echo). It listens on 127.0.0.1: notify must be told
so in its allow-list (ALLOW)."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from services.notify.domain import signature

PORTS = range(8150, 8160)
ALLOW = "127.0.0.1"  # ZONES_WEBHOOK_ALLOW for a notify that posts to this receiver


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("no free port in 8150-8159")


class WebhookReceiver:
    def __init__(self, secret: str, now: Callable[[], float], fail_first: int = 0) -> None:
        self.secret, self.now, self.fail_first = secret, now, fail_first
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/hooks/zones"
        self.requests = 0
        self.accepted: list[dict[str, Any]] = []
        self.refused: list[str] = []
        self.seen: set[tuple[str, str]] = set()  # (delivery, timestamp) pairs already accepted
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                status, text = receiver.receive(dict(self.headers.items()), body)
                self.send_response(status)
                self.end_headers()
                self.wfile.write(text.encode())

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def receive(self, headers: dict[str, str], body: bytes) -> tuple[int, str]:
        self.requests += 1
        lower = {k.lower(): v for k, v in headers.items()}
        stamp, delivery = lower.get(signature.TIMESTAMP_HEADER, ""), lower.get(signature.ID_HEADER, "")
        problem = signature.verify(self.secret, headers, body, self.now())
        if problem is None and (delivery, stamp) in self.seen:
            problem = "replay"
        if problem:
            self.refused.append(problem)
            return 401 if problem != "replay" else 409, problem
        if self.requests <= self.fail_first:
            return 503, "not now: db-7.internal:5432 is down (internal detail)"
        self.seen.add((delivery, stamp))
        self.accepted.append({"headers": headers, "event": json.loads(body)})
        return 204, ""

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
