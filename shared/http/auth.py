"""Who is calling: a bearer JWT from a trusted issuer, bound to a role and a jurisdiction (tokens.py).

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
from shared.security.issuers import IssuersFileError
from shared.security.token_config import verifier_for
from shared.security.tokens import InvalidToken, Principal
from shared.settings import Settings

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
    if not settings.token_issuers:  # no issuer to check against: nobody can be let in
        raise Unconfigured()
    if not header.lower().startswith("bearer "):
        raise Unauthenticated("缺少 Bearer 令牌", "missing bearer token")
    try:
        verifier = verifier_for(settings)
    except IssuersFileError as exc:
        raise Unconfigured() from exc
    try:
        return verifier.verify(header[7:].strip(), datetime.now(UTC))
    except InvalidToken as exc:
        raise Unauthenticated(exc.zh, str(exc)) from exc


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
