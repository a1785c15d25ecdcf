"""Which instance the workbench calls: its deployment's, by service and (for review) jurisdiction, with
the person's token; a service that does not answer is named on the page, not hidden."""

from __future__ import annotations

import httpx
import pytest

from services.workbench.adapters.backends import HttpBackends, parse_services
from services.workbench.service_layer.ports import Unavailable

SPEC = "intake-370000=http://intake:8000, review-370100=http://r1:8000/,review-370000=http://r2:8000"


def test_the_services_setting_names_each_instance_and_refuses_anything_else() -> None:
    assert parse_services(SPEC) == {
        "intake-370000": "http://intake:8000",
        "review-370100": "http://r1:8000",
        "review-370000": "http://r2:8000",
    }
    for wrong in ("intake=http://x", "intake-37=http://x", "intake-370000:http://x", "review-370100=ftp://x"):
        with pytest.raises(ValueError, match="ZONES_WORKBENCH_SERVICES"):
            parse_services(wrong)


async def test_calls_go_to_the_named_instance_with_the_persons_token() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=[], headers={"X-Total-Count": "0"})

    backends = HttpBackends(parse_services(SPEC))
    backends.client = httpx.AsyncClient(transport=httpx.MockTransport(answer))
    got = await backends.call("tok", "review", "/tasks", jurisdiction="370100", params={"state": "open"})
    assert (got.status, got.data, got.headers["x-total-count"]) == (200, [], "0")
    assert (
        str(seen[0].url) == "http://r1:8000/tasks?state=open"
        and seen[0].headers["authorization"] == "Bearer tok"
    )
    assert (
        backends.reviews() == ["370000", "370100"] and backends.has("intake") and not backends.has("notify")
    )
    with pytest.raises(Unavailable, match="notify"):
        await backends.call("tok", "notify", "/inbox/x")
    await backends.close()


async def test_a_service_that_does_not_answer_is_unavailable_by_name() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    backends = HttpBackends(parse_services(SPEC))
    backends.client = httpx.AsyncClient(transport=httpx.MockTransport(refuse))
    with pytest.raises(Unavailable) as caught:
        await backends.call("tok", "intake", "/programmes")
    assert caught.value.instance == "intake-370000"
    await backends.close()
