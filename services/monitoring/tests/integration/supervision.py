"""An app with every monitoring router, bearer tokens required, for the dynamic-management tests."""

from __future__ import annotations

from types import SimpleNamespace

import httpx
from fastapi import FastAPI

from services.monitoring.entrypoints.api import router
from services.monitoring.entrypoints.life_api import router as life_router
from services.monitoring.entrypoints.supervision_api import router as supervision_router
from services.monitoring.tests.integration.conftest import UowFactory
from shared.http.errors import install_error_handlers
from shared.settings import Settings
from tests.support.issuer import ISSUERS, mint


def app_of(uow_factory: UowFactory, **settings: str) -> FastAPI:
    app = FastAPI()
    app.state.uow_factory = uow_factory
    given = Settings(service="monitoring", auth_required=True, token_issuers=ISSUERS, **settings)  # type: ignore[arg-type]
    app.state.runtime = SimpleNamespace(settings=given)
    install_error_handlers(app)
    for r in (router, life_router, supervision_router):
        app.include_router(r)
    return app


def client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://monitoring")


def bearer(app: FastAPI, role: str, code: str) -> dict[str, str]:
    """A token of `role` at `code`, naming this app's instance: the acting jurisdiction is the token's."""
    audience = app.state.runtime.settings.audience
    return {"authorization": f"Bearer {mint(audience, f'{role}-{code}', role, code)}"}
