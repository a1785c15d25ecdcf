"""Who acts in the demo: each request carries the token of the official (or county) acting there."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import httpx

from console.local.stack import ROOT, audience_of
from shared.security.local_issuer import KEY_FILE, LocalIssuer

if TYPE_CHECKING:
    from console.local.demo import Topology

Mint = Callable[[str, str, str], str]  # (subject, role, jurisdiction) -> a bearer token


class ActorTokens(httpx.Auth):
    """Each request carries the token of whoever acts there: the applying county at intake, each
    review instance's own reviewer, Shandong's monitor, the national admin reading notify's records."""

    def __init__(self, mint: Mint, topo: Topology) -> None:
        self.mint, self.applicant = mint, "370103"
        self.by_port = {
            topo.prefecture.port: ("济南市民政局 李明", "reviewer", "370100"),
            topo.province.port: ("山东省民政厅 赵强", "reviewer", "370000"),
            topo.monitoring.port: ("山东省民政厅 监测", "monitor", "370000"),
            topo.notify.port: ("本地管理员", "admin", "000000"),
        }
        self.intake_port = topo.intake.port

    def auth_flow(self, request: httpx.Request) -> Any:
        if request.url.port == self.intake_port:
            actor = (f"{self.applicant} 申报单位", "applicant", self.applicant)
        else:
            actor = self.by_port[request.url.port or 80]
        request.headers["Authorization"] = f"Bearer {self.mint(*actor)}"
        yield request


def local_minter(workdir: str, topo: Topology) -> Mint | None:
    """Tokens from the running local stack's issuer (<workdir>/issuer, made by `zones run`) for every
    instance of `topo`; None when the stack has no issuer."""
    folder = ROOT / workdir / "issuer"
    if not (folder / KEY_FILE).exists():
        return None
    issuer = LocalIssuer.open(folder)
    audience = [
        audience_of(i) for i in (topo.intake, topo.prefecture, topo.province, topo.monitoring, topo.notify)
    ]
    return lambda subject, role, code: issuer.token(audience, subject, role, code, timedelta(hours=1))
