"""Signed events between instances (one key each, trusted through the stack's signed bundle): the path
works signed; forgeries — including intake's own genuine key signing a designation — are quarantined,
never applied."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from console.local.demo import Topology, drive_path, shandong_application, submit
from console.local.stack import LocalStack
from console.local.trust_material import local_member
from shared.events.envelope import Envelope
from shared.events.schemas import ApplicantRef, ZoneDesignated
from shared.events.topics import DEAD_LETTER, ZONES
from shared.security.signing import Signer
from tests.e2e.conftest import running_stack
from tests.support.kafka_tools import header, produce, read_all

pytestmark = pytest.mark.e2e
BASE = int(os.environ.get("ZONES_E2E_TRUST_BASE_PORT", "9801"))
COUNTY = Signer.generate("review-370103-local")  # a county's review, in the bundle as an outside member


@pytest.fixture(scope="module")
def signed_stack(pg_server: str) -> Iterator[LocalStack]:
    env = os.environ.get
    with running_stack(
        "e2e-trust",
        BASE,
        int(env("ZONES_E2E_TRUST_KAFKA_PORT", "19892")),
        int(env("ZONES_E2E_TRUST_SMTP_PORT", "1825")),
        pg_server,
        signing=True,
        trusted_extra=[local_member(COUNTY, "review", "370103")],
    ) as s:
        yield s


def forged(source: str) -> Envelope:
    now = datetime(2027, 5, 31, tzinfo=UTC)  # before the stack's clock: a date ahead of it is refused
    event = ZoneDesignated(
        zone_id=str(uuid.uuid4()),
        application_id=str(uuid.uuid4()),
        programme="shandong-zones",
        programme_version=1,
        applicant=ApplicantRef(code="370103", name="济南市市中区"),
        title="伪造",
        theme="x",
        designated_by=source.split("/")[2],
        document_no="鲁民函〔2027〕99号",
        designated_at=now,
        period_start=now.date(),
        period_end=now.date(),
    )
    return Envelope.wrap(event, source=source, time=now)


async def test_the_path_works_signed_and_forgeries_are_quarantined(signed_stack: LocalStack) -> None:
    topo = Topology.of(signed_stack.topology)
    keys = Path(signed_stack.workdir) / "keys"
    province = Signer.from_private_text(
        "review-370000-local", (keys / "review-370000.key").read_text(encoding="utf-8")
    )
    intake = Signer.from_private_text("intake-000000-local", (keys / "intake-000000.key").read_text("utf-8"))
    async with httpx.AsyncClient(timeout=10.0) as client:
        app = (await submit(client, topo.intake, shandong_application("370103"))).json()
        result = await drive_path(client, topo, app["id"], wait_s=90)
        assert result.application["status"] == "designated"
        records = await read_all(signed_stack.bootstrap, ZONES)
        assert all(header(r, "ce_signature") and header(r, "ce_keyid") for r in records)

        good = province.sign(forged("/jurisdictions/370000/review"))
        cases = {
            "unsigned": forged("/jurisdictions/370000/review"),
            "unknown_key": Signer.generate("review-370000-stolen").sign(
                forged("/jurisdictions/370000/review")
            ),
            # the public-facing intake's genuine key: neither as itself nor posing as review
            "type_not_allowed": intake.sign(forged("/jurisdictions/000000/intake")),
            "wrong_service": intake.sign(forged("/jurisdictions/000000/review")),
            "bad_signature": replace(good, data={**good.data, "document_no": "鲁民函〔2027〕100号"}),
            "wrong_signer": COUNTY.sign(forged("/jurisdictions/370000/review")),
            "not_authorised": COUNTY.sign(forged("/jurisdictions/370103/review")),
        }
        for env in cases.values():
            await produce(
                signed_stack.bootstrap,
                ZONES,
                env.value(),
                [(k, v.encode()) for k, v in env.headers().items()],
                env.subject.encode(),
            )

        async def quarantined() -> dict[str, str]:
            dead = await read_all(signed_stack.bootstrap, DEAD_LETTER)
            found = {}
            for r in dead:
                if header(r, "x-dlq-consumer") == "monitoring-000000":
                    found[r.key.decode()] = header(r, "x-dlq-reason") or ""
            return found

        deadline = asyncio.get_running_loop().time() + 30
        while True:
            found = await quarantined()
            if all(env.subject in found for env in cases.values()):
                break
            assert asyncio.get_running_loop().time() < deadline, found
            await asyncio.sleep(0.5)
        for code, env in cases.items():
            assert found[env.subject].startswith(f"untrusted: {code}"), (code, found[env.subject])
            zones = (await client.get(f"{topo.monitoring.url}/zones/{env.subject}")).status_code
            assert zones == 404, code
