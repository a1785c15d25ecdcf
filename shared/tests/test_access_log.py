"""The access line and HTTP metrics name the route template, also for a request the perimeter refuses
before routing, and carry neither the query string nor the Authorization header."""

from __future__ import annotations

import json
import logging

import pytest
import structlog
from fastapi import FastAPI
from fastapi.testclient import TestClient

from shared.http.access import AccessLog
from shared.http.perimeter import install_perimeter
from shared.logging import configure_logging
from shared.runtime.metrics import REGISTRY
from shared.settings import Settings
from tests.support.issuer import ISSUERS


def app() -> FastAPI:
    api = FastAPI()

    @api.get("/things/{thing_id}")
    async def thing(thing_id: str) -> dict[str, str]:
        return {"id": thing_id}

    install_perimeter(api, Settings(token_issuers=ISSUERS))
    api.add_middleware(AccessLog)
    return api


def count(route: str, status: str) -> float:
    labels = {"method": "GET", "route": route, "status": status}
    return REGISTRY.get_sample_value("zones_http_requests_total", labels) or 0.0


def test_a_refused_request_is_counted_and_logged_under_its_route(capsys: pytest.CaptureFixture[str]) -> None:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    before = (count("/things/{thing_id}", "401"), count("unmatched", "401"))
    try:
        configure_logging("INFO", json=True)
        client = TestClient(app())
        headers = {"Authorization": "Bearer not-a-token-xyz"}
        assert client.get("/things/t-1?api_key=hush-hush", headers=headers).status_code == 401
        assert client.get("/elsewhere").status_code == 401
        err = capsys.readouterr().err
    finally:
        root.handlers[:], root.level = handlers, level
        structlog.reset_defaults()
    assert (count("/things/{thing_id}", "401"), count("unmatched", "401")) == (before[0] + 1, before[1] + 1)
    lines = [json.loads(x) for x in err.splitlines() if '"http_request"' in x]
    assert [(x["route"], x["status"]) for x in lines] == [("/things/{thing_id}", 401), ("unmatched", 401)]
    assert all(x["duration_ms"] >= 0 and x["method"] == "GET" for x in lines)
    assert "hush-hush" not in err and "not-a-token-xyz" not in err and "t-1" not in err
