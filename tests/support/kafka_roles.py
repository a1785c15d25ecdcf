"""What each service's code says it reads and writes on Kafka, for the federation configuration tests."""

from __future__ import annotations

from typing import Any, cast

import shared.events.schemas  # noqa: F401  (registers every event type)
from services.intake.entrypoints.consumers import intake_consumer
from services.monitoring.entrypoints.consumers import monitoring_consumer
from services.notify.entrypoints.consumers import notify_consumer
from services.review.entrypoints.consumers import review_consumer
from shared.events.registry import EVENT_TYPES
from shared.events.topics import DEAD_LETTER
from shared.messaging.consumer import EventConsumer
from shared.security.policy import RULES
from shared.settings import Settings

SERVICES = ("intake", "review", "monitoring", "notify")
NONE: Any = None  # the consumers' database, catalogue and renderer: not used to read their topics


def consumer_of(service: str, jurisdiction: str) -> EventConsumer[Any]:
    """The consumer the service's entrypoint builds for that instance (not started)."""
    settings = Settings(service=service, jurisdiction=jurisdiction)
    if service == "intake":
        return cast(EventConsumer[Any], intake_consumer(settings, NONE, NONE))
    if service == "review":
        return cast(EventConsumer[Any], review_consumer(settings, NONE, NONE))
    if service == "monitoring":
        return cast(EventConsumer[Any], monitoring_consumer(settings, NONE))
    return cast(EventConsumer[Any], notify_consumer(settings, NONE, NONE, NONE))


def published_by(service: str) -> set[str]:
    """Topics of the event types `service` has the authority to emit (what its outbox relay publishes),
    plus the dead-letter topic every consumer writes to."""
    return {cls.topic for t, cls in EVENT_TYPES.items() if RULES[t].service == service} | {DEAD_LETTER}


def read_somewhere() -> set[str]:
    """Every topic some service's consumer subscribes to."""
    return {t for s in SERVICES for t in consumer_of(s, "370000").topics}
