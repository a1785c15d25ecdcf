"""`zones run --fresh`: the stack starts from empty state.

The stack's own databases are dropped (on the embedded server or on `DATABASE_URL`'s), and the mail
and logs of earlier runs removed. Tansu keeps its topics in memory, so every run starts with an empty
broker anyway; a broker named by `KAFKA_BOOTSTRAP_SERVERS` is not touched.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import asyncpg

from shared.db.engine import asyncpg_dsn, with_database


async def drop_databases(server_url: str, names: list[str]) -> list[str]:
    """Drop these databases (their connections closed first); the names that existed."""
    conn = await asyncpg.connect(asyncpg_dsn(with_database(server_url, "postgres")))
    try:
        found = [n for n in names if await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", n)]
        for name in found:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        return found
    finally:
        await conn.close()


def clear_run_files(workdir: Path) -> None:
    """Mail caught and logs written by earlier runs."""
    for folder in ("mail", "logs"):
        shutil.rmtree(workdir / folder, ignore_errors=True)
