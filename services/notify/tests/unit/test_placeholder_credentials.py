"""Notify refuses to start while its SMTP password is still a placeholder (issue 14)."""

from __future__ import annotations

import pytest

from services.notify.settings import NotifySettings
from shared.settings import Settings
from tests.support.issuer import ISSUERS


def test_a_real_smtp_password_starts() -> None:
    assert NotifySettings(token_issuers=ISSUERS, smtp_password="s3cr3t-relay").auth_problem() is None


def test_a_placeholder_smtp_password_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    problem = NotifySettings(token_issuers=ISSUERS, smtp_password="change-me").auth_problem()
    assert problem and "ZONES_SMTP_PASSWORD" in problem
    # `zones serve notify` checks with the shared settings: it reads notify's password from the environment
    monkeypatch.setenv("ZONES_SMTP_PASSWORD", "change-me")
    assert "ZONES_SMTP_PASSWORD" in str(Settings(service="notify", token_issuers=ISSUERS).auth_problem())
    assert Settings(service="review", token_issuers=ISSUERS).auth_problem() is None
