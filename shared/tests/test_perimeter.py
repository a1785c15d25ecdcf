"""The perimeter: no token, no reading; every content type capped; every refusal in both languages."""

from __future__ import annotations

from collections.abc import AsyncIterator, MutableMapping
from typing import Any

import httpx
from fastapi import FastAPI, File, UploadFile
from pydantic import BaseModel

from shared.http.errors import install_error_handlers
from shared.http.perimeter import MAX_BODY, Perimeter, install_perimeter
from shared.settings import Settings
from tests.support.issuer import ISSUERS, mint

ON = Settings(auth_required=True, token_issuers=ISSUERS)
UPLOAD_MAX = 1024 * 1024
TOKEN = mint(ON.audience, "王敏", "applicant", "370103")
BEARER = {"authorization": f"Bearer {TOKEN}"}


class Body(BaseModel):
    code: str


def app() -> FastAPI:
    api = FastAPI()
    install_error_handlers(api)
    install_perimeter(api, ON, UPLOAD_MAX)

    @api.post("/things")
    async def post(body: Body) -> dict[str, str]:
        return {"ok": body.code}

    @api.post("/files")
    async def upload(file: UploadFile = File(...)) -> dict[str, int]:
        return {"size": len(await file.read())}

    return api


def client() -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app()), base_url="http://t")


def bilingual(res: httpx.Response, status: int, code: str) -> bool:
    [reason] = res.json()["reasons"]
    return res.status_code == status and reason["code"] == code and bool(reason["message_zh"])


async def test_a_caller_without_a_valid_token_is_refused_before_a_byte_of_the_body_is_read() -> None:
    reads: list[Any] = []

    async def receive() -> dict[str, Any]:
        reads.append(1)
        return {"type": "http.request", "body": b'{"code": "370103"}', "more_body": False}

    sent: list[MutableMapping[str, Any]] = []

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)

    async def route(scope: Any, receive: Any, send: Any) -> None:
        raise AssertionError("reached the app")

    for header in ([], [(b"authorization", b"Bearer eyJhbGciOiJub25lIn0.e30.")]):
        scope = {"type": "http", "path": "/things", "method": "POST", "headers": header}
        await Perimeter(route, ON)(scope, receive, send)
    assert reads == [] and [m["status"] for m in sent if "status" in m] == [401, 401]
    async with client() as c:
        assert bilingual(await c.post("/things", json={"code": "1"}), 401, "unauthenticated")
        assert (await c.post("/things", json={"code": "1"}, headers=BEARER)).json() == {"ok": "1"}


async def test_an_upload_is_capped_declared_or_streamed_and_one_within_its_cap_gets_through() -> None:
    big = b"x" * (UPLOAD_MAX + 1)
    async with client() as c:
        declared = await c.post("/files", files={"file": ("a.pdf", big)}, headers=BEARER)
        assert bilingual(declared, 413, "request_too_large")
        request = c.build_request("POST", "/files", files={"file": ("a.pdf", big)}, headers=BEARER)
        body = request.read()

        async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: chunked
            for i in range(0, len(body), 65536):
                yield body[i : i + 65536]

        headers = {**BEARER, "content-type": request.headers["content-type"]}
        assert bilingual(await c.post("/files", content=chunks(), headers=headers), 413, "request_too_large")
        small = await c.post("/files", files={"file": ("a.pdf", b"%PDF-1.7")}, headers=BEARER)
        assert small.json() == {"size": 8}


async def test_json_is_capped_at_8_mb_whatever_it_claims_to_be() -> None:
    big = b'{"code": "' + b"3" * MAX_BODY + b'"}'
    async with client() as c:
        for kind in ("application/json", "text/plain", "application/x-www-form-urlencoded"):
            res = await c.post("/things", content=big, headers={**BEARER, "content-type": kind})
            assert bilingual(res, 413, "request_too_large")


async def test_what_fastapi_refuses_on_its_own_is_said_in_both_languages() -> None:
    async with client() as c:
        headers = {**BEARER, "content-type": "application/json"}
        bad_utf8 = await c.post("/things", content=b'{"code": "\xff"}', headers=headers)
        assert bilingual(bad_utf8, 400, "invalid_body")
        assert bilingual(await c.post("/things", content=b'{"code":', headers=headers), 422, "invalid_body")
        assert bilingual(await c.get("/nowhere", headers=BEARER), 404, "not_found")
        assert bilingual(await c.get("/things", headers=BEARER), 405, "method_not_allowed")
