"""Intake against real PostgreSQL: a submission stores the application and its event in one transaction."""

from __future__ import annotations

from typing import Any

import pytest

from services.intake.domain.commands import SubmitApplication
from services.intake.service_layer import handlers
from services.intake.tests.integration.conftest import count
from shared.errors import Refused
from shared.programmes.loader import default_catalogue

pytestmark = pytest.mark.integration


def shandong(**over: object) -> SubmitApplication:
    plan = "本区坚持以人民为中心，推进社区治理创新。" * 60
    data: dict[str, Any] = dict(
        programme="shandong-zones",
        applicant_code="370103",
        applicant_name="济南市市中区",
        title="智慧社区",
        theme="推进智慧社区建设",
        period_months=24,
        contact_email="sq@jnsz.gov.cn",
        guidance_expert="王教授",
        plan={k: plan for k in ("background", "theme_goals", "measures", "safeguards")},
    )
    data.update(over)
    return SubmitApplication(**data)


async def test_submission_writes_application_and_outbox_row_together(uow_factory) -> None:
    app = await handlers.handle_submit_application(shandong(), uow_factory(), default_catalogue())
    assert app.reference_no == "SZ-2027-370103-01"
    assert await count(uow_factory(), "applications") == 1
    assert await count(uow_factory(), "outbox") == 1


async def test_refusal_stores_nothing(uow_factory) -> None:
    with pytest.raises(Refused) as err:
        await handlers.handle_submit_application(shandong(theme="别的"), uow_factory(), default_catalogue())
    assert [r.code for r in err.value.reasons] == ["theme_not_listed"]
    assert await count(uow_factory(), "applications") == 0
    assert await count(uow_factory(), "outbox") == 0


async def test_second_open_application_is_refused(uow_factory) -> None:
    await handlers.handle_submit_application(shandong(), uow_factory(), default_catalogue())
    with pytest.raises(Refused) as err:
        await handlers.handle_submit_application(shandong(), uow_factory(), default_catalogue())
    assert [r.code for r in err.value.reasons] == ["duplicate_open_application"]


async def test_a_submission_is_appended_to_a_verifiable_history(uow_factory: Any) -> None:
    from sqlalchemy import text

    from shared.db import audit

    app = await handlers.handle_submit_application(shandong(), uow_factory(), default_catalogue())
    uow = uow_factory()
    async with uow:
        report = await audit.verify(uow.session, app.id)
        assert report.ok and report.entries == 1
        await uow.session.execute(text("UPDATE audit_log SET actor = 'someone else'"))
        assert not (await audit.verify(uow.session, app.id)).ok
