"""Sign-in and sign-out: OIDC against the deployment's identity provider, or (development only) the
local stack's actors; the session goes into a signed, HttpOnly cookie."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.workbench.adapters.oidc import LoginState, SignInFailed, new_login
from services.workbench.adapters.session_cookie import COOKIE, LOGIN_COOKIE
from services.workbench.domain.actors import ACTORS, actor, county_choices
from services.workbench.domain.session import Session
from services.workbench.entrypoints.access import lang, safe_next, session_of
from services.workbench.entrypoints.rendering import page
from shared.security.tokens import InvalidToken

router = APIRouter()


@router.get("/signin", response_class=HTMLResponse)
async def signin(request: Request, next: str = "/", error: str = "") -> HTMLResponse:
    state = request.app.state
    return await page(
        request,
        "signin.html",
        session_of(request),
        next=safe_next(next),
        error=error,
        actors=ACTORS if state.dev_issuer else (),
        counties=county_choices(),
        oidc=state.oidc is not None,
    )


@router.post("/signin/dev")
async def signin_dev(
    request: Request,
    who: Annotated[str, Form()],
    county: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    issuer, found = request.app.state.dev_issuer, actor(who, county)
    if issuer is None or found is None:
        return RedirectResponse("/signin", status_code=303)
    return await open_session(request, issuer.token(found), safe_next(next))


@router.get("/signin/oidc")
async def signin_oidc(request: Request, next: str = "/") -> Response:
    oidc = request.app.state.oidc
    if oidc is None:
        return RedirectResponse("/signin", status_code=303)
    login = new_login(safe_next(next))
    try:
        url = await oidc.authorization_url(login, _callback(request))
    except SignInFailed as exc:
        return await _failed(request, exc)
    res = RedirectResponse(url, status_code=303)
    _cookie(request, res, LOGIN_COOKIE, request.app.state.signer.dumps(login.__dict__), 600)
    return res


@router.get("/oidc/callback", name="oidc_callback")
async def oidc_callback(request: Request, code: str = "", state: str = "") -> Response:
    oidc, signer = request.app.state.oidc, request.app.state.signer
    data = signer.loads(request.cookies.get(LOGIN_COOKIE), 600)
    if oidc is None or data is None or not code or not secrets.compare_digest(state, str(data.get("state"))):
        return await _failed(
            request, SignInFailed("登录状态无效，请重新登录", "sign-in state not valid: start again")
        )
    login = LoginState(**data)
    try:
        token = await oidc.exchange(code, login, _callback(request))
    except SignInFailed as exc:
        return await _failed(request, exc)
    res = await open_session(request, token, login.next)
    res.delete_cookie(LOGIN_COOKIE)
    return res


def _callback(request: Request) -> str:
    """The redirect URI registered at the provider: under ZONES_PUBLIC_URL when the workbench sits
    behind a proxy, else as this request reached it."""
    public = request.app.state.settings.public_url.rstrip("/")
    return f"{public}/oidc/callback" if public else str(request.url_for("oidc_callback"))


async def open_session(request: Request, token: str, next_path: str) -> Response:
    """A session for `token` once the workbench's own verifier accepts it (issuer, signature, audience,
    times, revocation); the sign-in page saying why otherwise."""
    try:
        who = request.app.state.verify(token, datetime.now(UTC))
    except InvalidToken as exc:
        return await _failed(request, SignInFailed(f"令牌无效：{exc.zh}", f"token not accepted: {exc}"))
    session = Session(
        token, who.subject, who.role, who.jurisdiction, who.expires_at.timestamp(), secrets.token_urlsafe(24)
    )
    res = RedirectResponse(next_path if next_path != "/" else "/home", status_code=303)
    age = min(
        request.app.state.settings.session_max_age_s, int(session.expires_at - datetime.now(UTC).timestamp())
    )
    _cookie(request, res, COOKIE, request.app.state.signer.dumps(session.as_dict()), max(age, 1))
    return res


@router.post("/signout")
async def signout(request: Request) -> Response:
    res = RedirectResponse("/signin", status_code=303)
    res.delete_cookie(COOKIE)
    return res


async def _failed(request: Request, exc: SignInFailed) -> HTMLResponse:
    shown = exc.en if lang(request) == "en" else exc.zh
    res = await signin(request, "/", shown)
    res.status_code = 401
    return res


def _cookie(request: Request, res: Response, name: str, value: str, max_age: int) -> None:
    secure = request.app.state.settings.session_cookie_secure
    res.set_cookie(name, value, max_age=max_age, httponly=True, secure=secure, samesite="lax", path="/")
