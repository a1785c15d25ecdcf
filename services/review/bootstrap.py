"""Wiring: settings → runtime (engine, broker, relay) → unit of work → consumers and routes."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from services.review.entrypoints.api import router
from services.review.entrypoints.api_formal_submission import router as form_router
from services.review.entrypoints.api_recommendations import router as recommendation_router
from services.review.entrypoints.api_selection import router as selection_router
from services.review.entrypoints.api_work import router as work_router
from services.review.entrypoints.consumers import review_consumer
from services.review.entrypoints.jobs import alert_job
from services.review.service_layer.unit_of_work import SqlReviewUnitOfWork
from services.review.settings import ReviewSettings
from shared import jurisdictions as j
from shared.db.unit_of_work import unit_of_work_factory
from shared.http.audit_routes import router as audit_router
from shared.programmes.loader import default_catalogue
from shared.runtime.service import ServiceRuntime, build_app
from shared.settings import Settings, settings_as

MIGRATIONS = Path(__file__).parent / "migrations"


def create_app(settings: Settings | None = None) -> FastAPI:
    """One review instance: the jurisdiction in `settings.jurisdiction`, its own database and group."""
    settings = settings_as(ReviewSettings, settings, service="review")
    j.validate(settings.jurisdiction)
    runtime = ServiceRuntime(settings, MIGRATIONS)
    catalogue = default_catalogue()

    uow_factory = unit_of_work_factory(
        SqlReviewUnitOfWork, runtime.sessions, source=settings.source, clock=runtime.clock
    )

    runtime.add_consumer(review_consumer(settings, uow_factory, catalogue, settings.review_request_due_days))
    runtime.background.append(
        alert_job(uow_factory, catalogue, settings.review_due_soon_days, settings.review_alert_poll_s)
    )
    title = f"zones review 审核 ({j.name(settings.jurisdiction)} {settings.jurisdiction})"
    app = build_app(
        runtime,
        title,
        [router, work_router, selection_router, recommendation_router, form_router, audit_router],
    )
    app.state.uow_factory = uow_factory
    app.state.catalogue = catalogue
    app.state.jurisdiction = settings.jurisdiction
    return app
