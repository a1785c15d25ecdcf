"""Identity per issuer, at Shandong's review instance (review-370000, real PostgreSQL, the whole app
with its perimeter): a token from Jinan's issuer (370100) is refused while Shandong trusts only its own
issuer; trusting both, Jinan's officials are known but still may not act for Shandong's stages, and
Jinan's issuer cannot vouch for a Shandong official."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from services.review.bootstrap import MIGRATIONS, create_app
from shared.security.issuer_keys import issuer_entry
from shared.security.local_issuer import JWKS_FILE, LocalIssuer
from shared.settings import Settings
from tests.support.postgres import drop_database, fresh_database

pytestmark = pytest.mark.integration


@pytest.fixture
async def database(pg_server: str) -> AsyncIterator[str]:
    url = await fresh_database(pg_server, "review_issuers", MIGRATIONS)
    yield url
    await drop_database(url)


async def answers(url: str, issuers: Path, tokens: dict[str, str]) -> dict[str, tuple[int, str]]:
    """What Shandong's review instance, trusting `issuers`, answers each token at GET /tasks."""
    settings = Settings(service="review", jurisdiction="370000", database_url=url, migrate_on_start=False,
                        token_issuers=str(issuers))  # fmt: skip
    app = create_app(settings)
    out = {}
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://review") as c:
            for name, token in tokens.items():
                resp = await c.get("/tasks", headers={"Authorization": f"Bearer {token}"})
                reasons = resp.json()["reasons"] if resp.status_code >= 400 else [{"message_en": "ok"}]
                out[name] = (resp.status_code, reasons[0]["message_en"])
    finally:
        await app.state.runtime.engine.dispose()
    return out


async def test_jinan_s_issuer_cannot_open_shandong_s_stages(database: str, tmp_path: Path) -> None:
    jinan = LocalIssuer.init(tmp_path / "jinan", "zones-370100", "370100")
    shandong = LocalIssuer.init(tmp_path / "shandong", "zones-370000", "370000")
    both = tmp_path / "both.toml"
    both.write_text(
        issuer_entry("zones-370000", "370000", str(shandong.directory / JWKS_FILE))
        + issuer_entry("zones-370100", "370100", str(jinan.directory / JWKS_FILE)),
        encoding="utf-8",
    )
    here = "review-370000"
    tokens = {
        "shandong reviewer": shandong.token(here, "山东省民政厅 赵强", "reviewer", "370000"),
        "jinan reviewer": jinan.token(here, "济南市民政局 李明", "reviewer", "370100"),
        "jinan admin": jinan.token(here, "济南市管理员", "admin", "370100"),
        "jinan claiming shandong": jinan.token(here, "济南市民政局 李明", "admin", "370000"),
        "shandong, for jinan's review": shandong.token(
            "review-370100", "山东省民政厅 赵强", "reviewer", "370000"
        ),
    }

    own_only = await answers(database, shandong.issuers_file, tokens)
    assert own_only == {
        "shandong reviewer": (200, "ok"),
        "jinan reviewer": (401, "not authenticated: unknown issuer"),
        "jinan admin": (401, "not authenticated: unknown issuer"),
        "jinan claiming shandong": (401, "not authenticated: unknown issuer"),
        "shandong, for jinan's review": (401, "not authenticated: token not meant for review-370000 (aud)"),
    }

    trusting_both = await answers(database, both, tokens)
    assert trusting_both["shandong reviewer"] == (200, "ok")
    assert (
        trusting_both["jinan reviewer"][0] == 403
        and "370000 is outside 370100" in trusting_both["jinan reviewer"][1]
    )
    assert trusting_both["jinan admin"][0] == 403  # an admin of Jinan is still Jinan's
    assert trusting_both["jinan claiming shandong"] == (
        401,
        "not authenticated: jurisdiction 370000 lies outside issuer zones-370100's territory 370100",
    )
    assert trusting_both["shandong, for jinan's review"][0] == 401
    assert len(trusting_both) == len(tokens) == 5
