"""Who is calling: a bearer token bound to a role and a jurisdiction (shared/security/tokens.py).

Routes take `caller: Principal = Depends(require("reviewer", "admin"))` and check territory with
`ensure_covers(caller, code)`. With `ZONES_AUTH_REQUIRED=false` every caller is the national admin
(development only).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from fastapi import Request

from shared import jurisdictions
from shared.errors import Forbidden, Unauthenticated, refuse
from shared.security.tokens import InvalidToken, Principal, verify

NOBODY_CHECKS = Principal("development", "admin", "000000", datetime.max.replace(tzinfo=UTC), "dev")


def caller(request: Request) -> Principal:
    runtime = getattr(request.app.state, "runtime", None)  # router-only test apps have none
    settings = runtime.settings if runtime is not None else None
    if settings is None or not settings.auth_required:
        return NOBODY_CHECKS
    header = request.headers.get("authorization", "")
    if not header.lower().startswith("bearer "):
        raise Unauthenticated("缺少 Bearer 令牌 / missing bearer token")
    try:
        return verify(settings.token_secret.encode(), header[7:].strip(), datetime.now(UTC))
    except InvalidToken as exc:
        raise Unauthenticated(str(exc)) from exc


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
