"""A service refuses to start while a credential is still a placeholder: the database
password in DATABASE_URL, notify's SMTP password (issue 14: no `change-me` ever serves)."""

from __future__ import annotations

import pytest

from shared.settings import Settings
from tests.support.issuer import ISSUERS

DB = "postgresql+asyncpg://zones:{}@db:5432/zones_intake_370000"


@pytest.mark.parametrize("password", ["change-me", "CHANGE-ME", "changeme", "<password>", "password"])
def test_a_placeholder_database_password_is_refused(password: str) -> None:
    problem = Settings(token_issuers=ISSUERS, database_url=DB.format(password)).auth_problem()
    assert problem and "DATABASE_URL" in problem and "占位" in problem
    # refused on a development machine too: a placeholder is never a password
    dev = Settings(auth_required=False, database_url=DB.format(password))
    assert dev.auth_problem() and "DATABASE_URL" in str(dev.auth_problem())


def test_real_or_absent_passwords_start() -> None:
    checked = 0
    for url in (DB.format("9f2c4e0b7d1a"), "postgresql+asyncpg://postgres@127.0.0.1:55432/zones"):
        assert Settings(token_issuers=ISSUERS, database_url=url).auth_problem() is None
        checked += 1
    assert checked == 2
