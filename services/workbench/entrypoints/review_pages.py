"""Reviewers' and experts' pages: the queue, a task (dossier, history, panel, notice, decision) and
the rankings of a scored stage. Every action is review's API, called as the signed-in person."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.workbench.domain.session import Session
from services.workbench.entrypoints.access import lang, posted, signed_in
from services.workbench.entrypoints.rendering import page
from services.workbench.service_layer import reviewing

router = APIRouter()
Signed = Annotated[Session, Depends(signed_in)]
Posted = Annotated[Session, Depends(posted)]
ACTIONS: dict[str, tuple[str, Any]] = {  # form action → review's route under /tasks/{id}, body from the form
    "claim": ("claim", lambda f: None),
    "release": ("release", lambda f: None),
    "assign": ("assignment", lambda f: {"reviewer": f.get("reviewer", "")}),
    "experts": (
        "experts",
        lambda f: {"experts": [e.strip() for e in f.get("experts", "").splitlines() if e.strip()]},
    ),
    "opinion": ("opinions", reviewing.opinion_body),
    "decision": ("decision", reviewing.decision_body),
    "notice": ("notice", lambda f: None),
    "objection": ("objections", lambda f: {"objector": f.get("objector", ""), "text": f.get("text", "")}),
    "resolve": (
        "objections/{objection}/resolution",
        lambda f: {"resolution": f.get("resolution", ""), "note": f.get("note", "")},
    ),
}


def _segment(value: str) -> str:
    """An id from a form as one path segment (nothing that walks elsewhere on review)."""
    return value if re.fullmatch(r"[\w-]{1,100}", value) else "-"


def _code(request: Request, s: Session, wanted: str | None) -> str | None:
    codes = reviewing.review_jurisdictions(request.app.state.backends, s)
    return wanted if wanted in codes else (codes[0] if codes else None)


@router.get("/queue", response_class=HTMLResponse)
async def queue(request: Request, s: Signed, jurisdiction: str | None = None) -> HTMLResponse:
    backends = request.app.state.backends
    code = _code(request, s, jurisdiction)
    filters = {k: v for k, v in request.query_params.items() if k in reviewing.FILTERS}
    filters.setdefault("state", "open")
    found = await reviewing.queue(backends, s, code, filters) if code else None
    return await page(
        request,
        "queue.html",
        s,
        queue=found,
        filters=filters,
        codes=reviewing.review_jurisdictions(backends, s),
    )


@router.get("/tasks/{code}/{task_id}", response_class=HTMLResponse)
async def task(code: str, task_id: str, request: Request, s: Signed) -> HTMLResponse:
    return await _show(code, task_id, request, s)


async def _show(
    code: str, task_id: str, request: Request, s: Session, reasons: list[Any] | None = None, status: int = 200
) -> HTMLResponse:
    found = (
        await reviewing.task_page(request.app.state.backends, s, code, task_id, lang(request))
        if _code(request, s, code) == code
        else None
    )
    if found is None:
        return await page(request, "error.html", s, status_code=404, message_key="error")
    return await page(request, "task.html", s, status_code=status, p=found, code=code, reasons=reasons)


@router.post("/tasks/{code}/{task_id}/{action}", response_class=HTMLResponse)
async def act(code: str, task_id: str, action: str, request: Request, s: Posted) -> Response:
    if action not in ACTIONS or _code(request, s, code) != code:
        return await page(request, "error.html", s, status_code=404, message_key="error")
    route, body_of = ACTIONS[action]
    form = {k: str(v) for k, v in (await request.form()).items() if k != "csrf"}
    answer = await request.app.state.backends.call(
        s.token,
        "review",
        f"/tasks/{task_id}/" + route.format(objection=_segment(form.get("objection", ""))),
        "POST",
        jurisdiction=code,
        json=body_of(form),
    )
    if answer.ok:
        return RedirectResponse(f"/tasks/{code}/{task_id}?done={action}", status_code=303)
    return await _show(code, task_id, request, s, answer.reasons(), answer.status)


@router.get("/rankings", response_class=HTMLResponse)
async def rankings(
    request: Request, s: Signed, programme: str = "", stage: str = "", jurisdiction: str | None = None
) -> HTMLResponse:
    code, ranked, reasons = _code(request, s, jurisdiction), [], []
    if code and programme and stage:
        answer = await request.app.state.backends.call(
            s.token, "review", "/rankings", jurisdiction=code, params={"programme": programme, "stage": stage}
        )
        ranked = answer.data if answer.ok and isinstance(answer.data, list) else []
        reasons = answer.reasons()
    return await page(
        request,
        "rankings.html",
        s,
        ranked=ranked,
        reasons=reasons,
        code=code,
        programme=programme,
        stage=stage,
    )
