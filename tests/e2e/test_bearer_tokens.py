"""Every service of the e2e stack requires a bearer token; the demo's actors each act with their own."""

from __future__ import annotations

import httpx
import pytest

from console.local.demo import Topology, drive_path, shandong_application, submit
from console.local.demo_actors import ActorTokens
from console.local.stack import LocalStack, issue_local

pytestmark = pytest.mark.e2e


async def test_no_token_is_401_and_never_data(topo: Topology) -> None:
    reads = {
        topo.intake: "/applications",
        topo.prefecture: "/tasks",
        topo.province: "/tasks",
        topo.monitoring: "/zones",
        topo.notify: "/deliveries",
    }
    async with httpx.AsyncClient(timeout=10.0) as anonymous:
        for inst, path in reads.items():
            resp = await anonymous.get(f"{inst.url}{path}")
            assert resp.status_code == 401, (inst.name, resp.text)
            body = resp.json()
            assert "Bearer" in body["reasons"][0]["message_zh"] and "items" not in body, inst.name
            forged = await anonymous.get(f"{inst.url}{path}", headers={"Authorization": "Bearer zt1.x.y"})
            assert forged.status_code == 401, inst.name
            assert (await anonymous.get(f"{inst.url}/healthz")).status_code == 200  # probes stay open


async def test_the_demo_path_with_each_actor_s_own_token(stack: LocalStack, topo: Topology) -> None:
    actors = ActorTokens(lambda sub, role, code: issue_local(stack, sub, role, code, 1.0), topo)
    actors.applicant = "370117"
    async with httpx.AsyncClient(timeout=10.0, auth=actors) as client:
        resp = await submit(client, topo.intake, shandong_application("370117"))
        assert resp.status_code == 201, resp.text
        app_id = resp.json()["id"]
        result = await drive_path(client, topo, app_id)
        assert result.application["status"] == "designated"

    # another county's applicant sees neither the application nor it in its list
    other = issue_local(stack, "济南市历下区", "applicant", "370102")
    headers = {"Authorization": f"Bearer {other}"}
    async with httpx.AsyncClient(timeout=10.0, headers=headers) as county:
        assert (await county.get(f"{topo.intake.url}/applications/{app_id}")).status_code == 404
        listed = (await county.get(f"{topo.intake.url}/applications")).json()
        assert app_id not in {a["id"] for a in listed}
        zone = result.zone["id"]
        assert (await county.get(f"{topo.monitoring.url}/zones/{zone}")).status_code == 404
        # a county may not submit for another county
        refused = await county.post(f"{topo.intake.url}/applications", json=shandong_application("370116"))
        assert refused.status_code == 403, refused.text
