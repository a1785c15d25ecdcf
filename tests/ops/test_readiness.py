"""/readyz is the HTTP side only: it goes false when the database goes away and stays true through a
Kafka outage, which /healthz/consumers and the consumer gauges report instead; /metrics answers in
the Prometheus format."""

from __future__ import annotations

import json

import httpx
import pytest
from sqlalchemy.engine import make_url

from console.local.broker import EmbeddedBroker
from tests.ops.conftest import Procs, wait_assigned, wait_status
from tests.ops.proxy import CuttableProxy

pytestmark = [pytest.mark.e2e, pytest.mark.integration]
PORT, PG_PROXY_PORT = 9701, 9702


async def test_readiness_follows_the_database_and_consumer_health_the_broker(
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
        assert body["database"] and body["migrations"] and body["running"]
        assert "broker" not in body and "consumers" not in body  # not the HTTP side's business
        consumers = await wait_assigned(url)
        assert consumers["broker"] is True and len(consumers["consumers"]) == 1, consumers  # type: ignore[arg-type]

        proxy.cut()
        down = await wait_status(f"{url}/readyz", 503, within_s=15)
        assert down["database"] is False
        assert (await httpx.AsyncClient().get(f"{url}/healthz")).status_code == 200
        proxy.restore()
        await wait_status(f"{url}/readyz", 200, within_s=20)

        broker.pause()
        try:
            out = await wait_status(f"{url}/healthz/consumers", 503, within_s=15)
            assert out["broker"] is False
            async with httpx.AsyncClient(timeout=10) as client:  # the API stays in service
                during = await client.get(f"{url}/readyz")
                assert during.status_code == 200, during.text
        finally:
            broker.resume()
        await wait_status(f"{url}/healthz/consumers", 200, within_s=30)
        await wait_status(f"{url}/readyz", 200)

        async with httpx.AsyncClient() as client:
            metrics = (await client.get(f"{url}/metrics")).text
        names = ("zones_outbox_backlog", "zones_outbox_oldest_age_seconds", "zones_ready",
                 "zones_consumer_up", "zones_consumer_assigned_partitions")  # fmt: skip
        assert [n for n in names if f"\n{n}" not in metrics] == []
        # `zones serve`'s whole output, uvicorn's and Alembic's lines included, is JSON lines
        lines = [json.loads(x) for x in procs.log("review-ready").read_text().splitlines() if x.strip()]
        assert all(x["timestamp"] and x["level"] for x in lines)
        loggers = {x.get("logger", "").split(".")[0] for x in lines}
        assert {"uvicorn", "alembic"} <= loggers, loggers
    finally:
        procs.stop_all()
        proxy.close()
