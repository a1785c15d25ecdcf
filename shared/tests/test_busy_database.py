"""Every pooled connection busy for the pool's whole wait is a 503 with Retry-After, in Chinese and
English, not a bare 500 (the deadline-day surge hit it at intake)."""

from __future__ import annotations

import httpx
from fastapi import FastAPI
from sqlalchemy.exc import TimeoutError as PoolTimeout

from shared.http.errors import install_error_handlers


async def test_a_pool_timeout_is_a_503_with_retry_after() -> None:
    app = FastAPI()
    install_error_handlers(app)
    calls: list[int] = []

    @app.post("/applications")
    async def submit() -> None:
        calls.append(1)
        raise PoolTimeout("QueuePool limit of size 10 overflow 5 reached, connection timed out")

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://x") as client:
        resp = await client.post("/applications", json={})
    assert calls == [1]
    assert resp.status_code == 503 and resp.headers["retry-after"] == "2"
    [reason] = resp.json()["reasons"]
    assert (
        reason["code"] == "busy"
        and "请稍后重试" in reason["message_zh"]
        and "try again" in reason["message_en"]
    )
