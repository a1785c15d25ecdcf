"""The routes an operator's tooling calls on every service: /healthz, /readyz, /metrics."""

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
        """200 when it can do its work: database reachable, broker reachable, migrations current,
        every consumer holding partitions, not stopping; 503 (with each check) otherwise."""
        checks = await runtime.readiness()
        for name, ok in checks.items():
            READY.labels(name).set(1 if ok else 0)
        ready = all(checks.values())
        body = {"ready": ready, "instance": s.instance, **checks}
        return JSONResponse(body, status_code=200 if ready else 503)

    @app.get("/metrics", tags=["ops"], include_in_schema=False)
    async def metrics() -> Response:
        """Prometheus text format; state gauges (outbox backlog, lag) are measured now."""
        await readiness.measure(runtime.engine, runtime.consumers, s.readiness_timeout_s)
        return Response(exposition(), media_type=CONTENT_TYPE_LATEST)
