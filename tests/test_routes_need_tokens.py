"""Every route of every service app refuses a caller without a token, but for an explicit public list.

Each route is called, path parameters filled, with no token: first through the whole app (the
perimeter answers), then through the same app without its perimeter (the route's own dependency must
answer). The routes are found by walking the included routers (under the installed FastAPI
`app.routes` holds only the app's own routes), and counted against what the apps declare.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from starlette.routing import BaseRoute

from shared.http.perimeter import PUBLIC, Perimeter
from shared.settings import Settings
from tests.support.issuer import ISSUERS

SERVICES = ("intake", "review", "monitoring", "notify")
# method × path of the API routes each app declares today; a route lost from the walk fails here
DECLARED = {"intake": 24, "review": 24, "monitoring": 16, "notify": 16}  # /healthz/consumers included
PROBES = {
    "/healthz",
    "/healthz/consumers",
    "/readyz",
    "/metrics",
}  # on every app, beside /docs and /openapi.json


def walk(routes: list[BaseRoute], prefix: str = "") -> Iterator[tuple[str, BaseRoute]]:
    """(full path, route) for every route, descending into included routers."""
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            context_prefix = getattr(getattr(route, "include_context", None), "prefix", "") or ""
            yield from walk(included.routes, prefix + context_prefix)
        else:
            yield prefix + getattr(route, "path", ""), route


def operations(app: FastAPI) -> list[tuple[str, str]]:
    routes = [(path, r) for path, r in walk(app.router.routes) if isinstance(r, APIRoute)]
    return sorted((m, path) for path, r in routes for m in r.methods or ())


def app_of(service: str) -> FastAPI:
    settings = Settings(service=service, jurisdiction="370000", token_issuers=ISSUERS)
    app: FastAPI = importlib.import_module(f"services.{service}.bootstrap").create_app(settings)
    return app


def without_perimeter(app: FastAPI) -> FastAPI:
    app.user_middleware = [m for m in app.user_middleware if m.cls is not Perimeter]
    app.middleware_stack = None  # rebuilt on the next call
    return app


def unanswered(app: FastAPI, ops: list[tuple[str, str]]) -> dict[str, Any]:
    """Each non-public operation called with no token whose answer is not a bilingual 401."""
    wrong = {}
    with_filled = [(m, re.sub(r"\{[^}]+\}", "p1", path)) for m, path in ops if path not in PUBLIC]
    client = TestClient(app, raise_server_exceptions=False)  # no lifespan: no database, no broker
    for method, url in with_filled:
        res = client.request(method, url, json={} if method in ("POST", "PUT", "PATCH") else None)
        reasons = res.json().get("reasons", [{}]) if res.status_code == 401 else [{}]
        if res.status_code != 401 or not (reasons[0].get("message_zh") and reasons[0].get("message_en")):
            wrong[f"{method} {url}"] = res.status_code
    return wrong


@pytest.mark.parametrize("service", SERVICES)
def test_every_route_found_is_every_route_declared(service: str) -> None:
    app = app_of(service)
    ops = operations(app)
    assert len(ops) == DECLARED[service]
    documented = {
        (m.upper(), path) for path, item in app.openapi()["paths"].items() for m in item if m != "parameters"
    }
    assert documented | {("GET", "/metrics")} == set(ops)  # /metrics alone is left out of the document
    assert PROBES <= {path for _, path in ops}
    assert app.openapi()["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"


@pytest.mark.parametrize("service", SERVICES)
def test_every_route_off_the_public_list_refuses_a_caller_without_a_token(service: str) -> None:
    app = app_of(service)
    ops = operations(app)
    assert len([op for op in ops if op[1] not in PUBLIC]) == DECLARED[service] - len(PROBES)
    assert unanswered(app, ops) == {}  # the perimeter answers 401
    assert unanswered(without_perimeter(app), ops) == {}  # and so does each route on its own
    assert TestClient(app).get("/healthz").status_code == 200
    assert TestClient(app).get("/openapi.json").status_code == 200


def test_the_public_list_is_the_probes_and_the_api_description() -> None:
    assert PUBLIC == PROBES | {"/docs", "/openapi.json"}
    app = app_of("intake")
    assert {path for path, _ in walk(app.router.routes)} & {"/redoc", "/docs/oauth2-redirect"} == set()


# The workbench serves pages, not an API: a page needs a session (a signed cookie holding the person's
# bearer token), so without one every page but its own public list sends to sign-in (303); the services
# behind it still judge every call by the token.
WORKBENCH_DECLARED = 29  # method × path of its page routes (static files are a mount, not a route)


def workbench_app() -> FastAPI:
    from services.workbench.bootstrap import create_app
    from services.workbench.settings import WorkbenchSettings

    settings = WorkbenchSettings(
        service="workbench", jurisdiction="370000", session_secret="s",
        workbench_services="intake-000000=http://127.0.0.1:9,review-370100=http://127.0.0.1:9",
    )  # fmt: skip
    return create_app(settings)


def test_every_workbench_page_off_its_public_list_sends_a_caller_without_a_session_to_sign_in() -> None:
    from services.workbench.entrypoints.access import PUBLIC as PAGES_PUBLIC

    app = workbench_app()
    ops = operations(app)
    assert len(ops) == WORKBENCH_DECLARED
    guarded = [(m, re.sub(r"\{[^}]+\}", "p1", path)) for m, path in ops if path not in PAGES_PUBLIC]
    assert (
        len(guarded) == WORKBENCH_DECLARED - 9
    )  # / (to /home), healthz, readyz, lang, sign-in (page, dev, OIDC, callback), sign-out
    client = TestClient(app, raise_server_exceptions=False)
    wrong = {}
    for method, url in guarded:
        res = client.request(
            method, url, data={"csrf": "x"} if method == "POST" else None, follow_redirects=False
        )
        if res.status_code != 303 or not res.headers.get("location", "").startswith("/signin?next="):
            wrong[f"{method} {url}"] = res.status_code
    assert wrong == {}
    assert client.get("/healthz").status_code == 200 and client.get("/readyz").status_code == 200
    assert client.get("/signin").status_code == 200
