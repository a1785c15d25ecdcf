"""Every API route of every service asks who is calling; only the probes and metrics are open."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from fastapi.routing import APIRoute

from shared.http.auth import caller
from shared.settings import Settings

OPEN = {"/healthz", "/readyz", "/metrics"}  # probes and the Prometheus scrape: no data of anyone


def _asks_who(dependant: Any) -> bool:
    call = dependant.call
    if call is caller or getattr(call, "__qualname__", "").startswith("require."):
        return True
    return any(_asks_who(d) for d in dependant.dependencies)


@pytest.mark.parametrize("service", ["intake", "review", "monitoring", "notify"])
def test_every_route_but_the_probes_takes_a_bearer_token(service: str) -> None:
    settings = Settings(service=service, jurisdiction="370000", token_secret="s" * 40)
    app = importlib.import_module(f"services.{service}.bootstrap").create_app(settings)
    routes = [r for r in app.routes if isinstance(r, APIRoute)]
    unguarded = {f"{sorted(r.methods or ())} {r.path}" for r in routes if not _asks_who(r.dependant)}
    assert unguarded == {f"['GET'] {path}" for path in OPEN}
    assert app.openapi()["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
