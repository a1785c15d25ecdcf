"""/readyz goes false when the database or the broker goes away, and true again when back;
/metrics answers in the Prometheus format."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy.engine import make_url

from console.local.broker import EmbeddedBroker
from tests.ops.conftest import Procs, wait_status
from tests.ops.proxy import CuttableProxy

pytestmark = [pytest.mark.e2e, pytest.mark.integration]
PORT, PG_PROXY_PORT = 9701, 9702


async def test_readiness_follows_database_and_broker(
    broker: EmbeddedBroker, database: str, procs: Procs
) -> None:
    real = make_url(database)
    proxy = CuttableProxy(PG_PROXY_PORT, (real.host or "127.0.0.1", real.port or 5432))
    via_proxy = real.set(host="127.0.0.1", port=PG_PROXY_PORT).render_as_string(hide_password=False)
    url = f"http://127.0.0.1:{PORT}"
    try:
        env = {"DATABASE_URL": via_proxy, "KAFKA_BOOTSTRAP_SERVERS": broker.bootstrap}
        procs.start("review-ready", "review", "220100", PORT, env)  # a group of its own (see conftest)
        body = await wait_status(f"{url}/readyz", 200)
        assert body["database"] and body["broker"] and body["migrations"] and body["consumers"]

        proxy.cut()
        down = await wait_status(f"{url}/readyz", 503, within_s=15)
        assert down["database"] is False and down["broker"] is True
        assert (await httpx.AsyncClient().get(f"{url}/healthz")).status_code == 200
        proxy.restore()
        await wait_status(f"{url}/readyz", 200, within_s=20)

        broker.pause()
        try:
            down = await wait_status(f"{url}/readyz", 503, within_s=15)
            assert down["broker"] is False and down["database"] is True
        finally:
            broker.resume()
        await wait_status(f"{url}/readyz", 200, within_s=30)

        async with httpx.AsyncClient() as client:
            metrics = (await client.get(f"{url}/metrics")).text
        for name in ("zones_outbox_backlog", "zones_outbox_oldest_age_seconds", "zones_ready"):
            assert name in metrics
    finally:
        procs.stop_all()
        proxy.close()
