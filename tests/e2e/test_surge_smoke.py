"""The surge benchmark's code path (tests/bench/surge.py) on the e2e stack with 20 applications: each
county's own token, intake's HTTP API, one open task per application at its province, counted through
review's HTTP API. No figure is asserted: the benchmark prints them."""

from __future__ import annotations

import pytest

from console.local.stack import LocalStack
from shared import jurisdictions as j
from tests.bench.surge_run import Surge

pytestmark = pytest.mark.e2e


async def test_a_small_surge_becomes_one_provincial_task_each(stack: LocalStack) -> None:
    # 000:41 实验区主要以市辖区为申报单位; national-zones' first stage is the provincial review
    codes = [c for c in j.county_level_units() if c.startswith("37")][-20:]  # 滨州, 菏泽: no other test's
    assert len(codes) == 20 and all(j.owner_at(c, j.Level.PROVINCE) == "370000" for c in codes)
    figures = await Surge(stack, codes).run(window_s=2.0)
    assert figures["error_samples"] == [] and figures["accepted"] == 20 and figures["errors"] == 0
    assert figures["tasks"] == 20 and figures["lost"] == figures["duplicated"] == figures["misplaced"] == 0
    assert len(figures["latencies"]) == 20  # type: ignore[arg-type]
