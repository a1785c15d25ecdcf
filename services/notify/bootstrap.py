"""Wiring: settings → runtime (engine, broker, relay) → unit of work → consumer, sender, digests, routes."""

from __future__ import annotations

import asyncio
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI

from services.notify.adapters.mailer import SmtpMailer
from services.notify.adapters.templates import TemplateRenderer
from services.notify.adapters.webhook import HttpWebhookPoster, TargetGuard
from services.notify.domain.delivery import RetryPolicy
from services.notify.domain.webhook_target import TargetRules
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


def own_endpoints(settings: NotifySettings) -> list[tuple[str, int]]:
    """The deployment's own servers (database, broker, mail server) as (host, port): no webhook's target."""
    db = urlsplit(settings.database_url)
    brokers = [b.strip().rpartition(":") for b in settings.kafka_bootstrap_servers.split(",") if b.strip()]
    found = [(db.hostname or "", db.port or 5432), (settings.smtp_host, settings.smtp_port)]
    found += [(host or port, int(port) if host and port.isdigit() else 9092) for host, _, port in brokers]
    return [(host, port) for host, port in found if host]


def webhook_guard(settings: NotifySettings) -> TargetGuard:
    own = own_endpoints(settings)
    return TargetGuard(TargetRules.of(settings.webhook_allow, [h for h, _ in own]), own)


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
    guard = webhook_guard(settings)
    senders = Senders(mailer_from(settings), renderer, HttpWebhookPoster(guard, settings.webhook_timeout_s))
    runtime.background.append(sender_job(uow_factory, senders, policy, wake))
    runtime.background.append(digest_job(uow_factory, renderer, settings.digest_hour, settings.digest_poll_s))
    app = build_app(runtime, "zones notify 通知", [router, subscriber_router])
    app.state.uow_factory = uow_factory
    app.state.webhook_guard = guard
    app.state.territory = settings.territory  # whose people it tells (access.ensure_own_people)
    app.state.instance = settings.instance
    return app
