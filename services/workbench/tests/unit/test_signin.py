"""Sign-in through the identity provider (authorization code + PKCE), the session cookie's limits,
and the settings the workbench refuses to start without."""

from __future__ import annotations

import base64
import hashlib
from urllib.parse import parse_qs, urlsplit

import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient

from services.workbench.adapters.oidc import OidcClient
from services.workbench.adapters.session_cookie import COOKIE, LOGIN_COOKIE, CookieSigner
from services.workbench.settings import WorkbenchSettings

IDP = "https://iam.sd.example.gov.cn/realms/zones"


def provider(seen: list[httpx.Request]) -> httpx.MockTransport:
    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path.endswith("/.well-known/openid-configuration"):
            return httpx.Response(
                200, json={"authorization_endpoint": f"{IDP}/auth", "token_endpoint": f"{IDP}/token"}
            )
        form = parse_qs(request.content.decode())
        if form.get("code") == ["good-code"]:
            return httpx.Response(200, json={"access_token": "tok|济南市民政局 李明|reviewer|370100"})
        return httpx.Response(400, json={"error": "invalid_grant"})

    return httpx.MockTransport(answer)


def oidc_app(app: FastAPI, seen: list[httpx.Request]) -> FastAPI:
    app.state.oidc = OidcClient(
        f"{IDP}/.well-known/openid-configuration", "workbench", "s3cret", "openid", provider(seen)
    )
    return app


def test_oidc_sign_in_sends_to_the_provider_with_pkce_and_opens_a_session_from_its_token(
    app: FastAPI,
) -> None:
    seen: list[httpx.Request] = []
    client = TestClient(oidc_app(app, seen))
    assert "通过统一身份认证登录" in client.get("/signin").text
    res = client.get("/signin/oidc?next=/queue", follow_redirects=False)
    to = urlsplit(res.headers["location"])
    query = {k: v[0] for k, v in parse_qs(to.query).items()}
    assert f"{to.scheme}://{to.netloc}{to.path}" == f"{IDP}/auth"
    assert (query["response_type"], query["client_id"], query["code_challenge_method"]) == (
        "code",
        "workbench",
        "S256",
    )
    assert query["redirect_uri"] == "http://testserver/oidc/callback"
    back = client.get(f"/oidc/callback?code=good-code&state={query['state']}", follow_redirects=False)
    assert (back.status_code, back.headers["location"]) == (303, "/queue")
    exchange = parse_qs(seen[-1].content.decode())
    verifier = exchange["code_verifier"][0]
    digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    assert digest == query["code_challenge"]  # the verifier the login cookie kept matches the challenge
    assert seen[-1].headers["authorization"].startswith("Basic ")  # the confidential client's secret
    assert client.cookies.get(COOKIE) and client.get("/queue", follow_redirects=False).status_code == 200


def test_a_callback_with_another_state_or_a_refused_code_opens_no_session(app: FastAPI) -> None:
    seen: list[httpx.Request] = []
    client = TestClient(oidc_app(app, seen))
    state = parse_qs(urlsplit(client.get("/signin/oidc", follow_redirects=False).headers["location"]).query)[
        "state"
    ][0]
    forged = client.get("/oidc/callback?code=good-code&state=someone-elses", follow_redirects=False)
    assert forged.status_code == 401 and "登录状态无效" in forged.text
    refused = client.get(f"/oidc/callback?code=bad-code&state={state}", follow_redirects=False)
    assert refused.status_code == 401 and "身份认证服务拒绝了登录" in refused.text
    assert COOKIE not in client.cookies and LOGIN_COOKIE in client.cookies
    assert len([r for r in seen if r.url.path.endswith("/token")]) == 1  # the forged state never reached it


def test_an_expired_or_foreign_session_cookie_is_no_session() -> None:
    signer = CookieSigner(["new-secret", "old-secret"])
    older = CookieSigner(["old-secret"]).dumps({"a": 1})
    assert signer.loads(older, 60) == {"a": 1}  # rotation: the older secret still verifies
    assert CookieSigner(["other"]).loads(signer.dumps({"a": 1}), 60) is None
    assert signer.loads(signer.dumps({"a": 1}), -1) is None  # past its age


def test_the_workbench_refuses_to_start_without_a_session_secret_or_a_way_to_sign_in() -> None:
    base = {"service": "workbench", "token_issuers": "/nonexistent/issuers.toml"}
    problem = WorkbenchSettings(**base).auth_problem()  # type: ignore[arg-type]
    assert problem and "ZONES_SESSION_SECRET" in problem and "会话" in problem
    no_signin = WorkbenchSettings(**base, session_secret="s").auth_problem()  # type: ignore[arg-type]
    assert no_signin and "ZONES_OIDC_DISCOVERY_URL" in no_signin
    with_oidc = WorkbenchSettings(**base, session_secret="s", oidc_discovery_url=IDP).auth_problem()  # type: ignore[arg-type]
    assert with_oidc and "ZONES_TOKEN_ISSUERS" in with_oidc  # then the token checks, as on every service
    assert WorkbenchSettings(**base).trust_problem() is None  # type: ignore[arg-type]
