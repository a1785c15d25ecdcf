"""The registers this intake checks against, over HTTP (read only: a holder loads with
`zones register load`). Any authenticated caller may read them: they are public lists."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from services.intake.entrypoints.register_schemas import RegisterOut
from services.intake.service_layer.registers import list_registers
from shared.errors import NotFound
from shared.http.auth import caller
from shared.security.tokens import Principal

router = APIRouter(tags=["registers"])


@router.get("/registers", response_model=list[RegisterOut], response_model_exclude_none=True)
async def registers(request: Request, _who: Principal = Depends(caller)) -> list[RegisterOut]:
    """The latest version of each register kept here (without entries); none loaded: `[]`."""
    return [RegisterOut.of(r) for r in await list_registers(request.app.state.uow_factory())]


@router.get("/registers/{kind}", response_model=RegisterOut)
async def register(kind: str, request: Request, _who: Principal = Depends(caller)) -> RegisterOut:
    """One register's latest version with every entry; 404 when none is loaded here."""
    found = [r for r in await list_registers(request.app.state.uow_factory()) if r.kind == kind]
    if not found:
        raise NotFound("名录", "register", kind)
    return RegisterOut.of(found[0], entries=True)
