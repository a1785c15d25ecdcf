"""逐级推荐 (003:35): the applicant's formal submission of its 申报表 to the stage's owner."""

from __future__ import annotations

import structlog

from services.review.domain.case import Case
from services.review.domain.formal_submission import file_form
from services.review.domain.routing import owns_stage
from services.review.service_layer.ports import ReviewUnitOfWork
from shared.errors import Conflict, NotFound, Reason
from shared.programmes.loader import Catalogue
from shared.programmes.lookup import programme_of

log = structlog.get_logger()


async def handle_file_form(
    application_id: str,
    who: str | None,
    form: dict[str, str],
    uow: ReviewUnitOfWork,
    catalogue: Catalogue,
    me: str,
) -> Case:
    """Record the form in this instance's case when the case is at a stage of mine that asks for one."""
    async with uow:
        case = await uow.cases.get(application_id, for_update=True)
        if case is None:
            raise NotFound("申报", "application", application_id)
        programme = programme_of(catalogue, case.programme, case.programme_version)
        stage = programme.stage(case.stage) if case.stage else None
        if stage is None or not owns_stage(programme, stage.key, case.applicant_code, me):
            raise Conflict(
                [
                    Reason(
                        "no_form_asked",
                        f"该申报当前不在本级（{me}）需报送申报表的环节",
                        f"the application is at no stage of {me} that asks for a form",
                    )
                ]
            )
        file_form(case, stage, who or case.applicant_code, me, form, uow.clock.now())
        await uow.cases.save(case)
        await uow.commit()
    log.info("form_filed", application_id=application_id, stage=case.stage)
    return case
