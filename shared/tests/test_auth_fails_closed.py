"""Authentication fails closed: an app that knows no settings, or no usable issuers to verify with,
refuses every caller with its reasons; it never lets a caller through as the admin."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient

from shared.http.auth import require
from shared.http.errors import install_error_handlers
from shared.security.tokens import Principal
from shared.settings import Settings
from tests.support.issuer import ISSUERS


def app_with(**state: object) -> TestClient:
    api = FastAPI()
    install_error_handlers(api)
    for key, value in state.items():
        setattr(api.state, key, value)

    @api.get("/secret")
    async def secret(who: Principal = Depends(require("reviewer"))) -> dict[str, str]:
        return {"as": who.role}

    return TestClient(api)


def test_an_app_without_runtime_or_settings_refuses_everyone_with_reasons() -> None:
    res = app_with().get("/secret")
    assert res.status_code == 500
    [reason] = res.json()["reasons"]
    assert reason["code"] == "auth_unconfigured" and reason["message_zh"] and reason["message_en"]
    assert app_with(runtime=SimpleNamespace()).get("/secret").status_code == 500  # a runtime, no settings


def test_authentication_on_without_usable_issuers_refuses_rather_than_verify_with_nothing(
    tmp_path: Path,
) -> None:
    broken = tmp_path / "issuers.toml"
    broken.write_text("[[issuers]]\nissuer = 'x'\n", encoding="utf-8")  # no jurisdiction, no keys
    tried = 0
    for issuers in ("", str(tmp_path / "missing.toml"), str(broken)):
        res = app_with(settings=Settings(auth_required=True, token_issuers=issuers)).get(
            "/secret", headers={"authorization": "Bearer eyJhbGciOiJub25lIn0.e30."}
        )
        assert res.status_code == 500 and res.json()["reasons"][0]["code"] == "auth_unconfigured"
        tried += 1
    assert tried == 3


def test_explicit_settings_decide_a_router_only_app() -> None:
    assert app_with(settings=Settings(auth_required=False)).get("/secret").json() == {"as": "admin"}
    on = app_with(settings=Settings(auth_required=True, token_issuers=ISSUERS)).get("/secret")
    assert on.status_code == 401 and on.json()["reasons"][0]["code"] == "unauthenticated"


def test_start_up_names_what_is_wrong_with_the_token_configuration(tmp_path: Path) -> None:
    """`Settings.auth_problem()` (checked by `zones serve` and `zones doctor`): each unusable part of
    the token configuration is named, in Chinese and English; a usable one passes."""
    empty, no_keys = tmp_path / "empty.toml", tmp_path / "no-keys.toml"
    empty.write_text("# nobody trusted yet\n", encoding="utf-8")
    (tmp_path / "jwks.json").write_text('{"keys": [{"kty": "oct", "k": "c2VjcmV0"}]}', encoding="utf-8")
    no_keys.write_text(
        '[[issuers]]\nissuer = "x"\njurisdiction = "370000"\njwks_file = "jwks.json"\n', "utf-8"
    )
    cases = {
        "": "ZONES_TOKEN_ISSUERS is not set",
        str(tmp_path / "missing.toml"): "No such file",
        str(empty): "lists no [[issuers]]",
        str(no_keys): "no EdDSA or ES256 key for x",  # an HMAC key in a JWKS is never used
    }
    for issuers, why in cases.items():
        problem = Settings(token_issuers=issuers).auth_problem()
        assert problem and why in problem and "令牌" in problem, (issuers, problem)
    missing_list = Settings(token_issuers=ISSUERS, token_revocations=str(tmp_path / "revoked.toml"))
    assert "ZONES_TOKEN_REVOCATIONS" in str(missing_list.auth_problem())  # a named list must exist
    (tmp_path / "revoked.toml").write_text("", encoding="utf-8")
    assert missing_list.auth_problem() is None and Settings(token_issuers=ISSUERS).auth_problem() is None
    assert len(cases) == 4


def test_an_old_token_secret_is_refused_not_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    """A configuration from before the issuers would otherwise start and refuse every caller's token."""
    monkeypatch.setenv("ZONES_TOKEN_SECRET", "x" * 48)
    problem = Settings(token_issuers=ISSUERS).auth_problem()
    assert problem and "已停用" in problem
    assert "ZONES_TOKEN_SECRET" in problem and "ZONES_TOKEN_ISSUERS" in problem
    assert Settings(token_issuers=ISSUERS, auth_required=False).auth_problem() is None  # no tokens checked
