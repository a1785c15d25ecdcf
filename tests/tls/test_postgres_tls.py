"""PostgreSQL over TLS from DATABASE_URL, for real: `?sslmode=verify-full&sslrootcert=…` on every
connection path — database creation, Alembic, the pool a unit of work uses, and the relay's LISTEN
connection — against a server whose certificate is made here. Another root certificate is refused.

The embedded PostgreSQL wheel is built without OpenSSL ("SSL is not supported by this build"), so
stunnel terminates TLS in front of it, answering PostgreSQL's own SSLRequest negotiation
(`protocol = pgsql`): the client side — what this project controls — runs exactly as against a
server with `ssl=on`.
"""

from __future__ import annotations

import asyncio
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from console.local.postgres import EmbeddedPostgres
from services.intake.service_layer import handlers
from services.intake.service_layer.unit_of_work import SqlIntakeUnitOfWork
from services.intake.tests.integration.test_submit import shandong
from shared.clock import FixedClock
from shared.db.engine import asyncpg_dsn, ensure_database, make_engine, session_factory
from shared.db.migrations import upgrade
from shared.messaging.relay import OutboxRelay
from shared.programmes.loader import default_catalogue
from tests.support.certs import TestCA
from tests.support.stunnel import Stunnel, stunnel_binary

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        stunnel_binary() is None, reason="stunnel is not installed (Debian: apt-get install -y stunnel4)"
    ),
]
ROOT = Path(__file__).resolve().parents[2]
PG_PORT = 55695
MIGRATIONS = ROOT / "services" / "intake" / "migrations"
IN_WINDOW = datetime(2027, 5, 10, 2, 0, tzinfo=UTC)  # inside Shandong's submission window


@dataclass
class TlsServer:
    port: int
    ca: Path
    other_ca: Path

    def url(self, database: str, query: str) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/{database}?{query}"


@pytest.fixture(scope="module")
def tls_postgres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TlsServer]:
    work = tmp_path_factory.mktemp("postgres-tls")
    ca, other = TestCA(work / "ca"), TestCA(work / "other", "other")
    server = ca.issue("server", ["127.0.0.1"])
    data = ROOT / ".zones" / "tls-postgres"
    EmbeddedPostgres(data, port=PG_PORT).stop()
    shutil.rmtree(data, ignore_errors=True)  # each run from an empty server
    pg = EmbeddedPostgres(data, port=PG_PORT, fsync=False)
    pg.start()
    tunnel = Stunnel(work / "stunnel", server, PG_PORT, protocol="pgsql")
    tunnel.start()
    try:
        yield TlsServer(tunnel.port, ca.files.cert, other.files.cert)
    finally:
        tunnel.stop()
        pg.stop()


async def on_tls(conn: AsyncConnection) -> bool:
    """The asyncpg connection under `conn` runs over TLS."""
    raw = await conn.get_raw_connection()
    return raw.driver_connection._transport.get_extra_info("ssl_object") is not None  # type: ignore[union-attr]


async def test_every_connection_path_verifies_the_server(tls_postgres: TlsServer) -> None:
    name = f"zones_intake_tls_{uuid.uuid4().hex[:8]}"
    url = tls_postgres.url(name, f"sslmode=verify-full&sslrootcert={tls_postgres.ca}")
    await ensure_database(url)  # asyncpg.connect to the server's `postgres` database
    await asyncio.to_thread(upgrade, MIGRATIONS, url)  # Alembic
    engine = make_engine(url, pool_size=2)
    try:
        async with engine.connect() as conn:
            assert await on_tls(conn)
            assert (await conn.execute(text("SELECT 1"))).scalar_one() == 1
        sessions = session_factory(engine)
        uow = SqlIntakeUnitOfWork(
            sessions, source="/jurisdictions/370000/intake", clock=FixedClock(IN_WINDOW)
        )
        app = await handlers.handle_submit_application(shandong(), uow, default_catalogue())  # a unit of work
        published: list[str] = []
        done = asyncio.Event()

        async def publish(topic: str, key: bytes, value: bytes, headers: dict[str, str]) -> Any:
            published.append(key.decode())
            done.set()
            return asyncio.sleep(0)

        relay = OutboxRelay(asyncpg_dsn(url), publish, poll_interval=0.2)  # its LISTEN connection
        task = asyncio.create_task(relay.run())
        await asyncio.wait_for(done.wait(), 60)
        relay.stop()
        await asyncio.wait_for(task, 30)
        assert published == [app.id]
    finally:
        await engine.dispose()


async def test_ssl_require_reaches_every_path_as_a_mode(tls_postgres: TlsServer) -> None:
    """`?ssl=require` (SQLAlchemy's spelling) is a TLS mode everywhere, not a server run-time setting."""
    url = tls_postgres.url(f"zones_intake_tls_{uuid.uuid4().hex[:8]}", "ssl=require")
    await ensure_database(url)
    await asyncio.to_thread(upgrade, MIGRATIONS, url)
    engine = make_engine(url, pool_size=1)
    try:
        async with engine.connect() as conn:
            assert await on_tls(conn)
    finally:
        await engine.dispose()


async def test_another_root_certificate_is_refused_on_every_path(tls_postgres: TlsServer) -> None:
    url = tls_postgres.url("postgres", f"sslmode=verify-full&sslrootcert={tls_postgres.other_ca}")
    with pytest.raises(Exception, match="certificate verify failed"):
        await ensure_database(url)
    with pytest.raises(Exception, match="certificate verify failed"):
        await asyncio.to_thread(upgrade, MIGRATIONS, url)
    engine = make_engine(url, pool_size=1)
    try:
        with pytest.raises(Exception, match="certificate verify failed"):
            async with engine.connect():
                pass
    finally:
        await engine.dispose()
    relay = OutboxRelay(asyncpg_dsn(url), lambda *_: asyncio.sleep(0))
    with pytest.raises(Exception, match="certificate verify failed"):
        await relay._run_once()
