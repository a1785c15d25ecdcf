"""Engines and databases.

Every connection, pooled or not, is opened by asyncpg from the libpq-style DSN `asyncpg_dsn` gives,
so `DATABASE_URL`'s `?sslmode=disable|prefer|require|verify-ca|verify-full`, `sslrootcert=`,
`sslcert=`, `sslkey=` (libpq's names; `ssl=` is taken as `sslmode=`) mean the same on every path:
the pool, migrations, the relay's LISTEN connection and database creation.
"""

from __future__ import annotations

from typing import Any

import asyncpg
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine


def make_engine(database_url: str, pool_size: int = 10, **options: Any) -> AsyncEngine:
    """An async engine over asyncpg for a SQLAlchemy URL (`options`: e.g. poolclass=NullPool).

    No pre-ping (a round trip per checkout): a dropped connection surfaces as a transient error,
    which consumers retry and HTTP callers see as 503-style failures.
    """
    dsn = asyncpg_dsn(database_url)

    async def connect() -> asyncpg.Connection:
        return await asyncpg.connect(dsn)

    sizing = {} if "poolclass" in options else {"pool_size": pool_size, "max_overflow": 5}
    return create_async_engine(database_url, async_creator=connect, **sizing, **options)


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)


def asyncpg_dsn(database_url: str) -> str:
    """The plain libpq-style DSN asyncpg takes, from a SQLAlchemy URL (`ssl=` renamed `sslmode=`:
    asyncpg would send an unknown DSN parameter to the server as a run-time setting)."""
    url = make_url(database_url)
    query = dict(url.query)
    if "ssl" in query:
        mode = query.pop("ssl")
        query.setdefault("sslmode", mode)
    return url.set(drivername="postgresql", query=query).render_as_string(hide_password=False)


def with_database(database_url: str, database: str) -> str:
    """The same server URL, another database."""
    return make_url(database_url).set(database=database).render_as_string(hide_password=False)


async def ensure_database(database_url: str) -> bool:
    """Create the URL's database on its server if missing; True when it was created."""
    url = make_url(database_url)
    name = url.database
    admin = asyncpg_dsn(url.set(database="postgres").render_as_string(hide_password=False))
    conn = await asyncpg.connect(admin)
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if exists:
            return False
        try:
            await conn.execute(f'CREATE DATABASE "{name}"')
        except (asyncpg.DuplicateDatabaseError, asyncpg.UniqueViolationError):
            return False  # another process of the same instance created it a moment ago
        return True
    finally:
        await conn.close()
