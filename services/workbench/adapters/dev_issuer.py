"""Development sign-in: tokens from the local stack's own issuer (<workdir>/issuer, `zones run`).

Only when ZONES_DEV_SIGNIN_ISSUER names that folder; a production deployment signs people in through
its identity provider and has no issuer key beside the workbench.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from services.workbench.domain.actors import Actor
from shared.security.local_issuer import LocalIssuer


class DevIssuer:
    def __init__(self, folder: Path, audience: list[str]) -> None:
        self.issuer = LocalIssuer.open(folder)
        self.audience = audience

    def token(self, actor: Actor, hours: float = 8.0) -> str:
        return self.issuer.token(
            self.audience, actor.subject, actor.role, actor.jurisdiction, timedelta(hours=hours)
        )
