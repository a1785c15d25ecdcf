"""Pages from Jinja2 templates, in the person's language, with what every page shows (who is signed
in, the navigation for their role, unread messages)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from services.workbench.domain import i18n
from services.workbench.domain.session import Session
from services.workbench.entrypoints.access import lang
from services.workbench.service_layer.in_app import unread_count
from shared import jurisdictions

TEMPLATES = Jinja2Templates(directory=Path(__file__).resolve().parents[1] / "templates")

NAV = {
    "applicant": [("/apply", "nav_apply"), ("/applications", "nav_my_applications"), ("/zones", "nav_zones")],
    "reviewer": [("/queue", "nav_queue"), ("/zones", "nav_zones"), ("/dashboard", "nav_dashboard")],
    "expert": [("/queue", "nav_queue")],
    "monitor": [("/zones", "nav_zones"), ("/dashboard", "nav_dashboard"), ("/queue", "nav_queue")],
    "admin": [("/zones", "nav_zones"), ("/dashboard", "nav_dashboard"), ("/queue", "nav_queue")],
}


def words(request: Request) -> dict[str, Any]:
    here = lang(request)
    return {
        "lang": here,
        "t": lambda key, **v: i18n.t(key, here, **v),
        "pick": lambda item, field="name": i18n.pick(item, here, field),
        "reason": lambda r: i18n.pick(r, here, "message"),
        "place": place,
        "when": i18n.beijing,
    }


def place(code: str) -> str:
    """A jurisdiction's name with its code: 济南市（370100）."""
    try:
        return f"{jurisdictions.name(code)}（{code}）"
    except (KeyError, ValueError):
        return code


async def page(
    request: Request, template: str, session: Session | None, status_code: int = 200, **context: Any
) -> HTMLResponse:
    unread = None
    if session is not None and not request.headers.get("hx-request"):
        unread = await unread_count(request.app.state.backends, session)
    return TEMPLATES.TemplateResponse(
        request,
        template,
        {
            **words(request),
            "s": session,
            "csrf": session.csrf if session else "",
            "nav": NAV.get(session.role, []) if session else [],
            "unread": unread,
            "here": request.url.path,
            **context,
        },
        status_code=status_code,
    )
