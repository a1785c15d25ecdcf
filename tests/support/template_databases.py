"""Migrated template databases: a service's migration chain runs once, its test databases are copies.

`CREATE DATABASE x TEMPLATE t` copies a database at file level, much faster than running the chain.
The template's name carries a hash of the service's migrations and of `shared/db` (the helpers
they call), so a changed migration builds a new template instead of copying a stale one, on the
embedded server and on a server the tests share (`ZONES_TEST_DATABASE_URL`) alike. A finished
template refuses connections, so nobody is connected to it when it is copied (PostgreSQL requires
that); builds hold an advisory lock, so concurrent sessions build each template once. Templates
no session has used for a day are dropped when a new one is built.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from pathlib import Path

import asyncpg

from shared.db.engine import asyncpg_dsn, with_database
from shared.db.migrations import upgrade

ROOT = Path(__file__).resolve().parents[2]
PREFIX = "zones_tpl"
TEMPLATE_LOCK = 7_200_002  # distinct from the services' migration lock
PRUNE_AFTER_SECONDS = 24 * 3600
_built: set[tuple[str, str]] = set()  # (server, template) this session knows to be finished


def template_name(migrations: Path) -> str:
    """`zones_tpl_<service>_<hash>`: changes whenever a migration or a shared helper does."""
    digest = hashlib.sha256()
    sources = {
        p.relative_to(migrations).as_posix(): p for p in migrations.rglob("*") if p.suffix in (".py", ".mako")
    }
    sources |= {p.relative_to(ROOT).as_posix(): p for p in (ROOT / "shared" / "db").glob("*.py")}
    for name in sorted(sources):
        digest.update(name.encode() + b"\0" + sources[name].read_bytes() + b"\0")
    return f"{PREFIX}_{migrations.parent.name}_{digest.hexdigest()[:12]}"


async def create_from_template(server_url: str, database: str, migrations: Path) -> None:
    """Create `database` as a copy of the service's template, building the template when missing."""
    for attempt in range(2):
        template = await ensure_template(server_url, migrations)
        conn = await asyncpg.connect(_admin(server_url))
        try:
            await conn.execute(f'CREATE DATABASE "{database}" TEMPLATE "{template}"')
            return
        except asyncpg.InvalidCatalogNameError:
            # Another session on the same server pruned it (its migrations differ): build it again.
            _built.discard((server_url, template))
            if attempt:
                raise
        finally:
            await conn.close()


async def ensure_template(server_url: str, migrations: Path) -> str:
    """The name of the service's template on this server, migrated to head; built if needed."""
    name = template_name(migrations)
    if (server_url, name) in _built:
        return name
    conn = await asyncpg.connect(_admin(server_url))
    try:
        await conn.execute("SELECT pg_advisory_lock($1)", TEMPLATE_LOCK)
        try:
            ready = await conn.fetchval("SELECT datistemplate FROM pg_database WHERE datname = $1", name)
            if not ready:
                await _build(conn, server_url, migrations, name)
            await conn.execute(f"COMMENT ON DATABASE \"{name}\" IS '{int(time.time())}'")  # last used
        finally:
            await conn.execute("SELECT pg_advisory_unlock($1)", TEMPLATE_LOCK)
    finally:
        await conn.close()
    _built.add((server_url, name))
    return name


async def _build(conn: asyncpg.Connection, server_url: str, migrations: Path, name: str) -> None:
    await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # a build cut short earlier
    await conn.execute(f'CREATE DATABASE "{name}"')
    await asyncio.to_thread(upgrade, migrations, with_database(server_url, name))
    await conn.execute(f'ALTER DATABASE "{name}" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false')
    await _prune(conn, keep=name)


async def _prune(conn: asyncpg.Connection, keep: str) -> None:
    """Drop templates no session has used for a day (their comment holds when one last did).

    Recently used ones stay even when their migrations differ from ours: another checkout may be
    testing with them on the same server right now.
    """
    rows = await conn.fetch(
        "SELECT datname, shobj_description(oid, 'pg_database') AS used FROM pg_database"
        " WHERE datistemplate AND datname LIKE $1",
        f"{PREFIX}_%",
    )
    for row in rows:
        if row["datname"] != keep and time.time() - _used_at(row["used"]) > PRUNE_AFTER_SECONDS:
            await conn.execute(f'ALTER DATABASE "{row["datname"]}" WITH IS_TEMPLATE false')
            await conn.execute(f'DROP DATABASE IF EXISTS "{row["datname"]}" WITH (FORCE)')


def _used_at(comment: str | None) -> int:
    return int(comment) if comment and comment.isdigit() else 0


def _admin(server_url: str) -> str:
    return asyncpg_dsn(with_database(server_url, "postgres"))
