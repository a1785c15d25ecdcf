"""Refusals over HTTP: every reason, in Chinese and English, with a machine-readable code."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from shared.errors import DomainError
from shared.jurisdictions import InvalidJurisdiction, UnknownJurisdiction


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


# What FastAPI and Starlette refuse on their own, said in both languages (their `detail` is English).
PLAIN = {
    400: ("invalid_body", "请求体无法解析（须为UTF-8 JSON）", "unparseable body (UTF-8 JSON expected)"),
    404: ("not_found", "没有这个地址", "no such path"),
    405: ("method_not_allowed", "此地址不支持该请求方法", "this path does not take this method"),
}  # fmt: skip


def _plain_refusal(exc: StarletteHTTPException) -> JSONResponse:
    code, zh, en = PLAIN.get(
        exc.status_code, ("http_error", f"请求被拒绝（{exc.status_code}）", f"refused: {exc.detail}")
    )
    reason = {"code": code, "field": None, "message_zh": zh, "message_en": en}
    return JSONResponse(
        reasons_body("InvalidRequest", [reason]), status_code=exc.status_code, headers=exc.headers
    )


def install_error_handlers(app: FastAPI) -> None:
    @app.middleware("http")
    async def refuse_nul(request: Request, call_next: Any) -> Any:
        """PostgreSQL cannot store NUL in text: refuse it up front with a reason, never a 500."""
        raw = request.url.path.encode() + request.url.query.encode()
        # a file upload is bytes bound for a bytea column, where NUL is fine (its name is sanitised)
        upload = request.headers.get("content-type", "").lower().startswith("multipart/form-data")
        if request.method in ("POST", "PUT", "PATCH") and not upload:
            raw += await request.body()  # capped by the perimeter (shared/http/perimeter.py)
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
        if isinstance(exc, UnknownJurisdiction):
            zh, _, en = str(exc).partition(" / ")
            reason |= {"code": "unknown_jurisdiction", "message_zh": zh, "message_en": en}
        return JSONResponse(reasons_body("Refused", [reason]), status_code=422)

    @app.exception_handler(PoolTimeout)
    async def database_busy(_req: Request, _exc: PoolTimeout) -> JSONResponse:
        # Every pooled connection stayed in use for the pool's whole wait: a surge, not a fault of the
        # request. 503 + Retry-After tells a client to come back (nothing was stored), not a bare 500.
        reason = {
            "code": "busy",
            "field": None,
            "message_zh": "服务繁忙（数据库连接均在使用），本次未受理，请稍后重试",
            "message_en": "busy: every database connection is in use; nothing was stored, try again shortly",
        }
        return JSONResponse(reasons_body("Busy", [reason]), status_code=503, headers={"Retry-After": "2"})

    @app.exception_handler(DomainError)
    async def domain_error(_req: Request, exc: DomainError) -> JSONResponse:
        body = reasons_body(type(exc).__name__, [r.as_dict() for r in exc.reasons])
        return JSONResponse(body, status_code=exc.status)

    @app.exception_handler(StarletteHTTPException)
    async def plain_refusal(_req: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _plain_refusal(exc)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_req: Request, exc: RequestValidationError) -> JSONResponse:
        reasons = []
        for err in exc.errors():
            if err.get("type") == "json_invalid":
                zh, en = (
                    "请求体不是有效的 JSON",
                    f"the request body is not valid JSON: {err.get('ctx', {}).get('error')}",
                )
                reasons.append({"code": "invalid_body", "field": None, "message_zh": zh, "message_en": en})
                continue
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
