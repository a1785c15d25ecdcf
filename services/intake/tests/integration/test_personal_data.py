"""Issue 7: a guidance expert's name given to intake stays in intake's database; the event other
jurisdictions read says only that an expert is named."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from services.intake.service_layer import handlers
from services.intake.tests.integration.conftest import UowFactory, outbox
from services.intake.tests.integration.test_submit import shandong
from shared.programmes.loader import default_catalogue
from tests.support.outbox import outbox_text

pytestmark = pytest.mark.integration
EXPERT = "王振华（山东省基层政权建设和社区治理专家委员会委员，手机13912345678）"


async def test_the_guidance_experts_name_is_kept_here_and_not_sent(uow_factory: UowFactory) -> None:
    app = await handlers.handle_submit_application(
        shandong(guidance_expert=EXPERT), uow_factory(), default_catalogue()
    )
    uow = uow_factory()
    async with uow:
        sent = await outbox_text(uow.session)
        kept = (await uow.session.execute(text("SELECT guidance_expert FROM applications"))).scalar_one()
    assert kept == EXPERT
    assert "zones.application.submitted.v1" in sent
    assert "王振华" not in sent and "13912345678" not in sent
    [(_, payload)] = await outbox(uow_factory())
    assert payload["guidance_expert"] == f"guidance_expert:370103:{app.id.replace('-', '')[:8]}"
    assert payload["contact_email"] == "sq@jnsz.gov.cn"  # the unit's public mailbox: notify needs it
