from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from shared.security.tokens import InvalidToken, issue, verify

NOW = datetime(2027, 6, 1, tzinfo=UTC)
SECRET = b"deployment-secret"


def test_a_token_names_its_holder_and_territory() -> None:
    token = issue(SECRET, "李明", "reviewer", "370100", timedelta(days=30), NOW)
    who = verify(SECRET, token, NOW)
    assert (who.subject, who.role, who.jurisdiction) == ("李明", "reviewer", "370100")
    assert who.covers("370103") and not who.covers("370202")
    applicant = verify(SECRET, issue(SECRET, "市中区", "applicant", "370103", timedelta(days=1), NOW), NOW)
    assert applicant.covers("370103") and not applicant.covers("370104")


@pytest.mark.parametrize(
    ("mangle", "why"),
    [
        (lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"), "signature"),
        (lambda t: "zt0" + t[3:], "malformed"),
        (lambda t: t.split(".")[0], "malformed"),
    ],
)
def test_a_forged_token_is_refused(mangle: Any, why: str) -> None:
    token = issue(SECRET, "李明", "reviewer", "370100", timedelta(days=1), NOW)
    with pytest.raises(InvalidToken, match=why):
        verify(SECRET, mangle(token), NOW)


def test_an_expired_token_or_another_deployments_token_is_refused() -> None:
    token = issue(SECRET, "李明", "reviewer", "370100", timedelta(hours=1), NOW)
    with pytest.raises(InvalidToken, match="expired"):
        verify(SECRET, token, NOW + timedelta(hours=2))
    with pytest.raises(InvalidToken, match="signature"):
        verify(b"other", token, NOW)
