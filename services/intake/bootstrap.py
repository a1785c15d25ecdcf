"""Wiring: settings → runtime (engine, broker, relay) → unit of work → consumers and routes."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from services.intake.entrypoints.api import router
from services.intake.entrypoints.consumers import intake_consumer
from services.intake.entrypoints.recommendation_api import router as recommendation_router
from services.intake.service_layer.unit_of_work import IntakeUnitOfWork
from shared.events.envelope import Envelope
from shared.http.audit_routes import router as audit_router
from shared.programmes.loader import default_catalogue
from shared.runtime.service import ServiceRuntime, build_app
from shared.settings import Settings

MIGRATIONS = Path(__file__).parent / "migrations"


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings(service="intake")
    runtime = ServiceRuntime(settings, MIGRATIONS)

    def uow_factory(cause: Envelope | None = None, correlation_id: str | None = None) -> IntakeUnitOfWork:
        return IntakeUnitOfWork(
            runtime.sessions,
            source=settings.source,
            clock=runtime.clock,
            cause=cause,
            correlation_id=correlation_id,
        )

    catalogue = default_catalogue()
    runtime.add_consumer(intake_consumer(settings, uow_factory, catalogue))
    app = build_app(runtime, "zones intake 申报受理", [router, audit_router, recommendation_router])
    app.state.uow_factory = uow_factory
    app.state.catalogue = catalogue
    return app
