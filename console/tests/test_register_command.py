"""`zones register load|show` as an operator types it (docs/registers.md), against a real intake database:
the holder's load is kept and published through the outbox; a malformed file or a non-holder is refused
in Chinese and English with nothing changed.

Seeds quoted: 004:49 已被民政部列为全国实验区的单位不再申报省级实验区 (the ministry's list, held by 000000);
003:29 全国…或山东省基层政权建设和社区治理专家委员会委员作为指导专家 (Shandong's, held by 370000).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from console.cli import app
from services.intake.bootstrap import MIGRATIONS
from shared.db.engine import make_engine
from tests.support.postgres import drop_database, fresh_database

pytestmark = pytest.mark.integration
RUN = CliRunner()
SAMPLES = Path(__file__).resolve().parents[2] / "deploy" / "registers"


@pytest.fixture
def database(pg_server: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = asyncio.run(fresh_database(pg_server, "intake_console", MIGRATIONS))
    monkeypatch.setenv("DATABASE_URL", url)
    yield url
    asyncio.run(drop_database(url))


def zones(*args: str) -> tuple[int, str]:
    done = RUN.invoke(app, list(args))
    return done.exit_code, done.output


def rows(url: str) -> tuple[list[tuple[str, int, int]], list[tuple[str, dict[str, object]]]]:
    """(kind, version, entries) of every register; (type, payload) of every outbox row."""

    async def read() -> tuple[list[tuple[str, int, int]], list[tuple[str, dict[str, object]]]]:
        engine = make_engine(url, pool_size=1)
        async with engine.connect() as conn:
            regs = await conn.execute(
                text("SELECT kind, version, jsonb_array_length(entries) FROM registers")
            )
            out = await conn.execute(text("SELECT event_type, value FROM outbox ORDER BY id"))
            found = [tuple(r) for r in regs], [(r[0], json.loads(r[1])) for r in out]
        await engine.dispose()
        return found

    return asyncio.run(read())


def test_the_ministry_loads_the_national_list_and_publishes_each_version(database: str) -> None:
    sample = str(SAMPLES / "national-zones.sample.toml")
    code, said = zones("register", "load", "--kind", "national-zones", "--jurisdiction", "000000", sample)
    assert code == 0, said
    assert "名录 national-zones 第1版已载入并经发件箱发布（2条" in said and "version 1 loaded" in said
    code, said = zones("register", "load", "--kind", "national-zones", "--jurisdiction", "000000", sample)
    assert code == 0 and "第2版" in said
    registers, outbox = rows(database)
    assert registers == [("national-zones", 2, 2)]
    assert [(t, p["version"], p["holder"]) for t, p in outbox] == [
        ("zones.register.published.v1", 1, "000000"),
        ("zones.register.published.v1", 2, "000000"),
    ]
    assert "虚构" in str(outbox[0][1]["source"]) and outbox[0][1]["published_on"] == "2026-12-01"
    code, said = zones("register", "show", "--jurisdiction", "000000")
    assert code == 0 and "national-zones  v2  2026-12-01  2 entries  held by 000000" in said


def test_a_malformed_file_or_a_non_holder_is_refused_in_both_languages_changing_nothing(
    database: str, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('kind = "national-zones"\n[[entries]]\ncode = "12"\nname = "某区"\n', encoding="utf-8")
    code, said = zones("register", "load", "--kind", "national-zones", "--jurisdiction", "000000", str(bad))
    assert code == 1
    assert "名录未载入，未作任何更改 / register not loaded, nothing changed" in said
    assert "须注明名录来源" in said and "source is required" in said
    assert "第1条行政区划代码无效" in said and "entry 1: invalid jurisdiction code" in said

    experts = str(SAMPLES / "shandong-expert-committees.sample.toml")
    code, said = zones(
        "register", "load", "--kind", "shandong-expert-committees", "--jurisdiction", "000000", experts
    )
    assert code == 1 and "不是“山东省认可的指导专家（专家委员会委员）名录”的发布机关（370000）" in said
    assert "does not hold register shandong-expert-committees (held by 370000)" in said
    assert rows(database) == ([], [])
    code, said = zones("register", "show", "--jurisdiction", "000000")
    assert code == 0 and "尚未载入任何名录 / no register loaded yet" in said


def test_a_csv_is_loaded_with_its_source_and_date_given_beside_it(database: str) -> None:
    csv = str(SAMPLES / "rural-experimental-units.sample.csv")
    args = ("register", "load", "--kind", "rural-experimental-units", "--jurisdiction", "000000", csv)
    code, said = zones(*args)
    assert code == 1 and "须注明名录日期" in said and rows(database) == ([], [])
    code, said = zones(*args, "--source", "示例（虚构）/ sample (fictional)", "--published-on", "2026-12-01")
    assert code == 0, said
    assert rows(database)[0] == [("rural-experimental-units", 1, 2)]
