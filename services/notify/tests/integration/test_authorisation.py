"""Notify with bearer tokens required: each inbox is its owner's, its jurisdiction's or an admin's above."""

from __future__ import annotations

from collections.abc import AsyncIterator
from types import SimpleNamespace

import httpx
import pytest
from fastapi import FastAPI

from services.notify.entrypoints.api import router
from services.notify.entrypoints.subscriber_api import router as subscriber_router
from services.notify.tests.integration.conftest import UowFactory
from services.notify.tests.integration.test_subscriber_api import PERSON
from shared.http.errors import install_error_handlers
from shared.settings import Settings
from shared.territory import Territory
from tests.support.issuer import ISSUERS, mint

pytestmark = pytest.mark.integration
AUD = Settings().audience  # the instance a token must name (the apps below run with the default settings)


def bearer(role: str, code: str, subject: str = "") -> dict[str, str]:
    token = mint(AUD, subject or f"{role}@{code}", role, code)
    return {"authorization": f"Bearer {token}"}


@pytest.fixture
async def client(uow_factory: UowFactory) -> AsyncIterator[httpx.AsyncClient]:
    app = FastAPI()
    install_error_handlers(app)
    app.include_router(router)
    app.include_router(subscriber_router)
    app.state.uow_factory = uow_factory
    app.state.territory, app.state.instance = Territory.of("000000"), "notify-000000"
    app.state.runtime = SimpleNamespace(settings=Settings(auth_required=True, token_issuers=ISSUERS))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://notify") as c:
        yield c


async def test_people_are_registered_by_an_admin_of_their_territory(client: httpx.AsyncClient) -> None:
    assert (await client.post("/subscribers/people", json=PERSON)).status_code == 401
    reviewer = await client.post("/subscribers/people", json=PERSON, headers=bearer("reviewer", "370100"))
    assert reviewer.status_code == 403
    qingdao = await client.post("/subscribers/people", json=PERSON, headers=bearer("admin", "370200"))
    assert qingdao.status_code == 403
    made = await client.post("/subscribers/people", json=PERSON, headers=bearer("admin", "370000"))
    assert made.status_code == 201


async def test_an_inbox_is_seen_by_its_owner_its_jurisdiction_and_admins_above_only(
    client: httpx.AsyncClient,
) -> None:
    await client.post("/subscribers/people", json=PERSON, headers=bearer("admin", "370000"))
    inbox = "/inbox/person:li"
    assert (await client.get(inbox, headers=bearer("subscriber", "370100", "person:li"))).status_code == 200
    assert (await client.get(inbox, headers=bearer("reviewer", "370100"))).status_code == 200
    assert (await client.get(inbox, headers=bearer("admin", "370000"))).status_code == 200
    assert (await client.get(inbox, headers=bearer("reviewer", "370200"))).status_code == 404
    assert (await client.get(inbox, headers=bearer("subscriber", "370100", "person:wang"))).status_code == 404
    assert (await client.get("/deliveries", headers=bearer("admin", "370000"))).status_code == 403
    assert (await client.get("/deliveries", headers=bearer("admin", "000000"))).status_code == 200
