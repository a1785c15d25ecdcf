"""The routes an operator's tooling calls on every service: /healthz, /readyz, /healthz/consumers,
/metrics."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST

from shared.runtime import readiness
from shared.runtime.metrics import READY, exposition

if TYPE_CHECKING:
    from shared.runtime.service import ServiceRuntime


def install_ops_routes(app: FastAPI, runtime: ServiceRuntime) -> None:
    s = runtime.settings

    @app.get("/healthz", tags=["ops"])
    async def healthz() -> dict[str, str]:
        """The process is alive (answers even when its database or broker is down)."""
        return {"status": "ok", "instance": s.instance}

    @app.get("/readyz", tags=["ops"])
    async def readyz() -> Any:
        """200 when the HTTP API can serve: database reachable, migrations current, not stopping; 503
        (with each check) otherwise. Kafka and consumers are not part of it (see /healthz/consumers):
        a rebalance or a broker outage does not take the API out of service."""
        checks = await runtime.readiness()
        for name, ok in checks.items():
            READY.labels(name).set(1 if ok else 0)
        ready = all(checks.values())
        body = {"ready": ready, "instance": s.instance, **checks}
        return JSONResponse(body, status_code=200 if ready else 503)

    @app.get("/healthz/consumers", tags=["ops"])
    async def consumers() -> Any:
        """200 when the broker answers and every consumer runs in its group, 503 otherwise; each
        consumer's partitions (0 is normal for a replica beyond the partition count)."""
        health = await runtime.consumer_health()
        body = {"instance": s.instance, **health}
        return JSONResponse(body, status_code=200 if health["healthy"] else 503)

    @app.get("/metrics", tags=["ops"], include_in_schema=False)
    async def metrics() -> Response:
        """Prometheus text format; state gauges (outbox backlog, consumers, lag) are measured now."""
        await readiness.measure(runtime.engine, runtime.consumers, s.readiness_timeout_s)
        return Response(exposition(), media_type=CONTENT_TYPE_LATEST)
