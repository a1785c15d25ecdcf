"""Who is calling: a bearer token bound to a role and a jurisdiction (shared/security/tokens.py).

Routes take `caller: Principal = Depends(require("reviewer", "admin"))` and check territory with
`ensure_covers(caller, code)`. With `ZONES_AUTH_REQUIRED=false` every caller is the national admin
(development only). The settings come from the service's runtime (`app.state.runtime.settings`) or,
in an app built from routers alone, from `app.state.settings`; an app with neither refuses every
caller (500) rather than let anyone through.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from fastapi import Request

from shared import jurisdictions
from shared.errors import DomainError, Forbidden, Reason, Unauthenticated, refuse
from shared.security.tokens import InvalidToken, Principal, verify
from shared.settings import Settings

WHY_ZH = {  # InvalidToken's reasons, for the Chinese half of the 401
    "malformed token": "令牌格式错误",
    "bad token signature": "令牌签名无效（或不属于本部署）",
    "malformed claims": "令牌内容无效",
    "unknown": "令牌角色未知",
    "token expired": "令牌已过期，请重新签发",
}
NOBODY_CHECKS = Principal("development", "admin", "000000", datetime.max.replace(tzinfo=UTC), "dev")


class Unconfigured(DomainError):
    """The app knows no settings, so it cannot tell who may call: refuse everyone (500)."""

    status = 500

    def __init__(self) -> None:
        zh, en = (
            "服务未配置认证设置，拒绝所有请求",
            "the service has no auth settings; every request is refused",
        )
        super().__init__([Reason("auth_unconfigured", zh, en)])


def settings_of(app: Any) -> Settings:
    """The settings that decide authentication: the runtime's, else `app.state.settings`; never none."""
    runtime = getattr(app.state, "runtime", None)
    settings = getattr(runtime, "settings", None) or getattr(app.state, "settings", None)
    if not isinstance(settings, Settings):
        raise Unconfigured()
    return settings


def principal_of(settings: Settings, header: str) -> Principal:
    """Who an `Authorization` header names (the development admin when authentication is off)."""
    if not settings.auth_required:
        return NOBODY_CHECKS
    if settings.auth_problem():  # an empty secret would verify tokens anyone can mint
        raise Unconfigured()
    if not header.lower().startswith("bearer "):
        raise Unauthenticated("缺少 Bearer 令牌", "missing bearer token")
    try:
        return verify(settings.token_secret.encode(), header[7:].strip(), datetime.now(UTC))
    except InvalidToken as exc:
        why = str(exc)
        raise Unauthenticated(
            WHY_ZH.get(why.split(" ")[0] if why.startswith("unknown") else why, "令牌无效"), why
        ) from exc


def caller(request: Request) -> Principal:
    return principal_of(settings_of(request.app), request.headers.get("authorization", ""))


def require(*roles: str) -> Callable[[Request], Principal]:
    """A dependency: the caller, who must hold one of `roles` (admin always may)."""

    def dependency(request: Request) -> Principal:
        who = caller(request)
        if who.role != "admin" and who.role not in roles:
            raise Forbidden(f"角色“{who.role}”无权执行此操作", f"role {who.role!r} may not do this")
        return who

    return dependency


def ensure_covers(who: Principal, code: str) -> None:
    """403 unless `code` lies in the caller's territory (422 when it is no jurisdiction code at all)."""
    try:
        jurisdictions.validate(code)
    except jurisdictions.InvalidJurisdiction as exc:
        raise refuse(
            "invalid_jurisdiction",
            "行政区划代码无效（应为6位数字）",
            "invalid jurisdiction code (six digits expected)",
        ) from exc
    if not who.covers(code):
        raise Forbidden(f"{code} 不在 {who.jurisdiction} 的辖区内", f"{code} is outside {who.jurisdiction}")
