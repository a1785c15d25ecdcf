"""Handlers of other services' events: keep each application's status and intake's own views."""

from __future__ import annotations

import structlog

from services.intake.domain.claims import judge_decision, judge_designation
from services.intake.service_layer.ports import IntakeUnitOfWork
from shared.events.schemas import ReviewStageDecided, ZoneDesignated
from shared.events.sender import Sender
from shared.programmes.loader import Catalogue, default_catalogue

log = structlog.get_logger()


async def handle_stage_decided(
    event: ReviewStageDecided, uow: IntakeUnitOfWork, catalogue: Catalogue
) -> None:
    """Record the decision; a failed review counts towards the programme's bar (a failure is an outcome
    whose defined effect is revise: the one that reaches the bar comes with effect reject)."""
    programme = catalogue.get(event.programme, event.programme_version)
    async with uow:
        app = await uow.applications.get(event.application_id, for_update=True)
        judge_decision(app, programme, event, Sender.of(uow.cause))  # by my record and the programme
        if app is None:
            log.warning("decision_for_unknown_application", application_id=event.application_id)
        else:
            app.record_decision(
                event.decided_at, event.decided_by, event.stage, event.outcome, event.effect,
                event.next_stage, event.opinion, event.revision_due_on,
            )  # fmt: skip
        failed = programme.is_failure(event.stage, event.outcome) if programme else event.effect == "revise"
        if failed:
            await uow.views.add_failed_review(
                event.task_id, event.application_id, event.programme, event.applicant.code,
                event.theme.strip(), event.stage, event.decided_at,
            )  # fmt: skip
            rule = programme.resubmission if programme else None
            if app is not None and rule is not None and rule.counts(event.stage):
                theme = event.theme.strip() if rule.bar == "theme" else None
                counts = await uow.views.failed_reviews(event.programme, event.applicant.code, theme)
                if counts.get(event.stage, 0) >= rule.max_failed_reviews:
                    app.bar(event.decided_at, event.stage, counts[event.stage])
                    log.info("application_barred", application_id=app.id, stage=event.stage)
        if app is not None:
            await uow.applications.save(app)
        await uow.commit()


async def handle_zone_designated(
    event: ZoneDesignated, uow: IntakeUnitOfWork, catalogue: Catalogue | None = None
) -> None:
    """Record the designation in intake's view (for exclusions) and on the application, if it is ours."""
    programme = (catalogue or default_catalogue()).get(event.programme, event.programme_version)
    async with uow:
        app = await uow.applications.get(event.application_id, for_update=True)
        judge_designation(app, programme, event, Sender.of(uow.cause))
        await uow.views.add_designation(
            event.zone_id, event.programme, event.applicant.code, event.application_id, event.designated_at
        )
        if app is not None:
            app.record_designation(event.designated_at, event.designated_by, event.document_no)
            await uow.applications.save(app)
        await uow.commit()
