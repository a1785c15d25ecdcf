"""DATABASE_URL's TLS parameters mean the same on every connection path (no database needed)."""

from __future__ import annotations

import ast
from pathlib import Path
from urllib.parse import unquote

import pytest

from shared.db.engine import asyncpg_dsn, make_engine

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("url", "dsn"),
    [
        ("postgresql+asyncpg://u:p@h:5432/db", "postgresql://u:p@h:5432/db"),
        ("postgresql+asyncpg://u:p@h/db?ssl=require", "postgresql://u:p@h/db?sslmode=require"),
        (
            "postgresql+asyncpg://u@h/db?sslmode=verify-full&sslrootcert=/etc/zones/pg-ca.pem",
            "postgresql://u@h/db?sslmode=verify-full&sslrootcert=/etc/zones/pg-ca.pem",
        ),
        (
            "postgresql+asyncpg://u@h/db?ssl=disable&sslmode=verify-ca",
            "postgresql://u@h/db?sslmode=verify-ca",
        ),
    ],
)
def test_the_asyncpg_dsn_speaks_libpq(url: str, dsn: str) -> None:
    assert unquote(asyncpg_dsn(url)) == dsn  # asyncpg decodes the query as libpq does


def test_an_engine_takes_libpq_parameters_without_connecting() -> None:
    engine = make_engine("postgresql+asyncpg://u@h/db?sslmode=verify-full&sslrootcert=/ca.pem")
    assert engine.url.query["sslmode"] == "verify-full"


def _calls(tree: ast.AST, attr: str) -> list[ast.Call]:
    return [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Call)
        and (getattr(n.func, "attr", None) == attr or getattr(n.func, "id", None) == attr)
    ]


def test_every_connection_is_opened_from_the_libpq_dsn() -> None:
    """No engine but `make_engine`'s; every asyncpg.connect gets `asyncpg_dsn(...)` (or, in the two
    modules holding one, a DSN built by it)."""
    connects, engines = 0, 0
    holders = {"shared/db/engine.py", "shared/messaging/relay.py"}
    for path in sorted(p for d in ("shared", "services", "console") for p in (ROOT / d).rglob("*.py")):
        rel = str(path.relative_to(ROOT))
        if "tests" in path.parts:  # tests may connect as they like; the code they test may not
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in _calls(tree, "create_async_engine"):
            assert rel == "shared/db/engine.py", f"{rel}:{call.lineno} builds its own engine"
            engines += 1
        for call in _calls(tree, "connect"):
            if getattr(call.func, "value", None) is None or getattr(call.func.value, "id", "") != "asyncpg":  # type: ignore[attr-defined]
                continue
            connects += 1
            first = call.args[0] if call.args else None
            by_dsn = isinstance(first, ast.Call) and getattr(first.func, "id", "") == "asyncpg_dsn"
            assert by_dsn or rel in holders, f"{rel}:{call.lineno} connects without asyncpg_dsn"
    assert engines == 1
    assert connects == 6  # engine (pool, database creation), relay, republish, fresh, federation checks
