"""A throwaway token issuer for tests: Settings(token_issuers=ISSUERS) trusts it; `token` mints for it."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

from shared.security.local_issuer import LocalIssuer

ISSUER = LocalIssuer.init(Path(tempfile.mkdtemp(prefix="zones-test-issuer-")), "zones-test", "000000")
ISSUERS = str(ISSUER.issuers_file)


def mint(
    audience: str, subject: str, role: str, jurisdiction: str, ttl: timedelta = timedelta(hours=1)
) -> str:
    """A token from the test issuer for the instance named `audience` (its `Settings.audience`)."""
    return ISSUER.token(audience, subject, role, jurisdiction, ttl)
