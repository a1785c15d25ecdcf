"""Refusals over HTTP: every reason, in Chinese and English, with a machine-readable code."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from shared.errors import DomainError
from shared.jurisdictions import InvalidJurisdiction


def reasons_body(kind: str, reasons: list[dict[str, Any]]) -> dict[str, Any]:
    return {"error": kind, "reasons": reasons}


NUL = (b"\x00", b"\\u0000", b"%00")


def _nul_refusal() -> JSONResponse:
    reason = {
        "code": "invalid_character",
        "field": None,
        "message_zh": "请求中含有空字符（\\u0000），无法处理",
        "message_en": "the request contains a NUL character",
    }
    return JSONResponse(reasons_body("InvalidRequest", [reason]), status_code=422)


MAX_BODY = (
    8 * 1024 * 1024
)  # a JSON request (plans run to tens of thousands of characters); uploads cap their own


def _too_large() -> JSONResponse:
    reason = {
        "code": "request_too_large",
        "field": None,
        "message_zh": f"请求体超过{MAX_BODY // (1024 * 1024)}MB，无法处理",
        "message_en": f"the request body exceeds {MAX_BODY // (1024 * 1024)} MB",
    }
    return JSONResponse(reasons_body("InvalidRequest", [reason]), status_code=413)


async def _capped_body(request: Request) -> bytes | None:
    """The body, read at most MAX_BODY bytes far; None when it is longer (declared or streamed)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        return None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            return None
        chunks.append(chunk)
    body = b"".join(chunks)
    request._body = body  # what the route reads next (Starlette replays a cached body)
    return body


def install_error_handlers(app: FastAPI) -> None:
    @app.middleware("http")
    async def refuse_nul(request: Request, call_next: Any) -> Any:
        """PostgreSQL cannot store NUL in text: refuse it up front with a reason, never a 500."""
        raw = request.url.path.encode() + request.url.query.encode()
        # a file upload is bytes bound for a bytea column, where NUL is fine (its name is sanitised)
        upload = request.headers.get("content-type", "").lower().startswith("multipart/form-data")
        if request.method in ("POST", "PUT", "PATCH") and not upload:
            body = await _capped_body(request)
            if body is None:
                return _too_large()
            raw += body
        if any(marker in raw for marker in NUL):
            return _nul_refusal()
        return await call_next(request)

    @app.exception_handler(InvalidJurisdiction)
    async def invalid_code(_req: Request, exc: InvalidJurisdiction) -> JSONResponse:
        reason = {
            "code": "invalid_jurisdiction",
            "field": None,
            "message_zh": "行政区划代码无效（应为6位数字）",
            "message_en": f"invalid jurisdiction code {exc.code!r} (six digits expected)",
        }
        return JSONResponse(reasons_body("Refused", [reason]), status_code=422)

    @app.exception_handler(DomainError)
    async def domain_error(_req: Request, exc: DomainError) -> JSONResponse:
        body = reasons_body(type(exc).__name__, [r.as_dict() for r in exc.reasons])
        return JSONResponse(body, status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_req: Request, exc: RequestValidationError) -> JSONResponse:
        reasons = []
        for err in exc.errors():
            loc = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
            reasons.append(
                {
                    "code": "invalid_field",
                    "field": loc or None,
                    "message_zh": f"字段无效：{loc}（{err.get('type')}）",
                    "message_en": f"invalid field {loc}: {err.get('msg')}",
                }
            )
        return JSONResponse(reasons_body("InvalidRequest", reasons), status_code=422)
