"""Webhook targets: loopback, private, link-local (the cloud metadata address), unspecified, multicast,
reserved and the deployment's own hosts are refused unless the operator's allow-list names them; at send
every resolved address is checked and the request goes to the checked address (no DNS rebinding)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator

import httpx
import pytest

from services.notify.adapters.webhook import HttpWebhookPoster, TargetGuard, WebhookFailed
from services.notify.domain.webhook_target import Address, TargetNotAllowed, TargetRules
from services.notify.entrypoints.schemas import shown_error
from shared.errors import Refused

PUBLIC = ipaddress.ip_address("93.184.216.34")
REFUSED = ["127.0.0.1", "127.8.9.10", "::1", "10.0.0.5", "172.16.3.4", "192.168.1.20", "fd00::7",
           "169.254.169.254", "169.254.1.1", "fe80::1", "0.0.0.0", "::", "224.0.0.251", "ff02::1",
           "240.0.0.1", "100.64.0.1", "::ffff:127.0.0.1", "::ffff:169.254.169.254"]  # fmt: skip


class Dns:
    """A resolver answering from a script, one answer per call (a rebinding name changes its answer)."""

    def __init__(self, **answers: list[str] | Iterator[list[str]]) -> None:
        self.answers = answers
        self.calls: list[str] = []

    async def __call__(self, host: str, port: int) -> list[Address]:
        self.calls.append(host)
        answer = self.answers.get(host.replace(".", "_").replace("-", "_"), [])
        found = answer if isinstance(answer, list) else next(answer)
        return [ipaddress.ip_address(a) for a in found]


def guard(allow: str = "", dns: Dns | None = None) -> TargetGuard:
    own = [("db.zones.internal", 5432), ("broker.zones.internal", 9092), ("smtp.zones.internal", 25)]
    dns = dns or Dns(db_zones_internal=["203.0.113.80"], oa_example=["93.184.216.34"])
    return TargetGuard(TargetRules.of(allow, [h for h, _ in own]), own, dns)


@pytest.mark.parametrize("address", REFUSED)
async def test_every_non_public_address_is_refused_in_both_languages(address: str) -> None:
    host = f"[{address}]" if ":" in address else address
    with pytest.raises(Refused) as refused:
        await guard().check(f"http://{host}:8080/hook")
    [reason] = refused.value.reasons
    assert reason.code == "webhook_target_not_allowed" and reason.field == "webhook_url"
    assert "ZONES_WEBHOOK_ALLOW" in reason.message_zh and "ZONES_WEBHOOK_ALLOW" in reason.message_en
    assert len(REFUSED) == 18


async def test_the_deployments_own_hosts_are_refused_by_name_and_by_address() -> None:
    dns = Dns(db_zones_internal=["203.0.113.80"], looks_public_example=["203.0.113.80"])
    for url in (
        "http://db.zones.internal:5432/",
        "https://SMTP.zones.internal./x",
        "http://looks-public.example/",
    ):
        with pytest.raises(Refused):
            await guard(dns=dns).check(url)
    await guard(dns=Dns(oa_example=["93.184.216.34"])).check("https://oa.example/hooks")  # public: fine


async def test_a_name_answering_one_private_address_among_public_ones_is_refused() -> None:
    with pytest.raises(Refused):
        await guard(dns=Dns(mixed_example=["93.184.216.34", "10.1.1.1"])).check("https://mixed.example/")
    with pytest.raises(Refused) as refused:
        await guard(dns=Dns()).check("https://nowhere.example/")
    assert refused.value.reasons[0].code == "webhook_host_unresolved"


async def test_the_allow_list_names_hosts_addresses_and_networks() -> None:
    await guard("127.0.0.1").check("http://127.0.0.1:8150/hooks")
    await guard("10.0.0.0/8").check("http://10.20.30.40/hooks")
    dns = Dns(hooks_lan=["192.168.7.7"])
    await guard("hooks.lan", dns).check("http://hooks.lan/x")
    with pytest.raises(Refused):
        await guard("10.0.0.0/8").check("http://192.168.1.1/hooks")  # another network stays refused


async def test_at_send_the_request_goes_to_the_address_that_was_checked() -> None:
    seen: list[httpx.Request] = []

    def receive(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(204)

    transport = httpx.MockTransport(receive)
    rebinding = Dns(oa_example=iter([["93.184.216.34"], ["127.0.0.1"]]))
    poster = HttpWebhookPoster(guard(dns=rebinding), transport=transport)
    await poster.post("https://oa.example/hooks?x=1", b"{}", {"webhook-id": "d1"})
    [sent] = seen
    assert (sent.url.host, sent.url.path, sent.url.query) == (str(PUBLIC), "/hooks", b"x=1")
    assert sent.headers["host"] == "oa.example" and sent.extensions["sni_hostname"] == "oa.example"
    assert rebinding.calls.count("oa.example") == 1  # resolved once, checked, connected to
    with pytest.raises(TargetNotAllowed, match="loopback"):  # the next answer is checked again
        await poster.post("https://oa.example/hooks", b"{}", {})
    assert len(seen) == 1


async def test_what_the_receiver_answers_never_comes_back_only_its_status() -> None:
    body = "Traceback: password=hunter2 at db-7.internal"
    transport = httpx.MockTransport(lambda r: httpx.Response(500, text=body))
    with pytest.raises(WebhookFailed) as failed:
        await HttpWebhookPoster(guard(), transport=transport).post("https://oa.example/h", b"{}", {})
    assert str(failed.value) == "HTTP 500 Internal Server Error"
    # the deliveries API shows a row written before bodies were dropped by its status only
    assert shown_error(f"WebhookRefused: HTTP 500: {body}") == "WebhookRefused: HTTP 500"
    assert shown_error("WebhookFailed: HTTP 500 Internal Server Error") == (
        "WebhookFailed: HTTP 500 Internal Server Error"
    )
    assert shown_error("ConnectError: https://oa.example/hooks?token=abc refused") == (
        "ConnectError: https://oa.example/… refused"
    )
