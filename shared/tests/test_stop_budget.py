"""A graceful stop's shares add up to ZONES_STOP_TIMEOUT_S, so the whole stop fits the grace period."""

from __future__ import annotations

import pytest

from shared.runtime.shutdown import StopBudget
from shared.settings import Settings

CASES = [(20.0, 10.0, (5.0, 10.0, 5.0)), (8.0, 10.0, (2.0, 4.0, 2.0)), (60.0, 3.0, (5.0, 52.0, 3.0))]


@pytest.mark.parametrize(("stop", "shutdown", "shares"), CASES)
def test_the_shares_add_up_to_the_budget(stop: float, shutdown: float, shares: tuple[float, ...]) -> None:
    b = StopBudget.of(stop, shutdown)
    assert (b.http_s, b.drain_s, b.close_s) == shares
    assert b.http_s + b.drain_s + b.close_s == pytest.approx(stop)
    assert b.http_whole_s <= b.http_s


def test_the_defaults_fit_the_deploy_grace_period() -> None:
    b = StopBudget.of(Settings().stop_timeout_s, Settings().shutdown_timeout_s)
    assert b.total_s == 20 and b.http_s + b.drain_s + b.close_s == 20  # + 5 s preStop < 30 s (Helm)
