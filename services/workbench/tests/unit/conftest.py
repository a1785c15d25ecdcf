"""The workbench app over a fake deployment, and a signed-in browser for each of the local actors."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from services.workbench.bootstrap import create_app
from services.workbench.domain.actors import Actor, actor
from services.workbench.settings import WorkbenchSettings
from services.workbench.tests.unit.fakes import FakeBackends, with_programmes
from shared.security.tokens import Principal

SERVICES = (
    "intake-000000=http://intake.invalid,review-370100=http://r1.invalid,review-370000=http://r2.invalid"
)


class FakeIssuer:
    """Dev sign-in without keys: the token names the actor; `verify` below reads it back."""

    def token(self, a: Actor, hours: float = 8.0) -> str:
        return f"tok|{a.subject}|{a.role}|{a.jurisdiction}"


def read_token(token: str, now: datetime) -> Principal:
    _, subject, role, code = token.split("|")
    return Principal(subject, role, code, now + timedelta(hours=8), "jti-1", "fake")


@pytest.fixture
def backends() -> FakeBackends:
    return with_programmes(FakeBackends())


@pytest.fixture
def app(backends: FakeBackends) -> FastAPI:
    settings = WorkbenchSettings(
        service="workbench",
        jurisdiction="370000",
        workbench_services=SERVICES,
        session_secret="test-secret",
        session_cookie_secure=False,
    )
    app = create_app(settings, backends)
    app.state.dev_issuer = FakeIssuer()
    app.state.verify = read_token
    return app


CSRF = re.compile(r'name="csrf" value="([^"]+)"')


class Browser:
    def __init__(self, client: TestClient) -> None:
        self.client = client

    def csrf(self, path: str) -> str:
        found = CSRF.search(self.client.get(path).text)
        assert found, f"no form on {path}"
        return found.group(1)


@pytest.fixture
def sign_in(app: FastAPI) -> Callable[..., Browser]:
    def signed(key: str, county: str = "") -> Browser:
        client = TestClient(app)
        res = client.post(
            "/signin/dev", data={"who": key, "county": county, "next": "/"}, follow_redirects=False
        )
        assert res.status_code == 303 and actor(key, county)
        return Browser(client)

    return signed


def now() -> datetime:
    return datetime.now(UTC)
