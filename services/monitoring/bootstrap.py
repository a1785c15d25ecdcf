"""Wiring: settings → runtime (engine, broker, relay) → unit of work → consumers, scheduler, routes."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from services.monitoring.entrypoints.api import router
from services.monitoring.entrypoints.consumers import monitoring_consumer
from services.monitoring.entrypoints.jobs import dynamics_job
from services.monitoring.entrypoints.life_api import router as life_router
from services.monitoring.entrypoints.supervision_api import router as supervision_router
from services.monitoring.service_layer import dynamics
from services.monitoring.service_layer.unit_of_work import SqlMonitoringUnitOfWork
from services.monitoring.settings import MonitoringSettings
from shared.db.unit_of_work import unit_of_work_factory
from shared.http.audit_routes import router as audit_router
from shared.runtime.service import ServiceRuntime, build_app
from shared.settings import Settings, settings_as

MIGRATIONS = Path(__file__).parent / "migrations"


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings_as(MonitoringSettings, settings, service="monitoring")
    runtime = ServiceRuntime(settings, MIGRATIONS)

    uow_factory = unit_of_work_factory(
        SqlMonitoringUnitOfWork, runtime.sessions, source=settings.source, clock=runtime.clock
    )

    runtime.add_consumer(monitoring_consumer(settings, uow_factory, settings.unit_horizon_years))
    policy = dynamics.Settings(
        tuple(settings.reminder_days),
        settings.revoke_after_warnings,
        settings.long_overdue_days,
        settings.territory,  # the jobs fire only for the zones this instance keeps
    )
    runtime.background.append(dynamics_job(uow_factory, policy, settings.dynamics_poll_s))
    app = build_app(
        runtime, "zones monitoring 实验区监测", [router, life_router, supervision_router, audit_router]
    )
    app.state.uow_factory = uow_factory
    return app
