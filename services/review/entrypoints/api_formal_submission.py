"""逐级推荐 (003:35): the applicant sends the prefecture its 申报表 in the name of its Party committee
and government (the applicant's own application only)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from services.review.entrypoints.access import deciding_as
from services.review.entrypoints.api import _uow
from services.review.entrypoints.task_schemas import CaseOut
from services.review.service_layer.formal_submissions import handle_file_form
from shared.http.auth import require
from shared.security.tokens import Principal

router = APIRouter(tags=["applications"])
APPLICANT = require("applicant", "reviewer")  # the county itself, or the prefecture registering its letter


class FormIn(BaseModel):
    form: dict[str, str] = Field(
        description="The stage's form (Shandong: in_name_of, letter_no, department, department_head, "
        "public_mailbox).",
        max_length=20,
    )


@router.post("/applications/{application_id}/formal-submission", response_model=CaseOut, status_code=201)
async def file_formal_submission(
    application_id: str, body: FormIn, request: Request, who: Principal = Depends(APPLICANT)
) -> CaseOut:
    """The applicant's formal submission: 422 with every missing or malformed field, or when the caller
    is not the applicant; 409 when the application is at no stage of this jurisdiction asking for one,
    or the form was filed already; nothing changes either way."""
    case = await handle_file_form(
        application_id,
        deciding_as(who),  # the applicant's own, or this jurisdiction's (auth off: anyone)
        body.form,
        _uow(request),
        request.app.state.catalogue,
        request.app.state.jurisdiction,
    )
    return CaseOut.of(case, anonymous=False)
