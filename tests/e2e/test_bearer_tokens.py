"""Every service of the e2e stack requires a bearer token; the demo's actors each act with their own."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from console.local.demo import Topology, drive_path, shandong_application, submit
from console.local.demo_actors import ActorTokens
from console.local.stack import LocalStack, audience_of, issue_local
from shared.security.local_issuer import LocalIssuer

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
            alg_none = {"Authorization": "Bearer eyJhbGciOiJub25lIn0.e30."}
            forged = await anonymous.get(f"{inst.url}{path}", headers=alg_none)
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


async def test_shandong_s_review_knows_only_its_stack_s_issuer_and_its_own_name(
    stack: LocalStack, topo: Topology, tmp_path: Path
) -> None:
    """The running review-370000 process: a token of another issuer (Jinan's), or of the stack's own
    issuer but for another instance, is 401; the stack's own for it is let in, and one for Jinan's
    territory is still kept out of Shandong's stages (403)."""
    jinan = LocalIssuer.init(tmp_path / "jinan", "zones-370100", "370100")
    here, sd = audience_of(topo.province), ("山东省民政厅 赵强", "reviewer", "370000")
    tokens = {
        "jinan's issuer": jinan.token(here, "济南市民政局 李明", "reviewer", "370100"),
        "for jinan's review": stack.issuer().token(audience_of(topo.prefecture), *sd),
        "own": issue_local(stack, *sd, hours=1),
        "own, jinan's official": issue_local(stack, "济南市民政局 李明", "reviewer", "370100", hours=1),
    }
    got = {}
    async with httpx.AsyncClient(timeout=10.0) as c:
        for name, token in tokens.items():
            resp = await c.get(f"{topo.province.url}/tasks", headers={"Authorization": f"Bearer {token}"})
            got[name] = (
                resp.status_code,
                resp.json()["reasons"][0]["message_en"] if resp.status_code >= 400 else "",
            )
    assert got == {
        "jinan's issuer": (401, "not authenticated: unknown issuer"),
        "for jinan's review": (401, "not authenticated: token not meant for review-370000 (aud)"),
        "own": (200, ""),
        "own, jinan's official": (403, "370000 is outside 370100"),
    }
