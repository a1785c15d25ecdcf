"""Inputs PostgreSQL cannot take are refused with a reason, never a 500."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
from fastapi import FastAPI
from pydantic import BaseModel

from shared.http.auth import NOBODY_CHECKS, ensure_covers
from shared.http.errors import install_error_handlers
from shared.http.perimeter import MAX_BODY, install_perimeter
from shared.settings import Settings


class Body(BaseModel):
    code: str


def app() -> FastAPI:
    api = FastAPI()
    install_error_handlers(api)
    install_perimeter(api, Settings(auth_required=False))

    @api.post("/things")
    async def post(body: Body) -> dict[str, str]:
        ensure_covers(NOBODY_CHECKS, body.code)
        return {"ok": body.code}

    @api.get("/things")
    async def get(q: str = "") -> dict[str, str]:
        return {"q": q}

    return api


async def test_nul_characters_and_bad_codes_are_422_with_reasons() -> None:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app()), base_url="http://t") as c:
        assert (await c.post("/things", json={"code": "370103"})).status_code == 200
        nul = await c.post(
            "/things", content=b'{"code": "37\\u00000103"}', headers={"content-type": "application/json"}
        )
        assert nul.status_code == 422 and nul.json()["reasons"][0]["code"] == "invalid_character"
        assert (await c.get("/things", params={"q": "a\x00b"})).status_code == 422
        bad = await c.post("/things", json={"code": ""})
        assert bad.status_code == 422 and bad.json()["reasons"][0]["code"] == "invalid_jurisdiction"


async def test_an_oversized_body_is_413_declared_or_streamed_and_a_normal_one_still_reaches_the_route() -> (
    None
):
    big = b'{"code": "' + b"3" * (MAX_BODY + 1) + b'"}'

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: chunked
        for i in range(0, len(big), 1 << 20):
            yield big[i : i + (1 << 20)]

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app()), base_url="http://t") as c:
        headers = {"content-type": "application/json"}
        declared = await c.post("/things", content=big, headers=headers)
        assert declared.status_code == 413 and declared.json()["reasons"][0]["code"] == "request_too_large"
        assert "MB" in declared.json()["reasons"][0]["message_zh"]
        streamed = await c.post("/things", content=chunks(), headers=headers)
        assert streamed.status_code == 413

        async def small() -> AsyncIterator[bytes]:
            yield b'{"code": '
            yield b'"370103"}'

        ok = await c.post("/things", content=small(), headers=headers)
        assert ok.status_code == 200 and ok.json() == {"ok": "370103"}
