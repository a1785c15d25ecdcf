"""What a running service exports and logs, and what deploy/observability/ asks of it.

A review instance runs in-process (its lifespan: migrations, broker, consumer, relay) and answers a
few requests; then: each request has one JSON access line (route template, status, duration; no
query string, no Authorization), every log line is JSON with timestamp and level (Alembic's too), the
HTTP, process and build metrics are exported, and every alert rule and dashboard query names only
metrics and labels that registry exports (`promtool check rules` too, when installed)."""

from __future__ import annotations

import contextlib
import io
import json
import logging
import shutil
import subprocess
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
import yaml

from console.local.broker import EmbeddedBroker
from services.review.bootstrap import create_app
from shared.db.engine import with_database
from shared.runtime.metrics import REGISTRY
from shared.settings import Settings
from tests.ops.promql import exported, references
from tests.ops.test_deploy import DEPLOY
from tests.support.postgres import drop_database

pytestmark = [pytest.mark.e2e, pytest.mark.integration]
OBSERVABILITY = DEPLOY / "observability"
SECRET_QUERY, SECRET_TOKEN = "q-s3cret-in-query", "tok-s3cret-in-header"
TARGET_LABELS = {"job", "instance"}  # Prometheus adds them to every scraped series
SYNTHETIC = {"up"}  # series Prometheus itself writes per target


@dataclass
class Run:
    log: str
    metrics: str
    exported: dict[str, set[str]]


@pytest.fixture(scope="module")
async def run(broker: EmbeddedBroker, pg_server: str) -> AsyncIterator[Run]:
    database = with_database(pg_server, f"ops_obs_{uuid.uuid4().hex[:10]}")
    settings = Settings(
        service="review", jurisdiction="230100", database_url=database, auth_required=False,
        kafka_bootstrap_servers=broker.bootstrap, unsigned_events=True, log_level="INFO",
    )  # fmt: skip
    app = create_app(settings)
    root, stream = logging.getLogger(), io.StringIO()
    handlers, level = root.handlers[:], root.level
    try:
        with contextlib.redirect_stderr(stream):
            async with app.router.lifespan_context(app):
                transport = httpx.ASGITransport(app=app)
                async with httpx.AsyncClient(transport=transport, base_url="http://svc") as client:
                    headers = {"Authorization": f"Bearer {SECRET_TOKEN}"}
                    await client.get(f"/tasks/{uuid.uuid4()}?access_token={SECRET_QUERY}", headers=headers)
                    await client.get("/no/such/path")
                    assert (await client.get("/readyz")).status_code == 200
                    metrics = (await client.get("/metrics")).text
        yield Run(stream.getvalue(), metrics, exported(REGISTRY))
    finally:
        root.handlers[:], root.level = handlers, level
        await drop_database(database)


def test_one_access_line_per_request_without_secrets(run: Run) -> None:
    lines = [json.loads(x) for x in run.log.splitlines() if x.strip()]
    access = [x for x in lines if x["event"] == "http_request"]
    task = [x for x in access if x["route"] == "/tasks/{task_id}"]
    assert len(task) == 1 and task[0]["method"] == "GET" and task[0]["status"] in (401, 404), access
    assert isinstance(task[0]["duration_ms"], float) and task[0]["correlation_id"]
    assert [x["route"] for x in access if x["status"] == 404 and x is not task[0]] == ["unmatched"]
    assert SECRET_QUERY not in run.log and SECRET_TOKEN not in run.log and "Bearer" not in run.log


def test_every_log_line_is_json_with_time_and_level_libraries_too(run: Run) -> None:
    lines = [json.loads(x) for x in run.log.splitlines() if x.strip()]  # a plain line fails here
    assert all(x.get("timestamp") and x.get("level") for x in lines)
    loggers = {x.get("logger", "") for x in lines}
    assert any(name.startswith("alembic") for name in loggers), loggers  # the migrations ran at start
    assert len(lines) >= 6, len(lines)


def test_http_process_and_build_metrics_are_exported(run: Run) -> None:
    assert 'zones_http_requests_total{method="GET",route="/tasks/{task_id}",status=' in run.metrics
    assert (
        'zones_http_request_duration_seconds_bucket{le="0.005",method="GET",route="unmatched"' in run.metrics
    )
    assert 'zones_build_info{commit="' in run.metrics and ',python="3.' in run.metrics
    for name in ("process_resident_memory_bytes", "process_cpu_seconds_total", "python_info"):
        assert f"\n{name}" in run.metrics, name


def unknown(expr: str, names: dict[str, set[str]]) -> list[str]:
    metrics, labels = references(expr)
    wrong = sorted(m for m in metrics - SYNTHETIC if m not in names)
    if wrong:
        return wrong
    known = set().union(*(names.get(m, set()) for m in metrics)) | TARGET_LABELS
    return wrong + sorted(f"label {lb}" for lb in labels - known)


def test_every_alert_rule_names_exported_metrics(run: Run) -> None:
    path = OBSERVABILITY / "alerts.yaml"
    promtool = shutil.which("promtool")
    if promtool:
        check = subprocess.run([promtool, "check", "rules", str(path)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
    rules = [r for g in yaml.safe_load(path.read_text(encoding="utf-8"))["groups"] for r in g["rules"]]
    assert {r["alert"] for r in rules} and all(r.get("expr") and r.get("labels") for r in rules)
    wrong = {r["alert"]: unknown(r["expr"], run.exported) for r in rules}
    assert {k: v for k, v in wrong.items() if v} == {}
    assert len(rules) == 14 and len({r["alert"] for r in rules}) == 14


def test_every_dashboard_query_names_exported_metrics(run: Run) -> None:
    dashboard = json.loads((OBSERVABILITY / "dashboard.json").read_text(encoding="utf-8"))
    targets = [(p["title"], t["expr"]) for p in dashboard["panels"] for t in p["targets"]]
    wrong = {f"{title}: {expr}": unknown(expr, run.exported) for title, expr in targets}
    assert {k: v for k, v in wrong.items() if v} == {}
    assert (len(dashboard["panels"]), len(targets)) == (16, 19)
    for metric in ("zones_events_handled_total", "zones_dead_letters_total", "zones_consumer_lag",
                   "zones_outbox_backlog", "process_resident_memory_bytes",
                   "zones_http_request_duration_seconds_bucket"):  # fmt: skip
        assert any(metric in expr for _, expr in targets), metric


def test_the_checker_sees_a_wrong_name_and_a_wrong_label(run: Run) -> None:
    assert unknown("sum by (consumer) (zones_consumer_lagg)", run.exported) == ["zones_consumer_lagg"]
    assert unknown("sum by (tenant) (zones_consumer_lag)", run.exported) == ["label tenant"]
    assert unknown('zones_ready{check="database"}', run.exported) == []
