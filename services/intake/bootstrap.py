"""Wiring: settings → runtime (engine, broker, relay) → unit of work → consumers and routes."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from services.intake.domain.attachment import AttachmentLimits
from services.intake.entrypoints.api import router
from services.intake.entrypoints.attachment_api import router as attachment_router
from services.intake.entrypoints.consumers import intake_consumer
from services.intake.entrypoints.recommendation_api import router as recommendation_router
from services.intake.entrypoints.register_api import router as register_router
from services.intake.entrypoints.upload_limit import ENVELOPE
from services.intake.service_layer.unit_of_work import SqlIntakeUnitOfWork
from services.intake.settings import IntakeSettings
from shared.db.unit_of_work import unit_of_work_factory
from shared.http.audit_routes import router as audit_router
from shared.programmes.loader import default_catalogue
from shared.runtime.service import ServiceRuntime, build_app
from shared.settings import Settings, settings_as

MIGRATIONS = Path(__file__).parent / "migrations"


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings_as(IntakeSettings, settings, service="intake")
    runtime = ServiceRuntime(settings, MIGRATIONS)

    uow_factory = unit_of_work_factory(
        SqlIntakeUnitOfWork, runtime.sessions, source=settings.source, clock=runtime.clock
    )

    catalogue = default_catalogue()
    runtime.add_consumer(intake_consumer(settings, uow_factory, catalogue))
    routers = [router, attachment_router, audit_router, recommendation_router, register_router]
    upload_max = settings.intake_attachment_max_bytes + ENVELOPE  # the file and its multipart envelope
    app = build_app(runtime, "zones intake 申报受理", routers, upload_max)
    app.state.attachment_limits = AttachmentLimits(
        settings.intake_attachments_max, settings.intake_attachment_max_bytes
    )
    app.state.uow_factory = uow_factory
    app.state.catalogue = catalogue
    app.state.territory = settings.territory  # the applicants this instance takes (api.ensure_mine)
    app.state.instance = settings.instance
    return app
