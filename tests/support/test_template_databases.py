"""Template databases: a changed migration history gets a new template; copies are at head."""

from __future__ import annotations

import asyncio
import shutil
import time
from pathlib import Path

import asyncpg
import pytest

from services.intake.bootstrap import MIGRATIONS
from shared.db.engine import asyncpg_dsn
from shared.db.migrations import current_heads
from tests.support.postgres import drop_database, fresh_database
from tests.support.template_databases import _prune, template_name


def test_the_template_name_follows_the_migrations(tmp_path: Path) -> None:
    folder = tmp_path / "intake" / "migrations"
    shutil.copytree(MIGRATIONS, folder, ignore=shutil.ignore_patterns("__pycache__"))
    first = template_name(folder)
    assert first == template_name(MIGRATIONS)  # the content counts, not where the folder is
    assert first.startswith("zones_tpl_intake_")
    (folder / "versions" / "0002_programme_rules.py").write_text("# changed\n", encoding="utf-8")
    changed = template_name(folder)
    (folder / "versions" / "0099_more.py").write_text("# a new one\n", encoding="utf-8")
    added = template_name(folder)
    assert len({first, changed, added}) == 3


@pytest.mark.integration
async def test_copies_made_at_once_are_all_at_head(pg_server: str) -> None:
    urls = await asyncio.gather(*(fresh_database(pg_server, "tpl_test", MIGRATIONS) for _ in range(4)))
    try:
        for url in urls:
            conn = await asyncpg.connect(asyncpg_dsn(url))
            try:
                assert {await conn.fetchval("SELECT version_num FROM alembic_version")} == current_heads(
                    MIGRATIONS
                )
                assert await conn.fetchval("SELECT count(*) FROM applications") == 0
            finally:
                await conn.close()
    finally:
        for url in urls:
            await drop_database(url)
    assert len(set(urls)) == 4


@pytest.mark.integration
async def test_templates_unused_for_a_day_are_pruned_and_recent_ones_kept(pg_server: str) -> None:
    conn = await asyncpg.connect(asyncpg_dsn(pg_server))
    names = {"zones_tpl_prunetest_old": "1", "zones_tpl_prunetest_recent": str(int(time.time()))}
    try:
        for name, used in names.items():
            await conn.execute(f'CREATE DATABASE "{name}"')
            await conn.execute(f'ALTER DATABASE "{name}" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false')
            await conn.execute(f"COMMENT ON DATABASE \"{name}\" IS '{used}'")
        await _prune(conn, keep="zones_tpl_none")
        left = await conn.fetch("SELECT datname FROM pg_database WHERE datname LIKE 'zones_tpl_prunetest_%'")
        assert [r["datname"] for r in left] == ["zones_tpl_prunetest_recent"]
    finally:
        made = await conn.fetch("SELECT datname FROM pg_database WHERE datname = any($1)", list(names))
        for row in made:
            await conn.execute(f'ALTER DATABASE "{row["datname"]}" WITH IS_TEMPLATE false')
            await conn.execute(f'DROP DATABASE "{row["datname"]}"')
        await conn.close()
