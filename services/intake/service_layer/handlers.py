"""Intake's handlers: plain async functions of (message, unit of work, dependencies)."""

from __future__ import annotations

import structlog
from sqlalchemy.exc import IntegrityError

from services.intake.domain.advisories import advisories
from services.intake.domain.commands import ReviseApplication, SubmitApplication
from services.intake.domain.facts import Facts
from services.intake.domain.model import Application, listed_wording, unit_of
from services.intake.domain.rules import check_submission
from services.intake.service_layer.ports import IntakeUnitOfWork
from shared.errors import NotFound, Reason, refuse
from shared.programmes.loader import Catalogue
from shared.programmes.lookup import programme_of
from shared.programmes.model import Programme

log = structlog.get_logger()


def _reference_no(programme: Programme, cmd: SubmitApplication, year: int, n: int) -> str:
    initials = "".join(part[0] for part in programme.key.split("-")).upper()
    return f"{initials}-{year}-{cmd.applicant_code}-{n:02d}"


async def gather_facts(
    uow: IntakeUnitOfWork,
    programme: Programme,
    applicant_code: str,
    theme: str,
    *,
    duplicate: bool,
    applicant_name: str = "",
) -> Facts:
    """What intake's own records say about this applicant (inside an open unit of work)."""
    theme = listed_wording(programme, theme)
    return Facts(
        has_open_duplicate=duplicate
        and await uow.applications.has_open(
            programme.key, applicant_code, unit_of(programme, applicant_name)
        ),
        designated_in=await uow.views.designated_in(applicant_code),
        failed_reviews=await uow.views.failed_reviews(programme.key, applicant_code, theme),
        failed_reviews_any_theme=await uow.views.failed_reviews(programme.key, applicant_code, None),
    )


async def check_application(
    cmd: SubmitApplication, uow: IntakeUnitOfWork, catalogue: Catalogue
) -> list[Reason]:
    """What submitting `cmd` now would be refused for (a dry run; changes nothing)."""
    programme = programme_of(catalogue, cmd.programme)
    async with uow:
        facts = await gather_facts(
            uow, programme, cmd.applicant_code, cmd.theme, duplicate=True, applicant_name=cmd.applicant_name
        )
    return check_submission(cmd, programme, uow.clock.now(), facts)


def advice_for(cmd: SubmitApplication, catalogue: Catalogue) -> list[Reason]:
    """Norms of the notice the draft goes beyond (warnings for the evaluators; never a refusal)."""
    return advisories(cmd.form, programme_of(catalogue, cmd.programme))


async def handle_submit_application(
    cmd: SubmitApplication, uow: IntakeUnitOfWork, catalogue: Catalogue
) -> Application:
    programme = programme_of(catalogue, cmd.programme)
    async with uow:
        now = uow.clock.now()
        facts = await gather_facts(
            uow, programme, cmd.applicant_code, cmd.theme, duplicate=True, applicant_name=cmd.applicant_name
        )
        n = await uow.applications.count_for(programme.key, cmd.applicant_code) + 1
        ref = _reference_no(programme, cmd, now.year, n)
        app = Application.submit(cmd, programme, now, reference_no=ref, facts=facts)
        await uow.applications.add(app)
        try:
            await uow.commit()
        except IntegrityError as exc:
            raise refuse(
                "duplicate_open_application",
                "该申报单位在本项目中已有未办结的申报",
                "the applicant already has an open application in this programme",
                "applicant_code",
            ) from exc
    log.info("application_submitted", application_id=app.id, reference_no=app.reference_no)
    return app


async def handle_revise_application(
    cmd: ReviseApplication, uow: IntakeUnitOfWork, catalogue: Catalogue
) -> Application:
    """A resubmission after a reviewer sent it back, checked under the version it was submitted under."""
    async with uow:
        app = await uow.applications.get(cmd.application_id, for_update=True)
        if app is None:
            raise NotFound("申报", "application", cmd.application_id)
        programme = programme_of(catalogue, app.programme, app.programme_version)
        facts = await gather_facts(uow, programme, app.applicant_code, cmd.theme, duplicate=False)
        app.revise(cmd, programme, uow.clock.now(), facts)
        await uow.applications.save(app)
        await uow.commit()
    log.info("application_revised", application_id=app.id, revision=app.revision)
    return app


async def handle_withdraw_application(
    application_id: str, reason: str, by: str, uow: IntakeUnitOfWork
) -> Application:
    async with uow:
        app = await uow.applications.get(application_id, for_update=True)
        if app is None:
            raise NotFound("申报", "application", application_id)
        app.withdraw(uow.clock.now(), by, reason)
        await uow.applications.save(app)
        await uow.commit()
    log.info("application_withdrawn", application_id=app.id)
    return app


async def get_application(application_id: str, uow: IntakeUnitOfWork) -> Application:
    async with uow:
        app = await uow.applications.get(application_id)
    if app is None:
        raise NotFound("申报", "application", application_id)
    return app
