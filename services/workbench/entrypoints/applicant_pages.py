"""Applicants' pages: programmes, the generated form with live checks, submit, the application with
its timeline, revision when asked, attachments."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData, UploadFile

from services.workbench.domain.forms import FormSpec, body_of, filled_from, form_of
from services.workbench.domain.session import Session
from services.workbench.entrypoints.access import lang, posted, signed_in
from services.workbench.entrypoints.rendering import page
from services.workbench.service_layer import applying
from shared import jurisdictions

router = APIRouter()
Signed = Annotated[Session, Depends(signed_in)]
Posted = Annotated[Session, Depends(posted)]


def _values(form: FormData) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key in form:
        if key == "csrf":
            continue
        many = [v for v in form.getlist(key) if isinstance(v, str)]
        values[key] = many if key == "attestations" else (many[0] if many else "")
    return values


def _body(spec: FormSpec, form: FormData, s: Session) -> dict[str, Any]:
    return body_of(spec, _values(form), s.jurisdiction, _unit_name(s.jurisdiction))


def _unit_name(code: str) -> str:
    try:
        return jurisdictions.name(code)
    except (KeyError, ValueError):
        return code


@router.get("/apply", response_class=HTMLResponse)
async def choose(request: Request, s: Signed) -> HTMLResponse:
    found = await applying.programmes(request.app.state.backends, s)
    return await page(request, "apply_choose.html", s, programmes=found)


async def _spec(request: Request, s: Session, key: str) -> FormSpec | None:
    found = await applying.definition(request.app.state.backends, s, key)
    return form_of(found, lang(request)) if found else None


@router.get("/apply/{key}", response_class=HTMLResponse)
async def form(key: str, request: Request, s: Signed) -> HTMLResponse:
    spec = await _spec(request, s, key)
    if spec is None:
        return await page(request, "error.html", s, status_code=404, message_key="error")
    return await page(
        request,
        "apply_form.html",
        s,
        spec=spec,
        values={},
        reasons=None,
        applicant=_unit_name(s.jurisdiction),
    )


@router.post("/apply/{key}/check", response_class=HTMLResponse)
async def check(key: str, request: Request, s: Posted) -> HTMLResponse:
    """The live check (htmx posts the whole form on each change): every reason intake gives."""
    spec = await _spec(request, s, key)
    if spec is None:
        return await page(request, "error.html", s, status_code=404, message_key="error")
    body = _body(spec, await request.form(), s)
    reasons, warnings = await applying.check(request.app.state.backends, s, body)
    template = "check_result.html" if request.headers.get("hx-request") else "apply_form.html"
    return await page(
        request,
        template,
        s,
        spec=spec,
        values=filled_from(body),
        reasons=reasons,
        warnings=warnings,
        checked=True,
        applicant=_unit_name(s.jurisdiction),
    )


@router.post("/apply/{key}", response_class=HTMLResponse)
async def submit(key: str, request: Request, s: Posted) -> Response:
    spec = await _spec(request, s, key)
    if spec is None:
        return await page(request, "error.html", s, status_code=404, message_key="error")
    body = _body(spec, await request.form(), s)
    answer = await applying.submit(request.app.state.backends, s, body)
    if answer.status == 201 and isinstance(answer.data, dict):
        return RedirectResponse(f"/applications/{answer.data['id']}?submitted=1", status_code=303)
    return await page(
        request,
        "apply_form.html",
        s,
        status_code=422,
        spec=spec,
        values=filled_from(body),
        reasons=answer.reasons(),
        checked=True,
        applicant=_unit_name(s.jurisdiction),
    )


@router.get("/applications", response_class=HTMLResponse)
async def mine(request: Request, s: Signed) -> HTMLResponse:
    answer = await request.app.state.backends.call(s.token, "intake", "/applications")
    found = answer.data if answer.ok and isinstance(answer.data, list) else []
    return await page(request, "applications.html", s, applications=found, reasons=answer.reasons())


async def _application(request: Request, s: Session, application_id: str) -> dict[str, Any] | None:
    answer = await request.app.state.backends.call(s.token, "intake", f"/applications/{application_id}")
    return answer.data if answer.ok and isinstance(answer.data, dict) else None


@router.get("/applications/{application_id}", response_class=HTMLResponse)
async def application(application_id: str, request: Request, s: Signed, submitted: int = 0) -> HTMLResponse:
    return await _show(application_id, request, s, submitted)


async def _show(
    application_id: str, request: Request, s: Session, submitted: int = 0, reasons: list[Any] | None = None
) -> HTMLResponse:
    backends, here = request.app.state.backends, lang(request)
    app = await _application(request, s, application_id)
    if app is None:
        return await page(request, "error.html", s, status_code=404, message_key="error")
    programme = await applying.definition(backends, s, app["programme"], app["programme_version"])
    files = await backends.call(s.token, "intake", f"/applications/{application_id}/attachments")
    spec = form_of(programme, here) if programme and app["status"] == "revision_requested" else None
    return await page(
        request,
        "application.html",
        s,
        app=app,
        programme=programme or {},
        rows=applying.timeline(app, programme, here),
        attachments=files.data if files.ok else [],
        spec=spec,
        values=filled_from(app),
        submitted=submitted,
        reasons=reasons,
    )


@router.post("/applications/{application_id}/revision", response_class=HTMLResponse)
async def revision(application_id: str, request: Request, s: Posted) -> Response:
    app = await _application(request, s, application_id)
    programme = app and await applying.definition(
        request.app.state.backends, s, app["programme"], app["programme_version"]
    )
    if not app or not programme:
        return await page(request, "error.html", s, status_code=404, message_key="error")
    body = _body(form_of(programme, lang(request)), await request.form(), s)
    answer = await applying.revise(request.app.state.backends, s, application_id, body)
    if answer.ok:
        return RedirectResponse(f"/applications/{application_id}", status_code=303)
    res = await _show(application_id, request, s, reasons=answer.reasons())
    res.status_code = answer.status
    return res


@router.post("/applications/{application_id}/attachments", response_class=HTMLResponse)
async def attach(application_id: str, request: Request, s: Posted) -> Response:
    upload = (await request.form()).get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return RedirectResponse(f"/applications/{application_id}", status_code=303)
    files = {
        "file": (upload.filename, await upload.read(), upload.content_type or "application/octet-stream")
    }
    answer = await request.app.state.backends.call(
        s.token, "intake", f"/applications/{application_id}/attachments", "POST", files=files
    )
    if answer.ok:
        return RedirectResponse(f"/applications/{application_id}", status_code=303)
    res = await _show(application_id, request, s, reasons=answer.reasons())
    res.status_code = answer.status
    return res


@router.post("/applications/{application_id}/withdrawal", response_class=HTMLResponse)
async def withdrawal(application_id: str, request: Request, s: Posted) -> Response:
    """Withdraw an open application (intake refuses once it is closed, saying why)."""
    reason = str((await request.form()).get("reason") or "")
    answer = await applying.withdraw(request.app.state.backends, s, application_id, reason)
    if answer.ok:
        return RedirectResponse(f"/applications/{application_id}", status_code=303)
    res = await _show(application_id, request, s, reasons=answer.reasons())
    res.status_code = answer.status
    return res
