"""The workbench's own routes: health, the language switch, the home page that sends each role to its
work; and the answers to a missing session, a stale form or a service that is down."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.workbench.adapters.session_cookie import LANG_COOKIE
from services.workbench.domain.i18n import lang_of
from services.workbench.domain.session import Session
from services.workbench.entrypoints.access import SignInNeeded, StaleForm, safe_next, signed_in, signin_url
from services.workbench.entrypoints.rendering import page
from services.workbench.service_layer.ports import Unavailable

router = APIRouter()
HOME = {"applicant": "/applications", "reviewer": "/queue", "expert": "/queue"}


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
async def readyz() -> dict[str, str]:
    """Ready when it can serve: no database, no broker, and it asks no other service (a service that is
    down makes its pages answer 503, not the workbench leave the rotation)."""
    return {"status": "ready"}


@router.get("/lang")
async def switch_language(to: str = "zh", next: str = "/") -> Response:
    res = RedirectResponse(safe_next(next), status_code=303)
    res.set_cookie(LANG_COOKIE, lang_of(to), max_age=365 * 86400, samesite="lax", path="/")
    return res


@router.get("/")
async def root() -> Response:
    return RedirectResponse("/home", status_code=303)


@router.get("/home")
async def home(s: Annotated[Session, Depends(signed_in)]) -> Response:
    return RedirectResponse(HOME.get(s.role, "/zones"), status_code=303)


def install_error_pages(app: FastAPI) -> None:
    async def sign_in(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, SignInNeeded)
        url = signin_url(exc.next_path)
        if request.headers.get("hx-request"):
            return Response(status_code=401, headers={"HX-Redirect": url})
        return RedirectResponse(url, status_code=303)

    async def stale(request: Request, exc: Exception) -> HTMLResponse:
        return await page(request, "error.html", None, status_code=403, message_key="bad_form")

    async def unavailable(request: Request, exc: Exception) -> HTMLResponse:
        assert isinstance(exc, Unavailable)
        return await page(
            request, "error.html", None, status_code=503, message_key="unavailable", what=exc.instance
        )

    app.add_exception_handler(SignInNeeded, sign_in)
    app.add_exception_handler(StaleForm, stale)
    app.add_exception_handler(Unavailable, unavailable)
