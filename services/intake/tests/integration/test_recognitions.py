"""Issue 17.1–2: a recognised dossier or self-nomination is closed as what it is, not as a zone.
001:499 经评估合格后，即以“全国农村社区建设实验全覆盖示范单位”名义进行宣传推广; 002:10 the 2014 提名成果."""

from __future__ import annotations

import pytest

from services.intake.service_layer import handlers
from services.intake.tests.integration.conftest import UowFactory, count, decided, follow, reach
from services.intake.tests.unit.drafts import IN_EVERY_WINDOW, draft
from shared.clock import FixedClock
from shared.programmes.loader import default_catalogue

pytestmark = pytest.mark.integration
CATALOGUE = default_catalogue()


async def test_a_recognition_closes_the_application_without_a_zone(
    uow_factory: UowFactory, clock: FixedClock
) -> None:
    """001:499 and 002:10: status recognised, nothing kept as a designated zone (no exclusion follows)."""
    clock.at = IN_EVERY_WINDOW
    checked = []
    for key, stage, outcome in (
        ("rural-full-coverage", "evaluation", "qualified"),
        ("top10-innovation", "announcement", "nominated"),
    ):
        app = await handlers.handle_submit_application(draft(key), uow_factory(), CATALOGUE)
        code, theme = app.applicant_code, app.theme
        await reach(uow_factory, app.id, stage, code=code, key=key)
        ruled = decided(app.id, stage, "recognise", code=code, theme=theme, programme=key, outcome=outcome)
        await follow(uow_factory, ruled)
        found = await handlers.get_application(app.id, uow_factory())
        assert (found.status.value, found.stage) == ("recognised", None)
        assert found.history[-1].what == f"{stage}:{outcome}"
        checked.append(key)
    assert len(checked) == 2 and await count(uow_factory(), "designations") == 0
