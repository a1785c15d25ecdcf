"""Prometheus metrics of one service process, all in one registry (served at `/metrics`).

Counters and the latency histogram are updated where things happen (the consumer, the relay);
gauges that describe a state (outbox backlog, consumer lag) are measured when scraped.
`NOTIFICATIONS` is for the notify service: `NOTIFICATIONS.labels(channel="email", outcome="sent").inc()`.
"""

from __future__ import annotations

import platform

from prometheus_client import (
    GC_COLLECTOR,
    PLATFORM_COLLECTOR,
    PROCESS_COLLECTOR,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

from shared.runtime.build import commit, version

REGISTRY = CollectorRegistry()
# The process's CPU, memory, open files, start time; the interpreter's version and GC (process_*, python_*).
for _collector in (PROCESS_COLLECTOR, PLATFORM_COLLECTOR, GC_COLLECTOR):
    REGISTRY.register(_collector)

BUILD_INFO = Gauge(
    "zones_build_info",
    "Always 1; what runs: the package version, the git commit (when the image was built with one), Python.",
    ["version", "commit", "python"],
    registry=REGISTRY,
)
BUILD_INFO.labels(version(), commit(), platform.python_version()).set(1)
HTTP_REQUESTS = Counter(
    "zones_http_requests",
    "HTTP requests answered, by method, route template (not the raw path) and status code.",
    ["method", "route", "status"],
    registry=REGISTRY,
)
HTTP_SECONDS = Histogram(
    "zones_http_request_duration_seconds",
    "Time from a request's arrival to the end of its response, by method, route template and status.",
    ["method", "route", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
    registry=REGISTRY,
)

EVENTS_HANDLED = Counter(
    "zones_events_handled",
    "Events a consumer applied (duplicates dropped by the inbox are not counted).",
    ["consumer", "type"],
    registry=REGISTRY,
)
EVENTS_FAILED = Counter(
    "zones_events_failed",
    "Failed attempts at handling an event (each retry counts; infrastructure errors included).",
    ["consumer", "type"],
    registry=REGISTRY,
)
HANDLER_SECONDS = Histogram(
    "zones_event_handler_seconds",
    "Time to apply one event: inbox claim, handler and commit.",
    ["consumer", "type"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0),
    registry=REGISTRY,
)
DEAD_LETTERS = Counter(
    "zones_dead_letters",
    "Records this process sent to the dead-letter topic.",
    ["consumer"],
    registry=REGISTRY,
)
OUTBOX_PUBLISHED = Counter(
    "zones_outbox_published", "Outbox rows this process's relay published.", registry=REGISTRY
)
OUTBOX_BACKLOG = Gauge("zones_outbox_backlog", "Outbox rows not yet published.", registry=REGISTRY)
OUTBOX_OLDEST_AGE = Gauge(
    "zones_outbox_oldest_age_seconds",
    "Age of the oldest unpublished outbox row (0 when none).",
    registry=REGISTRY,
)
CONSUMER_LAG = Gauge(
    "zones_consumer_lag",
    "Records not yet consumed: high-water mark minus position, per assigned partition.",
    ["consumer", "topic", "partition"],
    registry=REGISTRY,
)
CONSUMER_UP = Gauge(
    "zones_consumer_up",
    "1 while the consumer runs in its group (whether it holds partitions or stands by), else 0.",
    ["consumer"],
    registry=REGISTRY,
)
CONSUMER_ASSIGNED = Gauge(
    "zones_consumer_assigned_partitions",
    "Partitions this process's consumer holds now (0 for a replica beyond the partition count).",
    ["consumer"],
    registry=REGISTRY,
)
INSTANCE_INFO = Gauge(
    "zones_instance_info",
    "1 for the instance this process runs: its service, jurisdiction and instance name (the consumer group).",
    ["service", "jurisdiction", "instance"],
    registry=REGISTRY,
)
EVENTS_SKIPPED = Counter(
    "zones_events_skipped",
    "Events a consumer skipped unverified because they are not its instance's own (another territory).",
    ["consumer"],
    registry=REGISTRY,
)
READY = Gauge("zones_ready", "1 when /readyz answers ready, per check.", ["check"], registry=REGISTRY)
NOTIFICATIONS = Counter(
    "zones_notifications",
    "Notifications by channel (email, inbox, …) and outcome (sent, failed); incremented by notify.",
    ["channel", "outcome"],
    registry=REGISTRY,
)


def announce_instance(service: str, jurisdiction: str, instance: str) -> None:
    """`zones_instance_info{service,jurisdiction,instance} 1` for the instance this process runs."""
    INSTANCE_INFO.labels(service, jurisdiction, instance).set(1)


def exposition() -> bytes:
    """The registry in the Prometheus text format."""
    return generate_latest(REGISTRY)
