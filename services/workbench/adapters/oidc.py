"""Sign-in through the deployment's identity provider: OpenID Connect authorization-code flow with PKCE.

The provider's access token is the bearer token the services verify (its issuer is in their
ZONES_TOKEN_ISSUERS with the claims that carry role and jurisdiction); the workbench verifies it the
same way (shared/security/token_verifier.py) before it opens a session.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx


class SignInFailed(Exception):
    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


@dataclass(frozen=True)
class LoginState:
    state: str
    nonce: str
    verifier: str
    next: str


def new_login(next_path: str) -> LoginState:
    return LoginState(
        secrets.token_urlsafe(24), secrets.token_urlsafe(24), secrets.token_urlsafe(48), next_path
    )


def challenge(verifier: str) -> str:
    """The PKCE S256 code challenge of `verifier` (RFC 7636)."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


@dataclass
class OidcClient:
    discovery_url: str
    client_id: str
    client_secret: str
    scopes: str
    transport: httpx.AsyncBaseTransport | None = None  # tests answer as the provider
    _config: dict[str, Any] | None = None

    def _client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(timeout=10.0, transport=self.transport)

    async def config(self) -> dict[str, Any]:
        if self._config is None:
            try:
                async with self._client() as c:
                    res = await c.get(self.discovery_url)
                    res.raise_for_status()
                    self._config = res.json()
            except (httpx.HTTPError, ValueError) as exc:
                raise SignInFailed(
                    "无法连接统一身份认证服务", f"the identity provider is unreachable: {exc}"
                ) from exc
        return self._config

    async def authorization_url(self, login: LoginState, redirect_uri: str) -> str:
        endpoint = (await self.config())["authorization_endpoint"]
        query = {
            "response_type": "code",
            "client_id": self.client_id,
            "redirect_uri": redirect_uri,
            "scope": self.scopes,
            "state": login.state,
            "nonce": login.nonce,
            "code_challenge": challenge(login.verifier),
            "code_challenge_method": "S256",
        }
        return f"{endpoint}?{urlencode(query)}"

    async def exchange(self, code: str, login: LoginState, redirect_uri: str) -> str:
        """The access token for an authorization code; SignInFailed when the provider refuses."""
        endpoint = (await self.config())["token_endpoint"]
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "client_id": self.client_id,
            "code_verifier": login.verifier,
        }
        try:
            async with self._client() as c:
                res = await c.post(endpoint, data=form, auth=(self.client_id, self.client_secret))
        except httpx.HTTPError as exc:
            raise SignInFailed(
                "无法连接统一身份认证服务", f"the identity provider is unreachable: {exc}"
            ) from exc
        token = res.json().get("access_token") if res.status_code == 200 else None
        if not isinstance(token, str):
            raise SignInFailed(
                "身份认证服务拒绝了登录", f"the identity provider refused: HTTP {res.status_code}"
            )
        return token
