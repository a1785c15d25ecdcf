"""Wiring: settings → runtime (engine, broker, relay) → unit of work → consumer, sender, digests, routes."""

from __future__ import annotations

import asyncio
from pathlib import Path

from fastapi import FastAPI

from services.notify.adapters.mailer import SmtpMailer
from services.notify.adapters.templates import TemplateRenderer
from services.notify.adapters.webhook import HttpWebhookPoster
from services.notify.domain.delivery import RetryPolicy
from services.notify.entrypoints.api import router
from services.notify.entrypoints.consumers import notify_consumer
from services.notify.entrypoints.jobs import digest_job, sender_job
from services.notify.entrypoints.subscriber_api import router as subscriber_router
from services.notify.service_layer.sending import Senders
from services.notify.service_layer.unit_of_work import SqlNotifyUnitOfWork
from services.notify.settings import NotifySettings
from shared.db.unit_of_work import unit_of_work_factory
from shared.programmes.loader import default_catalogue
from shared.runtime.service import ServiceRuntime, build_app
from shared.settings import Settings, settings_as

MIGRATIONS = Path(__file__).parent / "migrations"


def mailer_from(settings: NotifySettings) -> SmtpMailer:
    return SmtpMailer(
        host=settings.smtp_host,
        port=settings.smtp_port,
        sender=settings.smtp_from,
        username=settings.smtp_username,
        password=settings.smtp_password,
        starttls=settings.smtp_starttls,
        timeout=settings.smtp_timeout_s,
    )


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings_as(NotifySettings, settings, service="notify")
    runtime = ServiceRuntime(settings, MIGRATIONS)
    renderer = TemplateRenderer()
    wake = asyncio.Event()  # set by a commit that leaves an email or a webhook to send

    uow_factory = unit_of_work_factory(
        SqlNotifyUnitOfWork,
        runtime.sessions,
        source=settings.source,
        clock=runtime.clock,
        on_pending=wake.set,
    )

    runtime.add_consumer(notify_consumer(settings, uow_factory, renderer, default_catalogue()))
    policy = RetryPolicy(settings.delivery_max_attempts, settings.delivery_backoff_ms)
    senders = Senders(mailer_from(settings), renderer, HttpWebhookPoster(settings.webhook_timeout_s))
    runtime.background.append(sender_job(uow_factory, senders, policy, wake))
    runtime.background.append(digest_job(uow_factory, renderer, settings.digest_hour, settings.digest_poll_s))
    app = build_app(runtime, "zones notify 通知", [router, subscriber_router])
    app.state.uow_factory = uow_factory
    return app
