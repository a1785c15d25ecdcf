"""An outside OIDC provider plugged in by configuration: discovery document → jwks_uri → keys, over real
HTTP (a tiny server in a thread), with the provider's own claim names mapped to role and jurisdiction."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from shared.security.issuer_keys import IssuerKey
from shared.security.issuers import load_issuers
from shared.security.revocations import Revocations
from shared.security.token_verifier import TokenVerifier
from shared.security.tokens import InvalidToken


class Provider:
    """What the provider serves: its discovery document and its JWKS; which paths were asked for."""

    def __init__(self) -> None:
        self.keys: list[IssuerKey] = []
        self.asked: list[str] = []
        self.issuer = ""

    def documents(self, base: str) -> dict[str, dict[str, Any]]:
        return {
            "/realms/sd/.well-known/openid-configuration": {
                "issuer": self.issuer,
                "jwks_uri": f"{base}/certs",
            },
            "/certs": {"keys": [k.public_jwk() for k in self.keys]},
        }


@pytest.fixture
def provider() -> Iterator[tuple[Provider, str]]:
    served = Provider()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            served.asked.append(self.path)
            doc = served.documents(f"http://127.0.0.1:{server.server_port}").get(self.path)
            body = json.dumps(doc).encode()
            self.send_response(200 if doc else 404)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    served.issuer = f"{base}/realms/sd"
    yield served, base
    server.shutdown()
    server.server_close()


def keycloak_like(key: IssuerKey, roles: list[str], jur: str) -> str:
    now = int(datetime.now(UTC).timestamp())
    return key.sign({
        "iss": key.issuer, "sub": "f3a1-用户", "aud": ["review-370000", "account"], "iat": now, "nbf": now,
        "exp": now + 300, "jti": f"kc-{now}-{jur}", "realm_access": {"roles": roles}, "zones_jur": jur,
    })  # fmt: skip


def test_keys_come_from_the_discovery_document_and_claims_are_mapped(
    provider: tuple[Provider, str], tmp_path: Path
) -> None:
    served, _ = provider
    served.keys.append(IssuerKey.generate(served.issuer, "ES256"))
    issuers = tmp_path / "issuers.toml"
    issuers.write_text(
        f'[[issuers]]\nissuer = "{served.issuer}"\njurisdiction = "370000"\n'
        f'discovery_url = "{served.issuer}/.well-known/openid-configuration"\n'
        'role_claim = "realm_access.roles"\njurisdiction_claim = "zones_jur"\n',
        encoding="utf-8",
    )
    checks = TokenVerifier(load_issuers(issuers), "review-370000", 43_200, 60, Revocations(None))
    now = datetime.now(UTC)
    who = checks.verify(keycloak_like(served.keys[0], ["offline_access", "reviewer"], "370100"), now)
    assert (who.role, who.jurisdiction, who.issuer) == ("reviewer", "370100", served.issuer)
    assert checks.verify(keycloak_like(served.keys[0], ["admin"], "370000"), now).role == "admin"
    assert served.asked == ["/realms/sd/.well-known/openid-configuration", "/certs"]  # then cached

    served.keys.append(IssuerKey.generate(served.issuer, "EdDSA"))  # the provider rotates
    assert checks.verify(keycloak_like(served.keys[1], ["monitor"], "370000"), now).role == "monitor"
    assert served.asked[2:] == ["/certs"]  # an unseen key id fetched the JWKS again, once
    with pytest.raises(InvalidToken, match="outside issuer"):
        checks.verify(keycloak_like(served.keys[0], ["admin"], "000000"), now)
    stranger = IssuerKey.generate(served.issuer, "EdDSA")  # right `iss`, a key the provider never published
    with pytest.raises(InvalidToken, match="no key"):
        checks.verify(keycloak_like(stranger, ["admin"], "370000"), now)


def test_a_discovery_document_naming_another_issuer_gives_no_keys(
    provider: tuple[Provider, str], tmp_path: Path
) -> None:
    served, base = provider
    served.keys.append(IssuerKey.generate(f"{base}/elsewhere", "EdDSA"))
    issuers = tmp_path / "issuers.toml"
    issuers.write_text(
        f'[[issuers]]\nissuer = "{base}/elsewhere"\njurisdiction = "370000"\n'
        f'discovery_url = "{served.issuer}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    checks = TokenVerifier(load_issuers(issuers), "review-370000", 43_200, 60, Revocations(None))
    with pytest.raises(InvalidToken, match="names another issuer"):
        checks.verify(keycloak_like(served.keys[0], ["admin"], "370000"), datetime.now(UTC))
    assert served.asked == ["/realms/sd/.well-known/openid-configuration"]


def test_an_unreachable_provider_refuses_the_token_never_errs(tmp_path: Path) -> None:
    key = IssuerKey.generate("https://down.example/realms/sd", "EdDSA")
    issuers = tmp_path / "issuers.toml"
    issuers.write_text(
        f'[[issuers]]\nissuer = "{key.issuer}"\njurisdiction = "370000"\njwks_url = "http://127.0.0.1:9/certs"\n',
        encoding="utf-8",
    )
    checks = TokenVerifier(load_issuers(issuers), "review-370000", 43_200, 60, Revocations(None))
    with pytest.raises(InvalidToken, match="no key to verify the token") as refused:
        checks.verify(keycloak_like(key, ["admin"], "370000"), datetime.now(UTC))
    assert refused.value.zh == "找不到验证令牌的签发方公钥"
