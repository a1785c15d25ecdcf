"""Wiring: settings → the deployment's instances (HTTP), the cookie signer, sign-in (OIDC or the local
issuer) → pages. No database, no broker: the workbench keeps no state of its own."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from services.workbench.adapters.backends import HttpBackends, parse_services
from services.workbench.adapters.dev_issuer import DevIssuer
from services.workbench.adapters.oidc import OidcClient
from services.workbench.adapters.session_cookie import CookieSigner
from services.workbench.entrypoints import (
    api,
    applicant_pages,
    in_app_pages,
    review_pages,
    signin_pages,
    zone_pages,
)
from services.workbench.service_layer.ports import Backends
from services.workbench.settings import WorkbenchSettings
from shared.security.token_config import verifier_for
from shared.security.tokens import Principal
from shared.settings import Settings, settings_as

STATIC = Path(__file__).parent / "static"


def create_app(settings: Settings | None = None, backends: Backends | None = None) -> FastAPI:
    ws = settings_as(WorkbenchSettings, settings, service="workbench")
    services = parse_services(ws.workbench_services)
    http = HttpBackends(services) if backends is None else None

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if http is not None:
            await http.close()

    # pages, not an API: no /docs or /openapi.json to describe
    app = FastAPI(
        title="zones workbench 工作台", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None
    )
    app.state.settings = ws
    app.state.backends = backends or http
    app.state.signer = CookieSigner([s.strip() for s in ws.session_secret.get_secret_value().split(",")])
    app.state.oidc = (
        OidcClient(
            ws.oidc_discovery_url, ws.oidc_client_id, ws.oidc_client_secret.get_secret_value(), ws.oidc_scopes
        )
        if ws.oidc_discovery_url
        else None
    )
    audience = [*sorted(services), ws.audience]
    app.state.dev_issuer = DevIssuer(Path(ws.dev_signin_issuer), audience) if ws.dev_signin_issuer else None

    def verify(token: str, now: datetime) -> Principal:
        return verifier_for(ws).verify(token, now)

    app.state.verify = verify
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (api, signin_pages, applicant_pages, review_pages, zone_pages, in_app_pages):
        app.include_router(module.router)
    api.install_error_pages(app)
    return app
