"""The session says which servers it uses; asked for containers where no engine runs, it stops with
a clear message instead of failing test by test (conftest.py, tests/support/containers.py)."""

from __future__ import annotations

from typing import Any

import pytest

import conftest
from tests.support import containers


def test_without_the_variable_the_session_says_it_uses_the_embedded_servers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(containers.ENV, raising=False)
    assert conftest.pytest_report_header().startswith("servers: embedded (PostgreSQL wheel, Tansu broker)")
    conftest.pytest_sessionstart(Any)  # type: ignore[arg-type]  # nothing to check, nothing stops
    monkeypatch.setenv(containers.ENV, "1")
    assert conftest.pytest_report_header().startswith("servers: containers (ZONES_TEST_CONTAINERS=1)")


def test_with_the_variable_and_no_engine_the_session_stops_with_the_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if containers.engine_problem() is None:
        pytest.skip("a container engine answers here: the variable would start containers")
    monkeypatch.setenv(containers.ENV, "1")
    with pytest.raises(pytest.exit.Exception) as stopped:
        conftest.pytest_sessionstart(Any)  # type: ignore[arg-type]
    assert stopped.value.returncode == pytest.ExitCode.USAGE_ERROR  # nothing ran, nothing crashed
    assert "ZONES_TEST_CONTAINERS=1 asks for PostgreSQL and Kafka containers" in stopped.value.msg
    assert "unset ZONES_TEST_CONTAINERS" in stopped.value.msg
