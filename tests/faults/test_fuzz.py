"""Every HTTP API fuzzed from its own OpenAPI document (schemathesis strategies): no input gives a 5xx.

schemathesis's own pytest plugin does not run under this pytest, so each operation's case strategy
is driven by Hypothesis directly.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from console.local.stack import LocalStack

pytestmark = pytest.mark.faults
EXAMPLES = 15
QUIET = list(HealthCheck)


@pytest.mark.parametrize(
    "name", ["intake-000000", "review-370100", "review-370000", "monitoring-000000", "notify-000000"]
)
def test_no_input_gives_a_server_error(fault_stack: LocalStack, name: str) -> None:
    inst = next(i for i in fault_stack.topology if i.name == name)
    schema = schemathesis.openapi.from_url(f"{inst.url}/openapi.json")
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()  # type: ignore[union-attr]  # an invalid schema fails the test here
        operations += 1

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None
        )
        def fuzz(case: Any) -> None:
            response = case.call(base_url=inst.url, timeout=10)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} → {response.status_code}")

        fuzz()
    assert operations > 3
    assert not failures, failures[:10]
