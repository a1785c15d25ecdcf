"""A whole round of the two programmes no other end-to-end test runs from start to end (issue 17: "the
end-to-end suite runs one whole round of each of the six programmes"; national, Shandong, Jilin:
test_review_routes.py, Shandong again: test_shandong_path.py, top-10: test_review_top10.py).

- Rural full coverage (001:499 "经评估合格后，即以“全国农村社区建设实验全覆盖示范单位”名义进行宣传推广"):
  a county's self-nomination through intake, the ministry's evaluation, a title — no zone, no period.
- Harmonious-community liaison (001:425 "各省（区、市）民政厅（局）要不定期对本地区的示范单位进行检查…
  对长期工作不力、改进效果不明显的，建议取消示范单位称号"; 001:385 民政部命名表彰): a street registered,
  its province inspects it, finds it poor and proposes withdrawing the title; the ministry decides.
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from console.local.demo import Topology, poll, submit
from console.local.mailcatcher import read_index
from console.local.stack import LocalStack
from shared import jurisdictions as j
from tests.support.review_tools import Reviews, decide, intake_status, open_task, post, reviews

pytestmark = pytest.mark.e2e
__all__ = ["reviews"]
TEXT = "本县以农村社区为单元，推进党组织领导下的村民自治，完善服务设施和运行机制，形成可复制的经验。" * 5


def rural(code: str, email: str) -> dict[str, Any]:
    return {
        "programme": "rural-full-coverage",
        "applicant_code": code,
        "applicant_name": j.name(code),
        "title": f"{j.name(code)}农村社区建设实验全覆盖",
        "contact_email": email,
        "form": {
            **{k: TEXT for k in ("leadership", "planning", "facilities", "services", "management")},
            "facility_radius_km": 2.5,
            "walking_minutes": 20,
        },
    }


async def test_a_rural_self_nomination_ends_in_a_title_not_a_zone(
    topo: Topology, reviews: Reviews, client: httpx.AsyncClient, stack: LocalStack
) -> None:
    email = f"py-{uuid.uuid4().hex[:8]}@mz.example.gov.cn"
    # 济南市商河县: no other end-to-end test names it (notify keeps an applicant's first mailbox)
    resp = await submit(client, topo.intake, rural("370126", email))
    assert resp.status_code == 201, resp.text
    app_id = resp.json()["id"]
    ministry, head = reviews.ministry, reviews.head
    task = await open_task(client, ministry, app_id, "evaluation", head)
    done = await decide(client, ministry, task, "qualified", head)
    assert done["effect"] == "recognise" and done["document_no"].startswith("民函〔")
    await intake_status(client, topo.intake, app_id, "recognised")
    zones = await client.get(f"{topo.monitoring.url}/zones", params={"application_id": app_id})
    assert zones.status_code == 200 and zones.json() == []  # a title is not a zone

    async def told() -> list[str] | None:
        got = [str(m["subject"]) for m in read_index(stack.mail_dir) if email in str(m["to"])]
        return got if any("结果通知" in s for s in got) else None

    subjects = await poll(told, "the county's result notice", 30)
    result = next(s for s in subjects if "结果通知" in s)
    assert "全国农村社区建设实验全覆盖示范单位" in result and "实验区" not in result


async def test_a_units_title_is_withdrawn_on_its_provinces_proposal_by_the_ministry(
    topo: Topology, reviews: Reviews, client: httpx.AsyncClient
) -> None:
    unit = await post(
        client,
        f"{topo.intake.url}/demonstration-units",
        {
            "programme": "harmonious-demo-liaison",
            "unit_type": "street",
            "unit_name": f"济南市市中区大观园街道{uuid.uuid4().hex[:4]}",
            "jurisdiction_code": "370103",
            "reporting_cadence": "quarterly",
            "contact_email": "dgy@mz.example.gov.cn",
            "liaison_level": "province",
            "title_document": "民函〔2026〕12号",
        },
        want=201,
    )
    unit_id = unit["id"]

    async def kept() -> dict[str, Any] | None:
        found = await client.get(f"{topo.monitoring.url}/zones/{unit_id}")
        return found.json() if found.status_code == 200 else None

    await poll(kept, "monitoring to keep the unit", 30)
    province = reviews.token("山东省民政厅 王敏", "reviewer", "370000")
    inspected = await post(
        client,
        f"{topo.monitoring.url}/zones/{unit_id}/inspections",
        {
            "kind": "inspection",
            "inspected_on": "2027-06-01",
            "findings": "居民议事会一年未开，社区服务站长期关闭。",
            "rating": "poor",
            "follow_up_required": False,
            "follow_up": "",
            "inspector": "山东省民政厅 王敏",
        },
        province,
        want=201,
    )
    await post(
        client,
        f"{topo.monitoring.url}/zones/{unit_id}/revocation-proposals",
        {"inspection_id": inspected["id"], "summary": "长期工作不力，改进效果不明显，建议取消示范单位称号。"},
        province,
        want=201,
    )
    ministry, head = reviews.ministry, reviews.head
    task = await open_task(client, ministry, unit_id, "request:revocation", head)
    await decide(client, ministry, task, "revoked", head)

    async def revoked() -> dict[str, Any] | None:
        zone = await kept()
        return zone if zone and zone["state"] == "revoked" else None

    await poll(revoked, "the unit's title withdrawn", 30)
