"""Intake's HTTP routes: thin, each maps a request to a handler."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request

from services.intake.entrypoints.schemas import ApplicationIn, ApplicationOut, RevisionIn, WithdrawalIn
from services.intake.entrypoints.unit_schemas import UnitIn, UnitOut
from services.intake.service_layer import handlers, registrations
from services.intake.service_layer.ports import IntakeUnitOfWork
from shared.errors import Forbidden, NotFound
from shared.http.auth import caller, ensure_covers, require
from shared.security.tokens import Principal

router = APIRouter()


def _uow(request: Request) -> IntakeUnitOfWork:
    factory = request.app.state.uow_factory
    return factory(correlation_id=getattr(request.state, "correlation_id", None))


@router.post("/applications", status_code=201, response_model=ApplicationOut, tags=["applications"])
async def submit_application(
    body: ApplicationIn, request: Request, who: Principal = Depends(require("applicant"))
) -> ApplicationOut:
    """Submit an application, self-nomination or dossier: 422 listing every reason, nothing stored."""
    ensure_covers(who, body.applicant_code)
    ensure_mine(request, body.applicant_code)
    app = await handlers.handle_submit_application(body.command(), _uow(request), request.app.state.catalogue)
    return ApplicationOut.of(app)


@router.post("/applications/check", tags=["applications"])
async def check_application(
    body: ApplicationIn, request: Request, who: Principal = Depends(require("applicant"))
) -> dict[str, Any]:
    """Check a draft without submitting it: the same reasons a submission would be refused for, and
    `warnings`: norms of the notice the draft goes beyond, shown to the evaluators (never a refusal)."""
    ensure_covers(who, body.applicant_code)
    ensure_mine(request, body.applicant_code)
    cmd, catalogue = body.command(), request.app.state.catalogue
    reasons = await handlers.check_application(cmd, _uow(request), catalogue)
    warnings = handlers.advice_for(cmd, catalogue)
    return {
        "ok": not reasons,
        "reasons": [r.as_dict() for r in reasons],
        "warnings": [w.as_dict() for w in warnings],
    }


@router.post("/applications/{application_id}/revisions", response_model=ApplicationOut, tags=["applications"])
@router.put("/applications/{application_id}/revisions", response_model=ApplicationOut, tags=["applications"])
async def revise_application(
    application_id: str, body: RevisionIn, request: Request, who: Principal = Depends(require("applicant"))
) -> ApplicationOut:
    """Resubmit after a reviewer asked for revision (409 in any other state); the earlier content is kept."""
    await _visible(application_id, request, who)
    cmd = body.command(application_id)
    return ApplicationOut.of(
        await handlers.handle_revise_application(cmd, _uow(request), request.app.state.catalogue)
    )


@router.post(
    "/applications/{application_id}/withdrawal", response_model=ApplicationOut, tags=["applications"]
)
async def withdraw_application(
    application_id: str, body: WithdrawalIn, request: Request, who: Principal = Depends(require("applicant"))
) -> ApplicationOut:
    """The applicant withdraws an application still open (409 once closed); the reviewing levels close it."""
    await _visible(application_id, request, who)
    return ApplicationOut.of(
        await handlers.handle_withdraw_application(application_id, body.reason, who.subject, _uow(request))
    )


@router.get("/applications/{application_id}", response_model=ApplicationOut, tags=["applications"])
async def get_application(
    application_id: str, request: Request, who: Principal = Depends(caller)
) -> ApplicationOut:
    return ApplicationOut.of(await _visible(application_id, request, who))


def ensure_mine(request: Request, code: str) -> None:
    """403 unless this intake instance owns `code` (shared/territory.py): an applicant of a delegated
    child, or outside the jurisdiction, applies through its own jurisdiction's intake."""
    territory = request.app.state.territory
    if not territory.owns(code):
        instance = request.app.state.instance
        raise Forbidden(
            f"本受理实例（{instance}）不受理 {code} 的申报，请向其所属辖区的受理服务提交",
            f"this intake instance ({instance}) does not take applications of {code}: submit through "
            "the intake of the jurisdiction it belongs to",
        )


def refuse_experts(who: Principal) -> None:
    """Experts review anonymously: they get the redacted dossier from review, never the original."""
    if who.role == "expert":
        raise Forbidden(
            "评审专家不得查看申报原件（含申报单位名称、代码和方案原文）；匿名评审材料请在审核服务中按任务查看",
            "an expert may not see the original application (applicant name, code, plan); "
            "review serves the redacted dossier by task",
        )


async def _visible(application_id: str, request: Request, who: Principal) -> Any:
    """The application if the caller's territory covers it; 404 otherwise (never its data); 403 for
    an expert."""
    refuse_experts(who)
    app = await handlers.get_application(application_id, _uow(request))
    if not who.covers(app.applicant_code):
        raise NotFound("申报", "application", application_id)
    return app


@router.get("/applications", response_model=list[ApplicationOut], tags=["applications"])
async def list_applications(
    request: Request, applicant_code: str | None = None, who: Principal = Depends(caller)
) -> list[ApplicationOut]:
    """Applications in the caller's territory (an applicant sees only its own; an expert none: 403)."""
    refuse_experts(who)
    uow = _uow(request)
    async with uow:
        apps = await uow.applications.list(who.jurisdiction if who.role == "applicant" else applicant_code)
    return [ApplicationOut.of(a) for a in apps if who.covers(a.applicant_code)]


@router.post("/demonstration-units", status_code=201, response_model=UnitOut, tags=["demonstration units"])
async def register_unit(
    body: UnitIn, request: Request, who: Principal = Depends(require("monitor"))
) -> UnitOut:
    """Register a titled demonstration unit in a liaison programme (not an application)."""
    ensure_covers(who, body.jurisdiction_code)
    ensure_mine(request, body.jurisdiction_code)
    unit = await registrations.handle_register_unit(
        body.command(), _uow(request), request.app.state.catalogue
    )
    return UnitOut.of(unit)


@router.get("/demonstration-units", response_model=list[UnitOut], tags=["demonstration units"])
async def list_units(
    request: Request, programme: str | None = None, who: Principal = Depends(caller)
) -> list[UnitOut]:
    units = await registrations.list_units(_uow(request), programme)
    return [UnitOut.of(u) for u in units if who.covers(u.jurisdiction_code)]


@router.get("/programmes", tags=["programmes"])
async def list_programmes(request: Request, _who: Principal = Depends(caller)) -> list[dict[str, Any]]:
    catalogue = request.app.state.catalogue
    fields = ("key", "version", "name_zh", "name_en", "owner")
    return [
        {**{k: getattr(p, k) for k in fields}, "kind": p.kind.value, "versions": catalogue.versions(p.key)}
        for p in catalogue.latest_all()
    ]


@router.get("/programmes/{key}", tags=["programmes"])
async def get_programme(
    key: str, request: Request, version: int | None = None, _who: Principal = Depends(caller)
) -> dict[str, Any]:
    """The whole definition (latest version, or `?version=`)."""
    programme = request.app.state.catalogue.get(key, version)
    if programme is None:
        raise NotFound("项目", "programme", key if version is None else f"{key} v{version}")
    return programme.model_dump(mode="json")
