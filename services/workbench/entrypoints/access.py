"""Who may see a page: every page but sign-in, the language switch, static files and /healthz needs a
session (a signed cookie holding the person's bearer token); a form post also needs the session's
CSRF value. Without a session a page answers 303 to /signin (an htmx request: 401 with HX-Redirect)."""

from __future__ import annotations

import hmac
import time
from urllib.parse import quote

from fastapi import Request

from services.workbench.adapters.session_cookie import COOKIE, LANG_COOKIE
from services.workbench.domain.i18n import Lang, lang_of
from services.workbench.domain.session import Session

PUBLIC = frozenset(
    {
        "/",
        "/healthz",
        "/readyz",
        "/signin",
        "/signin/dev",
        "/signin/oidc",
        "/oidc/callback",
        "/signout",
        "/lang",
    }
)


class SignInNeeded(Exception):
    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


class StaleForm(Exception):
    """A form post without the session's CSRF value (another site's form, or a page from before)."""


def lang(request: Request) -> Lang:
    return lang_of(request.cookies.get(LANG_COOKIE))


def session_of(request: Request) -> Session | None:
    settings = request.app.state.settings
    data = request.app.state.signer.loads(request.cookies.get(COOKIE), settings.session_max_age_s)
    if data is None:
        return None
    try:
        session = Session.of(data)
    except (KeyError, TypeError, ValueError):
        return None
    return session if session.expires_at > time.time() else None


def signed_in(request: Request) -> Session:
    """The page's session; SignInNeeded (→ 303 /signin?next=…) without a live one."""
    session = session_of(request)
    if session is None:
        path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise SignInNeeded(path if request.method == "GET" else "/")
    return session


async def posted(request: Request) -> Session:
    """The session of a form post whose `csrf` field matches it; StaleForm otherwise."""
    session = signed_in(request)
    form = await request.form()
    given = str(form.get("csrf") or request.headers.get("x-csrf-token") or "")
    if not hmac.compare_digest(given, session.csrf):
        raise StaleForm()
    return session


def signin_url(next_path: str) -> str:
    return "/signin?next=" + quote(next_path, safe="")


def safe_next(value: str | None) -> str:
    """A local path to go to after sign-in; anything else (another site) becomes /."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"
