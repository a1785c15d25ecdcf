"""Everyone's in-app messages from notify, with unread counts; marking one read."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.workbench.domain.session import Session
from services.workbench.entrypoints.access import posted, signed_in
from services.workbench.entrypoints.rendering import page
from services.workbench.service_layer.in_app import inboxes, subscribers_of

router = APIRouter()


@router.get("/inbox", response_class=HTMLResponse)
async def inbox(request: Request, s: Annotated[Session, Depends(signed_in)]) -> HTMLResponse:
    found = await inboxes(request.app.state.backends, s)
    return await page(request, "inbox.html", s, inboxes=found)


@router.post("/inbox/{subscriber_id}/entries/{entry_id}/read")
async def mark_read(
    subscriber_id: str, entry_id: int, request: Request, s: Annotated[Session, Depends(posted)]
) -> Response:
    if subscriber_id in subscribers_of(s):  # only the person's own inboxes; notify checks again
        await request.app.state.backends.call(
            s.token, "notify", f"/inbox/{subscriber_id}/entries/{entry_id}/read", "POST"
        )
    return RedirectResponse("/inbox", status_code=303)
